/*
 * format_out.h - the output side of the printf engine, shared by the integer and
 * string conversions (src/stdio/format.c) and the floating-point ones
 * (src/stdio/format_float.c): a sink (internal/format.h) plus the running count.
 */
#ifndef LIBSTD_INTERNAL_FORMAT_OUT_H
#define LIBSTD_INTERNAL_FORMAT_OUT_H

#include <string.h>
#include "internal/format.h"

/** The sink of one _std_format() call plus the characters produced so far. */
typedef struct out {
    std_sink_t *sink;
    size_t count;
} out_t;

/** Send @n bytes of @s to the sink and count them. */
static inline void emit(out_t *o, const char *s, size_t n)
{
    if (n == 0)
        return;
    o->sink->put(o->sink, s, n);
    o->count += n;
}

/** Send @n copies of @c, in chunks. */
static inline void emit_repeat(out_t *o, char c, size_t n)
{
    char chunk[32];
    memset(chunk, c, sizeof(chunk));
    for (; n > sizeof(chunk); n -= sizeof(chunk))
        emit(o, chunk, sizeof(chunk));
    emit(o, chunk, n);
}

#endif
