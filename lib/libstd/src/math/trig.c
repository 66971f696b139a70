/*
 * trig.c - sin, cos, tan. _std_rem_pio2() (reduce.c) brings x to n*pi/2 + r with
 * |r| <= pi/4 as a double-double; the Taylor polynomials of sin and cos to degree
 * 17/18 are then exact to 2^-60 and the quadrant n picks the function and the sign.
 */
#include "math_impl.h"

/* sin(r.hi + r.lo) for |r| <= pi/4. */
static double sin_kernel(dd_t r)
{
    /* sin r = r - r^3 (1/3! - r^2 (1/5! - r^2 (1/7! - ...))) */
    static const double inv_fact[] = { 1.0 / 355687428096000.0, 1.0 / 1307674368000.0,
                                       1.0 / 6227020800.0, 1.0 / 39916800.0,
                                       1.0 / 362880.0, 1.0 / 5040.0, 1.0 / 120.0, 1.0 / 6.0 };
    double z = r.hi * r.hi, s = 0;
    for (unsigned i = 0; i < sizeof(inv_fact) / sizeof(inv_fact[0]); i++)
        s = inv_fact[i] - z * s;
    /* sin(hi + lo) = sin(hi) + lo cos(hi), cos(hi) ~ 1 - z/2 */
    return r.hi + (r.lo * (1 - 0.5 * z) - (z * r.hi) * s);
}

/* cos(r.hi + r.lo) for |r| <= pi/4. */
static double cos_kernel(dd_t r)
{
    /* cos r = 1 - r^2/2 + r^4 (1/4! - r^2 (1/6! - r^2 (1/8! - ...))) */
    static const double inv_fact[] = { 1.0 / 6402373705728000.0, 1.0 / 20922789888000.0,
                                       1.0 / 87178291200.0, 1.0 / 479001600.0,
                                       1.0 / 3628800.0, 1.0 / 40320.0, 1.0 / 720.0,
                                       1.0 / 24.0 };
    double z = r.hi * r.hi, c = 0;
    for (unsigned i = 0; i < sizeof(inv_fact) / sizeof(inv_fact[0]); i++)
        c = inv_fact[i] - z * c;
    double hz = 0.5 * z, w = 1 - hz;
    /* (1 - w) - hz is what w lost; lo sin(hi) ~ lo hi */
    return w + (((1 - w) - hz) + (z * z * c - r.hi * r.lo));
}

double sin(double x)
{
    if (isnan(x) || isinf(x))
        return x - x;
    if (fabs(x) < 0x1p-27)
        return x;
    dd_t r;
    switch (_std_rem_pio2(x, &r)) {
    case 0: return sin_kernel(r);
    case 1: return cos_kernel(r);
    case 2: return -sin_kernel(r);
    default: return -cos_kernel(r);
    }
}

double cos(double x)
{
    if (isnan(x) || isinf(x))
        return x - x;
    dd_t r;
    switch (_std_rem_pio2(x, &r)) {
    case 0: return cos_kernel(r);
    case 1: return -sin_kernel(r);
    case 2: return -cos_kernel(r);
    default: return sin_kernel(r);
    }
}

double tan(double x)
{
    if (isnan(x) || isinf(x))
        return x - x;
    if (fabs(x) < 0x1p-27)
        return x;
    dd_t r;
    int n = _std_rem_pio2(x, &r);
    double s = sin_kernel(r), c = cos_kernel(r);
    return n & 1 ? -c / s : s / c;
}
