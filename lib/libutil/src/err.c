/*
 * err.c - the program's name and usage text, and its one-line error messages
 * ("<name>: <what>: <why>" on descriptor 2, written whole in one write() so lines of
 * several processes sharing a console do not interleave). See util.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

#define ERROR_MAX 1024 /* a longer message is cut, but still ends with a newline */

static const char *prog_name = "?";  /* written once by util_init */
static const char *prog_usage = "";  /* written once by util_init */

static void flush_at_exit(void)
{
    util_flush();
}

void util_init(const char *name, const char *usage)
{
    prog_name = name;
    prog_usage = usage;
    atexit(flush_at_exit);
}

const char *util_name(void)
{
    return prog_name;
}

_Noreturn void util_help(void)
{
    util_outf("usage: %s\n", prog_usage);
    exit(UTIL_EXIT_OK);
}

static void verror(const char *fmt, va_list ap)
{
    char line[ERROR_MAX];
    int saved = errno;
    int n = snprintf(line, sizeof(line), "%s: ", prog_name);
    if (n < 0 || (size_t)n >= sizeof(line) - 1)
        n = 0;
    int m = vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    size_t len = m < 0 ? (size_t)n : strnlen(line, sizeof(line) - 2);
    line[len++] = '\n';
    write(STDERR_FILENO, line, len);
    errno = saved;
}

void util_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(fmt, ap);
    va_end(ap);
}

void util_error_errno(const char *what)
{
    util_error("%s: %s", what, strerror(errno));
}

_Noreturn void util_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(fmt, ap);
    va_end(ap);
    exit(UTIL_EXIT_FAIL);
}

_Noreturn void util_die_errno(const char *what)
{
    util_error_errno(what);
    exit(UTIL_EXIT_FAIL);
}

_Noreturn void util_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(fmt, ap);
    va_end(ap);
    exit(UTIL_EXIT_USAGE);
}
