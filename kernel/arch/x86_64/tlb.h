/*
 * tlb.h - TLB invalidation: on this CPU, and on other CPUs by one IPI per batch.
 */
#ifndef ARCH_TLB_H
#define ARCH_TLB_H

#include <stddef.h>
#include <stdint.h>

/**
 * Invalidates pages from virt on this CPU (a full flush, global entries too, above 32
 * pages). Locking: none; call where the caller cannot migrate (interrupts off or
 * pinned) or the flush may land on another CPU. O(pages).
 */
void tlb_flush_local(uint64_t virt, size_t pages);
/**
 * Makes every other online CPU in cpus (a bit per CPU id) invalidate the range, and waits
 * until they have. One IPI per target CPU for the whole batch. Locking: takes the
 * shootdown lock (interrupts off while held), serving other CPUs' requests while it
 * waits for it; no spinlock held (a target spinning on it with interrupts off would
 * never answer); interrupts on or off. Spins, never sleeps. O(CPUs + pages).
 */
void tlb_shootdown(uint64_t cpus, uint64_t virt, size_t pages);
/** Handles the shootdown IPI on a target CPU. Locking: in the IPI, interrupts off. O(pages). */
void tlb_ipi_handler(void);

#endif
