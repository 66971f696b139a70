/*
 * waitq.h - wait queues: threads sleep until a condition, protected by the caller's
 * lock, becomes true. The condition is re-checked under that lock after every wake-up,
 * so wake-ups are never lost and spurious ones are harmless.
 */
#ifndef SYNC_WAITQ_H
#define SYNC_WAITQ_H

#include <stdbool.h>
#include <stdint.h>
#include "lib/list.h"
#include "sync/spinlock.h"

/** A queue of sleeping threads. */
typedef struct waitq {
    spinlock_t lock; /**< protects waiters */
    list_t waiters;  /**< waitq_waiter_t, FIFO */
} waitq_t;

struct thread;

/**
 * One sleeper's place in a queue, for callers that wait on several queues at once
 * (poll): the thread fills it, links it with waitq_add() and sleeps with
 * sched_block() itself. A wake-up unlinks it (the node then points to itself).
 */
typedef struct waitq_waiter {
    list_node_t node;      /**< wq->lock: in wq->waiters, or self-linked */
    struct thread *thread; /**< immutable: whom to wake */
} waitq_waiter_t;

/** Initialises an empty queue. Locking: none (wq not yet shared). O(1). */
void waitq_init(waitq_t *wq);
/**
 * Sleeps until cond(arg) is true. The caller holds `lock` (a spinlock protecting the
 * condition) and no other spinlock; it is released while sleeping and held again on
 * return. timeout_ns 0 means no limit. Returns 0 (condition true), -ETIMEDOUT, or
 * -EINTR if woken with WAKE_INTERRUPT (then the condition may still be false).
 * Lock order: lock, then wq->lock, then run queue locks. May sleep. O(1) per wake-up
 * (+ O(timer events on this CPU) with a timeout).
 */
int waitq_wait(waitq_t *wq, spinlock_t *lock, bool (*cond)(void *), void *arg, uint64_t timeout_ns);
/**
 * Wakes the longest waiter; returns 1 if one was woken. Locking: any context, spinlocks
 * may be held (the waiters' lock, if any, before wq->lock); takes wq->lock, then a run
 * queue lock. Never sleeps. O(CPUs) (placing the woken thread).
 */
int waitq_wake_one(waitq_t *wq);
/**
 * Wakes every waiter; returns how many. Locking: as waitq_wake_one(). Never sleeps.
 * O(waiters * CPUs).
 */
int waitq_wake_all(waitq_t *wq);
/**
 * waitq_wake_all() for a waker that expects to block soon: the first waiter is woken
 * with sched_wake_sync() (onto this CPU if it has nothing else queued), the others as
 * usual. Locking and complexity: as waitq_wake_all().
 */
int waitq_wake_all_sync(waitq_t *wq);
/** Largest transfer taken for a request its sender will wait on the answer to. */
#define WAITQ_SYNC_BYTES 4096u
/**
 * Wakes the other side of a channel (pipe, socket) after @bytes were moved: a small
 * transfer is likely a request its sender now waits on the answer to, so the CPU is
 * handed over (waitq_wake_all_sync); a bulk one goes on, so the other side runs
 * elsewhere (waitq_wake_all). Locking and complexity: as waitq_wake_all().
 */
int waitq_wake_transfer(waitq_t *wq, size_t bytes);
/**
 * Links @w (node self-linked, thread set) at the end of @wq; a later wake removes it
 * and wakes w->thread with WAKE_EVENT. The caller calls sched_prepare_block() first so
 * that no wake-up is lost. Locking: takes wq->lock; any spinlocks may be held. O(1).
 */
void waitq_add(waitq_t *wq, waitq_waiter_t *w);
/**
 * Unlinks @w from @wq if no wake-up did already. Locking: takes wq->lock. O(1).
 */
void waitq_remove(waitq_t *wq, waitq_waiter_t *w);

#endif
