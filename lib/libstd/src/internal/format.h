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

#define STD_STAGE_SIZE 256

/**
 * A sink that collects output in a small buffer (kept on the caller's stack) and hands
 * it on in pieces of up to STD_STAGE_SIZE bytes to drain(), which returns false on an
 * error; after one, the rest is dropped. dprintf (a descriptor) and fprintf (a stream)
 * use it, so short output costs one write.
 */
typedef struct std_stage_sink {
    std_sink_t sink;                /**< put is _std_stage_put */
    _Bool (*drain)(struct std_stage_sink *s, const char *data, size_t n);
    void *target;                   /**< what drain() writes to */
    size_t used;                    /**< bytes in buf */
    _Bool failed;                   /**< drain() failed once */
    char buf[STD_STAGE_SIZE];
} std_stage_sink_t;

/** The put() of a std_stage_sink_t. */
void _std_stage_put(std_sink_t *sink, const char *s, size_t n);

/** Hand what @s holds to its drain(). */
void _std_stage_flush(std_stage_sink_t *s);

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
