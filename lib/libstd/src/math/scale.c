/*
 * scale.c - powers of two: frexp, ldexp, scalbn. ldexp() multiplies by exact powers of
 * two in at most three steps arranged so that only the last can round, so a result that
 * lands among the subnormals is rounded once, correctly.
 */
#include "math_impl.h"

double frexp(double x, int *e)
{
    *e = 0;
    if (x == 0 || isnan(x) || isinf(x))
        return x;
    if (math_exponent(x) == 0) { /* subnormal: make it normal first */
        x *= 0x1p64;
        *e = -64;
    }
    uint64_t u = math_bits(x);
    *e += (int)((u >> 52) & 0x7ff) - 1022;
    return math_from_bits((u & ~(0x7ffull << 52)) | (1022ull << 52));
}

double ldexp(double x, int n)
{
    if (n > 1023) {
        x *= 0x1p1023;
        n -= 1023;
        if (n > 1023) {
            x *= 0x1p1023;
            n = n - 1023 > 1023 ? 1023 : n - 1023;
        }
    } else if (n < -1022) {
        /* Steps of 2^-969 keep x normal so the last multiplication rounds once. */
        x *= 0x1p-969;
        n += 969;
        if (n < -1022) {
            x *= 0x1p-969;
            n = n + 969 < -1022 ? -1022 : n + 969;
        }
    }
    return x * math_pow2(n);
}

double scalbn(double x, int n)
{
    return ldexp(x, n);
}
