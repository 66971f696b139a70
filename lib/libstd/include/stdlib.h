/*
 * stdlib.h - memory allocation, number parsing, sorting and process exit.
 *
 * The allocator (src/stdlib/malloc.c) keeps size classes with free lists for blocks up
 * to 32 KiB carved from 256 KiB regions mapped from sys:/zero, and maps every bigger
 * block on its own; one futex-based lock makes it thread-safe. exit() turns the int
 * status into the decimal string the kernel's process_exit() takes (sys/proc.h).
 * strtod() (src/stdlib/strtod.c) converts exactly with the big integers of bignum.c.
 */
#ifndef LIBSTD_STDLIB_H
#define LIBSTD_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/**
 * Allocate @size bytes (uninitialised), aligned to 16 bytes. malloc(0) returns a
 * unique pointer that may be passed to free().
 * @return the block, or NULL with errno ENOMEM (no memory, or @size absurdly large).
 * Locking: takes the allocator lock; may sleep on it. Time: O(1) plus a system call
 * when a new region or a big block is mapped.
 */
void *malloc(size_t size);

/**
 * Allocate @n * @size zeroed bytes.
 * @return the block, or NULL with errno ENOMEM (also when @n * @size overflows).
 */
void *calloc(size_t n, size_t size);

/**
 * Resize the block @p to @size bytes keeping its contents up to the smaller size:
 * in place when it fits, else by moving it. realloc(NULL, n) is malloc(n);
 * realloc(p, 0) returns a minimal block (it does not free @p and return NULL).
 * @return the block, or NULL with errno ENOMEM; @p is then left untouched.
 */
void *realloc(void *p, size_t size);

/**
 * Release a block from malloc(), calloc() or realloc(); free(NULL) does nothing.
 * Freeing a pointer that is not such a block, or freeing it twice, is detected where
 * possible and ends the process with status "abort: free: ...".
 */
void free(void *p);

/**
 * Parse an integer in @base (2-36, or 0: "0x" means 16, a leading "0" means 8, else
 * 10) after optional white space and sign; a "0x"/"0X" prefix is accepted in base 16.
 * @end (if not NULL) receives the first character not parsed, or @s when no digit
 * was found.
 * @return the value; LONG_MAX/LONG_MIN with errno ERANGE on overflow; 0 with errno
 * EINVAL if @base is invalid; 0 (errno untouched) when there is no number.
 */
long strtol(const char *restrict s, char **restrict end, int base);

/** strtol() for long long (the same 64-bit range). Errors: ERANGE, EINVAL. */
long long strtoll(const char *restrict s, char **restrict end, int base);

/**
 * Like strtol() but unsigned: a leading '-' negates the result in unsigned arithmetic
 * ("-1" gives ULONG_MAX).
 * @return the value; ULONG_MAX with errno ERANGE if the magnitude overflows; 0 with
 * errno EINVAL if @base is invalid.
 */
unsigned long strtoul(const char *restrict s, char **restrict end, int base);

/** strtoul() for unsigned long long (the same 64-bit range). Errors: ERANGE, EINVAL. */
unsigned long long strtoull(const char *restrict s, char **restrict end, int base);

/** (int)strtol(@s, NULL, 10): no error reporting beyond errno ERANGE from strtol(). */
int atoi(const char *s);

/** strtol(@s, NULL, 10). */
long atol(const char *s);

/** strtoll(@s, NULL, 10). */
long long atoll(const char *s);

/**
 * Parse a floating-point number after optional white space and sign: decimal digits
 * with an optional point and e exponent, "0x" hex digits with an optional point and p
 * exponent (a power of two), "inf", "infinity" or "nan", "nan(chars)", in any case.
 * The result is correctly rounded (to nearest, ties to even) whatever the length of
 * the input. @end (if not NULL) receives the first character not parsed, or @s when
 * there is no number.
 * @return the value; +-HUGE_VAL with errno ERANGE on overflow; 0 or a subnormal with
 * errno ERANGE when the result underflows and is inexact (as glibc); 0 (errno
 * untouched) when there is no number.
 */
double strtod(const char *restrict s, char **restrict end);

/** strtod() rounded directly to float (never twice). Errors: ERANGE as strtod(). */
float strtof(const char *restrict s, char **restrict end);

/** strtod(): long double is printed and parsed as the nearest double. Errors: ERANGE. */
long double strtold(const char *restrict s, char **restrict end);

/** strtod(@s, NULL). */
double atof(const char *s);

/**
 * Sort @n elements of @size bytes at @base in the order of @cmp (<0, 0, >0), in place
 * and not stable. Time: O(n log n) worst case (introsort); no allocation, O(log n)
 * stack.
 */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/**
 * Find @key among the @n sorted elements of @size bytes at @base.
 * @return a matching element, or NULL. Time: O(log n).
 */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *));

/** |@x| (undefined for INT_MIN, as in C). */
int abs(int x);
/** |@x| for long. */
long labs(long x);
/** |@x| for long long. */
long long llabs(long long x);

/**
 * Register @fn to run at exit(), after those registered later (at most 32).
 * @return 0, or nonzero if the table is full. Thread-safe.
 */
int atexit(void (*fn)(void));

/**
 * End the process: run the atexit() functions, newest first, then process_exit()
 * with @status as a decimal string ("0" for 0, "-1" for -1). Returning from main()
 * calls exit() with its result. Never returns.
 */
_Noreturn void exit(int status);

/** End the process at once with the decimal @status, running no atexit() functions. */
_Noreturn void _Exit(int status);

/** End the process at once with status "abort". Never returns. */
_Noreturn void abort(void);

#endif
