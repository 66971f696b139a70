/*
 * format_float.c - the floating-point conversions of the printf engine
 * (internal/format_float.h). %f %e %g expand the double exactly into decimal (m * 2^e
 * is m * 5^-e / 10^-e, so a big integer of at most 2600 bits holds every digit) and
 * round that digit string half to even, which is what glibc prints; %a prints the
 * significand in hex. The body of a conversion is written twice, first to a counting
 * sink for its length (the padding needs it), then for real.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "internal/bignum.h"
#include "internal/format_float.h"
#include "internal/format_out.h"

#define DEC_DIGITS 800 /* a double has at most 767 significant decimal digits */

/* A decimal number 0.d[0]d[1]...d[n-1] * 10^exp, without trailing zeros; n = 0 is 0. */
typedef struct decimal {
    int n;
    int exp;
    char d[DEC_DIGITS];
} decimal_t;

/* What the body of one conversion prints. */
typedef struct plan {
    decimal_t dec;
    double v;
    char style; /* 'f', 'e' or 'a' */
    int prec;   /* digits after the point */
    bool alt, upper;
} plan_t;

static void count_put(std_sink_t *sink, const char *s, size_t n)
{
    (void)sink, (void)s, (void)n;
}

/* ------------------------------------------------------------ exact decimal */

/* The exact decimal expansion of finite @v >= 0. */
static void decimal_of(decimal_t *dec, double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof(u));
    int be = (int)(u >> 52) & 0x7ff;
    uint64_t m = u & ((1ull << 52) - 1);
    if (be != 0)
        m |= 1ull << 52;
    int e = (be == 0 ? 1 : be) - 1075; /* v = m * 2^e */
    dec->n = dec->exp = 0;
    if (m == 0)
        return;
    big_t b;
    _std_big_set(&b, m);
    if (e >= 0)
        _std_big_shl(&b, e);
    else
        _std_big_mul_pow5(&b, -e); /* v = b / 10^-e */
    int pos = DEC_DIGITS;
    while (b.n > 0) {
        uint32_t chunk = _std_big_div_small(&b, 1000000000u);
        for (int i = 0; i < 9; i++, chunk /= 10)
            dec->d[--pos] = (char)('0' + chunk % 10);
    }
    while (dec->d[pos] == '0')
        pos++;
    int len = DEC_DIGITS - pos;
    dec->exp = len + (e < 0 ? e : 0);
    while (dec->d[pos + len - 1] == '0')
        len--;
    memmove(dec->d, dec->d + pos, (size_t)len);
    dec->n = len;
}

/* Keep the first @keep digits of @dec, rounding half to even on the exact value. */
static void decimal_round(decimal_t *dec, long keep)
{
    if (keep >= dec->n)
        return;
    if (keep < 0) {
        dec->n = 0;
        return;
    }
    int k = (int)keep;
    char next = dec->d[k];
    bool odd = k > 0 && (dec->d[k - 1] - '0') % 2 == 1;
    bool up = next > '5' || (next == '5' && (k + 1 < dec->n || odd)); /* no trailing 0s */
    dec->n = k;
    if (up) {
        int i = k - 1;
        while (i >= 0 && dec->d[i] == '9')
            i--;
        if (i < 0) { /* 999.. became 1000.. */
            dec->d[0] = '1';
            dec->n = 1;
            dec->exp++;
        } else {
            dec->d[i]++;
            dec->n = i + 1;
        }
    }
    while (dec->n > 0 && dec->d[dec->n - 1] == '0')
        dec->n--;
}

/* The digits at positions @from .. @from + @count (position 0 is d[0]), zeros outside. */
static void emit_digits(out_t *o, const decimal_t *dec, long from, long count)
{
    long zeros = from < 0 ? (-from < count ? -from : count) : 0;
    emit_repeat(o, '0', (size_t)zeros);
    from += zeros;
    count -= zeros;
    long have = from < dec->n ? dec->n - from : 0;
    if (have > count)
        have = count;
    emit(o, dec->d + from, (size_t)have);
    emit_repeat(o, '0', (size_t)(count - have));
}

/* ------------------------------------------------------------ the bodies */

static void emit_exponent(out_t *o, char letter, int x, int min_digits)
{
    char buf[8];
    int n = 0;
    unsigned ux = x < 0 ? (unsigned)-x : (unsigned)x;
    do {
        buf[sizeof(buf) - 1 - n++] = (char)('0' + ux % 10);
        ux /= 10;
    } while (ux != 0 || n < min_digits);
    buf[sizeof(buf) - 1 - n++] = x < 0 ? '-' : '+';
    buf[sizeof(buf) - 1 - n++] = letter;
    emit(o, buf + sizeof(buf) - n, (size_t)n);
}

static void body_fixed(out_t *o, const plan_t *p)
{
    if (p->dec.exp > 0)
        emit_digits(o, &p->dec, 0, p->dec.exp);
    else
        emit(o, "0", 1);
    if (p->prec > 0 || p->alt)
        emit(o, ".", 1);
    emit_digits(o, &p->dec, p->dec.exp, p->prec);
}

static void body_exp(out_t *o, const plan_t *p)
{
    emit_digits(o, &p->dec, 0, 1);
    if (p->prec > 0 || p->alt)
        emit(o, ".", 1);
    emit_digits(o, &p->dec, 1, p->prec);
    emit_exponent(o, p->upper ? 'E' : 'e', p->dec.n ? p->dec.exp - 1 : 0, 2);
}

static void body_hex(out_t *o, const plan_t *p)
{
    uint64_t u;
    memcpy(&u, &p->v, sizeof(u));
    int be = (int)(u >> 52) & 0x7ff, prec = p->prec;
    uint64_t frac = u & ((1ull << 52) - 1);
    int lead = be != 0, digits = 13; /* the significand is lead.frac, 13 hex digits */
    int e = be != 0 ? be - 1023 : frac != 0 ? -1022 : 0;
    if (prec < 0) {
        for (prec = 13; prec > 0 && (frac & 0xf) == 0; prec--)
            frac >>= 4;
        digits = prec;
    } else if (prec < 13) {
        int shift = 4 * (13 - prec);
        uint64_t rem = frac & ((1ull << shift) - 1), half = 1ull << (shift - 1);
        frac >>= shift;
        bool odd = prec == 0 ? lead & 1 : frac & 1;
        if (rem > half || (rem == half && odd)) {
            frac++;
            if (prec == 0 || frac >> (4 * prec)) {
                frac &= prec == 0 ? 0 : (1ull << (4 * prec)) - 1;
                lead++;
            }
        }
        digits = prec;
    }
    const char *hex = p->upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[16];
    buf[0] = hex[lead];
    emit(o, buf, 1);
    if (prec > 0 || p->alt)
        emit(o, ".", 1);
    for (int i = 0; i < digits; i++)
        buf[i] = hex[(frac >> (4 * (digits - 1 - i))) & 0xf];
    emit(o, buf, (size_t)digits);
    emit_repeat(o, '0', (size_t)(prec - digits));
    emit_exponent(o, p->upper ? 'P' : 'p', e, 1);
}

static void body(out_t *o, const plan_t *p)
{
    if (p->style == 'a')
        body_hex(o, p);
    else if (p->style == 'e')
        body_exp(o, p);
    else
        body_fixed(o, p);
}

/* ------------------------------------------------------------ the conversion */

/* Choose the style and the digits of finite @v (>= 0) for the conversion @sp. */
static void plan_make(plan_t *p, const std_float_spec_t *sp, double v)
{
    char conv = (char)(sp->conv | 0x20);
    p->v = v;
    p->alt = sp->alt;
    p->style = conv == 'g' ? 'f' : conv;
    p->prec = sp->precision < 0 && conv != 'a' ? 6 : sp->precision;
    if (conv == 'a')
        return;
    decimal_of(&p->dec, v);
    if (conv == 'f') {
        decimal_round(&p->dec, (long)p->dec.exp + p->prec);
    } else if (conv == 'e') {
        decimal_round(&p->dec, (long)p->prec + 1);
    } else { /* %g: %e's exponent X after rounding to P digits decides */
        int digits = p->prec == 0 ? 1 : p->prec;
        decimal_round(&p->dec, digits);
        int x = p->dec.n ? p->dec.exp - 1 : 0;
        int frac_digits = p->dec.n - p->dec.exp; /* significant digits after the point */
        if (digits > x && x >= -4) {
            p->prec = digits - 1 - x;
        } else {
            p->style = 'e';
            p->prec = digits - 1;
            frac_digits = p->dec.n - 1;
        }
        if (!sp->alt && p->prec > frac_digits)
            p->prec = frac_digits > 0 ? frac_digits : 0;
    }
}

void _std_format_float(out_t *o, const std_float_spec_t *sp, double v)
{
    bool upper = sp->conv >= 'A' && sp->conv <= 'Z';
    char sign = signbit(v) ? '-' : sp->plus ? '+' : sp->space ? ' ' : '\0';
    bool finite = isfinite(v);
    plan_t p;
    const char *prefix = "";
    size_t len;
    if (finite) {
        plan_make(&p, sp, fabs(v));
        p.upper = upper;
        if (p.style == 'a')
            prefix = upper ? "0X" : "0x";
        std_sink_t counter = { count_put };
        out_t c = { &counter, 0 };
        body(&c, &p);
        len = c.count;
    } else {
        len = 3;
    }
    len += (sign != '\0') + strlen(prefix);
    size_t pad = (size_t)sp->width > len ? (size_t)sp->width - len : 0;
    bool zeros = sp->zero && !sp->left && finite;
    if (!sp->left && !zeros)
        emit_repeat(o, ' ', pad);
    emit(o, &sign, sign != '\0');
    emit(o, prefix, strlen(prefix));
    if (zeros)
        emit_repeat(o, '0', pad);
    if (finite)
        body(o, &p);
    else
        emit(o, isnan(v) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"), 3);
    if (sp->left)
        emit_repeat(o, ' ', pad);
}
