/*
 * clock.h - time for the kernel: a monotonic nanosecond clock and the wall clock.
 *
 * Early boot uses the TSC calibrated against the PIT. clock_use_hpet() then calibrates
 * the TSC against the HPET and keeps the TSC as the source when it is invariant (or,
 * under a hypervisor, measured at a steady rate), or switches to the HPET counter
 * otherwise; the clock never goes backwards across the
 * switch. The wall clock is the RTC reading at boot plus the monotonic clock.
 */
#ifndef TIME_CLOCK_H
#define TIME_CLOCK_H

#include <stdint.h>

/**
 * Measures the TSC frequency against the PIT (busy-waits about 10 ms). Locking: boot CPU
 * only, once, before other CPUs start; uses PIT channel 2 unlocked. Complexity: O(1).
 */
void clock_init(void);
/**
 * Moves to the HPET as reference (and source unless the TSC is invariant or, under a
 * hypervisor, steady over two 10 ms windows), busy-waiting 20 ms; only after hpet_init() succeeded. Locking: boot CPU only, once, before other
 * CPUs start and before interrupts are on. Complexity: O(1).
 */
void clock_use_hpet(void);
/**
 * Sets the wall clock from the RTC. Once, after clock_use_hpet. Locking: boot CPU only,
 * before other CPUs start. Complexity: O(1).
 */
void clock_set_epoch(uint64_t epoch_seconds);
/**
 * Nanoseconds since boot (0 before clock_init). Locking: none, any context.
 * Complexity: O(1) (one TSC or HPET read).
 */
uint64_t clock_ns(void);
/**
 * The deadline for sched_block() @timeout_ns from now: 0 (no deadline) if @timeout_ns
 * is 0, else clock_ns() + @timeout_ns, saturated at UINT64_MAX - 1 rather than wrapped
 * (a wrapped sum lies in the past, or is 0, "no deadline"). Locking: none, any
 * context. Complexity: O(1).
 */
uint64_t clock_deadline(uint64_t timeout_ns);
/** Nanoseconds since 1970-01-01 UTC. Locking: none, any context. Complexity: O(1). */
uint64_t clock_epoch_ns(void);
/** The measured TSC frequency in Hz (0 before clock_init). Locking: none. Complexity: O(1). */
uint64_t clock_tsc_hz(void);
/** 1 if the clock reads the TSC, 0 if the HPET. Locking: none. Complexity: O(1). */
int clock_is_tsc(void);

#endif
