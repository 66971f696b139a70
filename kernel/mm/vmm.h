/*
 * vmm.h - virtual memory: 4-level page tables, address spaces, kernel areas, MMIO.
 *
 * Map, unmap, protect and query touch exactly one page-table walk (4 levels), so they
 * are O(1) per page whatever else is mapped. What a mapping needs to remember lives in
 * its PTE: VMM_OWNED (an available PTE bit) says the frame belongs to the mapping and is
 * freed with it. TLB entries are flushed locally and on every other CPU that may hold
 * them, one IPI per batch (vmm_flush).
 */
#ifndef MM_VMM_H
#define MM_VMM_H

#include <stddef.h>
#include <stdint.h>
#include <abi/boot_info.h>
#include "mm/pmm.h"
#include "sync/spinlock.h"

#define VMM_WRITE 0x1u   /**< writable */
#define VMM_USER 0x2u    /**< reachable from ring 3 (user half only) */
#define VMM_EXEC 0x4u    /**< executable (otherwise NX) */
#define VMM_NOCACHE 0x8u /**< uncached (MMIO) */
#define VMM_OWNED 0x10u  /**< the frame is freed when the page is unmapped */
/** The frame belongs to a shared object (ipc/shmem.h), not to the mapping: unmapping the
 *  page (vmm_unmap_range, vmm_space_deinit) hands the frame to the release hook set
 *  with vmm_set_shared_release(), which drops the object's reference. An available PTE
 *  bit, so finding out costs nothing; never together with VMM_OWNED. */
#define VMM_SHARED 0x20u

/** An address space: the user half is private, the kernel half shared. */
typedef struct vmm_space {
    paddr_t pml4;           /**< immutable: physical address of the top table */
    spinlock_t lock;        /**< protects this space's page tables */
    volatile uint64_t cpus; /**< atomic: bit per CPU that has it loaded (shootdown targets) */
} vmm_space_t;

/**
 * Builds the kernel's own page tables (NX, RO text/rodata, the direct map) and switches
 * to them; panics when out of memory. Locking: boot CPU only, before other CPUs start.
 * Never sleeps. O(RAM / 2 MiB + kernel pages).
 */
void vmm_init(const boot_info_t *bi);
/**
 * Enables NX/WP/PGE and loads the kernel space on AP cpu (after vmm_init), marking it in
 * the space's cpus. Locking: on that AP itself during bring-up, interrupts off. O(1).
 */
void vmm_cpu_init(unsigned cpu);
/** The kernel's address space (the only one until processes exist). Locking: none. O(1). */
vmm_space_t *vmm_kernel_space(void);

/**
 * Maps one page virt -> phys with VMM_* flags. Returns 0, -EINVAL (unaligned virt or
 * phys, non-canonical, or user flag/kernel address mismatch), -EEXIST (already mapped)
 * or -ENOMEM (no frame for a table). Locking: takes s->lock, then the pmm lock; any
 * context. Never sleeps. O(1). Does not flush: a new mapping needs none.
 */
int vmm_map(vmm_space_t *s, uint64_t virt, paddr_t phys, unsigned flags);
/**
 * Unmaps one page; *phys (if not NULL) gets its frame. Returns 1 if the mapping owned
 * the frame (the caller frees it after vmm_flush(): until then another CPU may still
 * write to it through a stale TLB entry), 2 if it was VMM_SHARED (the caller hands it
 * to the shared-release hook after vmm_flush(); vmm_unmap_range does), 0 if neither,
 * -EINVAL (unaligned or
 * non-canonical) or -ENOENT (not mapped). Locking: takes s->lock. Never sleeps. O(1).
 */
int vmm_unmap(vmm_space_t *s, uint64_t virt, paddr_t *phys);
/**
 * Unmaps pages from virt, flushes every CPU that may cache them, then frees the owned
 * frames and passes each VMM_SHARED frame to the shared-release hook. Pages not mapped
 * are skipped, and so are whole spans without page tables, so unmapping a huge range
 * costs the pages its existing page tables cover, not its size. Locking: takes s->lock;
 * no spinlock may be held (it waits for other CPUs). May not sleep. O(pages under
 * existing tables + number of missing tables crossed).
 */
void vmm_unmap_range(vmm_space_t *s, uint64_t virt, size_t pages);
/**
 * The first page address in [@virt, @end) (@virt page aligned) for which a page table
 * exists, skipping the spans of missing PML4, PDPT and PD entries; @end if none (or if
 * the walk reaches a non-canonical address). Pages at the address returned may still be
 * unmapped: callers check them one by one. Locking: takes s->lock. Never sleeps.
 * O(missing tables crossed).
 */
uint64_t vmm_next_table(vmm_space_t *s, uint64_t virt, uint64_t end);
/**
 * Sets the hook that gets each VMM_SHARED frame once its mapping is gone (and flushed)
 * from vmm_unmap_range() and vmm_space_deinit(); one owner (ipc/shmem.c, at init).
 * The hook is called with no vmm lock held, must not sleep and must be O(1).
 * Locking: boot only, before any shared mapping exists. O(1).
 */
void vmm_set_shared_release(void (*release)(paddr_t frame));
/**
 * Changes the flags of a mapped page (VMM_OWNED and VMM_SHARED are kept, never set). Returns 0,
 * -EINVAL (as vmm_map) or -ENOENT (not mapped). Does not flush: the caller must
 * vmm_flush() after reducing rights. Locking: takes s->lock. Never sleeps. O(1).
 */
int vmm_protect(vmm_space_t *s, uint64_t virt, unsigned flags);
/**
 * Looks up the page holding virt (need not be aligned): 0 with *phys and *flags filled
 * (each if not NULL), -EINVAL (non-canonical) or -ENOENT. Locking: takes s->lock. Never
 * sleeps. O(1).
 */
int vmm_query(vmm_space_t *s, uint64_t virt, paddr_t *phys, unsigned *flags);
/**
 * Invalidates [virt, virt + pages*4K) on this CPU and, by one IPI each, on every other
 * CPU that has s loaded (all CPUs for kernel addresses); waits until all have done it.
 * Locking: no spinlock held (a target spinning on it with interrupts off would never
 * answer); interrupts on or off. Spins, never sleeps. O(pages) locally (a full flush
 * above 32 pages) + O(CPUs).
 */
void vmm_flush(vmm_space_t *s, uint64_t virt, size_t pages);

/**
 * Makes an empty user address space sharing the kernel half. 0 or -ENOMEM. Locking:
 * none (s is not yet shared); takes the pmm lock. Never sleeps. O(1).
 */
int vmm_space_init(vmm_space_t *s);
/**
 * Frees every user page table and owned frame of s, and passes each VMM_SHARED frame to
 * the shared-release hook. s must not be loaded on any CPU
 * (nor be loaded again). Locking: none taken on s (the caller owns it exclusively);
 * takes the pmm lock per frame. Never sleeps. O(mapped pages + tables).
 */
void vmm_space_deinit(vmm_space_t *s);
/**
 * Loads s on this CPU (no-op if already loaded); the caller keeps s->cpus up to date.
 * Locking: this CPU, interrupts off (called from the scheduler). O(1).
 */
void vmm_space_switch(vmm_space_t *s);

/**
 * Allocates pages of kernel virtual memory backed by fresh zeroed frames, preceded by
 * guard unmapped pages (a stack overflow faults instead of corrupting). Returns the
 * first usable address, or NULL if pages is 0, pages + guard exceeds the largest block
 * or memory runs out. Locking: area lock, then the kernel space lock, then the pmm
 * lock; no spinlock held (the failure path flushes TLBs). Never sleeps. O(pages).
 * The address range comes from power-of-two free lists: O(1).
 */
void *vmm_kalloc(size_t pages, size_t guard);
/**
 * Frees a vmm_kalloc() block (same pages and guard). Locking: takes the kernel space
 * and pmm locks per page, then the area lock and the kernel space lock; no spinlock
 * held (TLB shootdown), interrupts on or off. Never sleeps. O(pages) + one flush.
 */
void vmm_kfree(void *addr, size_t pages, size_t guard);
/**
 * Maps size bytes of device memory at phys uncached, permanently; returns its address
 * or NULL (a page could not be mapped: no frame for a table). Locking: takes the area
 * lock, then (after it) the kernel space and pmm locks per page. Never sleeps. O(pages).
 */
void *vmm_map_mmio(paddr_t phys, size_t size);
/**
 * Maps the low page at its own address in the kernel tables (AP start-up), and removes
 * that mapping with every table under PML4 entry 0, flushing every CPU. 0 or -ENOMEM
 * (map); unmap cannot fail. Locking: boot CPU only, one caller at a time (map takes the
 * kernel space lock, unmap takes none); unmap needs no spinlock held (shootdown).
 * Never sleeps. O(1).
 */
int vmm_map_identity_low(paddr_t page);
void vmm_unmap_identity_low(paddr_t page);
/**
 * True if addr lies in a guard page of a vmm_kalloc block (page-fault reports).
 * Locking: none (unlocked walk of the kernel tables; racy but safe). O(1).
 */
int vmm_is_guard(uint64_t addr);

#endif
