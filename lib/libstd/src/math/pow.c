/*
 * pow.c - x^y. The special cases of C (Annex F) first; then x^y = e^(y log x) with
 * log x from _std_log_dd() (about 64 correct bits), y log x formed in double-double and
 * the exponential taken by _std_exp_dd(), so even results near the overflow threshold,
 * where an error in y log x is magnified 710 times, stay within an ulp.
 */
#include "math_impl.h"

/* 0: @y is not an integer, 1: an odd integer, 2: an even integer. */
static int integer_kind(double y)
{
    if (trunc(y) != y)
        return 0;
    if (fabs(y) >= 0x1p53)
        return 2;
    return fmod(y, 2.0) != 0 ? 1 : 2;
}

/* x is +-0 or +-inf: the exact results of C. */
static double pow_zero_inf(double x, double y)
{
    int odd = integer_kind(y) == 1;
    double mag = (x == 0) == (y < 0) ? HUGE_VAL : 0.0;
    return odd && signbit(x) ? -mag : mag;
}

/* y is +-inf and x is finite and not +-1. */
static double pow_inf_exponent(double x, double y)
{
    return (fabs(x) < 1) == (y < 0) ? HUGE_VAL : 0.0;
}

double pow(double x, double y)
{
    if (y == 0 || x == 1)
        return 1.0;
    if (isnan(x) || isnan(y))
        return x + y;
    if (isinf(y))
        return x == -1 ? 1.0 : pow_inf_exponent(x, y);
    if (x == 0 || isinf(x))
        return pow_zero_inf(x, y);
    double sign = 1.0;
    if (x < 0) {
        int kind = integer_kind(y);
        if (kind == 0)
            return (x - x) / (x - x);
        sign = kind == 1 ? -1.0 : 1.0;
        x = -x;
        if (x == 1)
            return sign;
    }
    if (fabs(y) > 0x1p64) /* |y log x| > 2^64 * 2^-53: certainly out of range */
        return (x > 1) == (y > 0) ? sign * HUGE_VAL : sign * 0.0;
    dd_t l = _std_log_dd(x);
    dd_t p = dd_prod(l.hi, y);
    p.lo += l.lo * y;
    return sign * _std_exp_dd(p);
}
