/*
 * test_libm.c - host tests for libstd's math library (src/math, suite "libm"), built
 * for the host with the prefix pw_ (mk/host.mk). Each function is run on thousands of
 * random arguments over its useful range (and on special values); its result must be
 * within a stated number of ulps of the reference, glibc's long double function (64
 * bits, far more accurate than a double), and the exact operations must equal glibc's
 * bit for bit.
 */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "libstd_pw.h"
#include "xorshift.h"

#define SAMPLES 20000

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
    return xorshift_next(&rng_state);
}

/* Uniform in [lo, hi]. */
static double uniform(double lo, double hi)
{
    return lo + (hi - lo) * ((double)(rng() >> 11) * 0x1p-53);
}

/* Log-uniform magnitude in [2^elo, 2^ehi], random sign if @sign. */
static double logspread(int elo, int ehi, bool sign)
{
    double x = ldexp(1 + (double)(rng() >> 12) * 0x1p-52, elo + (int)(rng() % (uint64_t)(ehi - elo + 1)));
    return sign && (rng() & 1) ? -x : x;
}

static uint64_t bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof(u));
    return u;
}

/* The error of @got in ulps of the double nearest @want. */
static double ulps(double got, long double want)
{
    if (isnan(got) && isnan(want))
        return 0;
    if (isinf(want) || isinf(got))
        return (double)want == got ? 0 : INFINITY;
    double w = (double)want;
    int e;
    frexp(w, &e);
    double ulp = w == 0 || e - 53 < -1074 ? 0x1p-1074 : ldexp(1.0, e - 53);
    return (double)(fabsl((long double)got - want) / ulp);
}

typedef double (*fn1_t)(double);
typedef long double (*ref1_t)(long double);
typedef double (*fn2_t)(double, double);
typedef long double (*ref2_t)(long double, long double);

static double worst;

static void check1(const char *name, fn1_t f, ref1_t ref, double x, double bound)
{
    double got = f(x);
    long double want = ref(x);
    double err = ulps(got, want);
    if (err > worst)
        worst = err;
    cr_assert(err <= bound, "%s(%a) = %a, want %La: %.2f ulps > %.1f", name, x, got, want,
              err, bound);
}

static void check2(const char *name, fn2_t f, ref2_t ref, double x, double y, double bound)
{
    double got = f(x, y);
    long double want = ref(x, y);
    double err = ulps(got, want);
    if (err > worst)
        worst = err;
    cr_assert(err <= bound, "%s(%a, %a) = %a, want %La: %.2f ulps > %.1f", name, x, y, got,
              want, err, bound);
}

/* @f against @ref on SAMPLES uniform and SAMPLES log-spread arguments. */
static void sweep1(const char *name, fn1_t f, ref1_t ref, double lo, double hi, int elo,
                   int ehi, bool sign, double bound)
{
    worst = 0;
    for (int i = 0; i < SAMPLES; i++) {
        check1(name, f, ref, uniform(lo, hi), bound);
        check1(name, f, ref, logspread(elo, ehi, sign), bound);
    }
    cr_log_info("%s: worst %.3f ulps", name, worst);
}

Test(libm, exp_family_within_1_ulp)
{
    sweep1("exp", pw_exp, expl, -745, 709.7, -60, 9, true, 1);
    sweep1("exp2", pw_exp2, exp2l, -1074, 1023.9, -60, 10, true, 1);
    sweep1("expm1", pw_expm1, expm1l, -40, 709, -70, 9, true, 1);
}

Test(libm, log_family_within_1_ulp)
{
    sweep1("log", pw_log, logl, 0.3, 3, -1074, 1023, false, 1);
    sweep1("log2", pw_log2, log2l, 0.3, 3, -1074, 1023, false, 1);
    sweep1("log10", pw_log10, log10l, 0.3, 3, -1074, 1023, false, 1);
    sweep1("log1p", pw_log1p, log1pl, -0.999, 3, -70, 1023, false, 1);
    sweep1("log1p", pw_log1p, log1pl, -0.5, 0.5, -70, -1, true, 1);
}

Test(libm, trig_within_bounds)
{
    sweep1("sin", pw_sin, sinl, -10, 10, -40, 1023, true, 1);
    sweep1("cos", pw_cos, cosl, -10, 10, -40, 1023, true, 1);
    sweep1("tan", pw_tan, tanl, -10, 10, -40, 1023, true, 2);
    sweep1("sin", pw_sin, sinl, -1e6, 1e6, 19, 22, true, 1);
    sweep1("cos", pw_cos, cosl, -1e6, 1e6, 19, 22, true, 1);
}

Test(libm, inverse_trig_within_bounds)
{
    sweep1("asin", pw_asin, asinl, -1, 1, -40, -1, true, 1);
    sweep1("acos", pw_acos, acosl, -1, 1, -40, -1, true, 1);
    sweep1("atan", pw_atan, atanl, -5, 5, -40, 70, true, 1);
    worst = 0;
    for (int i = 0; i < SAMPLES; i++) {
        check2("atan2", pw_atan2, atan2l, uniform(-3, 3), uniform(-3, 3), 1);
        check2("atan2", pw_atan2, atan2l, logspread(-1074, 1023, true),
               logspread(-1074, 1023, true), 1);
    }
    cr_log_info("atan2: worst %.3f ulps", worst);
}

Test(libm, hyperbolic_within_2_ulps)
{
    sweep1("sinh", pw_sinh, sinhl, -5, 5, -40, 9, true, 2);
    sweep1("cosh", pw_cosh, coshl, -5, 5, -40, 9, true, 2);
    sweep1("tanh", pw_tanh, tanhl, -5, 5, -40, 5, true, 2);
}

Test(libm, pow_and_hypot_within_1_ulp)
{
    worst = 0;
    for (int i = 0; i < SAMPLES; i++) {
        check2("pow", pw_pow, powl, uniform(0, 10), uniform(-30, 30), 1);
        double x = logspread(-1074, 1023, false), y = uniform(-1, 1) * 700 / fabs(log(x));
        check2("pow", pw_pow, powl, x, y, 1);
        check2("pow", pw_pow, powl, -uniform(0, 4), (double)(int)uniform(-40, 40), 1);
        check2("hypot", pw_hypot, hypotl, logspread(-1074, 1023, true),
               logspread(-1074, 1023, true), 1);
        check2("hypot", pw_hypot, hypotl, uniform(-5, 5), uniform(-5, 5), 1);
    }
    cr_log_info("pow/hypot: worst %.3f ulps", worst);
}

Test(libm, pow_special_cases_match_glibc)
{
    static const double v[] = { 0.0, -0.0, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 2.5, INFINITY,
                                -INFINITY, NAN, 1e300, -1e300, 0x1p-1074, 0x1p53, 0x1p53 + 2 };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        for (size_t j = 0; j < sizeof(v) / sizeof(v[0]); j++) {
            double got = pw_pow(v[i], v[j]), want = pow(v[i], v[j]);
            if (isfinite(want) && want != 0 && want != 1 && want != -1)
                check2("pow", pw_pow, powl, v[i], v[j], 1); /* not a special case */
            else
                cr_assert(bits(got) == bits(want) || (isnan(got) && isnan(want)),
                          "pow(%a, %a) = %a, glibc %a", v[i], v[j], got, want);
        }
    cr_assert_eq(pw_pow(2, 10), 1024.0);
    cr_assert_eq(pw_pow(10, 15), 1e15);
    cr_assert_eq(pw_pow(-2, 3), -8.0);
    cr_assert_eq(pw_log2(8), 3.0);
    cr_assert_eq(pw_log10(1000), 3.0);
    cr_assert_eq(pw_exp2(-1074), 0x1p-1074);
}

static double args_special[] = { 0.0, -0.0, INFINITY, -INFINITY, NAN, 1, -1, 0.5, -0.5,
                                 1.5, -1.5, 2.5, -2.5, 0x1p52, -0x1p52, 0x1p52 + 0.5,
                                 0x1.fffffffffffffp51, 0x1p-1074, -0x1p-1074, DBL_MAX,
                                 0x1p-1022, 0.49999999999999994, 3.7, -3.7 };

/* An exact function must give glibc's bits on special values and on random ones. */
static void exact1(const char *name, fn1_t f, double (*ref)(double))
{
    for (int i = 0; i < SAMPLES + 24; i++) {
        double x = i < 24 ? args_special[i] : i % 2 ? uniform(-1e6, 1e6) : logspread(-1074, 1023, true);
        double got = f(x), want = ref(x);
        cr_assert(bits(got) == bits(want) || (isnan(got) && isnan(want)),
                  "%s(%a) = %a, glibc %a", name, x, got, want);
    }
}

static void exact2(const char *name, fn2_t f, double (*ref)(double, double))
{
    for (int i = 0; i < SAMPLES + 24 * 24; i++) {
        double x = i < 576 ? args_special[i / 24] : logspread(-1074, 1023, true);
        double y = i < 576 ? args_special[i % 24] : logspread(-1074, 1023, true);
        double got = f(x, y), want = ref(x, y);
        cr_assert(bits(got) == bits(want) || (isnan(got) && isnan(want)),
                  "%s(%a, %a) = %a, glibc %a", name, x, y, got, want);
    }
}

Test(libm, exact_operations_match_glibc)
{
    exact1("fabs", pw_fabs, fabs);
    exact1("floor", pw_floor, floor);
    exact1("ceil", pw_ceil, ceil);
    exact1("trunc", pw_trunc, trunc);
    exact1("round", pw_round, round);
    exact1("rint", pw_rint, rint);
    exact1("sqrt", pw_sqrt, sqrt);
    exact2("fmod", pw_fmod, fmod);
    exact2("copysign", pw_copysign, copysign);
    exact2("fmin", pw_fmin, fmin);
    exact2("fmax", pw_fmax, fmax);
    exact2("nextafter", pw_nextafter, nextafter);
    exact2("atan2", pw_atan2, atan2); /* special values here; glibc's atan2 is exact there */
    for (int i = 0; i < SAMPLES; i++) {
        double x = logspread(-1074, 1023, true), ip1, ip2;
        int e1, e2, n = (int)(rng() % 2300) - 1150;
        cr_assert_eq(bits(pw_modf(x, &ip1)), bits(modf(x, &ip2)));
        cr_assert_eq(bits(ip1), bits(ip2));
        cr_assert_eq(bits(pw_frexp(x, &e1)), bits(frexp(x, &e2)));
        cr_assert_eq(e1, e2);
        cr_assert_eq(bits(pw_ldexp(x, n)), bits(ldexp(x, n)), "ldexp(%a, %d)", x, n);
        float f = (float)uniform(0, 100);
        cr_assert_eq(pw_sqrtf(f), sqrtf(f));
        cr_assert_eq(pw_ldexpf(f, n / 8), ldexpf(f, n / 8));
    }
}
