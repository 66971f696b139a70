/*
 * stat.h - sys:/stat: system statistics as text. sys:/stat/cpu has one line per
 * online CPU, `cpu<N> busy_ns <n> idle_ns <n> timer_irqs <n> switches <n>`, with the
 * current busy or idle period included; sys:/stat/mem has `total_pages`,
 * `free_pages`, `reserved_pages` and `kernel_heap_bytes` lines. Each open takes a
 * snapshot (formatted at open, served by offset), so one open reads a consistent text.
 * The counters come from sched/cpu.h, sched/sched.h, mm/pmm.h and mm/kmalloc.h.
 */
#ifndef DEV_STAT_H
#define DEV_STAT_H

/**
 * Creates sys:/stat with its files. Once, at boot after fs_init(); failures are logged
 * (the files are then missing). Locking: sysfs locks. May sleep. O(1).
 */
void stat_init(void);

#endif
