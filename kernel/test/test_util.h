/*
 * test_util.h - helpers shared by the kernel tests: running a function on every CPU
 * (pinned threads, joined), busy-waiting for a while, and a small PRNG.
 */
#ifndef TEST_TEST_UTIL_H
#define TEST_TEST_UTIL_H

#include <stdint.h>

/** Runs fn(cpu index) once on every online CPU in pinned threads at prio; waits for all. */
void test_on_each_cpu(void (*fn)(void *), int prio);
/**
 * Waits (up to 2 s) until no more than `count` threads exist: a joined thread is freed
 * only after its last switch, on its own CPU, a moment after the join returns.
 */
void test_wait_threads(uint64_t count);
/**
 * Waits until the number of threads has stopped changing (threads of earlier tests
 * that are still being freed), so heap figures taken next are not moved by them.
 */
void test_quiesce(void);
/** Spins (no sleeping) for ns nanoseconds of clock time. */
void test_spin_ns(uint64_t ns);
/** xorshift64: next pseudo-random value of *state (seeded by the caller, non-zero). */
uint64_t test_rand(uint64_t *state);

#endif
