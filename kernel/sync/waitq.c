/*
 * waitq.c - wait queues on top of sched_block()/sched_wake(). A waiter lives on the
 * sleeping thread's stack; the waker unlinks it and wakes the thread while holding the
 * queue lock, so the waiter (which must take that lock to leave) cannot vanish mid-wake.
 */
#include "waitq.h"
#include "lib/hot.h"
#include <abi/errno.h>
#include "sched/sched.h"
#include "sched/thread.h"
#include "time/clock.h"

void waitq_init(waitq_t *wq)
{
    wq->lock = (spinlock_t)SPINLOCK_INIT;
    list_init(&wq->waiters);
}

HOT_PATH int waitq_wait(waitq_t *wq, spinlock_t *lock, bool (*cond)(void *), void *arg, uint64_t timeout_ns)
{
    uint64_t deadline = clock_deadline(timeout_ns); /* a huge timeout must not wrap */
    while (!cond(arg)) {
        if (deadline && clock_ns() >= deadline)
            return -ETIMEDOUT;
        waitq_waiter_t w = {.thread = thread_current()};
        spinlock_lock(&wq->lock);
        sched_prepare_block();
        list_push_back(&wq->waiters, &w.node);
        spinlock_unlock(&wq->lock);
        spinlock_unlock(lock);
        int reason = sched_block(deadline);
        spinlock_lock(lock);
        spinlock_lock(&wq->lock);
        if (w.node.next != &w.node)
            list_remove(&w.node);
        spinlock_unlock(&wq->lock);
        if (reason == WAKE_INTERRUPT)
            return -EINTR;
    }
    return 0;
}

int waitq_wake_one(waitq_t *wq)
{
    spinlock_lock(&wq->lock);
    list_node_t *n = list_pop_front(&wq->waiters);
    if (n)
        sched_wake(LIST_CONTAINER(n, waitq_waiter_t, node)->thread, WAKE_EVENT);
    spinlock_unlock(&wq->lock);
    return n != 0;
}

HOT_PATH static int wake_all(waitq_t *wq, int sync)
{
    int n = 0;
    spinlock_lock(&wq->lock);
    for (list_node_t *x; (x = list_pop_front(&wq->waiters)); n++) {
        thread_t *t = LIST_CONTAINER(x, waitq_waiter_t, node)->thread;
        if (sync && n == 0)
            sched_wake_sync(t, WAKE_EVENT);
        else
            sched_wake(t, WAKE_EVENT);
    }
    spinlock_unlock(&wq->lock);
    return n;
}

HOT_PATH int waitq_wake_all(waitq_t *wq)
{
    return wake_all(wq, 0);
}

HOT_PATH int waitq_wake_all_sync(waitq_t *wq)
{
    return wake_all(wq, 1);
}

HOT_PATH int waitq_wake_transfer(waitq_t *wq, size_t bytes)
{
    return wake_all(wq, bytes <= WAITQ_SYNC_BYTES);
}

void waitq_add(waitq_t *wq, waitq_waiter_t *w)
{
    spinlock_lock(&wq->lock);
    list_push_back(&wq->waiters, &w->node);
    spinlock_unlock(&wq->lock);
}

void waitq_remove(waitq_t *wq, waitq_waiter_t *w)
{
    spinlock_lock(&wq->lock);
    if (w->node.next != &w->node)
        list_remove(&w->node);
    spinlock_unlock(&wq->lock);
}
