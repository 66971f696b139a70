/*
 * console.c - suite `console` (user space): sys:/console and sys:/consctl as a
 * program sees them. Nothing is typed in test mode, so reads of the console find no
 * input: ?nonblock gives EAGAIN and poll() says writable only. consctl: raw mode held
 * by an open and released by its close, and who may be named foreground (the caller
 * and its descendants; init, an ancestor, is EACCES). The line discipline itself is
 * tested in the kernel suite `console` (kernel/test/test_console.c).
 */
#include <stdlib.h>
#include <sys/proc.h>
#include "utest.h"

#define FAILS_WITH(call) ((call) == ERR ? errno : 0)

static int64_t ctl(fd_t fd, const char *cmd)
{
    return write(fd, cmd, strlen(cmd));
}

UTEST(nonblock_read_without_input_is_eagain)
{
    fd_t fd = open("sys:/console?nonblock");
    UTEST_ASSERT(fd != ERR);
    char c;
    int err = FAILS_WITH(read(fd, &c, 1));
    pollfd_t p = { .fd = fd, .events = POLL_READ | POLL_WRITE };
    int n = poll(&p, 1, 0);
    close(fd);
    UTEST_ASSERT_EQ(err, EAGAIN);
    UTEST_ASSERT_EQ(n, 1);
    UTEST_ASSERT_EQ(p.revents, POLL_WRITE);
}

UTEST(raw_mode_held_by_open_released_by_close)
{
    char buf[64];
    fd_t fd = open("sys:/consctl");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(ctl(fd, "rawon"), 5);
    UTEST_ASSERT(utest_slurp("sys:/consctl", buf, sizeof(buf)) > 0);
    bool raw = strcmp(buf, "mode raw\nfg none\n") == 0;
    close(fd);
    UTEST_ASSERT(raw);
    UTEST_ASSERT(utest_slurp("sys:/consctl", buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "mode cooked\nfg none\n");
}

/* Ends @pid (a child) and collects it; its status length or ERR. */
static int64_t kill_child(pid_t pid)
{
    char status[MAX_STATUS];
    fd_t c = openf("sys:/proc/%lld/ctl", (long long)pid);
    int64_t killed = c == ERR ? ERR : ctl(c, "kill");
    if (c != ERR)
        close(c);
    fd_t w = openf("sys:/proc/%lld/wait", (long long)pid);
    int64_t n = w == ERR ? ERR : read(w, status, sizeof(status));
    if (w != ERR)
        close(w);
    return killed == 4 ? n : ERR;
}

UTEST(foreground_only_self_and_descendants)
{
    char buf[64], cmd[64], expect[64];
    fd_t fd = open("sys:/consctl");
    UTEST_ASSERT(fd != ERR);
    const char *argv[] = { "home:/bin/tshell", "sleep", "600000", NULL };
    pid_t child = spawn(argv, NULL, NULL, NULL);
    if (child == ERR)
        close(fd);
    UTEST_ASSERT(child != ERR);
    snprintf(cmd, sizeof(cmd), "fg %lld %lld\n", (long long)getpid(), (long long)child);
    int64_t named = ctl(fd, cmd);
    utest_slurp("sys:/consctl", buf, sizeof(buf));
    int ancestor = FAILS_WITH(ctl(fd, "fg 1"));  /* init */
    int gone = FAILS_WITH(ctl(fd, "fg 999999"));
    int bad = FAILS_WITH(ctl(fd, "fg me"));
    int unknown = FAILS_WITH(ctl(fd, "holdon"));
    int64_t cleared = ctl(fd, "fg none");
    close(fd);
    int64_t reaped = kill_child(child);
    snprintf(expect, sizeof(expect), "mode cooked\nfg %lld %lld\n", (long long)getpid(), (long long)child);
    UTEST_ASSERT_EQ(named, (int64_t)strlen(cmd));
    UTEST_ASSERT_STR_EQ(buf, expect);
    UTEST_ASSERT_EQ(ancestor, EACCES);
    UTEST_ASSERT_EQ(gone, ESRCH);
    UTEST_ASSERT_EQ(bad, EINVAL);
    UTEST_ASSERT_EQ(unknown, EINVAL);
    UTEST_ASSERT_EQ(cleared, 7);
    UTEST_ASSERT(reaped > 0);
}

UTEST(bad_pointer_is_efault)
{
    fd_t fd = open("sys:/consctl");
    UTEST_ASSERT(fd != ERR);
    int err = FAILS_WITH(write(fd, (const void *)0x10, 5));
    close(fd);
    UTEST_ASSERT_EQ(err, EFAULT);
}

int main(void)
{
    UTEST_BEGIN("console");
    UTEST_RUN(nonblock_read_without_input_is_eagain);
    UTEST_RUN(raw_mode_held_by_open_released_by_close);
    UTEST_RUN(foreground_only_self_and_descendants);
    UTEST_RUN(bad_pointer_is_efault);
    return UTEST_END();
}
