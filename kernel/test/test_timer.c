/*
 * test_timer.c - time: the clocks, sleeping on every CPU, timer events in deadline
 * order, and the tickless promise (idle CPUs and CPUs running a single thread take no
 * periodic timer interrupts).
 */
#include "test/ktest.h"
#include "acpi/acpi.h"
#include "log/log.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "sched/timer.h"
#include "test/test_util.h"
#include "time/clock.h"
#include "time/hpet.h"

static volatile uint64_t slept[CPU_MAX];

static void sleep_10ms(void *arg)
{
    unsigned i = (unsigned)(uint64_t)arg;
    uint64_t t0 = clock_ns();
    sched_sleep(10000000);
    slept[i] = clock_ns() - t0;
}

KTEST(timer, sleep_10ms_on_every_cpu)
{
    test_on_each_cpu(sleep_10ms, THREAD_PRIO_NORMAL);
    for (unsigned i = 0; i < cpu_count(); i++) {
        KTEST_ASSERT(slept[i] >= 10000000);
        KTEST_ASSERT(slept[i] < 1000000000);
    }
}

/* One (hpet, clock) pair read as close together as possible: the tightest of a few
 * tries, so a vCPU descheduled by the host mid-sample does not skew the comparison. */
static void clock_pair(uint64_t *h, uint64_t *c, uint64_t *gap)
{
    *gap = UINT64_MAX;
    *h = *c = 0;
    for (int i = 0; i < 16; i++) {
        uint64_t a = hpet_ns(), cc = clock_ns(), b = hpet_ns();
        if (b - a < *gap) {
            *gap = b - a;
            *h = a + (b - a) / 2;
            *c = cc;
        }
    }
}

KTEST(timer, hpet_is_the_reference)
{
    KTEST_ASSERT(hpet_period_fs() > 0 && hpet_period_fs() <= 100000000);
    uint64_t h0, c0, g0, h1, c1, g1;
    clock_pair(&h0, &c0, &g0);
    test_spin_ns(50000000);
    clock_pair(&h1, &c1, &g1);
    uint64_t dh = h1 - h0, dc = c1 - c0, slack = dh / 50 + g0 + g1; /* 2% plus the read gaps */
    KTEST_ASSERT(dh > 49000000);
    KTEST_ASSERT(dc + slack > dh && dc < dh + slack); /* the clock agrees with its reference */
}

KTEST(timer, wall_clock_plausible)
{
    uint64_t s = clock_epoch_ns() / 1000000000ull;
    KTEST_ASSERT(s > 1704067200ull);  /* after 2024-01-01 */
    KTEST_ASSERT(s < 4102444800ull);  /* before 2100 */
}

static volatile int fired[3], fired_n;
static timer_event_t events[3];

static void note_fire(timer_event_t *ev)
{
    int n = __atomic_fetch_add(&fired_n, 1, __ATOMIC_RELAXED);
    if (n < 3)
        fired[n] = (int)(ev - events);
}

KTEST(timer, events_fire_in_deadline_order)
{
    timer_event_t *ev = events;
    uint64_t base = clock_ns() + 30000000;
    int offsets[3] = {3, 1, 2};
    fired_n = 0;
    uint64_t flags = cpu_flags();
    cpu_cli();
    for (int i = 0; i < 3; i++) {
        list_init(&ev[i].node);
        ev[i].state = TIMER_IDLE;
        ev[i].fn = note_fire;
        timer_add(&ev[i], base + (uint64_t)offsets[i] * 5000000);
    }
    if (flags & CPU_FLAG_IF)
        cpu_sti();
    uint64_t until = clock_ns() + 1000000000ull;
    while (__atomic_load_n(&fired_n, __ATOMIC_ACQUIRE) < 3 && clock_ns() < until)
        cpu_pause();
    for (int i = 0; i < 3; i++)
        timer_cancel(&ev[i]);
    KTEST_ASSERT_EQ(fired_n, 3);
    KTEST_ASSERT_EQ(fired[0], 1);
    KTEST_ASSERT_EQ(fired[1], 2);
    KTEST_ASSERT_EQ(fired[2], 0);
}

KTEST(timer, cancelled_event_never_fires)
{
    static timer_event_t ev;
    list_init(&ev.node);
    ev.state = TIMER_IDLE;
    ev.fn = note_fire;
    fired_n = 0;
    uint64_t flags = cpu_flags();
    cpu_cli();
    timer_add(&ev, clock_ns() + 5000000);
    timer_cancel(&ev); /* still with interrupts off: a stalled vCPU cannot let it fire first */
    if (flags & CPU_FLAG_IF)
        cpu_sti();
    sched_sleep(20000000);
    KTEST_ASSERT_EQ(fired_n, 0);
}

/* Both tickless tests measure from a thread pinned to CPU 0, so that neither the
 * measuring thread nor its sleep timers ever land on the CPU being watched. */
static volatile uint64_t tick_count;

static void watch_idle(void *arg)
{
    cpu_t *c = arg;
    sched_sleep(50000000); /* let earlier tests' threads drain */
    uint64_t before = c->timer_irqs, idle0 = sched_idle_ns(c->id);
    sched_sleep(2000000000ull);
    tick_count = c->timer_irqs - before;
    log_info("timer: idle CPU %u took %lu timer interrupts in 2 s (idle %lu ms)", c->id, tick_count,
             (sched_idle_ns(c->id) - idle0) / 1000000);
}

KTEST(timer, idle_cpu_takes_no_ticks)
{
    if (cpu_count() < 2)
        return; /* the test's own CPU is never idle */
    tick_count = ~0ull;
    thread_join(thread_create_on("ktest-watch", watch_idle, cpu_get(cpu_count() - 1), THREAD_PRIO_NORMAL, 0));
    KTEST_ASSERT(tick_count < 2); /* fewer than one a second */
}

static void busy_1500ms(void *arg)
{
    (void)arg;
    test_spin_ns(1500000000ull);
}

static void watch_busy(void *arg)
{
    cpu_t *c = arg;
    thread_t *t = thread_create_on("ktest-busy", busy_1500ms, 0, THREAD_PRIO_NORMAL, (int)c->id);
    sched_sleep(100000000); /* it is running alone there now */
    uint64_t before = c->timer_irqs;
    sched_sleep(1000000000ull);
    tick_count = c->timer_irqs - before;
    thread_join(t);
    log_info("timer: CPU %u running one busy thread took %lu timer interrupts in 1 s", c->id, tick_count);
}

KTEST(timer, single_thread_cpu_takes_no_ticks)
{
    if (cpu_count() < 2)
        return;
    tick_count = ~0ull;
    thread_join(thread_create_on("ktest-watch", watch_busy, cpu_get(cpu_count() - 1), THREAD_PRIO_NORMAL, 0));
    KTEST_ASSERT_EQ(tick_count, 0);
}
