/*
 * syscall.c - the user-space suite `syscall`: the system calls themselves, through
 * libstd and through the raw `syscall` instruction. Ids, clocks, yield and sleep; then
 * the error paths every call shares: bad pointers (NULL, the kernel half, unmapped user
 * memory, a range past the end of user space) are EFAULT and never a crash, bad
 * descriptors are EBADF, bad paths and flags are EINVAL or ENAMETOOLONG, an unknown
 * call number is -ENOSYS; and the descriptor calls dup/dup2/seek. Run by init in test
 * mode (programs/init); the harness is tests/user/utest.h.
 */
#include <abi/syscall.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define KERNEL_PTR ((void *)0xffffffff80000000ull)   /* the kernel image */
#define UNMAPPED_PTR ((void *)0x7000000000ull)       /* user space, never mapped */
#define NEAR_USER_END ((void *)0x7ffffffff000ull)    /* last user page */
#define PAGE 4096
#define EPOCH_2024 (1704067200ull * NS_PER_SEC)      /* 2024-01-01 00:00 UTC */
#define EPOCH_2100 (4102444800ull * NS_PER_SEC)      /* 2100-01-01 00:00 UTC */

/* End the case unless @expr gives ERR with errno @code. */
#define ASSERT_FAILS(expr, code)                                                       \
    do {                                                                               \
        errno = 0;                                                                     \
        long long r_ = (long long)(expr);                                              \
        int e_ = errno;                                                                \
        if (r_ != ERR || e_ != (code)) {                                               \
            UTEST_FAIL("line %d: %s gave %lld errno %d, want ERR errno %d", __LINE__,  \
                       #expr, r_, e_, (int)(code));                                    \
            return;                                                                    \
        }                                                                              \
    } while (0)

/* The raw system call @n: the kernel's result (>= 0 or -errno), errno untouched. */
static int64_t raw_syscall(uint64_t n, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
    register uint64_t r10 __asm__("r10") = a4;
    __asm__ volatile("syscall"
                     : "+a"(n), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10)
                     :
                     : "rcx", "r11", "r8", "r9", "memory");
    return (int64_t)n;
}

/* Wait (at most @limit ns) until *@w == @want; a thread stores it and FUTEX_WAKEs. */
static bool wait_word(uint32_t *w, uint32_t want, uint64_t limit)
{
    uint64_t deadline = uptime() + limit;
    uint32_t v;
    while ((v = __atomic_load_n(w, __ATOMIC_ACQUIRE)) != want) {
        if (uptime() > deadline)
            return false;
        raw_syscall(SYS_futex, (uint64_t)(uintptr_t)w, v, FUTEX_WAIT, 50 * NS_PER_MS);
    }
    return true;
}

static void set_word(uint32_t *w, uint32_t v)
{
    __atomic_store_n(w, v, __ATOMIC_RELEASE);
    raw_syscall(SYS_futex, (uint64_t)(uintptr_t)w, INT_MAX, FUTEX_WAKE, 0);
}

/* Read the exit status of the child @pid (blocks until it exits). Returns its length. */
static int64_t child_status(pid_t pid, char *buf, size_t size)
{
    fd_t fd = openf("sys:/proc/%lld/wait", (long long)pid);
    if (fd == ERR)
        return ERR;
    int64_t n = read(fd, buf, size - 1);
    close(fd);
    if (n >= 0)
        buf[n] = '\0';
    return n;
}

/* A fresh sys:/zero mapping of @pages pages, or NULL. */
static char *map_pages(size_t pages)
{
    fd_t z = open("sys:/zero");
    if (z == ERR)
        return NULL;
    char *p = mmap(z, NULL, pages * PAGE, PROT_READ | PROT_WRITE);
    close(z);
    return p;
}

/* ---------------------------------------------------------------- ids and time */

static volatile pid_t ids_pid;
static volatile tid_t ids_tid;
static uint32_t ids_done;

static void ids_thread(void *arg)
{
    (void)arg;
    ids_pid = getpid();
    ids_tid = gettid();
    set_word(&ids_done, 1);
}

UTEST(getpid_gettid)
{
    pid_t pid = getpid();
    tid_t tid = gettid();
    UTEST_ASSERT(pid > 0);
    UTEST_ASSERT(tid > 0);
    UTEST_ASSERT_EQ(getpid(), pid);
    UTEST_ASSERT_EQ(gettid(), tid);
    UTEST_ASSERT_EQ(raw_syscall(SYS_getpid, 0, 0, 0, 0), pid);
    UTEST_ASSERT_EQ(raw_syscall(SYS_gettid, 0, 0, 0, 0), tid);
    /* the pid is the one sys:/proc knows us by */
    stat_t st;
    char path[64];
    snprintf(path, sizeof(path), "sys:/proc/%lld", (long long)pid);
    UTEST_ASSERT_EQ(stat(path, &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_DIR);
    /* another thread: same process, its own id, the one thread_create returned */
    ids_done = 0;
    tid_t t = thread_create(ids_thread, NULL);
    UTEST_ASSERT(t > 0);
    UTEST_ASSERT(t != tid);
    UTEST_ASSERT(wait_word(&ids_done, 1, 10 * NS_PER_SEC));
    UTEST_ASSERT_EQ(ids_pid, pid);
    UTEST_ASSERT_EQ(ids_tid, t);
    UTEST_ASSERT_EQ(gettid(), tid);
}

UTEST(uptime_monotonic_and_sleep)
{
    uint64_t prev = uptime();
    UTEST_ASSERT(prev > 0);
    for (int i = 0; i < 2000; i++) {
        uint64_t now = uptime();
        if (now < prev) {
            UTEST_FAIL("uptime went back from %llu to %llu", (unsigned long long)prev,
                       (unsigned long long)now);
            return;
        }
        prev = now;
    }
    for (int i = 0; i < 3; i++) {
        uint64_t t0 = uptime();
        UTEST_ASSERT_EQ(sleep(10 * NS_PER_MS), 0);
        uint64_t d = uptime() - t0;
        if (d < 10 * NS_PER_MS || d >= 2 * NS_PER_SEC) {
            UTEST_FAIL("sleep(10 ms) took %llu ns", (unsigned long long)d);
            return;
        }
    }
    uint64_t t0 = uptime();
    UTEST_ASSERT_EQ(sleep(1), 0);
    UTEST_ASSERT(uptime() > t0);
}

UTEST(epoch_plausible)
{
    uint64_t e1 = epoch();
    UTEST_ASSERT(e1 > EPOCH_2024);
    UTEST_ASSERT(e1 < EPOCH_2100);
    UTEST_ASSERT_EQ(sleep(10 * NS_PER_MS), 0);
    uint64_t e2 = epoch();
    UTEST_ASSERT(e2 >= e1 + 10 * NS_PER_MS);
    UTEST_ASSERT(e2 < e1 + 10 * NS_PER_SEC);
    /* the raw value is the same clock */
    int64_t raw = raw_syscall(SYS_epoch, 0, 0, 0, 0);
    UTEST_ASSERT(raw >= (int64_t)e2 && raw < (int64_t)(e2 + 10 * NS_PER_SEC));
}

UTEST(yield_and_sleep_zero)
{
    uint64_t t0 = uptime();
    for (int i = 0; i < 100; i++)
        yield();
    UTEST_ASSERT_EQ(raw_syscall(SYS_yield, 0, 0, 0, 0), 0);
    errno = 0;
    UTEST_ASSERT_EQ(sleep(0), 0);
    UTEST_ASSERT_EQ(errno, 0);
    UTEST_ASSERT(uptime() - t0 < 5 * NS_PER_SEC);
}

/* ---------------------------------------------------------------- bad pointers */

UTEST(bad_pointer_read_write)
{
    fd_t z = open("sys:/zero"), n = open("sys:/null");
    UTEST_ASSERT(z >= 0 && n >= 0);
    ASSERT_FAILS(read(z, NULL, 16), EFAULT);
    ASSERT_FAILS(read(z, (void *)0xff0, 16), EFAULT);
    ASSERT_FAILS(read(z, KERNEL_PTR, 16), EFAULT);
    ASSERT_FAILS(read(z, (void *)0xffff800000000000ull, 16), EFAULT); /* direct map */
    ASSERT_FAILS(read(z, UNMAPPED_PTR, 16), EFAULT);
    ASSERT_FAILS(read(z, NEAR_USER_END, 0x100000), EFAULT);           /* crosses the end */
    ASSERT_FAILS(read(z, (void *)0x800000000000ull, 16), EFAULT);     /* non-canonical */
    ASSERT_FAILS(write(n, NULL, 16), EFAULT);
    ASSERT_FAILS(write(n, KERNEL_PTR, 16), EFAULT);
    ASSERT_FAILS(write(n, UNMAPPED_PTR, 16), EFAULT);
    ASSERT_FAILS(write(n, NEAR_USER_END, 0x100000), EFAULT);
    /* a range that wraps around the address space: EINVAL or EFAULT, nothing else */
    errno = 0;
    UTEST_ASSERT_EQ(write(n, (void *)0x10000, (size_t)0 - 0x8000), ERR);
    UTEST_ASSERT(errno == EINVAL || errno == EFAULT);
    /* the same descriptors still work with a good buffer */
    unsigned char buf[64];
    memset(buf, 0xff, sizeof(buf));
    UTEST_ASSERT_EQ(read(z, buf, sizeof(buf)), sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i++)
        UTEST_ASSERT_EQ(buf[i], 0);
    UTEST_ASSERT_EQ(write(n, buf, sizeof(buf)), sizeof(buf));
    UTEST_ASSERT_EQ(close(z), 0);
    UTEST_ASSERT_EQ(close(n), 0);
}

UTEST(bad_pointer_read_partly_mapped)
{
    /* two pages, the second unmapped: a read spanning both must not crash */
    char *p = map_pages(2);
    UTEST_ASSERT(p != NULL);
    UTEST_ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
    fd_t z = open("sys:/zero"), n = open("sys:/null");
    UTEST_ASSERT(z >= 0 && n >= 0);
    ASSERT_FAILS(read(z, p + PAGE, 8), EFAULT);
    ASSERT_FAILS(write(n, p + PAGE, 8), EFAULT);
    errno = 0;
    int64_t r = read(z, p + PAGE - 8, 16);
    UTEST_ASSERT(r == ERR || r == 8); /* EFAULT, or the part that fitted */
    if (r == ERR)
        UTEST_ASSERT_EQ(errno, EFAULT);
    UTEST_ASSERT_EQ(read(z, p, PAGE), PAGE);
    UTEST_ASSERT_EQ(write(n, p, PAGE), PAGE);
    close(z);
    close(n);
    UTEST_ASSERT_EQ(munmap(p, PAGE), 0);
}

UTEST(bad_pointer_paths)
{
    stat_t st;
    ASSERT_FAILS(open(NULL), EFAULT);
    ASSERT_FAILS(open(KERNEL_PTR), EFAULT);
    ASSERT_FAILS(open(UNMAPPED_PTR), EFAULT);
    ASSERT_FAILS(stat(NULL, &st), EFAULT);
    ASSERT_FAILS(stat(KERNEL_PTR, &st), EFAULT);
    ASSERT_FAILS(stat("home:/", NULL), EFAULT);
    ASSERT_FAILS(stat("home:/", KERNEL_PTR), EFAULT);
    ASSERT_FAILS(stat("home:/", UNMAPPED_PTR), EFAULT);
    ASSERT_FAILS(stat("home:/", (stat_t *)((char *)NEAR_USER_END + PAGE - 8)), EFAULT); /* runs past the end */
    ASSERT_FAILS(mkdir(NULL), EFAULT);
    ASSERT_FAILS(remove(KERNEL_PTR), EFAULT);
    ASSERT_FAILS(chdir(UNMAPPED_PTR), EFAULT);
    ASSERT_FAILS(rename("home:/usr/sc_none", NULL), EFAULT);
    ASSERT_FAILS(rename(NULL, "home:/usr/sc_none"), EFAULT);
    ASSERT_FAILS(link("home:/usr/sc_none", KERNEL_PTR), EFAULT);
    UTEST_ASSERT_EQ(stat("home:/", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_DIR);

    /* a path whose bytes run into an unmapped page without a NUL */
    char *p = map_pages(2);
    UTEST_ASSERT(p != NULL);
    UTEST_ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
    memset(p, 'a', PAGE);
    ASSERT_FAILS(open(p + PAGE - 100), EFAULT);
    ASSERT_FAILS(stat(p + PAGE - 1, &st), EFAULT);
    /* one that ends (NUL included) exactly at the page end: the next page is not needed */
    static const char tail[] = "home:/usr/sc_no_such_file";
    memcpy(p + PAGE - sizeof(tail), tail, sizeof(tail));
    ASSERT_FAILS(open(p + PAGE - sizeof(tail)), ENOENT);
    ASSERT_FAILS(stat(p + PAGE - sizeof(tail), &st), ENOENT);
    UTEST_ASSERT_EQ(munmap(p, PAGE), 0);
}

UTEST(bad_pointer_other_calls)
{
    fd_t n = open("sys:/null");
    fd_t d = open("home:/");
    UTEST_ASSERT(n >= 0 && d >= 0);
    fd_t before = dup(n); /* the lowest free descriptor now */
    UTEST_ASSERT(before >= 0);
    UTEST_ASSERT_EQ(close(before), 0);
    ASSERT_FAILS(open2("sys:/pipe/new", NULL), EFAULT);
    ASSERT_FAILS(open2("sys:/pipe/new", KERNEL_PTR), EFAULT);
    fd_t fds[2] = { -5, -5 };
    ASSERT_FAILS(open2(NULL, fds), EFAULT);
    ASSERT_FAILS(open2(KERNEL_PTR, fds), EFAULT);
    UTEST_ASSERT(fds[0] == -5 && fds[1] == -5);
    ASSERT_FAILS(getdirent(d, KERNEL_PTR, 4), EFAULT);
    ASSERT_FAILS(getdirent(d, UNMAPPED_PTR, 4), EFAULT);
    ASSERT_FAILS(getdirent(d, NULL, 1), EFAULT);
    ASSERT_FAILS(ioctl(n, 0, KERNEL_PTR, 16), EFAULT);
    ASSERT_FAILS(ioctl(n, 0, UNMAPPED_PTR, 16), EFAULT);
    /* no descriptor leaked from the failed open2 calls */
    fd_t after = dup(n);
    UTEST_ASSERT_EQ(after, before);
    close(after);
    close(d);
    close(n);
}

UTEST(bad_pointer_spawn)
{
    const char *argv_kernel[] = { KERNEL_PTR, NULL };
    const char *argv_unmapped[] = { UNMAPPED_PTR, NULL };
    const char *argv_ok[] = { "home:/bin/tproc", "exit", "sc7", NULL };
    const char *argv_bad_arg[] = { "home:/bin/tproc", "exit", KERNEL_PTR, NULL };
    ASSERT_FAILS(spawn(NULL, NULL, NULL, NULL), EFAULT);
    ASSERT_FAILS(spawn((const char **)KERNEL_PTR, NULL, NULL, NULL), EFAULT);
    ASSERT_FAILS(spawn((const char **)UNMAPPED_PTR, NULL, NULL, NULL), EFAULT);
    ASSERT_FAILS(spawn(argv_kernel, NULL, NULL, NULL), EFAULT);
    ASSERT_FAILS(spawn(argv_unmapped, NULL, NULL, NULL), EFAULT);
    ASSERT_FAILS(spawn(argv_bad_arg, NULL, NULL, NULL), EFAULT);
    ASSERT_FAILS(spawn(argv_ok, (const spawn_fd_t *)KERNEL_PTR, NULL, NULL), EFAULT);
    ASSERT_FAILS(spawn(argv_ok, (const spawn_fd_t *)UNMAPPED_PTR, NULL, NULL), EFAULT);
    ASSERT_FAILS(spawn(argv_ok, NULL, KERNEL_PTR, NULL), EFAULT);
    ASSERT_FAILS(spawn(argv_ok, NULL, UNMAPPED_PTR, NULL), EFAULT);
    ASSERT_FAILS(spawn(argv_ok, NULL, NULL, KERNEL_PTR), EFAULT);
    ASSERT_FAILS(spawn(argv_ok, NULL, NULL, UNMAPPED_PTR), EFAULT);
    /* an argv array without its NULL that runs into an unmapped page */
    char *p = map_pages(2);
    UTEST_ASSERT(p != NULL);
    UTEST_ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
    const char **tail = (const char **)(p + PAGE) - 4;
    for (int i = 0; i < 4; i++)
        tail[i] = "home:/bin/tproc";
    ASSERT_FAILS(spawn(tail, NULL, NULL, NULL), EFAULT);
    UTEST_ASSERT_EQ(munmap(p, PAGE), 0);
    /* and the good call works and its child exits with the status it was given */
    pid_t pid = spawn(argv_ok, NULL, NULL, NULL);
    UTEST_ASSERT(pid > 0);
    char status[MAX_STATUS];
    UTEST_ASSERT_EQ(child_status(pid, status, sizeof(status)), 3);
    UTEST_ASSERT_STR_EQ(status, "sc7");
}

UTEST(process_exit_long_status)
{
    /* sys/proc.h: at most MAX_STATUS - 1 bytes of the status are kept */
    static char longer[300], expect[MAX_STATUS];
    for (size_t i = 0; i < sizeof(longer) - 1; i++)
        longer[i] = (char)('a' + i % 26);
    memcpy(expect, longer, MAX_STATUS - 1);
    const char *argv[] = { "home:/bin/tproc", "exit", longer, NULL };
    pid_t pid = spawn(argv, NULL, NULL, NULL);
    UTEST_ASSERT(pid > 0);
    char status[2 * MAX_STATUS];
    UTEST_ASSERT_EQ(child_status(pid, status, sizeof(status)), MAX_STATUS - 1);
    UTEST_ASSERT_STR_EQ(status, expect);
    /* exactly MAX_STATUS - 1 bytes: kept whole */
    argv[2] = expect;
    pid = spawn(argv, NULL, NULL, NULL);
    UTEST_ASSERT(pid > 0);
    UTEST_ASSERT_EQ(child_status(pid, status, sizeof(status)), MAX_STATUS - 1);
    UTEST_ASSERT_STR_EQ(status, expect);
}

/* ---------------------------------------------------------------- descriptors */

UTEST(bad_descriptors)
{
    char c = 'x';
    ASSERT_FAILS(read(-1, &c, 1), EBADF);
    ASSERT_FAILS(write(-1, &c, 1), EBADF);
    ASSERT_FAILS(read(9999, &c, 1), EBADF);
    ASSERT_FAILS(write(9999, &c, 1), EBADF);
    ASSERT_FAILS(read(MAX_FDS, &c, 1), EBADF);
    ASSERT_FAILS(read(INT64_MIN, &c, 1), EBADF);
    ASSERT_FAILS(close(-1), EBADF);
    ASSERT_FAILS(close(9999), EBADF);
    ASSERT_FAILS(dup(-1), EBADF);
    ASSERT_FAILS(dup(9999), EBADF);
    ASSERT_FAILS(seek(-1, 0, SEEK_SET), EBADF);
    ASSERT_FAILS(ioctl(9999, 0, NULL, 0), EBADF);
    ASSERT_FAILS(getdirent(-1, NULL, 0), EBADF);
    /* a descriptor that was open and is closed now */
    fd_t fd = open("sys:/null");
    UTEST_ASSERT(fd >= 0);
    UTEST_ASSERT_EQ(write(fd, &c, 1), 1);
    UTEST_ASSERT_EQ(close(fd), 0);
    ASSERT_FAILS(read(fd, &c, 1), EBADF);
    ASSERT_FAILS(write(fd, &c, 1), EBADF);
    ASSERT_FAILS(close(fd), EBADF);
    ASSERT_FAILS(dup(fd), EBADF);
    ASSERT_FAILS(seek(fd, 0, SEEK_SET), EBADF);
    ASSERT_FAILS(ioctl(fd, 0, NULL, 0), EBADF);
    ASSERT_FAILS(dup2(fd, fd), EBADF);
}

UTEST(zero_length_io)
{
    char buf[8] = "zzzzzzz";
    fd_t z = open("sys:/zero"), n = open("sys:/null");
    UTEST_ASSERT(z >= 0 && n >= 0);
    UTEST_ASSERT_EQ(read(z, buf, 0), 0);
    UTEST_ASSERT_EQ(buf[0], 'z'); /* nothing written */
    UTEST_ASSERT_EQ(write(n, buf, 0), 0);
    UTEST_ASSERT_EQ(read(z, NULL, 0), 0);
    UTEST_ASSERT_EQ(write(n, NULL, 0), 0);
    ASSERT_FAILS(read(-1, buf, 0), EBADF);
    ASSERT_FAILS(write(9999, NULL, 0), EBADF);
    close(z);
    close(n);
    /* a regular file: a zero-length transfer moves neither data nor the offset */
    fd_t f = open("home:/usr/sc_zero_len?create&truncate");
    UTEST_ASSERT(f >= 0);
    UTEST_ASSERT_EQ(write(f, "abc", 3), 3);
    UTEST_ASSERT_EQ(write(f, buf, 0), 0);
    UTEST_ASSERT_EQ(seek(f, 0, SEEK_CUR), 3);
    UTEST_ASSERT_EQ(seek(f, 1, SEEK_SET), 1);
    UTEST_ASSERT_EQ(read(f, buf, 0), 0);
    UTEST_ASSERT_EQ(seek(f, 0, SEEK_CUR), 1);
    UTEST_ASSERT_EQ(read(f, buf, sizeof(buf)), 2);
    UTEST_ASSERT(memcmp(buf, "bc", 2) == 0);
    UTEST_ASSERT_EQ(read(f, buf, sizeof(buf)), 0); /* end of file */
    stat_t st;
    UTEST_ASSERT_EQ(stat("home:/usr/sc_zero_len", &st), 0);
    UTEST_ASSERT_EQ(st.size, 3);
    UTEST_ASSERT_EQ(close(f), 0);
    UTEST_ASSERT_EQ(remove("home:/usr/sc_zero_len"), 0);
}

UTEST(dup_semantics)
{
    char buf[16];
    fd_t a = open("home:/usr/sc_dup_a?create&truncate");
    fd_t b = open("home:/usr/sc_dup_b?create&truncate");
    UTEST_ASSERT(a >= 0 && b >= 0);
    UTEST_ASSERT_EQ(write(a, "0123456789", 10), 10);
    UTEST_ASSERT_EQ(write(b, "ABCDEFGHIJ", 10), 10);
    /* onto itself: nothing changes, the descriptor stays open */
    UTEST_ASSERT_EQ(dup2(a, a), a);
    UTEST_ASSERT_EQ(seek(a, 3, SEEK_SET), 3);
    UTEST_ASSERT_EQ(read(a, buf, 2), 2);
    UTEST_ASSERT(memcmp(buf, "34", 2) == 0);
    /* onto an open descriptor: b now names a's open file and shares its offset */
    UTEST_ASSERT_EQ(dup2(a, b), b);
    UTEST_ASSERT_EQ(read(b, buf, 2), 2);
    UTEST_ASSERT(memcmp(buf, "56", 2) == 0);
    UTEST_ASSERT_EQ(seek(a, 0, SEEK_CUR), 7);
    UTEST_ASSERT_EQ(close(a), 0);
    UTEST_ASSERT_EQ(read(b, buf, 8), 3); /* still open through b */
    UTEST_ASSERT(memcmp(buf, "789", 3) == 0);
    /* dup gives the lowest free descriptor: the one just closed */
    fd_t d = dup(b);
    UTEST_ASSERT_EQ(d, a);
    UTEST_ASSERT_EQ(seek(d, 0, SEEK_SET), 0);
    UTEST_ASSERT_EQ(seek(b, 0, SEEK_CUR), 0);
    /* bad numbers change nothing */
    ASSERT_FAILS(dup2(b, MAX_FDS), EBADF);
    ASSERT_FAILS(dup2(b, -1), EBADF);
    ASSERT_FAILS(dup2(-1, b), EBADF);
    ASSERT_FAILS(dup2(9999, b), EBADF);
    UTEST_ASSERT_EQ(read(b, buf, 4), 4);
    UTEST_ASSERT(memcmp(buf, "0123", 4) == 0);
    /* the highest descriptor is valid */
    UTEST_ASSERT_EQ(dup2(b, MAX_FDS - 1), MAX_FDS - 1);
    UTEST_ASSERT_EQ(seek(MAX_FDS - 1, 0, SEEK_CUR), 4);
    UTEST_ASSERT_EQ(close(MAX_FDS - 1), 0);
    UTEST_ASSERT_EQ(close(d), 0);
    UTEST_ASSERT_EQ(close(b), 0);
    /* b's first file was closed by dup2, not changed */
    fd_t c = open("home:/usr/sc_dup_b");
    UTEST_ASSERT(c >= 0);
    UTEST_ASSERT_EQ(read(c, buf, sizeof(buf)), 10);
    UTEST_ASSERT(memcmp(buf, "ABCDEFGHIJ", 10) == 0);
    UTEST_ASSERT_EQ(close(c), 0);
    UTEST_ASSERT_EQ(remove("home:/usr/sc_dup_a"), 0);
    UTEST_ASSERT_EQ(remove("home:/usr/sc_dup_b"), 0);
}

UTEST(seek_errors)
{
    fd_t f = open("home:/usr/sc_seek?create&truncate");
    UTEST_ASSERT(f >= 0);
    UTEST_ASSERT_EQ(write(f, "hello", 5), 5);
    ASSERT_FAILS(seek(f, -1, SEEK_SET), EINVAL);
    ASSERT_FAILS(seek(f, -6, SEEK_END), EINVAL);
    ASSERT_FAILS(seek(f, 0, 3), EINVAL);
    ASSERT_FAILS(seek(f, 0, -1), EINVAL);
    ASSERT_FAILS(seek(f, INT64_MAX, SEEK_END), EINVAL); /* overflows */
    UTEST_ASSERT_EQ(seek(f, 0, SEEK_CUR), 5);            /* unchanged by the failures */
    UTEST_ASSERT_EQ(seek(f, -5, SEEK_END), 0);
    UTEST_ASSERT_EQ(seek(f, 2, SEEK_CUR), 2);
    UTEST_ASSERT_EQ(close(f), 0);
    UTEST_ASSERT_EQ(remove("home:/usr/sc_seek"), 0);
}

/* ---------------------------------------------------------------- paths and flags */

UTEST(open_flags)
{
    stat_t st;
    ASSERT_FAILS(open("home:/x?bogus"), EINVAL);
    ASSERT_FAILS(open("sys:/null?bogus"), EINVAL);
    ASSERT_FAILS(open("sys:/null?NONBLOCK"), EINVAL);
    ASSERT_FAILS(open("sys:/null?nonblock&nonblock"), EINVAL);
    ASSERT_FAILS(open("sys:/null?"), EINVAL);
    ASSERT_FAILS(open("sys:/null?&nonblock"), EINVAL);
    ASSERT_FAILS(open("sys:/null?nonblock&"), EINVAL);
    ASSERT_FAILS(open("sys:/null?nonblock?append"), EINVAL);
    ASSERT_FAILS(open("home:/usr/sc_flags?create&create"), EINVAL);
    ASSERT_FAILS(open("home:/usr/sc_flags?exclusive"), EINVAL);
    ASSERT_FAILS(open("home:/usr/sc_flags?exclusive&truncate"), EINVAL);
    ASSERT_FAILS(stat("home:/usr/sc_flags", &st), ENOENT); /* none of them created it */
    fd_t fd = open("sys:/null?nonblock");
    UTEST_ASSERT(fd >= 0);
    UTEST_ASSERT_EQ(close(fd), 0);
    fd = open("home:/usr/sc_flags?create&exclusive");
    UTEST_ASSERT(fd >= 0);
    UTEST_ASSERT_EQ(close(fd), 0);
    ASSERT_FAILS(open("home:/usr/sc_flags?create&exclusive"), EEXIST);
    ASSERT_FAILS(open("home:/usr/sc_flags?exclusive&create"), EEXIST);
    fd = open("home:/usr/sc_flags?create"); /* without exclusive: opens it */
    UTEST_ASSERT(fd >= 0);
    UTEST_ASSERT_EQ(close(fd), 0);
    UTEST_ASSERT_EQ(remove("home:/usr/sc_flags"), 0);
}

/* Fill @buf with a path of exactly @len bytes under home:/ (components of 199 'a'). */
static char *long_path(char *buf, size_t len)
{
    strcpy(buf, "home:/");
    for (size_t i = 6; i < len; i++)
        buf[i] = (i - 6) % 200 == 199 ? '/' : 'a';
    buf[len] = '\0';
    return buf;
}

UTEST(path_length_limits)
{
    static char path[5001];
    stat_t st;
    ASSERT_FAILS(open(long_path(path, 5000)), ENAMETOOLONG);
    ASSERT_FAILS(stat(path, &st), ENAMETOOLONG);
    ASSERT_FAILS(mkdir(path), ENAMETOOLONG);
    ASSERT_FAILS(open(long_path(path, MAX_PATH + 1)), ENAMETOOLONG);
    /* exactly MAX_PATH bytes is a valid path: it just does not exist */
    ASSERT_FAILS(open(long_path(path, MAX_PATH)), ENOENT);
    ASSERT_FAILS(stat(path, &st), ENOENT);
    /* one component: at most MAX_NAME bytes */
    strcpy(path, "home:/usr/");
    memset(path + 10, 'b', MAX_NAME + 1);
    path[10 + MAX_NAME + 1] = '\0';
    ASSERT_FAILS(open(path), ENAMETOOLONG);
    path[10 + MAX_NAME] = '\0';
    ASSERT_FAILS(open(path), ENOENT);
    /* a label: at most MAX_LABEL bytes */
    memset(path, 'l', MAX_LABEL + 1);
    strcpy(path + MAX_LABEL + 1, ":/x");
    ASSERT_FAILS(open(path), EINVAL);
    strcpy(path + MAX_LABEL, ":/x");
    ASSERT_FAILS(open(path), ENOENT); /* valid, not mounted */
}

UTEST(path_bad_bytes)
{
    stat_t st;
    ASSERT_FAILS(open("home:/usr/a\x01" "b"), EINVAL);
    ASSERT_FAILS(open("home:/usr/a\x1f"), EINVAL);
    ASSERT_FAILS(open("home:/usr/a\x7f"), EINVAL);
    ASSERT_FAILS(open("home:/usr/a\nb"), EINVAL);
    ASSERT_FAILS(open("home:/usr/a\tb?create"), EINVAL);
    ASSERT_FAILS(open("home:/usr/a&b"), EINVAL);
    ASSERT_FAILS(open("home:/usr//x"), EINVAL);
    ASSERT_FAILS(open("HOME:/usr"), EINVAL);
    ASSERT_FAILS(open("home:usr"), EINVAL);
    ASSERT_FAILS(open("ho me:/usr"), EINVAL);
    ASSERT_FAILS(open(":/usr"), EINVAL);
    ASSERT_FAILS(open(""), EINVAL);
    ASSERT_FAILS(stat("home:/\x02", &st), EINVAL);
    ASSERT_FAILS(mkdir("home:/usr/sc_\x03"), EINVAL);
    ASSERT_FAILS(open("home:/usr/sc_\x03"), EINVAL); /* mkdir made nothing */
    ASSERT_FAILS(open("home:/usr/sc_not_there"), ENOENT);
}

/* ---------------------------------------------------------------- raw calls */

UTEST(unknown_syscall)
{
    UTEST_ASSERT_EQ(raw_syscall(999, 0, 0, 0, 0), -ENOSYS);
    UTEST_ASSERT_EQ(raw_syscall(SYSCALL_COUNT, 0, 0, 0, 0), -ENOSYS);
    UTEST_ASSERT_EQ(raw_syscall(1000000, 1, 2, 3, 4), -ENOSYS);
    UTEST_ASSERT_EQ(raw_syscall(UINT64_MAX, 0, 0, 0, 0), -ENOSYS);
    UTEST_ASSERT_EQ(raw_syscall((1ull << 32) | SYS_getpid, 0, 0, 0, 0), -ENOSYS);
    UTEST_ASSERT_EQ(raw_syscall(0x8000000000000000ull | SYS_getpid, 0, 0, 0, 0), -ENOSYS);
    /* and the process is fine: the next call works */
    UTEST_ASSERT_EQ(raw_syscall(SYS_getpid, 0, 0, 0, 0), getpid());
    /* raw error results are -errno, errno untouched */
    errno = 0;
    UTEST_ASSERT_EQ(raw_syscall(SYS_close, 9999, 0, 0, 0), -EBADF);
    UTEST_ASSERT_EQ(raw_syscall(SYS_open, 0, 0, 0, 0), -EFAULT);
    UTEST_ASSERT_EQ(errno, 0);
}

UTEST(registers_preserved)
{
    /* everything but rax, rcx, r11 and the argument registers survives a call */
    uint64_t out[5];
    uint64_t rax;
    __asm__ volatile("mov $0x1111111111111111, %%rbx\n\t"
                     "mov $0x1212121212121212, %%r12\n\t"
                     "mov $0x1313131313131313, %%r13\n\t"
                     "mov $0x1414141414141414, %%r14\n\t"
                     "mov $0x1515151515151515, %%r15\n\t"
                     "mov %[num], %%eax\n\t"
                     "syscall\n\t"
                     "mov %%rbx, %[o0]\n\t"
                     "mov %%r12, %[o1]\n\t"
                     "mov %%r13, %[o2]\n\t"
                     "mov %%r14, %[o3]\n\t"
                     "mov %%r15, %[o4]\n\t"
                     : [o0] "=m"(out[0]), [o1] "=m"(out[1]), [o2] "=m"(out[2]),
                       [o3] "=m"(out[3]), [o4] "=m"(out[4]), "=a"(rax)
                     : [num] "i"(SYS_yield)
                     : "rbx", "r12", "r13", "r14", "r15", "rcx", "r11", "rdi", "rsi", "rdx",
                       "r10", "r8", "r9", "memory");
    UTEST_ASSERT_EQ(rax, 0);
    UTEST_ASSERT_EQ(out[0], 0x1111111111111111ull);
    UTEST_ASSERT_EQ(out[1], 0x1212121212121212ull);
    UTEST_ASSERT_EQ(out[2], 0x1313131313131313ull);
    UTEST_ASSERT_EQ(out[3], 0x1414141414141414ull);
    UTEST_ASSERT_EQ(out[4], 0x1515151515151515ull);
}

int main(void)
{
    UTEST_BEGIN("syscall");
    UTEST_RUN(getpid_gettid);
    UTEST_RUN(uptime_monotonic_and_sleep);
    UTEST_RUN(epoch_plausible);
    UTEST_RUN(yield_and_sleep_zero);
    UTEST_RUN(bad_pointer_read_write);
    UTEST_RUN(bad_pointer_read_partly_mapped);
    UTEST_RUN(bad_pointer_paths);
    UTEST_RUN(bad_pointer_other_calls);
    UTEST_RUN(bad_pointer_spawn);
    UTEST_RUN(process_exit_long_status);
    UTEST_RUN(bad_descriptors);
    UTEST_RUN(zero_length_io);
    UTEST_RUN(dup_semantics);
    UTEST_RUN(seek_errors);
    UTEST_RUN(open_flags);
    UTEST_RUN(path_length_limits);
    UTEST_RUN(path_bad_bytes);
    UTEST_RUN(unknown_syscall);
    UTEST_RUN(registers_preserved);
    return UTEST_END();
}
