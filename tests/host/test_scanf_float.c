/*
 * test_scanf_float.c - host tests for the floating-point conversions of libstd's scanf
 * engine (src/stdio/scan.c; suite "scanf_float"), built for the host with the prefix
 * pw_ (mk/host.mk). The count, the values and %n must equal glibc's sscanf() on many
 * inputs and formats; where C and glibc differ (an incomplete number such as "1e+" is a
 * matching failure in C, glibc converts its prefix; C reads "nan(chars)" whole, glibc
 * only "nan"), C's answer is checked.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "libstd_pw.h"

static int pw_sscanf(const char *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = pw_vsscanf(s, fmt, ap);
    va_end(ap);
    return n;
}

/* "%lf %n" style: a double then the count consumed. */
static void check_double(const char *s, const char *fmt)
{
    double want = -12345, got = -12345;
    int nwant = -1, ngot = -1;
    int rw = sscanf(s, fmt, &want, &nwant);
    int rg = pw_sscanf(s, fmt, &got, &ngot);
    cr_assert_eq(rg, rw, "sscanf(\"%s\", \"%s\") = %d, glibc %d", s, fmt, rg, rw);
    cr_assert(memcmp(&got, &want, sizeof(got)) == 0, "sscanf(\"%s\", \"%s\"): %a, glibc %a",
              s, fmt, got, want);
    cr_assert_eq(ngot, nwant, "sscanf(\"%s\", \"%s\"): %%n %d, glibc %d", s, fmt, ngot, nwant);
}

Test(scanf_float, conversions_match_glibc)
{
    static const char *inputs[] = {
        "0", "1", "-1.5", "  +3.25e2", "1e10", "1E-10", ".5", "5.", "0x1.8p1", "0X1P-3",
        "inf", "-INFINITY", "nan", "1.7976931348623157e308", "1e400",
        "4.9406564584124654e-324", "123456789012345678901234567890", "2.5abc",
        "  \n\t7", "1.0e5e5", "3.14159265358979323846264338327950288", "-0", "0.1 0.2",
        "9007199254740993", "1.2.3",
    };
    static const char *formats[] = { "%lf%n", "%le%n", "%lg%n", "%la%n", "%lE%n",
                                     "%lf x%n", "%lF %n" };
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
        for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++)
            check_double(inputs[i], formats[f]);
}

Test(scanf_float, widths_match_glibc_on_complete_numbers)
{
    check_double("1.2345", "%3lf%n");
    check_double("123456", "%4lf%n");
    check_double("  -1.5e10", "%2lf%n");
    check_double("0x1p4", "%3lf%n");
    check_double("-inf", "%4lf%n");
    check_double("1.25e3", "%6lf%n");
    check_double("1.25e3", "%50lf%n");
}

Test(scanf_float, float_and_long_double_and_suppress)
{
    float f1 = 0, f2 = 0;
    long double ld = 0;
    double d = 0;
    cr_assert_eq(pw_sscanf("1.1 2.5e-1", "%f %g", &f1, &f2), 2);
    cr_assert_eq(f1, 1.1f);
    cr_assert_eq(f2, 0.25f);
    cr_assert_eq(pw_sscanf("16777217", "%f", &f1), 1); /* rounded once, to float */
    cr_assert_eq(f1, 16777216.0f);
    cr_assert_eq(pw_sscanf("-0.75", "%Lf", &ld), 1);
    cr_assert_eq(ld, -0.75L);
    cr_assert_eq(pw_sscanf("1.5 2.5", "%*f %lf", &d), 1);
    cr_assert_eq(d, 2.5);
}

Test(scanf_float, incomplete_numbers_fail_as_in_c)
{
    double d = 7;
    int n = -1;
    cr_assert_eq(pw_sscanf("1e+x", "%lf", &d), 0); /* glibc: 1, d = 1 */
    cr_assert_eq(d, 7);
    cr_assert_eq(pw_sscanf("0x", "%lf", &d), 0);   /* glibc: 1, d = 0 */
    cr_assert_eq(pw_sscanf("-", "%lf", &d), 0);
    cr_assert_eq(pw_sscanf(".", "%lf", &d), 0);
    cr_assert_eq(pw_sscanf("", "%lf", &d), EOF);
    cr_assert_eq(pw_sscanf("   ", "%lf", &d), EOF);
    cr_assert_eq(pw_sscanf("x", "%lf", &d), 0);
    cr_assert_eq(pw_sscanf("1e5", "%2lf%n", &d, &n), 0); /* "1e" */
    cr_assert_eq(pw_sscanf("-1.5e10", "%5lf%n", &d, &n), 0); /* "-1.5e" */
    cr_assert_eq(pw_sscanf("infinite", "%lf%n", &d, &n), 0); /* "infini" */
    cr_assert_eq(pw_sscanf("NaN(12ab)x", "%lf%n", &d, &n), 1); /* glibc stops at "NaN" */
    cr_assert(isnan(d));
    cr_assert_eq(n, 9);
}
