/*
 * test_peer.c - adaptive waiting (sync/peer.h): no spin for a peer that is not running,
 * a bounded spin for one that runs but never delivers, and a credited early return
 * when it delivers.
 */
#include "test/ktest.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "sync/peer.h"
#include "test/test_util.h"

static spinlock_t peer_lock = SPINLOCK_INIT;
static peer_t peer;
static volatile int worker_noted, worker_stop, delivered;
static volatile uint64_t checks; /* calls of is_delivered: 0 = no spin, <= 2 = no loop */

static bool is_delivered(void *arg)
{
    (void)arg;
    checks++;
    return __atomic_load_n(&delivered, __ATOMIC_ACQUIRE);
}

/* On the last CPU: notes itself as the peer, then runs until told to stop. */
static void busy_peer(void *arg)
{
    (void)arg;
    spinlock_lock(&peer_lock);
    peer_note(&peer);
    spinlock_unlock(&peer_lock);
    __atomic_store_n(&worker_noted, 1, __ATOMIC_RELEASE);
    while (!__atomic_load_n(&worker_stop, __ATOMIC_ACQUIRE))
        cpu_pause();
}

/* One peer_spin for is_delivered: how often it checked (counts, not times, so a slow
 * or preempted vCPU cannot fail the tests). */
static uint64_t counted_spin(void)
{
    checks = 0;
    spinlock_lock(&peer_lock);
    peer_spin(&peer_lock, &peer, is_delivered, 0);
    spinlock_unlock(&peer_lock);
    return checks;
}

KTEST(peer, no_spin_for_a_peer_on_our_cpu)
{
    delivered = 0;
    spinlock_lock(&peer_lock);
    peer_note(&peer); /* ourselves: never "running elsewhere" */
    spinlock_unlock(&peer_lock);
    int bonus = thread_current()->bonus;
    KTEST_ASSERT_EQ(counted_spin(), 0);              /* not even a look */
    KTEST_ASSERT_EQ(thread_current()->bonus, bonus); /* nothing seen: no credit */
}

static uint64_t spun, quick;
static int credited;

/* Pinned to CPU 0 (the peer runs on the last one): the two timed spins. */
static void spinner(void *arg)
{
    (void)arg;
    /* running but never delivering: it spins (until its bound or the peer stops) */
    spun = counted_spin();
    /* delivered already: returns at once and counts as a block for the priority */
    __atomic_store_n(&delivered, 1, __ATOMIC_RELEASE);
    thread_current()->bonus = 0;
    quick = counted_spin();
    credited = thread_current()->bonus;
}

KTEST(peer, running_peer_bounded_spin_then_credit)
{
    if (cpu_count() < 2)
        return; /* needs the peer running on another CPU */
    delivered = worker_noted = worker_stop = 0;
    thread_t *w = thread_create_on("ktest-peer", busy_peer, 0, THREAD_PRIO_MAX, (int)cpu_count() - 1);
    KTEST_ASSERT(w != 0);
    while (!__atomic_load_n(&worker_noted, __ATOMIC_ACQUIRE))
        sched_sleep(1000000);
    thread_t *s = thread_create_on("ktest-spin", spinner, 0, THREAD_PRIO_MAX, 0);
    KTEST_ASSERT(s != 0);
    thread_join(s);
    __atomic_store_n(&worker_stop, 1, __ATOMIC_RELEASE);
    thread_join(w);
    KTEST_ASSERT(spun > 2);    /* it looped while the peer ran */
    KTEST_ASSERT(quick <= 2);  /* ready at once: no loop */
    KTEST_ASSERT_EQ(credited, 1);
}
