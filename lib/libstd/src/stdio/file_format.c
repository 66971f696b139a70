/*
 * file_format.c - formatted I/O on streams: the printf engine (format.c) with a stream
 * sink (vfprintf and everything built on it: fprintf, printf, vprintf) and the scanf
 * engine (scan.c) with a stream source (vfscanf: fscanf, scanf, vscanf). Each call
 * holds the stream's lock for its whole duration, so the output of one call is never
 * interleaved with another thread's. Output is staged in the 256-byte buffer of a
 * std_stage_sink_t on the caller's stack, so even an unbuffered stream (stderr) gets a
 * few large writes rather than one per conversion.
 */
#include <stdarg.h>
#include <stdbool.h>
#include "internal/file.h"
#include "internal/format.h"
#include "internal/scan.h"

/* Write @n bytes to the locked stream the sink targets. */
static bool file_drain(std_stage_sink_t *s, const char *data, size_t n)
{
    return _std_file_write(s->target, data, n) == n;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
    std_stage_sink_t s = { .sink = { _std_stage_put }, .drain = file_drain, .target = f };
    _std_file_lock(f);
    size_t len = _std_format(&s.sink, fmt, ap);
    _std_stage_flush(&s);
    _std_file_unlock(f);
    return s.failed ? ERR : _std_format_result(len);
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

/** Input from a locked stream: its bytes and ungetc(). */
typedef struct file_source {
    std_source_t src;
    FILE *f;
} file_source_t;

static int file_get(std_source_t *src)
{
    return _std_file_getc(((file_source_t *)src)->f);
}

static void file_unget(std_source_t *src, int c)
{
    _std_file_ungetc(c, ((file_source_t *)src)->f);
}

int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
    file_source_t s = { { file_get, file_unget }, f };
    _std_file_lock(f);
    int n = _std_scan(&s.src, fmt, ap);
    _std_file_unlock(f);
    return n;
}

int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfscanf(f, fmt, ap);
    va_end(ap);
    return n;
}

int vscanf(const char *restrict fmt, va_list ap)
{
    return vfscanf(stdin, fmt, ap);
}

int scanf(const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfscanf(stdin, fmt, ap);
    va_end(ap);
    return n;
}
