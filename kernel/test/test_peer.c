/*
 * test_peer.c - adaptive waiting (sync/peer.h): no spin for a peer that is not running
 * elsewhere, a spin that lasts while a running peer has not delivered, no loop when
 * the data is there at once, and the credit for the dynamic priority. The checks are
 * counted, not timed, so a slow or descheduled vCPU cannot fail them.
 */
#include "test/ktest.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "sync/peer.h"

#define LONG_SPIN_NS 10000000000ull /* ends by delivery, not by this bound */

static spinlock_t peer_lock = SPINLOCK_INIT;
static peer_t peer;
static volatile int worker_noted, worker_stop, delivered;
static volatile uint64_t checks; /* calls of is_delivered: 0 = no spin, <= 2 = no loop */

static bool is_delivered(void *arg)
{
    (void)arg;
    __atomic_add_fetch(&checks, 1, __ATOMIC_RELEASE);
    return __atomic_load_n(&delivered, __ATOMIC_ACQUIRE);
}

/* One peer_spin for is_delivered; returns how often it checked. */
static uint64_t counted_spin(uint64_t max_ns)
{
    checks = 0;
    spinlock_lock(&peer_lock);
    peer_spin(&peer_lock, &peer, is_delivered, 0, max_ns);
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
    KTEST_ASSERT_EQ(counted_spin(LONG_SPIN_NS), 0);   /* not even a look */
    KTEST_ASSERT_EQ(thread_current()->bonus, bonus);  /* nothing seen: no credit */
}

/* On the last CPU: notes itself as the peer, delivers once the spinner has looped a
 * few times, and runs until told to stop. */
static void busy_peer(void *arg)
{
    (void)arg;
    spinlock_lock(&peer_lock);
    peer_note(&peer);
    spinlock_unlock(&peer_lock);
    __atomic_store_n(&worker_noted, 1, __ATOMIC_RELEASE);
    while (!__atomic_load_n(&worker_stop, __ATOMIC_ACQUIRE)) {
        if (__atomic_load_n(&checks, __ATOMIC_ACQUIRE) >= 3 && !delivered)
            __atomic_store_n(&delivered, 1, __ATOMIC_RELEASE);
        cpu_pause();
    }
}

static uint64_t spun, quick;
static int credited, seen;

/* Pinned to CPU 0 (the peer runs on the last one): a spin the peer ends by delivering,
 * then one that finds the data there at once. */
static void spinner(void *arg)
{
    (void)arg;
    /* another thread of the peer's CPU may run for a moment, ending a spin early:
     * try again until the peer has delivered (the first try normally does) */
    for (int i = 0; i < 1000 && !delivered; i++) {
        thread_current()->bonus = 0;
        spun = counted_spin(LONG_SPIN_NS);
    }
    seen = delivered;
    credited = thread_current()->bonus;
    quick = counted_spin(LONG_SPIN_NS);
}

KTEST(peer, spin_lasts_until_a_running_peer_delivers)
{
    if (cpu_count() < 2)
        return; /* needs the peer running on another CPU */
    delivered = worker_noted = worker_stop = 0;
    checks = 0;
    thread_t *w = thread_create_on("ktest-peer", busy_peer, 0, THREAD_PRIO_MAX, (int)cpu_count() - 1);
    KTEST_ASSERT(w != 0);
    while (!__atomic_load_n(&worker_noted, __ATOMIC_ACQUIRE))
        sched_sleep(1000000);
    thread_t *s = thread_create_on("ktest-spin", spinner, 0, THREAD_PRIO_MAX, 0);
    KTEST_ASSERT(s != 0);
    thread_join(s);
    __atomic_store_n(&worker_stop, 1, __ATOMIC_RELEASE);
    thread_join(w);
    KTEST_ASSERT(seen);        /* it returned because the peer delivered */
    KTEST_ASSERT(spun >= 3);   /* after looping while the peer ran */
    KTEST_ASSERT_EQ(credited, 1);
    KTEST_ASSERT(quick <= 2);  /* ready at once: no loop */
}
