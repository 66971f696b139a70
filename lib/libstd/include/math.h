/*
 * math.h - the math library (src/math/): classification macros on gcc's builtins,
 * exact operations (rounding, fmod, frexp, ldexp, nextafter...), sqrt through SSE2,
 * and exp, log, pow, the trigonometric and hyperbolic functions written here with
 * Cody-Waite and Payne-Hanek argument reduction (sin, cos and tan are right for every
 * finite argument) and double-double arithmetic where it matters. Accuracy: the exact
 * operations are exact and sqrt is correctly rounded; exp, exp2, expm1, the logarithms,
 * pow, sin, cos, the inverse functions and hypot are within 1 ulp of the true result;
 * tan, sinh, cosh and tanh within 2 (tests/host/test_libm.c checks these bounds on
 * thousands of arguments against glibc's long double functions).
 * The float variants compute in double and round once (at most 1 ulp off in float).
 * Errors: these functions never set errno (math_errhandling is 0): a domain error
 * returns NaN, a range error returns +-HUGE_VAL or 0 as C says.
 */
#ifndef LIBSTD_MATH_H
#define LIBSTD_MATH_H

/** +infinity as double and float (overflowing results), infinity and a quiet NaN. */
/** @{ */
#define HUGE_VAL (__builtin_huge_val())
#define HUGE_VALF (__builtin_huge_valf())
#define INFINITY (__builtin_inff())
#define NAN (__builtin_nanf(""))
/** @} */

/** The classes fpclassify() returns. */
/** @{ */
#define FP_NAN 0
#define FP_INFINITE 1
#define FP_ZERO 2
#define FP_SUBNORMAL 3
#define FP_NORMAL 4
/** @} */

/** Errors are reported by neither errno nor exceptions (see above). */
/** @{ */
#define math_errhandling 0
#define MATH_ERRNO 1
#define MATH_ERREXCEPT 2
/** @} */

/** Common constants (POSIX), as doubles. */
/** @{ */
#define M_E 2.7182818284590452354
#define M_LOG2E 1.4426950408889634074
#define M_LOG10E 0.43429448190325182765
#define M_LN2 0.69314718055994530942
#define M_LN10 2.30258509299404568402
#define M_PI 3.14159265358979323846
#define M_PI_2 1.57079632679489661923
#define M_PI_4 0.78539816339744830962
#define M_1_PI 0.31830988618379067154
#define M_2_PI 0.63661977236758134308
#define M_SQRT2 1.41421356237309504880
#define M_SQRT1_2 0.70710678118654752440
/** @} */

/** The types float arithmetic is evaluated in (FLT_EVAL_METHOD 0: SSE2). */
typedef double double_t;
/** See double_t. */
typedef float float_t;

/** One of FP_NAN, FP_INFINITE, FP_ZERO, FP_SUBNORMAL, FP_NORMAL for any real @x. */
#define fpclassify(x) \
    __builtin_fpclassify(FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, FP_ZERO, x)
/** Nonzero if @x is a NaN. */
#define isnan(x) __builtin_isnan(x)
/** Nonzero if @x is an infinity (of either sign). */
#define isinf(x) __builtin_isinf(x)
/** Nonzero if @x is neither infinite nor NaN. */
#define isfinite(x) __builtin_isfinite(x)
/** Nonzero if @x is finite, not zero and not subnormal. */
#define isnormal(x) __builtin_isnormal(x)
/** Nonzero if the sign bit of @x is set (also for -0 and negative NaNs). */
#define signbit(x) __builtin_signbit(x)
/** Comparisons that are false, without raising anything, when either side is NaN. */
/** @{ */
#define isgreater(x, y) __builtin_isgreater(x, y)
#define isgreaterequal(x, y) __builtin_isgreaterequal(x, y)
#define isless(x, y) __builtin_isless(x, y)
#define islessequal(x, y) __builtin_islessequal(x, y)
#define islessgreater(x, y) __builtin_islessgreater(x, y)
#define isunordered(x, y) __builtin_isunordered(x, y)
/** @} */

/* ---- exact operations (src/math/round.c, classify.c, fmod.c, scale.c) */

/** |@x|. */
double fabs(double x);
/** The largest integer not above @x (@x itself for integers, infinities and NaN). */
double floor(double x);
/** The smallest integer not below @x. */
double ceil(double x);
/** @x rounded toward zero to an integer. */
double trunc(double x);
/** @x rounded to the nearest integer, halfway cases away from zero. */
double round(double x);
/** @x rounded to the nearest integer, halfway cases to even (the default rounding). */
double rint(double x);
/** @x rounded to the nearest long, halfway cases away from zero (undefined if too big). */
long lround(double x);
/** Split @x into its integer part (stored in *@ip) and its fraction, both with @x's sign. */
double modf(double x, double *ip);
/** The exact remainder @x - n*@y with n = trunc(@x/@y); NaN if @y is 0 or @x infinite. */
double fmod(double x, double y);
/** Split @x into m * 2^*@e with 0.5 <= |m| < 1 (m = @x and *@e = 0 for 0, inf, NaN). */
double frexp(double x, int *e);
/** @x * 2^@n, rounded once (overflow gives +-HUGE_VAL, underflow 0 or a subnormal). */
double ldexp(double x, int n);
/** The same as ldexp() (FLT_RADIX is 2). */
double scalbn(double x, int n);
/** @x with the sign of @y. */
double copysign(double x, double y);
/** The smaller of @x and @y; a NaN argument is ignored if the other is a number. */
double fmin(double x, double y);
/** The larger of @x and @y; a NaN argument is ignored if the other is a number. */
double fmax(double x, double y);
/** The next double after @x in the direction of @y (@y if equal, NaN if either is). */
double nextafter(double x, double y);

/* ---- roots, exponentials, logarithms (src/math/sqrt.c, exp.c, log.c, pow.c) */

/** The correctly rounded square root (SSE2 sqrtsd); NaN for @x < 0. */
double sqrt(double x);
/** sqrt(@x^2 + @y^2) without intermediate overflow or underflow; inf if either is. */
double hypot(double x, double y);
/** e^@x. */
double exp(double x);
/** 2^@x (exact for integer @x in range). */
double exp2(double x);
/** e^@x - 1, accurate near 0. */
double expm1(double x);
/** The natural logarithm; -inf for 0, NaN for @x < 0. */
double log(double x);
/** The base-2 logarithm (exact for powers of 2). */
double log2(double x);
/** The base-10 logarithm. */
double log10(double x);
/** log(1 + @x), accurate near 0; -inf for -1, NaN below. */
double log1p(double x);
/** @x raised to @y with C's special cases (pow(x, 0) = 1, pow(1, y) = 1, NaN for a
 *  negative @x and a non-integer @y, ...). */
double pow(double x, double y);

/* ---- trigonometric and hyperbolic functions (src/math/trig.c, atan.c, hyper.c) */

/** Sine of @x radians (correctly reduced for every finite @x; NaN for inf). */
double sin(double x);
/** Cosine of @x radians. */
double cos(double x);
/** Tangent of @x radians. */
double tan(double x);
/** Arc sine in [-pi/2, pi/2]; NaN outside [-1, 1]. */
double asin(double x);
/** Arc cosine in [0, pi]; NaN outside [-1, 1]. */
double acos(double x);
/** Arc tangent in [-pi/2, pi/2]. */
double atan(double x);
/** The angle of the point (@x, @y) in [-pi, pi], with C's rules for zeros and infinities. */
double atan2(double y, double x);
/** Hyperbolic sine. */
double sinh(double x);
/** Hyperbolic cosine. */
double cosh(double x);
/** Hyperbolic tangent. */
double tanh(double x);

/* ---- float variants (src/math/float.c) */

/** The float variants: the double function of the same name, its result rounded to
 *  float once. */
/** @{ */
float fabsf(float x);
float floorf(float x);
float ceilf(float x);
float truncf(float x);
float roundf(float x);
float modff(float x, float *ip);
float fmodf(float x, float y);
float frexpf(float x, int *e);
float ldexpf(float x, int n);
float scalbnf(float x, int n);
float copysignf(float x, float y);
float fminf(float x, float y);
float fmaxf(float x, float y);
float nextafterf(float x, float y);
float sqrtf(float x);
float hypotf(float x, float y);
float expf(float x);
float exp2f(float x);
float expm1f(float x);
float logf(float x);
float log2f(float x);
float log10f(float x);
float log1pf(float x);
float powf(float x, float y);
float sinf(float x);
float cosf(float x);
float tanf(float x);
float asinf(float x);
float acosf(float x);
float atanf(float x);
float atan2f(float y, float x);
float sinhf(float x);
float coshf(float x);
float tanhf(float x);
/** @} */

#endif
