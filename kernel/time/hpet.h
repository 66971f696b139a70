/*
 * hpet.h - the High Precision Event Timer's main counter: the reference clock the TSC
 * and the LAPIC timer are calibrated against, and the monotonic clock itself when the
 * TSC is not invariant.
 */
#ifndef TIME_HPET_H
#define TIME_HPET_H

#include <stdint.h>

/**
 * Maps and starts the HPET at phys. Returns 0, or -ENODEV when it cannot be mapped or
 * its period is implausible. Locking: boot CPU only, once, before other CPUs start.
 * Never sleeps. O(1).
 */
int hpet_init(uint64_t phys);
/**
 * Nanoseconds from the main counter (assumed 64-bit: no wrap). Only after hpet_init()
 * succeeded. Locking: none, any context. O(1) (one MMIO read).
 */
uint64_t hpet_ns(void);
/** Counter period in femtoseconds (0 before hpet_init). Locking: none. O(1). */
uint64_t hpet_period_fs(void);

#endif
