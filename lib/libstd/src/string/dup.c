/*
 * dup.c - strdup and strndup, the two string functions that allocate (with malloc(),
 * src/stdlib/malloc.c, which sets errno ENOMEM on failure).
 */
#include <stdlib.h>
#include <string.h>

char *strdup(const char *s)
{
    return strndup(s, (size_t)-1);
}

char *strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}
