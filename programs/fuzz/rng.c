/*
 * rng.c - the fuzzer's random numbers: xoshiro256** seeded through splitmix64, one
 * state per thread, so a run is reproducible from its seed thread by thread (the
 * interleaving of threads is the scheduler's and is not).
 */
#include "fuzz.h"

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void rng_seed(fuzz_rng_t *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ull);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix(&x);
}

static uint64_t rotl(uint64_t v, int k)
{
    return (v << k) | (v >> (64 - k));
}

uint64_t rng_next(fuzz_rng_t *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t rng_below(fuzz_rng_t *r, uint64_t n)
{
    return rng_next(r) % n;
}

bool rng_one_in(fuzz_rng_t *r, uint64_t n)
{
    return rng_below(r, n) == 0;
}
