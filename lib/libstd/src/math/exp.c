/*
 * exp.c - exponentials: exp, exp2, expm1, and the double-double exp behind pow().
 * Each reduces its argument to x = k*ln2 + r with |r| <= ln2/2 (Cody-Waite: a 32-bit
 * ln2_hi makes k*ln2_hi exact for every k in range, the rest is carried as a double-
 * double), takes e^r - 1 from a Taylor polynomial and scales by 2^k with ldexp().
 */
#include "math_impl.h"

static const double ln2_hi = 0x1.62e42ff000000p-1, ln2_lo = -0x1.718432a1b0e26p-35;
static const double inv_ln2 = 0x1.71547652b82fep+0;
static const dd_t ln2_dd = { 0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56 };

/* e^r - 1 for |r| <= 0.35 as a double-double (Taylor to degree 14: r^15/15! < 2^-62 r). */
static dd_t expm1_dd(double r)
{
    static const double inv_fact[] = { 1.0 / 87178291200.0, 1.0 / 6227020800.0,
                                       1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0,
                                       1.0 / 362880.0, 1.0 / 40320.0, 1.0 / 5040.0,
                                       1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5 };
    double q = 0;
    for (unsigned i = 0; i < sizeof(inv_fact) / sizeof(inv_fact[0]); i++)
        q = inv_fact[i] + r * q;
    return dd_fast_sum(r, (r * r) * q);
}

double _std_expm1_kernel(double r)
{
    dd_t p = expm1_dd(r);
    return p.hi + p.lo;
}

/* Reduce hi + lo (|hi| < 1100) to k*ln2 + r; returns e^r - 1 and sets *k. */
static dd_t reduce(double hi, double lo, int *k)
{
    double kd = hi * inv_ln2;
    kd = kd < 0 ? (double)(int)(kd - 0.5) : (double)(int)(kd + 0.5);
    *k = (int)kd;
    double r_hi = hi - kd * ln2_hi; /* exact: Sterbenz */
    double r_lo = lo - kd * ln2_lo;
    double r = r_hi + r_lo;
    double c = (r_hi - r) + r_lo; /* what r lost: e^(r + c) = e^r (1 + c) */
    dd_t p = expm1_dd(r);
    return dd_fast_sum(p.hi, p.lo + c * (1 + p.hi));
}

/* 2^k (1 + p), rounding 1 + p once. */
static double scale_one_plus(dd_t p, int k)
{
    dd_t s = dd_fast_sum(1, p.hi);
    return ldexp(s.hi + (s.lo + p.lo), k);
}

double _std_exp_dd(dd_t x)
{
    if (x.hi > 709.8)
        return HUGE_VAL;
    if (x.hi < -745.2)
        return 0;
    int k;
    dd_t p = reduce(x.hi, x.lo, &k);
    return scale_one_plus(p, k);
}

double exp(double x)
{
    if (isnan(x))
        return x + x;
    return _std_exp_dd((dd_t){ x, 0 });
}

double exp2(double x)
{
    if (isnan(x))
        return x + x;
    if (x >= 1024)
        return HUGE_VAL;
    if (x < -1080)
        return 0;
    double k = x < 0 ? (double)(int)(x - 0.5) : (double)(int)(x + 0.5);
    dd_t r = dd_mul_d(ln2_dd, x - k); /* x - k is exact */
    dd_t p = expm1_dd(r.hi);
    p = dd_fast_sum(p.hi, p.lo + r.lo * (1 + p.hi));
    return scale_one_plus(p, (int)k);
}

double expm1(double x)
{
    if (isnan(x))
        return x + x;
    if (x > 709.8)
        return HUGE_VAL;
    if (x < -40)
        return -1.0;
    if (fabs(x) <= 0.34)
        return _std_expm1_kernel(x);
    int k;
    dd_t p = reduce(x, 0, &k);
    if (k > 53)
        return scale_one_plus(p, k) - 1;
    /* 2^k - 1 and 2^k p are exact here */
    dd_t s = dd_sum(math_pow2(k) - 1, ldexp(p.hi, k));
    return s.hi + (s.lo + ldexp(p.lo, k));
}
