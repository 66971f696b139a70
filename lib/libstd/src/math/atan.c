/*
 * atan.c - the inverse functions: atan, atan2, asin, acos. All go through atan_ratio():
 * atan(num/den) for a double-double quotient in [0, 1], reduced by the nearest c = j/8
 * with atan(x) = atan(c) + atan((x - c)/(1 + xc)), |t| <= 1/16, a Taylor polynomial of
 * degree 17 for atan t and a table of atan(j/8) in double-double (tools/mathconst.py).
 * asin and acos are angles of (x, sqrt(1 - x^2)), the square root kept as a
 * double-double, so none of them loses precision near +-1.
 */
#include "math_impl.h"

static const dd_t atan_table[9] = {
    { 0, 0 },
    { 0x1.fd5ba9aac2f6ep-4, -0x1.cd37686760c17p-59 },
    { 0x1.f5b75f92c80ddp-3, 0x1.8ab6e3cf7afbdp-57 },
    { 0x1.6f61941e4def1p-2, -0x1.c63aae6f6e918p-56 },
    { 0x1.dac670561bb4fp-2, 0x1.a2b7f222f65e2p-56 },
    { 0x1.1e00babdefeb4p-1, -0x1.928df287a668fp-58 },
    { 0x1.4978fa3269ee1p-1, 0x1.2419a87f2a458p-56 },
    { 0x1.700a7c5784634p-1, -0x1.8c34d25aadef6p-56 },
    { 0x1.921fb54442d18p-1, 0x1.1a62633145c07p-55 },
};
static const dd_t pio2 = { 0x1.921fb54442d18p+0, 0x1.1a62633145c07p-54 };
static const dd_t pi = { 0x1.921fb54442d18p+1, 0x1.1a62633145c07p-53 };

/* atan(q + q_lo) for 0 <= q <= 1, as a double-double. */
static dd_t atan_reduced(double q, double q_lo)
{
    int j = (int)(q * 8 + 0.5);
    double c = j / 8.0;
    /* t = (q - c)/(1 + qc) in double-double: q - c and qc are exact */
    dd_t qc = dd_prod(q, c);
    dd_t d = dd_sum(1, qc.hi);
    d = dd_fast_sum(d.hi, d.lo + qc.lo);
    double t = (q - c) / d.hi;
    dd_t td = dd_prod(t, d.hi);
    double t_lo = ((q - c) - td.hi - td.lo - t * d.lo) / d.hi;
    double z = t * t, p = 0;
    static const double odd[] = { 1.0 / 17, 1.0 / 15, 1.0 / 13, 1.0 / 11, 1.0 / 9, 1.0 / 7,
                                  1.0 / 5, 1.0 / 3 };
    for (unsigned i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
        p = odd[i] - z * p;
    /* atan t = t - t^3 (1/3 - t^2 (1/5 - ...)); q_lo moves the result by q_lo/(1+q^2) */
    double rest = atan_table[j].lo + t_lo + q_lo / (1 + q * q) - (z * t) * p;
    dd_t s = dd_sum(atan_table[j].hi, t);
    return dd_fast_sum(s.hi, s.lo + rest);
}

static dd_t dd_neg(dd_t a)
{
    return (dd_t){ -a.hi, -a.lo };
}

/* atan(num/den) in [0, pi/2] for positive num, den whose exponents are not extreme. */
static dd_t atan_ratio(dd_t num, dd_t den)
{
    if (num.hi > den.hi) /* atan(n/d) = pi/2 - atan(d/n) */
        return dd_add(pio2, dd_neg(atan_ratio(den, num)));
    double q = num.hi / den.hi;
    dd_t p = dd_prod(q, den.hi);
    double q_lo = ((num.hi - p.hi) - p.lo + num.lo - q * den.lo) / den.hi;
    return atan_reduced(q, q_lo);
}

double atan(double x)
{
    double a = fabs(x);
    if (isnan(x))
        return x + x;
    if (a < 0x1p-27)
        return x;
    if (a > 0x1p60)
        return copysign(pio2.hi, x);
    dd_t r = atan_ratio((dd_t){ a, 0 }, (dd_t){ 1, 0 });
    return copysign(r.hi + r.lo, x);
}

/* The zero and infinite cases of atan2 (C Annex F), for non-NaN y and x. */
static double atan2_special(double y, double x)
{
    if (y == 0)
        return signbit(x) ? copysign(pi.hi, y) : y;
    if (isinf(x) && isinf(y))
        return copysign(x > 0 ? pio2.hi / 2 : 3 * pio2.hi / 2, y);
    if (x == 0 || isinf(y))
        return copysign(pio2.hi, y);
    return x > 0 ? copysign(0.0, y) : copysign(pi.hi, y);
}

double atan2(double y, double x)
{
    if (isnan(x) || isnan(y))
        return x + y;
    if (x == 0 || y == 0 || isinf(x) || isinf(y))
        return atan2_special(y, x);
    double ax = fabs(x), ay = fabs(y);
    int diff = math_exponent(ay) - math_exponent(ax);
    dd_t t;
    if (diff < -60 || (diff < -50 && math_exponent(ay) == 0)) {
        t = (dd_t){ ay / ax, 0 }; /* atan q = q to the last bit */
    } else if (diff > 60) {
        t = pio2;
    } else {
        /* Bring the larger near 1: the Dekker products then neither overflow nor underflow. */
        int e = math_exponent(fmax(ax, ay)) - 1023;
        t = atan_ratio((dd_t){ ldexp(ay, -e), 0 }, (dd_t){ ldexp(ax, -e), 0 });
    }
    if (x < 0)
        t = dd_add(pi, dd_neg(t));
    return copysign(t.hi + t.lo, y);
}

/* sqrt(1 - a^2) as a double-double for 0 <= a < 1. */
static dd_t cosine_of(double a)
{
    dd_t d;
    if (a < 0.5) {
        dd_t a2 = dd_prod(a, a);
        d = dd_sum(1, -a2.hi);
        d = dd_fast_sum(d.hi, d.lo - a2.lo);
    } else {
        d = dd_mul_d(dd_sum(1, a), 1 - a); /* 1 - a is exact */
    }
    double s = sqrt(d.hi);
    dd_t s2 = dd_prod(s, s);
    return dd_fast_sum(s, ((d.hi - s2.hi) - s2.lo + d.lo) / (2 * s));
}

double asin(double x)
{
    double a = fabs(x);
    if (isnan(x) || a > 1)
        return (x - x) / (x - x);
    if (a == 1)
        return copysign(pio2.hi, x);
    if (a < 0x1p-27)
        return x;
    dd_t r = atan_ratio((dd_t){ a, 0 }, cosine_of(a));
    return copysign(r.hi + r.lo, x);
}

double acos(double x)
{
    double a = fabs(x);
    if (isnan(x) || a > 1)
        return (x - x) / (x - x);
    if (x == 1)
        return 0;
    if (x == -1)
        return pi.hi;
    if (a < 0x1p-60)
        return pio2.hi;
    dd_t r = atan_ratio(cosine_of(a), (dd_t){ a, 0 });
    if (x < 0)
        r = dd_add(pi, dd_neg(r));
    return r.hi + r.lo;
}
