/*
 * test_shmem.c - shared memory objects (ipc/shmem.h) through the calls the system-call
 * layer makes: vfs_open of sys:/shmem/new and sys:/shmem/<id>, file_read of the id,
 * shmem_reserve/shmem_frame/shmem_unreserve, and VMM_SHARED mappings in a scratch
 * address space torn down by vmm_space_deinit (the release hook). Ids, wrong ids,
 * sizes, zeroed frames, and every frame given back.
 */
#include "test/ktest.h"
#include <abi/errno.h>
#include "fs/vfs.h"
#include "ipc/shmem.h"
#include "lib/fmt.h"
#include "lib/string.h"
#include "mm/layout.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "sched/sched.h"
#include "test/test_util.h"
#include "time/clock.h"

#define USER_VA 0x200000000000ull

/* Opens sys:/shmem/new and reads the id into @id (17 bytes). NULL on failure. */
static file_t *new_object(char *id)
{
    file_t *f;
    if (vfs_open("sys:/shmem/new", "sys:/", &f))
        return NULL;
    int64_t n = file_read(f, id, SHMEM_ID_LEN);
    id[n > 0 ? n : 0] = '\0';
    return f;
}

static file_t *open_id(const char *id, int *rc)
{
    char path[64];
    fmt_snprintf(path, sizeof(path), "sys:/shmem/%s", id);
    file_t *f = NULL;
    *rc = vfs_open(path, "sys:/", &f);
    return f;
}

/* Waits (up to 2 s) for the reaper to bring the object count down to @n. */
static bool wait_count(uint64_t n)
{
    uint64_t end = clock_ns() + 2000000000ull;
    while (shmem_count() != n && clock_ns() < end)
        sched_yield();
    return shmem_count() == n;
}

KTEST(shmem, id_is_16_hex_digits_and_unique)
{
    char a[20], b[20];
    file_t *fa = new_object(a), *fb = new_object(b);
    KTEST_ASSERT(fa && fb);
    KTEST_ASSERT_EQ(strlen(a), 16);
    for (int i = 0; i < 16; i++)
        KTEST_ASSERT((a[i] >= '0' && a[i] <= '9') || (a[i] >= 'a' && a[i] <= 'f'));
    KTEST_ASSERT(strcmp(a, b) != 0);
    file_unref(fa);
    file_unref(fb);
}

KTEST(shmem, open_by_id_and_wrong_id)
{
    char id[20];
    int rc;
    file_t *f = new_object(id);
    KTEST_ASSERT(f);
    file_t *g = open_id(id, &rc);
    KTEST_ASSERT_EQ(rc, 0);
    id[0] = id[0] == '0' ? '1' : '0';
    KTEST_ASSERT(open_id(id, &rc) == NULL);
    KTEST_ASSERT_EQ(rc, -ENOENT);
    file_unref(f);
    file_unref(g);
    KTEST_ASSERT(wait_count(0)); /* dies with its last open (no other objects in ktests) */
    id[0] = id[0] == '0' ? '1' : '0';
    KTEST_ASSERT(open_id(id, &rc) == NULL);
    KTEST_ASSERT_EQ(rc, -ENOENT);
}

KTEST(shmem, size_fixed_by_first_reserve)
{
    char id[20];
    file_t *f = new_object(id);
    KTEST_ASSERT(f);
    KTEST_ASSERT_EQ(shmem_reserve(f, 4), 0);
    KTEST_ASSERT_EQ(shmem_reserve(f, 5), -EINVAL);
    KTEST_ASSERT_EQ(shmem_reserve(f, 2), 0);
    KTEST_ASSERT_EQ(shmem_reserve(f, 0), -EINVAL);
    shmem_unreserve(f, 6);
    file_unref(f);
}

KTEST(shmem, frames_zeroed_and_shared_between_opens)
{
    char id[20];
    int rc;
    file_t *f = new_object(id);
    KTEST_ASSERT(f);
    file_t *g = open_id(id, &rc);
    KTEST_ASSERT_EQ(rc, 0);
    KTEST_ASSERT_EQ(shmem_reserve(f, 3), 0);
    KTEST_ASSERT_EQ(shmem_reserve(g, 3), 0);
    for (int i = 0; i < 3; i++) {
        uint8_t *p = PHYS_TO_VIRT(shmem_frame(f, i));
        for (size_t j = 0; j < PAGE_SIZE; j++)
            KTEST_ASSERT_EQ(p[j], 0);
        KTEST_ASSERT_EQ(shmem_frame(f, i), shmem_frame(g, i));
    }
    shmem_unreserve(f, 3);
    shmem_unreserve(g, 3);
    file_unref(f);
    file_unref(g);
}

KTEST(shmem, other_files_refused)
{
    file_t *z;
    KTEST_ASSERT_EQ(vfs_open("sys:/zero", "sys:/", &z), 0);
    KTEST_ASSERT_EQ(shmem_reserve(z, 1), -ENODEV);
    file_unref(z);
}

KTEST(shmem, frames_freed_after_close_and_deinit)
{
    KTEST_ASSERT(wait_count(0)); /* earlier cases' objects reaped */
    char id[20];
    file_t *f = new_object(id);
    KTEST_ASSERT(f);
    vmm_space_t s;
    KTEST_ASSERT_EQ(vmm_space_init(&s), 0);
    KTEST_ASSERT_EQ(shmem_reserve(f, 8), 0); /* allocates the 8 frames */
    uint64_t with = pmm_free_count();
    for (int i = 0; i < 8; i++)
        KTEST_ASSERT_EQ(vmm_map(&s, USER_VA + i * PAGE_SIZE, shmem_frame(f, i),
                                VMM_USER | VMM_WRITE | VMM_SHARED), 0);
    unsigned fl;
    KTEST_ASSERT_EQ(vmm_query(&s, USER_VA, 0, &fl), 0);
    KTEST_ASSERT((fl & VMM_SHARED) && !(fl & VMM_OWNED));
    file_unref(f); /* the mappings keep the object */
    KTEST_ASSERT_EQ(shmem_count(), 1);
    uint64_t mid = pmm_free_count();
    vmm_space_deinit(&s); /* the last mapping: 8 frames + page tables back */
    KTEST_ASSERT(pmm_free_count() >= mid + 8);
    KTEST_ASSERT(pmm_free_count() >= with + 8);
    KTEST_ASSERT(wait_count(0));
}
