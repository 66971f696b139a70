/*
 * util.h - what the shell utilities (programs/<name>/main.c) share: the program's
 * name and usage text, one-line error messages, option parsing, a buffered standard
 * output, reading whole files and lines, directory listings and walks, and time
 * formatting. Built as build/user/libutil.a (lib/libutil/src/, one file per area) on
 * top of libstd's raw descriptors, so it needs no FILE stdio.
 *
 * Conventions every utility keeps: `--help` prints "usage: ..." to descriptor 1 and
 * exits "0"; a bad option or argument prints one line "<name>: <what>: <why>" on
 * descriptor 2 and exits UTIL_EXIT_USAGE; a failure on a file prints
 * "<name>: <path>: <strerror>" and ends with UTIL_EXIT_FAIL. None of these functions
 * is thread-safe: the utilities are single-threaded.
 */
#ifndef LIBUTIL_UTIL_H
#define LIBUTIL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define UTIL_EXIT_OK 0    /**< success: status "0" */
#define UTIL_EXIT_FAIL 1  /**< something failed (a file, a write): status "1" */
#define UTIL_EXIT_USAGE 2 /**< a bad option or argument: status "2" */

/* ---------------------------------------------------------------- name, errors (err.c) */

/**
 * Record the program's @name (used in every message) and its @usage text (the part
 * after "usage: ", may span several lines, without the final newline), and make
 * util_flush() run at exit. Call first in main(). Errors: none.
 */
void util_init(const char *name, const char *usage);

/** The name given to util_init(). */
const char *util_name(void);

/** Print "usage: <usage>\n" to descriptor 1 and exit "0". Never returns. */
_Noreturn void util_help(void);

/** Print "<name>: <formatted message>\n" to descriptor 2 in one write. Errors: none. */
void util_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Print "<name>: <what>: <strerror(errno)>\n" to descriptor 2; errno is kept. */
void util_error_errno(const char *what);

/** util_error(), then exit(UTIL_EXIT_FAIL). Never returns. */
_Noreturn void util_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** util_error_errno(@what), then exit(UTIL_EXIT_FAIL). Never returns. */
_Noreturn void util_die_errno(const char *what);

/** util_error(), then exit(UTIL_EXIT_USAGE): a bad option or argument. Never returns. */
_Noreturn void util_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---------------------------------------------------------------- options (opt.c) */

/** The state of an option scan over argv. */
typedef struct util_opts {
    int argc;         /**< as given to main */
    char **argv;      /**< as given to main */
    int index;        /**< the next argv element; after the scan, the first operand */
    const char *rest; /**< the rest of a cluster such as "-la" still to scan, or NULL */
    const char *arg;  /**< the argument of the option just returned (spec "n:") */
} util_opts_t;

/** Start scanning the options of @argv (argv[0] is the program). */
void util_opts_init(util_opts_t *o, int argc, char **argv);

/**
 * The next option letter of @o, as listed in @spec ("lan:": -l, -a, and -n taking an
 * argument, given as "-n 5" or "-n5"). Options end at the first operand, at "-" (an
 * operand: standard input) or after "--". "--help" anywhere among the options prints
 * the usage and exits "0". An unknown option or a missing argument is a usage error
 * (the program exits). @return the letter, or -1 when the options end (then
 * o->index is the first operand).
 */
int util_opts_next(util_opts_t *o, const char *spec);

/**
 * The option scan of a program without options: "--help" prints the usage, "--" ends
 * the options, any other option is a usage error. @return the first operand's index.
 */
int util_operands(int argc, char **argv);

/** util_operands() for a program without operands either: one is a usage error. */
void util_no_arguments(int argc, char **argv);

/** Exit through util_help() if the first argument is "--help" (for programs without options). */
void util_help_check(int argc, char **argv);

/**
 * Parse the whole of @s as a decimal number in [0, UINT64_MAX].
 * @return true and *@out, or false (empty, a sign, junk, overflow).
 */
bool util_parse_u64(const char *s, uint64_t *out);

/** Parse the whole of @s as a signed decimal number. @return true and *@out, or false. */
bool util_parse_i64(const char *s, int64_t *out);

/** util_parse_u64() for the argument of option -@letter; a usage error if it is not one. */
uint64_t util_opt_number(char letter, const char *arg);

/* ---------------------------------------------------------------- standard output (out.c) */

/**
 * Append @n bytes to the standard-output buffer (4 KiB, written when full). A failed
 * write prints "<name>: write: <why>" (nothing for a closed pipe) and exits
 * UTIL_EXIT_FAIL.
 */
void util_out(const void *buf, size_t n);

/** util_out() of the string @s. */
void util_outs(const char *s);

/** util_out() of printf-formatted text. */
void util_outf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Write what the buffer holds. Errors: as util_out(). Runs at exit too. */
void util_flush(void);

/* ---------------------------------------------------------------- input (file.c, lines.c) */

/**
 * Open @path for reading; "-" is standard input (descriptor 0, nothing opened).
 * @return the descriptor, or ERR with errno from open().
 */
fd_t util_open_input(const char *path);

/** Close what util_open_input() opened (never descriptor 0). */
void util_close_input(fd_t fd);

/**
 * Run @fn(path, @arg) on each operand argv[@first, @argc), or on "-" (standard input)
 * if there is none. With @headings and several operands, each is preceded by
 * "==> path <==" (and a blank line after the first). @return the exit status: 0 if
 * every call returned true, else UTIL_EXIT_FAIL.
 */
int util_each_input(int first, int argc, char **argv, bool headings,
                    bool (*fn)(const char *path, void *arg), void *arg);

/**
 * The whole of head and tail after util_init(): scan the option -n N (default
 * @count), then util_each_input() over the operands with headings, passing a pointer
 * to the count as @fn's arg. @return the exit status.
 */
int util_each_input_counted(int argc, char **argv, uint64_t count,
                            bool (*fn)(const char *path, void *arg));

/**
 * Read @fd to its end into one malloc()ed, NUL-terminated buffer; its length (NUL
 * excluded) in *@len. @return the buffer, or NULL with errno (from read(), or ENOMEM).
 * Time: O(length), the buffer doubling as it fills.
 */
char *util_read_all(fd_t fd, size_t *len);

/**
 * Copy everything of @in to @out. @return 0, or ERR with errno; *@failed_read says
 * whether reading (true) or writing (false) failed.
 */
int util_copy_fd(fd_t in, fd_t out, bool *failed_read);

/**
 * Copy the file @src to @dst (created, or truncated). On failure prints the error,
 * naming the file at fault, and returns ERR; else 0.
 */
int util_copy_file(const char *src, const char *dst);

/** A line reader over a descriptor. */
typedef struct util_lines {
    fd_t fd;           /**< read from */
    char *buf;         /**< malloc()ed; holds [start, end) still to hand out */
    size_t cap, start, end;
    bool eof;          /**< read() returned 0 */
    char *line;        /**< after util_lines_next(): the line, NUL-terminated, without '\n' */
    size_t len;        /**< its length */
    bool newline;      /**< it ended with '\n' (only the last line may not) */
} util_lines_t;

/** Start reading lines from @fd. */
void util_lines_init(util_lines_t *r, fd_t fd);

/**
 * Read the next line into r->line / r->len / r->newline (valid until the next call).
 * Lines may be of any length. util_flush() runs before each read() of the descriptor. @return 1 (a line), 0 (the end), or ERR with errno from
 * read() or ENOMEM.
 */
int util_lines_next(util_lines_t *r);

/** Free the reader's buffer. */
void util_lines_deinit(util_lines_t *r);

/* ---------------------------------------------------------------- directories (dir.c) */

/**
 * The entries of the directory @path, sorted by name, in one malloc()ed array (free
 * with free()); their number in *@count. @return it, or NULL with errno (open(),
 * ENOTDIR, ENOMEM). Time: O(n log n).
 */
dirent_t *util_dir_read(const char *path, size_t *count);

/** "@dir/@name" (no doubled '/') in a new malloc()ed string, or NULL (ENOMEM). */
char *util_path_join(const char *dir, const char *name);

/** The last component of @path ("home:/a/b" -> "b"; "home:/" -> "home:/"). */
const char *util_basename(const char *path);

/**
 * Run a cp/mv-style command over its @n operands (`src dst`, or `src... dir`):
 * @fn(src, target) for each source, target being the last operand or, when that is a
 * directory, dir/<last component of src>. Fewer than two operands, or several
 * sources and no directory, is a usage error (the program exits).
 * @return true if every call of @fn did.
 */
bool util_each_to_target(char **operands, int n, bool (*fn)(const char *src, const char *dst));

/** When util_walk() calls back: before a directory's entries (or for a file), or after. */
typedef enum { UTIL_WALK_PRE, UTIL_WALK_POST } util_walk_when_t;

/** A util_walk() callback's answer (besides 0, go on, and ERR, count a failure and go
 *  on): at PRE of a directory, do not visit its entries nor call POST. */
#define UTIL_WALK_SKIP 1

/** A util_walk() callback: return 0, UTIL_WALK_SKIP or ERR. */
typedef int (*util_walk_fn)(const char *path, const stat_t *st, util_walk_when_t when, void *arg);

/**
 * Visit @path and, if it is a directory, everything under it, depth first, in name
 * order: @fn(path, st, PRE) for every name, and @fn(path, st, POST) for a directory
 * once its entries are done. An unreadable path prints its error and counts as a
 * failure. @return 0, or ERR if @fn or a lookup failed anywhere.
 */
int util_walk(const char *path, util_walk_fn fn, void *arg);

/* ---------------------------------------------------------------- processes (proc.c) */

/** What sys:/proc/<pid>/ says about one process. */
typedef struct util_proc {
    pid_t pid;         /**< its id */
    pid_t parent;      /**< its parent's id, 0 if none */
    char state[16];    /**< "running" or "exited" */
    unsigned threads;  /**< live threads (0 once exited) */
    char name[64];     /**< the last component of its program's path */
} util_proc_t;

/**
 * Every process in sys:/proc, sorted by pid, in one malloc()ed array (free with
 * free()); their number in *@count. A process that ends while being read is left out.
 * @return the array, or NULL with errno (ENOMEM, or from opening sys:/proc).
 */
util_proc_t *util_proc_list(size_t *count);

/**
 * Print the process table (ps, top): a heading "  PID  PPID STATE   THR NAME", then
 * one line per process. A failure to read sys:/proc ends the program (util_die).
 */
void util_proc_print(void);

/* ---------------------------------------------------------------- misc (misc.c) */

/** The one-letter kind of a STAT_* type: 'f', 'd', 'c' (device), '?'. */
char util_kind_letter(uint32_t type);

/** The word for a STAT_* type: "file", "directory", "device", "unknown". */
const char *util_kind_name(uint32_t type);

/** The buffer size util_format_time() needs. */
#define UTIL_TIME_MAX 32

/**
 * Format @ns (nanoseconds since 1970-01-01 UTC) as ISO 8601 in UTC,
 * "2026-11-27T16:05:54Z", into @buf (UTIL_TIME_MAX bytes). Errors: none.
 */
void util_format_time(uint64_t ns, char *buf);

#endif
