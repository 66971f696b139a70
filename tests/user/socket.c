/*
 * socket.c - the user-space suite `socket`: local sockets through sys:/net/local, used
 * with libstd's open, openf, read, write, writef and spawn. The seed's walkthrough as
 * written (with a thread and with a child process, home:/bin/sockclient, as the
 * client), message boundaries and truncation, bad buffers (EFAULT, nothing lost),
 * nonblock, closed peers, the ctl refusals, name reuse, and the permission rule
 * (descendants may open a socket's files, an unrelated process gets EACCES). Run by
 * init in test mode; harness: tests/user/utest.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define SOCKCLIENT "home:/bin/sockclient"
#define WAIT_LIMIT (20 * NS_PER_SEC)

#define FAILS_WITH(call) ((call) == ERR ? errno : -1)

/* ---------------------------------------------------------------- helpers */

static pid_t children[8];
static int nchildren;
static fd_t first_free;

static pid_t start(const char **argv, const spawn_fd_t *fds)
{
    pid_t pid = spawn(argv, fds, NULL, NULL);
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
        utest_wait(children[i], status, sizeof(status)); /* collect it */
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

static void word_set(uint32_t *w, uint32_t v)
{
    __atomic_store_n(w, v, __ATOMIC_RELEASE);
    futex(w, INT_MAX, FUTEX_WAKE, 0);
}

static bool word_wait(uint32_t *w, uint32_t want)
{
    uint64_t deadline = uptime() + WAIT_LIMIT;
    uint32_t v;
    while ((v = __atomic_load_n(w, __ATOMIC_ACQUIRE)) < want) {
        if (uptime() > deadline)
            return false;
        futex(w, v, FUTEX_WAIT, 50 * NS_PER_MS);
    }
    return true;
}

/* A new socket: its handle, its id in @id (32 bytes). */
static fd_t sock_new(char *id)
{
    fd_t h = open("sys:/net/local/new");
    if (h != ERR && read(h, id, 32) <= 0) {
        close(h);
        return ERR;
    }
    return h;
}

/* Writes @cmd to the socket's ctl: the write's result (ERR with errno on refusal). */
static int64_t ctl(const char *id, const char *cmd)
{
    fd_t c = openf("sys:/net/local/%s/ctl", id);
    if (c == ERR)
        return ERR;
    int64_t rc = write(c, cmd, strlen(cmd));
    int saved = errno;
    close(c);
    errno = saved;
    return rc;
}

/* A listening server named @name (handle returned, id in @sid) and a client connected
 * to it (handle in *client, id in @cid); ERR on any failure. */
static fd_t pair(const char *name, char *sid, fd_t *client, char *cid)
{
    char cmd[96];
    fd_t s = sock_new(sid);
    if (s == ERR)
        return ERR;
    snprintf(cmd, sizeof(cmd), "bind %s", name);
    if (ctl(sid, cmd) == ERR || ctl(sid, "listen") == ERR)
        return ERR;
    *client = sock_new(cid);
    snprintf(cmd, sizeof(cmd), "connect %s", name);
    if (*client == ERR || ctl(cid, cmd) == ERR)
        return ERR;
    return s;
}

/* pair() plus both ends of its connection opened with @flags ("" or "?nonblock"):
 * *acc the server's accepted side, *data the client's. The server's handle, or ERR. */
static fd_t connected(const char *name, const char *flags, fd_t *client, fd_t *acc, fd_t *data)
{
    char sid[32], cid[32];
    fd_t server = pair(name, sid, client, cid);
    if (server == ERR)
        return ERR;
    *acc = openf("sys:/net/local/%s/accept%s", sid, flags);
    *data = openf("sys:/net/local/%s/data%s", cid, flags);
    return *acc == ERR || *data == ERR ? ERR : server;
}

/* ---------------------------------------------------------------- the walkthrough */

static uint32_t client_done;
static char client_reply[32];

/* The seed's client, as written, then a message each way. */
static void walk_client(void *arg)
{
    (void)arg;
    fd_t handle = open("sys:/net/local/new");
    char id[32];
    read(handle, id, 32);
    fd_t ctl = openf("sys:/net/local/%s/ctl", id);
    writef(ctl, "connect myserver");
    close(ctl);
    fd_t data = openf("sys:/net/local/%s/data", id);
    if (data != ERR && write(data, "hello", 5) == 5) {
        int64_t n = read(data, client_reply, sizeof(client_reply) - 1);
        if (n > 0)
            client_reply[n] = '\0';
    }
    close(data);
    close(handle);
    word_set(&client_done, 1);
}

UTEST(walkthrough_thread)
{
    fd_t handle = open("sys:/net/local/new");
    char id[32];
    read(handle, id, 32);
    fd_t ctl = openf("sys:/net/local/%s/ctl", id);
    writef(ctl, "bind myserver");
    writef(ctl, "listen");
    close(ctl);
    UTEST_ASSERT(handle != ERR && ctl != ERR);
    client_done = 0;
    client_reply[0] = '\0';
    UTEST_ASSERT(thread_create(walk_client, NULL) != ERR);
    fd_t fd = openf("sys:/net/local/%s/accept", id);
    UTEST_ASSERT(fd != ERR);
    char buf[32];
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 5);
    UTEST_ASSERT(!memcmp(buf, "hello", 5));
    UTEST_ASSERT_EQ(write(fd, "world", 5), 5);
    UTEST_ASSERT(word_wait(&client_done, 1));
    UTEST_ASSERT_STR_EQ(client_reply, "world");
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 0); /* the client closed */
    close(fd);
    close(handle);
}

UTEST(walkthrough_child)
{
    fd_t handle = open("sys:/net/local/new");
    char id[32];
    read(handle, id, 32);
    fd_t ctl = openf("sys:/net/local/%s/ctl", id);
    writef(ctl, "bind myserver");
    writef(ctl, "listen");
    close(ctl);
    fd_t out[2];
    UTEST_ASSERT_EQ(open2("sys:/pipe/new", out), 0);
    const char *argv[] = {SOCKCLIENT, "myserver", "from the child", NULL};
    spawn_fd_t fds[] = {{STDOUT_FILENO, out[1]}, {SPAWN_FD_END, 0}};
    pid_t pid = start(argv, fds);
    UTEST_ASSERT(pid != ERR);
    close(out[1]);
    fd_t fd = openf("sys:/net/local/%s/accept", id);
    UTEST_ASSERT(fd != ERR);
    char buf[64] = {0};
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 14);
    UTEST_ASSERT_STR_EQ(buf, "from the child");
    UTEST_ASSERT_EQ(write(fd, "from the parent", 15), 15);
    memset(buf, 0, sizeof(buf));
    UTEST_ASSERT_EQ(read(out[0], buf, sizeof(buf)), 15);
    UTEST_ASSERT_STR_EQ(buf, "from the parent");
    char status[MAX_STATUS];
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    UTEST_ASSERT_STR_EQ(status, "0");
    close(fd);
    close(handle);
}

/* ---------------------------------------------------------------- messages */

UTEST(message_boundaries)
{
    char buf[64];
    fd_t client, acc, data, server = connected("u_bound", "", &client, &acc, &data);
    UTEST_ASSERT(server != ERR);
    UTEST_ASSERT_EQ(write(data, "first", 5), 5);
    UTEST_ASSERT_EQ(write(data, "second", 6), 6);
    UTEST_ASSERT_EQ(read(acc, buf, sizeof(buf)), 5);
    UTEST_ASSERT(!memcmp(buf, "first", 5));
    UTEST_ASSERT_EQ(read(acc, buf, sizeof(buf)), 6);
    UTEST_ASSERT(!memcmp(buf, "second", 6));
}

UTEST(short_read_truncates)
{
    char buf[64];
    fd_t client, acc, data, server = connected("u_trunc", "", &client, &acc, &data);
    UTEST_ASSERT(server != ERR);
    UTEST_ASSERT_EQ(write(acc, "0123456789", 10), 10);
    UTEST_ASSERT_EQ(write(acc, "next", 4), 4);
    UTEST_ASSERT_EQ(read(data, buf, 3), 3);
    UTEST_ASSERT(!memcmp(buf, "012", 3));
    UTEST_ASSERT_EQ(read(data, buf, sizeof(buf)), 4); /* the rest of the first was dropped */
    UTEST_ASSERT(!memcmp(buf, "next", 4));
}

UTEST(message_size_limit)
{
    static char big[65537];
    fd_t client, acc, data, server = connected("u_big", "", &client, &acc, &data);
    UTEST_ASSERT(server != ERR);
    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = (char)(i * 13);
    UTEST_ASSERT_EQ(write(data, big, 65537), ERR); /* one byte over the limit: refused whole */
    UTEST_ASSERT_EQ(errno, EINVAL);
    UTEST_ASSERT_EQ(write(data, big, 65536), 65536);
    static char in[65537];
    UTEST_ASSERT_EQ(read(acc, in, sizeof(in)), 65536);
    UTEST_ASSERT(!memcmp(in, big, 65536));
}

/* Bad buffers: a write from one is refused whole (EFAULT, nothing sent), a read into
 * one fails with EFAULT and leaves the message queued for the next read. */
UTEST(bad_buffers_efault_and_keep_message)
{
    fd_t client, acc, data, server = connected("u_badbuf", "?nonblock", &client, &acc, &data);
    UTEST_ASSERT(server != ERR);
    fd_t zero = open("sys:/zero");
    UTEST_ASSERT(zero != ERR);
    unsigned char *buf = mmap(zero, NULL, 2 * 4096, PROT_READ | PROT_WRITE);
    close(zero);
    UTEST_ASSERT(buf != NULL);
    UTEST_ASSERT_EQ(munmap(buf + 4096, 4096), 0);
    char *volatile kernel = (char *)0xffffffff80000000ull, *volatile unmapped = (char *)buf + 4096;
    UTEST_ASSERT_EQ(FAILS_WITH(write(data, kernel, 16)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(write(data, unmapped, 16)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(write(data, buf, 8192)), EFAULT); /* faults after one page */
    char c;
    UTEST_ASSERT_EQ(FAILS_WITH(read(acc, &c, 1)), EAGAIN);      /* nothing was sent */
    static unsigned char msg[6000], back[6000];
    for (size_t i = 0; i < sizeof(msg); i++)
        msg[i] = (unsigned char)(i * 11 + 5);
    UTEST_ASSERT_EQ(write(data, msg, sizeof(msg)), (int64_t)sizeof(msg));
    UTEST_ASSERT_EQ(FAILS_WITH(read(acc, kernel, 16)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(read(acc, unmapped, 16)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(read(acc, buf, sizeof(msg))), EFAULT); /* faults after one page */
    UTEST_ASSERT_EQ(read(acc, back, sizeof(back)), (int64_t)sizeof(msg)); /* still queued, whole */
    UTEST_ASSERT(memcmp(msg, back, sizeof(msg)) == 0);
    UTEST_ASSERT_EQ(FAILS_WITH(read(acc, &c, 1)), EAGAIN);
    munmap(buf, 4096);
}

/* ---------------------------------------------------------------- nonblock, peers */

UTEST(nonblock_accept_eagain)
{
    char id[32];
    fd_t h = sock_new(id);
    UTEST_ASSERT(h != ERR);
    UTEST_ASSERT(ctl(id, "bind u_nbaccept") != ERR && ctl(id, "listen") != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(openf("sys:/net/local/%s/accept?nonblock", id)), EAGAIN);
    char cid[32];
    fd_t c = sock_new(cid);
    UTEST_ASSERT(c != ERR && ctl(cid, "connect u_nbaccept") != ERR);
    fd_t acc = openf("sys:/net/local/%s/accept?nonblock", id);
    UTEST_ASSERT(acc != ERR);
}

UTEST(nonblock_read_eagain)
{
    char buf[8];
    fd_t client, acc, data, server = connected("u_nbread", "?nonblock", &client, &acc, &data);
    UTEST_ASSERT(server != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(read(data, buf, sizeof(buf))), EAGAIN);
    UTEST_ASSERT_EQ(FAILS_WITH(read(acc, buf, sizeof(buf))), EAGAIN);
}

UTEST(closed_client_eof_epipe)
{
    char buf[8];
    fd_t client, acc, data, server = connected("u_closec", "", &client, &acc, &data);
    UTEST_ASSERT(server != ERR);
    UTEST_ASSERT_EQ(write(data, "last", 4), 4);
    close(data);
    close(client); /* frees the client socket */
    UTEST_ASSERT_EQ(read(acc, buf, sizeof(buf)), 4); /* queued messages still arrive */
    UTEST_ASSERT_EQ(read(acc, buf, sizeof(buf)), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(write(acc, "x", 1)), EPIPE);
}

UTEST(closed_server_eof_epipe)
{
    char buf[8];
    fd_t client, acc, data, server = connected("u_closes", "", &client, &acc, &data);
    UTEST_ASSERT(server != ERR);
    close(acc); /* the accepted connection ends */
    UTEST_ASSERT_EQ(read(data, buf, sizeof(buf)), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(write(data, "x", 1)), EPIPE);
}

/* ---------------------------------------------------------------- ctl */

UTEST(bind_twice_eaddrinuse)
{
    char a[32], b[32];
    fd_t ha = sock_new(a), hb = sock_new(b);
    UTEST_ASSERT(ha != ERR && hb != ERR);
    UTEST_ASSERT(strcmp(a, b) != 0);
    UTEST_ASSERT(ctl(a, "bind u_twice") != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(b, "bind u_twice")), EADDRINUSE);
    UTEST_ASSERT(ctl(b, "bind u_twice2") != ERR); /* b is still new: the refusal changed nothing */
}

UTEST(connect_nobody_econnrefused)
{
    char a[32];
    fd_t h = sock_new(a);
    UTEST_ASSERT(h != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(a, "connect u_nobody")), ECONNREFUSED);
    fd_t data = openf("sys:/net/local/%s/data", a);
    UTEST_ASSERT(data != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(write(data, "x", 1)), ENOTCONN); /* still not connected */
}

UTEST(unknown_command_einval)
{
    char a[32];
    fd_t h = sock_new(a);
    UTEST_ASSERT(h != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(a, "frobnicate")), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(a, "BIND x")), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(a, "listen && bind x")), EINVAL); /* no && lists */
}

UTEST(wrong_arg_count_einval)
{
    char a[32];
    fd_t h = sock_new(a);
    UTEST_ASSERT(h != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(a, "bind")), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(a, "bind a b")), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(a, "listen now")), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(a, "connect")), EINVAL);
    char longname[80];
    memset(longname, 'n', sizeof(longname));
    memcpy(longname, "bind ", 5);
    longname[5 + 64] = '\0'; /* 64 characters: one too many */
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(a, longname)), EINVAL);
    longname[5 + 63] = '\0';
    UTEST_ASSERT(ctl(a, longname) != ERR);
}

UTEST(wrong_state_einval)
{
    char a[32], b[32];
    fd_t ha = sock_new(a), hb = sock_new(b);
    UTEST_ASSERT(ha != ERR && hb != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(a, "listen")), EINVAL); /* before bind */
    UTEST_ASSERT_EQ(FAILS_WITH(openf("sys:/net/local/%s/accept", a)), EINVAL);
    UTEST_ASSERT(ctl(a, "bind u_state") != ERR && ctl(a, "listen") != ERR);
    UTEST_ASSERT(ctl(b, "connect u_state") != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(b, "connect u_state")), EINVAL); /* twice */
    UTEST_ASSERT_EQ(FAILS_WITH(ctl(b, "bind u_other")), EINVAL);
}

UTEST(name_free_after_server_closes)
{
    char a[32], b[32];
    fd_t ha = sock_new(a);
    UTEST_ASSERT(ha != ERR && ctl(a, "bind u_reuse") != ERR && ctl(a, "listen") != ERR);
    close(ha);
    UTEST_ASSERT_EQ(FAILS_WITH(openf("sys:/net/local/%s/ctl", a)), ENOENT);
    fd_t hb = sock_new(b);
    UTEST_ASSERT(hb != ERR);
    UTEST_ASSERT(ctl(b, "bind u_reuse") != ERR);
}

/* ---------------------------------------------------------------- permission */

UTEST(child_may_open)
{
    char a[32], path[96], status[MAX_STATUS];
    fd_t h = sock_new(a);
    UTEST_ASSERT(h != ERR);
    snprintf(path, sizeof(path), "sys:/net/local/%s/ctl", a);
    const char *argv[] = {SOCKCLIENT, "--open", path, NULL};
    pid_t pid = start(argv, NULL);
    UTEST_ASSERT(pid != ERR);
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    UTEST_ASSERT_STR_EQ(status, "0");
}

UTEST(unrelated_eacces)
{
    fd_t in[2], out[2];
    UTEST_ASSERT_EQ(open2("sys:/pipe/new", in), 0);
    UTEST_ASSERT_EQ(open2("sys:/pipe/new", out), 0);
    const char *argv[] = {SOCKCLIENT, "--hold", NULL};
    spawn_fd_t fds[] = {{STDIN_FILENO, in[0]}, {STDOUT_FILENO, out[1]}, {SPAWN_FD_END, 0}};
    pid_t pid = start(argv, fds);
    UTEST_ASSERT(pid != ERR);
    close(in[0]);
    close(out[1]);
    char id[32] = {0};
    UTEST_ASSERT(read(out[0], id, sizeof(id)) > 0);
    /* the child made it: we are its parent, not its descendant */
    UTEST_ASSERT_EQ(FAILS_WITH(openf("sys:/net/local/%s/ctl", id)), EACCES);
    UTEST_ASSERT_EQ(FAILS_WITH(openf("sys:/net/local/%s/data", id)), EACCES);
    UTEST_ASSERT_EQ(FAILS_WITH(openf("sys:/net/local/%s/accept", id)), EACCES);
    close(in[1]); /* lets the child go */
    char status[MAX_STATUS];
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    UTEST_ASSERT_STR_EQ(status, "0");
}

int main(void)
{
    UTEST_BEGIN("socket");
    first_free = dup(0);
    close(first_free);
    RUN(walkthrough_thread);
    RUN(walkthrough_child);
    RUN(message_boundaries);
    RUN(short_read_truncates);
    RUN(message_size_limit);
    RUN(bad_buffers_efault_and_keep_message);
    RUN(nonblock_accept_eagain);
    RUN(nonblock_read_eagain);
    RUN(closed_client_eof_epipe);
    RUN(closed_server_eof_epipe);
    RUN(bind_twice_eaddrinuse);
    RUN(connect_nobody_econnrefused);
    RUN(unknown_command_einval);
    RUN(wrong_arg_count_einval);
    RUN(wrong_state_einval);
    RUN(name_free_after_server_closes);
    RUN(child_may_open);
    RUN(unrelated_eacces);
    return UTEST_END();
}
