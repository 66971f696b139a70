/*
 * hot.h - HOT_PATH, for the functions that every system call, wake-up and context
 * switch runs. They go to section .text.hot, which kernel.ld links first, so that
 * code sits on a few pages instead of being spread over the whole text. Under QEMU's
 * TCG every context switch flushes the soft TLB and each code page touched after it
 * costs a refill; on hardware the grouping saves iTLB entries the same way. Chosen
 * from the execution counts of a pipe and socket ping-pong (docs/design/sched.md,
 * "The hot path's code").
 * Host test builds ignore it.
 */
#ifndef LIB_HOT_H
#define LIB_HOT_H

#ifdef HOST_TEST
#define HOT_PATH
#else
#define HOT_PATH __attribute__((section(".text.hot")))
#endif

#endif
