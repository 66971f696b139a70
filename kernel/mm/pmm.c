/*
 * pmm.c - physical frames. The free stack links each free frame to the next through its
 * first 8 bytes; the contiguous pool is a bitmap (set = free). frame_state[] holds one
 * byte per frame up to the highest usable address, for double-free detection.
 */
#include "pmm.h"
#include "debug/panic.h"
#include "lib/bitmap.h"
#include "lib/string.h"
#include "mm/layout.h"
#include "sync/spinlock.h"

enum { FRAME_NONE = 0, FRAME_FREE = 1, FRAME_USED = 2 };

#define POOL_FRAMES (PMM_CONTIG_LIMIT / PAGE_SIZE)

static spinlock_t lock = SPINLOCK_INIT;
static paddr_t stack_top;                     /* lock: first free frame of the stack */
static uint64_t pool[POOL_FRAMES / 64];       /* lock: set bit = free frame below the limit */
static uint8_t *frame_state;                  /* lock: per frame, FRAME_* */
static uint64_t frame_limit;                  /* immutable after init: frames covered */
static uint64_t free_frames, total_frames, reserved_frames; /* lock (reads are racy) */

static uint64_t region_end(const boot_mem_region_t *r)
{
    return r->base + r->pages * PAGE_SIZE;
}

/* Finds room for frame_state in a usable region and returns its physical address. */
static paddr_t pmm_place_state(const boot_mem_region_t *r, uint64_t n, uint64_t bytes)
{
    for (uint64_t i = 0; i < n; i++)
        if (r[i].type == BOOT_MEM_USABLE && r[i].base >= PMM_CONTIG_LIMIT && r[i].pages * PAGE_SIZE >= bytes)
            return r[i].base;
    for (uint64_t i = 0; i < n; i++)
        if (r[i].type == BOOT_MEM_USABLE && r[i].base >= PAGE_SIZE && r[i].pages * PAGE_SIZE >= bytes)
            return r[i].base;
    panic("pmm: no room for %lu bytes of frame state", bytes);
}

static void pmm_add_free(paddr_t f)
{
    frame_state[f >> PAGE_SHIFT] = FRAME_FREE;
    free_frames++;
    if (f < PMM_CONTIG_LIMIT) {
        bitmap_set(pool, f >> PAGE_SHIFT);
        return;
    }
    *(paddr_t *)PHYS_TO_VIRT(f) = stack_top;
    stack_top = f;
}

static void pmm_add_range(paddr_t base, paddr_t end, paddr_t skip_lo, paddr_t skip_hi)
{
    for (paddr_t f = base; f < end; f += PAGE_SIZE) {
        if (f == 0 || (f >= skip_lo && f < skip_hi))
            continue; /* frame 0 stays unused: a null paddr_t means failure */
        pmm_add_free(f);
        total_frames++;
    }
}

void pmm_init(const boot_info_t *bi)
{
    const boot_mem_region_t *r = PHYS_TO_VIRT(bi->mem_map);
    uint64_t top = 0, all = 0;
    for (uint64_t i = 0; i < bi->mem_count; i++) {
        if (r[i].type <= BOOT_MEM_ACPI_RECLAIM && region_end(&r[i]) > top)
            top = region_end(&r[i]);
        if (r[i].type != BOOT_MEM_MMIO)
            all += r[i].pages;
    }
    frame_limit = top >> PAGE_SHIFT;
    uint64_t bytes = (frame_limit + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    paddr_t state = pmm_place_state(r, bi->mem_count, bytes);
    frame_state = PHYS_TO_VIRT(state);
    memset(frame_state, FRAME_NONE, bytes);
    for (uint64_t i = 0; i < bi->mem_count; i++)
        if (r[i].type == BOOT_MEM_USABLE)
            pmm_add_range(r[i].base, region_end(&r[i]), state, state + bytes);
    reserved_frames = all - total_frames;
}

void pmm_reclaim_boot(const boot_info_t *bi)
{
    const boot_mem_region_t *r = PHYS_TO_VIRT(bi->mem_map);
    spinlock_lock(&lock);
    uint64_t before = total_frames;
    for (uint64_t i = 0; i < bi->mem_count; i++)
        if (r[i].type == BOOT_MEM_RECLAIMABLE)
            pmm_add_range(r[i].base, region_end(&r[i]), 0, 0);
    reserved_frames -= total_frames - before;
    spinlock_unlock(&lock);
}

static paddr_t pmm_take_locked(void)
{
    paddr_t f = stack_top;
    if (f) {
        stack_top = *(paddr_t *)PHYS_TO_VIRT(f);
    } else {
        size_t i = bitmap_find_first_set(pool, POOL_FRAMES);
        if (i == POOL_FRAMES)
            return 0;
        bitmap_clear(pool, i);
        f = (paddr_t)i << PAGE_SHIFT;
    }
    frame_state[f >> PAGE_SHIFT] = FRAME_USED;
    free_frames--;
    return f;
}

paddr_t pmm_alloc(void)
{
    spinlock_lock(&lock);
    paddr_t f = pmm_take_locked();
    spinlock_unlock(&lock);
    return f;
}

paddr_t pmm_alloc_zeroed(void)
{
    paddr_t f = pmm_alloc();
    if (f)
        memset(PHYS_TO_VIRT(f), 0, PAGE_SIZE);
    return f;
}

static void pmm_check_used(paddr_t f)
{
    if ((f & (PAGE_SIZE - 1)) || (f >> PAGE_SHIFT) >= frame_limit || frame_state[f >> PAGE_SHIFT] != FRAME_USED)
        panic("pmm: free of frame 0x%lx that is not allocated (state %u)", f,
              (f >> PAGE_SHIFT) < frame_limit ? frame_state[f >> PAGE_SHIFT] : 0xff);
}

void pmm_free(paddr_t f)
{
    spinlock_lock(&lock);
    pmm_check_used(f);
    pmm_add_free(f);
    spinlock_unlock(&lock);
}

paddr_t pmm_alloc_contig(size_t count, size_t align)
{
    if (count == 0 || align == 0 || (align & (align - 1)))
        return 0;
    spinlock_lock(&lock);
    paddr_t found = 0;
    for (size_t i = 0; i + count <= POOL_FRAMES; i += align) {
        size_t j = 0;
        while (j < count && bitmap_test(pool, i + j))
            j++;
        if (j == count) {
            bitmap_clear_range(pool, i, count);
            for (j = 0; j < count; j++)
                frame_state[i + j] = FRAME_USED;
            free_frames -= count;
            found = (paddr_t)i << PAGE_SHIFT;
            break;
        }
        i += j / align * align; /* skip the free prefix that was too short */
    }
    spinlock_unlock(&lock);
    return found;
}

void pmm_free_contig(paddr_t base, size_t count)
{
    for (size_t i = 0; i < count; i++)
        pmm_free(base + i * PAGE_SIZE);
}

int pmm_is_allocated(paddr_t f)
{
    return (f >> PAGE_SHIFT) < frame_limit && frame_state[f >> PAGE_SHIFT] == FRAME_USED;
}

uint64_t pmm_free_count(void)
{
    return __atomic_load_n(&free_frames, __ATOMIC_RELAXED);
}

uint64_t pmm_total_count(void)
{
    return __atomic_load_n(&total_frames, __ATOMIC_RELAXED);
}

uint64_t pmm_reserved_count(void)
{
    return __atomic_load_n(&reserved_frames, __ATOMIC_RELAXED);
}
