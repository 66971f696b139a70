/*
 * exec.c - running parsed lines (shell.h): pipes between the commands of a
 * pipeline, redirections, PATH lookup, spawn, foreground waiting with the console's
 * foreground set, background jobs, and the && / || / ; logic. Builtins run inside
 * the shell with the descriptors their command would have had.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "shell.h"

#define PIPE_CMDS_MAX 16

char exec_exit_status[MAX_STATUS];
volatile bool exec_interrupted;

/* The foreground processes being waited for, for exec_forward_interrupt(). */
static pid_t fg_pids[PIPE_CMDS_MAX];
static volatile int fg_count;

/** The descriptors of one command: standard input and output, and which we own. */
typedef struct cmd_fds {
    fd_t in, out;
} cmd_fds_t;

int exec_find(const char *name, char *out)
{
    if (strchr(name, ':') || strchr(name, '/')) {
        if (strlen(name) > MAX_PATH)
            return errno = ENAMETOOLONG, -1;
        strcpy(out, name);
        return 0;
    }
    const char *path = vars_get("PATH");
    for (const char *p = path ? path : ""; *p;) {
        size_t n = strcspn(p, ";");
        stat_t st;
        if (n && snprintf(out, MAX_PATH + 1, "%.*s/%s", (int)n, p, name) <= MAX_PATH && stat(out, &st) == 0 &&
            st.type == STAT_FILE)
            return 0;
        p += n + (p[n] == ';');
    }
    return errno = ENOENT, -1;
}

/* Whether the flag list @flags ("a&b") has @flag. */
static bool has_flag(const char *flags, const char *flag)
{
    size_t n = strlen(flag);
    for (const char *p = flags; p && *p;) {
        size_t len = strcspn(p, "&");
        if (len == n && strncmp(p, flag, n) == 0)
            return true;
        p += len + (p[len] == '&');
    }
    return false;
}

int exec_redir_path(tok_kind_t kind, const char *path, char *out)
{
    const char *q = strchr(path, '?');
    const char *want[2] = {"create", kind == TOK_GTGT ? "append" : "truncate"};
    size_t len = strlen(path);
    if (len > MAX_PATH)
        return errno = ENAMETOOLONG, -1;
    strcpy(out, path);
    if (kind == TOK_LT)
        return 0;
    for (int i = 0; i < 2; i++) {
        if (has_flag(q ? q + 1 : NULL, want[i]))
            continue;
        const char *sep = !q ? "?" : (out[len - 1] == '?' || out[len - 1] == '&') ? "" : "&";
        if (len + strlen(sep) + strlen(want[i]) > MAX_PATH)
            return errno = ENAMETOOLONG, -1;
        strcat(out, sep);
        strcat(out, want[i]);
        len = strlen(out);
        q = strchr(out, '?');
    }
    return 0;
}

static void close_owned(cmd_fds_t *f)
{
    if (f->in > STDERR_FILENO)
        close(f->in);
    if (f->out > STDERR_FILENO)
        close(f->out);
    f->in = STDIN_FILENO;
    f->out = STDOUT_FILENO;
}

/* Opens the redirections of @c over @f; reports and returns -1 on failure. */
static int apply_redirs(const command_t *c, cmd_fds_t *f)
{
    for (int i = 0; i < c->nredirs; i++) {
        char path[MAX_PATH + 1];
        fd_t fd = exec_redir_path(c->redirs[i].kind, c->redirs[i].path, path) ? ERR : open(path);
        if (fd == ERR) {
            dprintf(STDERR_FILENO, "shell: %s: %s\n", c->redirs[i].path, strerror(errno));
            return -1;
        }
        fd_t *slot = c->redirs[i].kind == TOK_LT ? &f->in : &f->out;
        if (*slot > STDERR_FILENO)
            close(*slot);
        *slot = fd;
    }
    return 0;
}

/* Starts the external command @c with @f; its pid, or ERR after a message. */
static pid_t start_external(const command_t *c, const cmd_fds_t *f)
{
    char path[MAX_PATH + 1];
    if (exec_find(c->argv[0], path)) {
        dprintf(STDERR_FILENO, "shell: %s: %s\n", c->argv[0], errno == ENOENT ? "command not found" : strerror(errno));
        return ERR;
    }
    if (c->argc > MAX_ARGS) {
        dprintf(STDERR_FILENO, "shell: %s: more than %d arguments\n", c->argv[0], MAX_ARGS);
        errno = E2BIG;
        return ERR;
    }
    const char *argv[MAX_ARGS + 1];
    argv[0] = path;
    for (int i = 1; i < c->argc; i++)
        argv[i] = c->argv[i];
    argv[c->argc] = NULL;
    spawn_fd_t fds[] = {{0, f->in}, {1, f->out}, {2, STDERR_FILENO}, {SPAWN_FD_END, SPAWN_FD_END}};
    pid_t pid = spawn(argv, fds, NULL, NULL);
    if (pid == ERR)
        dprintf(STDERR_FILENO, "shell: %s: %s\n", c->argv[0], strerror(errno));
    return pid;
}

/** What running a pipeline's commands gave. */
typedef struct started {
    pid_t pids[PIPE_CMDS_MAX];
    int npids;
    char status[MAX_STATUS]; /* of the last command if it was not started */
    bool last_started;       /* the last command is one of pids */
    bool exit;               /* the builtin exit ran */
} started_t;

static void expand_free(command_t *c)
{
    for (int i = 0; i < c->argc; i++)
        free(c->argv[i]);
    for (int i = 0; i < c->nredirs; i++)
        free(c->redirs[i].path);
    free(c->argv);
    free(c->redirs);
}

/* @c with its variables replaced, into @out (malloc'd; expand_free). An unquoted word
 * that comes out empty is dropped. 0, or -1 without memory. */
static int expand_command(const command_t *c, command_t *out)
{
    memset(out, 0, sizeof(*out));
    out->argv = calloc((size_t)c->argc + 1, sizeof(char *));
    out->redirs = calloc((size_t)c->nredirs + 1, sizeof(redir_t));
    if (!out->argv || !out->redirs)
        return expand_free(out), -1;
    for (int i = 0; i < c->argc; i++) {
        char *w = lex_expand(c->argv[i], vars_get);
        if (!w)
            return expand_free(out), -1;
        if (!w[0] && !c->quoted[i])
            free(w);
        else
            out->argv[out->argc++] = w;
    }
    for (; out->nredirs < c->nredirs; out->nredirs++) {
        out->redirs[out->nredirs].kind = c->redirs[out->nredirs].kind;
        if (!(out->redirs[out->nredirs].path = lex_expand(c->redirs[out->nredirs].path, vars_get)))
            return expand_free(out), -1;
    }
    return 0;
}

/* Runs the expanded command @c with @f (consumed); records the outcome in @s. */
static void run_expanded(const command_t *c, bool last, cmd_fds_t *f, started_t *s)
{
    if (c->argc == 0) { /* only variables that were empty */
        close_owned(f);
        return;
    }
    if (apply_redirs(c, f)) {
        if (last)
            snprintf(s->status, sizeof(s->status), "redirection failed");
        close_owned(f);
        return;
    }
    builtin_fn_t b = builtin_find(c->argv[0]);
    if (b) {
        const char *st = b(c->argc, c->argv, f->in, f->out, STDERR_FILENO);
        s->exit |= st == builtin_exit_marker;
        if (last)
            strlcpy(s->status, st == builtin_exit_marker ? exec_exit_status : st, sizeof(s->status));
    } else {
        pid_t pid = start_external(c, f);
        if (pid != ERR && s->npids < PIPE_CMDS_MAX)
            s->pids[s->npids++] = pid;
        if (last && pid == ERR)
            snprintf(s->status, sizeof(s->status), "%s", errno == ENOENT ? "command not found" : strerror(errno));
        s->last_started = last && pid != ERR;
    }
    close_owned(f);
}

/* Runs command @i of @pl with @f (consumed); records the outcome in @s. */
static void run_command(const pipeline_t *pl, int i, cmd_fds_t *f, started_t *s)
{
    command_t cmd;
    bool last = i == pl->ncmds - 1;
    if (expand_command(&pl->cmds[i], &cmd)) {
        dprintf(STDERR_FILENO, "shell: out of memory\n");
        if (last)
            snprintf(s->status, sizeof(s->status), "out of memory");
        close_owned(f);
        return;
    }
    run_expanded(&cmd, last, f, s);
    expand_free(&cmd);
}

/* Runs every command of @pl, connected by pipes; returns -1 if a pipe failed. */
static int start_pipeline(const pipeline_t *pl, started_t *s)
{
    fd_t next_in = STDIN_FILENO;
    for (int i = 0; i < pl->ncmds && i < PIPE_CMDS_MAX; i++) {
        cmd_fds_t f = {next_in, STDOUT_FILENO};
        next_in = STDIN_FILENO;
        if (i < pl->ncmds - 1) {
            fd_t p[2];
            if (open2("sys:/pipe/new", p) == ERR) {
                dprintf(STDERR_FILENO, "shell: pipe: %s\n", strerror(errno));
                close_owned(&f);
                snprintf(s->status, sizeof(s->status), "pipe: %s", strerror(errno));
                return -1;
            }
            f.out = p[1];
            next_in = p[0];
        }
        run_command(pl, i, &f, s);
    }
    return 0;
}

void exec_forward_interrupt(void)
{
    for (int i = 0; i < fg_count; i++) {
        fd_t fd = openf("sys:/proc/%lld/note", (long long)fg_pids[i]);
        if (fd != ERR) {
            write(fd, "interrupt", 9);
            close(fd);
        }
    }
}

/* Waits for the processes of a foreground pipeline and reports failed ones. */
static void wait_foreground(started_t *s)
{
    memcpy(fg_pids, s->pids, sizeof(fg_pids));
    fg_count = s->npids;
    term_foreground(s->pids, s->npids);
    for (int i = 0; i < s->npids; i++) {
        char status[MAX_STATUS];
        jobs_wait_pid(s->pids[i], status);
        if (strcmp(status, "0") != 0)
            dprintf(STDERR_FILENO, "shell: %s\n", status);
        if (i == s->npids - 1 && s->last_started)
            strlcpy(s->status, status, sizeof(s->status));
    }
    fg_count = 0;
    term_foreground(NULL, 0);
}

/* Runs one pipeline; false if the shell must exit. */
static bool run_pipeline(const pipeline_t *pl)
{
    started_t s;
    memset(&s, 0, sizeof(s));
    strcpy(s.status, "0");
    if (pl->ncmds > PIPE_CMDS_MAX) {
        dprintf(STDERR_FILENO, "shell: more than %d commands in a pipeline\n", PIPE_CMDS_MAX);
        vars_set_status("pipeline too long");
        return true;
    }
    start_pipeline(pl, &s);
    if (pl->background && s.npids) {
        int id = jobs_add(s.pids, s.npids, pl->text);
        vars_set_background(s.pids[s.npids - 1]);
        if (id < 0)
            dprintf(STDERR_FILENO, "shell: too many jobs: %s not tracked\n", pl->text);
        else
            dprintf(STDERR_FILENO, "[%d] %lld\n", id, (long long)s.pids[s.npids - 1]);
        strcpy(s.status, "0");
    } else {
        wait_foreground(&s);
    }
    vars_set_status(s.status);
    return !s.exit;
}

bool exec_list(const cmdlist_t *l)
{
    for (int i = 0; i < l->count; i++) {
        const pipeline_t *pl = &l->items[i];
        bool ok = strcmp(vars_get("?"), "0") == 0;
        if ((pl->join == JOIN_AND && !ok) || (pl->join == JOIN_OR && ok))
            continue;
        if (!run_pipeline(pl))
            return false;
        if (exec_interrupted) {
            strcpy(exec_exit_status, "interrupt");
            return false;
        }
    }
    return true;
}

bool exec_line(const char *line, const char *where)
{
    tokens_t toks = {0};
    cmdlist_t list;
    char err[SHELL_ERR_MAX];
    bool go_on = true;
    if (lex_line(line, &toks, err, sizeof(err)) || parse_tokens(&toks, &list, err, sizeof(err))) {
        dprintf(STDERR_FILENO, "shell: %s%s\n", where, err);
        vars_set_status("syntax error");
    } else {
        go_on = exec_list(&list);
        parse_free(&list);
    }
    lex_free(&toks);
    return go_on;
}
