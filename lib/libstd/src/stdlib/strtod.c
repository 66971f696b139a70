/*
 * strtod.c - strtod, strtof, strtold, atof: correctly rounded decimal (and hex) to
 * binary. The decimal digits (at most 780 kept; a dropped nonzero tail becomes one
 * more '1', which cannot change the rounding since a halfway point between doubles
 * has at most 767 significant digits) are read as a big integer D, D * 10^e is divided
 * into a 64-bit quotient and a sticky remainder bit, and that is rounded once to the
 * target format, half to even. Short inputs take the exact double fast path.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal/bignum.h"
#include "internal/strtod.h"

#define MAX_DIGITS 780

/* An IEEE binary format: significand bits, exponent of the smallest subnormal's bit,
 * the all-ones biased exponent. */
typedef struct binary_format {
    int mant_bits;
    int min_lsb;
    int max_biased;
} binary_format_t;

static const binary_format_t format_double = { 53, -1074, 2047 };
static const binary_format_t format_float = { 24, -149, 255 };

/* A decimal significand: D = d[0..n) as an integer, the value D * 10^e10. */
typedef struct decimal {
    int n;
    long e10;
    char d[MAX_DIGITS + 1];
} decimal_t;

/* ------------------------------------------------------------ rounding */

/*
 * (q + f) * 2^be, with 0 < f < 1 iff @sticky, rounded half to even into format @fmt.
 * Returns the bits (no sign); *@range is set on overflow and on an inexact result
 * whose exact value is below the smallest normal number (glibc's underflow rule).
 */
static uint64_t round_binary(uint64_t q, bool sticky, int be, const binary_format_t *fmt,
                             bool *range)
{
    int p = fmt->mant_bits;
    if (q == 0)
        return 0;
    int lz = __builtin_clzll(q);
    q <<= lz;
    be -= lz; /* the leading bit weighs 2^(be + 63) */
    int lsb = be + 63 - (p - 1);
    if (lsb < fmt->min_lsb)
        lsb = fmt->min_lsb;
    int shift = lsb - be; /* >= 64 - p */
    uint64_t mant, rem, half;
    if (shift > 64) {
        mant = 0, rem = 1, half = 2; /* below half the smallest subnormal */
    } else if (shift == 64) {
        mant = 0, rem = q, half = 1ull << 63;
    } else {
        mant = q >> shift, rem = q & ((1ull << shift) - 1), half = 1ull << (shift - 1);
    }
    /* Underflow as glibc: tiny before rounding (below the smallest normal) and inexact. */
    *range |= be + 63 < fmt->min_lsb + p - 1 && (rem != 0 || sticky);
    if (rem > half || (rem == half && (sticky || (mant & 1))))
        mant++;
    if (mant >> p) { /* rounding carried into a new bit */
        mant >>= 1;
        lsb++;
    }
    if (mant < 1ull << (p - 1)) /* subnormal or zero */
        return mant;
    int biased = lsb - fmt->min_lsb + 1; /* the exponent field of 2^(lsb + p - 1) */
    if (biased >= fmt->max_biased) {
        *range = true;
        return (uint64_t)fmt->max_biased << (p - 1);
    }
    return (uint64_t)biased << (p - 1) | (mant & ((1ull << (p - 1)) - 1));
}

/* ------------------------------------------------------------ decimal */

/* An exponent: one of @letters, a sign, digits (saturating far beyond any range), added
 * to *@x. Returns the end, or @s itself when there is no complete exponent. */
static const char *parse_exponent(const char *s, const char *letters, long *x)
{
    if (*s != letters[0] && *s != letters[1])
        return s;
    const char *e = s + 1;
    bool negative = *e == '-';
    e += *e == '+' || *e == '-';
    if (!isdigit((unsigned char)*e))
        return s;
    long v = 0;
    for (; isdigit((unsigned char)*e); e++)
        v = v > 100000000 ? v : v * 10 + (*e - '0');
    *x += negative ? -v : v;
    return e;
}

/* Digits, an optional point and digits, an optional exponent. NULL if no digit. */
static const char *parse_decimal(const char *s, decimal_t *dec)
{
    bool any = false, point = false, dropped = false;
    dec->n = 0;
    dec->e10 = 0;
    for (;; s++) {
        if (*s == '.' && !point) {
            point = true;
        } else if (isdigit((unsigned char)*s)) {
            any = true;
            if (dec->n == 0 && *s == '0') {
                dec->e10 -= point; /* a leading zero after the point */
            } else if (dec->n < MAX_DIGITS) {
                dec->d[dec->n++] = *s;
                dec->e10 -= point;
            } else {
                dropped |= *s != '0';
                dec->e10 += !point;
            }
        } else {
            break;
        }
    }
    if (!any)
        return NULL;
    if (dropped) { /* stands for the nonzero tail */
        dec->d[dec->n++] = '1';
        dec->e10--;
    }
    return parse_exponent(s, "eE", &dec->e10);
}

/* The big integer of the digits of @dec. */
static void decimal_integer(const decimal_t *dec, big_t *b)
{
    _std_big_set(b, 0);
    int i = 0;
    for (; i + 9 <= dec->n; i += 9) {
        uint32_t chunk = 0;
        for (int k = 0; k < 9; k++)
            chunk = chunk * 10 + (uint32_t)(dec->d[i + k] - '0');
        _std_big_mul_add(b, 1000000000u, chunk);
    }
    for (; i < dec->n; i++)
        _std_big_mul_add(b, 10, (uint32_t)(dec->d[i] - '0'));
}

/* floor(@a / @b) as 64 bits for a / b in [2^63, 2^64) and the remainder's sticky bit. */
static uint64_t divide(big_t *a, const big_t *b, bool *sticky)
{
    uint64_t q = 0;
    for (int i = 0; i < 64; i++) {
        _std_big_shl(a, 1);
        q <<= 1;
        if (_std_big_cmp(a, b) >= 0) {
            _std_big_sub(a, b);
            q |= 1;
        }
    }
    *sticky = a->n != 0;
    return q;
}

/* D * 10^e10 rounded into @fmt. */
static uint64_t decimal_to_binary(const decimal_t *dec, const binary_format_t *fmt, bool *range)
{
    if (dec->n == 0)
        return 0;
    if (dec->n + dec->e10 > 310) {
        *range = true;
        return (uint64_t)fmt->max_biased << (fmt->mant_bits - 1);
    }
    if (dec->n + dec->e10 < -326) {
        *range = true;
        return 0;
    }
    big_t a, b;
    decimal_integer(dec, &a);
    bool sticky;
    uint64_t q;
    int be;
    if (dec->e10 >= 0) {
        _std_big_mul_pow5(&a, (int)dec->e10);
        _std_big_shl(&a, (int)dec->e10);
        int bits = _std_big_bits(&a);
        q = _std_big_bits_at(&a, bits - 64, &sticky);
        be = bits - 64;
    } else {
        /* a / 10^k: scale so that the quotient has 64 bits, q = a * 2^s / b */
        _std_big_set(&b, 1);
        _std_big_mul_pow5(&b, (int)-dec->e10);
        _std_big_shl(&b, (int)-dec->e10);
        int s = _std_big_bits(&b) - _std_big_bits(&a) + 63;
        /* The loop in divide() supplies 2^64 of it: R = a*2^(s-64) < b to start. */
        if (s >= 64)
            _std_big_shl(&a, s - 64);
        else
            _std_big_shl(&b, 64 - s);
        q = divide(&a, &b, &sticky);
        be = -s;
    }
    return round_binary(q, sticky, be, fmt, range);
}

/* The exact fast path: at most 15 digits and |e10| <= 22 are one IEEE operation. */
static bool decimal_fast(const decimal_t *dec, double *out)
{
    static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                    1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
                                    1e20, 1e21, 1e22 };
    if (dec->n > 15 || dec->e10 > 22 || dec->e10 < -22)
        return false;
    int64_t d = 0;
    for (int i = 0; i < dec->n; i++)
        d = d * 10 + (dec->d[i] - '0');
    *out = dec->e10 >= 0 ? (double)d * pow10[dec->e10] : (double)d / pow10[-dec->e10];
    return true;
}

/* ------------------------------------------------------------ hex and specials */

static int hex_value(char c)
{
    if (isdigit((unsigned char)c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* After "0x": hex digits with an optional point, an optional p exponent. NULL if no digit. */
static const char *parse_hex(const char *s, const binary_format_t *fmt, uint64_t *bits,
                             bool *range)
{
    uint64_t q = 0;
    long be = 0;
    bool any = false, point = false, sticky = false;
    for (;; s++) {
        int v = hex_value(*s);
        if (*s == '.' && !point) {
            point = true;
            continue;
        }
        if (v < 0)
            break;
        any = true;
        if (q >> 60 == 0) {
            q = q << 4 | (uint64_t)v;
            be -= 4 * point;
        } else {
            sticky |= v != 0;
            be += 4 * !point;
        }
    }
    if (!any)
        return NULL;
    s = parse_exponent(s, "pP", &be);
    if (be > 5000 || be < -5000) /* far out of range either way */
        be = be > 0 ? 5000 : -5000;
    *bits = round_binary(q, sticky, (int)be, fmt, range);
    return s;
}

/* The case-insensitive prefix @word of @s? */
static bool has_word(const char *s, const char *word)
{
    for (; *word != '\0'; s++, word++) {
        if (tolower((unsigned char)*s) != *word)
            return false;
    }
    return true;
}

/* inf, infinity, nan, nan(chars). NULL if none. */
static const char *parse_special(const char *s, const binary_format_t *fmt, uint64_t *bits)
{
    uint64_t inf = (uint64_t)fmt->max_biased << (fmt->mant_bits - 1);
    if (has_word(s, "inf")) {
        *bits = inf;
        return s + (has_word(s, "infinity") ? 8 : 3);
    }
    if (!has_word(s, "nan"))
        return NULL;
    *bits = inf | 1ull << (fmt->mant_bits - 2); /* the quiet NaN */
    s += 3;
    if (*s == '(') {
        const char *e = s + 1;
        while (isalnum((unsigned char)*e) || *e == '_')
            e++;
        if (*e == ')')
            s = e + 1;
    }
    return s;
}

/* ------------------------------------------------------------ the functions */

const char *_std_strto_bits(const char *s, int is_float, uint64_t *out, bool *range)
{
    const binary_format_t *fmt = is_float ? &format_float : &format_double;
    const char *start = s;
    while (isspace((unsigned char)*s))
        s++;
    bool negative = *s == '-';
    s += *s == '+' || *s == '-';
    uint64_t bits = 0;
    const char *end = parse_special(s, fmt, &bits);
    if (end == NULL && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        end = parse_hex(s + 2, fmt, &bits, range);
    if (end == NULL) {
        decimal_t dec;
        end = parse_decimal(s, &dec);
        if (end == NULL) {
            *out = 0;
            return start;
        }
        double fast;
        if (!is_float && decimal_fast(&dec, &fast))
            memcpy(&bits, &fast, sizeof(bits));
        else
            bits = decimal_to_binary(&dec, fmt, range);
    }
    int sign_bit = is_float ? 31 : 63;
    *out = bits | (uint64_t)negative << sign_bit;
    return end;
}

/* _std_strto_bits() with strtod's end pointer and errno. */
static uint64_t convert(const char *s, char **end, int is_float)
{
    uint64_t bits;
    bool range = false;
    const char *e = _std_strto_bits(s, is_float, &bits, &range);
    if (end != NULL)
        *end = (char *)e;
    if (range)
        errno = ERANGE;
    return bits;
}

double strtod(const char *restrict s, char **restrict end)
{
    uint64_t bits = convert(s, end, 0);
    double d;
    memcpy(&d, &bits, sizeof(d));
    return d;
}

float strtof(const char *restrict s, char **restrict end)
{
    uint32_t bits = (uint32_t)convert(s, end, 1);
    float f;
    memcpy(&f, &bits, sizeof(f));
    return f;
}

long double strtold(const char *restrict s, char **restrict end)
{
    return strtod(s, end);
}

double atof(const char *s)
{
    return strtod(s, NULL);
}
