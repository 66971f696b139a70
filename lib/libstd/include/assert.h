/*
 * assert.h - assert(): when @expr is false, write "assertion failed: <expr>, file F,
 * line L, function fn" to stderr and abort() (exit status "abort"). With NDEBUG
 * defined before the include, assert() evaluates nothing. Like C's, this header may be
 * included again with NDEBUG changed.
 */
#undef assert

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
/** Report a failed assertion and abort(). Never returns. */
_Noreturn void _std_assert_fail(const char *expr, const char *file, int line, const char *func);
#define assert(expr) ((expr) ? (void)0 : _std_assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef __cplusplus
#define static_assert _Static_assert
#endif
