/*
 * stdlib.h - memory allocation, number parsing, sorting, the environment, random
 * numbers, multibyte characters (C locale) and process exit.
 *
 * The allocator (src/stdlib/malloc.c) keeps size classes with free lists for blocks up
 * to 32 KiB carved from 256 KiB regions mapped from sys:/zero, and maps every bigger
 * block on its own; one futex-based lock makes it thread-safe. exit() turns the int
 * status into the decimal string the kernel's process_exit() takes (sys/proc.h).
 */
#ifndef LIBSTD_STDLIB_H
#define LIBSTD_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/** The largest value rand() returns. */
#define RAND_MAX 0x7fffffff

/** The most bytes a multibyte character has: the C locale is the only one. */
#define MB_CUR_MAX 1

#ifndef __cplusplus
typedef __WCHAR_TYPE__ wchar_t;
#endif

/** div(): quotient and remainder. */
typedef struct { int quot, rem; } div_t;
/** ldiv(): quotient and remainder. */
typedef struct { long quot, rem; } ldiv_t;
/** lldiv(): quotient and remainder. */
typedef struct { long long quot, rem; } lldiv_t;

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

/** @num / @den and @num % @den (truncated toward zero); @den 0 is undefined, as in C. */
div_t div(int num, int den);
/** div() for long. */
ldiv_t ldiv(long num, long den);
/** div() for long long. */
lldiv_t lldiv(long long num, long long den);

/**
 * A pseudo-random number in [0, RAND_MAX], from a 64-bit linear congruential generator
 * (not for cryptography). The sequence after srand(s) is the same in every run; with
 * no srand() it is the one of srand(1). Thread-safe (one shared atomic state).
 */
int rand(void);

/** Restart rand()'s sequence from @seed. Thread-safe. */
void srand(unsigned seed);

/**
 * The environment: NULL-terminated "NAME=value" strings. At start-up it is what the
 * parent passed to spawn() (init starts with an empty one); spawn() passes it on.
 * Change it only with setenv(), unsetenv() and clearenv(). May be NULL after clearenv().
 */
extern char **environ;

/**
 * The value of the environment variable @name.
 * @return a pointer into the environment (valid until the variable next changes), or
 * NULL if it is not set or @name is NULL, empty or holds '='. Locking: takes the
 * environment lock. Time: O(variables).
 */
char *getenv(const char *name);

/**
 * Set the environment variable @name to @value (a copy), replacing an existing value
 * only if @overwrite is nonzero.
 * @return 0, or ERR with errno: EINVAL (@name NULL, empty or holding '=', @value
 * NULL); ENOMEM. Locking: takes the environment lock.
 */
int setenv(const char *name, const char *value, int overwrite);

/**
 * Remove the environment variable @name (not being set is no error).
 * @return 0, or ERR with errno EINVAL (@name NULL, empty or holding '=') or ENOMEM.
 */
int unsetenv(const char *name);

/** Remove every environment variable (environ becomes NULL). @return 0. */
int clearenv(void);

/**
 * The length of the multibyte character at @s, at most @n bytes: in the C locale 1,
 * or 0 for the NUL. @s NULL: 0 (no shift states).
 * @return the length, 0, or -1 if @n is 0.
 */
int mblen(const char *s, size_t n);

/** Convert the character at @s (at most @n bytes) into *@wc. @return as mblen(). */
int mbtowc(wchar_t *restrict wc, const char *restrict s, size_t n);

/** Store @wc as one byte at @s. @return 1, 0 if @s is NULL, -1 if @wc is not a byte. */
int wctomb(char *s, wchar_t wc);

/**
 * Run the command line @command with the shell: home:/bin/shell -c @command, with our
 * descriptors 0, 1, 2 and environment, waiting until it ends (streams are flushed
 * first). @command NULL asks whether the shell exists.
 * @return for NULL, nonzero if home:/bin/shell exists; else the command's exit status
 * as a number when it is a decimal number 0..255 ("0" gives 0), 128 when it is
 * anything else (a note such as "pagefault ..." or "kill"); -1 with errno from
 * spawn() (ENOENT: no shell) or from reading the wait file.
 */
int system(const char *command);

/**
 * Register @fn to run at exit(), after those registered later (at most 32).
 * @return 0, or nonzero if the table is full. Thread-safe.
 */
int atexit(void (*fn)(void));

/**
 * End the process: run the atexit() functions, newest first, flush and close every
 * stdio stream (stdio.h), then process_exit() with @status as a decimal string ("0"
 * for 0, "-1" for -1). Returning from main()
 * calls exit() with its result. Never returns.
 */
_Noreturn void exit(int status);

/**
 * End the process at once with the decimal @status, running no atexit() functions and
 * flushing no stream.
 */
_Noreturn void _Exit(int status);

/**
 * End the process at once with status "abort" (what a shell prints, like a note),
 * flushing no stream. If the process has a SIGABRT handler (signal.h), it runs first.
 * Never returns.
 */
_Noreturn void abort(void);

#endif
