/*
 * shell.h - the pieces of the shell (home:/bin/shell) and what they share.
 *
 * A command line goes through lex.c (words with quoting, escapes and $NAME expansion
 * done, and operator tokens), parse.c (a list of pipelines joined by ; & && ||, each
 * command with its redirections), then exec.c (pipes, spawn, waiting, statuses),
 * with builtin.c for the commands the shell runs itself, vars.c for shell variables,
 * jobs.c for background jobs and console foreground control, edit.c (the pure line
 * editor) and term.c (the editor on the console in raw mode). main.c reads scripts,
 * `-c` strings or the console.
 */
#ifndef SHELL_H
#define SHELL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define SHELL_LINE_MAX 4096  /**< bytes of one command line */
#define SHELL_ERR_MAX 160    /**< bytes of a syntax error message */

/* ---------------------------------------------------------------- lex.c */

/** Kinds of token. */
typedef enum {
    TOK_WORD, TOK_PIPE, TOK_OR, TOK_AND, TOK_AMP, TOK_SEMI, TOK_LT, TOK_GT, TOK_GTGT, TOK_END
} tok_kind_t;

#define LEX_VAR_START '\x01' /**< in a word: a variable name follows, up to LEX_VAR_END */
#define LEX_VAR_END '\x02'

/** One token: an operator, or a word after quote removal (variables still marked). */
typedef struct token {
    tok_kind_t kind;
    char *word;  /**< TOK_WORD: malloc'd text; NULL otherwise */
    bool quoted; /**< TOK_WORD: some part was quoted (the word stays even if empty) */
} token_t;

/** A line's tokens, ending with TOK_END. */
typedef struct tokens {
    token_t *items;
    size_t count, capacity;
} tokens_t;

/** Looks a variable up: its value or NULL. */
typedef const char *(*var_lookup_t)(const char *name);

/**
 * Splits @line into tokens into @out (zeroed by the caller). Quoting: '...' takes
 * everything literally; "..." keeps $NAME, ${NAME}, $?, $$, $! (marked for
 * lex_expand) and turns the escapes \" \\ \$ \n \t into their characters; outside
 * quotes a backslash takes the next character literally. An unquoted # starting a
 * word begins a comment.
 * @return 0, or -1 with a message in @err (unterminated quote, bad ${...}, too long,
 *         the bytes 0x01/0x02).
 */
int lex_line(const char *line, tokens_t *out, char *err, size_t errlen);
/**
 * A word with its variable references replaced by their values from @lookup (unset:
 * empty), malloc'd; NULL without memory. Values are not split. O(length).
 */
char *lex_expand(const char *word, var_lookup_t lookup);
/** Frees the words and the array of @t (which may be reused after). */
void lex_free(tokens_t *t);
/** The text of an operator token ("|", "&&", ...), "end of line" for TOK_END. */
const char *lex_kind_name(tok_kind_t kind);

/* ---------------------------------------------------------------- parse.c */

/** A redirection of a command. */
typedef struct redir {
    tok_kind_t kind; /**< TOK_LT, TOK_GT or TOK_GTGT */
    char *path;      /**< borrowed from the tokens, not expanded */
} redir_t;

/** One simple command. */
typedef struct command {
    char **argv;     /**< argc words (borrowed from the tokens, not expanded) + NULL */
    bool *quoted;    /**< argc flags: the word was quoted (token_t.quoted) */
    int argc;
    redir_t *redirs;
    int nredirs;
} command_t;

/** How a pipeline is joined to the one before it. */
typedef enum { JOIN_ALWAYS, JOIN_AND, JOIN_OR } join_t;

/** One pipeline: commands joined with |. */
typedef struct pipeline {
    command_t *cmds;
    int ncmds;
    join_t join;     /**< run after the previous pipeline always, if it succeeded, if it failed */
    bool background; /**< ended by & */
    char *text;      /**< malloc'd: the words, for job listings */
} pipeline_t;

/** A parsed command line. */
typedef struct cmdlist {
    pipeline_t *items;
    int count;
} cmdlist_t;

/**
 * Builds @out from @toks (which must outlive it). Grammar: pipeline ((; & && ||)
 * pipeline)* [; &]; pipeline: command (| command)*; command: (word | < word | > word
 * | >> word)+ with at least one word.
 * @return 0, or -1 with "syntax error near '<token>'" in @err.
 */
int parse_tokens(const tokens_t *toks, cmdlist_t *out, char *err, size_t errlen);
/** Frees what parse_tokens allocated (not the tokens). */
void parse_free(cmdlist_t *l);

/* ---------------------------------------------------------------- vars.c */

/** Imports the environment and sets PATH=home:/bin if it has none. 0, or -1 without memory. */
int vars_init(void);
/**
 * Sets shell variable @name to @value (NULL: its current value, or "") and puts it in
 * the environment that commands inherit. Returns 0, or -1 (bad name, no memory).
 */
int vars_export(const char *name, const char *value);
/** The value of shell variable @name ($?, $$ and $! included), or NULL. */
const char *vars_get(const char *name);
/** Sets @name (a valid name: [A-Za-z_][A-Za-z0-9_]*) to @value. 0, or -1 (bad name, no memory). */
int vars_set(const char *name, const char *value);
/** Whether @name is a valid variable name. */
bool vars_name_ok(const char *name);
/** Removes @name; no error if it was not set. */
void vars_unset(const char *name);
/** Prints every variable as NAME=value on @fd, sorted. */
void vars_print(fd_t fd);
/** Records @pid as $! (the last process started in the background). */
void vars_set_background(pid_t pid);
/** Records @status as $? (the last command's status). */
void vars_set_status(const char *status);

/* ---------------------------------------------------------------- jobs.c */

#define JOBS_MAX 32 /**< background jobs at once */

/** Registers a background job of @n processes. 0, or -1 when JOBS_MAX are running. */
int jobs_add(const pid_t *pids, int n, const char *text);
/** Prints "[id] pid... running|done <status>  text" for every job on @fd. */
void jobs_print(fd_t fd);
/** Reaps finished jobs without blocking and reports each as "[id] done ..." on fd 2. */
void jobs_reap(void);
/** The pids of job @id still running, at most @max, into @out; their number, or -1
 *  if there is no such job. */
int jobs_pids(int id, pid_t *out, int max);
/** Waits for job @id (0: all jobs); false if there is no such job. */
bool jobs_wait(int id);
/**
 * Waits for @pid and copies its exit status into @status (MAX_STATUS bytes). On a
 * failure the status is the error text. Returns 0 or -1.
 */
int jobs_wait_pid(pid_t pid, char *status);

/* ---------------------------------------------------------------- edit.c */

#define EDIT_MAX 1024    /**< bytes of a line in the editor */
#define EDIT_HISTORY 100 /**< lines of history kept */

/** What edit_key() says about the line. */
typedef enum { EDIT_MORE, EDIT_DONE, EDIT_EOF, EDIT_CANCEL } edit_result_t;

/** The line editor: a line, its cursor, an escape sequence in progress, the history. */
typedef struct edit {
    char buf[EDIT_MAX + 1]; /**< the line, NUL-terminated */
    size_t len, cur;        /**< its length; the cursor (0..len) */
    int esc;                /**< escape state: 0 none, 1 ESC, 2 ESC [ or ESC O */
    int esc_num;            /**< the number of ESC [ n ~ */
    char *hist[EDIT_HISTORY]; /**< oldest first, malloc'd */
    int nhist;              /**< lines in hist */
    int hpos;               /**< the history line shown (nhist: the new line) */
    char saved[EDIT_MAX + 1]; /**< the new line while browsing history */
} edit_t;

/** Starts a new, empty line (the history stays). */
void edit_start(edit_t *e);
/**
 * Takes one byte typed in raw mode: printable bytes insert at the cursor; DEL/^H
 * erase before it, ^D on an empty line is EDIT_EOF (else deletes at the cursor); ^A
 * ^E home/end; ^B ^F left/right; ^P ^N history; ^U erases to the start, ^K to the
 * end, ^W the word before the cursor; TAB inserts a space; ^C is EDIT_CANCEL; CR or NL is EDIT_DONE; ESC [ A/B (or
 * ESC O A/B) walk the history, ESC [ C/D move, ESC [ H/F and ESC [ 1~/4~ (7~/8~)
 * home/end, ESC [ 3~ deletes at the cursor; other control bytes and sequences are
 * ignored. No I/O, no allocation (except the history). O(line) per byte.
 */
edit_result_t edit_key(edit_t *e, unsigned char c);
/** Appends @line to the history (not empty lines, not a repeat of the last). */
void edit_history_add(edit_t *e, const char *line);

/* ---------------------------------------------------------------- term.c */

/**
 * Takes the console: opens sys:/consctl (false if there is none). With it, reading
 * puts the console in raw mode and jobs are named foreground.
 */
bool term_open(void);
/**
 * Reads one line with the editor from descriptor 0, echoing to descriptor 1 after
 * @prompt. @return a malloc'd line without its newline ("" after ^C), or NULL at
 * end of file.
 */
char *term_readline(edit_t *e, const char *prompt);
/** Names @pids (n > 0) the console's foreground processes, or none (n == 0). */
void term_foreground(const pid_t *pids, int n);

/* ---------------------------------------------------------------- exec.c */

/**
 * Runs a parsed line. Foreground pipelines are waited for; a process whose status is
 * not "0" is reported as "shell: <status>" on descriptor 2. Sets $?. Returns false if
 * the shell must end (the builtin exit, or exec_interrupted).
 */
bool exec_list(const cmdlist_t *l);
/** Lexes, parses and runs one line; syntax errors are reported with @where. */
bool exec_line(const char *line, const char *where);
/**
 * Finds the program @name: a name with ':' or '/' is a path; otherwise every
 * directory of $PATH (separated by ';', default home:/bin) is tried. Writes the path
 * into @out (MAX_PATH + 1 bytes). 0, or -1 with errno (ENOENT when not found).
 */
int exec_find(const char *name, char *out);
/** Adds the default flags of a redirection (TOK_GT: create&truncate, TOK_GTGT:
 *  create&append) to @path unless present; writes into @out (MAX_PATH + 1). 0 or -1. */
int exec_redir_path(tok_kind_t kind, const char *path, char *out);

/**
 * Sends the note "interrupt" to the foreground processes being waited for (a shell
 * running a script passes ^C on to its commands). Safe in a note handler.
 */
void exec_forward_interrupt(void);

/** The exit requested by the builtin exit (its status), kept for main(). */
extern char exec_exit_status[];
/** Set by main's note handler in a non-interactive shell: stop after the current pipeline. */
extern volatile bool exec_interrupted;

/* ---------------------------------------------------------------- builtin.c */

/** A builtin: runs with the given descriptors; returns its status ("0" or a message). */
typedef const char *(*builtin_fn_t)(int argc, char **argv, fd_t in, fd_t out, fd_t err);
/** The builtin called @name, or NULL. */
builtin_fn_t builtin_find(const char *name);
/** The status returned by a builtin to make the shell stop (exit). */
extern const char builtin_exit_marker[];

#endif
