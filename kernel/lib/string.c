/*
 * string.c - memory and string routines for the kernel (declared in lib/string.h).
 *
 * Plain C, word-at-a-time where both pointers are 8-byte aligned, byte loops
 * elsewhere. The word loops move 64 bytes per iteration: under QEMU's TCG every loop
 * iteration (and every `rep movs` step) is one translated-block run, so eight words a
 * round copy several times faster than one (pipes, page zeroing, ELF loading). gcc turns such loops back into calls to memcpy/memset, which here would
 * recurse, so the copy and fill loops are compiled without that pattern matching.
 */
#include "lib/string.h"
#include "lib/hot.h"

#include <abi/errno.h>
#include <stdbool.h>

#if defined(__GNUC__) && !defined(__clang__)
#define STRING_NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define STRING_NO_LIBCALL
#endif

/* An aliasing-safe word, so word loops are valid on any object type. */
typedef uint64_t __attribute__((may_alias)) string_word_t;

static bool is_aligned(const void *p)
{
    return ((uintptr_t)p & (sizeof(string_word_t) - 1)) == 0;
}

/* Safe for overlap when dst < src: each word is read before the bytes it covers are
 * overwritten. */
HOT_PATH STRING_NO_LIBCALL static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
    if (is_aligned(d) && is_aligned(s)) {
        for (; n >= 8 * sizeof(string_word_t); n -= 8 * sizeof(string_word_t)) {
            string_word_t *dw = (string_word_t *)d;
            const string_word_t *sw = (const string_word_t *)s;
            string_word_t w0 = sw[0], w1 = sw[1], w2 = sw[2], w3 = sw[3];
            string_word_t w4 = sw[4], w5 = sw[5], w6 = sw[6], w7 = sw[7];
            dw[0] = w0, dw[1] = w1, dw[2] = w2, dw[3] = w3;
            dw[4] = w4, dw[5] = w5, dw[6] = w6, dw[7] = w7;
            d += 8 * sizeof(string_word_t);
            s += 8 * sizeof(string_word_t);
        }
        for (; n >= sizeof(string_word_t); n -= sizeof(string_word_t)) {
            *(string_word_t *)d = *(const string_word_t *)s;
            d += sizeof(string_word_t);
            s += sizeof(string_word_t);
        }
    }
    while (n--)
        *d++ = *s++;
}

HOT_PATH STRING_NO_LIBCALL void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    copy_forward(dst, src, n);
    return dst;
}

STRING_NO_LIBCALL void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d <= s || d >= s + n) {
        copy_forward(d, s, n);
    } else {
        while (n--)
            d[n] = s[n];
    }
    return dst;
}

HOT_PATH STRING_NO_LIBCALL void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    unsigned char byte = (unsigned char)c;

    if (is_aligned(d)) {
        string_word_t word = 0x0101010101010101ull * byte;
        for (; n >= 8 * sizeof(word); n -= 8 * sizeof(word), d += 8 * sizeof(word)) {
            string_word_t *dw = (string_word_t *)d;
            dw[0] = dw[1] = dw[2] = dw[3] = dw[4] = dw[5] = dw[6] = dw[7] = word;
        }
        for (; n >= sizeof(word); n -= sizeof(word), d += sizeof(word))
            *(string_word_t *)d = word;
    }
    while (n--)
        *d++ = byte;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i])
            return x[i] - y[i];
    }
    return 0;
}

STRING_NO_LIBCALL size_t strlen(const char *s)
{
    const char *p = s;

    while (*p)
        p++;
    return (size_t)(p - s);
}

STRING_NO_LIBCALL size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while (n < max && s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n > 0; n--, a++, b++) {
        if (*a != *b || !*a)
            return (unsigned char)*a - (unsigned char)*b;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char *)last;
    }
}

size_t strlcpy(char *restrict dst, const char *restrict src, size_t size)
{
    size_t len = strlen(src);

    if (size > 0) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

/* Value of the digit @c, or 36 (larger than any base) if it is not one. */
static unsigned digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'z')
        return (unsigned)(c - 'a' + 10);
    if (c >= 'A' && c <= 'Z')
        return (unsigned)(c - 'A' + 10);
    return 36;
}

/* Skip a base prefix; only consume "0x" if a hex digit follows it. */
static const char *skip_prefix(const char *s, int *base)
{
    bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16;

    if ((*base == 0 || *base == 16) && hex) {
        *base = 16;
        return s + 2;
    }
    if (*base == 0)
        *base = s[0] == '0' ? 8 : 10;
    return s;
}

int string_to_u64(const char *s, int base, uint64_t *out, const char **end)
{
    const char *p;
    uint64_t value = 0;
    bool overflow = false;
    unsigned d;

    if (base < 0 || base == 1 || base > 36)
        goto invalid;
    p = skip_prefix(s, &base);
    if (digit_value(*p) >= (unsigned)base)
        goto invalid;
    for (; (d = digit_value(*p)) < (unsigned)base; p++) {
        if (value > (UINT64_MAX - d) / (unsigned)base)
            overflow = true;
        value = value * (unsigned)base + d;
    }
    if (end)
        *end = p;
    *out = overflow ? UINT64_MAX : value;
    return overflow ? -ERANGE : 0;

invalid:
    if (end)
        *end = s;
    return -EINVAL;
}
