/*
 * scan.c - the scanf engine (internal/scan.h) and its string front ends, sscanf and
 * vsscanf. The engine parses each directive of the format into a spec_t and reads its
 * input through a source with one byte of look-ahead, which it gives back at the end,
 * so a FILE-based vfscanf() later is one more source; readf (src/io/readf.c) scans a
 * buffer it read. Like the printf engine it allocates nothing, takes no lock and never
 * touches errno.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "internal/scan.h"
#include "internal/strtod.h"

/* How a directive ended. */
typedef enum result {
    SCAN_OK,
    SCAN_MATCH_FAIL, /* the input did not match: stop, return the count */
    SCAN_INPUT_FAIL, /* the input ended before the directive matched anything */
    SCAN_STOP,       /* a conversion we do not implement, or a malformed format */
} result_t;

/* The source with its one byte of look-ahead and the count consumed (for %n). */
typedef struct in {
    std_source_t *src;
    int ahead;      /* valid if has_ahead: the next byte, or EOF */
    bool has_ahead;
    size_t count;   /* bytes consumed so far */
} in_t;

/* One parsed conversion: %[*][width][length]conv, and for %[ its set. */
typedef struct spec {
    bool suppress;  /* '*': match, but assign nothing */
    size_t width;   /* maximum bytes to read; SIZE_MAX when none was given */
    char length;    /* 0, 'H' (hh), 'h', 'l', 'q' (ll), 'j', 'z', 't', 'L' */
    char conv;
    uint8_t set[32]; /* %[: bit c set if byte c belongs to the scanset */
} spec_t;

static int peek(in_t *in)
{
    if (!in->has_ahead) {
        in->ahead = in->src->get(in->src);
        in->has_ahead = true;
    }
    return in->ahead;
}

/* Take the byte peek() returned (never EOF). */
static void consume(in_t *in)
{
    in->has_ahead = false;
    in->count++;
}

static void skip_space(in_t *in)
{
    while (peek(in) != EOF && isspace(peek(in)))
        consume(in);
}

/* A byte that no directive could use ends the input item: EOF, or a mismatch. */
static result_t fail_at(in_t *in)
{
    return peek(in) == EOF ? SCAN_INPUT_FAIL : SCAN_MATCH_FAIL;
}

/* ------------------------------------------------------------ parsing the format */

static void set_add(spec_t *sp, unsigned char c)
{
    sp->set[c / 8] |= (uint8_t)(1u << (c % 8));
}

static bool set_has(const spec_t *sp, int c)
{
    return (sp->set[(unsigned char)c / 8] >> ((unsigned char)c % 8)) & 1;
}

/*
 * The scanset after "%[": a leading '^' negates it, a ']' first is a member, "a-z" is
 * a range when the end is not below the start, and a '-' first, last or before a
 * smaller byte is itself. Returns the byte after the closing ']', or NULL if none.
 */
static const char *parse_set(const char *f, spec_t *sp)
{
    bool negate = *f == '^';
    f += negate;
    const char *first = f;
    memset(sp->set, 0, sizeof(sp->set));
    for (; *f != '\0' && (*f != ']' || f == first); f++) {
        unsigned char lo = (unsigned char)f[-1], hi = (unsigned char)f[1];
        if (*f == '-' && f != first && hi != '\0' && hi != ']' && lo <= hi) {
            for (unsigned c = lo; c <= hi; c++)
                set_add(sp, (unsigned char)c);
            f++;
        } else {
            set_add(sp, (unsigned char)*f);
        }
    }
    if (*f == '\0')
        return NULL;
    if (negate) {
        for (size_t i = 0; i < sizeof(sp->set); i++)
            sp->set[i] = (uint8_t)~sp->set[i];
    }
    return f + 1;
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

/* Parse the conversion after '%' into @sp; returns the byte after it, NULL if malformed. */
static const char *parse_spec(const char *f, spec_t *sp)
{
    *sp = (spec_t){ .width = SIZE_MAX };
    if (*f == '*') {
        sp->suppress = true;
        f++;
    }
    size_t width = 0; /* saturates below SIZE_MAX: a huge width is still a width */
    for (; *f >= '0' && *f <= '9'; f++)
        width = width >= SIZE_MAX / 10 ? SIZE_MAX - 1 : width * 10 + (size_t)(*f - '0');
    if (width > 0) /* "%0d" has no width, as in glibc */
        sp->width = width;
    f = parse_length(f, sp);
    sp->conv = *f;
    if (*f == '\0')
        return NULL;
    return sp->conv == '[' ? parse_set(f + 1, sp) : f + 1;
}

/* ------------------------------------------------------------ storing */

/* Store @v through the next pointer, truncated to the size the length modifier names. */
static void store_integer(const spec_t *sp, uint64_t v, va_list *ap)
{
    switch (sp->length) {
    case 'H': *va_arg(*ap, unsigned char *) = (unsigned char)v; break;
    case 'h': *va_arg(*ap, unsigned short *) = (unsigned short)v; break;
    case 'l': *va_arg(*ap, unsigned long *) = (unsigned long)v; break;
    case 'q':
    case 'L': *va_arg(*ap, unsigned long long *) = (unsigned long long)v; break;
    case 'j': *va_arg(*ap, uintmax_t *) = (uintmax_t)v; break;
    case 'z': *va_arg(*ap, size_t *) = (size_t)v; break;
    case 't': *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)v; break;
    default: *va_arg(*ap, unsigned int *) = (unsigned int)v; break;
    }
}

/* ------------------------------------------------------------ integers */

static unsigned digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'z')
        return (unsigned)(c - 'a' + 10);
    if (c >= 'A' && c <= 'Z')
        return (unsigned)(c - 'A' + 10);
    return 99;
}

/* An integer being read: the field budget and what has been seen. */
typedef struct number {
    size_t left;        /* bytes the width still allows */
    unsigned base;      /* 0 until %i has seen its prefix */
    bool negative;
    bool overflow;
    size_t digits;      /* digits since the last prefix */
    uint64_t magnitude; /* saturated at limit on overflow */
} number_t;

/* Take the next byte if the width allows and it is one of @accept; returns it, or 0. */
static int take(in_t *in, number_t *n, const char *accept)
{
    int c = peek(in);
    if (n->left == 0 || c == EOF || c == '\0' || strchr(accept, c) == NULL)
        return 0;
    consume(in);
    n->left--;
    return c;
}

/*
 * The optional "0x"/"0X" (bases 0 and 16) and the octal "0" (base 0). A '0' taken here
 * counts as a digit, but after an 'x' at least one hex digit must follow: "0x" alone
 * is a matching failure (C's rule; glibc reads it as 0).
 */
static void scan_prefix(in_t *in, number_t *n)
{
    if ((n->base == 0 || n->base == 16) && take(in, n, "0")) {
        n->digits = 1;
        if (take(in, n, "xX")) {
            n->base = 16;
            n->digits = 0;
        } else if (n->base == 0) {
            n->base = 8;
        }
    }
    if (n->base == 0)
        n->base = 10;
}

static void scan_digits(in_t *in, number_t *n, uint64_t limit)
{
    for (unsigned d; n->left > 0 && (d = digit_value(peek(in))) < n->base; n->left--) {
        consume(in);
        n->digits++;
        if (n->magnitude > (limit - d) / n->base)
            n->overflow = true;
        else
            n->magnitude = n->magnitude * n->base + d;
    }
    if (n->overflow)
        n->magnitude = limit;
}

/*
 * Read an integer in @base (0: by its prefix, as %i) into @value. Signed conversions
 * saturate at the int64_t range; unsigned ones saturate at UINT64_MAX, and a '-'
 * negates the magnitude as strtoull() does. The caller truncates to the destination.
 */
static result_t scan_integer(in_t *in, const spec_t *sp, unsigned base, bool is_signed,
                             uint64_t *value)
{
    skip_space(in);
    if (peek(in) == EOF)
        return SCAN_INPUT_FAIL;
    number_t n = { .left = sp->width, .base = base };
    n.negative = take(in, &n, "+-") == '-';
    scan_prefix(in, &n);
    uint64_t limit = !is_signed ? UINT64_MAX : (uint64_t)INT64_MAX + n.negative;
    scan_digits(in, &n, limit);
    if (n.digits == 0) /* a sign or "0x" without digits, or no number at all */
        return SCAN_MATCH_FAIL;
    if (n.overflow && !is_signed)
        *value = UINT64_MAX;
    else
        *value = n.negative ? 0 - n.magnitude : n.magnitude;
    return SCAN_OK;
}

/* %p: a hex number as %x reads it, or "(nil)" (what printf prints for NULL). */
static result_t scan_pointer(in_t *in, const spec_t *sp, uint64_t *value)
{
    skip_space(in);
    if (peek(in) != '(')
        return scan_integer(in, sp, 16, false, value);
    if (sp->width < 5)
        return SCAN_MATCH_FAIL;
    for (const char *s = "(nil)"; *s != '\0'; s++) {
        if (peek(in) != *s)
            return SCAN_MATCH_FAIL; /* the '(' is gone: not an empty input item */
        consume(in);
    }
    *value = 0;
    return SCAN_OK;
}

/* ------------------------------------------------------------ floating point */

#define FLOAT_TOKEN_MAX 1100 /* a longer number is a matching failure */
#define NAN_CHARS "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"

/* The bytes of a floating-point number being read, within the field width. */
typedef struct token {
    size_t len;
    size_t left;   /* bytes the width still allows */
    bool overflow; /* more than FLOAT_TOKEN_MAX - 1 bytes */
    char buf[FLOAT_TOKEN_MAX];
} token_t;

/* Take the next byte into @t if the width allows and it is in @set (or, for a NULL
 * @set, a digit of the base @hex says). */
static bool token_take(in_t *in, token_t *t, const char *set, bool hex)
{
    int c = peek(in);
    if (t->left == 0 || c == EOF || c == '\0')
        return false;
    if (set != NULL ? strchr(set, c) == NULL : !(hex ? isxdigit(c) : isdigit(c)))
        return false;
    consume(in);
    t->left--;
    if (t->len < FLOAT_TOKEN_MAX - 1)
        t->buf[t->len++] = (char)c;
    else
        t->overflow = true;
    return true;
}

/* As much of @word (lower case) as the input spells, in any case. */
static void token_word(in_t *in, token_t *t, const char *word)
{
    for (char set[3] = { 0 }; *word != '\0'; word++) {
        set[0] = *word;
        set[1] = (char)toupper(*word);
        if (!token_take(in, t, set, false))
            return;
    }
}

/*
 * The longest run of bytes that begins a number strtod() reads: sign, then "inf" /
 * "infinity", "nan" / "nan(chars)", or hex ("0x") or decimal digits with a point and
 * an exponent. Whether the run is a whole number is strtod's to say afterwards.
 */
static void token_float(in_t *in, token_t *t)
{
    token_take(in, t, "+-", false);
    int c = tolower(peek(in));
    if (c == 'i' || c == 'n') {
        token_word(in, t, c == 'i' ? "infinity" : "nan");
        if (c == 'n' && token_take(in, t, "(", false)) {
            while (token_take(in, t, NAN_CHARS, false))
                ;
            token_take(in, t, ")", false);
        }
        return;
    }
    bool hex = token_take(in, t, "0", false) && token_take(in, t, "xX", false);
    while (token_take(in, t, NULL, hex))
        ;
    if (token_take(in, t, ".", false)) {
        while (token_take(in, t, NULL, hex))
            ;
    }
    if (token_take(in, t, hex ? "pP" : "eE", false)) {
        token_take(in, t, "+-", false);
        while (token_take(in, t, NULL, false))
            ;
    }
}

/* %a %e %f %g (and capitals): a float, 'l' a double, 'L' a long double. */
static result_t scan_float(in_t *in, const spec_t *sp, va_list *ap)
{
    skip_space(in);
    if (peek(in) == EOF)
        return SCAN_INPUT_FAIL;
    token_t t = { .left = sp->width };
    token_float(in, &t);
    if (t.len == 0)
        return SCAN_MATCH_FAIL;
    t.buf[t.len] = '\0';
    uint64_t bits;
    bool range = false;
    bool is_float = sp->length != 'l' && sp->length != 'L';
    const char *end = _std_strto_bits(t.buf, is_float, &bits, &range);
    if (t.overflow || end != t.buf + t.len) /* e.g. "1e+" or "0x": not a whole number */
        return SCAN_MATCH_FAIL;
    if (sp->suppress)
        return SCAN_OK;
    if (is_float) {
        uint32_t u = (uint32_t)bits;
        memcpy(va_arg(*ap, float *), &u, sizeof(u));
    } else {
        double d;
        memcpy(&d, &bits, sizeof(d));
        if (sp->length == 'L')
            *va_arg(*ap, long double *) = d;
        else
            *va_arg(*ap, double *) = d;
    }
    return SCAN_OK;
}

/* ------------------------------------------------------------ characters */

static bool is_word(const spec_t *sp, int c)
{
    (void)sp;
    return !isspace(c);
}

/* Copy bytes while @member accepts them and the width allows, then a NUL. */
static result_t scan_run(in_t *in, const spec_t *sp, bool (*member)(const spec_t *, int),
                         va_list *ap)
{
    if (peek(in) == EOF)
        return SCAN_INPUT_FAIL;
    char *out = sp->suppress ? NULL : va_arg(*ap, char *);
    size_t n = 0;
    for (; n < sp->width && peek(in) != EOF && member(sp, peek(in)); n++) {
        if (out != NULL)
            out[n] = (char)peek(in);
        consume(in);
    }
    if (n == 0)
        return SCAN_MATCH_FAIL;
    if (out != NULL)
        out[n] = '\0';
    return SCAN_OK;
}

/* %c: exactly width bytes (default 1), white space included, no NUL added. */
static result_t scan_chars(in_t *in, const spec_t *sp, va_list *ap)
{
    size_t width = sp->width == SIZE_MAX ? 1 : sp->width;
    if (peek(in) == EOF)
        return SCAN_INPUT_FAIL;
    char *out = sp->suppress ? NULL : va_arg(*ap, char *);
    for (size_t i = 0; i < width; i++) {
        if (peek(in) == EOF)
            return SCAN_MATCH_FAIL; /* fewer than width: C's rule; glibc keeps the part */
        if (out != NULL)
            out[i] = (char)peek(in);
        consume(in);
    }
    return SCAN_OK;
}

/* An ordinary byte of the format (and %%) must be the next input byte. */
static result_t match_byte(in_t *in, int c)
{
    if (peek(in) != c)
        return fail_at(in);
    consume(in);
    return SCAN_OK;
}

/* ------------------------------------------------------------ the engine */

static result_t scan_number(in_t *in, const spec_t *sp, va_list *ap)
{
    unsigned base = sp->conv == 'd' || sp->conv == 'u' ? 10 : sp->conv == 'o' ? 8
                  : sp->conv == 'i' ? 0 : 16;
    bool is_signed = sp->conv == 'd' || sp->conv == 'i';
    uint64_t v;
    result_t r = sp->conv == 'p' ? scan_pointer(in, sp, &v)
                                 : scan_integer(in, sp, base, is_signed, &v);
    if (r != SCAN_OK || sp->suppress)
        return r;
    if (sp->conv == 'p')
        *va_arg(*ap, void **) = (void *)(uintptr_t)v;
    else
        store_integer(sp, v, ap);
    return SCAN_OK;
}

/* Run the conversion @sp. */
static result_t scan_one(in_t *in, const spec_t *sp, va_list *ap)
{
    bool wide = sp->length == 'l' && strchr("cs[", sp->conv) != NULL; /* no wchar_t */
    switch (wide ? '\0' : sp->conv) {
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
    case 'p': return scan_number(in, sp, ap);
    case 'a':
    case 'A':
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': return scan_float(in, sp, ap);
    case 'c': return scan_chars(in, sp, ap);
    case 's':
        skip_space(in);
        return scan_run(in, sp, is_word, ap);
    case '[': return scan_run(in, sp, set_has, ap);
    case 'n':
        if (!sp->suppress)
            store_integer(sp, in->count, ap);
        return SCAN_OK;
    case '%':
        skip_space(in);
        return match_byte(in, '%');
    default: return SCAN_STOP; /* unknown conversions */
    }
}

int _std_scan(std_source_t *src, const char *fmt, va_list ap)
{
    in_t in = { .src = src };
    va_list args;
    va_copy(args, ap);
    int assigned = 0;
    bool converted = false; /* an input item was converted (assigned or suppressed) */
    result_t r = SCAN_OK;
    while (*fmt != '\0' && r == SCAN_OK) {
        if (isspace((unsigned char)*fmt)) {
            while (isspace((unsigned char)*fmt))
                fmt++;
            skip_space(&in);
        } else if (*fmt != '%') {
            r = match_byte(&in, (unsigned char)*fmt++);
        } else {
            spec_t sp;
            fmt = parse_spec(fmt + 1, &sp);
            if (fmt == NULL)
                break; /* a format ending in '%' or an unclosed %[ */
            r = scan_one(&in, &sp, &args);
            if (r == SCAN_OK && sp.conv != 'n' && sp.conv != '%') {
                converted = true;
                assigned += !sp.suppress;
            }
        }
    }
    va_end(args);
    if (in.has_ahead && in.ahead != EOF)
        src->unget(src, in.ahead);
    return r == SCAN_INPUT_FAIL && !converted ? EOF : assigned;
}

/* ------------------------------------------------------------ sscanf */

/* A NUL-terminated string as a source: the NUL is the end of the input. */
typedef struct str_source {
    std_source_t src;
    const unsigned char *s;
} str_source_t;

static int str_get(std_source_t *src)
{
    str_source_t *in = (str_source_t *)src;
    return *in->s != '\0' ? *in->s++ : EOF;
}

static void str_unget(std_source_t *src, int c)
{
    (void)c;
    ((str_source_t *)src)->s--;
}

int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
    str_source_t in = { { str_get, str_unget }, (const unsigned char *)s };
    return _std_scan(&in.src, fmt, ap);
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsscanf(s, fmt, ap);
    va_end(ap);
    return n;
}
