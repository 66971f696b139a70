/*
 * libm.c - floating point in the OS itself, reported under the suite `libstd`: the
 * printf conversions %f %e %g %a, strtod/strtof/atof, sscanf's %f family, the math
 * library on known values, and threads computing in SSE registers side by side (the
 * kernel saves each thread's SSE state). The exhaustive comparisons with glibc are the
 * host tests (tests/host/test_printf_float.c, test_strtod.c, test_libm.c).
 * Run by init in test mode (programs/init); the harness is tests/user/utest.h.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/proc.h>
#include "utest.h"

/* snprintf of @fmt equals @want, length included? */
static bool formats_as(const char *want, const char *fmt, ...)
{
    char got[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(got, sizeof(got), fmt, ap);
    va_end(ap);
    if (n == (int)strlen(want) && strcmp(got, want) == 0)
        return true;
    UTEST_FAIL("\"%s\" gave \"%s\", want \"%s\"", fmt, got, want);
    return false;
}

#define FORMATS_AS(want, ...)                                                          \
    do {                                                                               \
        if (!formats_as(want, __VA_ARGS__))                                            \
            return;                                                                    \
    } while (0)

/* @got within @ulps ulps of @want (both finite)? */
static bool near(double got, double want, int ulps)
{
    double lo = want, hi = want;
    for (int i = 0; i < ulps; i++) {
        lo = nextafter(lo, -INFINITY);
        hi = nextafter(hi, INFINITY);
    }
    return got >= lo && got <= hi;
}

static bool same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof(a)) == 0;
}

UTEST(float_printf_conversions)
{
    FORMATS_AS("3.142 -1.2346e+04", "%.3f %10.4e", 3.14159, -12345.678);
    FORMATS_AS("0.0001 1e-05 1.23457e+08 100", "%g %g %g %g", 0.0001, 1e-5, 123456789.0,
               100.0);
    FORMATS_AS("0.1 0.10000000000000001", "%.14g %.17g", 0.1, 0.1);
    FORMATS_AS("0x1p+0 -0X1P-1 0x1.8p+1", "%a %A %a", 1.0, -0.5, 3.0);
    FORMATS_AS("inf -INF nan", "%f %F %e", INFINITY, -INFINITY, NAN);
    FORMATS_AS("0 2 2 4", "%.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, 3.5); /* ties to even */
    FORMATS_AS("00003.14|3.14    |+2.0|   -0", "%08.2f|%-8.2f|%+.1f|%5.0f", 3.14159, 3.14159,
               2.0, -0.0);
    FORMATS_AS("0.100000000000000005551115123126", "%.30f", 0.1);
    FORMATS_AS("2.500000 1.e+00 4.9406564584124654e-324", "%Lf %#.0e %.17g", 2.5L, 1.0,
               5e-324);
    char big[400];
    int n = snprintf(big, sizeof(big), "%f", 1e300);
    UTEST_ASSERT_EQ(n, 301 + 7);
    UTEST_ASSERT(strncmp(big, "1000000000000000052504760255204420248704468581108159154", 55) == 0);
}

UTEST(float_strtod)
{
    char *end;
    errno = 0;
    UTEST_ASSERT(same_bits(strtod("0.1", &end), 0.1));
    UTEST_ASSERT(*end == '\0');
    UTEST_ASSERT(same_bits(strtod("  -0x1.8p1xyz", &end), -3.0));
    UTEST_ASSERT_STR_EQ(end, "xyz");
    UTEST_ASSERT(same_bits(strtod("2.2250738585072014e-308", NULL), 0x1p-1022));
    UTEST_ASSERT_EQ(errno, 0);
    UTEST_ASSERT(strtod("1e-310", NULL) == 0x0.012688b70e62bp-1022);
    UTEST_ASSERT_EQ(errno, ERANGE);
    errno = 0;
    UTEST_ASSERT(strtod("-1e400", NULL) == -HUGE_VAL);
    UTEST_ASSERT_EQ(errno, ERANGE);
    UTEST_ASSERT(isnan(strtod("nan(1)", NULL)) && isinf(strtod("Infinity", NULL)));
    UTEST_ASSERT(strtof("1.1", NULL) == 1.1f);
    UTEST_ASSERT(atof("6.02214076e23") == 6.02214076e23);
    UTEST_ASSERT(strtod("junk", &end) == 0 && strcmp(end, "junk") == 0);
    /* Every double printed with 17 digits reads back to the same bits. */
    uint64_t u = 0x0123456789abcdefull;
    for (int i = 0; i < 2000; i++) {
        u = u * 6364136223846793005ull + 1442695040888963407ull;
        double v;
        memcpy(&v, &u, sizeof(v));
        if (isnan(v))
            continue;
        char buf[40];
        snprintf(buf, sizeof(buf), "%.17g", v);
        UTEST_ASSERT(same_bits(strtod(buf, NULL), v));
    }
}

UTEST(float_sscanf)
{
    float f = 0;
    double d = 0;
    long double ld = 0;
    int n = 0;
    UTEST_ASSERT_EQ(sscanf("1.5 -2.25e3 0x1p-2 rest", "%f %lf %Lg %n", &f, &d, &ld, &n), 3);
    UTEST_ASSERT(f == 1.5f && d == -2250.0 && ld == 0.25L);
    UTEST_ASSERT_STR_EQ("1.5 -2.25e3 0x1p-2 rest" + n, "rest");
    UTEST_ASSERT_EQ(sscanf("1e+x", "%lf", &d), 0);
    UTEST_ASSERT_EQ(sscanf("-inf", "%lf", &d), 1);
    UTEST_ASSERT(isinf(d) && d < 0);
}

UTEST(math_known_values)
{
    UTEST_ASSERT(near(sin(0.5), 0.479425538604203, 1));
    UTEST_ASSERT(near(cos(2.0), -0.4161468365471424, 1));
    UTEST_ASSERT(near(tan(1.0), 1.5574077246549023, 2));
    UTEST_ASSERT(near(sin(1e22), -0.8522008497671888, 1)); /* needs Payne-Hanek */
    UTEST_ASSERT(near(exp(1.0), M_E, 1) && near(log(10.0), M_LN10, 1));
    UTEST_ASSERT(near(atan(1.0) * 4, M_PI, 1) && near(acos(-1.0), M_PI, 0));
    UTEST_ASSERT(near(asin(0.5), M_PI / 6, 1) && near(atan2(-1, -1), -3 * M_PI_4, 1));
    UTEST_ASSERT(pow(2, 10) == 1024 && pow(2, 0.5) == M_SQRT2 && sqrt(2) == M_SQRT2);
    UTEST_ASSERT(log2(1024) == 10 && log10(1e-3) == -3 && exp2(-3) == 0.125);
    UTEST_ASSERT(near(sinh(1), 1.1752011936438014, 2) && near(tanh(0.5), 0.46211715726000974, 2));
    UTEST_ASSERT(near(cosh(1), 1.5430806348152437, 2) && near(hypot(3e200, 4e200), 5e200, 1));
    UTEST_ASSERT(near(expm1(1e-10), 1.00000000005e-10, 1) && near(log1p(1e-10), 9.9999999995e-11, 1));
    UTEST_ASSERT(floor(-2.5) == -3 && ceil(-2.5) == -2 && trunc(-2.5) == -2 && round(-2.5) == -3);
    UTEST_ASSERT(fmod(10, 3) == 1 && fmod(-7.5, 2) == -1.5 && fabs(-0.0) == 0);
    int e;
    UTEST_ASSERT(frexp(48, &e) == 0.75 && e == 6 && ldexp(0.75, 6) == 48);
    double ip;
    UTEST_ASSERT(modf(-3.25, &ip) == -0.25 && ip == -3);
    UTEST_ASSERT(isnan(sqrt(-1)) && isinf(log(0)) && signbit(copysign(1, -0.0)));
    UTEST_ASSERT(fpclassify(5e-324) == FP_SUBNORMAL && fpclassify(1.0) == FP_NORMAL);
    UTEST_ASSERT(fmin(NAN, 1) == 1 && fmax(2, 3) == 3 && nextafter(1, 2) == 1 + 0x1p-52);
    UTEST_ASSERT(sinf(0.5f) == (float)sin(0.5) && powf(2, 3) == 8);
}

/* ---------------------------------------------------------------- threads */

#define FLOAT_WORKERS 3
#define FLOAT_STEPS 20000

static double float_results[FLOAT_WORKERS];
static uint32_t float_done; /* atomic */

/* A float computation whose every bit depends on the registers surviving switches. */
static double float_work(int id)
{
    double acc = id;
    for (int i = 1; i <= FLOAT_STEPS; i++) {
        acc = acc * 0.999 + sin(i * 0.001 * (id + 1)) / sqrt((double)i);
        if (i % 500 == 0)
            yield();
    }
    return acc;
}

static void float_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    float_results[id] = float_work(id);
    __atomic_add_fetch(&float_done, 1, __ATOMIC_RELEASE);
    futex(&float_done, FLOAT_WORKERS, FUTEX_WAKE, 0);
}

UTEST(float_threads_keep_their_registers)
{
    double want[FLOAT_WORKERS];
    for (int i = 0; i < FLOAT_WORKERS; i++)
        want[i] = float_work(i);
    for (int i = 0; i < FLOAT_WORKERS; i++)
        UTEST_ASSERT(thread_create(float_worker, (void *)(intptr_t)i) != ERR);
    double mine = float_work(7); /* alongside the workers */
    uint64_t deadline = uptime() + 60 * NS_PER_SEC;
    uint32_t done;
    while ((done = __atomic_load_n(&float_done, __ATOMIC_ACQUIRE)) < FLOAT_WORKERS) {
        UTEST_ASSERT(uptime() < deadline);
        futex(&float_done, done, FUTEX_WAIT, 100 * NS_PER_MS);
    }
    UTEST_ASSERT(same_bits(mine, float_work(7)));
    for (int i = 0; i < FLOAT_WORKERS; i++)
        UTEST_ASSERT(same_bits(float_results[i], want[i]));
}

int main(void)
{
    UTEST_BEGIN("libstd");
    UTEST_RUN(float_printf_conversions);
    UTEST_RUN(float_strtod);
    UTEST_RUN(float_sscanf);
    UTEST_RUN(math_known_values);
    UTEST_RUN(float_threads_keep_their_registers);
    return UTEST_END();
}
