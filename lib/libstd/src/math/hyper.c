/*
 * hyper.c - sinh, cosh, tanh from expm1() (accurate near 0, where e^x - e^-x cancels)
 * and exp(); near the overflow threshold e^(x/2) is squared so that sinh and cosh stay
 * finite while their value is.
 */
#include "math_impl.h"

/* e^a / 2 for large a, finite as long as the result is. */
static double half_exp(double a)
{
    if (a < 709.0)
        return 0.5 * exp(a);
    double w = exp(0.5 * a);
    return (0.5 * w) * w;
}

double sinh(double x)
{
    double a = fabs(x);
    if (isnan(x) || isinf(x) || a < 0x1p-27)
        return x;
    if (a < 22) {
        double t = expm1(a); /* sinh a = (e^a - e^-a)/2 = (t + t/(t+1))/2 */
        return copysign(0.5 * (t + t / (t + 1)), x);
    }
    return copysign(half_exp(a), x);
}

double cosh(double x)
{
    double a = fabs(x);
    if (isnan(x))
        return x + x;
    if (a < 0x1p-27)
        return 1.0;
    if (a < 0.3465) {
        double t = expm1(a); /* cosh a = 1 + t^2 / (2 (1 + t)) */
        return 1 + (t * t) / (2 * (1 + t));
    }
    if (a < 22) {
        double e = exp(a);
        return 0.5 * e + 0.5 / e;
    }
    return half_exp(a);
}

double tanh(double x)
{
    double a = fabs(x);
    if (isnan(x) || a < 0x1p-27)
        return x;
    if (a > 22)
        return copysign(1.0, x);
    double t = expm1(2 * a); /* tanh a = (e^2a - 1) / (e^2a + 1) */
    return copysign(t / (t + 2), x);
}
