/*
 * test_strtod.c - host tests for libstd's strtod, strtof and atof (src/stdlib/strtod.c;
 * suite "strtod"), built for the host with the prefix pw_ (mk/host.mk). The value's
 * bits, the end pointer and errno must all equal glibc's, on tricky strings (halfway
 * cases, long digit strings, the subnormal and overflow edges, hex, inf/nan, junk) and
 * on many random ones (every double printed with 17 digits and with its exact
 * expansion plus or minus a tail).
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libstd_pw.h"
#include "xorshift.h"

static unsigned long checks;

static void check(const char *s)
{
    char *end_want, *end_got;
    errno = 0;
    double want = strtod(s, &end_want);
    int errno_want = errno;
    errno = 0;
    double got = pw_strtod(s, &end_got);
    int errno_got = errno;
    cr_assert(memcmp(&got, &want, sizeof(got)) == 0, "strtod(\"%.80s\") = %a, glibc %a", s,
              got, want);
    cr_assert_eq(end_got - s, end_want - s, "strtod(\"%.80s\") end %td, glibc %td", s,
                 end_got - s, end_want - s);
    cr_assert_eq(errno_got, errno_want, "strtod(\"%.80s\") errno %d, glibc %d", s, errno_got,
                 errno_want);
    errno = 0;
    float fwant = strtof(s, &end_want);
    errno_want = errno;
    errno = 0;
    float fgot = pw_strtof(s, &end_got);
    errno_got = errno;
    cr_assert(memcmp(&fgot, &fwant, sizeof(fgot)) == 0, "strtof(\"%.80s\") = %a, glibc %a", s,
              fgot, fwant);
    cr_assert_eq(end_got - s, end_want - s);
    cr_assert_eq(errno_got, errno_want, "strtof(\"%.80s\") errno %d, glibc %d", s, errno_got,
                 errno_want);
    checks++;
}

Test(strtod, tricky_strings_match_glibc)
{
    static const char *cases[] = {
        "0", "-0", "+0.0", "1", "-1", "0.1", "1e23", "8.5e-1", "  \t\n 42", "1.5e308",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
        "1e309", "-1e400", "2.2250738585072011e-308", "2.2250738585072014e-308",
        "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
        "1e-400", "3e-324", "9007199254740993", "9007199254740992.000000000000000000001",
        "9007199254740993.00000000000000000000000000000000000000000000000000000000001",
        "0.500000000000000166533453693773481063544750213623046875",
        "0.500000000000000166533453693773481063544750213623046874",
        "0.500000000000000166533453693773481063544750213623046876",
        "1.00000005960464477539062499", "1.000000059604644775390625",
        "1.00000005960464477539062501", "3.4028235677973366e38", "3.4028236e38",
        "1.1754943e-38", "1.4e-45", "7e-46", "0x1p0", "0x1.8p1", "0X1P-1074", "0x1p-1075",
        "0x1.8p-1074", "0x1.fffffffffffff8p1023", "0x1.fffffffffffff7ffp1023", "0x.8p1",
        "0x", "0xg", "0x1p", "0x1p+", "0x1.p3", "0x123456789abcdef123p-10", "inf",
        "-INF", "infinity", "InFiNiTy!", "infinit", "nan", "-nan", "NaN(123abc)", "nan(",
        "nan(x y)", "", "   ", "-", "+.", ".", ".5", "5.", "1e", "1e+", "1e-5x", "1.e5",
        "-.5e-3", "00000000000000000000000000000000000001", "1e-2147483649",
        "1e2147483648", "0e99999999999", "123456789012345678901234567890e-30", "abc",
        "1,5", "1.5.5", "1e5e5",
    };
    checks = 0;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check(cases[i]);
    cr_assert_gt(checks, 80);
}

static uint64_t rng_state = 0x13198a2e03707344ull;

static uint64_t rng(void)
{
    return xorshift_next(&rng_state);
}

Test(strtod, random_doubles_round_trip_and_halfway)
{
    static char buf[2000];
    checks = 0;
    for (int i = 0; i < 20000; i++) {
        uint64_t u = rng();
        double v;
        memcpy(&v, &u, sizeof(v));
        if (isnan(v))
            continue;
        snprintf(buf, sizeof(buf), "%.17g", v);
        check(buf);
        snprintf(buf, sizeof(buf), "%.*e", (int)(rng() % 25), v);
        check(buf);
        snprintf(buf, sizeof(buf), "%a", v);
        check(buf);
        /* The exact halfway point between v and its successor, and just off it. */
        double next = nextafter(v, INFINITY);
        if (isinf(next) || isinf(v))
            continue;
        long double mid = ((long double)v + next) / 2;
        snprintf(buf, sizeof(buf), "%.800Le", mid);
        check(buf);
        char *e = strchr(buf, 'e');
        memmove(e + 1, e, strlen(e) + 1);
        *e = rng() & 1 ? '1' : '0';
        check(buf);
    }
    for (int i = 0; i < 5000; i++) {
        snprintf(buf, sizeof(buf), "%lu.%lue%d", (unsigned long)rng() % 100000,
                 (unsigned long)rng(), (int)(rng() % 700) - 350);
        check(buf);
        float f;
        uint32_t w = (uint32_t)rng();
        memcpy(&f, &w, sizeof(f));
        if (!isnan(f)) {
            snprintf(buf, sizeof(buf), "%.9g", f);
            check(buf);
        }
    }
    cr_assert_gt(checks, 80000);
    cr_assert_eq(pw_atof("  -2.5e3xyz"), -2500.0);
}
