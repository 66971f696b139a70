/*
 * fmt.h - printf-style formatting for the kernel (lib/fmt.c).
 *
 * One formatter, fmt_vformat(), streams its output through a callback; the kernel
 * log uses it directly and fmt_snprintf() is built on it. C99 semantics for
 * d i u x X o c s p %, the flags - + space # 0, width and precision (also *), and the
 * length modifiers hh h l ll z t j. There is no floating point and no %n.
 */
#ifndef LIB_FMT_H
#define LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

/** Output callback for fmt_vformat(): consume @n bytes at @s (not NUL-terminated). */
typedef void (*fmt_put_t)(void *ctx, const char *s, size_t n);

/**
 * Format @fmt with @ap and hand the output to @put in pieces, in order.
 * %p prints like glibc: "0x" and lowercase hex, "(nil)" for NULL; %s of NULL prints
 * "(null)" (or nothing if the precision is below 6). An unknown conversion is copied
 * to the output as written.
 * @param put  called zero or more times with consecutive pieces of the output.
 * @param ctx  passed to @put unchanged.
 * @param fmt  the format string.
 * @param ap   the arguments; not consumed (the function works on a copy).
 * @return the number of bytes handed to @put, or -EOVERFLOW if that exceeds INT_MAX.
 * Locking: none of its own; @put runs in the caller's context. Does not sleep unless
 * @put does. Time: O(length of the output).
 */
int fmt_vformat(fmt_put_t put, void *ctx, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/**
 * Format into @buf of @size bytes, like C99 vsnprintf(): the output is truncated to
 * size - 1 bytes and always NUL-terminated when @size > 0; with @size 0 (@buf may then
 * be NULL) nothing is written.
 * @return the length the full output would have had (not counting the NUL), or
 * -EOVERFLOW if that exceeds INT_MAX. Locking: none. Time: O(length of the output).
 */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/**
 * Variadic form of fmt_vsnprintf(); same results and errors.
 * Locking: none. Time: O(length of the output).
 */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
