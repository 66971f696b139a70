/*
 * test_fmt.c - host tests for kernel/lib/fmt.c (suite "fmt").
 *
 * The main tests generate thousands of conversion specifications (flags x width x
 * precision x length x value, with literal and '*' widths and precisions) and require
 * fmt_vsnprintf() to agree byte for byte with glibc's vsnprintf(), both in the text and
 * in the return value, for a roomy buffer, a short one and no buffer at all.
 */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/fmt.h"

#define OUT_MAX 256

static unsigned long checks;   /* comparisons made by the current test */

/* Compare glibc and fmt for one buffer size. */
static void compare_sized(size_t size, const char *f, va_list ap)
{
    char want[OUT_MAX], got[OUT_MAX];
    va_list a;
    int rw, rg;

    __builtin_memset(want, '#', sizeof(want));
    __builtin_memset(got, '#', sizeof(got));
    va_copy(a, ap);
    rw = vsnprintf(size ? want : NULL, size, f, a);
    va_end(a);
    va_copy(a, ap);
    rg = fmt_vsnprintf(size ? got : NULL, size, f, a);
    va_end(a);
    cr_assert_eq(rg, rw, "\"%s\" size %zu: returned %d, glibc %d", f, size, rg, rw);
    cr_assert(!__builtin_memcmp(got, want, sizeof(got)),
              "\"%s\" size %zu: got \"%.*s\", glibc \"%.*s\"", f, size, rg, got, rw, want);
    checks++;
}

/* Check the format @f with its arguments at a full, a truncating and a zero size. */
static void check(const char *f, ...)
{
    va_list ap, a;
    int len;

    va_start(ap, f);
    compare_sized(OUT_MAX, f, ap);
    va_copy(a, ap);
    len = vsnprintf(NULL, 0, f, a);
    va_end(a);
    cr_assert_lt(len, OUT_MAX, "test output too long for \"%s\"", f);
    compare_sized((size_t)len / 2 + 1, f, ap);
    compare_sized(0, f, ap);
    va_end(ap);
}

struct star { const char *text; int nargs; int values[3]; };

static const struct star widths[] = {
    { "", 0, { 0 } }, { "1", 0, { 0 } }, { "7", 0, { 0 } }, { "23", 0, { 0 } },
    { "*", 3, { -9, 0, 12 } },
};
static const struct star precs[] = {
    { "", 0, { 0 } }, { ".", 0, { 0 } }, { ".0", 0, { 0 } }, { ".1", 0, { 0 } },
    { ".5", 0, { 0 } }, { ".24", 0, { 0 } }, { ".*", 3, { -1, 0, 3 } },
};

/* Flag strings for every subset of @allowed (at most 5 characters). */
static size_t flag_sets(const char *allowed, char out[32][6])
{
    size_t n = strlen(allowed), count = 0;

    for (unsigned mask = 0; mask < 1u << n; mask++) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (mask & (1u << i))
                out[count][k++] = allowed[i];
        out[count++][k] = '\0';
    }
    return count;
}

enum arg_kind { ARG_INT, ARG_LONG, ARG_STR, ARG_PTR };

union arg { long long i; const char *s; const void *p; };

static void call(const char *f, enum arg_kind kind, union arg v, int n, int a0, int a1)
{
    switch (kind) {
    case ARG_INT:
        n == 0 ? check(f, (int)v.i) : n == 1 ? check(f, a0, (int)v.i)
                                             : check(f, a0, a1, (int)v.i);
        break;
    case ARG_LONG:
        n == 0 ? check(f, v.i) : n == 1 ? check(f, a0, v.i) : check(f, a0, a1, v.i);
        break;
    case ARG_STR:
        n == 0 ? check(f, v.s) : n == 1 ? check(f, a0, v.s) : check(f, a0, a1, v.s);
        break;
    case ARG_PTR:
        n == 0 ? check(f, v.p) : n == 1 ? check(f, a0, v.p) : check(f, a0, a1, v.p);
        break;
    }
}

/* Every width and precision form (if @with_prec) for one flag set, length and value. */
static void sweep_one(const char *flags, const char *len, char conv, enum arg_kind kind,
                      union arg v, bool with_prec)
{
    char f[32];

    for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
        for (size_t p = 0; p < (with_prec ? sizeof(precs) / sizeof(precs[0]) : 1); p++) {
            const struct star *ws = &widths[w], *ps = &precs[p];
            int wn = ws->nargs ? ws->nargs : 1, pn = ps->nargs ? ps->nargs : 1;

            snprintf(f, sizeof(f), "<%%%s%s%s%s%c>", flags, ws->text, ps->text, len, conv);
            for (int i = 0; i < wn; i++)
                for (int j = 0; j < pn; j++) {
                    int n = (ws->nargs > 0) + (ps->nargs > 0);
                    int a0 = ws->nargs ? ws->values[i] : ps->values[j];
                    call(f, kind, v, n, a0, ps->values[j]);
                }
        }
}

/* All flag subsets of @allowed x widths x precisions for each value. */
static void sweep(const char *allowed, const char *len, char conv, enum arg_kind kind,
                  const union arg *values, size_t nvalues, bool with_prec)
{
    char sets[32][6];
    size_t nsets = flag_sets(allowed, sets);

    for (size_t s = 0; s < nsets; s++)
        for (size_t v = 0; v < nvalues; v++)
            sweep_one(sets[s], len, conv, kind, values[v], with_prec);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const union arg ints[] = {
    { 0 }, { 1 }, { -1 }, { 42 }, { -300 }, { 70000 }, { INT_MAX }, { INT_MIN },
};
static const union arg longs[] = {
    { 0 }, { -5 }, { LLONG_MAX }, { LLONG_MIN }, { (long long)0x8000000000000000ull },
    { 0x123456789abcdefll }, { (long long)UINT64_MAX },
};

Test(fmt, signed_conversions_match_glibc)
{
    static const char *short_lens[] = { "", "hh", "h" };
    static const char *long_lens[] = { "l", "ll", "z", "t", "j" };

    checks = 0;
    for (size_t l = 0; l < COUNT(short_lens); l++)
        sweep("-+ 0", short_lens[l], l == 0 ? 'd' : 'i', ARG_INT, ints, COUNT(ints), true);
    for (size_t l = 0; l < COUNT(long_lens); l++)
        sweep("-+ 0", long_lens[l], 'd', ARG_LONG, longs, COUNT(longs), true);
    cr_assert_gt(checks, 10000);
}

Test(fmt, unsigned_conversions_match_glibc)
{
    static const char convs[] = "uoxX";
    static const char *lens[] = { "", "hh", "h", "l", "ll", "z", "t", "j" };
    static const union arg small[] = { { 0 }, { 1 }, { 8 }, { 255 }, { -1 }, { 0x7ead } };

    checks = 0;
    for (size_t c = 0; c < 4; c++)
        for (size_t l = 0; l < COUNT(lens); l++) {
            bool wide = l >= 3;
            sweep("-+ #0", lens[l], convs[c], wide ? ARG_LONG : ARG_INT,
                  wide ? longs : small, wide ? COUNT(longs) : COUNT(small), true);
        }
    cr_assert_gt(checks, 100000);
}

Test(fmt, strings_match_glibc)
{
    static const union arg strs[] = {
        { .s = "" }, { .s = "a" }, { .s = "hello" }, { .s = "a somewhat longer string" },
        { .s = NULL },
    };

    checks = 0;
    sweep("-", "", 's', ARG_STR, strs, COUNT(strs), true);
    cr_assert_gt(checks, 1000);
}

Test(fmt, chars_match_glibc)
{
    static const union arg chars[] = { { 'a' }, { ' ' }, { '%' }, { 0 }, { 0x1ff } };

    checks = 0;
    sweep("-", "", 'c', ARG_INT, chars, COUNT(chars), false);
    cr_assert_gt(checks, 100);
}

Test(fmt, pointers_match_glibc)
{
    static const union arg ptrs[] = {
        { .p = NULL }, { .p = (void *)1 }, { .p = (void *)0xdeadbeef },
        { .p = (void *)0xffff800000001000 }, { .p = (void *)UINTPTR_MAX },
    };

    checks = 0;
    sweep("-+ 0", "", 'p', ARG_PTR, ptrs, COUNT(ptrs), true);
    cr_assert_gt(checks, 10000);
}

Test(fmt, mixed_format_matches_glibc)
{
    checks = 0;
    check("pid %d: %s [%08x] %-6s|%+.3d|%#o|%%|%c%c", 42, "init", 0xbeefu, "ok", 7, 8u, 'o',
          'k');
    check("%zu bytes at %p, %lld left, %hhx", (size_t)4096, (void *)0x1000, -1ll, 0x1ff);
    check("%*.*s|%-*d|%.*x", 10, 3, "abcdef", 5, -2, -1, 0xabu);
    check("no conversions at all");
    check("");
    cr_assert_eq(checks, 15);
}

Test(fmt, truncation_and_return_value)
{
    char buf[8];

    __builtin_memset(buf, 'x', sizeof(buf));
    cr_assert_eq(fmt_snprintf(buf, 5, "hello %s", "world"), 11);
    cr_assert_str_eq(buf, "hell");
    cr_assert_eq(buf[5], 'x');
    cr_assert_eq(fmt_snprintf(buf, 1, "abc"), 3);
    cr_assert_eq(buf[0], '\0');
    buf[0] = 'x';
    cr_assert_eq(fmt_snprintf(buf, 0, "abc"), 3);
    cr_assert_eq(buf[0], 'x');
    cr_assert_eq(fmt_snprintf(NULL, 0, "%d", 12345), 5);
    cr_assert_eq(fmt_snprintf(buf, sizeof(buf), "%7d", 1), 7); /* exact fit */
    cr_assert_str_eq(buf, "      1");
}

Test(fmt, wide_padding)
{
    char buf[300];

    cr_assert_eq(fmt_snprintf(buf, sizeof(buf), "%200d|%-100s|", -7, "x"), 302);
    cr_assert_eq(strlen(buf), sizeof(buf) - 1);
    cr_assert_eq(buf[197], ' ');
    cr_assert_eq(__builtin_memcmp(buf + 198, "-7|x ", 5), 0);
    cr_assert_eq(fmt_snprintf(buf, sizeof(buf), "%040d", -7), 40);
    cr_assert_str_eq(buf, "-000000000000000000000000000000000000007");
}

Test(fmt, unknown_conversion_is_copied)
{
    char buf[32];
    const char *volatile f = "a%yb%-5qc%";   /* kept from gcc's format checks */

    cr_assert_eq(fmt_snprintf(buf, sizeof(buf), f), 10);
    cr_assert_str_eq(buf, "a%yb%-5qc%");
}

struct collector { char text[64]; size_t len; int calls; };

static void collect(void *ctx, const char *s, size_t n)
{
    struct collector *c = ctx;

    cr_assert_leq(c->len + n, sizeof(c->text) - 1);
    __builtin_memcpy(c->text + c->len, s, n);
    c->len += n;
    c->text[c->len] = '\0';
    c->calls++;
}

static int vformat(struct collector *c, const char *f, ...)
{
    va_list ap;
    int n;

    va_start(ap, f);
    n = fmt_vformat(collect, c, f, ap);
    va_end(ap);
    return n;
}

Test(fmt, vformat_streams_pieces)
{
    struct collector c = { .len = 0, .calls = 0 };

    cr_assert_eq(vformat(&c, "[%5s] %d%%", "ab", -3), 11);
    cr_assert_str_eq(c.text, "[   ab] -3%");
    cr_assert_eq(c.len, 11);
    cr_assert_gt(c.calls, 1);
}
