/*
 * proc.c - the user-space suite `proc`: the sys:/proc files. Our own directory
 * (sys:/proc/self: cmdline, status, cwd), a child's wait file (blocking, `?nonblock`,
 * the exit status, the directory going away once collected), ctl commands (kill,
 * wait, prio, several joined with " && "; malformed lines are EINVAL and change
 * nothing; only ancestors may write: EACCES), the status of an exited child not yet
 * collected, and missing pids. The children are home:/bin/tproc (programs/tproc).
 * Every child a case starts is killed and collected after the case, whatever happened.
 * Run by init in test mode; the harness is tests/user/utest.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define TPROC "home:/bin/tproc"

/* errno of a call expected to fail, or -1 if it succeeded. */
#define FAILS_WITH(call) ((call) == ERR ? errno : -1)

static const char *argv0;

/* ---------------------------------------------------------------- children */

static pid_t tracked[64];
static int ntracked;

/* Spawns tproc with up to four arguments (NULL-terminated list) and @fds; the child is
 * killed and collected after the case. Returns its pid or ERR. */
static pid_t start(const spawn_fd_t *fds, const char *a1, const char *a2, const char *a3)
{
    const char *argv[5] = { TPROC, a1, a2, a3, NULL };
    pid_t pid = spawn(argv, fds, NULL, NULL);
    if (pid != ERR && ntracked < 64)
        tracked[ntracked++] = pid;
    return pid;
}

/* sys:/proc/<pid>/<file> into @buf. */
static int64_t proc_read(pid_t pid, const char *file, char *buf, size_t size)
{
    char path[64];
    snprintf(path, sizeof(path), "sys:/proc/%lld/%s", (long long)pid, file);
    return utest_slurp(path, buf, size);
}

/* Waits for @pid through its wait file: the exit status into @buf; ERR with errno. */
static int64_t wait_for(pid_t pid, char *buf, size_t size)
{
    return proc_read(pid, "wait", buf, size);
}

/* Writes @cmd (as one write) to @pid's ctl. Returns the write's result, errno set. */
static int64_t ctl(pid_t pid, const char *cmd)
{
    fd_t fd = openf("sys:/proc/%lld/ctl", (long long)pid);
    if (fd == ERR)
        return ERR;
    int64_t n = write(fd, cmd, strlen(cmd));
    int saved = errno;
    close(fd);
    errno = saved;
    return n;
}

/* True while @pid has not exited, as its status file says (reading wait would collect
 * an exited child). */
static bool still_running(pid_t pid)
{
    char buf[MAX_STATUS + 64];
    return proc_read(pid, "status", buf, sizeof(buf)) > 0 && strstr(buf, "\nstate running\n") != NULL;
}

/* Kills and collects every child the last case started. */
static void cleanup(void)
{
    char status[MAX_STATUS];
    for (int i = 0; i < ntracked; i++) {
        fd_t fd = openf("sys:/proc/%lld/ctl", (long long)tracked[i]);
        if (fd == ERR)
            continue; /* already collected */
        write(fd, "kill", 4);
        close(fd);
        wait_for(tracked[i], status, sizeof(status));
    }
    ntracked = 0;
}

/* Waits up to @ns for sys:/proc/<pid> to go away; true if it did. */
static bool gone_within(pid_t pid, uint64_t ns)
{
    char path[64];
    stat_t st;
    snprintf(path, sizeof(path), "sys:/proc/%lld", (long long)pid);
    uint64_t deadline = uptime() + ns;
    while (uptime() < deadline) {
        if (stat(path, &st) == ERR && errno == ENOENT)
            return true;
        sleep(5 * NS_PER_MS);
    }
    return false;
}

/* ---------------------------------------------------------------- self */

UTEST(self_cmdline)
{
    char buf[256], want[256];
    UTEST_ASSERT(argv0 != NULL);
    UTEST_ASSERT(utest_slurp("sys:/proc/self/cmdline", buf, sizeof(buf)) > 0);
    snprintf(want, sizeof(want), "%s\n", argv0); /* init starts us with no arguments */
    UTEST_ASSERT_STR_EQ(buf, want);
    UTEST_ASSERT(strncmp(buf, "home:/tests/", 12) == 0);
    /* the same through the pid */
    char again[256];
    UTEST_ASSERT(proc_read(getpid(), "cmdline", again, sizeof(again)) > 0);
    UTEST_ASSERT_STR_EQ(again, buf);
    /* small reads and seeks see the same bytes */
    fd_t fd = open("sys:/proc/self/cmdline");
    UTEST_ASSERT(fd != ERR);
    char c[2] = { 0 };
    UTEST_ASSERT_EQ(seek(fd, 2, SEEK_SET), 2);
    UTEST_ASSERT_EQ(read(fd, c, 1), 1);
    UTEST_ASSERT_EQ(c[0], want[2]);
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_SET), 0);
    UTEST_ASSERT_EQ(read(fd, c, 1), 1);
    UTEST_ASSERT_EQ(c[0], 'h');
    close(fd);
}

UTEST(self_status)
{
    char buf[128], want[128];
    UTEST_ASSERT(utest_slurp("sys:/proc/self/status", buf, sizeof(buf)) > 0);
    snprintf(want, sizeof(want), "pid %lld\nstate running\nthreads 1\n", (long long)getpid());
    UTEST_ASSERT_STR_EQ(buf, want);
}

UTEST(self_cwd)
{
    char start[MAX_PATH + 1], buf[64];
    UTEST_ASSERT(utest_slurp("sys:/proc/self/cwd", start, sizeof(start)) > 0);
    UTEST_ASSERT(strncmp(start, "home:/", 6) == 0);
    UTEST_ASSERT_EQ(chdir("home:/usr"), 0);
    int64_t n = utest_slurp("sys:/proc/self/cwd", buf, sizeof(buf));
    UTEST_ASSERT_EQ(chdir(start), 0);
    UTEST_ASSERT_EQ(n, 9);
    UTEST_ASSERT_STR_EQ(buf, "home:/usr"); /* no newline */
    UTEST_ASSERT(utest_slurp("sys:/proc/self/cwd", buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, start);
}

UTEST(self_listing)
{
    dirent_t e[16];
    fd_t d = open("sys:/proc/self");
    UTEST_ASSERT(d != ERR);
    int64_t n = getdirent(d, e, 16);
    close(d);
    UTEST_ASSERT(n >= 5);
    /* these five, in name order, all devices (more may come: note, ...) */
    const char *want[] = { "cmdline", "ctl", "cwd", "status", "wait" };
    int64_t at = 0;
    for (int i = 0; i < 5; i++) {
        while (at < n && strcmp(e[at].name, want[i]) != 0)
            at++;
        if (at == n) {
            UTEST_FAIL("sys:/proc/self has no %s (in order)", want[i]);
            return;
        }
        UTEST_ASSERT_EQ(e[at].type, STAT_DEVICE);
    }
    /* and sys:/proc lists us and init */
    static dirent_t all[256];
    char me[24];
    snprintf(me, sizeof(me), "%lld", (long long)getpid());
    d = open("sys:/proc");
    UTEST_ASSERT(d != ERR);
    bool found_me = false, found_init = false;
    while ((n = getdirent(d, all, 256)) > 0) {
        for (int64_t i = 0; i < n; i++) {
            found_me = found_me || (strcmp(all[i].name, me) == 0 && all[i].type == STAT_DIR);
            found_init = found_init || strcmp(all[i].name, "1") == 0;
        }
    }
    close(d);
    UTEST_ASSERT(found_me);
    UTEST_ASSERT(found_init);
}

/* ---------------------------------------------------------------- wait */

UTEST(wait_returns_status)
{
    char buf[MAX_STATUS];
    uint64_t t0 = uptime();
    pid_t pid = start(NULL, "sleep", "50", NULL);
    UTEST_ASSERT(pid != ERR);
    UTEST_ASSERT(pid > getpid());
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), 1);
    UTEST_ASSERT(uptime() - t0 >= 50 * NS_PER_MS);
    UTEST_ASSERT_STR_EQ(buf, "0");
    /* collected: its directory goes away, and its pid is not handed out again */
    UTEST_ASSERT(gone_within(pid, 10 * NS_PER_SEC));
    UTEST_ASSERT_EQ(FAILS_WITH(proc_read(pid, "wait", buf, sizeof(buf))), ENOENT);
    pid_t next = start(NULL, "exit", "0", NULL);
    UTEST_ASSERT(next > pid);
    UTEST_ASSERT_EQ(wait_for(next, buf, sizeof(buf)), 1);
}

UTEST(wait_nonblock_eagain)
{
    char buf[MAX_STATUS];
    pid_t pid = start(NULL, "sleep", "20000", NULL);
    UTEST_ASSERT(pid != ERR);
    fd_t w = openf("sys:/proc/%lld/wait?nonblock", (long long)pid);
    UTEST_ASSERT(w != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(read(w, buf, sizeof(buf))), EAGAIN);
    UTEST_ASSERT_EQ(FAILS_WITH(read(w, buf, sizeof(buf))), EAGAIN); /* and again */
    UTEST_ASSERT(proc_read(pid, "status", buf, sizeof(buf)) > 0);
    UTEST_ASSERT(strstr(buf, "state running\n") != NULL);
    UTEST_ASSERT_EQ(ctl(pid, "kill"), 4);
    /* a sleeping child is woken by kill: the blocking wait returns soon */
    uint64_t t0 = uptime();
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), 4);
    UTEST_ASSERT_STR_EQ(buf, "kill");
    UTEST_ASSERT(uptime() - t0 < 10 * NS_PER_SEC);
    close(w);
}

UTEST(nonblock_wait_after_exit)
{
    char buf[MAX_STATUS];
    pid_t pid = start(NULL, "exit", "done", NULL);
    UTEST_ASSERT(pid != ERR);
    UTEST_ASSERT_EQ(ctl(pid, "wait"), 4);
    fd_t w = openf("sys:/proc/%lld/wait?nonblock", (long long)pid);
    UTEST_ASSERT(w != ERR);
    memset(buf, 0, sizeof(buf));
    UTEST_ASSERT_EQ(read(w, buf, sizeof(buf)), 4);
    UTEST_ASSERT_STR_EQ(buf, "done");
    close(w);
    UTEST_ASSERT(gone_within(pid, 10 * NS_PER_SEC));
}

/* ---------------------------------------------------------------- ctl */

UTEST(kill_spinning_child)
{
    char buf[MAX_STATUS];
    pid_t pid = start(NULL, "spin", NULL, NULL);
    UTEST_ASSERT(pid != ERR);
    sleep(20 * NS_PER_MS);
    UTEST_ASSERT(still_running(pid));
    UTEST_ASSERT_EQ(ctl(pid, "kill"), 4);
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), 4);
    UTEST_ASSERT_STR_EQ(buf, "kill");
}

UTEST(ctl_wait_blocks_until_exit)
{
    char buf[MAX_STATUS], want[MAX_STATUS + 64];
    uint64_t t0 = uptime();
    pid_t pid = start(NULL, "sleep", "100", NULL);
    UTEST_ASSERT(pid != ERR);
    UTEST_ASSERT_EQ(ctl(pid, "wait"), 4);
    UTEST_ASSERT(uptime() - t0 >= 100 * NS_PER_MS);
    UTEST_ASSERT(!still_running(pid));
    /* "wait" does not collect: the child is still listed, exited, with its status */
    UTEST_ASSERT(proc_read(pid, "status", buf, sizeof(buf)) > 0);
    snprintf(want, sizeof(want), "pid %lld\nstate exited\nstatus 0\n", (long long)pid);
    UTEST_ASSERT_STR_EQ(buf, want);
    UTEST_ASSERT_EQ(ctl(pid, "wait"), 4); /* returns at once now */
    sleep(20 * NS_PER_MS);
    stat_t st;
    char path[64];
    snprintf(path, sizeof(path), "sys:/proc/%lld", (long long)pid);
    UTEST_ASSERT_EQ(stat(path, &st), 0);
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), 1);
    UTEST_ASSERT_STR_EQ(buf, "0");
    UTEST_ASSERT(gone_within(pid, 10 * NS_PER_SEC));
}

UTEST(ctl_joined_commands)
{
    char buf[MAX_STATUS];
    pid_t pid = start(NULL, "spin", NULL, NULL);
    UTEST_ASSERT(pid != ERR);
    UTEST_ASSERT_EQ(ctl(pid, "prio 5 && kill"), 14);
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), 4);
    UTEST_ASSERT_STR_EQ(buf, "kill");
    /* kill, then wait in the same line: returns once it has exited */
    pid = start(NULL, "spin", NULL, NULL);
    UTEST_ASSERT(pid != ERR);
    UTEST_ASSERT_EQ(ctl(pid, "prio 20 && prio 3 && kill && wait"), 33);
    UTEST_ASSERT(!still_running(pid));
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), 4);
    UTEST_ASSERT_STR_EQ(buf, "kill");
    /* sixteen commands are fine, seventeen are refused */
    pid = start(NULL, "spin", NULL, NULL);
    UTEST_ASSERT(pid != ERR);
    char line[512] = "prio 16";
    for (int i = 1; i < 16; i++)
        strcat(line, " && prio 16");
    UTEST_ASSERT_EQ(ctl(pid, line), (int64_t)strlen(line));
    strcat(line, " && kill");
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(pid, line)), EINVAL);
    sleep(20 * NS_PER_MS);
    UTEST_ASSERT(still_running(pid)); /* the kill at the end never ran */
    UTEST_ASSERT_EQ(ctl(pid, "kill\n"), 5); /* a trailing newline is allowed */
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), 4);
    UTEST_ASSERT_STR_EQ(buf, "kill");
}

UTEST(ctl_unknown_changes_nothing)
{
    char buf[MAX_STATUS];
    pid_t pid = start(NULL, "spin", NULL, NULL);
    UTEST_ASSERT(pid != ERR);
    const char *bad[] = { "stop", "KILL", "kill ", " kill", "kill&&kill", "kill && ",
                          " && kill", "kill && bogus", "kill && prio 99", "wait now",
                          "kill now", "kill\n\nkill", "kill\tx" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int e = FAILS_WITH(ctl(pid, bad[i]));
        if (e != EINVAL) {
            UTEST_FAIL("ctl \"%s\" gave %d, not EINVAL", bad[i], e);
            return;
        }
    }
    /* an empty write is no command either */
    fd_t c = openf("sys:/proc/%lld/ctl", (long long)pid);
    UTEST_ASSERT(c != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(write(c, "", 0)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(write(c, "\n", 1)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(read(c, buf, 1)), EINVAL); /* ctl is write-only */
    close(c);
    sleep(30 * NS_PER_MS);
    UTEST_ASSERT(still_running(pid)); /* none of the kills ran */
    UTEST_ASSERT(proc_read(pid, "status", buf, sizeof(buf)) > 0);
    UTEST_ASSERT(strstr(buf, "state running\n") != NULL);
    UTEST_ASSERT_EQ(ctl(pid, "kill"), 4);
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), 4);
    UTEST_ASSERT_STR_EQ(buf, "kill");
}

UTEST(ctl_prio_arguments)
{
    char buf[MAX_STATUS];
    pid_t pid = start(NULL, "spin", NULL, NULL);
    UTEST_ASSERT(pid != ERR);
    const char *bad[] = { "prio", "prio ", "prio 1 2", "prio 99", "prio 32", "prio -1",
                          "prio x", "prio 1x", "prio +3", "prio 0x1", "prio 99999999999999999999",
                          "prio  3", "prio 3 " };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int e = FAILS_WITH(ctl(pid, bad[i]));
        if (e != EINVAL) {
            UTEST_FAIL("ctl \"%s\" gave %d, not EINVAL", bad[i], e);
            return;
        }
    }
    UTEST_ASSERT_EQ(ctl(pid, "prio 0"), 6);
    UTEST_ASSERT_EQ(ctl(pid, "prio 16\n"), 8);
    UTEST_ASSERT_EQ(ctl(pid, "prio 030"), 8); /* leading zeros: decimal 30 */
    UTEST_ASSERT_EQ(ctl(pid, "prio 16"), 7);
    UTEST_ASSERT(still_running(pid));
    UTEST_ASSERT_EQ(ctl(pid, "kill"), 4);
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), 4);
    UTEST_ASSERT_STR_EQ(buf, "kill");
}

UTEST(ctl_needs_ancestor)
{
    char buf[MAX_STATUS];
    /* pid 1 is init, our parent: we may open its ctl but not write it */
    UTEST_ASSERT(utest_slurp("sys:/proc/1/cmdline", buf, sizeof(buf)) > 0);
    UTEST_ASSERT(strncmp(buf, "home:/bin/init", 14) == 0);
    fd_t c = open("sys:/proc/1/ctl");
    UTEST_ASSERT(c != ERR);
    int e = FAILS_WITH(write(c, "prio 16", 7)); /* harmless if it were allowed */
    close(c);
    UTEST_ASSERT_EQ(e, EACCES);
    /* ourselves: allowed */
    c = open("sys:/proc/self/ctl");
    UTEST_ASSERT(c != ERR);
    UTEST_ASSERT_EQ(write(c, "prio 16", 7), 7);
    /* a child handed our ctl still may not write it: the check is on the writer */
    spawn_fd_t fds[] = { { 3, c }, { SPAWN_FD_END, 0 } };
    pid_t child = start(fds, "write", "3", "prio 16");
    close(c);
    UTEST_ASSERT(child != ERR);
    UTEST_ASSERT(wait_for(child, buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "7"); /* tproc: the write failed */
    /* nor may a sibling kill a sibling */
    pid_t victim = start(NULL, "spin", NULL, NULL);
    UTEST_ASSERT(victim != ERR);
    c = openf("sys:/proc/%lld/ctl", (long long)victim);
    UTEST_ASSERT(c != ERR);
    spawn_fd_t fds2[] = { { 3, c }, { SPAWN_FD_END, 0 } };
    pid_t killer = start(fds2, "write", "3", "kill");
    close(c);
    UTEST_ASSERT(killer != ERR);
    UTEST_ASSERT(wait_for(killer, buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "7");
    UTEST_ASSERT(still_running(victim));
    UTEST_ASSERT_EQ(ctl(victim, "kill"), 4); /* while we, its parent, may */
    UTEST_ASSERT(wait_for(victim, buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "kill");
}

/* ---------------------------------------------------------------- status */

UTEST(status_exited_uncollected)
{
    char buf[MAX_STATUS + 64], want[MAX_STATUS + 64];
    pid_t pid = start(NULL, "exit", "bye now", NULL);
    UTEST_ASSERT(pid != ERR);
    UTEST_ASSERT_EQ(ctl(pid, "wait"), 4);
    snprintf(want, sizeof(want), "pid %lld\nstate exited\nstatus bye now\n", (long long)pid);
    UTEST_ASSERT(proc_read(pid, "status", buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, want);
    UTEST_ASSERT(proc_read(pid, "status", buf, sizeof(buf)) > 0); /* reading does not collect */
    UTEST_ASSERT_STR_EQ(buf, want);
    UTEST_ASSERT(proc_read(pid, "cmdline", buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, TPROC " exit bye now\n");
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), 7);
    UTEST_ASSERT_STR_EQ(buf, "bye now");
}

UTEST(status_of_running_child)
{
    char buf[MAX_STATUS + 64], want[MAX_STATUS + 64];
    pid_t pid = start(NULL, "sleep", "5000", NULL);
    UTEST_ASSERT(pid != ERR);
    snprintf(want, sizeof(want), "pid %lld\nstate running\nthreads 1\n", (long long)pid);
    UTEST_ASSERT(proc_read(pid, "status", buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, want);
    UTEST_ASSERT(proc_read(pid, "cmdline", buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, TPROC " sleep 5000\n");
    UTEST_ASSERT(proc_read(pid, "cwd", buf, sizeof(buf)) > 0);
    char mine[MAX_PATH + 1];
    UTEST_ASSERT(utest_slurp("sys:/proc/self/cwd", mine, sizeof(mine)) > 0);
    UTEST_ASSERT_STR_EQ(buf, mine); /* inherited */
    UTEST_ASSERT_EQ(ctl(pid, "kill"), 4);
    UTEST_ASSERT(wait_for(pid, buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "kill");
}

UTEST(exit_status_strings)
{
    char buf[MAX_STATUS + 64];
    pid_t pid = start(NULL, "exit", "42", NULL);
    UTEST_ASSERT(pid != ERR);
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), 2);
    UTEST_ASSERT_STR_EQ(buf, "42");
    pid = start(NULL, NULL, NULL, NULL); /* no command: main returns 64 */
    UTEST_ASSERT(pid != ERR);
    UTEST_ASSERT(wait_for(pid, buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "64");
    /* a status of MAX_STATUS - 1 bytes is kept whole, a longer one is cut there */
    char longst[201];
    memset(longst, 'z', MAX_STATUS - 1);
    longst[MAX_STATUS - 1] = '\0';
    pid = start(NULL, "exit", longst, NULL);
    UTEST_ASSERT(pid != ERR);
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), MAX_STATUS - 1);
    UTEST_ASSERT_STR_EQ(buf, longst);
    for (int i = 0; i < 200; i++)
        longst[i] = (char)('a' + i % 26);
    longst[200] = '\0';
    pid = start(NULL, "exit", longst, NULL);
    UTEST_ASSERT(pid != ERR);
    UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), MAX_STATUS - 1);
    UTEST_ASSERT(memcmp(buf, longst, MAX_STATUS - 1) == 0);
}

UTEST(missing_pids)
{
    char buf[64];
    UTEST_ASSERT_EQ(FAILS_WITH(utest_slurp("sys:/proc/999999/status", buf, sizeof(buf))), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(utest_slurp("sys:/proc/999999/wait", buf, sizeof(buf))), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(open("sys:/proc/999999/ctl")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(open("sys:/proc/0/status")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(open("sys:/proc/abc/status")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(open("sys:/proc/self/nothing")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("sys:/proc/999999", &(stat_t){0})), ENOENT);
    /* nor can anything be made there */
    UTEST_ASSERT_EQ(FAILS_WITH(open("sys:/proc/999999?create&directory")), EPERM);
    UTEST_ASSERT_EQ(FAILS_WITH(open("sys:/proc/self/extra?create")), EPERM);
    UTEST_ASSERT_EQ(FAILS_WITH(remove("sys:/proc/self/ctl")), EPERM);
}

UTEST(reopen_while_going_away)
{
    /* Once collected, a child's directory lingers until the kernel's reaper removes it;
     * opening its files meanwhile must either work (reading "exited") or say ENOENT,
     * and never bring the process back (the kernel used to free it twice then). */
    char buf[MAX_STATUS + 64];
    for (int round = 0; round < 40; round++) {
        pid_t pid = start(NULL, "exit", "0", NULL);
        UTEST_ASSERT(pid != ERR);
        UTEST_ASSERT_EQ(wait_for(pid, buf, sizeof(buf)), 1);
        uint64_t deadline = uptime() + 10 * NS_PER_SEC;
        for (;;) {
            const char *file = round % 2 ? "status" : "ctl";
            fd_t fd = openf("sys:/proc/%lld/%s", (long long)pid, file);
            if (fd == ERR) {
                UTEST_ASSERT_EQ(errno, ENOENT);
                break;
            }
            if (round % 2) {
                int64_t n = read(fd, buf, sizeof(buf) - 1);
                if (n > 0) { /* the directory may be taken away under us: then EIO */
                    buf[n] = '\0';
                    UTEST_ASSERT(strstr(buf, "state exited") != NULL);
                }
            } else {
                int e = FAILS_WITH(write(fd, "prio 16", 7)); /* no longer our child */
                if (e != EACCES && e != EIO) {
                    close(fd);
                    UTEST_FAIL("ctl of a collected child: errno %d", e);
                    return;
                }
            }
            close(fd);
            UTEST_ASSERT(uptime() < deadline);
        }
    }
}

/* Runs a case, then kills and collects whatever children it left. */
#define RUN(name)                                                                      \
    do {                                                                               \
        UTEST_RUN(name);                                                               \
        cleanup();                                                                     \
    } while (0)

int main(int argc, char **argv)
{
    argv0 = argc > 0 ? argv[0] : NULL;
    UTEST_BEGIN("proc");
    RUN(self_cmdline);
    RUN(self_status);
    RUN(self_cwd);
    RUN(self_listing);
    RUN(wait_returns_status);
    RUN(wait_nonblock_eagain);
    RUN(nonblock_wait_after_exit);
    RUN(kill_spinning_child);
    RUN(ctl_wait_blocks_until_exit);
    RUN(ctl_joined_commands);
    RUN(ctl_unknown_changes_nothing);
    RUN(ctl_prio_arguments);
    RUN(ctl_needs_ancestor);
    RUN(status_exited_uncollected);
    RUN(status_of_running_child);
    RUN(exit_status_strings);
    RUN(missing_pids);
    RUN(reopen_while_going_away);
    return UTEST_END();
}
