/*
 * stdio.h - formatted output, for now without FILE: printf writes to descriptor 1 and
 * dprintf to any descriptor through a 256-byte buffer on the caller's stack (short
 * output is one write(), threads share nothing); s[n]printf format into memory. All
 * use the one engine of src/stdio/format.c, which writes to a sink, so a FILE-based
 * vfprintf() later is one more sink.
 * Conversions: %d %i %u %o %x %X %c %s %p %% with the flags - + space # 0, width and
 * precision (either may be *) and the lengths hh h l ll j z t; and floating point,
 * %f %F %e %E %g %G %a %A with all flags (and L for long double, printed as the
 * nearest double), correctly rounded from the exact binary value with ties to even,
 * byte for byte what glibc prints (src/stdio/format_float.c), inf/nan with their sign.
 * The one difference: "%#.3g" of 999.5 is "1.00e+03" as C says (glibc: "1.e+03").
 * %n is not implemented: it consumes its argument and prints as written.
 *
 * Formatted input: sscanf and vsscanf scan a string with the engine of
 * src/stdio/scan.c, which reads from a source, so a FILE-based vfscanf() later (and
 * readf() of sys/io.h now) is one more source.
 */
#ifndef LIBSTD_STDIO_H
#define LIBSTD_STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#define EOF (-1)

#define _STD_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define _STD_SCANF(f, a) __attribute__((format(scanf, f, a)))

/**
 * Format to descriptor 1.
 * @return the number of characters written, or ERR with the errno of the failed
 * write() (EBADF, EIO, EPIPE, EFAULT, ...) or EOVERFLOW if the output exceeds INT_MAX.
 */
int printf(const char *restrict fmt, ...) _STD_PRINTF(1, 2);

/** printf() with a va_list. Errors: as printf(). */
int vprintf(const char *restrict fmt, va_list ap) _STD_PRINTF(1, 0);

/** printf() to descriptor @fd. Errors: as printf(). */
int dprintf(fd_t fd, const char *restrict fmt, ...) _STD_PRINTF(2, 3);

/** dprintf() with a va_list. Errors: as printf(). */
int vdprintf(fd_t fd, const char *restrict fmt, va_list ap) _STD_PRINTF(2, 0);

/**
 * Format into the @size-byte buffer @buf, truncating; @buf is always NUL-terminated
 * when @size > 0 (@buf may be NULL when @size is 0).
 * @return the length the whole output has (truncated if >= @size), or ERR with errno
 * EOVERFLOW if it exceeds INT_MAX.
 */
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...) _STD_PRINTF(3, 4);

/** snprintf() with a va_list. Errors: EOVERFLOW. */
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
    _STD_PRINTF(3, 0);

/** snprintf() with no size limit: @buf must be large enough. Errors: EOVERFLOW. */
int sprintf(char *restrict buf, const char *restrict fmt, ...) _STD_PRINTF(2, 3);

/** sprintf() with a va_list. Errors: EOVERFLOW. */
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap) _STD_PRINTF(2, 0);

/**
 * Write @s and a newline to descriptor 1 (one write() unless longer than 256 bytes).
 * @return a non-negative number, or EOF with errno from write().
 */
int puts(const char *s);

/** Write the character @c to descriptor 1. @return @c, or EOF with errno from write(). */
int putchar(int c);

/**
 * Scan the string @s under the control of @fmt, storing what it converts through the
 * pointer arguments, with C's rules:
 *  - white space in @fmt matches any amount of white space (none included) in @s;
 *  - any other byte must be the next byte of @s; "%%" matches a '%' after white space;
 *  - a conversion is %[*][width][length]conv. '*' matches but assigns nothing (and is
 *    not counted); the width is the most bytes the conversion reads (a sign and a "0x"
 *    included); the lengths hh h l ll j z t select the integer pointer's type (and 'L'
 *    acts as ll). All conversions but %c, %[ and %n skip white space first.
 *  - %d decimal, %i with C's prefixes ("0x" hex, "0" octal, else decimal), %u decimal,
 *    %o octal, %x/%X hex with an optional "0x"; each takes an optional sign;
 *  - %c exactly width bytes (default 1, white space included, no NUL added); %s a run
 *    of non-white-space bytes, NUL-terminated; %[set] a non-empty run of bytes in set
 *    ("%[^set]": not in set; a ']' first is a member; "a-z" a range; a '-' first or
 *    last is itself), NUL-terminated; the buffer must hold width + 1 bytes (width for
 *    %c) - with no width nothing bounds the copy;
 *  - %p a hex number as %x reads it, or "(nil)", into a void *;
 *  - %a %e %f %g (and %A %E %F %G) a number as strtod() reads it (decimal, "0x" hex,
 *    inf, infinity, nan, nan(chars)), correctly rounded into a float, with 'l' a
 *    double, with 'L' a long double; the longest run of bytes that can begin a number
 *    is read and must be a whole one ("1e+" or "0x" is a matching failure, as in C;
 *    glibc converts the "1" and the "0"); numbers longer than 1099 bytes fail too;
 *  - %n stores the number of bytes consumed so far; it reads nothing and is not counted.
 * Overflow (undefined in C) is defined here as in glibc: the digits are accumulated like
 * strtoll() (%d %i) or strtoull() (%u %o %x %X %p), saturating at the 64-bit range, and
 * the result is truncated to the destination's size: "%d" of "99999999999" stores
 * 1215752191, "%hhu" of "300" stores 44, "%lld" of "-99999999999999999999" LLONG_MIN.
 * Where C and glibc differ, this follows C: "0x" with no hex digit after it is a
 * matching failure (glibc stores 0); %c with fewer than width bytes left fails (glibc
 * stores the part); a conversion done under '*' counts as the first conversion for the
 * EOF rule below (glibc returns EOF while nothing was assigned).
 * Not implemented: wide characters (%lc %ls %l[), POSIX's %m and n$ positions: such a
 * conversion ends the scan and the count so far is returned, as it is for an unknown
 * conversion or a format that ends inside one.
 * @return the number of assignments, which is less than the conversions asked for
 * after a matching failure (a byte that does not fit); or EOF if the input ended before
 * the first conversion completed (an empty or all-white-space @s where a conversion or
 * a literal byte was needed). Errors: none; errno is never changed.
 */
int sscanf(const char *restrict s, const char *restrict fmt, ...) _STD_SCANF(2, 3);

/** sscanf() with a va_list. @return as sscanf(). */
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap) _STD_SCANF(2, 0);

#endif
