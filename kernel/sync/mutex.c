/*
 * mutex.c - mutexes and reader-writer locks on wait queues. Each keeps its state under a
 * small spinlock and sleeps through waitq_wait(), so the condition is re-checked after
 * every wake-up.
 */
#include "mutex.h"
#include "debug/panic.h"
#include "sched/thread.h"

void mutex_init(mutex_t *m)
{
    m->lock = (spinlock_t)SPINLOCK_INIT;
    m->owner = 0;
    waitq_init(&m->waiters);
}

static bool mutex_is_free(void *arg)
{
    return ((mutex_t *)arg)->owner == 0;
}

void mutex_lock(mutex_t *m)
{
    thread_t *self = thread_current();
    spinlock_lock(&m->lock);
    if (m->owner == self)
        panic("mutex %p taken twice by thread %s", (void *)m, self->name);
    while (waitq_wait(&m->waiters, &m->lock, mutex_is_free, m, 0)) /* -EINTR: lock waits are not interruptible */
        ;
    m->owner = self;
    spinlock_unlock(&m->lock);
}

bool mutex_try(mutex_t *m)
{
    spinlock_lock(&m->lock);
    bool ok = m->owner == 0;
    if (ok)
        m->owner = thread_current();
    spinlock_unlock(&m->lock);
    return ok;
}

void mutex_unlock(mutex_t *m)
{
    spinlock_lock(&m->lock);
    if (m->owner != thread_current())
        panic("mutex %p released by a thread that does not hold it", (void *)m);
    m->owner = 0;
    waitq_wake_one(&m->waiters);
    spinlock_unlock(&m->lock);
}

void rwlock_init(rwlock_t *l)
{
    l->lock = (spinlock_t)SPINLOCK_INIT;
    l->readers = l->writers_waiting = 0;
    l->writer = false;
    waitq_init(&l->waiters);
}

static bool rw_can_read(void *arg)
{
    rwlock_t *l = arg;
    return !l->writer && !l->writers_waiting;
}

static bool rw_can_write(void *arg)
{
    rwlock_t *l = arg;
    return !l->writer && !l->readers;
}

void rwlock_read_lock(rwlock_t *l)
{
    spinlock_lock(&l->lock);
    while (waitq_wait(&l->waiters, &l->lock, rw_can_read, l, 0))
        ;
    l->readers++;
    spinlock_unlock(&l->lock);
}

void rwlock_read_unlock(rwlock_t *l)
{
    spinlock_lock(&l->lock);
    if (--l->readers == 0)
        waitq_wake_all(&l->waiters);
    spinlock_unlock(&l->lock);
}

void rwlock_write_lock(rwlock_t *l)
{
    spinlock_lock(&l->lock);
    l->writers_waiting++;
    while (waitq_wait(&l->waiters, &l->lock, rw_can_write, l, 0))
        ;
    l->writers_waiting--;
    l->writer = true;
    spinlock_unlock(&l->lock);
}

void rwlock_write_unlock(rwlock_t *l)
{
    spinlock_lock(&l->lock);
    l->writer = false;
    waitq_wake_all(&l->waiters);
    spinlock_unlock(&l->lock);
}
