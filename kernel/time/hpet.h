/*
 * hpet.h - the High Precision Event Timer's main counter: the reference clock the TSC
 * and the LAPIC timer are calibrated against, and the monotonic clock itself when the
 * TSC is not invariant.
 */
#ifndef TIME_HPET_H
#define TIME_HPET_H

#include <stdint.h>

/** Maps and starts the HPET at phys. Returns 0, or -ENODEV when its registers are implausible. */
int hpet_init(uint64_t phys);
/** Nanoseconds from the main counter (no wrap: 64-bit counter). Locking: none. O(1). */
uint64_t hpet_ns(void);
/** Counter period in femtoseconds (0 before hpet_init). */
uint64_t hpet_period_fs(void);

#endif
