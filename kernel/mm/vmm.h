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

/** An address space: the user half is private, the kernel half shared. */
typedef struct vmm_space {
    paddr_t pml4;           /**< immutable: physical address of the top table */
    spinlock_t lock;        /**< protects this space's page tables */
    volatile uint64_t cpus; /**< atomic: bit per CPU that has it loaded (shootdown targets) */
} vmm_space_t;

/** Builds the kernel's own page tables (NX, RO text/rodata) and switches to them. Once. */
void vmm_init(const boot_info_t *bi);
/** Loads the kernel space on an AP (after vmm_init). */
void vmm_cpu_init(unsigned cpu);
/** The kernel's address space (the only one until processes exist). */
vmm_space_t *vmm_kernel_space(void);

/**
 * Maps one page virt -> phys with VMM_* flags. Returns 0, -EINVAL (unaligned,
 * non-canonical, or user flag/kernel address mismatch), -EEXIST (already mapped) or
 * -ENOMEM (no frame for a table). Locking: takes s->lock. O(1). Does not flush: a new
 * mapping needs none.
 */
int vmm_map(vmm_space_t *s, uint64_t virt, paddr_t phys, unsigned flags);
/**
 * Unmaps one page; frees the frame if the mapping owned it; *phys (if not NULL) gets
 * the frame (0 when owned and freed). Returns 0 or -ENOENT. Caller flushes with
 * vmm_flush() after a batch. Locking: s->lock. O(1).
 */
int vmm_unmap(vmm_space_t *s, uint64_t virt, paddr_t *phys);
/** Changes the flags of a mapped page (VMM_OWNED is kept). 0 or -ENOENT/-EINVAL. O(1). */
int vmm_protect(vmm_space_t *s, uint64_t virt, unsigned flags);
/** Looks a page up: 0 with *phys and *flags filled, or -ENOENT. Locking: s->lock. O(1). */
int vmm_query(vmm_space_t *s, uint64_t virt, paddr_t *phys, unsigned *flags);
/**
 * Invalidates [virt, virt + pages*4K) on this CPU and, by one IPI each, on every other
 * CPU that has s loaded (all CPUs for kernel addresses); waits until all have done it.
 * Locking: none held (may spin). O(pages) locally (a full flush above 32 pages) + O(CPUs).
 */
void vmm_flush(vmm_space_t *s, uint64_t virt, size_t pages);

/** Makes an empty user address space sharing the kernel half. 0 or -ENOMEM. O(1). */
int vmm_space_init(vmm_space_t *s);
/** Frees every user page table and owned frame of s. s must not be loaded anywhere. O(mapped). */
void vmm_space_deinit(vmm_space_t *s);
/** Loads s on this CPU. Locking: interrupts off (called from the scheduler). O(1). */
void vmm_space_switch(vmm_space_t *s);

/**
 * Allocates pages of kernel virtual memory backed by fresh frames, preceded by guard
 * unmapped pages (a stack overflow faults instead of corrupting). Returns the first
 * usable address or NULL. Locking: area lock, then the kernel space lock. O(pages).
 * The address range comes from power-of-two free lists: O(1).
 */
void *vmm_kalloc(size_t pages, size_t guard);
/** Frees a vmm_kalloc() block (same pages and guard). O(pages) + one flush. */
void vmm_kfree(void *addr, size_t pages, size_t guard);
/** Maps size bytes of device memory at phys uncached; returns its address or NULL. O(pages). */
void *vmm_map_mmio(paddr_t phys, size_t size);
/**
 * Maps the low page at its own address in the kernel tables (AP start-up), and removes
 * that mapping with every table it needed. Boot CPU only. 0 or -ENOMEM.
 */
int vmm_map_identity_low(paddr_t page);
void vmm_unmap_identity_low(paddr_t page);
/** True if [addr, addr+size) is a guard page of a vmm_kalloc block. O(1). */
int vmm_is_guard(uint64_t addr);

#endif
