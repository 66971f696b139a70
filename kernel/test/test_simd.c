/*
 * test_simd.c - each thread keeps its own SIMD state across context switches and
 * migrations: XMM registers, the MXCSR control word and the x87 control word.
 */
#include "test/ktest.h"
#include "arch/x86_64/fpu.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"

static volatile int simd_bad[2 * CPU_MAX + 2];

static void load_xmm(uint64_t seed)
{
    uint64_t v[2] = {seed, ~seed};
    __asm__ volatile("movdqu (%0), %%xmm0\n\tmovdqu (%0), %%xmm7\n\tmovdqu (%0), %%xmm15" ::"r"(v) : "memory");
}

static int check_xmm(uint64_t seed)
{
    uint64_t a[2], b[2], c[2];
    __asm__ volatile("movdqu %%xmm0, (%0)\n\tmovdqu %%xmm7, (%1)\n\tmovdqu %%xmm15, (%2)" ::"r"(a), "r"(b), "r"(c)
                     : "memory");
    return a[0] == seed && a[1] == ~seed && b[0] == seed && c[1] == ~seed;
}

static void xmm_worker(void *arg)
{
    unsigned i = (unsigned)(uint64_t)arg;
    uint64_t seed = 0x0123456789abcdefull * (i + 1);
    load_xmm(seed);
    for (int round = 0; round < 200; round++) {
        if (round % 3 == 0)
            sched_sleep(100000);
        else
            sched_yield();
        if (!check_xmm(seed)) {
            simd_bad[i] = 1;
            return;
        }
    }
}

KTEST(simd, xmm_registers_kept_per_thread)
{
    unsigned n = cpu_count() * 2 + 2;
    thread_t *t[2 * CPU_MAX + 2];
    for (unsigned i = 0; i < n; i++) {
        simd_bad[i] = 0;
        t[i] = thread_create("ktest-xmm", xmm_worker, (void *)(uint64_t)i, THREAD_PRIO_NORMAL);
    }
    for (unsigned i = 0; i < n; i++)
        thread_join(t[i]);
    for (unsigned i = 0; i < n; i++)
        KTEST_ASSERT_EQ(simd_bad[i], 0);
}

static volatile uint32_t mxcsr_seen[2];
static volatile uint16_t fcw_seen[2];

static void control_worker(void *arg)
{
    unsigned i = (unsigned)(uint64_t)arg;
    uint32_t mx = i ? 0x7f80u : 0x1f80u;  /* thread 1: round toward zero */
    uint16_t cw = i ? 0x27fu : 0x37fu;    /* thread 1: double precision */
    __asm__ volatile("ldmxcsr %0\n\tfldcw %1" ::"m"(mx), "m"(cw));
    for (int round = 0; round < 100; round++)
        sched_yield();
    uint32_t m;
    uint16_t c;
    __asm__ volatile("stmxcsr %0\n\tfnstcw %1" : "=m"(m), "=m"(c));
    mxcsr_seen[i] = m;
    fcw_seen[i] = c;
}

KTEST(simd, control_words_kept_per_thread)
{
    int cpu = (int)cpu_count() - 1;
    thread_t *a = thread_create_on("ktest-ctl", control_worker, (void *)0, THREAD_PRIO_NORMAL, cpu);
    thread_t *b = thread_create_on("ktest-ctl", control_worker, (void *)1, THREAD_PRIO_NORMAL, cpu);
    thread_join(a);
    thread_join(b);
    KTEST_ASSERT_EQ(mxcsr_seen[0] & 0xffc0, 0x1f80);
    KTEST_ASSERT_EQ(mxcsr_seen[1] & 0xffc0, 0x7f80);
    KTEST_ASSERT_EQ(fcw_seen[0], 0x37f);
    KTEST_ASSERT_EQ(fcw_seen[1], 0x27f);
}

static volatile uint32_t fresh_mxcsr;

static void fresh(void *arg)
{
    (void)arg;
    uint32_t m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    fresh_mxcsr = m;
}

KTEST(simd, new_thread_starts_clean)
{
    uint32_t odd = 0x7f80;
    __asm__ volatile("ldmxcsr %0" ::"m"(odd)); /* dirty the creator's state */
    thread_t *t = thread_create("ktest-fresh", fresh, 0, THREAD_PRIO_NORMAL);
    thread_join(t);
    uint32_t def = 0x1f80;
    __asm__ volatile("ldmxcsr %0" ::"m"(def));
    KTEST_ASSERT_EQ(fresh_mxcsr & 0xffc0, 0x1f80);
    KTEST_ASSERT(fpu_state_size() >= 512);
}
