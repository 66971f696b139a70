/*
 * printf.c - the printf family of stdio.h as sinks for the engine in format.c: a
 * memory sink (snprintf and friends, and _std_format_buf for writef/openf) and a
 * buffered descriptor sink (dprintf) whose 256-byte buffer lives on the caller's
 * stack, so short output is one write() and threads share nothing. The stream sink
 * (printf, fprintf) is in file_format.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include "internal/format.h"

#define FD_SINK_BUFFER 256

/* Output into a caller's buffer, dropping what does not fit (one byte kept for NUL). */
typedef struct buf_sink {
    std_sink_t sink;
    char *buf;
    size_t size;
    size_t used;
} buf_sink_t;

/* Output to a descriptor through a small buffer; stops writing after an error. */
typedef struct fd_sink {
    std_sink_t sink;
    fd_t fd;
    size_t used;
    bool failed;
    char buf[FD_SINK_BUFFER];
} fd_sink_t;

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

static void fd_flush(fd_sink_t *f)
{
    for (size_t done = 0; done < f->used && !f->failed;) {
        int64_t n = write(f->fd, f->buf + done, f->used - done);
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            f->failed = true;
        }
        done += n > 0 ? (size_t)n : 0;
    }
    f->used = 0;
}

static void fd_put(std_sink_t *sink, const char *s, size_t n)
{
    fd_sink_t *f = (fd_sink_t *)sink;
    while (n > 0 && !f->failed) {
        size_t copy = n < FD_SINK_BUFFER - f->used ? n : FD_SINK_BUFFER - f->used;
        memcpy(f->buf + f->used, s, copy);
        f->used += copy;
        s += copy;
        n -= copy;
        if (f->used == FD_SINK_BUFFER)
            fd_flush(f);
    }
}

int vdprintf(fd_t fd, const char *restrict fmt, va_list ap)
{
    fd_sink_t f = { .sink = { fd_put }, .fd = fd };
    size_t len = _std_format(&f.sink, fmt, ap);
    fd_flush(&f);
    return f.failed ? ERR : _std_format_result(len);
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
