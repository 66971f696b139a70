/*
 * victim.c - the fuzzer's child mode (`fuzz --victim --seed S --scratch DIR`): two
 * threads make the same calls as the main fuzzer and, now and then, one that the main
 * fuzzer must avoid because it ends or breaks the caller: exits, threads started at
 * random addresses, random note handlers, unmapping or protecting random parts of its
 * own memory (its code and stacks included), a random TLS base, waits that never end,
 * and random numbers 0..40 with random arguments (never sleep or futex_wait, whose
 * arguments decide how long they wait: those get bounded ones, so a victim ends
 * even when its parent is gone). A victim usually dies of it; the
 * point is what the kernel does meanwhile and while tearing it down (no panic, no leak).
 * The parent kills a victim that outlives its time; a guard thread ends it later even
 * if the parent is gone (its calls may block forever).
 */
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "calls.h"

#define PTR(p) ((uint64_t)(uintptr_t)(p))
#define VICTIM_THREADS 2
#define VICTIM_WAIT_MAX (2 * NS_PER_SEC) /* the longest sleep or futex wait */
#define VICTIM_LIFETIME (10 * NS_PER_SEC) /* then a guard thread ends the victim */

/* A user address anywhere we might have something mapped, or junk. */
static uint64_t any_user_addr(fuzz_thread_t *t)
{
    static const uint64_t bases[] = {0x400000, 0x0000100000000000ull, 0x0000100000000000ull + (1 << 24),
                                     0x00007ffffff00000ull};
    if (rng_one_in(&t->rng, 4))
        return gen_ptr(t);
    return (bases[rng_below(&t->rng, 4)] + rng_below(&t->rng, 1 << 22)) & ~0xfffull;
}

static void lethal_one(fuzz_thread_t *t)
{
    fuzz_rng_t *r = &t->rng;
    uint64_t a = any_user_addr(t);
    switch (rng_below(r, 11)) {
    case 0: fuzz_do(t, SYS_process_exit, rng_one_in(r, 2) ? gen_ptr(t) : PTR("victim"), 0, 0, 0, 0, 0); break;
    case 1: fuzz_do(t, SYS_thread_exit, gen_int(r), 0, 0, 0, 0, 0); break;
    case 2: fuzz_do(t, SYS_thread_create, a, gen_int(r), any_user_addr(t), rng_one_in(r, 2) ? 0 : gen_ptr(t), 0, 0); break;
    case 3: fuzz_do(t, SYS_notify, a, 0, 0, 0, 0, 0); break;
    case 4: fuzz_do(t, SYS_munmap, a, 4096 * (1 + rng_below(r, 1024)), 0, 0, 0, 0); break;
    case 5: fuzz_do(t, SYS_mprotect, a, 4096 * (1 + rng_below(r, 1024)), rng_below(r, 8), 0, 0, 0); break;
    case 6: fuzz_do(t, SYS_set_tls, gen_ptr(t), 0, 0, 0, 0, 0); break;
    /* long waits, but bounded: a victim whose parent died lives on as an orphan */
    case 7: fuzz_do(t, SYS_sleep, rng_below(r, VICTIM_WAIT_MAX), 0, 0, 0, 0, 0); break;
    case 8: fuzz_do(t, SYS_futex, PTR(t->buf), 0, FUTEX_WAIT, 1 + rng_below(r, VICTIM_WAIT_MAX), 0, 0); break;
    case 9: fuzz_do(t, SYS_noted, 0, 0, 0, 0, 0, 0); break;
    default: {
        uint64_t n = rng_below(r, 41);
        fuzz_do(t, n, gen_int(r), gen_ptr(t), gen_int(r), gen_ptr(t), gen_int(r), gen_int(r));
    }
    }
}

static void victim_thread(void *arg)
{
    fuzz_thread_t *t = arg;
    if (!calls_setup(t))
        return;
    memset(t->buf, 0, 64); /* futex words that equal 0 */
    while (t->calls_left--) {
        if (rng_one_in(&t->rng, 40))
            lethal_one(t);
        else
            calls_one(t);
    }
    calls_teardown(t);
}

/* Ends the victim after VICTIM_LIFETIME whatever its other threads are blocked in. */
static void victim_guard(void *arg)
{
    (void)arg;
    uint64_t end = uptime() + VICTIM_LIFETIME;
    while (uptime() < end)
        sleep(end - uptime());
    process_exit("victim lifetime over");
}

int victim_run(uint64_t seed, uint64_t calls)
{
    thread_create(victim_guard, NULL);
    static fuzz_thread_t threads[VICTIM_THREADS];
    for (int i = 0; i < VICTIM_THREADS; i++) {
        threads[i].index = i;
        threads[i].calls_left = calls / VICTIM_THREADS;
        rng_seed(&threads[i].rng, seed, (uint64_t)i);
    }
    thread_create(victim_thread, &threads[1]);
    victim_thread(&threads[0]);
    thread_exit(); /* the process ends with "0" when its last thread does */
}
