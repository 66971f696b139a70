/*
 * format.c - the printf engine (internal/format.h): parses each conversion into a
 * spec_t, fetches its argument and emits prefix, padding and digits to a sink (the
 * floating-point conversions are in format_float.c). It allocates nothing, takes no
 * lock and never touches errno, so every printf-family function and writef/openf
 * share it safely from any thread.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "internal/format.h"
#include "internal/format_float.h"
#include "internal/format_out.h"

/* One parsed conversion: %[flags][width][.precision][length]conv. */
typedef struct spec {
    bool left, plus, space, alt, zero; /* - + space # 0 */
    int width;                         /* 0: none */
    int precision;                     /* -1: none */
    char length;                       /* 0, 'H' (hh), 'h', 'l', 'q' (ll), 'j', 'z', 't', 'L' */
    char conv;
} spec_t;

/* Emit @len bytes of @s (already prefixed/zero-padded by the caller) padded to width. */
static void emit_padded(out_t *o, const spec_t *sp, const char *s, size_t len)
{
    size_t pad = (size_t)sp->width > len ? (size_t)sp->width - len : 0;
    if (!sp->left)
        emit_repeat(o, ' ', pad);
    emit(o, s, len);
    if (sp->left)
        emit_repeat(o, ' ', pad);
}

static const char *parse_flags(const char *f, spec_t *sp)
{
    for (;; f++) {
        switch (*f) {
        case '-': sp->left = true; break;
        case '+': sp->plus = true; break;
        case ' ': sp->space = true; break;
        case '#': sp->alt = true; break;
        case '0': sp->zero = true; break;
        default: return f;
        }
    }
}

/* A decimal number or '*' (an int argument); saturates at INT_MAX. */
static const char *parse_count(const char *f, int *out, va_list *ap)
{
    if (*f == '*') {
        *out = va_arg(*ap, int);
        return f + 1;
    }
    long n = 0;
    for (; *f >= '0' && *f <= '9'; f++)
        n = n * 10 + (*f - '0') > INT_MAX ? INT_MAX : n * 10 + (*f - '0');
    *out = (int)n;
    return f;
}

static const char *parse_length(const char *f, spec_t *sp)
{
    if ((f[0] == 'h' || f[0] == 'l') && f[1] == f[0]) {
        sp->length = f[0] == 'h' ? 'H' : 'q';
        return f + 2;
    }
    if (*f != '\0' && strchr("hljztL", *f) != NULL) {
        sp->length = *f;
        return f + 1;
    }
    return f;
}

/* Parse the conversion after '%' into @sp; returns the character after it. */
static const char *parse_spec(const char *f, spec_t *sp, va_list *ap)
{
    *sp = (spec_t){ .precision = -1 };
    f = parse_flags(f, sp);
    f = parse_count(f, &sp->width, ap);
    if (sp->width < 0) {
        sp->left = true;
        sp->width = sp->width == INT_MIN ? INT_MAX : -sp->width;
    }
    if (*f == '.') {
        f = parse_count(f + 1, &sp->precision, ap);
        if (sp->precision < 0)
            sp->precision = -1;
    }
    f = parse_length(f, sp);
    sp->conv = *f;
    return *f ? f + 1 : f;
}

static uint64_t fetch_unsigned(const spec_t *sp, va_list *ap)
{
    switch (sp->length) {
    case 'H': return (unsigned char)va_arg(*ap, unsigned int);
    case 'h': return (unsigned short)va_arg(*ap, unsigned int);
    case 'l': return va_arg(*ap, unsigned long);
    case 'q': return va_arg(*ap, unsigned long long);
    case 'j': return va_arg(*ap, uintmax_t);
    case 'z': return va_arg(*ap, size_t);
    case 't': return (uint64_t)va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, unsigned int);
    }
}

static int64_t fetch_signed(const spec_t *sp, va_list *ap)
{
    switch (sp->length) {
    case 'H': return (signed char)va_arg(*ap, int);
    case 'h': return (short)va_arg(*ap, int);
    case 'l': return va_arg(*ap, long);
    case 'q': return va_arg(*ap, long long);
    case 'j': return va_arg(*ap, intmax_t);
    case 'z': return (int64_t)va_arg(*ap, size_t);
    case 't': return va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, int);
    }
}

/* Digits of @value in @base, right-aligned in @buf[24]; returns their count. */
static size_t to_digits(uint64_t value, unsigned base, bool upper, char *buf)
{
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    size_t n = 0;
    do {
        buf[23 - n++] = set[value % base];
        value /= base;
    } while (value != 0);
    return n;
}

/* The sign or "0x" that goes before the zeros and digits. */
static size_t int_prefix(const spec_t *sp, uint64_t value, bool negative, char *prefix)
{
    size_t n = 0;
    if (sp->conv == 'd' || sp->conv == 'i') {
        if (negative)
            prefix[n++] = '-';
        else if (sp->plus)
            prefix[n++] = '+';
        else if (sp->space)
            prefix[n++] = ' ';
    }
    if (sp->conv == 'p' || (sp->alt && value != 0 && (sp->conv == 'x' || sp->conv == 'X'))) {
        prefix[n++] = '0';
        prefix[n++] = sp->conv == 'X' ? 'X' : 'x';
    }
    return n;
}

static void format_integer(out_t *o, const spec_t *sp, uint64_t value, bool negative)
{
    unsigned base = sp->conv == 'o' ? 8 : (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p') ? 16 : 10;
    char digits[24], prefix[2 + 1];
    size_t nd = to_digits(value, base, sp->conv == 'X', digits);
    if (sp->precision == 0 && value == 0)
        nd = 0;
    size_t np = int_prefix(sp, value, negative, prefix);
    size_t zeros = sp->precision > (int)nd ? (size_t)sp->precision - nd : 0;
    if (sp->alt && sp->conv == 'o' && zeros == 0 && (nd == 0 || digits[24 - nd] != '0'))
        zeros = 1;
    if (sp->zero && !sp->left && sp->precision < 0 && (size_t)sp->width > np + nd + zeros)
        zeros = (size_t)sp->width - np - nd;
    size_t total = np + zeros + nd;
    size_t pad = (size_t)sp->width > total ? (size_t)sp->width - total : 0;
    if (!sp->left)
        emit_repeat(o, ' ', pad);
    emit(o, prefix, np);
    emit_repeat(o, '0', zeros);
    emit(o, digits + 24 - nd, nd);
    if (sp->left)
        emit_repeat(o, ' ', pad);
}

static void format_string(out_t *o, const spec_t *sp, const char *s)
{
    if (s == NULL)
        s = "(null)";
    size_t len = sp->precision >= 0 ? strnlen(s, (size_t)sp->precision) : strlen(s);
    emit_padded(o, sp, s, len);
}

static void format_pointer(out_t *o, const spec_t *sp, void *p)
{
    if (p == NULL) {
        spec_t nil = *sp;
        nil.precision = -1;
        format_string(o, &nil, "(nil)");
        return;
    }
    format_integer(o, sp, (uint64_t)(uintptr_t)p, false);
}

/* %f %F %e %E %g %G %a %A (src/stdio/format_float.c); 'L' reads a long double and prints
 * it as the nearest double. */
static void format_float(out_t *o, const spec_t *sp, va_list *ap)
{
    double v = sp->length == 'L' ? (double)va_arg(*ap, long double) : va_arg(*ap, double);
    std_float_spec_t fs = { sp->left, sp->plus, sp->space, sp->alt, sp->zero,
                            sp->width, sp->precision, sp->conv };
    _std_format_float(o, &fs, v);
}

/* Not implemented (%n, unknown conversions): consume %n's argument, print the text as is. */
static void format_unsupported(out_t *o, const spec_t *sp, const char *start, const char *end,
                               va_list *ap)
{
    if (sp->conv == 'n')
        (void)va_arg(*ap, void *);
    emit(o, start, (size_t)(end - start));
}

/* Format the conversion @start..@end (from its '%') described by @sp. */
static void format_one(out_t *o, const spec_t *sp, const char *start, const char *end, va_list *ap)
{
    switch (sp->conv) {
    case 'd':
    case 'i': {
        int64_t v = fetch_signed(sp, ap);
        format_integer(o, sp, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0);
        break;
    }
    case 'u':
    case 'o':
    case 'x':
    case 'X': format_integer(o, sp, fetch_unsigned(sp, ap), false); break;
    case 'p': format_pointer(o, sp, va_arg(*ap, void *)); break;
    case 's': format_string(o, sp, va_arg(*ap, const char *)); break;
    case 'c': {
        char c = (char)va_arg(*ap, int);
        emit_padded(o, sp, &c, 1);
        break;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A': format_float(o, sp, ap); break;
    case '%': emit(o, "%", 1); break;
    default: format_unsupported(o, sp, start, end, ap); break;
    }
}

size_t _std_format(std_sink_t *sink, const char *fmt, va_list ap)
{
    out_t o = { sink, 0 };
    va_list args;
    va_copy(args, ap);
    while (*fmt) {
        const char *pct = strchr(fmt, '%');
        if (pct == NULL)
            pct = fmt + strlen(fmt);
        emit(&o, fmt, (size_t)(pct - fmt));
        if (*pct == '\0')
            break;
        spec_t sp;
        fmt = parse_spec(pct + 1, &sp, &args);
        format_one(&o, &sp, pct, fmt, &args);
    }
    va_end(args);
    return o.count;
}
