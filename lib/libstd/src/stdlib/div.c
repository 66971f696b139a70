/*
 * div.c - div, ldiv, lldiv and imaxdiv: quotient truncated toward zero and remainder
 * in one call, as C's / and % give them; also the intmax_t helpers of inttypes.h.
 */
#include <inttypes.h>
#include <stdlib.h>

div_t div(int num, int den)
{
    return (div_t){ num / den, num % den };
}

ldiv_t ldiv(long num, long den)
{
    return (ldiv_t){ num / den, num % den };
}

lldiv_t lldiv(long long num, long long den)
{
    return (lldiv_t){ num / den, num % den };
}

intmax_t imaxabs(intmax_t x)
{
    return x < 0 ? -x : x;
}

imaxdiv_t imaxdiv(intmax_t num, intmax_t den)
{
    return (imaxdiv_t){ num / den, num % den };
}

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
    return strtoll(s, end, base);
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
    return strtoull(s, end, base);
}
