/*
 * rand.c - rand() and srand(): a 64-bit linear congruential generator (Knuth's MMIX
 * constants) whose top 31 bits are the result, so RAND_MAX is 2^31 - 1. The state is
 * one atomic word, so rand() is safe from any thread (each call advances it once).
 */
#include <stdint.h>
#include <stdlib.h>

static uint64_t rand_state = 1; /* atomic */

static uint64_t rand_step(uint64_t s)
{
    return s * 6364136223846793005ull + 1442695040888963407ull;
}

int rand(void)
{
    uint64_t old = __atomic_load_n(&rand_state, __ATOMIC_RELAXED), next;
    do {
        next = rand_step(old);
    } while (!__atomic_compare_exchange_n(&rand_state, &old, next, 1, __ATOMIC_RELAXED,
                                          __ATOMIC_RELAXED));
    return (int)(next >> 33);
}

void srand(unsigned seed)
{
    __atomic_store_n(&rand_state, seed, __ATOMIC_RELAXED);
}
