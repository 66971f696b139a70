/*
 * test_sync.c - spinlocks, mutexes, reader-writer locks, wait queues with timeouts and
 * wait-on-address, under contention from every CPU.
 */
#include "test/ktest.h"
#include <abi/errno.h>
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "sync/mutex.h"
#include "sync/waitaddr.h"
#include "sync/waitq.h"
#include "test/test_util.h"
#include "time/clock.h"

/* Modest: under TCG with more virtual CPUs than host cores a spinning CPU can wait a
 * whole host time slice for a descheduled lock holder. */
#define ROUNDS 1500

static spinlock_t slock = SPINLOCK_INIT;
static volatile uint64_t shared; /* plain increments: only the lock makes them add up */
static mutex_t mtx;

static void spin_adder(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        spinlock_lock(&slock);
        shared = shared + 1;
        spinlock_unlock(&slock);
    }
}

KTEST(sync, spinlock_counter_all_cpus)
{
    shared = 0;
    test_on_each_cpu(spin_adder, THREAD_PRIO_NORMAL);
    KTEST_ASSERT_EQ(shared, (uint64_t)ROUNDS * cpu_count());
}

static void mutex_adder(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        mutex_lock(&mtx);
        uint64_t v = shared;
        if ((i & 63) == 0)
            sched_yield(); /* sleep-capable lock: holding it across a yield is fine */
        shared = v + 1;
        mutex_unlock(&mtx);
    }
}

KTEST(sync, mutex_counter_all_cpus)
{
    mutex_init(&mtx);
    shared = 0;
    test_on_each_cpu(mutex_adder, THREAD_PRIO_NORMAL);
    test_on_each_cpu(mutex_adder, THREAD_PRIO_NORMAL + 2);
    KTEST_ASSERT_EQ(shared, (uint64_t)ROUNDS * cpu_count() * 2);
}

KTEST(sync, mutex_try)
{
    mutex_init(&mtx);
    KTEST_ASSERT(mutex_try(&mtx));
    KTEST_ASSERT(mtx.owner == thread_current());
    mutex_unlock(&mtx);
    KTEST_ASSERT(mtx.owner == 0);
}

KTEST(sync, spinlock_try_and_owner)
{
    spinlock_t l = SPINLOCK_INIT;
    KTEST_ASSERT(spinlock_try(&l));
    KTEST_ASSERT(spinlock_is_held(&l));
    KTEST_ASSERT(!(cpu_flags() & CPU_FLAG_IF)); /* interrupts off while held */
    spinlock_unlock(&l);
    KTEST_ASSERT(!spinlock_is_held(&l));
    KTEST_ASSERT(cpu_flags() & CPU_FLAG_IF);
}

static rwlock_t rw;
static volatile int readers_in, max_readers, writer_saw_readers;

static void rw_worker(void *arg)
{
    unsigned cpu = (unsigned)(uint64_t)arg;
    for (int i = 0; i < 2000; i++) {
        if ((i + cpu) % 8 == 0) {
            rwlock_write_lock(&rw);
            if (__atomic_load_n(&readers_in, __ATOMIC_RELAXED))
                writer_saw_readers = 1;
            shared++;
            rwlock_write_unlock(&rw);
        } else {
            rwlock_read_lock(&rw);
            int n = __atomic_add_fetch(&readers_in, 1, __ATOMIC_RELAXED);
            if (n > max_readers)
                max_readers = n;
            __atomic_sub_fetch(&readers_in, 1, __ATOMIC_RELAXED);
            rwlock_read_unlock(&rw);
        }
    }
}

KTEST(sync, rwlock_writer_excludes_readers)
{
    rwlock_init(&rw);
    shared = 0;
    writer_saw_readers = 0;
    test_on_each_cpu(rw_worker, THREAD_PRIO_NORMAL);
    KTEST_ASSERT(!writer_saw_readers);
    KTEST_ASSERT_EQ(shared, 250u * cpu_count());
}

static bool never(void *arg)
{
    (void)arg;
    return false;
}

KTEST(sync, waitq_timeout)
{
    waitq_t wq;
    spinlock_t l = SPINLOCK_INIT;
    waitq_init(&wq);
    uint64_t t0 = clock_ns();
    spinlock_lock(&l);
    int rc = waitq_wait(&wq, &l, never, 0, 20000000);
    spinlock_unlock(&l);
    uint64_t took = clock_ns() - t0;
    KTEST_ASSERT_EQ(rc, -ETIMEDOUT);
    KTEST_ASSERT(took >= 20000000);
    KTEST_ASSERT(took < 1000000000);
}

static waitq_t ev_wq;
static spinlock_t ev_lock = SPINLOCK_INIT;
static volatile int ev_flag, ev_result = 99;

static bool ev_set(void *arg)
{
    (void)arg;
    return ev_flag;
}

static void ev_waiter(void *arg)
{
    (void)arg;
    spinlock_lock(&ev_lock);
    ev_result = waitq_wait(&ev_wq, &ev_lock, ev_set, 0, 5000000000ull);
    spinlock_unlock(&ev_lock);
}

KTEST(sync, waitq_wake_across_cpus)
{
    waitq_init(&ev_wq);
    ev_flag = 0;
    ev_result = 99;
    thread_t *t = thread_create_on("ktest-wait", ev_waiter, 0, THREAD_PRIO_NORMAL, (int)cpu_count() - 1);
    sched_sleep(10000000);
    spinlock_lock(&ev_lock);
    ev_flag = 1;
    int woke = waitq_wake_all(&ev_wq);
    spinlock_unlock(&ev_lock);
    thread_join(t);
    KTEST_ASSERT_EQ(woke, 1);
    KTEST_ASSERT_EQ(ev_result, 0);
}

static volatile uint32_t word;
static volatile int wa_result = 99;

static void wa_waiter(void *arg)
{
    (void)arg;
    wa_result = waitaddr_wait((uint64_t)&word, &word, 0, 5000000000ull);
}

KTEST(sync, waitaddr_wait_and_wake)
{
    word = 0;
    wa_result = 99;
    thread_t *t = thread_create_on("ktest-futex", wa_waiter, 0, THREAD_PRIO_NORMAL, (int)cpu_count() - 1);
    int woken = 0;
    /* the word stays 0: changing it before the waiter is queued would make its wait
     * return -EAGAIN and no wake would ever count; a wake finds it once it is queued */
    for (int i = 0; i < 500 && !woken; i++) {
        sched_sleep(1000000);
        woken = waitaddr_wake((uint64_t)&word, 1);
    }
    __atomic_store_n(&word, 1, __ATOMIC_RELEASE);
    thread_join(t);
    KTEST_ASSERT_EQ(woken, 1);
    KTEST_ASSERT_EQ(wa_result, 0);
}

KTEST(sync, waitaddr_value_mismatch_and_timeout)
{
    word = 5;
    KTEST_ASSERT_EQ(waitaddr_wait((uint64_t)&word, &word, 4, 0), -EAGAIN);
    uint64_t t0 = clock_ns();
    KTEST_ASSERT_EQ(waitaddr_wait((uint64_t)&word, &word, 5, 10000000), -ETIMEDOUT);
    KTEST_ASSERT(clock_ns() - t0 >= 10000000);
    KTEST_ASSERT_EQ(waitaddr_wake((uint64_t)&word, 1), 0); /* nobody left queued */
}
