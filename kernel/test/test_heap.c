/*
 * test_heap.c - the slab caches (mm/slab.c) and the kernel heap (mm/kmalloc.c): frame
 * accounting against the PMM, alignment, every size class, large blocks, krealloc, the
 * debug checks (red zones, poison, double free) through their error-returning forms,
 * and a seeded random stress run with an exact leak check.
 */
#include <abi/errno.h>
#include "test/ktest.h"
#include "lib/string.h"
#include "log/log.h"
#include "mm/kmalloc.h"
#include "mm/layout.h"
#include "mm/pmm.h"
#include "mm/slab.h"
#include "mm/vmm.h"
#include "time/clock.h"

/* The heap needs pmm_init() and vmm_init() to have run; say so instead of crashing. */
#define HEAP_REQUIRE_MM() KTEST_ASSERT(pmm_total_count() > 0 && vmm_kernel_space()->pml4 != 0)

static int heap_all(const uint8_t *p, uint8_t v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return 0;
    return 1;
}

KTEST(heap, slab_alloc_free_roundtrip)
{
    HEAP_REQUIRE_MM();
    slab_cache_t *c = slab_cache_create("test-roundtrip", 100, 8);
    KTEST_ASSERT(c != NULL);
    uint64_t before = pmm_free_count();
    size_t in_use, slabs;
    uint8_t *o = slab_alloc(c);
    KTEST_ASSERT(o != NULL);
    slab_cache_stats(c, &in_use, &slabs);
    KTEST_ASSERT_EQ(in_use, 1);
    KTEST_ASSERT_EQ(slabs, 1);
    KTEST_ASSERT_EQ(pmm_free_count(), before - 1);
    memset(o, 0x5a, 100);
    slab_free(c, o);
    slab_cache_stats(c, &in_use, &slabs);
    KTEST_ASSERT_EQ(in_use, 0);
    KTEST_ASSERT_EQ(slabs, SLAB_KEEP_EMPTY); /* the empty slab is kept for reuse... */
    KTEST_ASSERT_EQ(slab_alloc(c), o);       /* ...and its last freed object comes first */
    slab_free(c, o);
    KTEST_ASSERT_EQ(slab_cache_shrink(c), 1);
    KTEST_ASSERT_EQ(pmm_free_count(), before);
    slab_cache_stats(c, &in_use, &slabs);
    KTEST_ASSERT_EQ(slabs, 0);
    slab_cache_destroy(c);
}

static int heap_check_cache(size_t size, size_t align)
{
    enum { N = 40 };
    uint8_t *objs[N];
    slab_cache_t *c = slab_cache_create("test-align", size, align);
    if (!c)
        return -1;
    for (int i = 0; i < N; i++) {
        objs[i] = slab_alloc(c);
        if (!objs[i] || ((uint64_t)objs[i] & (align - 1)))
            return -2;
        memset(objs[i], i + 1, size);
    }
    for (int i = 0; i < N; i++) {
        if (!heap_all(objs[i], (uint8_t)(i + 1), size) || slab_check_free(c, objs[i]) != 0)
            return -3; /* an overlap would have overwritten a neighbour or its red zone */
        for (int j = 0; j < i; j++)
            if (objs[j] == objs[i])
                return -4;
    }
    for (int i = 0; i < N; i++)
        slab_free(c, objs[i]);
    slab_cache_destroy(c);
    return 0;
}

/* A new slab's frame is overwritten whole, slack included (slab_grow explains why):
 * a frame filled with 0xcc and freed (the PMM's stack hands it out next unless another
 * CPU takes it first: then try again) shows no 0xcc once it is a slab. */
KTEST(heap, new_slab_frame_overwritten_whole)
{
    HEAP_REQUIRE_MM();
    slab_cache_t *c = slab_cache_create("test-scrub", 1000, 8); /* leaves a tail */
    KTEST_ASSERT(c != NULL);
    int checked = 0;
    for (int tries = 0; tries < 100 && !checked; tries++) {
        paddr_t f = pmm_alloc();
        KTEST_ASSERT(f != 0);
        memset(PHYS_TO_VIRT(f), 0xcc, PAGE_SIZE);
        pmm_free(f);
        uint8_t *o = slab_alloc(c);
        KTEST_ASSERT(o != NULL);
        uint8_t *page = (uint8_t *)((uintptr_t)o & ~(uintptr_t)(PAGE_SIZE - 1));
        if (VIRT_TO_PHYS(page) == f) {
            KTEST_ASSERT(heap_all(page + PAGE_SIZE - 16, 0, 16)); /* past the last slot */
            checked = 1;
        }
        slab_free(c, o);
        slab_cache_shrink(c);
    }
    KTEST_ASSERT(checked);
    slab_cache_destroy(c);
}

KTEST(heap, slab_objects_aligned_and_distinct)
{
    HEAP_REQUIRE_MM();
    static const size_t sizes[] = {8, 24, 100, 300, 1000};
    static const size_t aligns[] = {8, 16, 64, 256, 512};
    for (unsigned s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
        for (unsigned a = 0; a < sizeof(aligns) / sizeof(aligns[0]); a++)
            KTEST_ASSERT_EQ(heap_check_cache(sizes[s], aligns[a]), 0);
}

KTEST(heap, slab_many_slabs_return_frames)
{
    enum { N = 300 };
    static void *objs[N];
    HEAP_REQUIRE_MM();
    slab_cache_t *c = slab_cache_create("test-many", 512, 16);
    KTEST_ASSERT(c != NULL);
    uint64_t before = pmm_free_count();
    size_t in_use, slabs;
    for (int i = 0; i < N; i++)
        KTEST_ASSERT((objs[i] = slab_alloc(c)) != NULL);
    slab_cache_stats(c, &in_use, &slabs);
    KTEST_ASSERT_EQ(in_use, N);
    KTEST_ASSERT(slabs >= N * 512 / PAGE_SIZE);
    KTEST_ASSERT_EQ(pmm_free_count(), before - slabs);
    for (int i = 0; i < N; i += 2) /* every other one first: slabs go full -> partial */
        slab_free(c, objs[i]);
    for (int i = 1; i < N; i += 2)
        slab_free(c, objs[i]);
    slab_cache_stats(c, &in_use, &slabs);
    KTEST_ASSERT_EQ(in_use, 0);
    KTEST_ASSERT_EQ(slabs, SLAB_KEEP_EMPTY);
    KTEST_ASSERT_EQ(pmm_free_count(), before - SLAB_KEEP_EMPTY);
    slab_cache_destroy(c);
    KTEST_ASSERT_EQ(pmm_free_count(), before);
}

KTEST(heap, slab_create_rejects_bad_arguments)
{
    HEAP_REQUIRE_MM();
    KTEST_ASSERT(slab_cache_create("bad", 0, 8) == NULL);
    KTEST_ASSERT(slab_cache_create("bad", SLAB_MAX_SIZE + 1, 8) == NULL);
    KTEST_ASSERT(slab_cache_create("bad", 64, 24) == NULL);
    KTEST_ASSERT(slab_cache_create("bad", 64, SLAB_MAX_ALIGN * 2) == NULL);
    KTEST_ASSERT(slab_cache_create(NULL, 64, 8) == NULL);
    slab_cache_t *c = slab_cache_create("a-rather-long-cache-name-that-is-cut", 1, 0);
    KTEST_ASSERT(c != NULL);
    KTEST_ASSERT_EQ(slab_cache_size(c), 8);
    KTEST_ASSERT_EQ(strlen(slab_cache_name(c)), SLAB_NAME_MAX - 1);
    slab_cache_destroy(c);
}

KTEST(heap, slab_destroy_returns_every_frame)
{
    HEAP_REQUIRE_MM();
    kmalloc_init(); /* the cache of caches has a live slab, so a descriptor costs no frame */
    uint64_t before = pmm_free_count();
    slab_cache_t *c = slab_cache_create("test-destroy", 200, 8);
    KTEST_ASSERT(c != NULL);
    void *o[64];
    for (int i = 0; i < 64; i++)
        KTEST_ASSERT((o[i] = slab_alloc(c)) != NULL);
    KTEST_ASSERT(slab_cache_of(o[0]) == c);
    for (int i = 0; i < 64; i++)
        slab_free(c, o[i]);
    slab_cache_destroy(c);
    KTEST_ASSERT_EQ(pmm_free_count(), before);
}

KTEST(heap, slab_poison_and_zalloc)
{
    HEAP_REQUIRE_MM();
    slab_cache_t *c = slab_cache_create("test-poison", 64, 8);
    KTEST_ASSERT(c != NULL);
    uint8_t *o = slab_alloc(c);
    KTEST_ASSERT(o != NULL);
#if KERNEL_DEBUG
    KTEST_ASSERT(heap_all(o, SLAB_POISON_ALLOC, 64));
    memset(o, 0x11, 64);
    slab_free(c, o);
    KTEST_ASSERT(heap_all(o + 8, SLAB_POISON_FREE, 56)); /* bytes 0-7 hold the free-list link */
    KTEST_ASSERT_EQ(slab_check_object(c, o), 0);
#else
    slab_free(c, o);
#endif
    uint8_t *z = slab_zalloc(c);
    KTEST_ASSERT(z != NULL);
    KTEST_ASSERT(heap_all(z, 0, 64));
    slab_free(c, z);
    slab_cache_destroy(c);
}

KTEST(heap, slab_red_zone_overwrite_detected)
{
    HEAP_REQUIRE_MM();
    slab_cache_t *c = slab_cache_create("test-redzone", 40, 8);
    KTEST_ASSERT(c != NULL);
    uint8_t *o = slab_alloc(c);
    KTEST_ASSERT(o != NULL);
    memset(o, 0x77, 40); /* the whole object is the caller's */
    KTEST_ASSERT_EQ(slab_check_object(c, o), 0);
#if KERNEL_DEBUG
    uint8_t saved = o[40];
    o[40] = 0; /* one byte past the end */
    KTEST_ASSERT_EQ(slab_check_object(c, o), -EFAULT);
    KTEST_ASSERT_EQ(slab_check_free(c, o), -EFAULT);
    o[40] = saved;
    KTEST_ASSERT_EQ(slab_check_object(c, o), 0);
    saved = o[-1];
    o[-1] ^= 0xff; /* one byte before the start */
    KTEST_ASSERT_EQ(slab_check_free(c, o), -EFAULT);
    o[-1] = saved;
#endif
    KTEST_ASSERT_EQ(slab_check_free(c, o), 0);
    slab_free(c, o);
    slab_cache_destroy(c);
}

KTEST(heap, slab_double_free_and_foreign_pointer_detected)
{
    HEAP_REQUIRE_MM();
    slab_cache_t *c = slab_cache_create("test-dfree", 32, 8);
    slab_cache_t *other = slab_cache_create("test-dfree-other", 32, 8);
    KTEST_ASSERT(c != NULL && other != NULL);
    uint8_t *a = slab_alloc(c), *b = slab_alloc(c), *x = slab_alloc(other);
    KTEST_ASSERT(a && b && x);
    int local;
    KTEST_ASSERT_EQ(slab_check_free(c, b + 1), -EINVAL);     /* inside an object */
    KTEST_ASSERT_EQ(slab_check_free(c, x), -EINVAL);         /* another cache's object */
    KTEST_ASSERT_EQ(slab_check_free(c, &local), -EINVAL);    /* not in the direct map */
    slab_free(c, a);
#if KERNEL_DEBUG
    KTEST_ASSERT_EQ(slab_check_free(c, a), -ENOENT);         /* freeing again: double free */
#endif
    KTEST_ASSERT_EQ(slab_check_free(c, b), 0);
    slab_free(c, b);
    slab_free(other, x);
    slab_cache_destroy(c);
    slab_cache_destroy(other);
}

KTEST(heap, slab_write_after_free_detected)
{
    HEAP_REQUIRE_MM();
    slab_cache_t *c = slab_cache_create("test-uaf", 96, 8);
    KTEST_ASSERT(c != NULL);
    uint8_t *a = slab_alloc(c), *keep = slab_alloc(c);
    KTEST_ASSERT(a && keep);
    slab_free(c, a);
#if KERNEL_DEBUG
    a[50] = 0x00; /* a stale pointer writes into the freed object */
    KTEST_ASSERT_EQ(slab_check_object(c, a), -EFAULT);
    a[50] = SLAB_POISON_FREE;
    KTEST_ASSERT_EQ(slab_check_object(c, a), 0);
#endif
    uint8_t *again = slab_alloc(c); /* would panic if the poison were still damaged */
    KTEST_ASSERT(again == a);
    slab_free(c, again);
    slab_free(c, keep);
    slab_cache_destroy(c);
}

KTEST(heap, kmalloc_every_size_class)
{
    HEAP_REQUIRE_MM();
    kmalloc_init();
    kmalloc_init(); /* idempotent */
    size_t base = kmalloc_usage();
    for (size_t cls = KMALLOC_MIN_SMALL; cls <= KMALLOC_MAX_SMALL; cls <<= 1) {
        size_t sizes[] = {cls / 2 + 1, cls};
        for (int k = 0; k < 2; k++) {
            size_t n = sizes[k];
            uint8_t *p = kmalloc(n);
            KTEST_ASSERT(p != NULL);
            KTEST_ASSERT_EQ((uint64_t)p & (KMALLOC_ALIGN - 1), 0);
            KTEST_ASSERT_EQ(kmalloc_size(p), cls);
            KTEST_ASSERT_EQ(kmalloc_usage(), base + cls);
            memset(p, 0xc3, n);
            KTEST_ASSERT(heap_all(p, 0xc3, n));
            KTEST_ASSERT_EQ(kmalloc_check(p), 0);
            kfree(p);
            KTEST_ASSERT_EQ(kmalloc_usage(), base);
        }
    }
    uint8_t *tiny = kmalloc(0); /* a unique, freeable pointer */
    KTEST_ASSERT(tiny != NULL);
    KTEST_ASSERT_EQ(kmalloc_size(tiny), KMALLOC_MIN_SMALL);
    kfree(tiny);
    KTEST_ASSERT_EQ(kmalloc_usage(), base);
}

static int heap_large_pass(const size_t *sizes, int count)
{
    for (int i = 0; i < count; i++) {
        size_t n = sizes[i];
        uint8_t *p = kmalloc(n);
        if (!p || ((uint64_t)p & (KMALLOC_ALIGN - 1)) || kmalloc_size(p) != n)
            return -1;
        for (size_t j = 0; j < n; j++)
            p[j] = (uint8_t)(j * 7 + i);
        for (size_t j = 0; j < n; j++)
            if (p[j] != (uint8_t)(j * 7 + i))
                return -2;
        if (kmalloc_check(p) != 0)
            return -3;
        kfree(p);
    }
    return 0;
}

KTEST(heap, kmalloc_large_blocks_writable)
{
    static const size_t sizes[] = {2049, 3000, 4096, 8000, 65536, 1 << 20};
    HEAP_REQUIRE_MM();
    size_t base = kmalloc_usage();
    /* The first pass may create kernel-area page tables, which stay; the second must not. */
    KTEST_ASSERT_EQ(heap_large_pass(sizes, 6), 0);
    uint64_t before = pmm_free_count();
    KTEST_ASSERT_EQ(heap_large_pass(sizes, 6), 0);
    KTEST_ASSERT_EQ(pmm_free_count(), before);
    KTEST_ASSERT_EQ(kmalloc_usage(), base);
    uint8_t *p = kmalloc(1 << 20);
    KTEST_ASSERT(p != NULL);
    KTEST_ASSERT_EQ(kmalloc_usage(), base + (1 << 20));
    KTEST_ASSERT(pmm_free_count() <= before - (1 << 20) / PAGE_SIZE);
    kfree(p);
    KTEST_ASSERT_EQ(pmm_free_count(), before);
}

KTEST(heap, kmalloc_oversize_returns_null)
{
    HEAP_REQUIRE_MM();
    kmalloc_trim();
    size_t base = kmalloc_usage();
    uint64_t before = pmm_free_count();
    KTEST_ASSERT(kmalloc(SIZE_MAX) == NULL);
    KTEST_ASSERT(kmalloc(SIZE_MAX - PAGE_SIZE) == NULL);
    KTEST_ASSERT(kzalloc(SIZE_MAX / 2) == NULL);
    KTEST_ASSERT(kmalloc((size_t)1 << 45) == NULL); /* beyond the largest kernel-area block */
    uint8_t *p = kmalloc(100);
    KTEST_ASSERT(p != NULL);
    memset(p, 0x42, 100);
    KTEST_ASSERT(krealloc(p, SIZE_MAX) == NULL); /* fails, p untouched and still ours */
    KTEST_ASSERT(heap_all(p, 0x42, 100));
    KTEST_ASSERT_EQ(kmalloc_check(p), 0);
    kfree(p);
    KTEST_ASSERT_EQ(kmalloc_usage(), base);
    kmalloc_trim();
    KTEST_ASSERT_EQ(pmm_free_count(), before);
}

KTEST(heap, kzalloc_returns_zeroes)
{
    static const size_t sizes[] = {24, 700, 2048, 5000, 40000};
    HEAP_REQUIRE_MM();
    for (int i = 0; i < 5; i++) {
        uint8_t *p = kmalloc(sizes[i]);
        KTEST_ASSERT(p != NULL);
        memset(p, 0xff, sizes[i]);
        kfree(p);
        uint8_t *z = kzalloc(sizes[i]); /* small sizes get the very object just dirtied */
        KTEST_ASSERT(z != NULL);
        KTEST_ASSERT(heap_all(z, 0, sizes[i]));
        kfree(z);
    }
}

static void heap_fill(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(i * 13 + 5);
}

static int heap_filled(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (uint8_t)(i * 13 + 5))
            return 0;
    return 1;
}

KTEST(heap, krealloc_keeps_contents)
{
    static const size_t steps[] = {100, 1000, 2048, 5000, 70000, 69000, 3000, 50, 10};
    HEAP_REQUIRE_MM();
    size_t base = kmalloc_usage();
    uint8_t *p = krealloc(NULL, 10);
    KTEST_ASSERT(p != NULL);
    heap_fill(p, 10);
    KTEST_ASSERT(krealloc(p, 16) == p); /* same class: stays */
    size_t have = 10;
    for (int i = 0; i < 9; i++) {
        uint8_t *q = krealloc(p, steps[i]);
        KTEST_ASSERT(q != NULL);
        KTEST_ASSERT(heap_filled(q, have < steps[i] ? have : steps[i]));
        have = steps[i];
        heap_fill(q, have);
        p = q;
    }
    KTEST_ASSERT_EQ(kmalloc_usage(), base + KMALLOC_MIN_SMALL);
    uint8_t *big = kmalloc(70000), *same = krealloc(big, 69700); /* both 18 pages: stays */
    KTEST_ASSERT(big != NULL && same == big);
    KTEST_ASSERT_EQ(kmalloc_size(same), 69700);
    KTEST_ASSERT_EQ(kmalloc_check(same), 0); /* the red zone moved with the size */
    kfree(same);
    KTEST_ASSERT(krealloc(p, 0) == NULL); /* frees */
    KTEST_ASSERT_EQ(kmalloc_usage(), base);
}

KTEST(heap, kfree_null_and_bad_pointers_detected)
{
    HEAP_REQUIRE_MM();
    size_t base = kmalloc_usage();
    int local;
    kfree(NULL);
    KTEST_ASSERT_EQ(kmalloc_usage(), base);
    KTEST_ASSERT_EQ(kmalloc_check(NULL), 0);
    KTEST_ASSERT_EQ(kmalloc_check(&local), -EINVAL);
    uint8_t *s = kmalloc(48), *l = kmalloc(10000);
    KTEST_ASSERT(s && l);
    KTEST_ASSERT_EQ(kmalloc_check(s + 1), -EINVAL);
    KTEST_ASSERT_EQ(kmalloc_check(l + 8), -EINVAL);
    KTEST_ASSERT_EQ(kmalloc_check(l + PAGE_SIZE), -EINVAL); /* the middle of a block */
    slab_cache_t *c = slab_cache_create("test-foreign", 64, 16);
    KTEST_ASSERT(c != NULL);
    void *foreign = slab_alloc(c);
    KTEST_ASSERT_EQ(kmalloc_check(foreign), -EINVAL); /* not a kmalloc cache's object */
    slab_free(c, foreign);
    slab_cache_destroy(c);
#if KERNEL_DEBUG
    uint8_t saved = l[10000];
    l[10000] = 0; /* one byte past a large block */
    KTEST_ASSERT_EQ(kmalloc_check(l), -EFAULT);
    l[10000] = saved;
#endif
    kfree(s);
    kfree(l);
#if KERNEL_DEBUG
    KTEST_ASSERT_EQ(kmalloc_check(s), -ENOENT);
#endif
    KTEST_ASSERT_EQ(kmalloc_check(l), -ENOENT); /* unmapped once freed */
    KTEST_ASSERT_EQ(kmalloc_usage(), base);
}

/* ---- the stress run ---- */

#define STRESS_SLOTS 256
#define STRESS_OPS 4000
#define STRESS_SEED 0x9e3779b97f4a7c15ull

typedef struct stress_stats {
    unsigned allocs, frees, large;
    size_t peak_bytes;
    uint64_t min_free;
} stress_stats_t;

static struct {
    uint8_t *p;
    size_t n;
    uint8_t tag;
} stress_live[STRESS_SLOTS]; /* boot CPU only: the live blocks of the running stress pass */

static uint64_t xorshift64(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

/* One in eight is large (2 KiB .. 64 KiB); the rest spread evenly over 1..2048 by log. */
static size_t stress_size(uint64_t r)
{
    if ((r & 7) == 0)
        return KMALLOC_MAX_SMALL + 1 + (r >> 8) % (62 * 1024);
    return 1 + (r >> 16) % ((size_t)2 << ((r >> 3) % 11));
}

static int stress_release(int i, stress_stats_t *st)
{
    if (!heap_all(stress_live[i].p, stress_live[i].tag, stress_live[i].n))
        return -1; /* another block overlapped this one */
    kfree(stress_live[i].p);
    stress_live[i].p = NULL;
    st->frees++;
    return 0;
}

static int stress_run(uint64_t seed, stress_stats_t *st)
{
    memset(st, 0, sizeof(*st));
    st->min_free = pmm_free_count();
    for (int op = 0; op < STRESS_OPS; op++) {
        uint64_t r = xorshift64(&seed);
        int i = (int)(r % STRESS_SLOTS);
        if (stress_live[i].p) {
            if (stress_release(i, st))
                return -1;
            continue;
        }
        size_t n = stress_size(r >> 8);
        uint8_t *p = kmalloc(n);
        if (!p)
            return -2;
        stress_live[i].p = p;
        stress_live[i].n = n;
        stress_live[i].tag = (uint8_t)(r >> 56);
        memset(p, stress_live[i].tag, n);
        st->allocs++;
        st->large += n > KMALLOC_MAX_SMALL;
        st->peak_bytes = kmalloc_usage() > st->peak_bytes ? kmalloc_usage() : st->peak_bytes;
        st->min_free = pmm_free_count() < st->min_free ? pmm_free_count() : st->min_free;
    }
    for (int i = 0; i < STRESS_SLOTS; i++)
        if (stress_live[i].p && stress_release(i, st))
            return -1;
    return 0;
}

KTEST(heap, stress_random_sizes_no_leak)
{
    stress_stats_t st;
    HEAP_REQUIRE_MM();
    kmalloc_trim();
    size_t base = kmalloc_usage();
    uint64_t free0 = pmm_free_count(), t0 = clock_ns();
    KTEST_ASSERT_EQ(stress_run(STRESS_SEED, &st), 0);
    uint64_t t1 = clock_ns();
    kmalloc_trim();
    KTEST_ASSERT_EQ(kmalloc_usage(), base);
    uint64_t free1 = pmm_free_count();
    /* The only frames a first run may keep are kernel-area page tables (never freed). */
    KTEST_ASSERT(free1 <= free0 && free0 - free1 <= 16);
    KTEST_ASSERT_EQ(st.allocs, st.frees);
    /* The same run again reuses those tables: now the PMM must come back exactly. */
    KTEST_ASSERT_EQ(stress_run(STRESS_SEED, &st), 0);
    kmalloc_trim();
    KTEST_ASSERT_EQ(kmalloc_usage(), base);
    KTEST_ASSERT_EQ(pmm_free_count(), free1);
    log_info("heap stress: %d ops, %u allocs (%u large), %u frees, peak %zu KiB live, peak %lu frames, "
             "%lu page-table frames kept, %lu ms",
             STRESS_OPS, st.allocs, st.large, st.frees, st.peak_bytes >> 10, free1 - st.min_free,
             free0 - free1, (t1 - t0) / 1000000);
}

/* ---- every CPU at once ---- */

#include "sched/cpu.h"
#include "sched/thread.h"
#include "test/test_util.h"

static volatile int smp_heap_bad;

/* Each CPU owns its objects: tags them, checks the tags later, frees them. A heap that
 * handed one object to two CPUs shows up as a changed tag. */
static void heap_smp_worker(void *arg)
{
    uint64_t seed = 0x9e3779b97f4a7c15ull ^ ((uint64_t)arg << 17);
    uint64_t *objs[64] = {0}, tags[64];
    for (int round = 0; round < 3000; round++) {
        unsigned i = (unsigned)(test_rand(&seed) % 64);
        if (objs[i]) {
            if (objs[i][0] != tags[i] || objs[i][1] != ~tags[i])
                smp_heap_bad = 1;
            kfree(objs[i]);
            objs[i] = 0;
            continue;
        }
        objs[i] = kmalloc(16 + test_rand(&seed) % 600);
        if (!objs[i]) {
            smp_heap_bad = 1;
            continue;
        }
        tags[i] = test_rand(&seed);
        objs[i][0] = tags[i];
        objs[i][1] = ~tags[i];
    }
    for (int i = 0; i < 64; i++)
        kfree(objs[i]);
}

KTEST(heap, concurrent_all_cpus_no_sharing)
{
    smp_heap_bad = 0;
    uint64_t threads = thread_count();
    size_t before = kmalloc_usage();
    test_on_each_cpu(heap_smp_worker, THREAD_PRIO_NORMAL);
    test_wait_threads(threads);
    KTEST_ASSERT_EQ(smp_heap_bad, 0);
    KTEST_ASSERT_EQ(kmalloc_usage(), before);
}
