/*
 * strtol.c - strtol, strtoll, strtoul, strtoull, atoi, atol, atoll. One parser,
 * parse_u64(), reads sign, base prefix and digits into a 64-bit magnitude with a limit
 * and reports overflow; each public function only chooses the limit and applies the
 * sign (long and long long are both 64 bits here).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* What parse_u64() found. */
typedef struct parsed {
    uint64_t magnitude; /* capped at the limit on overflow */
    bool negative;
    bool overflow;
} parsed_t;

static int digit_value(char c)
{
    if (isdigit(c))
        return c - '0';
    if (islower(c))
        return c - 'a' + 10;
    if (isupper(c))
        return c - 'A' + 10;
    return 99;
}

/* Skip the "0x" of a hex number only if a hex digit follows; then "0" alone parses. */
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

/* Parse into @out; @limit is the largest magnitude allowed. Returns the end, or NULL. */
static const char *parse_u64(const char *s, int base, uint64_t limit, parsed_t *out)
{
    *out = (parsed_t){ 0 };
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '+' || *s == '-')
        out->negative = *s++ == '-';
    s = skip_prefix(s, &base);
    const char *start = s;
    for (int d; (d = digit_value(*s)) < base; s++) {
        if (out->magnitude > (limit - (uint64_t)d) / (uint64_t)base)
            out->overflow = true;
        else
            out->magnitude = out->magnitude * (uint64_t)base + (uint64_t)d;
    }
    if (out->overflow)
        out->magnitude = limit;
    return s == start ? NULL : s;
}

/* The shared front: check @base, parse, set *@end and errno. */
static bool parse(const char *s, char **end, int base, bool is_signed, parsed_t *out)
{
    if (base < 0 || base == 1 || base > 36) {
        if (end)
            *end = (char *)s;
        errno = EINVAL;
        *out = (parsed_t){ 0 };
        return false;
    }
    uint64_t limit = is_signed ? (uint64_t)INT64_MAX : UINT64_MAX;
    /* A signed limit depends on the sign; parse with the larger and fix up below. */
    const char *stop = parse_u64(s, base, is_signed ? limit + 1 : limit, out);
    if (is_signed && !out->negative && out->magnitude > limit) {
        out->magnitude = limit;
        out->overflow = true;
    }
    if (end)
        *end = (char *)(stop ? stop : s);
    if (out->overflow)
        errno = ERANGE;
    return stop != NULL;
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
    parsed_t p;
    parse(s, end, base, true, &p);
    if (!p.negative)
        return (long long)p.magnitude;
    /* -(INT64_MAX + 1) without overflowing a signed negation. */
    return p.magnitude == (uint64_t)INT64_MAX + 1 ? LLONG_MIN : -(long long)p.magnitude;
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
    parsed_t p;
    parse(s, end, base, false, &p);
    if (p.overflow)
        return ULLONG_MAX;
    return p.negative ? -p.magnitude : p.magnitude;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
    return (long)strtoll(s, end, base);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
    return (unsigned long)strtoull(s, end, base);
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
    return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
    return strtoll(s, NULL, 10);
}
