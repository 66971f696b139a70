/*
 * libc.c - the rest of the C library, in the user-space suite `libstd`: the
 * environment and its inheritance through spawn()/spawne() (with the kernel's checks),
 * exit() running atexit functions and flushing streams, abort(), signals on notes,
 * setjmp/longjmp, time.h on known dates, locale.h, C11 threads (mutexes and condition
 * variables under contention, timeouts, tss destructors, call_once), string and stdlib
 * additions, inttypes.h and stdatomic.h. Children are home:/bin/stdchild; their
 * output goes to home:/usr/libc-out, which is removed.
 */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include <threads.h>
#include <time.h>
#include "utest.h"

#define CHILD "home:/bin/stdchild"
#define OUT "home:/usr/libc-out"

/*
 * Run stdchild with @args (NULL-terminated, after the program) and @in as its stdin
 * (-1: ours), its stdout on a fresh file; with @use_env, spawne(@envp) instead of
 * spawn(). Its status goes to @status, its output to @out.
 */
static bool run_child(const char **args, fd_t in, bool use_env, const char *const *envp,
                      char *status, char *out, size_t osize)
{
    const char *argv[16] = { CHILD };
    for (int i = 0; args[i] != NULL && i < 14; i++)
        argv[i + 1] = args[i];
    fd_t fd = open(OUT "?create&truncate");
    if (fd == ERR)
        return false;
    spawn_fd_t fds[] = { { 1, fd }, { 2, 2 }, { 0, in < 0 ? 0 : in }, { SPAWN_FD_END, 0 } };
    pid_t pid = use_env ? spawne(argv, fds, NULL, NULL, envp) : spawn(argv, fds, NULL, NULL);
    close(fd);
    bool ok = pid != ERR && utest_wait(pid, status, MAX_STATUS) >= 0;
    ok = ok && utest_slurp(OUT, out, osize) >= 0;
    remove(OUT);
    return ok;
}

/* ------------------------------------------------------------ environment */

UTEST(env_getenv_setenv_unsetenv)
{
    UTEST_ASSERT(getenv("PW_NOPE") == NULL);
    UTEST_ASSERT_EQ(setenv("PW_A", "one", 0), 0);
    UTEST_ASSERT_STR_EQ(getenv("PW_A"), "one");
    UTEST_ASSERT_EQ(setenv("PW_A", "two", 0), 0); /* no overwrite */
    UTEST_ASSERT_STR_EQ(getenv("PW_A"), "one");
    UTEST_ASSERT_EQ(setenv("PW_A", "three=3", 1), 0);
    UTEST_ASSERT_STR_EQ(getenv("PW_A"), "three=3");
    UTEST_ASSERT_EQ(setenv("PW_AB", "", 1), 0);
    UTEST_ASSERT_STR_EQ(getenv("PW_AB"), "");
    UTEST_ASSERT_STR_EQ(getenv("PW_A"), "three=3"); /* a prefix is not a match */
    UTEST_ASSERT_EQ(unsetenv("PW_A"), 0);
    UTEST_ASSERT(getenv("PW_A") == NULL);
    UTEST_ASSERT_STR_EQ(getenv("PW_AB"), "");
    UTEST_ASSERT_EQ(unsetenv("PW_A"), 0); /* not set: no error */
    const char *bad[] = { "", "A=B" };
    for (int i = 0; i < 2; i++) {
        errno = 0;
        UTEST_ASSERT_EQ(setenv(bad[i], "x", 1), ERR);
        UTEST_ASSERT_EQ(errno, EINVAL);
        errno = 0;
        UTEST_ASSERT_EQ(unsetenv(bad[i]), ERR);
        UTEST_ASSERT_EQ(errno, EINVAL);
        UTEST_ASSERT(getenv(bad[i]) == NULL);
    }
    errno = 0;
    UTEST_ASSERT_EQ(setenv(NULL, "x", 1), ERR);
    UTEST_ASSERT_EQ(errno, EINVAL);
    unsetenv("PW_AB");
}

UTEST(env_many_variables)
{
    char name[16], value[16];
    for (int i = 0; i < 100; i++) {
        snprintf(name, sizeof(name), "PW_V%d", i);
        snprintf(value, sizeof(value), "v%d", i * 3);
        UTEST_ASSERT_EQ(setenv(name, value, 1), 0);
    }
    for (int i = 0; i < 100; i += 2) {
        snprintf(name, sizeof(name), "PW_V%d", i);
        UTEST_ASSERT_EQ(unsetenv(name), 0);
    }
    for (int i = 0; i < 100; i++) {
        snprintf(name, sizeof(name), "PW_V%d", i);
        snprintf(value, sizeof(value), "v%d", i * 3);
        if (i % 2 == 0)
            UTEST_ASSERT(getenv(name) == NULL);
        else
            UTEST_ASSERT_STR_EQ(getenv(name), value);
        unsetenv(name);
    }
}

UTEST(env_inherited_by_spawn)
{
    UTEST_ASSERT_EQ(setenv("PW_GREETING", "hello world", 1), 0);
    UTEST_ASSERT_EQ(setenv("PW_EMPTY", "", 1), 0);
    const char *args[] = { "env", "PW_GREETING", "PW_EMPTY", "PW_UNSET", NULL };
    char status[MAX_STATUS], out[256];
    UTEST_ASSERT(run_child(args, -1, false, NULL, status, out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_STR_EQ(out, "PW_GREETING=hello world\nPW_EMPTY=\nPW_UNSET unset\n");
    unsetenv("PW_GREETING");
    UTEST_ASSERT(run_child(args, -1, false, NULL, status, out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(out, "PW_GREETING unset\nPW_EMPTY=\nPW_UNSET unset\n");
    unsetenv("PW_EMPTY");
}

UTEST(env_spawne_explicit_environment)
{
    const char *envp[] = { "A=1", "B=two words", "C==", NULL };
    const char *args[] = { "environ", NULL };
    char status[MAX_STATUS], out[256];
    UTEST_ASSERT(run_child(args, -1, true, envp, status, out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_STR_EQ(out, "3\nA=1\nB=two words\nC==\n");
    UTEST_ASSERT(run_child(args, -1, true, NULL, status, out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(out, "0\n");
}

/* spawne() of stdchild with @envp: the errno it fails with, or 0. */
static int spawne_error(const char *const *envp)
{
    const char *argv[] = { CHILD, "environ", NULL };
    spawn_fd_t fds[] = { { 1, 2 }, { SPAWN_FD_END, 0 } };
    errno = 0;
    pid_t pid = spawne(argv, fds, NULL, NULL, envp);
    if (pid == ERR)
        return errno;
    char status[MAX_STATUS];
    utest_wait(pid, status, sizeof(status)); /* collect it */
    return 0;
}

UTEST(env_spawne_kernel_checks)
{
    const char *no_eq[] = { "A=1", "NOEQUALS", NULL };
    UTEST_ASSERT_EQ(spawne_error(no_eq), EINVAL);
    const char *no_name[] = { "=value", NULL };
    UTEST_ASSERT_EQ(spawne_error(no_name), EINVAL);
    static const char *many[MAX_ENV + 2];
    for (int i = 0; i <= MAX_ENV; i++)
        many[i] = "X=1";
    UTEST_ASSERT_EQ(spawne_error(many), E2BIG);
    many[MAX_ENV] = NULL;
    UTEST_ASSERT_EQ(spawne_error(many), 0); /* exactly MAX_ENV fits */
    static char big[MAX_ENV_BYTES + 8];
    memset(big, 'v', sizeof(big) - 1);
    big[0] = 'B';
    big[1] = '=';
    const char *huge[] = { big, NULL };
    UTEST_ASSERT_EQ(spawne_error(huge), E2BIG);
    UTEST_ASSERT_EQ(spawne_error((const char *const *)8), EFAULT);
    const char *bad_ptr[] = { "A=1", (const char *)16, NULL };
    UTEST_ASSERT_EQ(spawne_error(bad_ptr), EFAULT);
    const char *kernel_ptr[] = { (const char *)0xffffffff80000000ull, NULL };
    UTEST_ASSERT_EQ(spawne_error(kernel_ptr), EFAULT);
}

/* --------------------------------------------------------- exit and abort */

UTEST(exit_runs_atexit_newest_first)
{
    const char *args[] = { "atexit", NULL };
    char status[MAX_STATUS], out[64];
    UTEST_ASSERT(run_child(args, -1, false, NULL, status, out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_STR_EQ(out, "main\n3\n2\n1\n");
}

UTEST(exit_flushes_streams)
{
    const char *flush[] = { "flush", NULL }, *noflush[] = { "exitnoflush", NULL };
    char status[MAX_STATUS], out[64];
    UTEST_ASSERT(run_child(flush, -1, false, NULL, status, out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_STR_EQ(out, "unflushed");
    UTEST_ASSERT(run_child(noflush, -1, false, NULL, status, out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_STR_EQ(out, ""); /* _Exit() flushes nothing */
}

UTEST(quick_exit_runs_only_its_functions)
{
    const char *args[] = { "quickexit", NULL };
    char status[MAX_STATUS], out[64];
    UTEST_ASSERT(run_child(args, -1, false, NULL, status, out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(status, "5");
    UTEST_ASSERT_STR_EQ(out, "q2\nq1\n"); /* newest first, and no atexit function */
}

UTEST(abort_and_raise_statuses)
{
    const char *abort_args[] = { "abort", NULL }, *raise_args[] = { "raise", NULL };
    char status[MAX_STATUS], out[64];
    UTEST_ASSERT(run_child(abort_args, -1, false, NULL, status, out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(status, "abort");
    UTEST_ASSERT(run_child(raise_args, -1, false, NULL, status, out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(status, "interrupt");
}

/*
 * stdchild bufmode with its stdout on @out (a pipe's write end or a file): it prints a
 * line, tells us on a pipe, then waits until we close another. *@seen gets what @check
 * (the pipe's read end, or -1 for the file OUT) held at that moment.
 */
static bool bufmode_child(fd_t out, fd_t check, char *seen, size_t size, char *status)
{
    fd_t told[2], hold[2];
    if (open2("sys:/pipe/new", told) || open2("sys:/pipe/new", hold))
        return false;
    const char *argv[] = { CHILD, "bufmode", NULL };
    spawn_fd_t fds[] = { { 1, out }, { 2, 2 }, { 3, hold[0] }, { 4, told[1] }, { SPAWN_FD_END, 0 } };
    pid_t pid = spawn(argv, fds, NULL, NULL);
    close(told[1]);
    close(hold[0]);
    char x;
    bool ok = pid != ERR && read(told[0], &x, 1) == 1;
    seen[0] = '\0';
    if (ok && check >= 0) {
        pollfd_t p = { .fd = check, .events = POLL_READ };
        int64_t n = poll(&p, 1, 0) == 1 ? read(check, seen, size - 1) : 0; /* no waiting */
        seen[n > 0 ? n : 0] = '\0';
    } else if (ok) {
        ok = utest_slurp(OUT, seen, size) >= 0;
    }
    close(hold[1]);
    close(told[0]);
    return pid != ERR && utest_wait(pid, status, MAX_STATUS) >= 0 && ok;
}

UTEST(stdout_line_buffered_on_pipe_full_on_file)
{
    fd_t p[2];
    UTEST_ASSERT(open2("sys:/pipe/new", p) == 0);
    char seen[64], status[MAX_STATUS];
    bool ok = bufmode_child(p[1], p[0], seen, sizeof(seen), status);
    close(p[0]);
    close(p[1]);
    UTEST_ASSERT(ok);
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_STR_EQ(seen, "line\n"); /* a pipe gets each line at once */
    fd_t f = open(OUT "?create&truncate");
    UTEST_ASSERT(f != ERR);
    write(f, "0123", 4);
    seek(f, 2, SEEK_SET); /* the probe must leave the offset alone */
    ok = bufmode_child(f, -1, seen, sizeof(seen), status);
    close(f);
    UTEST_ASSERT(ok);
    UTEST_ASSERT_STR_EQ(seen, "0123"); /* a file waits for the buffer or exit */
    UTEST_ASSERT(utest_slurp(OUT, seen, sizeof(seen)) >= 0);
    UTEST_ASSERT_STR_EQ(seen, "01line\n");
    remove(OUT);
}

/* A connected local socket pair named @name: *@accepted and *@data, or false. */
static bool socket_pair(const char *name, fd_t *accepted, fd_t *data)
{
    char sid[33] = { 0 }, cid[33] = { 0 };
    fd_t s = open("sys:/net/local/new"), c = open("sys:/net/local/new");
    bool ok = s != ERR && c != ERR && read(s, sid, 32) > 0 && read(c, cid, 32) > 0;
    fd_t sctl = ok ? openf("sys:/net/local/%s/ctl", sid) : ERR;
    fd_t cctl = ok ? openf("sys:/net/local/%s/ctl", cid) : ERR;
    ok = sctl != ERR && cctl != ERR && writef(sctl, "bind %s", name) > 0 &&
         writef(sctl, "listen") > 0 && writef(cctl, "connect %s", name) > 0;
    *accepted = ok ? openf("sys:/net/local/%s/accept", sid) : ERR;
    *data = ok ? openf("sys:/net/local/%s/data", cid) : ERR;
    close(sctl);
    close(cctl);
    return *accepted != ERR && *data != ERR;
}

UTEST(stdout_line_buffered_on_device_file)
{
    /* A socket's data file is a device-like file: it seeks, but not from its end. */
    fd_t acc, data;
    UTEST_ASSERT(socket_pair("libstd_bufmode", &acc, &data));
    char seen[64], status[MAX_STATUS];
    bool ok = bufmode_child(data, acc, seen, sizeof(seen), status);
    close(acc);
    close(data);
    UTEST_ASSERT(ok);
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_STR_EQ(seen, "line\n");
}

UTEST(freopen_stdout_decides_buffering_anew)
{
    fd_t p[2];
    UTEST_ASSERT(open2("sys:/pipe/new", p) == 0);
    const char *argv[] = { CHILD, "freopen", OUT, OUT "2", NULL };
    spawn_fd_t fds[] = { { 1, p[1] }, { 2, 2 }, { SPAWN_FD_END, 0 } };
    pid_t pid = spawn(argv, fds, NULL, NULL);
    close(p[1]);
    char status[MAX_STATUS], buf[64];
    bool ok = pid != ERR && utest_wait(pid, status, sizeof(status)) >= 0;
    int64_t n = read(p[0], buf, sizeof(buf) - 1);
    close(p[0]);
    UTEST_ASSERT(ok);
    UTEST_ASSERT_STR_EQ(status, "0");
    buf[n > 0 ? n : 0] = '\0';
    UTEST_ASSERT_STR_EQ(buf, "before\n"); /* line-buffered on the pipe */
    UTEST_ASSERT(utest_slurp(OUT "2", buf, sizeof(buf)) >= 0);
    UTEST_ASSERT_STR_EQ(buf, "0 2"); /* fully buffered on the file it was reopened on */
    UTEST_ASSERT(utest_slurp(OUT, buf, sizeof(buf)) >= 0);
    UTEST_ASSERT_STR_EQ(buf, "x\n");
    remove(OUT);
    remove(OUT "2");
}

UTEST(stdin_stream_from_pipe)
{
    fd_t p[2];
    UTEST_ASSERT(open2("sys:/pipe/new", p) == 0);
    const char *text = "line one\nline two is longer\nlast without newline";
    UTEST_ASSERT_EQ(write(p[1], text, strlen(text)), (int64_t)strlen(text));
    close(p[1]);
    const char *args[] = { "cat", NULL };
    char status[MAX_STATUS], out[256];
    bool ok = run_child(args, p[0], false, NULL, status, out, sizeof(out));
    close(p[0]);
    UTEST_ASSERT(ok);
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_STR_EQ(out, "line one\nline two is longer\nlast without newlineeof\n");
}

UTEST(system_runs_the_shell)
{
    stat_t st;
    bool has_shell = stat("home:/bin/shell", &st) == 0;
    UTEST_ASSERT_EQ(system(NULL) != 0, has_shell);
    errno = 0;
    int r = system("home:/bin/true");
    if (has_shell) {
        UTEST_ASSERT_EQ(r, 0);
    } else {
        UTEST_ASSERT_EQ(r, -1);
        UTEST_ASSERT_EQ(errno, ENOENT);
    }
}

/* ------------------------------------------------------------------ signals */

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

UTEST(signal_raise_runs_handler)
{
    got_signal = 0;
    UTEST_ASSERT(signal(SIGTERM, on_signal) == SIG_DFL);
    UTEST_ASSERT_EQ(raise(SIGTERM), 0);
    UTEST_ASSERT_EQ(got_signal, SIGTERM);
    UTEST_ASSERT(signal(SIGTERM, SIG_IGN) == on_signal);
    got_signal = 0;
    UTEST_ASSERT_EQ(raise(SIGTERM), 0); /* ignored: returns, nothing runs */
    UTEST_ASSERT_EQ(got_signal, 0);
    UTEST_ASSERT(signal(SIGTERM, SIG_DFL) == SIG_IGN);
    errno = 0;
    UTEST_ASSERT(signal(SIGKILL, on_signal) == SIG_ERR);
    UTEST_ASSERT_EQ(errno, EINVAL);
    errno = 0;
    UTEST_ASSERT(signal(77, on_signal) == SIG_ERR);
    UTEST_ASSERT_EQ(errno, EINVAL);
    errno = 0;
    UTEST_ASSERT(raise(0) != 0);
    UTEST_ASSERT_EQ(errno, EINVAL);
}

UTEST(signal_from_interrupt_note)
{
    got_signal = 0;
    UTEST_ASSERT(signal(SIGINT, on_signal) != SIG_ERR);
    fd_t fd = open("sys:/proc/self/note");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(write(fd, "interrupt from test", 19), 19);
    close(fd);
    for (int i = 0; i < 5000 && got_signal == 0; i++)
        sleep(NS_PER_MS);
    UTEST_ASSERT_EQ(got_signal, SIGINT);
    signal(SIGINT, SIG_IGN);
    got_signal = 0;
    fd = open("sys:/proc/self/note");
    write(fd, "interrupt again", 15); /* ignored: we go on */
    close(fd);
    sleep(10 * NS_PER_MS);
    UTEST_ASSERT_EQ(got_signal, 0);
    signal(SIGINT, SIG_DFL);
    notify(NULL);
}

/* ----------------------------------------------------------------- setjmp */

static jmp_buf jump_env;
static int jump_depth;

static volatile int jump_at = 0;

/* Recurse @n frames deep (each with some stack), then jump out of all of them. */
static __attribute__((noinline)) int jump_down(int n)
{
    volatile char pad[64];
    pad[0] = (char)n;
    jump_depth = n;
    if (n == jump_at)
        longjmp(jump_env, 42);
    if (n < jump_at)
        return 0;
    return jump_down(n - 1) + pad[0];
}

UTEST(setjmp_longjmp)
{
    volatile int calls = 0;
    int r = setjmp(jump_env);
    calls++;
    if (r == 0) {
        jump_down(50);
        UTEST_FAIL("longjmp returned");
        return;
    }
    UTEST_ASSERT_EQ(r, 42);
    UTEST_ASSERT_EQ(calls, 2);
    UTEST_ASSERT_EQ(jump_depth, 0);
    volatile int second = 0;
    if ((r = setjmp(jump_env)) == 0) {
        second = 1;
        longjmp(jump_env, 0); /* 0 arrives as 1 */
    }
    UTEST_ASSERT_EQ(r, 1);
    UTEST_ASSERT_EQ(second, 1);
}

UTEST(setjmp_keeps_callee_saved_state)
{
    /* Values live across the jump in registers the compiler chose: they must survive. */
    register long a = 0x1111, b = 0x2222, c = 0x3333;
    volatile double d = 2.5;
    jmp_buf env;
    if (setjmp(env) == 0) {
        __asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c));
        longjmp(env, 1);
    }
    __asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c));
    UTEST_ASSERT_EQ(a + b + c, 0x6666);
    UTEST_ASSERT(d * 2 == 5.0);
}

/* ------------------------------------------------------------------- time */

/* gmtime(@t) formatted with @fmt, into @buf. */
static const char *fmt_time(time_t t, const char *fmt, char *buf, size_t size)
{
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL || strftime(buf, size, fmt, &tm) == 0)
        return "(failed)";
    return buf;
}

UTEST(time_gmtime_known_epochs)
{
    struct tm tm;
    time_t t = 0;
    UTEST_ASSERT(gmtime_r(&t, &tm) == &tm);
    UTEST_ASSERT_EQ(tm.tm_year, 70);
    UTEST_ASSERT_EQ(tm.tm_mon, 0);
    UTEST_ASSERT_EQ(tm.tm_mday, 1);
    UTEST_ASSERT_EQ(tm.tm_wday, 4); /* a Thursday */
    UTEST_ASSERT_EQ(tm.tm_yday, 0);
    char buf[64];
    UTEST_ASSERT_STR_EQ(fmt_time(951782400, "%F %T %a %j", buf, sizeof(buf)), "2000-02-29 00:00:00 Tue 060");
    UTEST_ASSERT_STR_EQ(fmt_time(1234567890, "%F %T %A", buf, sizeof(buf)), "2009-02-13 23:31:30 Friday");
    UTEST_ASSERT_STR_EQ(fmt_time(-1, "%F %T %a", buf, sizeof(buf)), "1969-12-31 23:59:59 Wed");
    UTEST_ASSERT_STR_EQ(fmt_time(4102444800, "%F %a %j", buf, sizeof(buf)), "2100-01-01 Fri 001");
    UTEST_ASSERT_STR_EQ(fmt_time(4107542399, "%F %T %j", buf, sizeof(buf)), "2100-02-28 23:59:59 059");
    UTEST_ASSERT_STR_EQ(fmt_time(-2208988800, "%F %a", buf, sizeof(buf)), "1900-01-01 Mon");
    UTEST_ASSERT_STR_EQ(fmt_time(253402300799, "%F %T", buf, sizeof(buf)), "9999-12-31 23:59:59");
}

UTEST(time_mktime_normalises_and_roundtrips)
{
    struct tm tm = { .tm_year = 126, .tm_mon = 12, .tm_mday = 1, .tm_hour = 0, .tm_min = 0, .tm_sec = 61 };
    time_t t = mktime(&tm);
    UTEST_ASSERT_EQ(t, 1798761661); /* 2027-01-01 00:01:01 */
    UTEST_ASSERT_EQ(tm.tm_year, 127);
    UTEST_ASSERT_EQ(tm.tm_mon, 0);
    UTEST_ASSERT_EQ(tm.tm_min, 1);
    UTEST_ASSERT_EQ(tm.tm_sec, 1);
    UTEST_ASSERT_EQ(tm.tm_wday, 5);
    tm = (struct tm){ .tm_year = 124, .tm_mon = 2, .tm_mday = 0 }; /* day 0 of March 2024 */
    mktime(&tm);
    UTEST_ASSERT_EQ(tm.tm_mon, 1);
    UTEST_ASSERT_EQ(tm.tm_mday, 29);
    tm = (struct tm){ .tm_year = 100, .tm_mon = -1, .tm_mday = 1, .tm_hour = -1 };
    mktime(&tm); /* month -1 of 2000 is December 1999; hour -1 the day before */
    UTEST_ASSERT_EQ(tm.tm_year, 99);
    UTEST_ASSERT_EQ(tm.tm_mon, 10);
    UTEST_ASSERT_EQ(tm.tm_mday, 30);
    UTEST_ASSERT_EQ(tm.tm_hour, 23);
    for (time_t s = -5000000000; s < 5000000000; s += 86400 * 37 + 3671) {
        struct tm b;
        gmtime_r(&s, &b);
        UTEST_ASSERT_EQ(timegm(&b), s);
    }
}

UTEST(time_strftime_conversions)
{
    char buf[160];
    UTEST_ASSERT_STR_EQ(fmt_time(1234567890, "%a %b %e %H:%M:%S %Y|%c|%D|%R|%y %C|%u %w|%I %p|%r", buf, sizeof(buf)),
                        "Fri Feb 13 23:31:30 2009|Fri Feb 13 23:31:30 2009|02/13/09|23:31|09 20|5 5|11 PM|11:31:30 PM");
    UTEST_ASSERT_STR_EQ(fmt_time(1234567890, "%B %h %U %W %Z %z %s %% %q %Ey", buf, sizeof(buf)),
                        "February Feb 06 06 UTC +0000 1234567890 % %q 09");
    UTEST_ASSERT_STR_EQ(fmt_time(3600 * 5, "%I%p %e|%n|%t|", buf, sizeof(buf)), "05AM  1|\n|\t|");
    struct tm tm;
    time_t t = 1234567890;
    gmtime_r(&t, &tm);
    char small[8];
    UTEST_ASSERT_EQ(strftime(small, sizeof(small), "%Y-%m-%d", &tm), 0); /* does not fit */
    UTEST_ASSERT_EQ(strftime(small, sizeof(small), "%Y-%m", &tm), 7);
    UTEST_ASSERT_STR_EQ(asctime(&tm), "Fri Feb 13 23:31:30 2009\n");
    UTEST_ASSERT_STR_EQ(ctime(&t), "Fri Feb 13 23:31:30 2009\n");
}

UTEST(time_strftime_iso_weeks)
{
    char buf[64];
    UTEST_ASSERT_STR_EQ(fmt_time(1234567890, "%G-W%V-%u %g", buf, sizeof(buf)), "2009-W07-5 09");
    UTEST_ASSERT_STR_EQ(fmt_time(1609459200, "%F %G-W%V", buf, sizeof(buf)), "2021-01-01 2020-W53");
    UTEST_ASSERT_STR_EQ(fmt_time(1735516800, "%F %G-W%V", buf, sizeof(buf)), "2024-12-30 2025-W01");
    UTEST_ASSERT_STR_EQ(fmt_time(1704067200, "%F %G-W%V %U %W", buf, sizeof(buf)), "2024-01-01 2024-W01 00 01");
}

UTEST(time_clocks)
{
    time_t now = time(NULL), also;
    UTEST_ASSERT(now > 1577836800); /* after 2020: the clock comes from the RTC */
    UTEST_ASSERT(time(&also) >= now && also >= now);
    clock_t c0 = clock();
    sleep(5 * NS_PER_MS);
    clock_t c1 = clock();
    UTEST_ASSERT(c1 - c0 >= 5 * CLOCKS_PER_SEC / 1000);
    UTEST_ASSERT(difftime(now + 90, now) == 90.0);
    struct timespec ts, mono;
    UTEST_ASSERT_EQ(timespec_get(&ts, TIME_UTC), TIME_UTC);
    UTEST_ASSERT(ts.tv_sec >= now && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
    UTEST_ASSERT_EQ(timespec_get(&ts, 99), 0);
    UTEST_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &mono), 0);
    UTEST_ASSERT(mono.tv_sec * NS_PER_SEC + mono.tv_nsec <= uptime());
    errno = 0;
    UTEST_ASSERT_EQ(clock_gettime(42, &mono), -1);
    UTEST_ASSERT_EQ(errno, EINVAL);
}

/* ----------------------------------------------------------------- locale */

UTEST(locale_c_only)
{
    UTEST_ASSERT_STR_EQ(setlocale(LC_ALL, NULL), "C");
    UTEST_ASSERT_STR_EQ(setlocale(LC_ALL, ""), "C");
    UTEST_ASSERT_STR_EQ(setlocale(LC_NUMERIC, "POSIX"), "C");
    UTEST_ASSERT(setlocale(LC_ALL, "fr_FR.UTF-8") == NULL);
    UTEST_ASSERT(setlocale(99, "C") == NULL);
    struct lconv *lc = localeconv();
    UTEST_ASSERT_STR_EQ(lc->decimal_point, ".");
    UTEST_ASSERT_STR_EQ(lc->thousands_sep, "");
    UTEST_ASSERT_EQ(lc->frac_digits, CHAR_MAX);
}

/* ---------------------------------------------------------------- threads */

static int thr_return(void *arg)
{
    return (int)(long)arg * 10;
}

UTEST(thr_create_join_result)
{
    thrd_t t[4];
    for (long i = 0; i < 4; i++)
        UTEST_ASSERT_EQ(thrd_create(&t[i], thr_return, (void *)i), thrd_success);
    for (int i = 0; i < 4; i++) {
        int res = -1;
        UTEST_ASSERT_EQ(thrd_join(t[i], &res), thrd_success);
        UTEST_ASSERT_EQ(res, i * 10);
    }
    UTEST_ASSERT(thrd_equal(thrd_current(), thrd_current()));
    UTEST_ASSERT(!thrd_equal(thrd_current(), t[0]));
}

static mtx_t count_lock;
static long counter;

static int thr_count(void *arg)
{
    for (long i = 0; i < (long)arg; i++) {
        if (mtx_lock(&count_lock) != thrd_success)
            return 1;
        long v = counter; /* a non-atomic read-modify-write: only the lock keeps it right */
        if (i % 64 == 0)
            thrd_yield();
        counter = v + 1;
        mtx_unlock(&count_lock);
    }
    return 0;
}

UTEST(thr_mutex_under_contention)
{
    UTEST_ASSERT_EQ(mtx_init(&count_lock, mtx_plain), thrd_success);
    counter = 0;
    thrd_t t[4];
    for (int i = 0; i < 4; i++)
        UTEST_ASSERT_EQ(thrd_create(&t[i], thr_count, (void *)3000L), thrd_success);
    for (int i = 0; i < 4; i++) {
        int res = -1;
        thrd_join(t[i], &res);
        UTEST_ASSERT_EQ(res, 0);
    }
    UTEST_ASSERT_EQ(counter, 12000);
    mtx_destroy(&count_lock);
    UTEST_ASSERT_EQ(mtx_init(&count_lock, 0x40), thrd_error);
}

/* A bounded queue guarded by one mutex and two condition variables. */
#define QSIZE 8
#define ITEMS 2000
static struct {
    mtx_t lock;
    cnd_t not_empty, not_full;
    int items[QSIZE];
    int head, count, done;
    long sum;
} queue;

static int producer(void *arg)
{
    (void)arg;
    for (int i = 1; i <= ITEMS; i++) {
        mtx_lock(&queue.lock);
        while (queue.count == QSIZE)
            cnd_wait(&queue.not_full, &queue.lock);
        queue.items[(queue.head + queue.count++) % QSIZE] = i;
        cnd_signal(&queue.not_empty);
        mtx_unlock(&queue.lock);
    }
    mtx_lock(&queue.lock);
    queue.done = 1;
    cnd_broadcast(&queue.not_empty);
    mtx_unlock(&queue.lock);
    return 0;
}

static int consumer(void *arg)
{
    (void)arg;
    int taken = 0;
    mtx_lock(&queue.lock);
    for (;;) {
        while (queue.count == 0 && !queue.done)
            cnd_wait(&queue.not_empty, &queue.lock);
        if (queue.count == 0)
            break;
        queue.sum += queue.items[queue.head];
        queue.head = (queue.head + 1) % QSIZE;
        queue.count--;
        taken++;
        cnd_signal(&queue.not_full);
    }
    mtx_unlock(&queue.lock);
    return taken;
}

UTEST(thr_condvar_producer_consumers)
{
    memset(&queue, 0, sizeof(queue));
    mtx_init(&queue.lock, mtx_plain);
    cnd_init(&queue.not_empty);
    cnd_init(&queue.not_full);
    thrd_t p, c[3];
    for (int i = 0; i < 3; i++)
        UTEST_ASSERT_EQ(thrd_create(&c[i], consumer, NULL), thrd_success);
    UTEST_ASSERT_EQ(thrd_create(&p, producer, NULL), thrd_success);
    thrd_join(p, NULL);
    int total = 0;
    for (int i = 0; i < 3; i++) {
        int n = 0;
        thrd_join(c[i], &n);
        total += n;
    }
    UTEST_ASSERT_EQ(total, ITEMS);
    UTEST_ASSERT_EQ(queue.sum, (long)ITEMS * (ITEMS + 1) / 2);
}

static mtx_t rec_lock;

static int try_rec(void *arg)
{
    (void)arg;
    return mtx_trylock(&rec_lock);
}

/* The result of mtx_trylock(&rec_lock) from another thread (which then unlocks). */
static int trylock_elsewhere(void)
{
    thrd_t t;
    int res = -1;
    if (thrd_create(&t, try_rec, NULL) != thrd_success)
        return -1;
    thrd_join(t, &res);
    if (res == thrd_success)
        mtx_unlock(&rec_lock); /* the helper's lock: no owner check, released here */
    return res;
}

UTEST(thr_recursive_mutex)
{
    UTEST_ASSERT_EQ(mtx_init(&rec_lock, mtx_plain | mtx_recursive), thrd_success);
    UTEST_ASSERT_EQ(mtx_lock(&rec_lock), thrd_success);
    UTEST_ASSERT_EQ(mtx_lock(&rec_lock), thrd_success);
    UTEST_ASSERT_EQ(mtx_trylock(&rec_lock), thrd_success);
    UTEST_ASSERT_EQ(trylock_elsewhere(), thrd_busy);
    mtx_unlock(&rec_lock);
    mtx_unlock(&rec_lock);
    UTEST_ASSERT_EQ(trylock_elsewhere(), thrd_busy); /* still held once */
    mtx_unlock(&rec_lock);
    UTEST_ASSERT_EQ(trylock_elsewhere(), thrd_success);
    mtx_t plain;
    mtx_init(&plain, mtx_plain);
    mtx_lock(&plain);
    UTEST_ASSERT_EQ(mtx_trylock(&plain), thrd_busy); /* not recursive */
    mtx_unlock(&plain);
}

/* An absolute TIME_UTC deadline @ms milliseconds from now. */
static struct timespec deadline_in(long ms)
{
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    int64_t ns = (int64_t)ts.tv_sec * 1000000000L + ts.tv_nsec + (int64_t)ms * 1000000L;
    return (struct timespec){ ns / 1000000000L, ns % 1000000000L };
}

static mtx_t timed_lock;

static int timed_taker(void *arg)
{
    (void)arg;
    struct timespec ts = deadline_in(30);
    return mtx_timedlock(&timed_lock, &ts);
}

UTEST(thr_timed_waits_time_out)
{
    UTEST_ASSERT_EQ(mtx_init(&timed_lock, mtx_timed), thrd_success);
    mtx_lock(&timed_lock);
    thrd_t t;
    int res = -1;
    UTEST_ASSERT_EQ(thrd_create(&t, timed_taker, NULL), thrd_success);
    thrd_join(t, &res); /* we hold it all along: the taker must give up */
    UTEST_ASSERT_EQ(res, thrd_timedout);
    mtx_unlock(&timed_lock);
    struct timespec ts = deadline_in(1000);
    UTEST_ASSERT_EQ(mtx_timedlock(&timed_lock, &ts), thrd_success);
    mtx_unlock(&timed_lock);
    mtx_t plain;
    mtx_init(&plain, mtx_plain);
    UTEST_ASSERT_EQ(mtx_timedlock(&plain, &ts), thrd_error); /* not a timed mutex */
    cnd_t c;
    cnd_init(&c);
    mtx_lock(&timed_lock);
    uint64_t start = uptime();
    ts = deadline_in(20);
    UTEST_ASSERT_EQ(cnd_timedwait(&c, &timed_lock, &ts), thrd_timedout);
    UTEST_ASSERT(uptime() - start >= 15 * NS_PER_MS);
    ts = deadline_in(-1000); /* already past */
    UTEST_ASSERT_EQ(cnd_timedwait(&c, &timed_lock, &ts), thrd_timedout);
    ts.tv_nsec = 2000000000L;
    UTEST_ASSERT_EQ(cnd_timedwait(&c, &timed_lock, &ts), thrd_error);
    UTEST_ASSERT_EQ(mtx_trylock(&timed_lock), thrd_busy); /* held again after the waits */
    mtx_unlock(&timed_lock);
}

static tss_t key_a, key_b;
static int dtor_calls;
static void *dtor_seen[4];

static void count_dtor(void *v)
{
    int i = __atomic_fetch_add(&dtor_calls, 1, __ATOMIC_RELAXED);
    if (i < 4)
        dtor_seen[i] = v;
}

static int tss_user(void *arg)
{
    if (tss_get(key_a) != NULL) /* a new thread starts with NULL */
        return 1;
    tss_set(key_a, arg);
    tss_set(key_b, (void *)0x5678);
    return tss_get(key_a) == arg ? 0 : 2;
}

UTEST(thr_tss_values_and_destructors)
{
    UTEST_ASSERT_EQ(tss_create(&key_a, count_dtor), thrd_success);
    UTEST_ASSERT_EQ(tss_create(&key_b, NULL), thrd_success);
    UTEST_ASSERT(key_a != key_b);
    UTEST_ASSERT_EQ(tss_set(key_a, (void *)0x1), thrd_success);
    dtor_calls = 0;
    thrd_t t;
    int res = -1;
    UTEST_ASSERT_EQ(thrd_create(&t, tss_user, (void *)0x1234), thrd_success);
    thrd_join(t, &res);
    UTEST_ASSERT_EQ(res, 0);
    UTEST_ASSERT_EQ(dtor_calls, 1); /* key_a's destructor, with that thread's value */
    UTEST_ASSERT(dtor_seen[0] == (void *)0x1234);
    UTEST_ASSERT(tss_get(key_a) == (void *)0x1); /* ours is untouched */
    tss_delete(key_a);
    UTEST_ASSERT_EQ(tss_set(key_a, (void *)0x2), thrd_error);
    UTEST_ASSERT_EQ(thrd_create(&t, tss_user, (void *)0x99), thrd_success);
    thrd_join(t, &res);
    UTEST_ASSERT_EQ(dtor_calls, 1); /* a deleted key's destructor no longer runs */
    UTEST_ASSERT(tss_get(TSS_MAX + 5) == NULL);
}

static once_flag once = ONCE_FLAG_INIT;
static int once_runs;

static void run_once(void)
{
    __atomic_add_fetch(&once_runs, 1, __ATOMIC_RELAXED);
    thrd_yield();
}

static int once_caller(void *arg)
{
    (void)arg;
    call_once(&once, run_once);
    return __atomic_load_n(&once_runs, __ATOMIC_RELAXED);
}

UTEST(thr_call_once_and_detach)
{
    thrd_t t[4];
    for (int i = 0; i < 4; i++)
        UTEST_ASSERT_EQ(thrd_create(&t[i], once_caller, NULL), thrd_success);
    for (int i = 0; i < 4; i++) {
        int res = 0;
        thrd_join(t[i], &res);
        UTEST_ASSERT_EQ(res, 1); /* every caller returned after the one run */
    }
    UTEST_ASSERT_EQ(once_runs, 1);
    thrd_t d;
    UTEST_ASSERT_EQ(thrd_create(&d, thr_return, (void *)1L), thrd_success);
    UTEST_ASSERT_EQ(thrd_detach(d), thrd_success);
}

UTEST(thr_sleep)
{
    struct timespec d = { 0, 10 * 1000000L }, left;
    uint64_t start = uptime();
    UTEST_ASSERT_EQ(thrd_sleep(&d, &left), 0);
    UTEST_ASSERT(uptime() - start >= 10 * NS_PER_MS);
    d.tv_nsec = -1;
    UTEST_ASSERT_EQ(thrd_sleep(&d, NULL), -2);
}

static atomic_int atomic_total;

static int atomic_adder(void *arg)
{
    (void)arg;
    for (int i = 0; i < 5000; i++)
        atomic_fetch_add(&atomic_total, 1);
    return 0;
}

UTEST(stdatomic_and_inttypes)
{
    atomic_init(&atomic_total, 0);
    thrd_t t[3];
    for (int i = 0; i < 3; i++)
        UTEST_ASSERT_EQ(thrd_create(&t[i], atomic_adder, NULL), thrd_success);
    for (int i = 0; i < 3; i++)
        thrd_join(t[i], NULL);
    UTEST_ASSERT_EQ(atomic_load(&atomic_total), 15000);
    char buf[64];
    snprintf(buf, sizeof(buf), "%" PRId64 " %" PRIx64 " %" PRIu32 " %" PRIdMAX, (int64_t)-5,
             (uint64_t)0xdeadbeefcafe, (uint32_t)7, (intmax_t)INT64_MIN);
    UTEST_ASSERT_STR_EQ(buf, "-5 deadbeefcafe 7 -9223372036854775808");
    int64_t v = 0;
    UTEST_ASSERT_EQ(sscanf("123456789012", "%" SCNd64, &v), 1);
    UTEST_ASSERT_EQ(v, 123456789012);
    UTEST_ASSERT_EQ(strtoimax("-77", NULL, 10), -77);
    UTEST_ASSERT_EQ(imaxabs(-3), 3);
    assert(v == 123456789012); /* a true assertion does nothing */
}

/* --------------------------------------------------------- string, stdlib */

UTEST(string_strtok_memrchr_strcoll)
{
    char s[] = "  alpha, beta,,gamma ";
    UTEST_ASSERT_STR_EQ(strtok(s, " ,"), "alpha");
    UTEST_ASSERT_STR_EQ(strtok(NULL, " ,"), "beta");
    UTEST_ASSERT_STR_EQ(strtok(NULL, " ,"), "gamma");
    UTEST_ASSERT(strtok(NULL, " ,") == NULL);
    const char *m = "abcabc";
    UTEST_ASSERT(memrchr(m, 'b', 6) == m + 4);
    UTEST_ASSERT(memrchr(m, 'b', 1) == NULL);
    UTEST_ASSERT(memrchr(m, 'a', 0) == NULL);
    UTEST_ASSERT(strcoll("abc", "abd") < 0);
    UTEST_ASSERT(strcoll("b", "a") > 0);
    char x[8];
    UTEST_ASSERT_EQ(strxfrm(x, "hello", sizeof(x)), 5);
    UTEST_ASSERT_STR_EQ(x, "hello");
    UTEST_ASSERT_EQ(strxfrm(x, "much too long", sizeof(x)), 13);
    UTEST_ASSERT_EQ(strspn("aabxc", "ab"), 3);
    UTEST_ASSERT_EQ(strcspn("aabxc", "x"), 3);
    const char *h = "hello";
    UTEST_ASSERT(strpbrk(h, "ol") == h + 2);
    UTEST_ASSERT(strpbrk(h, "xyz") == NULL);
    UTEST_ASSERT_STR_EQ(strerror(EDOM), "argument out of domain");
    UTEST_ASSERT_STR_EQ(strerror(EILSEQ), "invalid multibyte sequence");
}

UTEST(stdlib_rand_div_mb)
{
    srand(7);
    int first[5];
    for (int i = 0; i < 5; i++) {
        first[i] = rand();
        UTEST_ASSERT(first[i] >= 0 && first[i] <= RAND_MAX);
    }
    srand(7);
    for (int i = 0; i < 5; i++)
        UTEST_ASSERT_EQ(rand(), first[i]); /* the same seed, the same sequence */
    UTEST_ASSERT(first[0] != first[1] || first[1] != first[2]);
    div_t d = div(-7, 2);
    UTEST_ASSERT_EQ(d.quot, -3);
    UTEST_ASSERT_EQ(d.rem, -1);
    ldiv_t l = ldiv(100000000000L, 7);
    UTEST_ASSERT_EQ(l.quot, 14285714285L);
    UTEST_ASSERT_EQ(l.rem, 5);
    lldiv_t ll = lldiv(9, -4);
    UTEST_ASSERT_EQ(ll.quot, -2);
    UTEST_ASSERT_EQ(ll.rem, 1);
    wchar_t wc = 0;
    UTEST_ASSERT_EQ(mblen("x", 1), 1);
    UTEST_ASSERT_EQ(mblen("", 1), 0);
    UTEST_ASSERT_EQ(mblen("x", 0), -1);
    UTEST_ASSERT_EQ(mbtowc(&wc, "\xe9", 1), 1);
    UTEST_ASSERT_EQ(wc, 0xe9);
    char c;
    UTEST_ASSERT_EQ(wctomb(&c, 'q'), 1);
    UTEST_ASSERT_EQ(c, 'q');
    UTEST_ASSERT_EQ(wctomb(&c, 0x1234), -1);
    UTEST_ASSERT_EQ(MB_CUR_MAX, 1);
}

int main(void)
{
    UTEST_BEGIN("libstd");
    UTEST_RUN(env_getenv_setenv_unsetenv);
    UTEST_RUN(env_many_variables);
    UTEST_RUN(env_inherited_by_spawn);
    UTEST_RUN(env_spawne_explicit_environment);
    UTEST_RUN(env_spawne_kernel_checks);
    UTEST_RUN(exit_runs_atexit_newest_first);
    UTEST_RUN(exit_flushes_streams);
    UTEST_RUN(quick_exit_runs_only_its_functions);
    UTEST_RUN(abort_and_raise_statuses);
    UTEST_RUN(stdout_line_buffered_on_pipe_full_on_file);
    UTEST_RUN(stdout_line_buffered_on_device_file);
    UTEST_RUN(freopen_stdout_decides_buffering_anew);
    UTEST_RUN(stdin_stream_from_pipe);
    UTEST_RUN(system_runs_the_shell);
    UTEST_RUN(signal_raise_runs_handler);
    UTEST_RUN(signal_from_interrupt_note);
    UTEST_RUN(setjmp_longjmp);
    UTEST_RUN(setjmp_keeps_callee_saved_state);
    UTEST_RUN(time_gmtime_known_epochs);
    UTEST_RUN(time_mktime_normalises_and_roundtrips);
    UTEST_RUN(time_strftime_conversions);
    UTEST_RUN(time_strftime_iso_weeks);
    UTEST_RUN(time_clocks);
    UTEST_RUN(locale_c_only);
    UTEST_RUN(thr_create_join_result);
    UTEST_RUN(thr_mutex_under_contention);
    UTEST_RUN(thr_condvar_producer_consumers);
    UTEST_RUN(thr_recursive_mutex);
    UTEST_RUN(thr_timed_waits_time_out);
    UTEST_RUN(thr_tss_values_and_destructors);
    UTEST_RUN(thr_call_once_and_detach);
    UTEST_RUN(thr_sleep);
    UTEST_RUN(stdatomic_and_inttypes);
    UTEST_RUN(string_strtok_memrchr_strcoll);
    UTEST_RUN(stdlib_rand_div_mb);
    return UTEST_END();
}
