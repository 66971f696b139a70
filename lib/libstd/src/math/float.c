/*
 * float.c - the float variants of math.h. A float converts to double exactly, and
 * each double function is far more accurate than a float ulp, so rounding its result
 * to float once gives the float function (at most an ulp off, in the rare case that
 * the double result sits right at a float halfway point).
 */
#include <math.h>

#define FLOAT1(name) float name##f(float x) { return (float)name((double)x); }
#define FLOAT2(name) float name##f(float x, float y) { return (float)name((double)x, (double)y); }

FLOAT1(fabs)
FLOAT1(floor)
FLOAT1(ceil)
FLOAT1(trunc)
FLOAT1(round)
FLOAT1(sqrt)
FLOAT1(exp)
FLOAT1(exp2)
FLOAT1(expm1)
FLOAT1(log)
FLOAT1(log2)
FLOAT1(log10)
FLOAT1(log1p)
FLOAT1(sin)
FLOAT1(cos)
FLOAT1(tan)
FLOAT1(asin)
FLOAT1(acos)
FLOAT1(atan)
FLOAT1(sinh)
FLOAT1(cosh)
FLOAT1(tanh)
FLOAT2(fmod)
FLOAT2(copysign)
FLOAT2(fmin)
FLOAT2(fmax)
FLOAT2(hypot)
FLOAT2(pow)
FLOAT2(atan2)

float modff(float x, float *ip)
{
    double i, f = modf(x, &i);
    *ip = (float)i;
    return (float)f;
}

float frexpf(float x, int *e)
{
    return (float)frexp(x, e);
}

float ldexpf(float x, int n)
{
    /* Clamped so that the one rounding, to float, happens last. */
    return (float)ldexp(x, n > 400 ? 400 : n < -400 ? -400 : n);
}

float scalbnf(float x, int n)
{
    return ldexpf(x, n);
}

float nextafterf(float x, float y)
{
    if (isnan(x) || isnan(y))
        return x + y;
    if (x == y)
        return y;
    if (x == 0)
        return copysignf(0x1p-149f, y);
    union { float f; unsigned u; } v = { .f = x };
    if ((x < y) == (x > 0))
        v.u++;
    else
        v.u--;
    return v.f;
}
