/*
 * local.c - local sockets (net/local.h): sequenced-packet connections made through
 * sys:/net/local.
 *
 * A socket is a socket_t owned by the open of sys:/net/local/new (its handle) and a
 * sys: directory of three files whose priv is the socket. A connection (sock_conn_t)
 * has two ends, 0 for the client socket (its `data` file) and 1 for the server side
 * (one open of the server's `accept` file); end[i] queues the messages side i reads.
 * A connection is referenced by both sides and freed when both have closed. One
 * spinlock (socket_lock) guards every socket, connection and the list of bound names;
 * sleepers use waitq_wait() with it. Closing a handle marks everything of the socket
 * closed and wakes its sleepers before sysfs_remove(), which waits for running
 * callbacks and runs the close callbacks of the remaining opens.
 */
#include "net/local.h"
#include "lib/hot.h"
#include <abi/errno.h>
#include "debug/panic.h"
#include "fs/path.h"
#include "fs/sysfs.h"
#include "fs/poll.h"
#include "lib/fmt.h"
#include "lib/list.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/user.h"
#include "proc/process.h"
#include "sync/spinlock.h"
#include "sync/waitq.h"

#define CTL_MAX 128 /* longest ctl write */

typedef enum socket_state {
    SOCKET_NEW,       /* just made */
    SOCKET_BOUND,     /* has a name */
    SOCKET_LISTENING, /* has a name and takes connections */
    SOCKET_CONNECTED, /* a client with a connection */
} socket_state_t;

/* One message on its way. */
typedef struct sock_msg {
    list_node_t node; /* socket_lock: in sock_end_t.msgs */
    size_t len;       /* immutable */
    uint8_t data[];   /* immutable */
} sock_msg_t;

/* One side of a connection: what it has to read, and whether it is gone. */
typedef struct sock_end {
    list_t msgs;      /* socket_lock: sock_msg_t for this side's reader, FIFO */
    size_t queued;    /* socket_lock: bytes in msgs */
    bool closed;      /* socket_lock: this side's owner has closed */
    waitq_t readable; /* this side's readers: a message or a closed side */
    waitq_t writable; /* the peer's writers: room in msgs or a closed side */
} sock_end_t;

typedef struct sock_conn {
    sock_end_t end[2]; /* 0 the client, 1 the server's accepted side */
    list_node_t node;  /* socket_lock: in the server's pending or accepted list */
    uint32_t refs;     /* socket_lock: sides still holding it (0..2) */
} sock_conn_t;

typedef struct socket {
    char id[24];            /* immutable: decimal id, the directory name */
    process_t *creator;     /* immutable, referenced; NULL if made by the kernel */
    sysfs_dir_t *dir;       /* immutable: sys:/net/local/<id> */
    socket_state_t state;   /* socket_lock */
    bool closing;           /* socket_lock: the handle is being closed */
    bool named;             /* socket_lock: name_node is in socket_names */
    char name[SOCKET_NAME_MAX + 1]; /* socket_lock: valid while named */
    list_node_t name_node;  /* socket_lock */
    list_t pending;         /* socket_lock: sock_conn_t waiting for accept */
    list_t accepted;        /* socket_lock: sock_conn_t held by accept opens */
    waitq_t acceptable;     /* accept openers: a pending connection or closing */
    sock_conn_t *conn;      /* written once by connect (socket_lock, release); read atomically */
} socket_t;

static spinlock_t socket_lock = SPINLOCK_INIT;
static list_t socket_names = {&socket_names, &socket_names}; /* socket_lock: bound sockets */
static sysfs_dir_t *socket_dir;             /* written once by socket_init: sys:/net/local */
static volatile uint64_t socket_next_id;    /* atomic */
static volatile uint64_t sockets_alive;     /* atomic */

static bool is_nonblock(const sysfs_file_t *f)
{
    return f->file->flags & PATH_FLAG_NONBLOCK;
}

/* ---------------------------------------------------------------- connections */

static sock_conn_t *conn_create(void)
{
    sock_conn_t *c = kzalloc(sizeof(*c));
    if (!c)
        return NULL;
    for (int i = 0; i < 2; i++) {
        list_init(&c->end[i].msgs);
        waitq_init(&c->end[i].readable);
        waitq_init(&c->end[i].writable);
    }
    list_init(&c->node);
    c->refs = 2;
    return c;
}

/* Frees a connection nobody holds any more, with its queued messages. No lock. */
static void conn_free(sock_conn_t *c)
{
    for (int i = 0; i < 2; i++) {
        list_node_t *n;
        while ((n = list_pop_front(&c->end[i].msgs)))
            kfree(LIST_CONTAINER(n, sock_msg_t, node));
    }
    kfree(c);
}

/* Marks @side gone and wakes every sleeper of the connection. socket_lock held. */
static void conn_close_side(sock_conn_t *c, int side)
{
    c->end[side].closed = true;
    for (int i = 0; i < 2; i++) {
        waitq_wake_all(&c->end[i].readable);
        waitq_wake_all(&c->end[i].writable);
    }
}

/* Drops one side's reference; true if the caller must conn_free() it (after unlocking). */
static bool conn_put(sock_conn_t *c)
{
    return --c->refs == 0;
}

typedef struct conn_wait {
    sock_conn_t *c;
    int side;
    size_t n;
} conn_wait_t;

HOT_PATH static bool read_ready(void *arg)
{
    conn_wait_t *w = arg;
    sock_end_t *e = &w->c->end[w->side];
    return !list_is_empty(&e->msgs) || e->closed || w->c->end[!w->side].closed;
}

static bool has_room(const sock_end_t *to, size_t n)
{
    return to->queued == 0 || to->queued + n <= SOCKET_BUFFER;
}

HOT_PATH static bool write_ready(void *arg)
{
    conn_wait_t *w = arg;
    sock_end_t *to = &w->c->end[!w->side];
    return to->closed || w->c->end[w->side].closed || has_room(to, w->n);
}

/* One message for @side's reader into @b: see net/local.h. The copy runs unlocked; a
 * fault puts the message back at the head of its queue and gives -EFAULT. */
HOT_PATH static int64_t conn_read(sock_conn_t *c, int side, iobuf_t b, size_t n, bool nonblock)
{
    if (n == 0)
        return 0;
    conn_wait_t w = {c, side, n};
    sock_end_t *e = &c->end[side];
    spinlock_lock(&socket_lock);
    int rc = nonblock ? 0 : waitq_wait(&e->readable, &socket_lock, read_ready, &w, 0);
    sock_msg_t *m = NULL;
    if (!rc && !list_is_empty(&e->msgs)) {
        m = LIST_CONTAINER(list_pop_front(&e->msgs), sock_msg_t, node);
        e->queued -= m->len;
        waitq_wake_all(&e->writable);
    } else if (!rc && !e->closed && !c->end[!side].closed) {
        rc = -EAGAIN;
    }
    spinlock_unlock(&socket_lock);
    if (!m)
        return rc; /* an error, or 0: end of file */
    size_t len = m->len < n ? m->len : n; /* the rest of the message is discarded */
    if (iobuf_put(b, 0, m->data, len)) {
        spinlock_lock(&socket_lock);
        list_push_front(&e->msgs, &m->node);
        e->queued += m->len;
        waitq_wake_all(&e->readable);
        spinlock_unlock(&socket_lock);
        return -EFAULT;
    }
    kfree(m);
    return (int64_t)len;
}

/* Sends @n bytes of @b from @side to its peer as one message: see net/local.h. */
HOT_PATH static int64_t conn_write(sock_conn_t *c, int side, iobuf_t b, size_t n, bool nonblock)
{
    if (n == 0)
        return 0;
    if (n > SOCKET_MSG_MAX)
        return -EINVAL;
    sock_msg_t *m = kmalloc(sizeof(*m) + n);
    if (!m)
        return -ENOMEM;
    m->len = n;
    if (iobuf_get(m->data, b, 0, n)) {
        kfree(m);
        return -EFAULT;
    }
    conn_wait_t w = {c, side, n};
    sock_end_t *to = &c->end[!side];
    spinlock_lock(&socket_lock);
    int rc = nonblock ? 0 : waitq_wait(&to->writable, &socket_lock, write_ready, &w, 0);
    if (!rc && (to->closed || c->end[side].closed))
        rc = -EPIPE;
    else if (!rc && !has_room(to, n))
        rc = -EAGAIN; /* only nonblock gets here */
    if (!rc) {
        list_push_back(&to->msgs, &m->node);
        to->queued += n;
        waitq_wake_transfer(&to->readable, n);
    }
    spinlock_unlock(&socket_lock);
    if (rc) {
        kfree(m);
        return rc;
    }
    return (int64_t)n;
}

/* poll() on @side of @c: readable with a message queued or a closed side (then HUP),
 * writable with room in the peer's queue or a closed side (a write then fails). */
static int conn_poll(sock_conn_t *c, int side, file_poll_t *wait)
{
    spinlock_lock(&socket_lock);
    sock_end_t *e = &c->end[side], *to = &c->end[!side];
    bool gone = e->closed || to->closed;
    int mask = (!list_is_empty(&e->msgs) ? POLL_READ : 0) | (has_room(to, 1) ? POLL_WRITE : 0);
    if (gone)
        mask |= POLL_READ | POLL_WRITE | POLL_HUP;
    poll_register(wait, wait && !(wait->events & POLL_READ) ? &to->writable : &e->readable);
    spinlock_unlock(&socket_lock);
    return mask;
}

/* ---------------------------------------------------------------- permission */

/* 0 if the caller is the socket's creator or a descendant (or a kernel thread). */
static int socket_check_access(sysfs_file_t *f)
{
    socket_t *s = f->priv;
    process_t *cur = process_current();
    if (!cur || !s->creator)
        return 0;
    return process_is_ancestor(s->creator, cur) ? 0 : -EACCES;
}

/* ---------------------------------------------------------------- ctl */

static bool name_is_valid(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > SOCKET_NAME_MAX)
        return false;
    for (size_t i = 0; i < len; i++)
        if (name[i] <= ' ' || name[i] > '~')
            return false;
    return true;
}

/* The bound socket named @name, or NULL. socket_lock held. O(bound sockets). */
static socket_t *socket_find_name(const char *name)
{
    list_node_t *n;
    list_for_each(n, &socket_names) {
        socket_t *s = LIST_CONTAINER(n, socket_t, name_node);
        if (strcmp(s->name, name) == 0)
            return s;
    }
    return NULL;
}

static int socket_bind(socket_t *s, const char *name)
{
    if (!name_is_valid(name))
        return -EINVAL;
    spinlock_lock(&socket_lock);
    int rc = s->state != SOCKET_NEW || s->closing ? -EINVAL : socket_find_name(name) ? -EADDRINUSE : 0;
    if (!rc) {
        strlcpy(s->name, name, sizeof(s->name));
        list_push_back(&socket_names, &s->name_node);
        s->named = true;
        s->state = SOCKET_BOUND;
    }
    spinlock_unlock(&socket_lock);
    return rc;
}

static int socket_listen(socket_t *s)
{
    spinlock_lock(&socket_lock);
    int rc = s->state == SOCKET_BOUND && !s->closing ? 0 : -EINVAL;
    if (!rc)
        s->state = SOCKET_LISTENING;
    spinlock_unlock(&socket_lock);
    return rc;
}

static int socket_connect(socket_t *s, const char *name)
{
    if (!name_is_valid(name))
        return -EINVAL;
    sock_conn_t *c = conn_create();
    if (!c)
        return -ENOMEM;
    spinlock_lock(&socket_lock);
    socket_t *server = socket_find_name(name);
    int rc = s->state != SOCKET_NEW || s->closing ? -EINVAL : 0;
    if (!rc && (!server || server->state != SOCKET_LISTENING || server->closing))
        rc = -ECONNREFUSED;
    if (!rc) {
        list_push_back(&server->pending, &c->node);
        __atomic_store_n(&s->conn, c, __ATOMIC_RELEASE); /* read unlocked: file_conn */
        s->state = SOCKET_CONNECTED;
        waitq_wake_all(&server->acceptable);
    }
    spinlock_unlock(&socket_lock);
    if (rc)
        kfree(c);
    return rc;
}

/* Splits @line at spaces into at most @max words; the count, or max + 1 if more. */
static int split_words(char *line, char **words, int max)
{
    int count = 0;
    for (char *p = line; *p;) {
        while (*p == ' ')
            *p++ = '\0';
        if (!*p)
            break;
        if (count == max)
            return max + 1;
        words[count++] = p;
        while (*p && *p != ' ')
            p++;
    }
    return count;
}

static int64_t ctl_write(sysfs_file_t *f, const void *kbuf, size_t size, uint64_t offset)
{
    (void)offset;
    socket_t *s = f->priv;
    char line[CTL_MAX + 1];
    if (size == 0 || size > CTL_MAX)
        return -EINVAL;
    memcpy(line, kbuf, size);
    line[size] = '\0';
    if (line[size - 1] == '\n')
        line[size - 1] = '\0';
    if (strlen(line) != size - (line[size - 1] == '\0'))
        return -EINVAL; /* an embedded NUL */
    char *w[3];
    int count = split_words(line, w, 2);
    int rc = -EINVAL;
    if (count == 2 && strcmp(w[0], "bind") == 0)
        rc = socket_bind(s, w[1]);
    else if (count == 1 && strcmp(w[0], "listen") == 0)
        rc = socket_listen(s);
    else if (count == 2 && strcmp(w[0], "connect") == 0)
        rc = socket_connect(s, w[1]);
    return rc ? rc : (int64_t)size;
}

/* A listening socket's ctl is readable while a connection waits for accept (opening
 * accept would not block); HUP once the socket is closing. */
static int ctl_poll(sysfs_file_t *f, file_poll_t *wait)
{
    socket_t *s = f->priv;
    spinlock_lock(&socket_lock);
    int mask = POLL_WRITE | (!list_is_empty(&s->pending) ? POLL_READ : 0) | (s->closing ? POLL_HUP : 0);
    poll_register(wait, &s->acceptable);
    spinlock_unlock(&socket_lock);
    return mask;
}

static const sysfs_ops_t ctl_ops = {.open = socket_check_access, .write = ctl_write, .poll = ctl_poll};

/* ---------------------------------------------------------------- data */

/* The connection an open of `data` (side 0, once connected; NULL before) or of
 * `accept` (side 1, its f->data) reads and writes. */
HOT_PATH static sock_conn_t *file_conn(sysfs_file_t *f, int *side)
{
    *side = f->data ? 1 : 0;
    if (f->data)
        return f->data;
    socket_t *s = f->priv;
    return __atomic_load_n(&s->conn, __ATOMIC_ACQUIRE); /* set once by connect */
}

HOT_PATH static int64_t sock_io(sysfs_file_t *f, iobuf_t b, size_t size, bool writing)
{
    int side;
    sock_conn_t *c = file_conn(f, &side);
    if (!c)
        return -ENOTCONN;
    return writing ? conn_write(c, side, b, size, is_nonblock(f)) : conn_read(c, side, b, size, is_nonblock(f));
}

static int64_t sock_read(sysfs_file_t *f, void *kbuf, size_t size, uint64_t offset)
{
    (void)offset;
    return sock_io(f, IOBUF_KERNEL(kbuf), size, false);
}

static int64_t sock_write(sysfs_file_t *f, const void *kbuf, size_t size, uint64_t offset)
{
    (void)offset;
    return sock_io(f, IOBUF_KERNEL(kbuf), size, true);
}

static int64_t sock_read_user(sysfs_file_t *f, uptr_t ubuf, size_t size)
{
    return sock_io(f, IOBUF_USER(ubuf), size, false);
}

static int64_t sock_write_user(sysfs_file_t *f, uptr_t ubuf, size_t size)
{
    return sock_io(f, IOBUF_USER(ubuf), size, true);
}

static int sock_poll(sysfs_file_t *f, file_poll_t *wait)
{
    int side;
    sock_conn_t *c = file_conn(f, &side);
    return c ? conn_poll(c, side, wait) : POLL_ERR; /* not connected */
}

static const sysfs_ops_t data_ops = {.open = socket_check_access,
                                     .read = sock_read,
                                     .write = sock_write,
                                     .read_user = sock_read_user,
                                     .write_user = sock_write_user,
                                     .poll = sock_poll};

/* ---------------------------------------------------------------- accept */

static bool accept_ready(void *arg)
{
    socket_t *s = arg;
    return !list_is_empty(&s->pending) || s->closing || s->state != SOCKET_LISTENING;
}

static int accept_open(sysfs_file_t *f)
{
    socket_t *s = f->priv;
    int rc = socket_check_access(f);
    if (rc)
        return rc;
    spinlock_lock(&socket_lock);
    if (s->state != SOCKET_LISTENING)
        rc = -EINVAL;
    else if (!is_nonblock(f))
        rc = waitq_wait(&s->acceptable, &socket_lock, accept_ready, s, 0);
    if (!rc && s->closing)
        rc = -EIO;
    else if (!rc && list_is_empty(&s->pending))
        rc = -EAGAIN;
    if (!rc) {
        sock_conn_t *c = LIST_CONTAINER(list_pop_front(&s->pending), sock_conn_t, node);
        list_push_back(&s->accepted, &c->node);
        f->data = c;
    }
    spinlock_unlock(&socket_lock);
    return rc;
}

static void accept_close(sysfs_file_t *f)
{
    sock_conn_t *c = f->data;
    spinlock_lock(&socket_lock);
    list_remove(&c->node);
    conn_close_side(c, 1);
    bool last = conn_put(c);
    spinlock_unlock(&socket_lock);
    if (last)
        conn_free(c);
}

static const sysfs_ops_t accept_ops = {.open = accept_open,
                                       .read = sock_read,
                                       .write = sock_write,
                                       .read_user = sock_read_user,
                                       .write_user = sock_write_user,
                                       .close = accept_close,
                                       .poll = sock_poll};

/* ---------------------------------------------------------------- new */

/* Frees a socket whose handle closed (see the file comment for the order). May sleep. */
static void socket_destroy(socket_t *s)
{
    spinlock_lock(&socket_lock);
    s->closing = true;
    if (s->named)
        list_remove(&s->name_node); /* the name is free at once */
    s->named = false;
    if (s->conn)
        conn_close_side(s->conn, 0);
    list_node_t *n;
    list_for_each(n, &s->pending)
        conn_close_side(LIST_CONTAINER(n, sock_conn_t, node), 1);
    list_for_each(n, &s->accepted)
        conn_close_side(LIST_CONTAINER(n, sock_conn_t, node), 1);
    waitq_wake_all(&s->acceptable);
    spinlock_unlock(&socket_lock);

    sysfs_remove(s->dir); /* closes the accept opens: they drop their connections */

    list_t dead;
    list_init(&dead);
    spinlock_lock(&socket_lock);
    while ((n = list_pop_front(&s->pending))) {
        sock_conn_t *c = LIST_CONTAINER(n, sock_conn_t, node);
        if (conn_put(c))
            list_push_back(&dead, &c->node);
    }
    if (s->conn && conn_put(s->conn))
        list_push_back(&dead, &s->conn->node);
    spinlock_unlock(&socket_lock);
    while ((n = list_pop_front(&dead)))
        conn_free(LIST_CONTAINER(n, sock_conn_t, node));
    if (s->creator)
        process_unref(s->creator);
    kfree(s);
    __atomic_sub_fetch(&sockets_alive, 1, __ATOMIC_RELAXED);
}

static int socket_make_dir(socket_t *s)
{
    s->dir = sysfs_mkdir(socket_dir, s->id);
    if (!s->dir)
        return -ENOMEM;
    if (sysfs_add_file(s->dir, "ctl", &ctl_ops, s) || sysfs_add_file(s->dir, "data", &data_ops, s) ||
        sysfs_add_file(s->dir, "accept", &accept_ops, s)) {
        sysfs_remove(s->dir);
        return -ENOMEM;
    }
    return 0;
}

static int new_open(sysfs_file_t *f)
{
    socket_t *s = kzalloc(sizeof(*s));
    if (!s)
        return -ENOMEM;
    uint64_t id = __atomic_add_fetch(&socket_next_id, 1, __ATOMIC_RELAXED);
    fmt_snprintf(s->id, sizeof(s->id), "%lu", (unsigned long)id);
    list_init(&s->name_node);
    list_init(&s->pending);
    list_init(&s->accepted);
    waitq_init(&s->acceptable);
    s->state = SOCKET_NEW;
    s->creator = process_current();
    if (s->creator)
        process_ref(s->creator);
    int rc = socket_make_dir(s);
    if (rc) {
        if (s->creator)
            process_unref(s->creator);
        kfree(s);
        return rc;
    }
    __atomic_add_fetch(&sockets_alive, 1, __ATOMIC_RELAXED);
    f->data = s;
    return 0;
}

/* The id and its NUL, so that read(handle, id, 32) gives a C string. */
static int64_t new_read(sysfs_file_t *f, void *kbuf, size_t size, uint64_t offset)
{
    socket_t *s = f->data;
    size_t len = strlen(s->id) + 1;
    if (offset >= len)
        return 0;
    size_t n = len - offset < size ? len - offset : size;
    memcpy(kbuf, s->id + offset, n);
    return (int64_t)n;
}

static void new_close(sysfs_file_t *f)
{
    socket_destroy(f->data);
}

static const sysfs_ops_t new_ops = {.open = new_open, .read = new_read, .close = new_close};

void socket_init(void)
{
    sysfs_dir_t *net = sysfs_mkdir(sysfs_root(), "net");
    socket_dir = net ? sysfs_mkdir(net, "local") : NULL;
    if (!socket_dir || sysfs_add_file(socket_dir, "new", &new_ops, NULL))
        panic("socket: cannot make sys:/net/local/new");
}

uint64_t socket_count(void)
{
    return __atomic_load_n(&sockets_alive, __ATOMIC_RELAXED);
}
