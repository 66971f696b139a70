/*
 * waitaddr.c - a hash table of buckets, each a spinlock and a FIFO of waiters that live
 * on the sleepers' stacks. A waker unlinks a waiter and wakes it under the bucket lock;
 * the waiter checks whether it was unlinked (woken) or must unlink itself (timeout).
 */
#include "waitaddr.h"
#include <abi/errno.h>
#include "lib/list.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "sync/spinlock.h"
#include "time/clock.h"

#define BUCKETS 64

typedef struct waiter {
    list_node_t node;
    uint64_t key;
    thread_t *thread;
    volatile int woken;
} waiter_t;

static struct {
    spinlock_t lock;
    list_t waiters;
} buckets[BUCKETS]; /* each bucket's list under its lock */

static unsigned bucket_of(uint64_t key)
{
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdull;
    key ^= key >> 33;
    return (unsigned)(key % BUCKETS);
}

static void bucket_lock(unsigned b)
{
    spinlock_lock(&buckets[b].lock); /* zeroed static storage: the list starts on first use */
    if (!buckets[b].waiters.next)
        list_init(&buckets[b].waiters);
}

int waitaddr_wait(uint64_t key, const volatile uint32_t *word, uint32_t expected, uint64_t timeout_ns)
{
    unsigned b = bucket_of(key);
    waiter_t w = {.key = key, .thread = thread_current()};
    uint64_t deadline = clock_deadline(timeout_ns); /* a huge timeout must not wrap */
    bucket_lock(b);
    if (*word != expected) {
        spinlock_unlock(&buckets[b].lock);
        return -EAGAIN;
    }
    sched_prepare_block();
    list_push_back(&buckets[b].waiters, &w.node);
    spinlock_unlock(&buckets[b].lock);
    int reason = WAKE_NONE;
    while (!w.woken && reason != WAKE_TIMEOUT && reason != WAKE_INTERRUPT)
        reason = sched_block(deadline);
    bucket_lock(b);
    int woken = w.woken;
    if (!woken)
        list_remove(&w.node);
    spinlock_unlock(&buckets[b].lock);
    if (woken)
        return 0;
    return reason == WAKE_INTERRUPT ? -EINTR : -ETIMEDOUT;
}

int waitaddr_wake(uint64_t key, int n)
{
    unsigned b = bucket_of(key);
    int done = 0;
    bucket_lock(b);
    list_node_t *x = buckets[b].waiters.next;
    while (x != &buckets[b].waiters && done < n) {
        waiter_t *w = LIST_CONTAINER(x, waiter_t, node);
        x = x->next;
        if (w->key != key)
            continue;
        list_remove(&w->node);
        w->woken = 1;
        sched_wake(w->thread, WAKE_EVENT);
        done++;
    }
    spinlock_unlock(&buckets[b].lock);
    return done;
}
