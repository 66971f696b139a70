/*
 * string.h - the kernel's memory and string routines (lib/string.c).
 *
 * The usual C names (memcpy, strlen, ...) so that code reads as expected and so gcc's
 * own calls to memcpy/memset for struct copies land here; plus string_to_u64 for
 * parsing numbers from the command line and sysfs writes. Built into the kernel and,
 * with HOST_TEST defined, into the host tests under kmem_/kstr_ names so they do not
 * collide with the host's C library.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stddef.h>
#include <stdint.h>

#ifdef HOST_TEST
#define memcpy kmem_memcpy
#define memmove kmem_memmove
#define memset kmem_memset
#define memcmp kmem_memcmp
#define strlen kstr_strlen
#define strnlen kstr_strnlen
#define strcmp kstr_strcmp
#define strncmp kstr_strncmp
#define strchr kstr_strchr
#define strrchr kstr_strrchr
#define strlcpy kstr_strlcpy
#endif

/**
 * Copy @n bytes from @src to @dst; the regions must not overlap.
 * @return @dst. Locking: none. Time: O(n).
 */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);

/**
 * Copy @n bytes from @src to @dst; the regions may overlap.
 * @return @dst. Locking: none. Time: O(n).
 */
void *memmove(void *dst, const void *src, size_t n);

/**
 * Fill @n bytes at @dst with the byte value @c (converted to unsigned char).
 * @return @dst. Locking: none. Time: O(n).
 */
void *memset(void *dst, int c, size_t n);

/**
 * Compare @n bytes of @a and @b as unsigned chars.
 * @return <0, 0 or >0 as @a sorts before, equal to or after @b. Locking: none. Time: O(n).
 */
int memcmp(const void *a, const void *b, size_t n);

/**
 * Length of the NUL-terminated string @s, not counting the NUL.
 * @return the length. Locking: none. Time: O(length).
 */
size_t strlen(const char *s);

/**
 * Length of @s, but look at no more than @max bytes.
 * @return the length, or @max if no NUL is found in the first @max bytes.
 * Locking: none. Time: O(min(length, max)).
 */
size_t strnlen(const char *s, size_t max);

/**
 * Compare two NUL-terminated strings as unsigned chars.
 * @return <0, 0 or >0 as @a sorts before, equal to or after @b. Locking: none.
 * Time: O(length of the common prefix).
 */
int strcmp(const char *a, const char *b);

/**
 * Like strcmp() but compare at most @n characters.
 * @return <0, 0 or >0. Locking: none. Time: O(min(n, common prefix)).
 */
int strncmp(const char *a, const char *b, size_t n);

/**
 * Find the first occurrence of the character @c (converted to char) in @s; the
 * terminating NUL counts as part of the string, so strchr(s, 0) finds the end.
 * @return a pointer to it, or NULL. Locking: none. Time: O(length).
 */
char *strchr(const char *s, int c);

/**
 * Find the last occurrence of @c in @s (the NUL counts, as for strchr()).
 * @return a pointer to it, or NULL. Locking: none. Time: O(length).
 */
char *strrchr(const char *s, int c);

/**
 * Copy the string @src into @dst of @size bytes, BSD style: copy at most size - 1
 * characters and always NUL-terminate when @size > 0.
 * @return strlen(@src); a result >= @size means the copy was truncated.
 * Locking: none. Time: O(strlen(src)).
 */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);

/**
 * Parse an unsigned number from @s. No leading blanks or sign are accepted. @base is
 * 2..36, or 0 to choose from the prefix: "0x"/"0X" hexadecimal, "0" octal, else
 * decimal; base 16 also accepts a "0x" prefix. A prefix not followed by a digit is not
 * consumed ("0x" parses as 0 and stops at the 'x').
 * @param s     the text; parsing stops at the first character that is not a digit.
 * @param base  0 or 2..36.
 * @param out   receives the value (UINT64_MAX on -ERANGE, untouched on -EINVAL).
 * @param end   if not NULL, receives the first unparsed character (@s on -EINVAL).
 * @return 0; -EINVAL if @base is invalid or there is no digit; -ERANGE if the value does
 * not fit in 64 bits (all its digits are still consumed). Locking: none. Time: O(digits).
 */
int string_to_u64(const char *s, int base, uint64_t *out, const char **end);

#endif
