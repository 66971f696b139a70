/*
 * mutex.h - sleeping locks: mutexes and reader-writer locks. They may be held across a
 * sleep, never taken while holding a spinlock, and are fair enough: waiters queue FIFO
 * and a waiting writer keeps new readers out (no writer starvation).
 */
#ifndef SYNC_MUTEX_H
#define SYNC_MUTEX_H

#include <stdbool.h>
#include "sync/spinlock.h"
#include "sync/waitq.h"

struct thread;

/** A mutex; initialise with mutex_init(). */
typedef struct mutex {
    spinlock_t lock;       /**< protects owner */
    struct thread *owner;  /**< lock: the holder, NULL when free */
    waitq_t waiters;
} mutex_t;

/** A reader-writer lock; initialise with rwlock_init(). */
typedef struct rwlock {
    spinlock_t lock;       /**< protects the counts */
    unsigned readers;      /**< lock: readers inside */
    unsigned writers_waiting; /**< lock */
    bool writer;           /**< lock: a writer is inside */
    waitq_t waiters;
} rwlock_t;

/** Initialises m unlocked. Locking: none (m not yet shared). O(1). */
void mutex_init(mutex_t *m);
/**
 * Takes m, sleeping while another thread holds it. Taking it twice panics. Locking:
 * thread context, no spinlock held; takes m->lock, then the wait queue's. May sleep.
 * O(1) + wait.
 */
void mutex_lock(mutex_t *m);
/**
 * Takes m if free; returns true if taken. Locking: thread context; takes m->lock.
 * Never sleeps. O(1).
 */
bool mutex_try(mutex_t *m);
/**
 * Releases m (only its owner may; anyone else panics) and wakes one waiter. Locking:
 * thread context; takes m->lock, then the wait queue's and a run queue lock. Never
 * sleeps. O(CPUs) (placing the woken thread).
 */
void mutex_unlock(mutex_t *m);

/** Initialises l unlocked. Locking: none (l not yet shared). O(1). */
void rwlock_init(rwlock_t *l);
/**
 * Enters as a reader; waits while a writer is inside or waiting. Locking: thread context,
 * no spinlock held; takes l->lock. May sleep. O(1) + wait.
 */
void rwlock_read_lock(rwlock_t *l);
/**
 * Leaves as a reader; the last one out wakes every waiter. Locking: takes l->lock,
 * then the wait queue's. Never sleeps. O(1), O(waiters * CPUs) for the last reader.
 */
void rwlock_read_unlock(rwlock_t *l);
/**
 * Enters as the only writer; waits for readers and writers to leave. Locking: thread
 * context, no spinlock held; takes l->lock. May sleep. O(1) + wait.
 */
void rwlock_write_lock(rwlock_t *l);
/**
 * Leaves as the writer and wakes every waiter. Locking: takes l->lock, then the wait
 * queue's. Never sleeps. O(waiters * CPUs).
 */
void rwlock_write_unlock(rwlock_t *l);

#endif
