/*
 * tlb.h - TLB invalidation: on this CPU, and on other CPUs by one IPI per batch.
 */
#ifndef ARCH_TLB_H
#define ARCH_TLB_H

#include <stddef.h>
#include <stdint.h>

/** Invalidates pages from virt on this CPU (a full flush above 32 pages). O(pages). */
void tlb_flush_local(uint64_t virt, size_t pages);
/**
 * Makes every other online CPU in cpus (a bit per CPU id) invalidate the range, and waits
 * until they have. One IPI per target CPU for the whole batch. Locking: may be called
 * with interrupts on or off; serialised by the shootdown lock. O(CPUs + pages).
 */
void tlb_shootdown(uint64_t cpus, uint64_t virt, size_t pages);
/** Handles the shootdown IPI on a target CPU. */
void tlb_ipi_handler(void);

#endif
