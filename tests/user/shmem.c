/*
 * shmem.c - the user-space suite `shmem`: sys:/shmem/new gives 16-hex-digit ids that
 * differ; sys:/shmem/<id> opens (a wrong id is ENOENT); mmap of it gives zeroed pages
 * shared by two mappings in one process and with a child (programs/shmemchild);
 * the first mmap fixes the size (longer is EINVAL); contents survive munmap while the
 * file is open; mmap of sys:/zero is unchanged. Run by init in test mode.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define PAGE 4096
#define RW (PROT_READ | PROT_WRITE)
#define CHILD "home:/bin/shmemchild"

/* Opens sys:/shmem/new and reads the id into @id (>= 17 bytes). The fd, or ERR. */
static fd_t new_object(char *id)
{
    fd_t fd = open("sys:/shmem/new");
    if (fd == ERR)
        return ERR;
    int64_t n = read(fd, id, 16);
    id[n > 0 ? n : 0] = '\0';
    return fd;
}

/* Runs shmemchild with its arguments; its exit status as a number, or -1. */
static int run_child(const char *id, const char *pages, const char *want, const char *fill)
{
    const char *argv[] = { CHILD, id, pages, want, fill, NULL };
    pid_t pid = spawn(argv, NULL, NULL, NULL);
    if (pid == ERR)
        return -1;
    fd_t w = openf("sys:/proc/%lld/wait", (long long)pid);
    if (w == ERR)
        return -1;
    char buf[32] = { 0 };
    int64_t n = read(w, buf, sizeof(buf) - 1);
    close(w);
    return n > 0 ? atoi(buf) : -1;
}

static size_t first_not(const unsigned char *p, size_t n, unsigned char v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return i;
    return n;
}

UTEST(id_is_16_hex_digits)
{
    char id[32];
    fd_t fd = new_object(id);
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(strlen(id), 16);
    for (int i = 0; i < 16; i++)
        UTEST_ASSERT((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'a' && id[i] <= 'f'));
    close(fd);
}

UTEST(two_ids_differ)
{
    char a[32], b[32];
    fd_t fa = new_object(a), fb = new_object(b);
    UTEST_ASSERT(fa != ERR && fb != ERR);
    UTEST_ASSERT(strcmp(a, b) != 0);
    close(fa);
    close(fb);
}

UTEST(open_by_id)
{
    char id[32];
    fd_t fd = new_object(id);
    fd_t g = openf("sys:/shmem/%s", id);
    UTEST_ASSERT(g != ERR);
    close(g);
    close(fd);
}

UTEST(wrong_id_enoent)
{
    char id[32];
    fd_t fd = new_object(id);
    id[15] = id[15] == '0' ? '1' : '0';
    errno = 0;
    UTEST_ASSERT(openf("sys:/shmem/%s", id) == ERR);
    UTEST_ASSERT_EQ(errno, ENOENT);
    errno = 0;
    UTEST_ASSERT(open("sys:/shmem/0123456789abcdef") == ERR);
    UTEST_ASSERT_EQ(errno, ENOENT);
    close(fd);
}

UTEST(dead_id_enoent)
{
    char id[32];
    fd_t fd = new_object(id);
    close(fd);
    for (int i = 0; i < 100; i++) { /* the reaper removes the file soon after */
        fd_t g = openf("sys:/shmem/%s", id);
        if (g == ERR) {
            UTEST_ASSERT_EQ(errno, ENOENT);
            return;
        }
        close(g);
        yield();
    }
    UTEST_FAIL("sys:/shmem/%s still opens", id);
}

UTEST(fresh_pages_are_zero)
{
    char id[32];
    fd_t fd = new_object(id);
    fd_t g = openf("sys:/shmem/%s", id);
    unsigned char *p = mmap(g, NULL, 4 * PAGE, RW);
    UTEST_ASSERT(p != NULL);
    UTEST_ASSERT_EQ(first_not(p, 4 * PAGE, 0), 4 * PAGE);
    munmap(p, 4 * PAGE);
    close(g);
    close(fd);
}

UTEST(two_mappings_share_pages)
{
    char id[32];
    fd_t fd = new_object(id);
    fd_t g = openf("sys:/shmem/%s", id);
    unsigned char *a = mmap(g, NULL, 2 * PAGE, RW);
    unsigned char *b = mmap(g, NULL, 2 * PAGE, RW);
    UTEST_ASSERT(a && b && a != b);
    a[0] = 0x5a;
    a[PAGE + 7] = 0xa5;
    UTEST_ASSERT_EQ(b[0], 0x5a);
    UTEST_ASSERT_EQ(b[PAGE + 7], 0xa5);
    b[100] = 42;
    UTEST_ASSERT_EQ(a[100], 42);
    munmap(a, 2 * PAGE);
    UTEST_ASSERT_EQ(b[0], 0x5a); /* the other mapping keeps the pages */
    munmap(b, 2 * PAGE);
    close(g);
    close(fd);
}

UTEST(mmap_of_new_open_works_too)
{
    char id[32];
    fd_t fd = new_object(id);
    unsigned char *a = mmap(fd, NULL, PAGE, RW);
    UTEST_ASSERT(a != NULL);
    a[1] = 9;
    fd_t g = openf("sys:/shmem/%s", id);
    unsigned char *b = mmap(g, NULL, PAGE, RW);
    UTEST_ASSERT(b != NULL);
    UTEST_ASSERT_EQ(b[1], 9);
    munmap(a, PAGE);
    munmap(b, PAGE);
    close(g);
    close(fd);
}

UTEST(longer_than_object_einval)
{
    char id[32];
    fd_t fd = new_object(id);
    void *a = mmap(fd, NULL, 2 * PAGE, RW);
    UTEST_ASSERT(a != NULL);
    errno = 0;
    UTEST_ASSERT(mmap(fd, NULL, 3 * PAGE, RW) == NULL);
    UTEST_ASSERT_EQ(errno, EINVAL);
    void *b = mmap(fd, NULL, PAGE, RW); /* shorter is fine */
    UTEST_ASSERT(b != NULL);
    munmap(a, 2 * PAGE);
    munmap(b, PAGE);
    close(fd);
}

UTEST(contents_survive_munmap_while_open)
{
    char id[32];
    fd_t fd = new_object(id);
    unsigned char *a = mmap(fd, NULL, PAGE, RW);
    UTEST_ASSERT(a != NULL);
    memset(a, 0x77, PAGE);
    munmap(a, PAGE);
    unsigned char *b = mmap(fd, NULL, PAGE, RW);
    UTEST_ASSERT(b != NULL);
    UTEST_ASSERT_EQ(first_not(b, PAGE, 0x77), PAGE);
    munmap(b, PAGE);
    close(fd);
}

UTEST(child_sees_and_writes_same_pages)
{
    char id[32];
    fd_t fd = new_object(id);
    unsigned char *a = mmap(fd, NULL, 3 * PAGE, RW);
    UTEST_ASSERT(a != NULL);
    memset(a, 17, 3 * PAGE);
    UTEST_ASSERT_EQ(run_child(id, "3", "17", "99"), 0);
    UTEST_ASSERT_EQ(first_not(a, 3 * PAGE, 99), 3 * PAGE);
    UTEST_ASSERT_EQ(run_child(id, "4", "-1", "1"), 3); /* longer: its mmap fails */
    munmap(a, 3 * PAGE);
    close(fd);
}

UTEST(child_maps_before_parent)
{
    char id[32];
    fd_t fd = new_object(id);
    UTEST_ASSERT_EQ(run_child(id, "2", "0", "5"), 0); /* zeroed, then filled */
    unsigned char *a = mmap(fd, NULL, 2 * PAGE, RW);
    UTEST_ASSERT(a != NULL);
    UTEST_ASSERT_EQ(first_not(a, 2 * PAGE, 5), 2 * PAGE);
    munmap(a, 2 * PAGE);
    close(fd);
}

UTEST(zero_mmap_unchanged)
{
    fd_t z = open("sys:/zero");
    unsigned char *p = mmap(z, NULL, 2 * PAGE, RW);
    UTEST_ASSERT(p != NULL);
    UTEST_ASSERT_EQ(first_not(p, 2 * PAGE, 0), 2 * PAGE);
    p[5] = 1;
    unsigned char *q = mmap(z, NULL, 2 * PAGE, RW);
    UTEST_ASSERT(q != NULL && q[5] == 0); /* private, not shared */
    munmap(p, 2 * PAGE);
    munmap(q, 2 * PAGE);
    close(z);
}

UTEST(other_files_enodev)
{
    fd_t fd = open("sys:/null");
    errno = 0;
    UTEST_ASSERT(mmap(fd, NULL, PAGE, RW) == NULL);
    UTEST_ASSERT_EQ(errno, ENODEV);
    close(fd);
}

int main(void)
{
    UTEST_BEGIN("shmem");
    UTEST_RUN(id_is_16_hex_digits);
    UTEST_RUN(two_ids_differ);
    UTEST_RUN(open_by_id);
    UTEST_RUN(wrong_id_enoent);
    UTEST_RUN(dead_id_enoent);
    UTEST_RUN(fresh_pages_are_zero);
    UTEST_RUN(two_mappings_share_pages);
    UTEST_RUN(mmap_of_new_open_works_too);
    UTEST_RUN(longer_than_object_einval);
    UTEST_RUN(contents_survive_munmap_while_open);
    UTEST_RUN(child_sees_and_writes_same_pages);
    UTEST_RUN(child_maps_before_parent);
    UTEST_RUN(zero_mmap_unchanged);
    UTEST_RUN(other_files_enodev);
    return UTEST_END();
}
