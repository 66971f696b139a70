/*
 * format_float.h - the floating-point conversions of the printf engine (%f %F %e %E
 * %g %G %a %A, src/stdio/format_float.c), kept apart from format.c, which parses the
 * format and calls them with the parsed specification.
 */
#ifndef LIBSTD_INTERNAL_FORMAT_FLOAT_H
#define LIBSTD_INTERNAL_FORMAT_FLOAT_H

#include <stdbool.h>
#include <stddef.h>
#include "internal/format_out.h"

/** A parsed floating-point conversion: %[flags][width][.precision]conv. */
typedef struct std_float_spec {
    bool left, plus, space, alt, zero; /* - + space # 0 */
    int width;                         /* 0: none */
    int precision;                     /* -1: none */
    char conv;                         /* one of fFeEgGaA */
} std_float_spec_t;

/**
 * Write @v to @o as @sp says, exactly as glibc does: the decimal conversions are
 * correctly rounded from the exact binary value (half to even), %a prints the
 * significand in hex (subnormals as 0x0.xxxp-1022), infinities and NaNs print as
 * inf/nan (INF/NAN for the capital conversions) with their sign.
 * The characters are counted in @o. Allocates nothing; uses about 1.5 KiB of stack.
 */
void _std_format_float(out_t *o, const std_float_spec_t *sp, double v);

#endif
