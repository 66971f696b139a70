/*
 * smp.h - starting the application processors listed in the MADT, one at a time,
 * with INIT-SIPI-SIPI and the real-mode trampoline (trampoline.S).
 */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

/**
 * Starts every enabled CPU of the MADT except the boot CPU and waits for each to come
 * online (or gives up on it after 500 ms, with a warning). Returns the number of CPUs
 * online (1 if there is no MADT or no low page for the trampoline). Call once on the BSP
 * after the scheduler runs. Locking: no spinlock held; takes the pmm, kernel space and
 * heap locks. Sleeps (10 ms per CPU) and busy-waits. O(CPUs).
 */
unsigned smp_start_aps(void);

#endif
