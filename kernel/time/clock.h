/*
 * clock.h - the monotonic nanosecond clock. For now the TSC, calibrated once against
 * the PIT; the kernel-core issue moves calibration to the HPET.
 */
#ifndef TIME_CLOCK_H
#define TIME_CLOCK_H

#include <stdint.h>

/** Measures the TSC frequency (about 10 ms). Call once on the BSP. */
void clock_init(void);
/** Nanoseconds since clock_init (0 before). Locking: none. Complexity: O(1). */
uint64_t clock_ns(void);
/** The measured TSC frequency in Hz (0 before clock_init). */
uint64_t clock_tsc_hz(void);

#endif
