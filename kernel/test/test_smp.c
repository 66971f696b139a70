/*
 * test_smp.c - every CPU of the MADT is online with its own per-CPU data, every CPU
 * runs test threads (pinned, and unpinned ones spread by the balancer), clocks agree
 * across CPUs, and IPIs reach other CPUs.
 */
#include "test/ktest.h"
#include "acpi/acpi.h"
#include "arch/x86_64/lapic.h"
#include "log/log.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "test/test_util.h"
#include "time/clock.h"

KTEST(smp, all_madt_cpus_online)
{
    const acpi_madt_info_t *m = acpi_madt();
    unsigned enabled = 0;
    KTEST_ASSERT(m != 0);
    for (unsigned i = 0; i < m->cpu_count; i++)
        enabled += (m->cpus[i].flags & ACPI_CPU_ENABLED) != 0;
    KTEST_ASSERT_EQ(cpu_count(), enabled);
    KTEST_ASSERT_EQ(cpu_online_mask(), (1ull << cpu_count()) - 1);
}

static volatile uint32_t seen_apic[CPU_MAX];
static volatile unsigned seen_id[CPU_MAX];
static volatile uint64_t seen_clock[CPU_MAX];

static void whoami(void *arg)
{
    unsigned i = (unsigned)(uint64_t)arg;
    seen_apic[i] = lapic_id();
    seen_id[i] = cpu_id();
    seen_clock[i] = clock_ns();
}

KTEST(smp, per_cpu_data_is_per_cpu)
{
    test_on_each_cpu(whoami, THREAD_PRIO_NORMAL);
    for (unsigned i = 0; i < cpu_count(); i++) {
        KTEST_ASSERT_EQ(seen_id[i], i);
        KTEST_ASSERT_EQ(seen_apic[i], cpu_get(i)->apic_id);
        KTEST_ASSERT(cpu_get(i)->self == cpu_get(i));
        for (unsigned j = 0; j < i; j++)
            KTEST_ASSERT(seen_apic[i] != seen_apic[j]);
    }
}

KTEST(smp, clock_agrees_across_cpus)
{
    uint64_t before = clock_ns();
    test_on_each_cpu(whoami, THREAD_PRIO_NORMAL);
    uint64_t after = clock_ns();
    for (unsigned i = 0; i < cpu_count(); i++)
        KTEST_ASSERT(seen_clock[i] >= before && seen_clock[i] <= after);
}

static volatile uint64_t ran_on_mask;
static volatile int spread_stop;

static void spread_worker(void *arg)
{
    (void)arg;
    uint64_t end = clock_ns() + 3000000000ull;
    while (!__atomic_load_n(&spread_stop, __ATOMIC_ACQUIRE) && clock_ns() < end)
        __atomic_fetch_or(&ran_on_mask, 1ull << cpu_id(), __ATOMIC_RELAXED);
}

KTEST(smp, every_cpu_runs_unpinned_threads)
{
    unsigned n = cpu_count() * 2;
    thread_t *t[2 * CPU_MAX];
    ran_on_mask = 0;
    spread_stop = 0;
    for (unsigned i = 0; i < n; i++)
        t[i] = thread_create("ktest-spread", spread_worker, 0, THREAD_PRIO_NORMAL);
    uint64_t end = clock_ns() + 2000000000ull;
    while (ran_on_mask != cpu_online_mask() && clock_ns() < end)
        sched_sleep(5000000);
    __atomic_store_n(&spread_stop, 1, __ATOMIC_RELEASE);
    for (unsigned i = 0; i < n; i++)
        thread_join(t[i]);
    log_info("smp: %u unpinned threads ran on CPU mask 0x%lx of 0x%lx", n, ran_on_mask, cpu_online_mask());
    KTEST_ASSERT_EQ(ran_on_mask, cpu_online_mask());
}

static volatile int woke_flag;

static void sleeper(void *arg)
{
    (void)arg;
    sched_prepare_block();
    while (!__atomic_load_n(&woke_flag, __ATOMIC_ACQUIRE)) {
        sched_block(0);
        sched_prepare_block();
    }
}

KTEST(smp, wake_thread_on_other_cpu)
{
    if (cpu_count() < 2)
        return;
    woke_flag = 0;
    unsigned cpu = cpu_count() - 1;
    thread_t *t = thread_create_on("ktest-sleeper", sleeper, 0, THREAD_PRIO_NORMAL, (int)cpu);
    sched_sleep(20000000);
    uint64_t switches = cpu_get(cpu)->switches;
    __atomic_store_n(&woke_flag, 1, __ATOMIC_RELEASE);
    sched_wake(t, WAKE_EVENT);
    thread_join(t);
    KTEST_ASSERT(cpu_get(cpu)->switches > switches);
}
