/*
 * format.h - the printf engine shared by printf, snprintf, dprintf, writef and openf
 * (src/stdio/format.c). The engine parses the format and hands the output in pieces to
 * a sink; each caller supplies the sink (a memory buffer, a buffered descriptor, and
 * later a FILE).
 */
#ifndef LIBSTD_INTERNAL_FORMAT_H
#define LIBSTD_INTERNAL_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/** Where formatted output goes: put() receives @n > 0 bytes at a time. */
typedef struct std_sink {
    void (*put)(struct std_sink *sink, const char *s, size_t n);
} std_sink_t;

/**
 * Format @fmt with @ap into @sink (see stdio.h for the conversions).
 * @return the number of characters produced (a sink may have dropped some).
 */
size_t _std_format(std_sink_t *sink, const char *fmt, va_list ap);

/** Format into @buf of @size bytes, NUL-terminated if @size > 0. @return the full length. */
size_t _std_format_buf(char *buf, size_t size, const char *fmt, va_list ap);

/**
 * An engine length as the int the printf family returns: @len, or ERR with errno
 * EOVERFLOW if it exceeds INT_MAX.
 */
int _std_format_result(size_t len);

#endif
