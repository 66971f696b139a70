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

void mutex_init(mutex_t *m);
/** Takes m, sleeping while another thread holds it. Taking it twice panics. O(1) + wait. */
void mutex_lock(mutex_t *m);
/** Takes m if free; returns true if taken. O(1). */
bool mutex_try(mutex_t *m);
/** Releases m (only its owner may) and wakes one waiter. O(1). */
void mutex_unlock(mutex_t *m);

void rwlock_init(rwlock_t *l);
/** Enters as a reader; waits while a writer is inside or waiting. O(1) + wait. */
void rwlock_read_lock(rwlock_t *l);
void rwlock_read_unlock(rwlock_t *l);
/** Enters as the only writer; waits for readers and writers to leave. O(1) + wait. */
void rwlock_write_lock(rwlock_t *l);
void rwlock_write_unlock(rwlock_t *l);

#endif
