/*
 * xorshift.h - the pseudo-random numbers of the host tests: xorshift64*, so every run
 * draws the same sequence from the same seed and a failure can be replayed.
 */
#ifndef TESTS_HOST_XORSHIFT_H
#define TESTS_HOST_XORSHIFT_H

#include <stdint.h>

/** The next number of the sequence kept in *@state (never 0). */
static inline uint64_t xorshift_next(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 0x2545f4914f6cdd1dull;
}

#endif
