/*
 * string.h - memory and string routines (lib/libstd/src/string/) and strerror()
 * (lib/libstd/src/errno/). None of them allocates except strdup()/strndup(), none sets
 * errno except those two, and all are safe to call from any thread; the compiler also
 * emits calls to memcpy/memmove/memset/memcmp for struct copies, so they live here.
 */
#ifndef LIBSTD_STRING_H
#define LIBSTD_STRING_H

#include <stddef.h>

/**
 * Copy @n bytes from @src to @dst; the regions must not overlap.
 * @return @dst. Errors: none. Time: O(n).
 */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);

/**
 * Copy @n bytes from @src to @dst; the regions may overlap.
 * @return @dst. Errors: none. Time: O(n).
 */
void *memmove(void *dst, const void *src, size_t n);

/**
 * Fill @n bytes at @dst with @c converted to unsigned char.
 * @return @dst. Errors: none. Time: O(n).
 */
void *memset(void *dst, int c, size_t n);

/**
 * Compare @n bytes of @a and @b as unsigned chars.
 * @return <0, 0 or >0 as @a sorts before, equal to or after @b. Errors: none.
 */
int memcmp(const void *a, const void *b, size_t n);

/**
 * Find the first byte equal to (unsigned char)@c in the @n bytes at @s.
 * @return a pointer to it, or NULL if there is none. Errors: none.
 */
void *memchr(const void *s, int c, size_t n);

/**
 * Find the last byte equal to (unsigned char)@c in the @n bytes at @s.
 * @return a pointer to it, or NULL if there is none. Errors: none. Time: O(n).
 */
void *memrchr(const void *s, int c, size_t n);

/** Length of the NUL-terminated @s, NUL excluded. Errors: none. Time: O(length). */
size_t strlen(const char *s);

/**
 * Length of @s, looking at no more than @max bytes.
 * @return the length, or @max if the first @max bytes hold no NUL. Errors: none.
 */
size_t strnlen(const char *s, size_t max);

/**
 * Compare two strings as unsigned chars.
 * @return <0, 0 or >0 as @a sorts before, equal to or after @b. Errors: none.
 */
int strcmp(const char *a, const char *b);

/** Like strcmp() but compare at most @n characters. Errors: none. */
int strncmp(const char *a, const char *b, size_t n);

/** Like strcmp() but ASCII letters compare without regard to case. Errors: none. */
int strcasecmp(const char *a, const char *b);

/** Like strcasecmp() but compare at most @n characters. Errors: none. */
int strncasecmp(const char *a, const char *b, size_t n);

/**
 * Copy @src with its NUL to @dst (which must be large enough; no overlap).
 * @return @dst. Errors: none. Prefer strlcpy().
 */
char *strcpy(char *restrict dst, const char *restrict src);

/**
 * Copy at most @n characters of @src to @dst and pad with NULs to @n bytes; @dst is
 * not terminated if @src has @n or more characters.
 * @return @dst. Errors: none.
 */
char *strncpy(char *restrict dst, const char *restrict src, size_t n);

/** Append @src to the string at @dst (which must be large enough). @return @dst. */
char *strcat(char *restrict dst, const char *restrict src);

/** Append at most @n characters of @src to @dst, then a NUL. @return @dst. */
char *strncat(char *restrict dst, const char *restrict src, size_t n);

/**
 * Copy @src into the @size-byte buffer @dst, truncating, always NUL-terminating when
 * @size > 0.
 * @return strlen(@src): truncation happened if it is >= @size. Errors: none.
 */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);

/**
 * Append @src to the string in the @size-byte buffer @dst, truncating, always
 * NUL-terminating if @dst held a NUL within @size bytes.
 * @return the length the whole string would have had (truncated if >= @size).
 */
size_t strlcat(char *restrict dst, const char *restrict src, size_t size);

/** First occurrence of (char)@c in @s (the NUL counts). @return it, or NULL. */
char *strchr(const char *s, int c);

/** Last occurrence of (char)@c in @s (the NUL counts). @return it, or NULL. */
char *strrchr(const char *s, int c);

/**
 * First occurrence of @needle in @haystack.
 * @return it, @haystack if @needle is empty, or NULL. Time: O(n * m) worst case.
 */
char *strstr(const char *haystack, const char *needle);

/** Length of the longest prefix of @s made only of characters in @accept. */
size_t strspn(const char *s, const char *accept);

/** Length of the longest prefix of @s made only of characters not in @reject. */
size_t strcspn(const char *s, const char *reject);

/** First character of @s that is in @accept. @return it, or NULL. */
char *strpbrk(const char *s, const char *accept);

/**
 * Split a string into tokens separated by characters of @delim, re-entrantly: pass
 * the string the first time and NULL after, with the same @save.
 * @return the next token (NUL-terminated in place), or NULL when none is left.
 */
char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save);

/**
 * strtok_r() with one hidden @save shared by the whole process: not thread-safe, and a
 * caller must not interleave two tokenisations. Prefer strtok_r().
 * @return the next token, or NULL when none is left.
 */
char *strtok(char *restrict s, const char *restrict delim);

/**
 * Compare two strings in the collation order of the current locale; only the C locale
 * exists, so this is strcmp(). Errors: none.
 */
int strcoll(const char *a, const char *b);

/**
 * Transform @src so that strcmp() on results orders as strcoll() on originals (in the
 * C locale: a copy), storing at most @n bytes (NUL included) at @dst.
 * @return the length of the whole transformed string; @dst is unspecified if it is
 * >= @n (it is left untouched here). Errors: none.
 */
size_t strxfrm(char *restrict dst, const char *restrict src, size_t n);

/**
 * A malloc()ed copy of @s (free it with free()).
 * @return the copy, or NULL with errno ENOMEM.
 */
char *strdup(const char *s);

/**
 * A malloc()ed copy of at most @n characters of @s, always NUL-terminated.
 * @return the copy, or NULL with errno ENOMEM.
 */
char *strndup(const char *s, size_t n);

/**
 * A readable message for the error code @err (an E* value from errno.h).
 * @return a static string, never NULL or empty: "success" for 0, a distinct message for
 * every code of include/abi/errno.h, "unknown error" for anything else. Thread-safe.
 */
char *strerror(int err);

#endif
