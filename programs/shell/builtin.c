/*
 * builtin.c - the commands the shell runs itself (shell.h): cd, pwd, exit, set,
 * export, unset, jobs, wait, kill, echo and help. Each writes to the descriptors its
 * command was given and returns a status: "0", or "1" after printing why.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "shell.h"

#define HOME "home:/usr"

const char builtin_exit_marker[] = "exit";

static const char *failed(fd_t err, const char *what, const char *arg, const char *why)
{
    dprintf(err, "%s: %s%s%s\n", what, arg ? arg : "", arg ? ": " : "", why);
    return "1";
}

static const char *b_cd(int argc, char **argv, fd_t in, fd_t out, fd_t err)
{
    (void)in, (void)out;
    if (argc > 2)
        return failed(err, "cd", NULL, "too many arguments (usage: cd [directory])");
    const char *dir = argc == 2 ? argv[1] : HOME;
    if (chdir(dir) == ERR)
        return failed(err, "cd", dir, strerror(errno));
    return "0";
}

static const char *b_pwd(int argc, char **argv, fd_t in, fd_t out, fd_t err)
{
    (void)argc, (void)argv, (void)in;
    char cwd[MAX_PATH + 2];
    fd_t fd = open("sys:/proc/self/cwd");
    int64_t n = fd == ERR ? ERR : read(fd, cwd, sizeof(cwd) - 2);
    if (fd != ERR)
        close(fd);
    if (n == ERR)
        return failed(err, "pwd", "sys:/proc/self/cwd", strerror(errno));
    while (n > 0 && (cwd[n - 1] == '\n' || cwd[n - 1] == '\0'))
        n--;
    cwd[n] = '\n';
    write(out, cwd, (size_t)n + 1);
    return "0";
}

static const char *b_exit(int argc, char **argv, fd_t in, fd_t out, fd_t err)
{
    (void)in, (void)out;
    if (argc > 2)
        return failed(err, "exit", NULL, "too many arguments (usage: exit [status])");
    strlcpy(exec_exit_status, argc == 2 ? argv[1] : vars_get("?"), MAX_STATUS);
    if (exec_exit_status[0] == '\0')
        strcpy(exec_exit_status, "0");
    return builtin_exit_marker;
}

/* set and export: NAME=value... ; no argument lists the variables. */
static const char *b_set(int argc, char **argv, fd_t in, fd_t out, fd_t err)
{
    (void)in;
    if (argc == 1) {
        vars_print(out);
        return "0";
    }
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq)
            return failed(err, argv[0], argv[i], "not NAME=value");
        *eq = '\0';
        /* an exported variable changes in the environment too */
        int rc = getenv(argv[i]) ? vars_export(argv[i], eq + 1) : vars_set(argv[i], eq + 1);
        *eq = '=';
        if (rc)
            return failed(err, argv[0], argv[i], "bad variable name");
    }
    return "0";
}

/* export NAME=value ...: set and export; export NAME: export its current value. */
static const char *b_export(int argc, char **argv, fd_t in, fd_t out, fd_t err)
{
    (void)in;
    if (argc == 1) {
        for (char **e = environ; e != NULL && *e != NULL; e++)
            dprintf(out, "%s\n", *e);
        return "0";
    }
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (eq)
            *eq = '\0';
        int rc = vars_name_ok(argv[i]) ? vars_export(argv[i], eq ? eq + 1 : NULL) : -1;
        if (eq)
            *eq = '=';
        if (rc)
            return failed(err, "export", argv[i], "bad variable name");
    }
    return "0";
}

static const char *b_unset(int argc, char **argv, fd_t in, fd_t out, fd_t err)
{
    (void)in, (void)out;
    for (int i = 1; i < argc; i++) {
        if (!vars_name_ok(argv[i]))
            return failed(err, "unset", argv[i], "bad variable name");
        vars_unset(argv[i]);
        unsetenv(argv[i]);
    }
    return "0";
}

static const char *b_jobs(int argc, char **argv, fd_t in, fd_t out, fd_t err)
{
    (void)argv, (void)in;
    if (argc > 1)
        return failed(err, "jobs", NULL, "takes no arguments");
    jobs_print(out);
    return "0";
}

/* wait: every job; wait %N: job N; wait PID: that process (its status). */
static const char *b_wait(int argc, char **argv, fd_t in, fd_t out, fd_t err)
{
    (void)in, (void)out;
    static char status[MAX_STATUS];
    if (argc == 1) {
        jobs_wait(0);
        return "0";
    }
    for (int i = 1; i < argc; i++) {
        char *end;
        const char *s = argv[i][0] == '%' ? argv[i] + 1 : argv[i];
        long long v = strtoll(s, &end, 10);
        if (*s == '\0' || *end || v <= 0)
            return failed(err, "wait", argv[i], "not a job (%N) or process id");
        if (argv[i][0] == '%' && !jobs_wait((int)v))
            return failed(err, "wait", argv[i], "no such job");
        if (argv[i][0] != '%' && jobs_wait_pid(v, status))
            return failed(err, "wait", argv[i], status);
    }
    return argv[argc - 1][0] == '%' ? "0" : status;
}

/* Writes @note to @pid's note file; false after a message. */
static bool send_note(fd_t err, const char *arg, pid_t pid, const char *note)
{
    fd_t fd = pid ? openf("sys:/proc/%lld/note", (long long)pid) : open("sys:/proc/self/note");
    int64_t n = fd == ERR ? ERR : write(fd, note, strlen(note));
    int saved = errno;
    if (fd != ERR)
        close(fd);
    if (n == ERR)
        failed(err, "kill", arg, saved == ENOENT ? "no such process" : strerror(saved));
    return n != ERR;
}

/* kill [-n note] pid|%job|self...: built in (like home:/bin/kill, plus %job) because
 * only a process's ancestors may send it notes, and the shell is its jobs' parent. */
static const char *b_kill(int argc, char **argv, fd_t in, fd_t out, fd_t err)
{
    (void)in, (void)out;
    const char *note = "kill";
    int i = 1;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        note = argv[2];
        i = 3;
    }
    if (note[0] == '\0' || strlen(note) >= MAX_STATUS || i == argc || argv[i][0] == '-') {
        dprintf(err, "usage: kill [-n note] pid|%%job|self...\n");
        return "2";
    }
    bool ok = true;
    for (; i < argc; i++) {
        char *end;
        const char *num = argv[i][0] == '%' ? argv[i] + 1 : argv[i];
        long long v = strtoll(num, &end, 10);
        bool self = strcmp(argv[i], "self") == 0;
        pid_t pids[16] = {self ? 0 : v}; /* 0: the shell itself */
        int n = 1;
        const char *bad = NULL;
        if (!self && (*num == '\0' || *end || v <= 0))
            bad = "not a process id, %job or self";
        else if (argv[i][0] == '%' && (n = jobs_pids((int)v, pids, 16)) < 0)
            bad = "no such job";
        if (bad) {
            failed(err, "kill", argv[i], bad);
            ok = false;
            continue;
        }
        for (int k = 0; k < n; k++)
            ok = send_note(err, argv[i], pids[k], note) && ok;
    }
    return ok ? "0" : "1";
}

/* Built in (like home:/bin/echo) so that `echo wait > sys:/proc/<pid>/ctl` is written
 * by the shell, the ancestor the kernel lets control its child, not by a sibling. */
static const char *b_echo(int argc, char **argv, fd_t in, fd_t out, fd_t err)
{
    (void)in, (void)err;
    if (argc > 1 && strcmp(argv[1], "--help") == 0) {
        dprintf(out, "usage: echo [-n] [text...]\nPrint the texts separated by spaces and a newline "
                     "(-n: no newline). Built into the shell.\n");
        return "0";
    }
    int i = 1;
    bool newline = !(argc > 1 && strcmp(argv[1], "-n") == 0);
    i += !newline;
    for (; i < argc; i++) {
        write(out, argv[i], strlen(argv[i]));
        if (i < argc - 1)
            write(out, " ", 1);
    }
    if (newline)
        write(out, "\n", 1);
    return "0";
}

static const char *b_help(int argc, char **argv, fd_t in, fd_t out, fd_t err)
{
    (void)argc, (void)argv, (void)in, (void)err;
    dprintf(out,
            "Patchwork shell. Syntax:\n"
            "  a | b | c     pipeline              a ; b       one after the other\n"
            "  a && b        b if a succeeded      a || b      b if a failed\n"
            "  a &           in the background     # ...       comment\n"
            "  < f, > f, >> f  redirect input, output (create&truncate), append (create&append);\n"
            "                flags may be written in the path: > out.txt?exclusive\n"
            "  'x y'  \"x $V\"  \\x   quoting; $NAME ${NAME} $? (last status) $$ (pid) $! (last &)\n"
            "Built-ins:\n"
            "  cd [dir]  pwd  exit [status]  set [NAME=value...]  export NAME=value...\n"
            "  unset NAME...  jobs  wait [%%job|pid...]  kill [-n note] pid|%%job...\n"
            "  echo [-n] words...  help\n"
            "Programs are looked up in $PATH (directories separated by ';', default home:/bin).\n"
            "Line editing: arrows, ^A ^E ^U ^K ^W, up/down for history, ^C cancels, ^D on an empty\n"
            "line ends the shell. ^C while a command runs sends it the note 'interrupt'.\n");
    return "0";
}

builtin_fn_t builtin_find(const char *name)
{
    static const struct { const char *name; builtin_fn_t fn; } table[] = {
        {"cd", b_cd}, {"pwd", b_pwd}, {"exit", b_exit}, {"set", b_set}, {"export", b_export},
        {"unset", b_unset}, {"jobs", b_jobs}, {"wait", b_wait}, {"kill", b_kill}, {"echo", b_echo}, {"help", b_help},
    };
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (strcmp(name, table[i].name) == 0)
            return table[i].fn;
    return NULL;
}
