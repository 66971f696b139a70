/*
 * strtod.h - the parser behind strtod() and strtof() (src/stdlib/strtod.c), shared with
 * the scanf engine, which collects a number's characters and converts them with it.
 */
#ifndef LIBSTD_INTERNAL_STRTOD_H
#define LIBSTD_INTERNAL_STRTOD_H

#include <stdbool.h>
#include <stdint.h>

/**
 * Parse a floating-point number at @s as strtod() does (white space, sign, decimal or
 * hex digits, inf, nan) into the bits of a double (@is_float 0) or a float (1, in the
 * low 32 bits of *@out), correctly rounded.
 * @return the end of the number, or @s when there is none (*@out is then 0);
 * *@range is set on overflow and on an inexact subnormal or zero result (ERANGE).
 */
const char *_std_strto_bits(const char *s, int is_float, uint64_t *out, bool *range);

#endif
