/*
 * readf.c - readf and vreadf: one read() in front of the scanf engine
 * (src/stdio/scan.c), the mirror of writef. The small text files of sys: (a process's
 * status, a ctl reply) are read whole into a stack buffer, NUL-terminated and scanned
 * with vsscanf().
 */
#include <errno.h>
#include <stdio.h>
#include <sys/io.h>

int64_t vreadf(fd_t fd, const char *restrict fmt, va_list ap)
{
    char buf[READF_MAX + 1];
    int64_t n = read(fd, buf, READF_MAX);
    if (n == ERR)
        return ERR;
    buf[n] = '\0';
    int assigned = vsscanf(buf, fmt, ap);
    if (assigned == EOF) {
        errno = EINVAL;
        return ERR;
    }
    return assigned;
}

int64_t readf(fd_t fd, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int64_t assigned = vreadf(fd, fmt, ap);
    va_end(ap);
    return assigned;
}
