/*
 * sign.c - the operations on signs and neighbours: fabs, copysign, fmin, fmax,
 * nextafter. All are exact bit manipulations (math_impl.h).
 */
#include "math_impl.h"

#define SIGN_BIT (1ull << 63)

double fabs(double x)
{
    return math_from_bits(math_bits(x) & ~SIGN_BIT);
}

double copysign(double x, double y)
{
    return math_from_bits((math_bits(x) & ~SIGN_BIT) | (math_bits(y) & SIGN_BIT));
}

double fmin(double x, double y)
{
    if (isnan(x))
        return y;
    if (isnan(y))
        return x;
    return x < y ? x : y;
}

double fmax(double x, double y)
{
    if (isnan(x))
        return y;
    if (isnan(y))
        return x;
    return x > y ? x : y;
}

double nextafter(double x, double y)
{
    if (isnan(x) || isnan(y))
        return x + y;
    if (x == y)
        return y;
    if (x == 0) /* the smallest subnormal with the sign of the direction */
        return copysign(math_from_bits(1), y);
    uint64_t u = math_bits(x);
    /* Away from zero is one more in the magnitude bits, toward zero one less. */
    if ((x < y) == (x > 0))
        u++;
    else
        u--;
    return math_from_bits(u);
}
