/*
 * peer.c - adaptive waiting for the other side of a channel (see peer.h).
 */
#include "sync/peer.h"
#include "lib/hot.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "time/clock.h"

HOT_PATH void peer_note(peer_t *p)
{
    p->thread = thread_current();
    p->cpu = cpu_current();
}

/* True while @p's thread still runs on the CPU it was noted on, not ours (racy). O(1). */
static bool peer_running(const peer_t *p)
{
    cpu_t *c = __atomic_load_n(&p->cpu, __ATOMIC_RELAXED);
    return c && c != cpu_current() && __atomic_load_n(&c->current, __ATOMIC_RELAXED) == p->thread;
}

HOT_PATH void peer_spin(spinlock_t *lock, const peer_t *peer, bool (*ready)(void *), void *arg, uint64_t max_ns)
{
    if (!peer_running(peer))
        return;
    spinlock_unlock(lock);
    uint64_t end = clock_ns() + max_ns;
    while (!ready(arg) && peer_running(peer) && clock_ns() < end)
        cpu_pause();
    if (ready(arg))
        sched_credit_wait(); /* waited for I/O: as interactive as a sleeper */
    spinlock_lock(lock);
}
