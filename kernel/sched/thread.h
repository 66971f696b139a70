/*
 * thread.h - kernel threads: a guarded kernel stack, a SIMD save area, a priority and a
 * reference count. The creator gets one reference (for thread_join or thread_unref);
 * the scheduler holds one until the thread has exited and been switched away from.
 */
#ifndef SCHED_THREAD_H
#define SCHED_THREAD_H

#include <stdint.h>
#include "lib/list.h"
#include "sched/timer.h"
#include "sync/waitq.h"

#define THREAD_STACK_PAGES 4  /**< 16 KiB kernel stack */
#define THREAD_GUARD_PAGES 1  /**< unmapped page below it */
#define THREAD_PRIO_MIN 0
#define THREAD_PRIO_NORMAL 16
#define THREAD_PRIO_MAX 31    /**< higher runs first */
#define THREAD_ANY_CPU (-1)

/** Scheduling states (thread_t.wstate low bits); THREAD_WAKE_PENDING may be or-ed in. */
enum {
    THREAD_RUNNING = 0, /**< on a CPU */
    THREAD_READY = 1,   /**< in a run queue, or moving between run queues */
    THREAD_BLOCKED = 2, /**< waiting for sched_wake() */
    THREAD_EXITED = 3,  /**< finished; freed when unreferenced */
    THREAD_STATE_MASK = 3,
    THREAD_WAKE_PENDING = 4, /**< a wake-up arrived before the thread blocked */
    THREAD_REASON_SHIFT = 4, /**< with WAKE_PENDING: that wake-up's WAKE_* reason, above this bit */
};

/** Why a blocked thread woke up (thread_t.wake_reason). */
enum { WAKE_NONE = 0, WAKE_EVENT = 1, WAKE_TIMEOUT = 2, WAKE_INTERRUPT = 3 };

/** A kernel thread. */
typedef struct thread {
    uint64_t rsp;                 /**< saved stack pointer while switched out (owner CPU) */
    list_node_t run_node;         /**< rq lock of cpu: link in a run queue level */
    struct cpu *cpu;              /**< the CPU it runs on or is queued at (its rq lock) */
    volatile uint32_t wstate;     /**< atomic: THREAD_* state | THREAD_WAKE_PENDING */
    volatile int on_cpu;          /**< atomic: 1 until its context is fully saved */
    volatile int wake_reason;     /**< written by the waker before the state change */
    uint8_t prio;                 /**< base priority (THREAD_PRIO_*), set by its owner */
    int8_t bonus;                 /**< dynamic priority adjustment, owner CPU */
    uint8_t level;                /**< run queue level it is queued at (rq lock) */
    struct sched_array *array;    /**< rq lock of cpu: the array it is queued in */
    int pinned;                   /**< CPU id it must run on, or THREAD_ANY_CPU */
    uint64_t slice_left;          /**< ns of slice left (owner CPU) */
    uint64_t runtime_ns;          /**< CPU time used (owner CPU; racy reads) */
    volatile uint32_t refs;       /**< atomic reference count */
    uint32_t tid;                 /**< immutable */
    void *stack;                  /**< immutable: lowest usable stack address */
    void *fpu;                    /**< SIMD save area (owner CPU) */
    void (*entry)(void *);        /**< immutable */
    void *arg;                    /**< immutable */
    timer_event_t timer;          /**< sleeps and wait timeouts */
    waitq_t exit_wq;              /**< joiners wait here */
    spinlock_t exit_lock;         /**< protects exited for joiners */
    volatile int exited;          /**< atomic: set once by thread_exit */
    char name[24];                /**< immutable */
    struct process *process;      /**< owner CPU: the user process, NULL for kernel threads */
    list_node_t proc_node;        /**< process lock: link in process->threads */
    uint64_t fs_base;             /**< owner CPU: user FS base (TLS) */
    struct trap_catch *catch;     /**< this thread only: the exception it expects (tests) */
    uint64_t note_ctx;            /**< this thread only: user address of the context a note
                                       handler returns to with noted(), 0 outside a handler */
} thread_t;

/**
 * Creates a thread that runs entry(arg) at base priority prio on any CPU and makes it
 * ready. Returns it with one reference for the caller, or NULL (out of memory).
 * Locking: no spinlock held (heap and area locks; the failure path flushes TLBs); may
 * switch to the new thread at once if it is more urgent. Never sleeps. O(stack pages
 * + CPUs) (stack allocation, then CPU placement).
 */
thread_t *thread_create(const char *name, void (*entry)(void *), void *arg, int prio);
/**
 * Builds a thread without starting it (the scheduler's idle threads), pinned to cpu or
 * THREAD_ANY_CPU, with two references (the caller's and the scheduler's); NULL when out
 * of memory. Locking: as thread_create(). Never sleeps. O(stack pages).
 */
thread_t *thread_alloc(const char *name, void (*entry)(void *), void *arg, int prio, int cpu);
/**
 * Like thread_create but the thread only ever runs on CPU cpu, which must be online
 * (tests, per-CPU work). Same return, locking and cost as thread_create().
 */
thread_t *thread_create_on(const char *name, void (*entry)(void *), void *arg, int prio, int cpu);
/**
 * Ends the calling thread: wakes its joiners, then leaves the CPU. Never returns.
 * Locking: no spinlock held; takes its exit lock, then the joiners' queue. O(joiners).
 */
__attribute__((noreturn)) void thread_exit(void);
/**
 * Waits until t (not the caller) has exited, then drops the caller's reference (t must
 * not be used afterwards). Locking: no spinlock held; takes t's exit lock. May sleep.
 * O(1) + the wait.
 */
void thread_join(thread_t *t);
/**
 * Takes/drops a reference; the last drop frees the thread (stack, SIMD area). Locking:
 * none (atomic count); the last drop needs no spinlock held (freeing the stack flushes
 * TLBs), interrupts may be off. Never sleeps. O(1) (+ O(stack pages) freeing).
 */
void thread_ref(thread_t *t);
void thread_unref(thread_t *t);
/** The calling thread (in an interrupt, the interrupted one). Locking: none, any context. O(1). */
thread_t *thread_current(void);
/**
 * Wraps the running boot context of this CPU as a running thread with one reference
 * (kmain, AP entry); NULL when out of memory. Locking: this CPU, interrupts off, before
 * it schedules. Never sleeps. O(1).
 */
thread_t *thread_adopt_boot(const char *name);
/**
 * Frees the cached kernel stacks of exited threads (leak checks measure around it).
 * Locking: the stack cache lock; no spinlock may be held (TLB shootdown). O(cached).
 */
void thread_trim(void);
/** Threads alive (created and not yet freed). Locking: none (atomic, racy read). O(1). */
uint64_t thread_count(void);

#endif
