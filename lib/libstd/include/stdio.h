/*
 * stdio.h - formatted output, for now without FILE: printf writes to descriptor 1 and
 * dprintf to any descriptor through a 256-byte buffer on the caller's stack (short
 * output is one write(), threads share nothing); s[n]printf format into memory. All
 * use the one engine of src/stdio/format.c, which writes to a sink, so a FILE-based
 * vfprintf() later is one more sink.
 * Conversions: %d %i %u %o %x %X %c %s %p %% with the flags - + space # 0, width and
 * precision (either may be *) and the lengths hh h l ll j z t. Floating point is not
 * implemented yet: %f & co. consume their argument and print as written; so does %n.
 */
#ifndef LIBSTD_STDIO_H
#define LIBSTD_STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#define EOF (-1)

#define _STD_PRINTF(f, a) __attribute__((format(printf, f, a)))

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

#endif
