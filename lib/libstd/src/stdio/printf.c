/*
 * printf.c - the printf family of stdio.h as sinks for the engine in format.c: a
 * memory sink (snprintf and friends, and _std_format_buf for writef/openf) and the
 * staging sink (internal/format.h) whose 256-byte buffer lives on the caller's stack,
 * here draining to a descriptor (dprintf), so short output is one write() and threads
 * share nothing. Its stream drain (printf, fprintf) is in file_format.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include "internal/format.h"

/* Output into a caller's buffer, dropping what does not fit (one byte kept for NUL). */
typedef struct buf_sink {
    std_sink_t sink;
    char *buf;
    size_t size;
    size_t used;
} buf_sink_t;

static void buf_put(std_sink_t *sink, const char *s, size_t n)
{
    buf_sink_t *b = (buf_sink_t *)sink;
    size_t room = b->size > b->used + 1 ? b->size - b->used - 1 : 0;
    size_t copy = n < room ? n : room;
    memcpy(b->buf + b->used, s, copy);
    b->used += copy;
}

size_t _std_format_buf(char *buf, size_t size, const char *fmt, va_list ap)
{
    buf_sink_t b = { { buf_put }, buf, size, 0 };
    size_t len = _std_format(&b.sink, fmt, ap);
    if (size > 0)
        buf[b.used] = '\0';
    return len;
}

/* An engine length as the int the printf family returns. */
int _std_format_result(size_t len)
{
    if (len > INT_MAX) {
        errno = EOVERFLOW;
        return ERR;
    }
    return (int)len;
}

void _std_stage_flush(std_stage_sink_t *s)
{
    if (s->used > 0 && !s->failed && !s->drain(s, s->buf, s->used))
        s->failed = true;
    s->used = 0;
}

void _std_stage_put(std_sink_t *sink, const char *data, size_t n)
{
    std_stage_sink_t *s = (std_stage_sink_t *)sink;
    while (n > 0 && !s->failed) {
        size_t copy = n < STD_STAGE_SIZE - s->used ? n : STD_STAGE_SIZE - s->used;
        memcpy(s->buf + s->used, data, copy);
        s->used += copy;
        data += copy;
        n -= copy;
        if (s->used == STD_STAGE_SIZE)
            _std_stage_flush(s);
    }
}

/* Write all @n bytes to the descriptor the sink targets. */
static bool fd_drain(std_stage_sink_t *s, const char *data, size_t n)
{
    fd_t fd = *(fd_t *)s->target;
    for (size_t done = 0; done < n;) {
        int64_t w = write(fd, data + done, n - done);
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return false;
        }
        done += (size_t)w;
    }
    return true;
}

int vdprintf(fd_t fd, const char *restrict fmt, va_list ap)
{
    std_stage_sink_t s = { .sink = { _std_stage_put }, .drain = fd_drain, .target = &fd };
    size_t len = _std_format(&s.sink, fmt, ap);
    _std_stage_flush(&s);
    return s.failed ? ERR : _std_format_result(len);
}

int dprintf(fd_t fd, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}


int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
    return _std_format_result(_std_format_buf(buf, size, fmt, ap));
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
    /* "Large enough" by contract; INT_MAX + 1 makes longer output an error, not a stop. */
    return vsnprintf(buf, (size_t)INT_MAX + 1, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsprintf(buf, fmt, ap);
    va_end(ap);
    return n;
}
