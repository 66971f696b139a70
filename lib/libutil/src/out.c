/*
 * out.c - a small buffered standard output for the utilities, so a listing or a
 * grep does one write() per 4 KiB, not one per line. Flushed when full, by
 * util_flush() and at exit (util_init registers it). See util.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

#define OUT_SIZE 4096

static char out_buf[OUT_SIZE]; /* [0, out_len) waits to be written */
static size_t out_len;

/* A failed write ends the program; quietly for a reader that went away (`yes | head`). */
static _Noreturn void out_failed(void)
{
    if (errno != EPIPE)
        util_error_errno("write");
    _Exit(UTIL_EXIT_FAIL); /* not exit(): the atexit flush would fail again */
}

static void out_write_all(const char *p, size_t n)
{
    while (n > 0) {
        int64_t w = write(STDOUT_FILENO, p, n);
        if (w <= 0)
            out_failed();
        p += w;
        n -= (size_t)w;
    }
}

void util_flush(void)
{
    size_t n = out_len;
    out_len = 0;
    out_write_all(out_buf, n);
}

void util_out(const void *buf, size_t n)
{
    if (out_len + n > OUT_SIZE) {
        util_flush();
        if (n >= OUT_SIZE) {
            out_write_all(buf, n);
            return;
        }
    }
    memcpy(out_buf + out_len, buf, n);
    out_len += n;
}

void util_outs(const char *s)
{
    util_out(s, strlen(s));
}

void util_outf(const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(small)) {
        util_out(small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL)
        util_die("out of memory");
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    util_out(big, (size_t)n);
    free(big);
}
