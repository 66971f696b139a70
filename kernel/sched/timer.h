/*
 * timer.h - one-shot timer events per CPU, the time source of the tickless design: the
 * CPU's LAPIC timer is armed only for the earliest event (or the running thread's slice
 * end, see sched.c) and stopped when there is none.
 */
#ifndef SCHED_TIMER_H
#define SCHED_TIMER_H

#include <stdint.h>
#include "lib/list.h"

struct cpu;

/** A timer event; embed it, set fn, then timer_add(). */
typedef struct timer_event {
    list_node_t node;                    /**< cpu->timer_lock: link in the CPU's sorted list */
    uint64_t deadline;                   /**< clock_ns() value it fires at */
    void (*fn)(struct timer_event *ev);  /**< runs in interrupt context, no locks held */
    struct cpu *cpu;                     /**< the CPU it is queued on */
    volatile int state;                  /**< atomic: TIMER_IDLE, TIMER_QUEUED, TIMER_FIRING */
} timer_event_t;

enum { TIMER_IDLE = 0, TIMER_QUEUED = 1, TIMER_FIRING = 2 };

/**
 * Queues ev (which must not be queued already) on the calling CPU to fire at deadline
 * and reprograms the hardware if it is now the earliest. Locking: takes this CPU's timer
 * lock; call with interrupts off, since the reprogramming after the unlock must happen
 * on the same CPU. Never sleeps. O(events on this CPU) for the sorted insert.
 */
void timer_add(timer_event_t *ev, uint64_t deadline);
/**
 * Removes ev if queued and spins while its callback runs, so the owner may free it on
 * return. Not from ev's own callback (it would wait for itself). Locking: takes the
 * timer lock of ev's CPU; any CPU, interrupts on or off. Never sleeps. O(1) + wait.
 */
void timer_cancel(timer_event_t *ev);
/**
 * The earliest deadline queued on this CPU, or UINT64_MAX. Locking: this CPU,
 * interrupts off; reads the list without the timer lock. O(1).
 */
uint64_t timer_next_deadline(void);
/**
 * Runs every expired event of this CPU (from the timer interrupt). Locking: this CPU,
 * interrupts off; takes the timer lock per event and drops it around each callback.
 * Never sleeps. O(expired).
 */
void timer_run_expired(void);

#endif
