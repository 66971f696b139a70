/*
 * stat.h - sys:/stat: system statistics as text. sys:/stat/cpu has one line per
 * online CPU, `cpu<N> busy_ns <n> idle_ns <n> timer_irqs <n> switches <n>`, with the
 * current busy or idle period included; sys:/stat/mem has `total_pages`,
 * `free_pages`, `reserved_pages` and `kernel_heap_bytes` lines. Each open takes a
 * snapshot (formatted at open, served by offset), so one open reads a consistent text.
 * Writing `trim` to sys:/stat/mem gives back the memory the kernel's caches keep
 * (stat_trim_caches), so that free_pages can be compared before and after a workload
 * (tests/user/fuzz.c does); any other write fails with EINVAL.
 * The counters come from sched/cpu.h, sched/sched.h, mm/pmm.h and mm/kmalloc.h.
 */
#ifndef DEV_STAT_H
#define DEV_STAT_H

/**
 * Creates sys:/stat with its files. Once, at boot after fs_init(); failures are logged
 * (the files are then missing). Locking: sysfs locks. May sleep. O(1).
 */
void stat_init(void);
/**
 * Gives back to the page allocator what the kernel's caches hold but do not use: the
 * system calls' and spawn's buffers, cached thread stacks, the VFS path buffers, empty
 * slabs. Safe at any time (each cache takes its own lock). Locking: takes and drops
 * those caches' locks; no lock may be held. May sleep. O(cached objects).
 */
void stat_trim_caches(void);

#endif
