/*
 * mb.c - multibyte characters in the C locale, the only one (locale.h): every byte is
 * one character and wchar_t holds its value, so MB_CUR_MAX is 1 and no state exists.
 */
#include <stdlib.h>

int mblen(const char *s, size_t n)
{
    if (s == NULL)
        return 0; /* no shift states */
    if (n == 0)
        return -1;
    return *s != '\0';
}

int mbtowc(wchar_t *restrict wc, const char *restrict s, size_t n)
{
    if (s == NULL)
        return 0;
    if (n == 0)
        return -1;
    if (wc != NULL)
        *wc = (wchar_t)(unsigned char)*s;
    return *s != '\0';
}

int wctomb(char *s, wchar_t wc)
{
    if (s == NULL)
        return 0;
    if (wc < 0 || wc > 0xff)
        return -1;
    *s = (char)wc;
    return 1;
}
