/*
 * stdio.h - streams and formatted I/O.
 *
 * A FILE (src/stdio/file*.c) is a buffered stream over a descriptor: fopen() opens a
 * path of sys/io.h with the mode turned into path flags, reading and writing go through
 * a BUFSIZ buffer, and every function locks the stream, so threads may share one. The
 * standard streams: stdin (fully buffered; reading it first flushes stdout), stdout
 * (line-buffered unless descriptor 1 is a regular file, then fully buffered) and stderr
 * (unbuffered). exit() flushes and closes every stream; _Exit(), abort(),
 * process_exit() and a fatal note do not.
 *
 * printf and fprintf write to a stream, dprintf to any descriptor through a 256-byte
 * buffer on the caller's stack; s[n]printf format into memory. All use the one engine
 * of src/stdio/format.c, which writes to a sink.
 * Conversions: %d %i %u %o %x %X %c %s %p %% with the flags - + space # 0, width and
 * precision (either may be *) and the lengths hh h l ll j z t; and floating point,
 * %f %F %e %E %g %G %a %A with all flags (and L for long double, printed as the
 * nearest double), correctly rounded from the exact binary value with ties to even,
 * byte for byte what glibc prints (src/stdio/format_float.c), inf/nan with their sign.
 * The one difference: "%#.3g" of 999.5 is "1.00e+03" as C says (glibc: "1.e+03").
 * %n is not implemented: it consumes its argument and prints as written.
 *
 * Formatted input: sscanf and vsscanf scan a string, fscanf a stream, with the engine
 * of src/stdio/scan.c, which reads from a source (readf() of sys/io.h is one more).
 */
#ifndef LIBSTD_STDIO_H
#define LIBSTD_STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#define EOF (-1)
#define BUFSIZ 4096        /**< the size of a stream's buffer */
#define FOPEN_MAX MAX_FDS  /**< streams that can be open at once (one descriptor each) */
#define FILENAME_MAX MAX_PATH /**< bytes in a path, NUL excluded */
#define L_tmpnam 64        /**< bytes tmpnam() needs, NUL included */
#define TMP_MAX 65536      /**< distinct names tmpnam() gives at least */

/** setvbuf() modes. */
#define _IOFBF 0 /**< fully buffered: written when the buffer fills */
#define _IOLBF 1 /**< line-buffered: also written at each newline */
#define _IONBF 2 /**< unbuffered: every write goes out at once */

/** A stream (opaque; internal/file.h). */
typedef struct std_file FILE;

/** A position in a stream, for fgetpos()/fsetpos(): the byte offset. */
typedef int64_t fpos_t;

extern FILE *stdin;  /**< descriptor 0 */
extern FILE *stdout; /**< descriptor 1 */
extern FILE *stderr; /**< descriptor 2 */
#define stdin stdin
#define stdout stdout
#define stderr stderr

#define _STD_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define _STD_SCANF(f, a) __attribute__((format(scanf, f, a)))

/**
 * Format to stdout.
 * @return the number of characters written, or ERR with the errno of the failed
 * write() (EBADF, EIO, EPIPE, EFAULT, ...) or EOVERFLOW if the output exceeds INT_MAX.
 * Locking: holds stdout's lock for the whole call.
 */
int printf(const char *restrict fmt, ...) _STD_PRINTF(1, 2);

/** printf() with a va_list. Errors: as printf(). */
int vprintf(const char *restrict fmt, va_list ap) _STD_PRINTF(1, 0);

/** printf() to descriptor @fd. Errors: as printf(). */
int dprintf(fd_t fd, const char *restrict fmt, ...) _STD_PRINTF(2, 3);

/** dprintf() with a va_list. Errors: as printf(). */
int vdprintf(fd_t fd, const char *restrict fmt, va_list ap) _STD_PRINTF(2, 0);

/**
 * Format into the @size-byte buffer @buf, truncating; @buf is always NUL-terminated
 * when @size > 0 (@buf may be NULL when @size is 0).
 * @return the length the whole output has (truncated if >= @size), or ERR with errno
 * EOVERFLOW if it exceeds INT_MAX.
 */
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...) _STD_PRINTF(3, 4);

/** snprintf() with a va_list. Errors: EOVERFLOW. */
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
    _STD_PRINTF(3, 0);

/** snprintf() with no size limit: @buf must be large enough. Errors: EOVERFLOW. */
int sprintf(char *restrict buf, const char *restrict fmt, ...) _STD_PRINTF(2, 3);

/** sprintf() with a va_list. Errors: EOVERFLOW. */
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap) _STD_PRINTF(2, 0);

/**
 * Scan the string @s under the control of @fmt, storing what it converts through the
 * pointer arguments, with C's rules:
 *  - white space in @fmt matches any amount of white space (none included) in @s;
 *  - any other byte must be the next byte of @s; "%%" matches a '%' after white space;
 *  - a conversion is %[*][width][length]conv. '*' matches but assigns nothing (and is
 *    not counted); the width is the most bytes the conversion reads (a sign and a "0x"
 *    included); the lengths hh h l ll j z t select the integer pointer's type (and 'L'
 *    acts as ll). All conversions but %c, %[ and %n skip white space first.
 *  - %d decimal, %i with C's prefixes ("0x" hex, "0" octal, else decimal), %u decimal,
 *    %o octal, %x/%X hex with an optional "0x"; each takes an optional sign;
 *  - %c exactly width bytes (default 1, white space included, no NUL added); %s a run
 *    of non-white-space bytes, NUL-terminated; %[set] a non-empty run of bytes in set
 *    ("%[^set]": not in set; a ']' first is a member; "a-z" a range; a '-' first or
 *    last is itself), NUL-terminated; the buffer must hold width + 1 bytes (width for
 *    %c) - with no width nothing bounds the copy;
 *  - %p a hex number as %x reads it, or "(nil)", into a void *;
 *  - %n stores the number of bytes consumed so far; it reads nothing and is not counted.
 * Overflow (undefined in C) is defined here as in glibc: the digits are accumulated like
 * strtoll() (%d %i) or strtoull() (%u %o %x %X %p), saturating at the 64-bit range, and
 * the result is truncated to the destination's size: "%d" of "99999999999" stores
 * 1215752191, "%hhu" of "300" stores 44, "%lld" of "-99999999999999999999" LLONG_MIN.
 * Where C and glibc differ, this follows C: "0x" with no hex digit after it is a
 * matching failure (glibc stores 0); %c with fewer than width bytes left fails (glibc
 * stores the part); a conversion done under '*' counts as the first conversion for the
 * EOF rule below (glibc returns EOF while nothing was assigned).
 * Not implemented: floating point (%a %e %f %g and capitals come with the math
 * library), wide characters (%lc %ls %l[), POSIX's %m and n$ positions: such a
 * conversion ends the scan and the count so far is returned, as it is for an unknown
 * conversion or a format that ends inside one.
 * @return the number of assignments, which is less than the conversions asked for
 * after a matching failure (a byte that does not fit); or EOF if the input ended before
 * the first conversion completed (an empty or all-white-space @s where a conversion or
 * a literal byte was needed). Errors: none; errno is never changed.
 */
int sscanf(const char *restrict s, const char *restrict fmt, ...) _STD_SCANF(2, 3);

/** sscanf() with a va_list. @return as sscanf(). */
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap) _STD_SCANF(2, 0);

/* ------------------------------------------------------------------ streams */

/**
 * Open the file @path as a stream. @mode is "r" (read; the file must exist), "w"
 * (write; create or truncate: the flags "create&truncate" are added to the path), "a"
 * (write at the end: "create&append"), each optionally followed by "+" (read and
 * write), "b" (ignored) and, after "w", "x" (also "exclusive": fail if it exists).
 * Flags already in @path stay (a flag given twice is EINVAL from open()).
 * @return the stream, or NULL with errno: EINVAL (a bad @mode); the errors of open()
 * (ENOENT for a missing file with "r", EEXIST with "x", ...); ENOMEM.
 */
FILE *fopen(const char *restrict path, const char *restrict mode);

/**
 * A stream over the open descriptor @fd with @mode as for fopen() (its create and
 * truncate parts do nothing). fclose() closes @fd.
 * @return the stream, or NULL with errno EINVAL (bad @mode), EBADF (@fd < 0), ENOMEM.
 */
FILE *fdopen(fd_t fd, const char *mode);

/**
 * Close @f's descriptor and open @path with @mode in the same stream (the standard
 * streams stay the standard streams); @path NULL keeps the descriptor and changes only
 * the directions allowed. The indicators are cleared.
 * @return @f, or NULL with errno as fopen(); @f is then closed.
 */
FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f);

/**
 * Flush @f, close its descriptor and free it (the standard streams are closed but not
 * freed). @f must not be used again.
 * @return 0, or EOF with errno from write() or close().
 */
int fclose(FILE *f);

/**
 * Write out what @f has buffered (NULL: every stream). A stream being read is left as
 * it is. @return 0, or EOF with errno from write(); the error indicator is set.
 */
int fflush(FILE *f);

/**
 * Choose @f's buffering: @mode _IOFBF, _IOLBF or _IONBF, with the @size-byte @buf
 * (which must outlive the stream) or, if @buf is NULL, a buffer of @size bytes
 * (BUFSIZ if 0) allocated at the first transfer. Any buffered output is written first.
 * @return 0, or ERR with errno EINVAL (a bad @mode, or @buf with @size 0) or from
 * write().
 */
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);

/** setvbuf(@f, @buf, _IOFBF, BUFSIZ), or _IONBF if @buf is NULL. */
void setbuf(FILE *restrict f, char *restrict buf);

/** setvbuf(@f, NULL, _IOLBF, 0). */
void setlinebuf(FILE *f);

/**
 * The next byte of @f as an unsigned char. Once the end-of-file indicator is set,
 * EOF is returned without reading (clearerr() or a seek clears it).
 * @return the byte, or EOF at end of file (feof) or on error (ferror; errno from
 * read(), or EBADF if @f was not opened for reading).
 */
int fgetc(FILE *f);
/** fgetc(). */
int getc(FILE *f);
/** fgetc(stdin). */
int getchar(void);
/** fgetc() for a caller that holds @f's lock (flockfile()). */
int getc_unlocked(FILE *f);
/** getchar() for a caller that holds stdin's lock. */
int getchar_unlocked(void);

/**
 * Push @c back onto @f, to be read next (up to 8 bytes; C promises one); clears the
 * end-of-file indicator. The file itself is not changed.
 * @return @c as an unsigned char, or EOF if @c is EOF or no room is left.
 */
int ungetc(int c, FILE *f);

/**
 * Read a line of at most @size - 1 bytes (newline included if it fits) into @s and
 * NUL-terminate it.
 * @return @s, or NULL at end of file with nothing read, on a read error, or if @size
 * is not positive.
 */
char *fgets(char *restrict s, int size, FILE *restrict f);

/**
 * Read a whole line (up to and including @delim, for getline() '\n') into *@line,
 * which is malloc()ed or grown with realloc() as needed (*@cap its size; *@line NULL
 * starts afresh), and NUL-terminate it.
 * @return the bytes read (NUL excluded), or ERR at end of file with nothing read, on a
 * read error, or with errno EINVAL (@line or @cap NULL) or ENOMEM.
 */
int64_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f);
/** getdelim() up to a newline. */
int64_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f);

/**
 * Write the byte @c to @f.
 * @return @c as an unsigned char, or EOF with the error indicator set (errno from
 * write(), or EBADF if @f was not opened for writing).
 */
int fputc(int c, FILE *f);
/** fputc(). */
int putc(int c, FILE *f);
/** fputc(@c, stdout). */
int putchar(int c);
/** fputc() for a caller that holds @f's lock. */
int putc_unlocked(int c, FILE *f);
/** putchar() for a caller that holds stdout's lock. */
int putchar_unlocked(int c);

/** Write the string @s to @f. @return 0, or EOF on error (as fputc()). */
int fputs(const char *restrict s, FILE *restrict f);

/** Write @s and a newline to stdout (together, under one lock). @return 0, or EOF. */
int puts(const char *s);

/**
 * Read up to @n elements of @size bytes from @f into @data.
 * @return the number of whole elements read; fewer at end of file or on error (see
 * feof()/ferror()), 0 with errno EOVERFLOW if @n * @size overflows.
 */
size_t fread(void *restrict data, size_t size, size_t n, FILE *restrict f);

/**
 * Write @n elements of @size bytes from @data to @f.
 * @return the number of whole elements written; fewer on error.
 */
size_t fwrite(const void *restrict data, size_t size, size_t n, FILE *restrict f);

/**
 * Move @f to @offset from @origin (SEEK_SET, SEEK_CUR, SEEK_END), after writing out its
 * buffer and dropping what it read ahead and ungetc() pushed; clears end of file.
 * @return 0, or ERR with errno: as seek() (ESPIPE, EINVAL, EBADF) or write().
 */
int fseek(FILE *f, long offset, int origin);
/** fseek() with a 64-bit offset. */
int fseeko(FILE *f, int64_t offset, int origin);

/**
 * @f's position: the descriptor's offset corrected for buffered bytes.
 * @return it, or ERR with errno: as seek() (ESPIPE for pipes and devices, EBADF);
 * EINVAL if more bytes were pushed back than read.
 */
long ftell(FILE *f);
/** ftell() with a 64-bit result. */
int64_t ftello(FILE *f);

/** fseek(@f, 0, SEEK_SET) and clear the error indicator. */
void rewind(FILE *f);

/** Store @f's position in *@pos. @return 0, or ERR as ftell(). */
int fgetpos(FILE *restrict f, fpos_t *restrict pos);

/** Return @f to a position fgetpos() stored. @return 0, or ERR as fseek(). */
int fsetpos(FILE *f, const fpos_t *pos);

/** Nonzero if @f's end-of-file indicator is set. */
int feof(FILE *f);
/** Nonzero if @f's error indicator is set. */
int ferror(FILE *f);
/** Clear @f's end-of-file and error indicators. */
void clearerr(FILE *f);

/** @f's descriptor. @return it, or ERR with errno EBADF if @f was closed. */
fd_t fileno(FILE *f);

/**
 * Take @f's lock (recursive: a thread may take it again, and every stdio call takes
 * it too), so a sequence of calls is not interleaved with other threads' calls.
 */
void flockfile(FILE *f);
/** Release the lock flockfile() took. */
void funlockfile(FILE *f);

/**
 * printf() to @f. @return as printf(); the error indicator is set on a write error.
 * Locking: holds @f's lock for the whole call.
 */
int fprintf(FILE *restrict f, const char *restrict fmt, ...) _STD_PRINTF(2, 3);
/** fprintf() with a va_list. */
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap) _STD_PRINTF(2, 0);
/** printf() with a va_list. */
int vprintf(const char *restrict fmt, va_list ap) _STD_PRINTF(1, 0);

/**
 * sscanf() reading from @f: the byte after the last one the format used is pushed
 * back, so the next read starts there.
 * @return as sscanf() (EOF also after a read error before the first conversion).
 * Locking: holds @f's lock for the whole call.
 */
int fscanf(FILE *restrict f, const char *restrict fmt, ...) _STD_SCANF(2, 3);
/** fscanf() with a va_list. */
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap) _STD_SCANF(2, 0);
/** fscanf(stdin, ...). */
int scanf(const char *restrict fmt, ...) _STD_SCANF(1, 2);
/** scanf() with a va_list. */
int vscanf(const char *restrict fmt, va_list ap) _STD_SCANF(1, 0);

/**
 * A new, empty file opened "w+" under home:/usr whose name is removed at once, so it
 * disappears when the stream is closed (or the process ends).
 * @return the stream, or NULL with errno from fopen().
 */
FILE *tmpfile(void);

/**
 * A path under home:/usr that names no file yet (made from the pid, a counter and the
 * clock), written to @buf (L_tmpnam bytes) or, if @buf is NULL, to a static buffer.
 * @return the path. Not safe against another process creating it first: prefer
 * tmpfile().
 */
char *tmpnam(char *buf);

/** Remove @path: the same call as in sys/io.h. @return 0, or ERR with errno. */
int remove(const char *path);
/** Rename @oldpath: the same call as in sys/io.h. @return 0, or ERR with errno. */
int rename(const char *oldpath, const char *newpath);

/**
 * Write "@s: <strerror(errno)>\n" to stderr ("<message>\n" if @s is NULL or empty).
 */
void perror(const char *s);

#endif
