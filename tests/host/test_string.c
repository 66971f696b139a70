/*
 * test_string.c - host tests for kernel/lib/string.c (suite "string").
 *
 * The kernel's routines are built here as kmem_* / kstr_* (see lib/string.h), so every
 * call below runs our code; results are checked against byte-by-byte reference loops
 * and hand-worked expectations, including overlapping moves and parse overflow.
 */
#include <criterion/criterion.h>
#include <abi/errno.h>

#include "lib/string.h"

#define POOL 160

/* Fill @p with a pattern that differs at every offset. */
static void fill_pattern(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 7 + 1);
}

Test(string, memcpy_all_alignments_and_lengths)
{
    unsigned char src[POOL], dst[POOL], want[POOL];

    fill_pattern(src, POOL, 3);
    for (size_t so = 0; so < 9; so++)
        for (size_t dof = 0; dof < 9; dof++)
            for (size_t n = 0; n < 70; n++) {
                fill_pattern(dst, POOL, 100);
                fill_pattern(want, POOL, 100);
                for (size_t i = 0; i < n; i++)
                    want[dof + i] = src[so + i];
                cr_assert_eq(memcpy(dst + dof, src + so, n), dst + dof);
                cr_assert(!__builtin_memcmp(dst, want, POOL),
                          "memcpy src+%zu dst+%zu n=%zu", so, dof, n);
            }
}

/* Move @n bytes from offset @from to offset @to inside one buffer; check vs a copy. */
static void check_move(size_t from, size_t to, size_t n)
{
    unsigned char buf[POOL], orig[POOL], want[POOL];

    fill_pattern(buf, POOL, 9);
    __builtin_memcpy(orig, buf, POOL);
    __builtin_memcpy(want, buf, POOL);
    for (size_t i = 0; i < n; i++)
        want[to + i] = orig[from + i];
    cr_assert_eq(memmove(buf + to, buf + from, n), buf + to);
    cr_assert(!__builtin_memcmp(buf, want, POOL), "memmove %zu -> %zu n=%zu", from, to, n);
}

Test(string, memmove_overlap_forward)
{
    for (size_t from = 0; from < 17; from++)
        for (size_t d = 1; d < 20; d++)
            for (size_t n = 0; n < 90; n += 7)
                check_move(from, from + d, n); /* destination above the source */
}

Test(string, memmove_overlap_backward)
{
    for (size_t to = 0; to < 17; to++)
        for (size_t d = 1; d < 20; d++)
            for (size_t n = 0; n < 90; n += 7)
                check_move(to + d, to, n); /* destination below the source */
}

Test(string, memmove_same_and_disjoint)
{
    check_move(8, 8, 40);
    check_move(0, 80, 64);
    check_move(80, 0, 64);
}

Test(string, memset_all_alignments_truncates_value)
{
    unsigned char buf[POOL];

    for (size_t off = 0; off < 9; off++)
        for (size_t n = 0; n < 70; n++) {
            __builtin_memset(buf, 0x11, POOL);
            cr_assert_eq(memset(buf + off, 0x1ab, n), buf + off);
            for (size_t i = 0; i < POOL; i++) {
                unsigned char want = (i >= off && i < off + n) ? 0xab : 0x11;
                cr_assert_eq(buf[i], want, "off=%zu n=%zu i=%zu", off, n, i);
            }
        }
}

Test(string, memcmp_is_unsigned_and_bounded)
{
    cr_assert_eq(memcmp("abc", "abd", 2), 0);
    cr_assert_lt(memcmp("abc", "abd", 3), 0);
    cr_assert_gt(memcmp("\x80", "\x01", 1), 0);
    cr_assert_eq(memcmp(NULL, NULL, 0), 0);
}

Test(string, strlen_strnlen)
{
    cr_assert_eq(strlen(""), 0);
    cr_assert_eq(strlen("patchwork"), 9);
    cr_assert_eq(strnlen("patchwork", 4), 4);
    cr_assert_eq(strnlen("patchwork", 100), 9);
    cr_assert_eq(strnlen("abc", 0), 0);
}

Test(string, strcmp_strncmp_order)
{
    cr_assert_eq(strcmp("", ""), 0);
    cr_assert_lt(strcmp("abc", "abd"), 0);
    cr_assert_gt(strcmp("abcd", "abc"), 0);
    cr_assert_lt(strcmp("abc", "abcd"), 0);
    cr_assert_gt(strcmp("\xff", "a"), 0); /* compares as unsigned char */
    cr_assert_eq(strncmp("abcX", "abcY", 3), 0);
    cr_assert_lt(strncmp("abcX", "abcY", 4), 0);
    cr_assert_eq(strncmp("abc", "abc", 10), 0);
    cr_assert_eq(strncmp("a", "b", 0), 0);
}

Test(string, strchr_strrchr)
{
    const char *s = "a/b/c";

    cr_assert_eq(strchr(s, '/'), s + 1);
    cr_assert_eq(strrchr(s, '/'), s + 3);
    cr_assert_eq(strchr(s, 'a'), s);
    cr_assert_eq(strrchr(s, 'a'), s);
    cr_assert_null(strchr(s, 'x'));
    cr_assert_null(strrchr(s, 'x'));
    cr_assert_eq(strchr(s, '\0'), s + 5);
    cr_assert_eq(strrchr(s, '\0'), s + 5);
    cr_assert_eq(strchr(s, 0x100 + '/'), s + 1); /* converted to char */
}

Test(string, strlcpy_truncates_and_terminates)
{
    char buf[8];

    __builtin_memset(buf, 'x', sizeof(buf));
    cr_assert_eq(strlcpy(buf, "hello world", sizeof(buf)), 11);
    cr_assert_str_eq(buf, "hello w");
    cr_assert_eq(strlcpy(buf, "1234567", sizeof(buf)), 7); /* exact fit */
    cr_assert_str_eq(buf, "1234567");
    cr_assert_eq(strlcpy(buf, "", sizeof(buf)), 0);
    cr_assert_eq(buf[0], '\0');
    __builtin_memset(buf, 'x', sizeof(buf));
    cr_assert_eq(strlcpy(buf, "abc", 0), 3);
    cr_assert_eq(buf[0], 'x'); /* size 0 writes nothing */
    cr_assert_eq(strlcpy(buf, "abc", 1), 3);
    cr_assert_eq(buf[0], '\0');
}

/* Parse @s and expect @rc, @value (when rc is 0 or -ERANGE) and @consumed characters. */
static void expect_parse(const char *s, int base, int rc, uint64_t value, size_t consumed)
{
    uint64_t out = 12345;
    const char *end = NULL;

    cr_assert_eq(string_to_u64(s, base, &out, &end), rc, "\"%s\" base %d", s, base);
    cr_assert_eq(end, s + consumed, "\"%s\" base %d: end at %td", s, base, end - s);
    cr_assert_eq(out, rc == -EINVAL ? 12345 : value, "\"%s\" base %d", s, base);
}

Test(string, to_u64_bases_and_prefixes)
{
    expect_parse("0", 10, 0, 0, 1);
    expect_parse("1234xyz", 10, 0, 1234, 4);
    expect_parse("0x1F", 0, 0, 31, 4);
    expect_parse("0X1f", 16, 0, 31, 4);
    expect_parse("1f", 16, 0, 31, 2);
    expect_parse("0755", 0, 0, 0755, 4);
    expect_parse("0", 0, 0, 0, 1);
    expect_parse("089", 0, 0, 0, 1);      /* octal stops at 8 */
    expect_parse("0x", 0, 0, 0, 1);       /* bare prefix: just the 0 */
    expect_parse("0xg", 16, 0, 0, 1);
    expect_parse("129", 8, 0, 10, 2);
    expect_parse("101", 2, 0, 5, 3);
    expect_parse("zZ", 36, 0, 36 * 35 + 35, 2);
    expect_parse("42", 0, 0, 42, 2);
}

Test(string, to_u64_overflow)
{
    expect_parse("18446744073709551615", 10, 0, UINT64_MAX, 20);
    expect_parse("18446744073709551616", 10, -ERANGE, UINT64_MAX, 20);
    expect_parse("99999999999999999999999 rest", 10, -ERANGE, UINT64_MAX, 23);
    expect_parse("0xffffffffffffffff", 0, 0, UINT64_MAX, 18);
    expect_parse("0x10000000000000000", 0, -ERANGE, UINT64_MAX, 19);
    expect_parse("1777777777777777777777", 8, 0, UINT64_MAX, 22);
    expect_parse("2000000000000000000000", 8, -ERANGE, UINT64_MAX, 22);
}

Test(string, to_u64_invalid)
{
    uint64_t out;

    expect_parse("", 10, -EINVAL, 0, 0);
    expect_parse("x12", 0, -EINVAL, 0, 0);
    expect_parse(" 12", 10, -EINVAL, 0, 0);
    expect_parse("-1", 10, -EINVAL, 0, 0);
    expect_parse("9", 8, -EINVAL, 0, 0);
    expect_parse("12", 1, -EINVAL, 0, 0);
    expect_parse("12", 37, -EINVAL, 0, 0);
    expect_parse("12", -2, -EINVAL, 0, 0);
    cr_assert_eq(string_to_u64("77", 10, &out, NULL), 0); /* end may be NULL */
    cr_assert_eq(out, 77);
}
