/*
 * sqrt.c - square roots: sqrt (the SSE2 instruction, correctly rounded) and hypot,
 * which scales its arguments by a power of two so that neither the squares nor their
 * sum can overflow or lose bits to underflow.
 */
#include "math_impl.h"

double sqrt(double x)
{
    __asm__("sqrtsd %1, %0" : "=x"(x) : "x"(x));
    return x;
}

double hypot(double x, double y)
{
    if (isinf(x) || isinf(y))
        return HUGE_VAL;
    if (isnan(x) || isnan(y))
        return x + y;
    double a = fabs(x), b = fabs(y);
    if (a < b) {
        double t = a;
        a = b;
        b = t;
    }
    if (b == 0 || math_exponent(a) - math_exponent(b) > 60)
        return a + b;
    /* Bring a near 1: a^2 + b^2 then neither overflows nor underflows. */
    int e = math_exponent(a) == 0 ? -1022 : math_exponent(a) - 1023;
    a = ldexp(a, -e);
    b = ldexp(b, -e);
    /* The squares in double-double keep the sum within one rounding of exact. */
    dd_t a2 = dd_prod(a, a), b2 = dd_prod(b, b);
    dd_t s = dd_add(a2, b2);
    double r = sqrt(s.hi);
    /* One Newton step on the double-double sum: r + (s - r^2) / 2r. */
    dd_t r2 = dd_prod(r, r);
    double corr = ((s.hi - r2.hi) - r2.lo + s.lo) / (2 * r);
    return ldexp(r + corr, e);
}
