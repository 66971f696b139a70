/*
 * test_socket.c - local sockets (net/local.h) through the calls the system-call layer
 * makes: vfs_open of sys:/net/local/new and of a socket's ctl, data and accept files,
 * file_read, file_write, file_unref. The walkthrough (bind, listen, connect, accept, a
 * message each way), message boundaries and truncation, the ctl refusals, nonblock,
 * closed peers, and no socket left behind. Kernel threads pass the permission check.
 */
#include "test/ktest.h"
#include <abi/errno.h>
#include "fs/vfs.h"
#include "lib/fmt.h"
#include "lib/string.h"
#include "net/local.h"

/* An open of sys:/net/local/<id>/<name><flags>; NULL on error. */
static file_t *sock_open(const char *id, const char *name, const char *flags)
{
    char path[96];
    file_t *f = NULL;
    fmt_snprintf(path, sizeof(path), "sys:/net/local/%s/%s%s", id, name, flags);
    return vfs_open(path, "sys:/", &f) ? NULL : f;
}

/* A new socket: its handle, and its id in @id (32 bytes). NULL on error. */
static file_t *sock_new(char *id)
{
    file_t *h = NULL;
    if (vfs_open("sys:/net/local/new", "sys:/", &h))
        return NULL;
    memset(id, 0, 32);
    if (file_read(h, id, 32) <= 0) {
        file_unref(h);
        return NULL;
    }
    return h;
}

static int64_t ctl(const char *id, const char *cmd)
{
    file_t *c = sock_open(id, "ctl", "");
    if (!c)
        return -EIO;
    int64_t rc = file_write(c, cmd, strlen(cmd));
    file_unref(c);
    return rc;
}

KTEST(socket, walkthrough)
{
    uint64_t before = socket_count();
    char sid[32], cid[32], buf[32], cmd[64];
    file_t *server = sock_new(sid), *client = sock_new(cid);
    KTEST_ASSERT(server && client);
    KTEST_ASSERT_EQ(socket_count(), before + 2);
    KTEST_ASSERT_EQ(ctl(sid, "bind ktest_walk"), 15);
    KTEST_ASSERT_EQ(ctl(sid, "listen"), 6);
    fmt_snprintf(cmd, sizeof(cmd), "connect ktest_walk");
    KTEST_ASSERT_EQ(ctl(cid, cmd), 18);
    file_t *acc = sock_open(sid, "accept", ""); /* a client is pending: no wait */
    file_t *data = sock_open(cid, "data", "");
    KTEST_ASSERT(acc && data);
    KTEST_ASSERT_EQ(file_write(data, "ping", 4), 4);
    KTEST_ASSERT_EQ(file_read(acc, buf, sizeof(buf)), 4);
    KTEST_ASSERT(!memcmp(buf, "ping", 4));
    KTEST_ASSERT_EQ(file_write(acc, "pong!", 5), 5);
    KTEST_ASSERT_EQ(file_read(data, buf, sizeof(buf)), 5);
    KTEST_ASSERT(!memcmp(buf, "pong!", 5));
    file_unref(acc);
    KTEST_ASSERT_EQ(file_read(data, buf, sizeof(buf)), 0); /* the server side closed */
    KTEST_ASSERT_EQ(file_write(data, "x", 1), -EPIPE);
    file_unref(data);
    file_unref(client);
    file_unref(server);
    KTEST_ASSERT_EQ(socket_count(), before);
}

KTEST(socket, boundaries_and_truncation)
{
    char sid[32], cid[32], buf[8];
    file_t *server = sock_new(sid), *client = sock_new(cid);
    KTEST_ASSERT(server && client);
    KTEST_ASSERT_EQ(ctl(sid, "bind ktest_bound\n"), 17); /* one newline is fine */
    KTEST_ASSERT_EQ(ctl(sid, "listen"), 6);
    KTEST_ASSERT_EQ(ctl(cid, "connect ktest_bound"), 19);
    file_t *acc = sock_open(sid, "accept", "?nonblock");
    file_t *data = sock_open(cid, "data", "?nonblock");
    KTEST_ASSERT(acc && data);
    KTEST_ASSERT_EQ(file_read(acc, buf, sizeof(buf)), -EAGAIN);
    KTEST_ASSERT_EQ(file_write(data, "abc", 3), 3);
    KTEST_ASSERT_EQ(file_write(data, "defghijklmno", 12), 12);
    KTEST_ASSERT_EQ(file_write(data, "z", 1), 1);
    KTEST_ASSERT_EQ(file_read(acc, buf, sizeof(buf)), 3);
    KTEST_ASSERT(!memcmp(buf, "abc", 3));
    KTEST_ASSERT_EQ(file_read(acc, buf, 4), 4); /* truncated: the rest is dropped */
    KTEST_ASSERT(!memcmp(buf, "defg", 4));
    KTEST_ASSERT_EQ(file_read(acc, buf, sizeof(buf)), 1);
    KTEST_ASSERT_EQ(buf[0], 'z');
    KTEST_ASSERT_EQ(file_read(acc, buf, sizeof(buf)), -EAGAIN);
    static char big[SOCKET_MSG_MAX + 1];
    KTEST_ASSERT_EQ(file_write(data, big, sizeof(big)), -EINVAL); /* one message too big */
    file_unref(data);
    file_unref(client); /* closing the client: the server side reads end of file */
    KTEST_ASSERT_EQ(file_read(acc, buf, sizeof(buf)), 0);
    KTEST_ASSERT_EQ(file_write(acc, "x", 1), -EPIPE);
    file_unref(acc);
    file_unref(server);
}

KTEST(socket, ctl_refusals)
{
    uint64_t before = socket_count();
    char a[32], b[32];
    file_t *ha = sock_new(a), *hb = sock_new(b);
    KTEST_ASSERT(ha && hb);
    KTEST_ASSERT_EQ(ctl(a, "listen"), -EINVAL);              /* not bound */
    KTEST_ASSERT_EQ(ctl(a, "frobnicate"), -EINVAL);
    KTEST_ASSERT_EQ(ctl(a, "bind"), -EINVAL);
    KTEST_ASSERT_EQ(ctl(a, "bind x y"), -EINVAL);
    KTEST_ASSERT_EQ(ctl(a, "listen now"), -EINVAL);
    KTEST_ASSERT_EQ(ctl(a, "connect ktest_nobody"), -ECONNREFUSED);
    KTEST_ASSERT_EQ(ctl(a, "bind ktest_dup"), 14);
    KTEST_ASSERT_EQ(ctl(b, "bind ktest_dup"), -EADDRINUSE);
    KTEST_ASSERT_EQ(ctl(b, "connect ktest_dup"), -ECONNREFUSED); /* bound, not listening */
    KTEST_ASSERT_EQ(ctl(a, "bind ktest_other"), -EINVAL);       /* bound twice */
    KTEST_ASSERT_EQ(ctl(a, "listen"), 6);
    KTEST_ASSERT_EQ(ctl(a, "listen"), -EINVAL);
    KTEST_ASSERT_EQ(ctl(b, "connect ktest_dup"), 17);
    KTEST_ASSERT_EQ(ctl(b, "connect ktest_dup"), -EINVAL);      /* connect twice */
    file_t *data = sock_open(a, "data", "");
    KTEST_ASSERT(data);
    KTEST_ASSERT_EQ(file_write(data, "x", 1), -ENOTCONN);      /* a server's data */
    file_unref(data);
    file_unref(ha); /* the pending connection goes with the server */
    file_t *d = sock_open(b, "data", "");
    KTEST_ASSERT(d);
    char buf[4];
    KTEST_ASSERT_EQ(file_read(d, buf, sizeof(buf)), 0);
    file_unref(d);
    file_unref(hb);
    KTEST_ASSERT_EQ(socket_count(), before);
}

KTEST(socket, name_reused_and_nonblock_accept)
{
    char a[32], b[32];
    file_t *ha = sock_new(a);
    KTEST_ASSERT(ha);
    KTEST_ASSERT_EQ(ctl(a, "bind ktest_reuse"), 16);
    KTEST_ASSERT_EQ(ctl(a, "listen"), 6);
    file_t *f = NULL;
    char path[96];
    fmt_snprintf(path, sizeof(path), "sys:/net/local/%s/accept?nonblock", a);
    KTEST_ASSERT_EQ(vfs_open(path, "sys:/", &f), -EAGAIN);
    file_unref(ha);
    KTEST_ASSERT(vfs_open(path, "sys:/", &f) != 0); /* the directory is gone */
    file_t *hb = sock_new(b);
    KTEST_ASSERT(hb);
    KTEST_ASSERT(strcmp(a, b) != 0);
    KTEST_ASSERT_EQ(ctl(b, "bind ktest_reuse"), 16);
    file_unref(hb);
}
