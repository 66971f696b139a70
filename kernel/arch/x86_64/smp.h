/*
 * smp.h - starting the application processors listed in the MADT, one at a time,
 * with INIT-SIPI-SIPI and the real-mode trampoline (trampoline.S).
 */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

/**
 * Starts every enabled CPU of the MADT except the boot CPU and waits for each to come
 * online (or gives up on it after 500 ms, with a warning). Returns the number of CPUs
 * online. Call once on the BSP after the scheduler runs. Sleeps.
 */
unsigned smp_start_aps(void);

#endif
