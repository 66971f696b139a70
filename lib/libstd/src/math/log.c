/*
 * log.c - logarithms: log, log2, log10, log1p and the double-double log behind pow().
 * x = 2^k * m with sqrt(1/2) <= m < sqrt(2); log(m) = 2 atanh(s) with s = (m-1)/(m+1),
 * |s| <= 0.1716, summed as 2s + (2/3)s^3 in double-double plus a double tail
 * s^5 (2/5 + 2/7 s^2 + ...). Every function rounds the double-double result once,
 * so powers of two (log2) and of ten (log10, when exact) come out exact.
 */
#include <stdbool.h>
#include "math_impl.h"

static const dd_t ln2_dd = { 0x1.62e42fefa39efp-1, 0x1.abc9e3b39803fp-56 };
static const dd_t inv_ln2_dd = { 0x1.71547652b82fep+0, 0x1.777d0ffda0d24p-56 };
static const dd_t inv_ln10_dd = { 0x1.bcb7b1526e50ep-2, 0x1.95355baaafad3p-57 };
static const dd_t two_thirds_dd = { 0x1.5555555555555p-1, 0x1.5555555555555p-55 };

/* Split finite @x > 0 into 2^*k * m, sqrt(1/2) <= m < sqrt(2); returns m. */
static double split(double x, int *k)
{
    *k = 0;
    if (math_exponent(x) == 0) {
        x *= 0x1p54;
        *k = -54;
    }
    uint64_t u = math_bits(x);
    *k += (int)(u >> 52) - 1023;
    double m = math_from_bits((u & ((1ull << 52) - 1)) | (1023ull << 52));
    if (m > 0x1.6a09e667f3bcdp+0) { /* sqrt(2) */
        m *= 0.5;
        ++*k;
    }
    return m;
}

/* log(@m) in double-double for sqrt(1/2) <= m <= sqrt(2). */
static dd_t log_near_one(double m)
{
    double f = m - 1; /* exact */
    dd_t d = dd_sum(1, m);
    double s_hi = f / d.hi;
    dd_t p = dd_prod(s_hi, d.hi);
    double s_lo = ((f - p.hi) - p.lo - s_hi * d.lo) / d.hi;
    double z = s_hi * s_hi;
    double t = 2.0 / 27;
    static const double odd[] = { 2.0 / 25, 2.0 / 23, 2.0 / 21, 2.0 / 19, 2.0 / 17,
                                  2.0 / 15, 2.0 / 13, 2.0 / 11, 2.0 / 9, 2.0 / 7, 2.0 / 5 };
    for (unsigned i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
        t = odd[i] + z * t;
    dd_t sq = dd_prod(s_hi, s_hi);
    dd_t s3 = dd_mul_d(sq, s_hi);
    s3.lo += 3 * sq.hi * s_lo;
    dd_t l = dd_add((dd_t){ 2 * s_hi, 2 * s_lo }, dd_mul(s3, two_thirds_dd));
    return dd_fast_sum(l.hi, l.lo + s3.hi * sq.hi * t);
}

/* NaN, inf, zero or negative @x: true with the result in *@r. */
static bool log_special(double x, double *r)
{
    if (isnan(x) || (isinf(x) && x > 0))
        *r = x + x;
    else if (x == 0)
        *r = -HUGE_VAL;
    else if (x < 0)
        *r = (x - x) / (x - x);
    else
        return false;
    return true;
}

/* The double nearest @l. */
static double dd_round(dd_t l)
{
    return l.hi + l.lo;
}

dd_t _std_log_dd(double x)
{
    int k;
    double m = split(x, &k);
    return dd_add(dd_mul_d(ln2_dd, (double)k), log_near_one(m));
}

double log(double x)
{
    double r;
    return log_special(x, &r) ? r : dd_round(_std_log_dd(x));
}

double log2(double x)
{
    double r;
    if (log_special(x, &r))
        return r;
    int k;
    double m = split(x, &k);
    return dd_round(dd_add((dd_t){ (double)k, 0 }, dd_mul(log_near_one(m), inv_ln2_dd)));
}

double log10(double x)
{
    double r;
    return log_special(x, &r) ? r : dd_round(dd_mul(_std_log_dd(x), inv_ln10_dd));
}

double log1p(double x)
{
    if (x == -1)
        return -HUGE_VAL;
    if (isnan(x) || x < -1 || isinf(x))
        return x < -1 ? (x - x) / (x - x) : x + x;
    if (fabs(x) < 0x1p-54)
        return x;
    dd_t u = dd_sum(1, x); /* 1 + x exactly: log(u.hi + u.lo) = log(u.hi) + u.lo/u.hi */
    dd_t l = _std_log_dd(u.hi);
    return dd_round(dd_add(l, (dd_t){ u.lo / u.hi, 0 }));
}
