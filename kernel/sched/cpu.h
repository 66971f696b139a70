/*
 * cpu.h - per-CPU data. Each CPU's cpu_t is reached through its GS base (gs:0 holds
 * the structure's own address), so cpu_current() is one instruction. The array of all
 * CPUs is filled by smp.c as they come online.
 */
#ifndef SCHED_CPU_H
#define SCHED_CPU_H

#include <stdint.h>
#include "arch/x86_64/gdt.h"
#include "lib/list.h"
#include "sync/spinlock.h"

#define CPU_MAX 64
#define SCHED_LEVELS 32

struct thread;
struct trap_catch;

/** One priority array of a run queue: a FIFO per level and a bitmap of non-empty levels. */
typedef struct sched_array {
    uint32_t bitmap;            /**< bit L set: level[L] is non-empty (L 0 = most urgent) */
    list_t level[SCHED_LEVELS];
} sched_array_t;

/** A CPU's run queue: active and expired arrays swapped when active drains. */
typedef struct runqueue {
    spinlock_t lock;            /**< protects everything below */
    sched_array_t arrays[2];
    sched_array_t *active, *expired;
    volatile uint32_t nr_ready; /**< queued threads (atomic reads from other CPUs) */
    uint64_t expired_since;     /**< clock when expired became non-empty, 0 if empty */
} runqueue_t;

/** Everything one CPU owns. Fields at fixed offsets are read through GS by assembly. */
typedef struct cpu {
    struct cpu *self;             /**< immutable; gs:0 */
    uint64_t syscall_stack;       /**< gs:8, kernel stack top for syscall entry (later) */
    uint64_t user_rsp;            /**< gs:16, scratch for syscall entry (later) */
    struct thread *current;       /**< running thread; written only by this CPU */
    unsigned id;                  /**< immutable: 0 .. cpu_count()-1 */
    uint32_t apic_id;             /**< immutable */
    gdt_cpu_t *tables;            /**< immutable: GDT, TSS, IST stacks */
    uint64_t held_ranks;          /**< this CPU only: ranks of spinlocks held (debug) */
    runqueue_t rq;
    struct thread *idle;          /**< immutable once online */
    volatile int need_resched;    /**< atomic: reschedule at the next interrupt exit */
    volatile int slice_pending;   /**< atomic: a slice timer must be armed (IPI asks) */
    uint64_t slice_deadline;      /**< this CPU only: end of current's slice, 0 = none */
    uint64_t timer_armed;         /**< this CPU only: deadline the LAPIC timer is set to, UINT64_MAX = none */
    uint64_t last_switch;         /**< this CPU only: clock at the last switch */
    spinlock_t timer_lock;        /**< protects timers */
    list_t timers;                /**< sorted by deadline */
    volatile uint64_t timer_irqs; /**< atomic: timer interrupts taken */
    volatile uint64_t idle_ns;    /**< atomic: time spent idle */
    volatile uint64_t busy_ns;    /**< atomic: time spent running threads */
    volatile uint64_t switches;   /**< atomic: context switches */
} cpu_t;

/**
 * Sets up the boot CPU's cpu_t (static) and GS base; first thing in kmain. Locking: boot
 * CPU only, before other CPUs start, interrupts off. O(SCHED_LEVELS).
 */
void cpu_early_init(void);
/** Makes c this CPU's GS target. Locking: this CPU, interrupts off (bring-up). O(1). */
void cpu_set_current(cpu_t *c);
/**
 * This CPU's data. Locking: none; the answer stays true only while the caller cannot
 * migrate (interrupts off, or a thread pinned to this CPU). O(1).
 */
static inline cpu_t *cpu_current(void)
{
    cpu_t *c;
    __asm__ volatile("mov %%gs:0, %0" : "=r"(c));
    return c;
}
/** This CPU's id (0 = boot CPU). Locking: as cpu_current(). O(1). */
static inline unsigned cpu_id(void)
{
    return cpu_current()->id;
}
/** The CPU with id n (NULL if not present). Locking: none (written before the CPU starts). O(1). */
cpu_t *cpu_get(unsigned n);
/**
 * Registers a new CPU (smp.c): allocates and fills its cpu_t and GDT/TSS block. Returns
 * it, or NULL when CPU_MAX CPUs exist or out of memory. Locking: boot CPU only (one
 * caller at a time); takes heap locks. Never sleeps. O(SCHED_LEVELS).
 */
cpu_t *cpu_add(uint32_t apic_id);
/** Marks c online (after it runs the scheduler). Locking: none (atomic OR). O(1). */
void cpu_set_online(cpu_t *c);
/** CPUs online. Locking: none (atomic read of the mask). O(CPUs) bit count. */
unsigned cpu_count(void);
/** Bit per online CPU. Locking: none (atomic read). O(1). */
uint64_t cpu_online_mask(void);

#endif
