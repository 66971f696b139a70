/*
 * math_impl.h - what the files of src/math share: bit access to doubles, double-double
 * arithmetic (a value carried as hi + lo with |lo| <= ulp(hi)/2, giving about 106
 * bits where one rounding would cost too much), and the kernels one file exports to
 * another (the expm1 and log1p polynomials, the pi/2 argument reduction).
 * The constants come from tools/mathconst.py.
 */
#ifndef LIBSTD_MATH_IMPL_H
#define LIBSTD_MATH_IMPL_H

#include <math.h>
#include <stdint.h>

static inline uint64_t math_bits(double x)
{
    union { double d; uint64_t u; } v = { .d = x };
    return v.u;
}

static inline double math_from_bits(uint64_t u)
{
    union { double d; uint64_t u; } v = { .u = u };
    return v.d;
}

/** The biased exponent field of @x (0 for zero and subnormals, 2047 for inf/NaN). */
static inline int math_exponent(double x)
{
    return (int)(math_bits(x) >> 52) & 0x7ff;
}

/** 2^@n for -1022 <= @n <= 1023, exactly. */
static inline double math_pow2(int n)
{
    return math_from_bits((uint64_t)(n + 1023) << 52);
}

/** A double-double: the value hi + lo. */
typedef struct dd {
    double hi, lo;
} dd_t;

/** a + b exactly, for |a| >= |b| (or a == 0). */
static inline dd_t dd_fast_sum(double a, double b)
{
    double s = a + b;
    return (dd_t){ s, b - (s - a) };
}

/** a + b exactly, for any a and b. */
static inline dd_t dd_sum(double a, double b)
{
    double s = a + b, bb = s - a;
    return (dd_t){ s, (a - (s - bb)) + (b - bb) };
}

/** a * b exactly (Dekker's product; no FMA is assumed). */
static inline dd_t dd_prod(double a, double b)
{
    const double split = 134217729.0; /* 2^27 + 1 */
    double ca = split * a, cb = split * b;
    double ah = ca - (ca - a), al = a - ah;
    double bh = cb - (cb - b), bl = b - bh;
    double p = a * b;
    return (dd_t){ p, ((ah * bh - p) + ah * bl + al * bh) + al * bl };
}

/** (a.hi + a.lo) + (b.hi + b.lo), renormalised (relative error about 2^-104). */
static inline dd_t dd_add(dd_t a, dd_t b)
{
    dd_t s = dd_sum(a.hi, b.hi);
    return dd_fast_sum(s.hi, s.lo + a.lo + b.lo);
}

/** a * b in double-double. */
static inline dd_t dd_mul(dd_t a, dd_t b)
{
    dd_t p = dd_prod(a.hi, b.hi);
    return dd_fast_sum(p.hi, p.lo + a.hi * b.lo + a.lo * b.hi);
}

/** a * b for a double-double and a double. */
static inline dd_t dd_mul_d(dd_t a, double b)
{
    dd_t p = dd_prod(a.hi, b);
    return dd_fast_sum(p.hi, p.lo + a.lo * b);
}

/** e^r - 1 for |r| <= 0.35 (Taylor to degree 14; relative error below 2^-60 before
 *  the final rounding). src/math/exp.c. */
double _std_expm1_kernel(double r);

/** e^(@x.hi + @x.lo), for the double-double exponent pow() computes. src/math/exp.c. */
double _std_exp_dd(dd_t x);

/** log(@x) as a double-double (relative error about 2^-64) for finite @x > 0, used by
 *  pow(). src/math/log.c. */
dd_t _std_log_dd(double x);

/**
 * Reduce @x (finite) to r = @x - n*pi/2 with |r| <= pi/4 (a little more for huge @x),
 * returned as the double-double *@r; returns n mod 4. Cody-Waite with a three-part
 * pi/2 below 2^20 * pi/2, Payne-Hanek with 1344 bits of 2/pi above. src/math/reduce.c.
 */
int _std_rem_pio2(double x, dd_t *r);

#endif
