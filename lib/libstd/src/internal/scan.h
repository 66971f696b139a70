/*
 * scan.h - the scanf engine shared by sscanf, vsscanf and readf (src/stdio/scan.c).
 * The engine parses the format and pulls its input one byte at a time from a source;
 * each caller supplies the source (a string now, later a FILE), the mirror image of the
 * printf sink in internal/format.h.
 */
#ifndef LIBSTD_INTERNAL_SCAN_H
#define LIBSTD_INTERNAL_SCAN_H

#include <stdarg.h>
#include <stddef.h>

/**
 * Where scanned input comes from. get() returns the next byte as an unsigned char, or
 * EOF when the input has ended (and keeps returning EOF). The engine reads one byte
 * ahead; when it stops it gives that byte back with unget() (at most once per scan, and
 * never EOF), so a source is left just after the last byte the format consumed.
 */
typedef struct std_source {
    int (*get)(struct std_source *src);
    void (*unget)(struct std_source *src, int c);
} std_source_t;

/**
 * Scan @src under the control of @fmt, storing through the pointers in @ap (see
 * stdio.h for the directives and conversions).
 * @return the number of assignments, or EOF if the input ended before the first
 * conversion completed. Never touches errno.
 */
int _std_scan(std_source_t *src, const char *fmt, va_list ap);

#endif
