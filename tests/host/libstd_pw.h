/*
 * libstd_pw.h - the libstd functions the host tests call, under the names mk/host.mk
 * gives them (pw_ + the libstd name), declared here because libstd's own headers
 * cannot be mixed with glibc's.
 */
#ifndef TESTS_HOST_LIBSTD_PW_H
#define TESTS_HOST_LIBSTD_PW_H

#include <stdarg.h>
#include <stddef.h>

#define PW_MATH1(name) double pw_##name(double x);
#define PW_MATH2(name) double pw_##name(double x, double y);
PW_MATH1(fabs) PW_MATH1(floor) PW_MATH1(ceil) PW_MATH1(trunc) PW_MATH1(round)
PW_MATH1(rint) PW_MATH1(sqrt) PW_MATH1(exp) PW_MATH1(exp2) PW_MATH1(expm1)
PW_MATH1(log) PW_MATH1(log2) PW_MATH1(log10) PW_MATH1(log1p) PW_MATH1(sin)
PW_MATH1(cos) PW_MATH1(tan) PW_MATH1(asin) PW_MATH1(acos) PW_MATH1(atan)
PW_MATH1(sinh) PW_MATH1(cosh) PW_MATH1(tanh)
PW_MATH2(fmod) PW_MATH2(copysign) PW_MATH2(fmin) PW_MATH2(fmax) PW_MATH2(nextafter)
PW_MATH2(hypot) PW_MATH2(pow) PW_MATH2(atan2)
double pw_modf(double x, double *ip);
double pw_frexp(double x, int *e);
double pw_ldexp(double x, int n);
double pw_scalbn(double x, int n);
long pw_lround(double x);
float pw_sinf(float x);
float pw_powf(float x, float y);
float pw_sqrtf(float x);
float pw_ldexpf(float x, int n);

double pw_strtod(const char *s, char **end);
float pw_strtof(const char *s, char **end);
double pw_atof(const char *s);

/* The printf engine (src/stdio/format.c) and its sink (internal/format.h). */
typedef struct pw_sink {
    void (*put)(struct pw_sink *sink, const char *s, size_t n);
} pw_sink_t;
size_t pw__std_format(pw_sink_t *sink, const char *fmt, va_list ap);

/* The scanf engine through sscanf (src/stdio/scan.c). */
int pw_vsscanf(const char *s, const char *fmt, va_list ap);

#endif
