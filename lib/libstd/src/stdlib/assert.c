/*
 * assert.c - what a failed assert() (include/assert.h) does: one line on stderr, then
 * abort().
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

_Noreturn void _std_assert_fail(const char *expr, const char *file, int line, const char *func)
{
    fprintf(stderr, "assertion failed: %s, file %s, line %d, function %s\n", expr, file, line, func);
    abort();
}
