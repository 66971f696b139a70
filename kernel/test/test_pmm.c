/*
 * test_pmm.c - the physical memory manager: counts, O(1) alloc/free round trips,
 * exhausting and refilling all of memory, contiguous runs, zeroed frames.
 */
#include "test/ktest.h"
#include "lib/string.h"
#include "mm/layout.h"
#include "mm/pmm.h"

KTEST(pmm, alloc_free_roundtrip)
{
    uint64_t before = pmm_free_count();
    paddr_t a = pmm_alloc();
    KTEST_ASSERT(a != 0);
    KTEST_ASSERT_EQ(a & (PAGE_SIZE - 1), 0);
    KTEST_ASSERT(pmm_is_allocated(a));
    KTEST_ASSERT_EQ(pmm_free_count(), before - 1);
    pmm_free(a);
    KTEST_ASSERT(!pmm_is_allocated(a));
    KTEST_ASSERT_EQ(pmm_free_count(), before);
}

KTEST(pmm, counts_are_consistent)
{
    KTEST_ASSERT(pmm_total_count() > (768ull << 20) / PAGE_SIZE); /* 1 GiB guest */
    KTEST_ASSERT(pmm_free_count() <= pmm_total_count());
    KTEST_ASSERT(pmm_reserved_count() > 0);
}

KTEST(pmm, distinct_frames)
{
    paddr_t f[64];
    for (int i = 0; i < 64; i++) {
        f[i] = pmm_alloc();
        KTEST_ASSERT(f[i] != 0);
        for (int j = 0; j < i; j++)
            KTEST_ASSERT(f[i] != f[j]);
    }
    for (int i = 0; i < 64; i++)
        pmm_free(f[i]);
}

KTEST(pmm, zeroed_frame_reads_zero)
{
    paddr_t a = pmm_alloc();
    memset(PHYS_TO_VIRT(a), 0xab, PAGE_SIZE);
    pmm_free(a);
    paddr_t b = pmm_alloc_zeroed();
    const uint64_t *p = PHYS_TO_VIRT(b);
    uint64_t acc = 0;
    for (unsigned i = 0; i < PAGE_SIZE / 8; i++)
        acc |= p[i];
    pmm_free(b);
    KTEST_ASSERT_EQ(acc, 0);
}

/* Allocates every free frame (chained through their first word), then frees them all. */
KTEST(pmm, exhaust_and_refill)
{
    uint64_t before = pmm_free_count(), n = 0;
    paddr_t head = 0, f;
    while ((f = pmm_alloc())) {
        *(paddr_t *)PHYS_TO_VIRT(f) = head;
        head = f;
        n++;
    }
    uint64_t at_empty = pmm_free_count();
    while (head) {
        paddr_t next = *(paddr_t *)PHYS_TO_VIRT(head);
        pmm_free(head);
        head = next;
    }
    KTEST_ASSERT_EQ(at_empty, 0);
    KTEST_ASSERT(n + 64 >= before); /* others may allocate a little meanwhile */
    KTEST_ASSERT(pmm_free_count() + 64 >= before);
}

KTEST(pmm, contiguous_aligned_run)
{
    uint64_t before = pmm_free_count();
    paddr_t r = pmm_alloc_contig(16, 16);
    KTEST_ASSERT(r != 0);
    KTEST_ASSERT_EQ(r & (16 * PAGE_SIZE - 1), 0);
    KTEST_ASSERT(r < PMM_CONTIG_LIMIT);
    for (int i = 0; i < 16; i++)
        KTEST_ASSERT(pmm_is_allocated(r + i * PAGE_SIZE));
    KTEST_ASSERT_EQ(pmm_free_count(), before - 16);
    pmm_free_contig(r, 16);
    KTEST_ASSERT_EQ(pmm_free_count(), before);
}

KTEST(pmm, contiguous_bad_requests)
{
    KTEST_ASSERT_EQ(pmm_alloc_contig(0, 1), 0);
    KTEST_ASSERT_EQ(pmm_alloc_contig(4, 3), 0);                                  /* align not a power of two */
    KTEST_ASSERT_EQ(pmm_alloc_contig(PMM_CONTIG_LIMIT / PAGE_SIZE + 1, 1), 0); /* larger than the pool */
}
