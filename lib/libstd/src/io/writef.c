/*
 * writef.c - openf, writef and vwritef: printf formatting (src/stdio/format.c) in
 * front of open() and write(). writef formats into a stack buffer, or a malloc()ed one
 * when the text is longer, so the whole text goes out in a single write().
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/io.h>
#include "internal/format.h"

#define WRITEF_STACK 512

fd_t openf(const char *restrict fmt, ...)
{
    char path[MAX_PATH + 1];
    va_list ap;
    va_start(ap, fmt);
    size_t len = _std_format_buf(path, sizeof(path), fmt, ap);
    va_end(ap);
    if (len > MAX_PATH) {
        errno = ENAMETOOLONG;
        return ERR;
    }
    return open(path);
}

/* Format into a heap buffer of exactly @len + 1 bytes and write it. */
static int64_t write_long(fd_t fd, size_t len, const char *fmt, va_list ap)
{
    if (len > INT_MAX) {
        errno = EOVERFLOW;
        return ERR;
    }
    char *buf = malloc(len + 1);
    if (buf == NULL)
        return ERR;
    _std_format_buf(buf, len + 1, fmt, ap);
    int64_t written = write(fd, buf, len);
    free(buf);
    return written;
}

int64_t vwritef(fd_t fd, const char *restrict fmt, va_list ap)
{
    char buf[WRITEF_STACK];
    va_list again;
    va_copy(again, ap);
    size_t len = _std_format_buf(buf, sizeof(buf), fmt, ap);
    int64_t written = len < sizeof(buf) ? write(fd, buf, len) : write_long(fd, len, fmt, again);
    va_end(again);
    return written;
}

int64_t writef(fd_t fd, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int64_t written = vwritef(fd, fmt, ap);
    va_end(ap);
    return written;
}
