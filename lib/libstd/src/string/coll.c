/*
 * coll.c - strcoll and strxfrm. Only the C locale exists (locale.h), whose collation
 * order is the byte order of strcmp(), so strxfrm() is a bounded copy.
 */
#include <string.h>

int strcoll(const char *a, const char *b)
{
    return strcmp(a, b);
}

size_t strxfrm(char *restrict dst, const char *restrict src, size_t n)
{
    size_t len = strlen(src);
    if (len < n)
        memcpy(dst, src, len + 1);
    return len;
}
