/*
 * libstd.c - the user-space suite `libstd`: string.h, ctype.h, the strtol family,
 * qsort/bsearch, the printf engine through snprintf, the scanf engine through sscanf,
 * malloc/calloc/realloc/free, strerror, and then the parts that need the kernel: errno
 * from failing calls, openf and writef, time, anonymous memory, threads (with malloc
 * from several at once), readf (a file, sys:/proc/self/status) and allocdir. Scratch
 * files live under home:/usr/libstd-* and are removed.
 * Run by init in test mode (programs/init); the harness is tests/user/utest.h.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

/* ---------------------------------------------------------------- string.h */

UTEST(mem_functions)
{
    char buf[32] = "0123456789";
    memmove(buf + 2, buf, 8);
    UTEST_ASSERT(memcmp(buf, "0101234567", 10) == 0);
    memmove(buf, buf + 2, 8);
    UTEST_ASSERT(memcmp(buf, "0123456767", 10) == 0);
    memset(buf, 'x', 5);
    UTEST_ASSERT(memcmp(buf, "xxxxx56767", 10) == 0);
    memcpy(buf, "abc", 3);
    UTEST_ASSERT(memcmp(buf, "abcxx", 5) == 0);
    UTEST_ASSERT(memcmp("a\xff", "a\x01", 2) > 0);
    UTEST_ASSERT(memcmp("abc", "abd", 0) == 0);
    UTEST_ASSERT(memchr(buf, 'c', 10) == buf + 2);
    UTEST_ASSERT(memchr(buf, 'q', 10) == NULL);
}

UTEST(strlen_strnlen)
{
    UTEST_ASSERT_EQ(strlen(""), 0);
    UTEST_ASSERT_EQ(strlen("hello"), 5);
    UTEST_ASSERT_EQ(strnlen("hello", 3), 3);
    UTEST_ASSERT_EQ(strnlen("hi", 10), 2);
}

UTEST(strcmp_family)
{
    UTEST_ASSERT(strcmp("abc", "abc") == 0);
    UTEST_ASSERT(strcmp("abc", "abd") < 0);
    UTEST_ASSERT(strcmp("ab", "abc") < 0);
    UTEST_ASSERT(strcmp("\xe9", "a") > 0); /* compared as unsigned char */
    UTEST_ASSERT(strncmp("abcx", "abcy", 3) == 0);
    UTEST_ASSERT(strncmp("abcx", "abcy", 4) < 0);
    UTEST_ASSERT(strcasecmp("HeLLo", "hello") == 0);
    UTEST_ASSERT(strncasecmp("HELP", "help me", 4) == 0);
    UTEST_ASSERT(strcasecmp("a", "B") < 0);
}

UTEST(strcpy_family)
{
    char buf[16];
    UTEST_ASSERT_STR_EQ(strcpy(buf, "abc"), "abc");
    UTEST_ASSERT_STR_EQ(strcat(buf, "def"), "abcdef");
    UTEST_ASSERT_STR_EQ(strncat(buf, "ghijk", 2), "abcdefgh");
    memset(buf, 'x', sizeof(buf));
    strncpy(buf, "ab", 5);
    UTEST_ASSERT(memcmp(buf, "ab\0\0\0x", 6) == 0);
    UTEST_ASSERT_EQ(strlcpy(buf, "truncate me", 5), 11);
    UTEST_ASSERT_STR_EQ(buf, "trun");
    UTEST_ASSERT_EQ(strlcat(buf, "cated", 8), 9);
    UTEST_ASSERT_STR_EQ(buf, "truncat");
}

UTEST(strchr_family)
{
    const char *s = "path/to/file.txt";
    UTEST_ASSERT(strchr(s, '/') == s + 4);
    UTEST_ASSERT(strrchr(s, '/') == s + 7);
    UTEST_ASSERT(strchr(s, '\0') == s + 16);
    UTEST_ASSERT(strchr(s, 'z') == NULL);
    UTEST_ASSERT(strstr(s, "file") == s + 8);
    UTEST_ASSERT(strstr(s, "") == s);
    UTEST_ASSERT(strstr(s, "tx.") == NULL);
    UTEST_ASSERT_EQ(strspn("  \tword", " \t"), 3);
    UTEST_ASSERT_EQ(strcspn("key=value", "=:"), 3);
    UTEST_ASSERT(strpbrk(s, "./") == s + 4);
    UTEST_ASSERT(strpbrk(s, "#") == NULL);
}

UTEST(strtok_r_split)
{
    char line[] = "  ls  -l\thome:/usr  ";
    char *save, *tok[4];
    int n = 0;
    for (char *t = strtok_r(line, " \t", &save); t && n < 4; t = strtok_r(NULL, " \t", &save))
        tok[n++] = t;
    UTEST_ASSERT_EQ(n, 3);
    UTEST_ASSERT_STR_EQ(tok[0], "ls");
    UTEST_ASSERT_STR_EQ(tok[1], "-l");
    UTEST_ASSERT_STR_EQ(tok[2], "home:/usr");
}

UTEST(strdup_strndup)
{
    char *a = strdup("copy me");
    char *b = strndup("copy me", 4);
    UTEST_ASSERT(a != NULL && b != NULL);
    UTEST_ASSERT_STR_EQ(a, "copy me");
    UTEST_ASSERT_STR_EQ(b, "copy");
    free(a);
    free(b);
}

UTEST(ctype_classes)
{
    UTEST_ASSERT(isdigit('7') && !isdigit('a'));
    UTEST_ASSERT(isalpha('q') && isalpha('Q') && !isalpha('1'));
    UTEST_ASSERT(isxdigit('F') && isxdigit('a') && !isxdigit('g'));
    UTEST_ASSERT(isspace(' ') && isspace('\n') && isspace('\v') && !isspace('x'));
    UTEST_ASSERT(ispunct('!') && !ispunct('a') && !ispunct(' '));
    UTEST_ASSERT(isprint(' ') && !isgraph(' ') && !isprint('\x7f') && iscntrl('\x7f'));
    UTEST_ASSERT(!isalpha(EOF) && !isspace(EOF) && !isprint(0xe9));
    UTEST_ASSERT_EQ(toupper('a'), 'A');
    UTEST_ASSERT_EQ(tolower('Z'), 'z');
    UTEST_ASSERT_EQ(toupper('1'), '1');
}

/* ---------------------------------------------------------------- strtol family */

UTEST(strtol_basic)
{
    char *end;
    UTEST_ASSERT_EQ(strtol("123", &end, 10), 123);
    UTEST_ASSERT_EQ(*end, '\0');
    const char *s = "  -42xyz";
    UTEST_ASSERT_EQ(strtol(s, &end, 10), -42);
    UTEST_ASSERT(end == s + 5);
    UTEST_ASSERT_EQ(strtol("+7", NULL, 10), 7);
    UTEST_ASSERT_EQ(atoi("  99 bottles"), 99);
    UTEST_ASSERT_EQ(atol("-5"), -5);
    UTEST_ASSERT_EQ(atoll("12345678901"), 12345678901ll);
}

UTEST(strtol_bases)
{
    char *end;
    UTEST_ASSERT_EQ(strtol("0x1f", NULL, 0), 31);
    UTEST_ASSERT_EQ(strtol("0X1F", NULL, 16), 31);
    UTEST_ASSERT_EQ(strtol("1f", NULL, 16), 31);
    UTEST_ASSERT_EQ(strtol("0755", NULL, 0), 493);
    UTEST_ASSERT_EQ(strtol("0", NULL, 0), 0);
    UTEST_ASSERT_EQ(strtol("1011", NULL, 2), 11);
    UTEST_ASSERT_EQ(strtol("zZ", NULL, 36), 35 * 36 + 35);
    const char *s = "0xg";
    UTEST_ASSERT_EQ(strtol(s, &end, 0), 0);
    UTEST_ASSERT(end == s + 1); /* "0" parsed, "x" is not a prefix without a hex digit */
    s = "129";
    UTEST_ASSERT_EQ(strtol(s, &end, 8), 10);
    UTEST_ASSERT(end == s + 2);
}

UTEST(strtol_overflow)
{
    char *end;
    errno = 0;
    UTEST_ASSERT_EQ(strtol("9223372036854775807", NULL, 10), LONG_MAX);
    UTEST_ASSERT_EQ(errno, 0);
    UTEST_ASSERT_EQ(strtol("-9223372036854775808", NULL, 10), LONG_MIN);
    UTEST_ASSERT_EQ(errno, 0);
    const char *s = "9223372036854775808 rest";
    UTEST_ASSERT_EQ(strtol(s, &end, 10), LONG_MAX);
    UTEST_ASSERT_EQ(errno, ERANGE);
    UTEST_ASSERT(end == s + 19); /* all the digits are consumed */
    errno = 0;
    UTEST_ASSERT_EQ(strtoll("-9223372036854775809", NULL, 10), LLONG_MIN);
    UTEST_ASSERT_EQ(errno, ERANGE);
    errno = 0;
    UTEST_ASSERT_EQ(strtol("0x8000000000000000", NULL, 16), LONG_MAX);
    UTEST_ASSERT_EQ(errno, ERANGE);
}

UTEST(strtoul_edges)
{
    errno = 0;
    UTEST_ASSERT(strtoul("18446744073709551615", NULL, 10) == ULONG_MAX);
    UTEST_ASSERT_EQ(errno, 0);
    UTEST_ASSERT(strtoull("18446744073709551616", NULL, 10) == ULLONG_MAX);
    UTEST_ASSERT_EQ(errno, ERANGE);
    errno = 0;
    UTEST_ASSERT(strtoul("-1", NULL, 10) == ULONG_MAX);
    UTEST_ASSERT(strtoul("-2", NULL, 10) == ULONG_MAX - 1);
    UTEST_ASSERT(strtoull("0xffffffffffffffff", NULL, 0) == ULLONG_MAX);
    UTEST_ASSERT_EQ(errno, 0);
}

UTEST(strtol_no_number)
{
    char *end;
    const char *cases[] = { "", "   ", "abc", "-", "+ 1", "0x" };
    errno = 0;
    for (size_t i = 0; i < 5; i++) {
        UTEST_ASSERT_EQ(strtol(cases[i], &end, 10), 0);
        UTEST_ASSERT(end == cases[i]);
    }
    UTEST_ASSERT_EQ(strtol(cases[5], &end, 16), 0);
    UTEST_ASSERT(end == cases[5] + 1);
    UTEST_ASSERT_EQ(errno, 0);
    UTEST_ASSERT_EQ(strtol("12", &end, 1), 0);
    UTEST_ASSERT_EQ(errno, EINVAL);
    errno = 0;
    UTEST_ASSERT_EQ(strtoul("12", NULL, 37), 0);
    UTEST_ASSERT_EQ(errno, EINVAL);
}

/* ---------------------------------------------------------------- qsort, bsearch */

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sort @n ints produced by @gen(i) and check order and that nothing was lost. */
static bool sort_checks(int *v, size_t n, int (*gen)(size_t i, size_t n))
{
    long long sum = 0, sorted_sum = 0;
    for (size_t i = 0; i < n; i++) {
        v[i] = gen(i, n);
        sum += v[i];
    }
    qsort(v, n, sizeof(int), cmp_int);
    for (size_t i = 0; i < n; i++) {
        sorted_sum += v[i];
        if (i > 0 && v[i - 1] > v[i])
            return false;
    }
    return sum == sorted_sum;
}

static int gen_random(size_t i, size_t n) { (void)i; (void)n; return (int)(rng() % 100000) - 50000; }
static int gen_sorted(size_t i, size_t n) { (void)n; return (int)i; }
static int gen_reversed(size_t i, size_t n) { return (int)(n - i); }
static int gen_equal(size_t i, size_t n) { (void)i; (void)n; return 7; }
static int gen_few(size_t i, size_t n) { (void)i; (void)n; return (int)(rng() % 3); }
static int gen_organ(size_t i, size_t n) { return (int)(i < n / 2 ? i : n - i); }

UTEST(qsort_ints)
{
    static int v[3000];
    int (*gens[])(size_t, size_t) = { gen_random, gen_sorted, gen_reversed, gen_equal,
                                      gen_few, gen_organ };
    size_t sizes[] = { 0, 1, 2, 3, 12, 13, 17, 100, 1000, 3000 };
    for (size_t g = 0; g < sizeof(gens) / sizeof(gens[0]); g++) {
        for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
            if (!sort_checks(v, sizes[s], gens[g])) {
                UTEST_FAIL("generator %zu, n = %zu not sorted", g, sizes[s]);
                return;
            }
        }
    }
}

typedef struct record {
    int key;
    char name[20];
} record_t;

static int cmp_record(const void *a, const void *b)
{
    return cmp_int(&((const record_t *)a)->key, &((const record_t *)b)->key);
}

UTEST(qsort_structs_bsearch)
{
    record_t r[50];
    for (int i = 0; i < 50; i++) {
        r[i].key = (i * 37) % 50;
        snprintf(r[i].name, sizeof(r[i].name), "name%d", r[i].key);
    }
    qsort(r, 50, sizeof(record_t), cmp_record);
    for (int i = 0; i < 50; i++) {
        char want[20];
        snprintf(want, sizeof(want), "name%d", i);
        UTEST_ASSERT_EQ(r[i].key, i);
        UTEST_ASSERT_STR_EQ(r[i].name, want);
    }
    record_t key = { .key = 33 };
    record_t *found = bsearch(&key, r, 50, sizeof(record_t), cmp_record);
    UTEST_ASSERT(found == &r[33]);
    key.key = 50;
    UTEST_ASSERT(bsearch(&key, r, 50, sizeof(record_t), cmp_record) == NULL);
    UTEST_ASSERT(bsearch(&key, r, 0, sizeof(record_t), cmp_record) == NULL);
}

/* ---------------------------------------------------------------- snprintf */

/* Compare one snprintf result with what C requires. */
#define FMT_CHECK(want, ...)                                                           \
    do {                                                                               \
        char got[128];                                                                 \
        int n = snprintf(got, sizeof(got), __VA_ARGS__);                               \
        UTEST_ASSERT_STR_EQ(got, want);                                                \
        UTEST_ASSERT_EQ(n, strlen(want));                                              \
    } while (0)

/* snprintf without the compiler's format checks, for formats it warns about on purpose. */
static int snprintf_unchecked(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* FMT_CHECK for such formats. */
#define FMT_CHECK_UNCHECKED(want, ...)                                                 \
    do {                                                                               \
        char got[128];                                                                 \
        int n = snprintf_unchecked(got, sizeof(got), __VA_ARGS__);                     \
        UTEST_ASSERT_STR_EQ(got, want);                                                \
        UTEST_ASSERT_EQ(n, strlen(want));                                              \
    } while (0)

UTEST(printf_integers)
{
    FMT_CHECK("42 -42 0", "%d %i %d", 42, -42, 0);
    FMT_CHECK("-2147483648 2147483647", "%d %d", INT_MIN, INT_MAX);
    FMT_CHECK("4294967295", "%u", UINT_MAX);
    FMT_CHECK("-9223372036854775808", "%lld", LLONG_MIN);
    FMT_CHECK("18446744073709551615", "%llu", ULLONG_MAX);
    FMT_CHECK("ff FF 377", "%x %X %o", 255, 255, 255);
    FMT_CHECK("0xff 0XFF 0377 0", "%#x %#X %#o %#x", 255, 255, 255, 0);
    FMT_CHECK("-1 255 65535", "%hhd %hhu %hu", -1, 255, 65535);
    FMT_CHECK("123456789012 99 -7", "%ld %zu %td", 123456789012l, (size_t)99, (ptrdiff_t)-7);
    FMT_CHECK("12345678901234", "%jd", (intmax_t)12345678901234ll);
}

UTEST(printf_width_precision_flags)
{
    FMT_CHECK("[   42]", "[%5d]", 42);
    FMT_CHECK("[42   ]", "[%-5d]", 42);
    FMT_CHECK("[00042]", "[%05d]", 42);
    FMT_CHECK("[-0042]", "[%05d]", -42);
    FMT_CHECK("[+42] [ 42]", "[%+d] [% d]", 42, 42);
    FMT_CHECK("[  042]", "[%5.3d]", 42);
    FMT_CHECK_UNCHECKED("[  042]", "[%05.3d]", 42); /* a precision cancels the 0 flag */
    FMT_CHECK("[] [    ]", "[%.0d] [%4.0d]", 0, 0);
    FMT_CHECK("[0]", "[%#.0o]", 0);
    FMT_CHECK("[0x002a]", "[%#06x]", 42);
    FMT_CHECK("[   42]", "[%*d]", 5, 42);
    FMT_CHECK("[42   ]", "[%*d]", -5, 42);
    FMT_CHECK("[00042]", "[%.*d]", 5, 42);
    FMT_CHECK("[42]", "[%.*d]", -1, 42);
}

UTEST(printf_strings_chars)
{
    FMT_CHECK("hello world", "%s %s", "hello", "world");
    FMT_CHECK("[  abc] [abc  ] [ab]", "[%5s] [%-5s] [%.2s]", "abc", "abc", "abcdef");
    FMT_CHECK_UNCHECKED("(null) [(nu]", "%s [%.3s]", (char *)NULL, (char *)NULL);
    FMT_CHECK_UNCHECKED("1.500000 %y", "%f %y", 1.5);
    FMT_CHECK("[x] [  y] [z  ]", "[%c] [%3c] [%-3c]", 'x', 'y', 'z');
    FMT_CHECK("100%", "%d%%", 100);
    FMT_CHECK("0x1234abcd (nil)", "%p %p", (void *)0x1234abcd, NULL);
    FMT_CHECK("no conversions", "no conversions");
}

UTEST(printf_truncation)
{
    char buf[8];
    memset(buf, 'x', sizeof(buf));
    UTEST_ASSERT_EQ(snprintf(buf, sizeof(buf), "%s", "0123456789"), 10);
    UTEST_ASSERT_STR_EQ(buf, "0123456");
    UTEST_ASSERT_EQ(snprintf(NULL, 0, "%d", 12345), 5);
    buf[0] = 'q';
    UTEST_ASSERT_EQ(snprintf(buf, 1, "abc"), 3);
    UTEST_ASSERT_EQ(buf[0], '\0');
    char big[300];
    UTEST_ASSERT_EQ(sprintf(big, "%250d|", 1), 251);
    UTEST_ASSERT_EQ(big[249], '1');
    UTEST_ASSERT_EQ(big[250], '|');
}

/* ---------------------------------------------------------------- malloc */

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 7);
}

static bool check(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != (unsigned char)(seed + i * 7))
            return false;
    }
    return true;
}

#define BLOCKS 200

UTEST(malloc_many_sizes)
{
    static unsigned char *blocks[BLOCKS];
    static size_t sizes[BLOCKS];
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < BLOCKS; i++) {
            sizes[i] = i % 10 == 9 ? rng() % 200000 : rng() % (1u << (i % 14));
            blocks[i] = malloc(sizes[i]);
            UTEST_ASSERT(blocks[i] != NULL);
            UTEST_ASSERT(((uintptr_t)blocks[i] & 15) == 0);
            fill(blocks[i], sizes[i], (unsigned)i);
        }
        for (int i = 0; i < BLOCKS; i++)
            UTEST_ASSERT(check(blocks[i], sizes[i], (unsigned)i));
        for (int i = round % 2; i < BLOCKS; i += 2) /* free half, interleaved */
            free(blocks[i]);
        for (int i = 1 - round % 2; i < BLOCKS; i += 2) {
            UTEST_ASSERT(check(blocks[i], sizes[i], (unsigned)i));
            free(blocks[i]);
        }
    }
}

UTEST(malloc_reuse)
{
    void *a = malloc(100);
    free(a);
    void *b = malloc(100);
    UTEST_ASSERT(b == a); /* the class's free list hands the block back */
    free(b);
    void *z = malloc(0);
    UTEST_ASSERT(z != NULL);
    free(z);
    free(NULL);
}

UTEST(realloc_patterns)
{
    unsigned char *p = NULL;
    for (size_t n = 1; n <= 70000; n = n * 3 / 2 + 1) {
        unsigned char *q = realloc(p, n);
        UTEST_ASSERT(q != NULL);
        p = q;
        p[n - 1] = (unsigned char)n;
        if (n == 1)
            fill(p, 1, 5);
    }
    UTEST_ASSERT(check(p, 1, 5));
    unsigned char *big = malloc(100000);
    UTEST_ASSERT(big != NULL);
    fill(big, 100000, 9);
    unsigned char *small = realloc(big, 1000); /* shrinking a big block moves it */
    UTEST_ASSERT(small != NULL);
    UTEST_ASSERT(check(small, 1000, 9));
    free(small);
    free(p);
    void *r = realloc(NULL, 10);
    UTEST_ASSERT(r != NULL);
    free(r);
}

UTEST(calloc_zeroes)
{
    unsigned char *dirty = malloc(512);
    UTEST_ASSERT(dirty != NULL);
    memset(dirty, 0xaa, 512);
    free(dirty);
    unsigned char *p = calloc(64, 8);
    UTEST_ASSERT(p != NULL);
    for (int i = 0; i < 512; i++)
        UTEST_ASSERT_EQ(p[i], 0);
    free(p);
    errno = 0;
    UTEST_ASSERT(calloc(SIZE_MAX / 2, 3) == NULL);
    UTEST_ASSERT_EQ(errno, ENOMEM);
    errno = 0;
    UTEST_ASSERT(malloc(SIZE_MAX - 10) == NULL);
    UTEST_ASSERT_EQ(errno, ENOMEM);
}

UTEST(malloc_big_blocks)
{
    size_t sizes[] = { 32769, 1 << 20, 10 << 20 };
    for (size_t i = 0; i < 3; i++) {
        unsigned char *p = malloc(sizes[i]);
        UTEST_ASSERT(p != NULL);
        p[0] = 1;
        p[sizes[i] - 1] = 2;
        UTEST_ASSERT(p[0] == 1 && p[sizes[i] - 1] == 2);
        free(p);
    }
}

/* ---------------------------------------------------------------- strerror */

static const int all_codes[] = {
    EPERM, ENOENT, ESRCH, EINTR, EIO, E2BIG, ENOEXEC, EBADF, ECHILD, EAGAIN, ENOMEM,
    EACCES, EFAULT, EBUSY, EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR, EINVAL, EMFILE,
    ENOTTY, EFBIG, ENOSPC, ESPIPE, EPIPE, ERANGE, EDEADLK, ENAMETOOLONG, ENOSYS,
    ENOTEMPTY, ELOOP, ETIMEDOUT, ECONNREFUSED, EADDRINUSE, ENOTCONN, EOVERFLOW,
};
#define CODE_COUNT (sizeof(all_codes) / sizeof(all_codes[0]))

UTEST(strerror_every_code)
{
    const char *unknown = strerror(ERRNO_MAX + 5);
    UTEST_ASSERT(unknown != NULL && unknown[0] != '\0');
    UTEST_ASSERT(strerror(-1) == unknown);
    for (size_t i = 0; i < CODE_COUNT; i++) {
        const char *m = strerror(all_codes[i]);
        if (m == NULL || m[0] == '\0' || m == unknown) {
            UTEST_FAIL("code %d has no message", all_codes[i]);
            return;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(m, strerror(all_codes[j])) == 0) {
                UTEST_FAIL("codes %d and %d share \"%s\"", all_codes[i], all_codes[j], m);
                return;
            }
        }
    }
    UTEST_ASSERT_STR_EQ(strerror(ENOENT), "no such file or directory");
}

/* ---------------------------------------------------------------- with the kernel */

UTEST(errno_open_missing)
{
    errno = 0;
    UTEST_ASSERT_EQ(open("home:/does/not/exist"), ERR);
    UTEST_ASSERT_EQ(errno, ENOENT);
}

UTEST(errno_bad_descriptor)
{
    char c;
    errno = 0;
    UTEST_ASSERT_EQ(close(MAX_FDS - 1), ERR);
    UTEST_ASSERT_EQ(errno, EBADF);
    errno = 0;
    UTEST_ASSERT_EQ(read(-3, &c, 1), ERR);
    UTEST_ASSERT_EQ(errno, EBADF);
}

UTEST(openf_writef)
{
    fd_t fd = openf("sys:/%s", "null");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(writef(fd, "value %d", 42), 8);
    UTEST_ASSERT_EQ(dprintf(fd, "%s", "sixteen chars..."), 16);
    UTEST_ASSERT_EQ(close(fd), 0);
    static char longname[MAX_PATH + 10];
    memset(longname, 'a', sizeof(longname) - 1);
    errno = 0;
    UTEST_ASSERT_EQ(openf("home:/%s", longname), ERR);
    UTEST_ASSERT_EQ(errno, ENAMETOOLONG);
}

UTEST(time_calls)
{
    uint64_t t0 = uptime();
    UTEST_ASSERT_EQ(sleep(5 * NS_PER_MS), 0);
    uint64_t t1 = uptime();
    UTEST_ASSERT(t1 >= t0 + 5 * NS_PER_MS);
    UTEST_ASSERT(epoch() > 1577836800ull * NS_PER_SEC); /* after 2020-01-01 */
    UTEST_ASSERT(getpid() > 0);
}

UTEST(anonymous_memory)
{
    fd_t zero = open("sys:/zero");
    UTEST_ASSERT(zero != ERR);
    unsigned char *p = mmap(zero, NULL, 3 * 4096, PROT_READ | PROT_WRITE);
    close(zero);
    UTEST_ASSERT(p != NULL);
    UTEST_ASSERT(((uintptr_t)p & 4095) == 0);
    for (int i = 0; i < 3 * 4096; i++)
        UTEST_ASSERT_EQ(p[i], 0);
    p[5000] = 1;
    UTEST_ASSERT_EQ(munmap(p, 3 * 4096), 0);
}

#define WORKERS 4

/* What each worker thread reports back. */
static struct {
    tid_t tid;
    int errno_seen;
    bool heap_ok;
} results[WORKERS];
static uint32_t workers_done; /* atomic */

static void worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    results[id].tid = gettid();
    errno = 1000 + id;
    bool ok = true;
    for (int i = 0; i < 500 && ok; i++) {
        size_t n = (size_t)(i * 37 + id * 11) % 3000;
        unsigned char *p = malloc(n);
        ok = p != NULL;
        if (ok) {
            fill(p, n, (unsigned)(id + i));
            yield();
            ok = check(p, n, (unsigned)(id + i));
            free(p);
        }
    }
    results[id].heap_ok = ok;
    results[id].errno_seen = errno;
    __atomic_add_fetch(&workers_done, 1, __ATOMIC_RELEASE);
    futex(&workers_done, WORKERS, FUTEX_WAKE, 0);
}

UTEST(threads_malloc_errno)
{
    errno = 77;
    for (int i = 0; i < WORKERS; i++)
        UTEST_ASSERT(thread_create(worker, (void *)(intptr_t)i) != ERR);
    for (int i = 0; i < 200; i++) { /* run alongside the workers, which set their errno */
        free(malloc((size_t)i * 13));
        yield();
    }
    UTEST_ASSERT_EQ(errno, 77); /* before waiting: a timed-out futex sets errno itself */
    uint64_t deadline = uptime() + 20 * NS_PER_SEC;
    uint32_t done;
    while ((done = __atomic_load_n(&workers_done, __ATOMIC_ACQUIRE)) < WORKERS) {
        UTEST_ASSERT(uptime() < deadline);
        futex(&workers_done, done, FUTEX_WAIT, 100 * NS_PER_MS);
    }
    for (int i = 0; i < WORKERS; i++) {
        UTEST_ASSERT(results[i].heap_ok);
        UTEST_ASSERT_EQ(results[i].errno_seen, 1000 + i);
        UTEST_ASSERT(results[i].tid != gettid());
    }
}

/* ---------------------------------------------------------------- sscanf */

/* sscanf without the compiler's format checks, for formats it warns about on purpose. */
static int sscanf_unchecked(const char *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsscanf(s, fmt, ap);
    va_end(ap);
    return n;
}

UTEST(sscanf_decimal)
{
    int a = 0, b = 0, c = 0;
    UTEST_ASSERT_EQ(sscanf("42 -17 +5", "%d %d %d", &a, &b, &c), 3);
    UTEST_ASSERT(a == 42 && b == -17 && c == 5);
    UTEST_ASSERT_EQ(sscanf("-2147483648 2147483647", "%d%d", &a, &b), 2);
    UTEST_ASSERT(a == INT_MIN && b == INT_MAX);
    UTEST_ASSERT_EQ(sscanf("\t\n 12abc", "%i", &a), 1); /* leading white space skipped */
    UTEST_ASSERT_EQ(a, 12);
    unsigned u = 0;
    UTEST_ASSERT_EQ(sscanf("4294967295", "%u", &u), 1);
    UTEST_ASSERT_EQ(u, UINT_MAX);
    UTEST_ASSERT_EQ(sscanf("-1", "%u", &u), 1); /* negated as strtoul() does */
    UTEST_ASSERT_EQ(u, UINT_MAX);
    long long ll = 0;
    unsigned long long ull = 0;
    UTEST_ASSERT_EQ(sscanf("-9223372036854775808 18446744073709551615", "%lld %llu", &ll, &ull), 2);
    UTEST_ASSERT(ll == LLONG_MIN && ull == ULLONG_MAX);
}

UTEST(sscanf_bases)
{
    unsigned x = 0, o = 0;
    int i = 0, n = 0;
    UTEST_ASSERT_EQ(sscanf("ff 0XFF 0x1f", "%x %X %x", &x, &o, &n), 3);
    UTEST_ASSERT(x == 255 && o == 255 && n == 31);
    UTEST_ASSERT_EQ(sscanf("-0x10", "%x", &x), 1);
    UTEST_ASSERT_EQ(x, 0u - 16);
    UTEST_ASSERT_EQ(sscanf("0755 78", "%o %o", &o, &x), 2); /* 8 is not octal: stops */
    UTEST_ASSERT(o == 493 && x == 7);
    const char *in[] = { "0x1A", "017", "42", "-0x10", "-012", "0" };
    const int want[] = { 26, 15, 42, -16, -10, 0 };
    for (int k = 0; k < 6; k++) {
        UTEST_ASSERT_EQ(sscanf(in[k], "%i", &i), 1);
        UTEST_ASSERT_EQ(i, want[k]);
    }
    UTEST_ASSERT_EQ(sscanf("09", "%i%n", &i, &n), 1); /* "0" is octal, 9 is left */
    UTEST_ASSERT(i == 0 && n == 1);
    UTEST_ASSERT_EQ(sscanf("1011", "%d", &i), 1);
    UTEST_ASSERT_EQ(i, 1011);
}

UTEST(sscanf_widths)
{
    int a = 0, b = 0, c = 0;
    UTEST_ASSERT_EQ(sscanf("12345678", "%3d%2d%d", &a, &b, &c), 3);
    UTEST_ASSERT(a == 123 && b == 45 && c == 678);
    unsigned x[3];
    UTEST_ASSERT_EQ(sscanf("a1b2c3", "%2x%2x%2x", &x[0], &x[1], &x[2]), 3);
    UTEST_ASSERT(x[0] == 0xa1 && x[1] == 0xb2 && x[2] == 0xc3);
    UTEST_ASSERT_EQ(sscanf("0x1f", "%3i%x", &a, &x[0]), 2); /* the width counts "0x" */
    UTEST_ASSERT(a == 1 && x[0] == 0xf);
    UTEST_ASSERT_EQ(sscanf("-5", "%2d", &a), 1);
    UTEST_ASSERT_EQ(a, -5);
    UTEST_ASSERT_EQ(sscanf("-5", "%1d", &a), 0); /* the sign alone fills the width */
    unsigned o1 = 0, o2 = 0;
    UTEST_ASSERT_EQ(sscanf("777777", "%3o%o", &o1, &o2), 2);
    UTEST_ASSERT(o1 == 511 && o2 == 511);
    char s1[8], s2[8];
    UTEST_ASSERT_EQ(sscanf("abcdefgh", "%4s%7s", s1, s2), 2);
    UTEST_ASSERT_STR_EQ(s1, "abcd");
    UTEST_ASSERT_STR_EQ(s2, "efgh");
    UTEST_ASSERT_EQ(sscanf_unchecked("123456", "%0d", &a), 1); /* a zero width is no width */
    UTEST_ASSERT_EQ(a, 123456);
}

UTEST(sscanf_lengths)
{
    signed char hh[3] = { 0x55, 0x55, 0x55 };
    short h[3] = { 0x5555, 0x5555, 0x5555 };
    UTEST_ASSERT_EQ(sscanf("-3 -300", "%hhd %hd", &hh[1], &h[1]), 2);
    UTEST_ASSERT(hh[0] == 0x55 && hh[1] == -3 && hh[2] == 0x55); /* nothing else written */
    UTEST_ASSERT(h[0] == 0x5555 && h[1] == -300 && h[2] == 0x5555);
    unsigned char uc = 0;
    unsigned short us = 0;
    UTEST_ASSERT_EQ(sscanf("255 65535", "%hhu %hu", &uc, &us), 2);
    UTEST_ASSERT(uc == 255 && us == 65535);
    long l = 0;
    size_t z = 0;
    intmax_t j = 0;
    ptrdiff_t t = 0;
    UTEST_ASSERT_EQ(sscanf("-123456789012 18446744073709551615 7fffffffffffffff -77",
                           "%ld %zu %jx %td", &l, &z, &j, &t), 4);
    UTEST_ASSERT(l == -123456789012l && z == SIZE_MAX && j == INTMAX_MAX && t == -77);
}

UTEST(sscanf_count_n)
{
    int a = 0, n1 = -1, n2 = -1, n3 = -1;
    UTEST_ASSERT_EQ(sscanf("  12  ab", "%n%d%n %*s%n", &n1, &a, &n2, &n3), 1); /* %n not counted */
    UTEST_ASSERT(n1 == 0 && a == 12 && n2 == 4 && n3 == 8); /* %n skips no white space */
    signed char hn = -1;
    UTEST_ASSERT_EQ(sscanf("abc", "%*[a-z]%hhn", &hn), 0);
    UTEST_ASSERT_EQ(hn, 3);
    n1 = -1;
    UTEST_ASSERT_EQ(sscanf("xy", "x%n", &n1), 0);
    UTEST_ASSERT_EQ(n1, 1);
    n1 = -1;
    UTEST_ASSERT_EQ(sscanf("", "%n", &n1), 0); /* needs no input: not EOF */
    UTEST_ASSERT_EQ(n1, 0);
    n1 = -1;
    UTEST_ASSERT_EQ(sscanf("5 x", "%d%n", &a, &n1), 1);
    UTEST_ASSERT_EQ(n1, 1);
}

UTEST(sscanf_strings_chars)
{
    char s1[16], s2[16];
    UTEST_ASSERT_EQ(sscanf("  hello\tworld ", "%15s%15s", s1, s2), 2);
    UTEST_ASSERT_STR_EQ(s1, "hello");
    UTEST_ASSERT_STR_EQ(s2, "world");
    char c[8];
    memset(c, '#', sizeof(c));
    UTEST_ASSERT_EQ(sscanf(" x", "%c", c), 1); /* %c skips nothing */
    UTEST_ASSERT(c[0] == ' ' && c[1] == '#');
    memset(c, '#', sizeof(c));
    UTEST_ASSERT_EQ(sscanf("ab cd", "%3c%c", c, &c[5]), 2); /* exactly 3, no NUL */
    UTEST_ASSERT(memcmp(c, "ab #", 4) == 0 && c[5] == 'c');
    UTEST_ASSERT_EQ(sscanf("   q", " %c", c), 1);
    UTEST_ASSERT_EQ(c[0], 'q');
    UTEST_ASSERT_EQ(sscanf("abc", "%5c", c), 0); /* fewer than the width */
}

UTEST(sscanf_sets)
{
    char a[16], b[16], c[16];
    UTEST_ASSERT_EQ(sscanf("abc123def", "%15[a-z]%15[0-9]", a, b), 2);
    UTEST_ASSERT_STR_EQ(a, "abc");
    UTEST_ASSERT_STR_EQ(b, "123");
    UTEST_ASSERT_EQ(sscanf("one,two words,three", "%15[^,],%15[^,],%15s", a, b, c), 3);
    UTEST_ASSERT_STR_EQ(b, "two words");
    UTEST_ASSERT_STR_EQ(c, "three");
    UTEST_ASSERT_EQ(sscanf("]a]b", "%15[]a]", a), 1); /* a ']' first is a member */
    UTEST_ASSERT_STR_EQ(a, "]a]");
    UTEST_ASSERT_EQ(sscanf("ab]c", "%15[^]]", a), 1);
    UTEST_ASSERT_STR_EQ(a, "ab");
    UTEST_ASSERT_EQ(sscanf("a-a-b", "%15[-a]", a), 1); /* '-' first or last is itself */
    UTEST_ASSERT_STR_EQ(a, "a-a-");
    UTEST_ASSERT_EQ(sscanf("-a-b", "%15[a-]", a), 1);
    UTEST_ASSERT_STR_EQ(a, "-a-");
    UTEST_ASSERT_EQ(sscanf("z-ab", "%15[z-a]", a), 1); /* a reversed range is three bytes */
    UTEST_ASSERT_STR_EQ(a, "z-a");
    UTEST_ASSERT_EQ(sscanf("edcba-", "%15[a-c-e]", a), 1); /* a-c, then c-e */
    UTEST_ASSERT_STR_EQ(a, "edcba");
    UTEST_ASSERT_EQ(sscanf("abc", "%2[a-z]%15s", a, b), 2);
    UTEST_ASSERT_STR_EQ(a, "ab");
    UTEST_ASSERT_STR_EQ(b, "c");
    UTEST_ASSERT_EQ(sscanf(" abc", "%15[a-z]", a), 0); /* %[ skips no white space */
    UTEST_ASSERT_EQ(sscanf("abc", "%15[0-9]", a), 0);
}

UTEST(sscanf_suppression)
{
    int a = 0;
    char s[16];
    UTEST_ASSERT_EQ(sscanf("1 2 three four", "%*d %d %*s %15s", &a, s), 2);
    UTEST_ASSERT_EQ(a, 2);
    UTEST_ASSERT_STR_EQ(s, "four");
    UTEST_ASSERT_EQ(sscanf("key=42", "%*[^=]=%d", &a), 1);
    UTEST_ASSERT_EQ(a, 42);
    char c = 0;
    UTEST_ASSERT_EQ(sscanf("xy", "%*c%c", &c), 1);
    UTEST_ASSERT_EQ(c, 'y');
    UTEST_ASSERT_EQ(sscanf("5", "%*d"), 0);
    /* C: the input ended after the first conversion completed, so 0 and not EOF */
    UTEST_ASSERT_EQ(sscanf("5", "%*d%d", &a), 0);
}

UTEST(sscanf_literals_space)
{
    int a = 0, b = 0;
    UTEST_ASSERT_EQ(sscanf("pid 7", "pid %d", &a), 1);
    UTEST_ASSERT_EQ(a, 7);
    UTEST_ASSERT_EQ(sscanf("10  :20", "%d : %d", &a, &b), 2); /* white space: any amount */
    UTEST_ASSERT_EQ(sscanf("10:20", "%d : %d", &a, &b), 2);   /* ... none included */
    UTEST_ASSERT_EQ(sscanf("10 :20", "%d:%d", &a, &b), 1);    /* a literal skips nothing */
    UTEST_ASSERT_EQ(sscanf("50 %", "%d%%", &a), 1);           /* %% skips white space */
    UTEST_ASSERT_EQ(sscanf("50%x", "%d%%x%d", &a, &b), 1);
    UTEST_ASSERT_EQ(sscanf_unchecked("anything", ""), 0);
    UTEST_ASSERT_EQ(sscanf_unchecked("", ""), 0);
    UTEST_ASSERT_EQ(sscanf("", "   "), 0);
}

UTEST(sscanf_matching_failure)
{
    int a = -1, b = -1, c = -1, d = -1;
    UTEST_ASSERT_EQ(sscanf("1 2 x 4", "%d %d %d %d", &a, &b, &c, &d), 2);
    UTEST_ASSERT(a == 1 && b == 2 && c == -1 && d == -1); /* nothing after the failure */
    UTEST_ASSERT_EQ(sscanf("12abc", "%d%d", &a, &b), 1);
    UTEST_ASSERT_EQ(sscanf("1,2;3", "%d,%d,%d", &a, &b, &c), 2);
    UTEST_ASSERT_EQ(sscanf("abc", "%d", &a), 0);
    UTEST_ASSERT_EQ(sscanf("-", "%d", &a), 0); /* a sign alone is not a number */
    UTEST_ASSERT_EQ(sscanf("+ 1", "%d", &a), 0);
    unsigned x = 7;
    UTEST_ASSERT_EQ(sscanf("0x", "%x", &x), 0);  /* C: "0x" needs a hex digit after it */
    UTEST_ASSERT_EQ(sscanf("0xg", "%x", &x), 0);
    UTEST_ASSERT_EQ(sscanf("0x1f", "%2x", &x), 0); /* the width leaves no digit */
    UTEST_ASSERT_EQ(x, 7);
    char s[8];
    UTEST_ASSERT_EQ(sscanf("x y", "%d %7s", &a, s), 0);
}

UTEST(sscanf_eof)
{
    int a = 0;
    char s[8];
    UTEST_ASSERT_EQ(sscanf("", "%d", &a), EOF);
    UTEST_ASSERT_EQ(sscanf("   \n\t", "%d", &a), EOF);
    UTEST_ASSERT_EQ(sscanf("", "%7s", s), EOF);
    UTEST_ASSERT_EQ(sscanf("", "%c", s), EOF);
    UTEST_ASSERT_EQ(sscanf("", "%7[a-z]", s), EOF);
    UTEST_ASSERT_EQ(sscanf("", "abc"), EOF);
    UTEST_ASSERT_EQ(sscanf("a", "a%d", &a), EOF); /* the literal is not a conversion */
    UTEST_ASSERT_EQ(sscanf("", "%%"), EOF);
    UTEST_ASSERT_EQ(sscanf("5", "%d%d", &a, &a), 1); /* after the first: its count */
    UTEST_ASSERT_EQ(sscanf("5 ", "%d %7s", &a, s), 1);
}

UTEST(sscanf_overflow)
{
    int a = 0;
    UTEST_ASSERT_EQ(sscanf("99999999999", "%d", &a), 1); /* 64-bit value, truncated */
    UTEST_ASSERT_EQ(a, 1215752191);
    UTEST_ASSERT_EQ(sscanf("2147483648", "%d", &a), 1);
    UTEST_ASSERT_EQ(a, INT_MIN);
    long long ll = 0;
    int n = 0;
    UTEST_ASSERT_EQ(sscanf("99999999999999999999x", "%lld%n", &ll, &n), 1);
    UTEST_ASSERT_EQ(ll, LLONG_MAX); /* saturated like strtoll(), all digits consumed */
    UTEST_ASSERT_EQ(n, 20);
    UTEST_ASSERT_EQ(sscanf("-99999999999999999999", "%lld", &ll), 1);
    UTEST_ASSERT_EQ(ll, LLONG_MIN);
    unsigned long long ull = 0;
    UTEST_ASSERT_EQ(sscanf("18446744073709551616", "%llu", &ull), 1);
    UTEST_ASSERT(ull == ULLONG_MAX);
    UTEST_ASSERT_EQ(sscanf("-18446744073709551616", "%llx", &ull), 1); /* saturated first */
    UTEST_ASSERT(ull == ULLONG_MAX);
    unsigned char uc = 0;
    signed char sc = 0;
    UTEST_ASSERT_EQ(sscanf("300 -129", "%hhu %hhd", &uc, &sc), 2);
    UTEST_ASSERT(uc == 44 && sc == 127);
    unsigned u = 0;
    UTEST_ASSERT_EQ(sscanf("fffffffff", "%x", &u), 1);
    UTEST_ASSERT_EQ(u, 0xffffffffu);
}

UTEST(sscanf_pointer)
{
    char buf[32];
    int x;
    void *p = NULL;
    snprintf(buf, sizeof(buf), "%p", (void *)&x);
    UTEST_ASSERT_EQ(sscanf(buf, "%p", &p), 1); /* printf's %p reads back */
    UTEST_ASSERT(p == &x);
    UTEST_ASSERT_EQ(sscanf(" (nil)", "%p", &p), 1);
    UTEST_ASSERT(p == NULL);
    UTEST_ASSERT_EQ(sscanf("10", "%p", &p), 1);
    UTEST_ASSERT(p == (void *)16);
    UTEST_ASSERT_EQ(sscanf("(nix)", "%p", &p), 0);
}

UTEST(sscanf_unimplemented)
{
    int a = 0;
    UTEST_ASSERT_EQ(sscanf_unchecked("7 x", "%d %y", &a), 1);
    UTEST_ASSERT_EQ(sscanf_unchecked("abc", "%ls", &a), 0);
    UTEST_ASSERT_EQ(sscanf_unchecked("7", "%d%", &a), 1);
    UTEST_ASSERT_EQ(sscanf_unchecked("abc", "%[abc", &a), 0); /* an unclosed set */
}

/* ---------------------------------------------------------------- readf, allocdir */

UTEST(readf_file)
{
    const char *path = "home:/usr/libstd-readf";
    fd_t fd = open("home:/usr/libstd-readf?create&truncate");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(writef(fd, "12 abc 0x1f\n"), 12);
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_SET), 0);
    int a = 0;
    unsigned x = 0;
    char s[8] = "";
    UTEST_ASSERT_EQ(readf(fd, "%d %7s %x", &a, s, &x), 3);
    UTEST_ASSERT(a == 12 && x == 0x1f);
    UTEST_ASSERT_STR_EQ(s, "abc");
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_CUR), 12); /* it read everything */
    errno = 0;
    UTEST_ASSERT_EQ(readf(fd, "%d", &a), ERR); /* at the end: nothing to scan */
    UTEST_ASSERT_EQ(errno, EINVAL);
    UTEST_ASSERT_EQ(readf(fd, " "), 0); /* a format that needs no input */
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_SET), 0);
    UTEST_ASSERT_EQ(readf(fd, "%d %d", &a, &a), 1); /* "abc" is a matching failure */
    close(fd);
    UTEST_ASSERT_EQ(remove(path), 0);
}

UTEST(readf_proc_status)
{
    fd_t fd = open("sys:/proc/self/status");
    UTEST_ASSERT(fd != ERR);
    long pid = -1;
    char state[16] = "";
    int64_t n = readf(fd, "pid %ld state %15s", &pid, state);
    close(fd);
    UTEST_ASSERT_EQ(n, 2);
    UTEST_ASSERT_EQ(pid, getpid());
    UTEST_ASSERT_STR_EQ(state, "running");
}

UTEST(readf_errors)
{
    int a = 0;
    errno = 0;
    UTEST_ASSERT_EQ(readf(-1, "%d", &a), ERR);
    UTEST_ASSERT_EQ(errno, EBADF);
    errno = 0;
    UTEST_ASSERT_EQ(readf(MAX_FDS - 1, "%d", &a), ERR);
    UTEST_ASSERT_EQ(errno, EBADF);
    fd_t d = open("home:/usr");
    UTEST_ASSERT(d != ERR);
    errno = 0;
    int64_t n = readf(d, "%d", &a);
    int err = errno;
    close(d);
    UTEST_ASSERT_EQ(n, ERR);
    UTEST_ASSERT_EQ(err, EISDIR);
}

#define DIR_PATH "home:/usr/libstd-dir"
#define DIR_FILES 40

/* Remove DIR_PATH and the files allocdir_many makes in it, whatever is left of them. */
static void dir_cleanup(void)
{
    char path[64];
    for (int i = 0; i < DIR_FILES; i++) {
        snprintf(path, sizeof(path), DIR_PATH "/f%02d", i);
        remove(path);
    }
    remove(DIR_PATH);
}

UTEST(allocdir_many)
{
    char path[64];
    dir_cleanup();
    UTEST_ASSERT_EQ(mkdir(DIR_PATH), 0);
    for (int i = 0; i < DIR_FILES; i++) {
        snprintf(path, sizeof(path), DIR_PATH "/f%02d?create", i);
        fd_t fd = open(path);
        UTEST_ASSERT(fd != ERR);
        close(fd);
    }
    fd_t d = open(DIR_PATH);
    UTEST_ASSERT(d != ERR);
    size_t count = 12345;
    dirent_t *e = allocdir(d, &count);
    UTEST_ASSERT(e != NULL);
    UTEST_ASSERT_EQ(count, DIR_FILES);
    bool seen[DIR_FILES] = { false };
    for (size_t i = 0; i < count; i++) {
        int k = -1, end = 0;
        if (sscanf(e[i].name, "f%2d%n", &k, &end) != 1 || e[i].name[end] != '\0' || k < 0 ||
            k >= DIR_FILES || seen[k] || e[i].type != STAT_FILE) {
            UTEST_FAIL("entry %zu: unexpected \"%s\"", i, e[i].name);
            break;
        }
        seen[k] = true;
    }
    free(e);
    count = 12345;
    dirent_t *rest = allocdir(d, &count); /* continues at the end: nothing left */
    close(d);
    dir_cleanup();
    UTEST_ASSERT(rest != NULL);
    UTEST_ASSERT_EQ(count, 0);
    free(rest);
    for (int i = 0; i < DIR_FILES; i++)
        UTEST_ASSERT(seen[i]);
}

UTEST(allocdir_empty)
{
    dir_cleanup();
    UTEST_ASSERT_EQ(mkdir(DIR_PATH), 0);
    fd_t d = open(DIR_PATH);
    UTEST_ASSERT(d != ERR);
    size_t count = 12345;
    dirent_t *e = allocdir(d, &count);
    close(d);
    remove(DIR_PATH);
    UTEST_ASSERT(e != NULL); /* a valid array, not NULL */
    UTEST_ASSERT_EQ(count, 0);
    free(e);
}

UTEST(allocdir_errors)
{
    size_t count = 12345;
    errno = 0;
    UTEST_ASSERT(allocdir(-1, &count) == NULL);
    UTEST_ASSERT_EQ(errno, EBADF);
    UTEST_ASSERT_EQ(count, 12345); /* untouched on failure */
    fd_t fd = open("home:/usr/libstd-notdir?create");
    UTEST_ASSERT(fd != ERR);
    errno = 0;
    dirent_t *e = allocdir(fd, &count); /* kernel/fs/file.c file_getdirent: ENOTDIR */
    int err = errno;
    close(fd);
    remove("home:/usr/libstd-notdir");
    UTEST_ASSERT(e == NULL);
    UTEST_ASSERT_EQ(err, ENOTDIR);
    fd = open("sys:/null"); /* a device is no directory either */
    UTEST_ASSERT(fd != ERR);
    errno = 0;
    e = allocdir(fd, &count);
    err = errno;
    close(fd);
    UTEST_ASSERT(e == NULL);
    UTEST_ASSERT_EQ(err, ENOTDIR);
    fd = open("home:/usr");
    UTEST_ASSERT(fd != ERR);
    errno = 0;
    e = allocdir(fd, NULL);
    err = errno;
    close(fd);
    UTEST_ASSERT(e == NULL);
    UTEST_ASSERT_EQ(err, EFAULT);
    UTEST_ASSERT_EQ(count, 12345);
}

int main(void)
{
    UTEST_BEGIN("libstd");
    UTEST_RUN(mem_functions);
    UTEST_RUN(strlen_strnlen);
    UTEST_RUN(strcmp_family);
    UTEST_RUN(strcpy_family);
    UTEST_RUN(strchr_family);
    UTEST_RUN(strtok_r_split);
    UTEST_RUN(strdup_strndup);
    UTEST_RUN(ctype_classes);
    UTEST_RUN(strtol_basic);
    UTEST_RUN(strtol_bases);
    UTEST_RUN(strtol_overflow);
    UTEST_RUN(strtoul_edges);
    UTEST_RUN(strtol_no_number);
    UTEST_RUN(qsort_ints);
    UTEST_RUN(qsort_structs_bsearch);
    UTEST_RUN(printf_integers);
    UTEST_RUN(printf_width_precision_flags);
    UTEST_RUN(printf_strings_chars);
    UTEST_RUN(printf_truncation);
    UTEST_RUN(malloc_many_sizes);
    UTEST_RUN(malloc_reuse);
    UTEST_RUN(realloc_patterns);
    UTEST_RUN(calloc_zeroes);
    UTEST_RUN(malloc_big_blocks);
    UTEST_RUN(strerror_every_code);
    UTEST_RUN(errno_open_missing);
    UTEST_RUN(errno_bad_descriptor);
    UTEST_RUN(openf_writef);
    UTEST_RUN(time_calls);
    UTEST_RUN(anonymous_memory);
    UTEST_RUN(threads_malloc_errno);
    UTEST_RUN(sscanf_decimal);
    UTEST_RUN(sscanf_bases);
    UTEST_RUN(sscanf_widths);
    UTEST_RUN(sscanf_lengths);
    UTEST_RUN(sscanf_count_n);
    UTEST_RUN(sscanf_strings_chars);
    UTEST_RUN(sscanf_sets);
    UTEST_RUN(sscanf_suppression);
    UTEST_RUN(sscanf_literals_space);
    UTEST_RUN(sscanf_matching_failure);
    UTEST_RUN(sscanf_eof);
    UTEST_RUN(sscanf_overflow);
    UTEST_RUN(sscanf_pointer);
    UTEST_RUN(sscanf_unimplemented);
    UTEST_RUN(readf_file);
    UTEST_RUN(readf_proc_status);
    UTEST_RUN(readf_errors);
    UTEST_RUN(allocdir_many);
    UTEST_RUN(allocdir_empty);
    UTEST_RUN(allocdir_errors);
    return UTEST_END();
}
