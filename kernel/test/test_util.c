/*
 * test_util.c - the helpers of test_util.h (linked into the test kernel only).
 */
#include "test_util.h"
#include "arch/x86_64/cpu.h"
#include "debug/panic.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "time/clock.h"

void test_on_each_cpu(void (*fn)(void *), int prio)
{
    thread_t *t[CPU_MAX];
    unsigned n = cpu_count();
    for (unsigned i = 0; i < n; i++) {
        t[i] = thread_create_on("ktest-cpu", fn, (void *)(uint64_t)i, prio, (int)i);
        if (!t[i])
            panic("test: cannot create a thread");
    }
    for (unsigned i = 0; i < n; i++)
        thread_join(t[i]);
}

void test_wait_threads(uint64_t count)
{
    uint64_t end = clock_ns() + 2000000000ull;
    while (thread_count() > count && clock_ns() < end)
        sched_sleep(1000000);
}

void test_quiesce(void)
{
    uint64_t before;
    int rounds = 0;
    do {
        before = thread_count();
        sched_sleep(2000000);
    } while (thread_count() != before && ++rounds < 500);
}

void test_spin_ns(uint64_t ns)
{
    uint64_t end = clock_ns() + ns;
    while (clock_ns() < end)
        cpu_pause();
}

uint64_t test_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}
