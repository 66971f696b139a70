/*
 * fmt.c - the printf engine behind fmt_vformat() and fmt_snprintf() (lib/fmt.h).
 *
 * Each conversion is parsed into a struct fmt_spec, its argument fetched at the width
 * the length modifier names, and the result emitted as
 * [spaces][sign/prefix][zeros][digits or text][spaces]. Output goes through the
 * caller's callback, so nothing here allocates or limits the output length.
 */
#include "lib/fmt.h"

#include <abi/errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "lib/string.h"

enum {
    FMT_LEFT = 1 << 0,  /* '-' */
    FMT_PLUS = 1 << 1,  /* '+' */
    FMT_SPACE = 1 << 2, /* ' ' */
    FMT_ALT = 1 << 3,   /* '#' */
    FMT_ZERO = 1 << 4,  /* '0' */
};

enum fmt_length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct fmt_spec {
    unsigned flags;
    int width;             /* 0 when absent */
    int prec;              /* -1 when absent */
    enum fmt_length length;
    char conv;
};

struct fmt_out {
    fmt_put_t put;
    void *ctx;
    size_t count;          /* bytes emitted so far */
};

static void emit(struct fmt_out *out, const char *s, size_t n)
{
    if (n == 0)
        return;
    out->put(out->ctx, s, n);
    out->count += n;
}

static void emit_repeat(struct fmt_out *out, char c, size_t n)
{
    static const char spaces[16] = "                ";
    static const char zeros[16] = "0000000000000000";
    const char *src = c == '0' ? zeros : spaces;

    while (n > 0) {
        size_t chunk = n < sizeof(spaces) ? n : sizeof(spaces);
        emit(out, src, chunk);
        n -= chunk;
    }
}

/* Parse a decimal number, saturating at INT_MAX. */
static int parse_num(const char **p)
{
    int n = 0;

    for (; **p >= '0' && **p <= '9'; (*p)++)
        n = n > (INT_MAX - 9) / 10 ? INT_MAX : n * 10 + (**p - '0');
    return n;
}

static const char *parse_flags(const char *p, unsigned *flags)
{
    for (;; p++) {
        switch (*p) {
        case '-': *flags |= FMT_LEFT; break;
        case '+': *flags |= FMT_PLUS; break;
        case ' ': *flags |= FMT_SPACE; break;
        case '#': *flags |= FMT_ALT; break;
        case '0': *flags |= FMT_ZERO; break;
        default: return p;
        }
    }
}

static const char *parse_width(const char *p, struct fmt_spec *spec, va_list *ap)
{
    if (*p != '*') {
        spec->width = parse_num(&p);
        return p;
    }
    spec->width = va_arg(*ap, int);
    if (spec->width < 0) {
        /* A negative '*' width means '-' and its magnitude. */
        spec->flags |= FMT_LEFT;
        spec->width = spec->width == INT_MIN ? INT_MAX : -spec->width;
    }
    return p + 1;
}

static const char *parse_prec(const char *p, struct fmt_spec *spec, va_list *ap)
{
    spec->prec = -1;
    if (*p != '.')
        return p;
    p++;
    if (*p != '*') {
        spec->prec = parse_num(&p);
        return p;
    }
    spec->prec = va_arg(*ap, int);
    if (spec->prec < 0)
        spec->prec = -1;    /* a negative '*' precision counts as none */
    return p + 1;
}

static const char *parse_length(const char *p, enum fmt_length *len)
{
    switch (*p) {
    case 'h':
        *len = p[1] == 'h' ? LEN_HH : LEN_H;
        return p + (p[1] == 'h' ? 2 : 1);
    case 'l':
        *len = p[1] == 'l' ? LEN_LL : LEN_L;
        return p + (p[1] == 'l' ? 2 : 1);
    case 'z': *len = LEN_Z; return p + 1;
    case 't': *len = LEN_T; return p + 1;
    case 'j': *len = LEN_J; return p + 1;
    default: *len = LEN_NONE; return p;
    }
}

/* Parse the conversion after a '%'; returns the character after it. */
static const char *parse_spec(const char *p, struct fmt_spec *spec, va_list *ap)
{
    spec->flags = 0;
    p = parse_flags(p, &spec->flags);
    p = parse_width(p, spec, ap);
    p = parse_prec(p, spec, ap);
    p = parse_length(p, &spec->length);
    spec->conv = *p;
    return *p ? p + 1 : p;
}

static intmax_t fetch_signed(enum fmt_length len, va_list *ap)
{
    switch (len) {
    case LEN_HH: return (signed char)va_arg(*ap, int);
    case LEN_H: return (short)va_arg(*ap, int);
    case LEN_L: return va_arg(*ap, long);
    case LEN_LL: return va_arg(*ap, long long);
    case LEN_Z:
    case LEN_T: return va_arg(*ap, ptrdiff_t);
    case LEN_J: return va_arg(*ap, intmax_t);
    default: return va_arg(*ap, int);
    }
}

static uintmax_t fetch_unsigned(enum fmt_length len, va_list *ap)
{
    switch (len) {
    case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_H: return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_L: return va_arg(*ap, unsigned long);
    case LEN_LL: return va_arg(*ap, unsigned long long);
    case LEN_Z: return va_arg(*ap, size_t);
    case LEN_T: return (size_t)va_arg(*ap, ptrdiff_t);
    case LEN_J: return va_arg(*ap, uintmax_t);
    default: return va_arg(*ap, unsigned int);
    }
}

/* Write the digits of @v right-aligned ending at @end; returns their count. */
static size_t to_digits(char *end, uintmax_t v, unsigned base, bool upper)
{
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    size_t n = 0;

    do {
        *--end = set[v % base];
        v /= base;
        n++;
    } while (v);
    return n;
}

/* Sign and "0x" prefix of a number; returns the prefix length. */
static size_t number_prefix(char *prefix, const struct fmt_spec *spec, uintmax_t mag,
                            bool negative)
{
    size_t n = 0;

    if (negative)
        prefix[n++] = '-';
    else if (spec->flags & FMT_PLUS)
        prefix[n++] = '+';
    else if (spec->flags & FMT_SPACE)
        prefix[n++] = ' ';
    if ((spec->flags & FMT_ALT) && mag != 0 && (spec->conv == 'x' || spec->conv == 'X')) {
        prefix[n++] = '0';
        prefix[n++] = spec->conv;
    }
    return n;
}

static void pad_and_emit(struct fmt_out *out, const struct fmt_spec *spec, const char *pre,
                         size_t npre, size_t zeros, const char *body, size_t nbody)
{
    size_t len = npre + zeros + nbody;
    size_t pad = (size_t)spec->width > len ? (size_t)spec->width - len : 0;

    if (!(spec->flags & FMT_LEFT))
        emit_repeat(out, ' ', pad);
    emit(out, pre, npre);
    emit_repeat(out, '0', zeros);
    emit(out, body, nbody);
    if (spec->flags & FMT_LEFT)
        emit_repeat(out, ' ', pad);
}

static void format_number(struct fmt_out *out, const struct fmt_spec *spec, uintmax_t mag,
                          bool negative)
{
    char digits[sizeof(uintmax_t) * CHAR_BIT / 3 + 1];
    char *end = digits + sizeof(digits);
    char prefix[4];
    unsigned base = spec->conv == 'o' ? 8 : (spec->conv == 'x' || spec->conv == 'X') ? 16 : 10;
    size_t nd = spec->prec == 0 && mag == 0 ? 0 : to_digits(end, mag, base, spec->conv == 'X');
    size_t zeros = spec->prec > 0 && (size_t)spec->prec > nd ? (size_t)spec->prec - nd : 0;
    size_t npre = number_prefix(prefix, spec, mag, negative);

    /* '#' with 'o' raises the precision just enough for a leading zero. */
    if ((spec->flags & FMT_ALT) && spec->conv == 'o' && zeros == 0 && (mag != 0 || nd == 0))
        zeros = 1;
    if ((spec->flags & (FMT_ZERO | FMT_LEFT)) == FMT_ZERO && spec->prec < 0 &&
        (size_t)spec->width > npre + zeros + nd)
        zeros = (size_t)spec->width - npre - nd;
    pad_and_emit(out, spec, prefix, npre, zeros, end - nd, nd);
}

static void format_string(struct fmt_out *out, const struct fmt_spec *spec, const char *s)
{
    size_t len;

    if (!s)
        s = spec->prec < 0 || spec->prec >= 6 ? "(null)" : "";
    len = spec->prec < 0 ? strlen(s) : strnlen(s, (size_t)spec->prec);
    pad_and_emit(out, spec, NULL, 0, 0, s, len);
}

static void format_pointer(struct fmt_out *out, struct fmt_spec *spec, const void *p)
{
    if (!p) {
        spec->prec = -1;
        format_string(out, spec, "(nil)");
        return;
    }
    /* Like glibc: %#lx, but '+' and ' ' still apply. */
    spec->flags |= FMT_ALT;
    spec->conv = 'x';
    format_number(out, spec, (uintptr_t)p, false);
}

/* Emit one conversion; returns false if @spec->conv is not one we know. */
static bool convert(struct fmt_out *out, struct fmt_spec *spec, va_list *ap)
{
    intmax_t v;
    char c;

    switch (spec->conv) {
    case 'd':
    case 'i':
        v = fetch_signed(spec->length, ap);
        format_number(out, spec, v < 0 ? 0 - (uintmax_t)v : (uintmax_t)v, v < 0);
        return true;
    case 'u':
    case 'o':
    case 'x':
    case 'X':
        spec->flags &= ~(unsigned)(FMT_PLUS | FMT_SPACE);
        format_number(out, spec, fetch_unsigned(spec->length, ap), false);
        return true;
    case 'c':
        c = (char)va_arg(*ap, int);
        pad_and_emit(out, spec, NULL, 0, 0, &c, 1);
        return true;
    case 's':
        format_string(out, spec, va_arg(*ap, const char *));
        return true;
    case 'p':
        format_pointer(out, spec, va_arg(*ap, const void *));
        return true;
    case '%':
        emit(out, "%", 1);
        return true;
    default:
        return false;
    }
}

int fmt_vformat(fmt_put_t put, void *ctx, const char *fmt, va_list ap)
{
    struct fmt_out out = { .put = put, .ctx = ctx, .count = 0 };
    struct fmt_spec spec;
    va_list args;

    va_copy(args, ap);
    while (*fmt) {
        const char *pct = strchr(fmt, '%');
        const char *next;

        if (!pct) {
            emit(&out, fmt, strlen(fmt));
            break;
        }
        emit(&out, fmt, (size_t)(pct - fmt));
        next = parse_spec(pct + 1, &spec, &args);
        if (!convert(&out, &spec, &args))
            emit(&out, pct, (size_t)(next - pct));
        fmt = next;
    }
    va_end(args);
    return out.count > INT_MAX ? -EOVERFLOW : (int)out.count;
}

struct fmt_buf {
    char *buf;
    size_t size;           /* capacity including the NUL; 0 = count only */
    size_t pos;            /* bytes stored, always < size when size > 0 */
};

static void buf_put(void *ctx, const char *s, size_t n)
{
    struct fmt_buf *b = ctx;
    size_t room;

    if (b->size == 0)
        return;
    room = b->size - 1 - b->pos;
    if (n > room)
        n = room;
    memcpy(b->buf + b->pos, s, n);
    b->pos += n;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct fmt_buf b = { .buf = buf, .size = buf ? size : 0, .pos = 0 };
    int n = fmt_vformat(buf_put, &b, fmt, ap);

    if (b.size > 0)
        buf[b.pos] = '\0';
    return n;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
