/*
 * fmod.c - the exact remainder. fmod() divides the significands as integers, one bit
 * per exponent step (at most about 2100 steps for the extreme exponents), so the result
 * is exact, as C requires.
 */
#include "math_impl.h"

/* The integer significand of finite nonzero @x and its exponent: |x| = *m * 2^*e. */
static uint64_t significand(double x, int *e)
{
    uint64_t u = math_bits(x) & ~(1ull << 63);
    int be = (int)(u >> 52);
    uint64_t m = u & ((1ull << 52) - 1);
    if (be == 0) { /* subnormal: normalised, so that both significands have 53 bits */
        *e = -1074;
        for (; m < 1ull << 52; m <<= 1)
            --*e;
        return m;
    }
    *e = be - 1075;
    return m | 1ull << 52;
}

double fmod(double x, double y)
{
    if (isnan(x) || isnan(y) || isinf(x) || y == 0)
        return (x * y) / (x * y);
    if (isinf(y) || x == 0 || fabs(x) < fabs(y))
        return x;
    int ex, ey;
    uint64_t mx = significand(x, &ex), my = significand(y, &ey);
    /* Invariant: the remainder so far is mx * 2^ex with mx < 2 * my. */
    for (; ex > ey; ex--) {
        if (mx >= my)
            mx -= my;
        mx <<= 1;
    }
    if (mx >= my)
        mx -= my;
    return copysign(ldexp((double)mx, ey), x);
}
