/*
 * search.c - finding characters and substrings: strchr, strrchr, strstr, strspn,
 * strcspn, strpbrk and the re-entrant tokenizer strtok_r. The character-set functions
 * use a 256-bit membership map, so they are O(|s| + |set|).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* A set of bytes: bit c of the map is set if c is in it (the NUL is never in it). */
typedef struct byteset {
    uint64_t bits[4];
} byteset_t;

static void byteset_init(byteset_t *set, const char *chars)
{
    memset(set, 0, sizeof(*set));
    for (const unsigned char *p = (const unsigned char *)chars; *p; p++)
        set->bits[*p >> 6] |= 1ull << (*p & 63);
}

static bool byteset_has(const byteset_t *set, unsigned char c)
{
    return (set->bits[c >> 6] >> (c & 63)) & 1;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;
    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char *)last;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return (char *)haystack;
    for (; (haystack = strchr(haystack, needle[0])) != NULL; haystack++) {
        if (strncmp(haystack, needle, n) == 0)
            return (char *)haystack;
    }
    return NULL;
}

static size_t span(const char *s, const char *set_chars, bool in)
{
    byteset_t set;
    byteset_init(&set, set_chars);
    size_t n = 0;
    while (s[n] && byteset_has(&set, (unsigned char)s[n]) == in)
        n++;
    return n;
}

size_t strspn(const char *s, const char *accept)
{
    return span(s, accept, true);
}

size_t strcspn(const char *s, const char *reject)
{
    return span(s, reject, false);
}

char *strpbrk(const char *s, const char *accept)
{
    s += strcspn(s, accept);
    return *s ? (char *)s : NULL;
}

char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save)
{
    if (s == NULL)
        s = *save;
    s += strspn(s, delim);
    if (*s == '\0') {
        *save = s;
        return NULL;
    }
    char *end = s + strcspn(s, delim);
    if (*end != '\0')
        *end++ = '\0';
    *save = end;
    return s;
}

char *strtok(char *restrict s, const char *restrict delim)
{
    static char *save; /* strtok is not thread-safe by definition; strtok_r is */
    return strtok_r(s, delim, &save);
}
