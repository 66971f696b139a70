/*
 * file_io.c - the byte, line and block functions of stdio.h on streams: each takes the
 * stream's lock around one of the primitives of file.c (the *_unlocked ones expect the
 * caller to hold it through flockfile()). Also the indicators, getline/getdelim and
 * perror.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "internal/file.h"

int getc_unlocked(FILE *f)
{
    return _std_file_getc(f);
}

int fgetc(FILE *f)
{
    _std_file_lock(f);
    int c = _std_file_getc(f);
    _std_file_unlock(f);
    return c;
}

int getc(FILE *f)
{
    return fgetc(f);
}

int getchar(void)
{
    return fgetc(stdin);
}

int getchar_unlocked(void)
{
    return _std_file_getc(stdin);
}

int ungetc(int c, FILE *f)
{
    _std_file_lock(f);
    c = _std_file_ungetc(c, f);
    _std_file_unlock(f);
    return c;
}

char *fgets(char *restrict s, int size, FILE *restrict f)
{
    if (size <= 0)
        return NULL;
    _std_file_lock(f);
    int n = 0, c = 0;
    while (n < size - 1 && c != '\n' && (c = _std_file_getc(f)) != EOF)
        s[n++] = (char)c;
    bool failed = n == 0 || f->error;
    _std_file_unlock(f);
    if (failed)
        return NULL;
    s[n] = '\0';
    return s;
}

int putc_unlocked(int c, FILE *f)
{
    unsigned char ch = (unsigned char)c;
    return _std_file_write(f, &ch, 1) == 1 ? ch : EOF;
}

int fputc(int c, FILE *f)
{
    _std_file_lock(f);
    c = putc_unlocked(c, f);
    _std_file_unlock(f);
    return c;
}

int putc(int c, FILE *f)
{
    return fputc(c, f);
}

int putchar(int c)
{
    return fputc(c, stdout);
}

int putchar_unlocked(int c)
{
    return putc_unlocked(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
    size_t len = strlen(s);
    _std_file_lock(f);
    size_t n = _std_file_write(f, s, len);
    _std_file_unlock(f);
    return n == len ? 0 : EOF;
}

int puts(const char *s)
{
    size_t len = strlen(s);
    _std_file_lock(stdout);
    bool ok = _std_file_write(stdout, s, len) == len && _std_file_write(stdout, "\n", 1) == 1;
    _std_file_unlock(stdout);
    return ok ? 0 : EOF;
}

/* @n elements of @size bytes in bytes; 0 (with errno EOVERFLOW if it overflows) for none. */
static size_t total_bytes(size_t size, size_t n)
{
    if (size != 0 && n > SIZE_MAX / size) {
        errno = EOVERFLOW;
        return 0;
    }
    return size * n;
}

size_t fread(void *restrict data, size_t size, size_t n, FILE *restrict f)
{
    size_t bytes = total_bytes(size, n);
    if (bytes == 0)
        return 0;
    _std_file_lock(f);
    size_t got = _std_file_read(f, data, bytes);
    _std_file_unlock(f);
    return got / size;
}

size_t fwrite(const void *restrict data, size_t size, size_t n, FILE *restrict f)
{
    size_t bytes = total_bytes(size, n);
    if (bytes == 0)
        return 0;
    _std_file_lock(f);
    size_t put = _std_file_write(f, data, bytes);
    _std_file_unlock(f);
    return put / size;
}

int feof(FILE *f)
{
    _std_file_lock(f);
    int r = f->eof;
    _std_file_unlock(f);
    return r;
}

int ferror(FILE *f)
{
    _std_file_lock(f);
    int r = f->error;
    _std_file_unlock(f);
    return r;
}

void clearerr(FILE *f)
{
    _std_file_lock(f);
    f->eof = f->error = false;
    _std_file_unlock(f);
}

void flockfile(FILE *f)
{
    _std_file_lock(f);
}

void funlockfile(FILE *f)
{
    _std_file_unlock(f);
}

/* Grow *@line (of *@cap bytes) to hold at least @need bytes. @return 0, or ERR. */
static int line_reserve(char **line, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t grown = *cap < 64 ? 64 : *cap;
    while (grown < need)
        grown *= 2;
    char *p = realloc(*line, grown);
    if (p == NULL)
        return ERR;
    *line = p;
    *cap = grown;
    return 0;
}

int64_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
    if (line == NULL || cap == NULL) {
        errno = EINVAL;
        return ERR;
    }
    if (*line == NULL)
        *cap = 0;
    _std_file_lock(f);
    size_t n = 0;
    int c = 0, rc = 0;
    while (c != delim && (c = _std_file_getc(f)) != EOF) {
        if ((rc = line_reserve(line, cap, n + 2)) == ERR)
            break;
        (*line)[n++] = (char)c;
    }
    bool failed = rc == ERR || n == 0 || f->error;
    if (rc == 0 && line_reserve(line, cap, n + 1) == 0)
        (*line)[n] = '\0';
    _std_file_unlock(f);
    return failed ? ERR : (int64_t)n;
}

int64_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
    return getdelim(line, cap, '\n', f);
}

void perror(const char *s)
{
    const char *msg = strerror(errno);
    if (s != NULL && *s != '\0')
        fprintf(stderr, "%s: %s\n", s, msg);
    else
        fprintf(stderr, "%s\n", msg);
}
