/*
 * pmm.h - the physical memory manager: 4 KiB page frames.
 *
 * Frames above PMM_CONTIG_LIMIT live on a free stack threaded through the frames
 * themselves (via the direct map), so pmm_alloc() and pmm_free() are O(1). Frames below
 * it are kept in a bitmap for the few callers that need physically contiguous or low
 * memory (AP trampoline, DMA-style buffers); single-page requests fall back to it only
 * when the stack is empty. A byte of state per frame catches double frees.
 */
#ifndef MM_PMM_H
#define MM_PMM_H

#include <stddef.h>
#include <stdint.h>
#include <abi/boot_info.h>

typedef uint64_t paddr_t;

#define PAGE_SIZE 4096ull
#define PAGE_SHIFT 12
#define PMM_CONTIG_LIMIT (64ull << 20) /**< frames below this are the contiguous pool */

/**
 * Builds the free lists from the loader's map (usable RAM only); panics if there is no
 * room for the per-frame state. Locking: boot CPU only, before other CPUs start (takes
 * no lock). Never sleeps. O(usable frames + map entries).
 */
void pmm_init(const boot_info_t *bi);
/**
 * Gives back the loader's and firmware's boot-time memory (BOOT_MEM_RECLAIMABLE) once
 * the kernel runs on its own page tables and stacks. Once, on the boot CPU before the
 * APs start. Locking: holds the pmm lock (interrupts off) throughout. Never sleeps.
 * O(pages reclaimed).
 */
void pmm_reclaim_boot(const boot_info_t *bi);
/**
 * One frame, contents undefined (possibly code: see pmm_alloc_zeroed() for frames that
 * will hold data); 0 when out of memory. Locking: takes the pmm lock
 * (any context, spinlocks may be held). Never sleeps. O(1); when the free stack is
 * empty, an O(pool frames / 64) bitmap scan of the low pool.
 */
paddr_t pmm_alloc(void);
/**
 * One zeroed frame; 0 when out of memory. What every kernel user of frames calls: a
 * recycled frame may have held code, and under QEMU's TCG a page keeps its stale
 * translations (and slow writes) until every byte of them is overwritten; zeroing
 * does that once. Locking: as pmm_alloc(). Never sleeps. O(1) + zeroing (outside the
 * lock).
 */
paddr_t pmm_alloc_zeroed(void);
/**
 * Returns a frame from pmm_alloc*(); a double free, unaligned or foreign frame panics.
 * Locking: takes the pmm lock (any context). Never sleeps. O(1).
 */
void pmm_free(paddr_t frame);
/**
 * count physically contiguous frames aligned to align frames (a power of two), from
 * the pool below PMM_CONTIG_LIMIT; 0 if none, or if count is 0 or align is 0 or not a
 * power of two. Locking: holds the pmm lock (interrupts off) for the whole scan. Never
 * sleeps. O(pool frames) bit tests (16K for 64 MiB).
 */
paddr_t pmm_alloc_contig(size_t count, size_t align);
/**
 * Frees a run from pmm_alloc_contig(); panics like pmm_free(). Locking: takes the pmm
 * lock once per frame. Never sleeps. O(count).
 */
void pmm_free_contig(paddr_t base, size_t count);
/** True if frame is currently allocated (tests, debugging). Locking: none (racy read). O(1). */
int pmm_is_allocated(paddr_t frame);
/** Frames currently free. Locking: none (lock-free, racy read). O(1). */
uint64_t pmm_free_count(void);
/** Frames of usable RAM the PMM manages (free + allocated). Locking: none (racy read). O(1). */
uint64_t pmm_total_count(void);
/**
 * Frames of RAM the PMM never hands out (kernel, firmware, ACPI, boot data).
 * Locking: none (racy read). O(1).
 */
uint64_t pmm_reserved_count(void);

#endif
