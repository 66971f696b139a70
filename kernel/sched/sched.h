/*
 * sched.h - the scheduler: per-CPU run queues with SCHED_LEVELS priority levels, each a
 * FIFO, and a bitmap of non-empty levels, in two arrays (active, expired). Enqueue,
 * dequeue and pick-next are O(1) whatever the number of threads.
 *
 * Dynamic priority: a thread that blocks before its slice ends gains a level (up to
 * SCHED_BONUS_MAX), one that uses its whole slice loses one, so threads that wait on
 * I/O or IPC run ahead of CPU hogs, and a woken thread of higher effective priority
 * preempts at once (through an IPI on another CPU). A thread whose slice ran out goes
 * to the expired array; the arrays swap when active drains.
 *
 * No starvation: when the expired array has waited longer than SCHED_STARVE_NS while
 * active never drained (interactive threads keep it busy), the next pick takes the
 * most urgent expired thread for one slice and the wait is counted again from there;
 * so expired threads run in turn, one slice per SCHED_STARVE_NS at least, and the
 * interactive threads lose at most one slice in twenty. Moving whole arrays instead
 * (swapping, or sending interactive threads to expired) would put a thread that just
 * woke behind every CPU hog of its CPU.
 *
 * Tickless: a CPU's timer is armed only for the running thread's slice end while another
 * thread waits for that CPU, and for its earliest timer event; an idle CPU with nothing
 * due halts with no timer armed. Balancing: a woken thread goes to an idle CPU when
 * there is one; an idle CPU steals from the busiest; a thread whose slice ends moves to
 * a CPU with fewer runnable threads. No periodic tick is involved in any of it.
 */
#ifndef SCHED_SCHED_H
#define SCHED_SCHED_H

#include <stdint.h>

struct thread;
struct trap_frame;

#define SCHED_BONUS_MAX 4
#define SCHED_SLICE_NS 10000000ull   /**< base slice: 10 ms */
#define SCHED_STARVE_NS 200000000ull /**< one expired thread runs at least this often */

/**
 * Starts the scheduler on the boot CPU: the running context becomes thread "main" and
 * interrupts are enabled; panics when out of memory. Locking: boot CPU only, once,
 * before other CPUs start, interrupts off on entry. O(1).
 */
void sched_init(void);
/**
 * Brings an AP's scheduler up; its boot context becomes its idle thread. Never returns.
 * Locking: on that AP, interrupts off, after its per-CPU init. O(1).
 */
__attribute__((noreturn)) void sched_ap_start(void);
/**
 * Makes a new thread runnable (thread.c) on an idle CPU if any, else its own. Locking:
 * takes the target CPU's rq lock (interrupts off); any context; with interrupts on the
 * caller may be preempted at once by t. Never sleeps. O(CPUs) to choose the CPU.
 */
void sched_start(struct thread *t);
/**
 * Counts a wait the current thread spent spinning for an event (another CPU's thread
 * was about to deliver it) as a block, for its dynamic priority: such a thread waits
 * on I/O just like one that sleeps. Locking: none held needed; disables interrupts
 * briefly. O(1).
 */
void sched_credit_wait(void);
/**
 * Gives up the CPU to any thread of equal or higher priority. Locking: no spinlock held;
 * takes this CPU's rq lock. Never sleeps (stays runnable). O(1); O(CPUs) when its slice
 * has ended (looks for a less loaded CPU).
 */
void sched_yield(void);
/**
 * Clears a pending wake-up: call before publishing that the current thread waits
 * (e.g. under a wait queue's lock), then sched_block(). Locking: none; any locks may be
 * held. O(1).
 */
void sched_prepare_block(void);
/**
 * Blocks the current thread until sched_wake() or until deadline (clock_ns value, 0 =
 * none); returns the wake reason (WAKE_*). A wake-up that arrived since
 * sched_prepare_block() makes it return at once. Interrupts may be on or off (restored
 * on return). Locking: no spinlock held; takes this CPU's timer lock (with a deadline),
 * then its rq lock. Sleeps. O(1); O(timer events on this CPU) with a deadline.
 */
int sched_block(uint64_t deadline);
/**
 * Wakes t with reason (WAKE_*); returns 1 if t was blocked and is now ready, or if it
 * was running or ready and will not block on its next sched_block(); 0 if t has exited
 * or already has a wake-up pending. Locking: any context, spinlocks may be held; takes
 * the target CPU's rq lock (interrupts off). With interrupts on, the caller may be
 * preempted at once by t. Never sleeps. O(CPUs) to place t.
 */
int sched_wake(struct thread *t, int reason);
/**
 * sched_wake() for a waker that just handed t something and expects to block soon (a
 * pipe or socket write answered by a read): t goes to the caller's CPU when nothing else
 * is queued there, instead of to an idle CPU that must be woken. Locking and
 * complexity: as sched_wake().
 */
int sched_wake_sync(struct thread *t, int reason);
/**
 * Sleeps at least ns nanoseconds (wake-ups before then, even WAKE_INTERRUPT, are
 * ignored). Locking: as sched_block(). Sleeps. O(timer events on this CPU) per wake-up.
 */
void sched_sleep(uint64_t ns);
/**
 * Ends the current thread (thread_exit does the bookkeeping first). Locking: no spinlock
 * held; disables interrupts and takes this CPU's rq lock. Never returns. O(1).
 */
__attribute__((noreturn)) void sched_exit(void);
/**
 * Reprograms this CPU's timer for its next event or slice end. Locking: this CPU,
 * interrupts off; reads the timer list unlocked. O(1).
 */
void sched_rearm(void);
/**
 * Called at the end of every interrupt: switches if a reschedule is pending. Locking:
 * interrupts off, no spinlock held; takes this CPU's rq lock. O(1); O(CPUs) when the
 * slice has ended.
 */
void sched_irq_exit(void);
/**
 * Completes a switch in the thread that now runs (switch.S, sched.c): releases this
 * CPU's rq lock (held on entry), queues a migrating thread on its new CPU under that
 * CPU's rq lock, drops the scheduler's reference to an exited one (may free it: TLB
 * shootdown). Locking: interrupts off. Never sleeps. O(1) (+ freeing).
 */
void sched_finish_switch(void);
/** Effective priority of t (base + bonus, clamped). Locking: none (racy read of bonus). O(1). */
int sched_effective_prio(const struct thread *t);
/** CPU time t has used, including its current run. Locking: none (racy read), any CPU. O(1). */
uint64_t sched_runtime(const struct thread *t);
/**
 * Time CPU cpu (which must be present) has spent idle, including now. Locking: none
 * (racy read). O(1).
 */
uint64_t sched_idle_ns(unsigned cpu);
/**
 * Runnable threads queued on CPU cpu (excluding the running one); 0 if absent.
 * Locking: none (atomic read). O(1).
 */
unsigned sched_queued(unsigned cpu);
struct runqueue;
/**
 * Queues t at the tail of its level in rq (expired array if expired). Locking: caller
 * holds rq->lock (interrupts off). O(1).
 */
void sched_rq_enqueue(struct runqueue *rq, struct thread *t, int expired, uint64_t now);
/**
 * Removes and returns the most urgent thread of rq, or NULL; swaps the arrays when
 * active is empty. Locking: caller holds rq->lock (interrupts
 * off). O(1).
 */
struct thread *sched_rq_pick(struct runqueue *rq, uint64_t now);

#endif
