/*
 * poll.c - the `poll` suite: poll() through libstd on pipes, sys:/proc/<pid>/wait,
 * local sockets and the keyboard, timeouts (0, a plain sleep, mixed with files), and
 * the errors (EINVAL, EFAULT) and POLL_INVALID. Children are home:/bin/tproc.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define NEW "sys:/pipe/new"
#define TPROC "home:/bin/tproc"
#define MS 1000000ull
#define LONG_WAIT (5000 * MS) /* a timeout a passing case never reaches */

#define FAILS_WITH(call) ((call) == ERR ? errno : -1)

static pid_t children[8];
static int nchildren;
static fd_t first_free;

static pid_t start_sleeper(const char *ms)
{
    const char *argv[] = {TPROC, "sleep", ms, NULL};
    pid_t pid = spawn(argv, NULL, NULL, NULL);
    if (pid != ERR && nchildren < 8)
        children[nchildren++] = pid;
    return pid;
}

static void cleanup(void)
{
    char status[MAX_STATUS];
    for (int i = 0; i < nchildren; i++) {
        fd_t fd = openf("sys:/proc/%lld/ctl", (long long)children[i]);
        if (fd != ERR) {
            write(fd, "kill", 4);
            close(fd);
        }
        fd = openf("sys:/proc/%lld/wait", (long long)children[i]);
        if (fd != ERR) {
            read(fd, status, sizeof(status) - 1);
            close(fd);
        }
    }
    nchildren = 0;
    for (fd_t fd = first_free; fd < MAX_FDS; fd++)
        close(fd);
}

#define RUN(name)        \
    do {                 \
        UTEST_RUN(name); \
        cleanup();       \
    } while (0)

/* ---------------------------------------------------------------- cases */

UTEST(zero_fds_sleeps)
{
    uint64_t t0 = uptime();
    UTEST_ASSERT_EQ(poll(NULL, 0, 20 * MS), 0);
    UTEST_ASSERT(uptime() - t0 >= 20 * MS);
}

UTEST(timeout_zero_returns_at_once)
{
    fd_t p[2];
    UTEST_ASSERT(open2(NEW, p) != ERR);
    pollfd_t f = {.fd = p[0], .events = POLL_READ};
    uint64_t t0 = uptime();
    UTEST_ASSERT_EQ(poll(&f, 1, 0), 0);
    UTEST_ASSERT_EQ(f.revents, 0);
    UTEST_ASSERT(uptime() - t0 < 500 * MS);
}

static void write_later(void *arg)
{
    sleep(30 * MS);
    write(*(fd_t *)arg, "x", 1);
    thread_exit();
}

UTEST(pipe_readable_wakes)
{
    static fd_t p[2];
    UTEST_ASSERT(open2(NEW, p) != ERR);
    UTEST_ASSERT(thread_create(write_later, &p[1]) != ERR);
    pollfd_t f = {.fd = p[0], .events = POLL_READ};
    uint64_t t0 = uptime();
    UTEST_ASSERT_EQ(poll(&f, 1, LONG_WAIT), 1);
    uint64_t took = uptime() - t0;
    UTEST_ASSERT_EQ(f.revents, POLL_READ);
    UTEST_ASSERT(took < LONG_WAIT / 2); /* woken by the write, not the timeout */
    char c;
    UTEST_ASSERT_EQ(read(p[0], &c, 1), 1);
}

UTEST(pipe_writable)
{
    fd_t p[2];
    UTEST_ASSERT(open2(NEW, p) != ERR);
    pollfd_t f[2] = {{.fd = p[1], .events = POLL_WRITE}, {.fd = p[0], .events = POLL_READ}};
    UTEST_ASSERT_EQ(poll(f, 2, 0), 1);
    UTEST_ASSERT_EQ(f[0].revents, POLL_WRITE);
    UTEST_ASSERT_EQ(f[1].revents, 0);
}

UTEST(pipe_hup_when_writer_closes)
{
    fd_t p[2];
    UTEST_ASSERT(open2(NEW, p) != ERR);
    close(p[1]);
    pollfd_t f = {.fd = p[0], .events = POLL_READ};
    UTEST_ASSERT_EQ(poll(&f, 1, LONG_WAIT), 1);
    UTEST_ASSERT_EQ(f.revents, POLL_READ | POLL_HUP);
}

UTEST(pipe_err_when_reader_closes)
{
    fd_t p[2];
    UTEST_ASSERT(open2(NEW, p) != ERR);
    close(p[0]);
    pollfd_t f = {.fd = p[1], .events = POLL_WRITE};
    UTEST_ASSERT_EQ(poll(&f, 1, 0), 1);
    UTEST_ASSERT(f.revents & POLL_ERR);
}

UTEST(many_processes_in_order)
{
    const char *ms[3] = {"150", "50", "300"};
    const int order[3] = {1, 0, 2};
    pollfd_t f[3];
    for (int i = 0; i < 3; i++) {
        pid_t pid = start_sleeper(ms[i]);
        UTEST_ASSERT(pid != ERR);
        f[i].fd = openf("sys:/proc/%lld/wait", (long long)pid);
        UTEST_ASSERT(f[i].fd != ERR);
        f[i].events = POLL_READ;
    }
    for (int k = 0; k < 3; k++) {
        int n = poll(f, 3, LONG_WAIT);
        UTEST_ASSERT_EQ(n, 1);
        UTEST_ASSERT_EQ(f[order[k]].revents, POLL_READ);
        char status[MAX_STATUS];
        UTEST_ASSERT(read(f[order[k]].fd, status, sizeof(status)) > 0);
        close(f[order[k]].fd);
        f[order[k]].fd = -1; /* skipped from now on */
    }
}

static int64_t sock_ctl(const char *id, const char *cmd)
{
    fd_t c = openf("sys:/net/local/%s/ctl", id);
    if (c == ERR)
        return ERR;
    int64_t rc = write(c, cmd, strlen(cmd));
    close(c);
    return rc;
}

static fd_t sock_new(char *id)
{
    memset(id, 0, 32);
    fd_t h = open("sys:/net/local/new");
    if (h != ERR && read(h, id, 31) <= 0)
        return ERR;
    return h;
}

UTEST(socket_pending_connection_and_data)
{
    char sid[32], cid[32];
    UTEST_ASSERT(sock_new(sid) != ERR);
    UTEST_ASSERT(sock_ctl(sid, "bind u_poll") != ERR && sock_ctl(sid, "listen") != ERR);
    pollfd_t f = {.fd = openf("sys:/net/local/%s/ctl", sid), .events = POLL_READ};
    UTEST_ASSERT(f.fd != ERR);
    UTEST_ASSERT_EQ(poll(&f, 1, 0), 0);
    UTEST_ASSERT(sock_new(cid) != ERR);
    UTEST_ASSERT(sock_ctl(cid, "connect u_poll") != ERR);
    UTEST_ASSERT_EQ(poll(&f, 1, LONG_WAIT), 1);
    UTEST_ASSERT_EQ(f.revents, POLL_READ);
    fd_t acc = openf("sys:/net/local/%s/accept?nonblock", sid);
    UTEST_ASSERT(acc != ERR);
    fd_t data = openf("sys:/net/local/%s/data", cid);
    UTEST_ASSERT(data != ERR);
    pollfd_t a = {.fd = acc, .events = POLL_READ};
    UTEST_ASSERT_EQ(poll(&a, 1, 0), 0);
    UTEST_ASSERT_EQ(write(data, "hi", 2), 2);
    UTEST_ASSERT_EQ(poll(&a, 1, LONG_WAIT), 1);
    UTEST_ASSERT_EQ(a.revents, POLL_READ);
}

UTEST(bad_fd_is_invalid)
{
    pollfd_t f[2] = {{.fd = MAX_FDS - 1, .events = POLL_READ}, {.fd = 12345, .events = POLL_READ}};
    UTEST_ASSERT_EQ(poll(f, 2, LONG_WAIT), 2);
    UTEST_ASSERT_EQ(f[0].revents, POLL_INVALID);
    UTEST_ASSERT_EQ(f[1].revents, POLL_INVALID);
}

UTEST(too_many_fds_einval)
{
    static pollfd_t f[POLL_MAX + 1];
    UTEST_ASSERT_EQ(FAILS_WITH(poll(f, POLL_MAX + 1, 0)), EINVAL);
}

UTEST(bad_pointer_efault)
{
    UTEST_ASSERT_EQ(FAILS_WITH(poll((pollfd_t *)0x10, 1, 0)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(poll((pollfd_t *)0xffff800000000000ull, 2, 0)), EFAULT);
}

UTEST(keyboard_not_readable)
{
    fd_t k = open("sys:/kbd/ps2?nonblock");
    UTEST_ASSERT(k != ERR);
    char buf[64];
    while (read(k, buf, sizeof(buf)) > 0) /* drop anything already queued */
        ;
    pollfd_t f = {.fd = k, .events = POLL_READ};
    uint64_t t0 = uptime();
    UTEST_ASSERT_EQ(poll(&f, 1, 20 * MS), 0);
    UTEST_ASSERT(uptime() - t0 >= 20 * MS);
    UTEST_ASSERT_EQ(f.revents, 0);
}

UTEST(regular_file_always_ready)
{
    fd_t fd = open("home:/bin/tproc");
    UTEST_ASSERT(fd != ERR);
    pollfd_t f = {.fd = fd, .events = POLL_READ | POLL_WRITE};
    UTEST_ASSERT_EQ(poll(&f, 1, LONG_WAIT), 1);
    UTEST_ASSERT_EQ(f.revents, POLL_READ | POLL_WRITE);
}

UTEST(mix_pipe_wait_and_timeout)
{
    fd_t p[2];
    UTEST_ASSERT(open2(NEW, p) != ERR);
    pid_t pid = start_sleeper("60");
    UTEST_ASSERT(pid != ERR);
    pollfd_t f[2] = {{.fd = p[0], .events = POLL_READ},
                     {.fd = openf("sys:/proc/%lld/wait", (long long)pid), .events = POLL_READ}};
    UTEST_ASSERT(f[1].fd != ERR);
    uint64_t t0 = uptime();
    UTEST_ASSERT_EQ(poll(f, 2, 10 * MS), 0); /* nothing yet: the timeout wins */
    UTEST_ASSERT(uptime() - t0 >= 10 * MS);
    UTEST_ASSERT_EQ(poll(f, 2, LONG_WAIT), 1); /* the child exits first */
    UTEST_ASSERT_EQ(f[0].revents, 0);
    UTEST_ASSERT_EQ(f[1].revents, POLL_READ);
    UTEST_ASSERT_EQ(write(p[1], "y", 1), 1);
    UTEST_ASSERT_EQ(poll(f, 2, LONG_WAIT), 2);
    UTEST_ASSERT_EQ(f[0].revents, POLL_READ);
}

int main(void)
{
    UTEST_BEGIN("poll");
    free(malloc(1 << 20)); /* libstd opens its sys:/zero descriptor now, not mid-case */
    first_free = dup(0);
    close(first_free);
    RUN(zero_fds_sleeps);
    RUN(timeout_zero_returns_at_once);
    RUN(pipe_readable_wakes);
    RUN(pipe_writable);
    RUN(pipe_hup_when_writer_closes);
    RUN(pipe_err_when_reader_closes);
    RUN(many_processes_in_order);
    RUN(socket_pending_connection_and_data);
    RUN(bad_fd_is_invalid);
    RUN(too_many_fds_einval);
    RUN(bad_pointer_efault);
    RUN(keyboard_not_readable);
    RUN(regular_file_always_ready);
    RUN(mix_pipe_wait_and_timeout);
    return UTEST_END();
}
