/*
 * round.c - rounding to integers: floor, ceil, trunc, round, rint, lround, modf. Each
 * clears the fraction bits of the double directly (math_impl.h), so all are exact and
 * never depend on the rounding mode.
 */
#include "math_impl.h"

/* The number of fraction bits of @x (0 when |x| >= 2^52, 53 when |x| < 1). */
static int fraction_bits(double x)
{
    int e = math_exponent(x) - 1023;
    return e >= 52 ? 0 : e < 0 ? 53 : 52 - e;
}

double trunc(double x)
{
    int f = fraction_bits(x);
    if (f == 0 || isnan(x))
        return x;
    if (f == 53)
        return copysign(0.0, x);
    return math_from_bits(math_bits(x) & ~((1ull << f) - 1));
}

double floor(double x)
{
    double t = trunc(x);
    return t > x ? t - 1.0 : t;
}

double ceil(double x)
{
    double t = trunc(x);
    return t < x ? t + 1.0 : t;
}

double round(double x)
{
    double t = trunc(x);
    if (fabs(x - t) >= 0.5) /* x - t is exact: both share the exponent or t is 0 */
        t += copysign(1.0, x);
    return t;
}

double rint(double x)
{
    double t = trunc(x), d = fabs(x - t);
    if (d > 0.5 || (d == 0.5 && fmod(t, 2.0) != 0))
        t += copysign(1.0, x);
    return t;
}

long lround(double x)
{
    return (long)round(x);
}

double modf(double x, double *ip)
{
    double t = trunc(x);
    *ip = t;
    if (isinf(x))
        return copysign(0.0, x);
    return copysign(x - t, x);
}
