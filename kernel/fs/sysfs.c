/*
 * sysfs.c - the sys: filesystem (fs/sysfs.h).
 *
 * sysfs keeps its own tree of handles (sysfs_dir_t, with lists of subdirectories and
 * files) beside the VFS directories, so it can take a whole subtree away. Each file
 * node counts the callbacks running on it (active) and lists its opens; removal marks
 * the node, waits for active to reach zero, and closes the opens itself. A callback
 * is entered only while the node is live and its open not closed, so none can start
 * after removal. The tree lock (a mutex) guards the handle tree; it is never held
 * while waiting for callbacks, which may themselves create sys: entries.
 */
#include "fs/sysfs.h"
#include "lib/hot.h"
#include "fs/poll.h"
#include <abi/errno.h>
#include "arch/x86_64/cpu.h"
#include "debug/panic.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "sync/mutex.h"
#include "sync/waitq.h"

struct sysfs_dir {
    vnode_t *node;            /* immutable: a reference to the directory vnode */
    sysfs_dir_t *parent;      /* immutable; NULL for the root */
    list_node_t sibling;      /* tree lock: in parent->children */
    list_t children;          /* tree lock: sysfs_dir_t.sibling */
    list_t files;             /* tree lock: sysfs_node_t.sibling */
    bool removed;             /* tree lock */
    char name[MAX_NAME + 1];  /* immutable */
};

/* A file's state: the vnode's priv, freed with the vnode. */
typedef struct sysfs_node {
    const sysfs_ops_t *ops;   /* immutable */
    void *priv;               /* immutable */
    list_node_t sibling;      /* tree lock: in the directory's files */
    char name[MAX_NAME + 1];  /* immutable */
    spinlock_t lock;          /* protects opens; the waits on drained */
    uint32_t active;          /* atomic: callbacks running (enter/leave are lock-free) */
    bool removed;             /* written once under lock (seq_cst), read atomically */
    list_t opens;             /* lock: sysfs_file_t.node, opens not yet closed */
    waitq_t drained;          /* woken whenever active drops to zero */
} sysfs_node_t;

static mutex_t tree_lock;
static sysfs_dir_t *root;          /* written once by sysfs_init */
static volatile int sysfs_state;   /* 0 new, 1 initialising, 2 ready (atomic) */

static const vnode_ops_t sysfs_vops;
static const file_ops_t sysfs_fops, sysfs_stream_fops;

/* ---------------------------------------------------------------- callbacks in flight */

static bool node_idle(void *arg)
{
    return __atomic_load_n(&((sysfs_node_t *)arg)->active, __ATOMIC_SEQ_CST) == 0;
}

/* Ends a callback: the last one out of a removed node wakes node_kill (under the lock,
 * which its wait holds while checking node_idle, so the wake-up cannot be lost). */
HOT_PATH static void leave(sysfs_node_t *n)
{
    if (__atomic_sub_fetch(&n->active, 1, __ATOMIC_SEQ_CST) == 0 && __atomic_load_n(&n->removed, __ATOMIC_SEQ_CST)) {
        spinlock_lock(&n->lock);
        waitq_wake_all(&n->drained);
        spinlock_unlock(&n->lock);
    }
}

/* Starts a callback on @h: -EIO once the file is removed or the open closed. Lock-free:
 * active is raised before removed is read, and node_kill sets removed before it reads
 * active (all sequentially consistent), so either this sees the removal or the removal
 * waits for this callback. */
HOT_PATH static int enter(sysfs_node_t *n, sysfs_file_t *h)
{
    __atomic_add_fetch(&n->active, 1, __ATOMIC_SEQ_CST);
    if (!__atomic_load_n(&n->removed, __ATOMIC_SEQ_CST) && !__atomic_load_n(&h->closed, __ATOMIC_ACQUIRE))
        return 0;
    leave(n);
    return -EIO;
}

/* Ends a callback. n->lock held. */
static void leave_locked(sysfs_node_t *n)
{
    if (__atomic_sub_fetch(&n->active, 1, __ATOMIC_SEQ_CST) == 0)
        waitq_wake_all(&n->drained);
}

/* Marks @n removed, waits for its callbacks and closes its opens. May sleep. */
static void node_kill(sysfs_node_t *n)
{
    list_node_t *x;
    spinlock_lock(&n->lock);
    __atomic_store_n(&n->removed, true, __ATOMIC_SEQ_CST);
    waitq_wait(&n->drained, &n->lock, node_idle, n, 0);
    while ((x = list_pop_front(&n->opens))) {
        sysfs_file_t *h = LIST_CONTAINER(x, sysfs_file_t, node);
        h->closed = true;
        /* a racing file close waits for this before freeing h */
        __atomic_add_fetch(&n->active, 1, __ATOMIC_SEQ_CST);
        spinlock_unlock(&n->lock);
        if (n->ops->close)
            n->ops->close(h);
        spinlock_lock(&n->lock);
        leave_locked(n);
    }
    spinlock_unlock(&n->lock);
}

/* ---------------------------------------------------------------- file hooks */

static int sysfs_open(file_t *f)
{
    sysfs_node_t *n = f->node->priv;
    sysfs_file_t *h = kzalloc(sizeof(*h));
    if (!h)
        return -ENOMEM;
    h->file = f;
    h->priv = n->priv;
    spinlock_lock(&n->lock);
    bool entered = !n->removed;
    if (entered) {
        __atomic_add_fetch(&n->active, 1, __ATOMIC_SEQ_CST);
        list_push_back(&n->opens, &h->node);
    }
    spinlock_unlock(&n->lock);
    int rc = !entered ? -ENOENT : n->ops->open ? n->ops->open(h) : 0;
    if (entered) { /* removal waits for this call, so h is still on the list */
        spinlock_lock(&n->lock);
        if (rc)
            list_remove(&h->node);
        leave_locked(n);
        spinlock_unlock(&n->lock);
    }
    if (rc) {
        kfree(h);
        return rc;
    }
    f->priv = h;
    if (n->ops->read_user)
        f->ops = &sysfs_stream_fops;
    return 0;
}

/* Both ends are built by the file's open2 callback, then cut loose from the node: they
 * are not opens of it (not on its list), so its removal must not see them. */
static int sysfs_open2(file_t *ends[2])
{
    vnode_t *v = ends[0]->node;
    sysfs_node_t *n = v->priv;
    spinlock_lock(&n->lock);
    bool entered = !n->removed;
    if (entered)
        __atomic_add_fetch(&n->active, 1, __ATOMIC_SEQ_CST);
    spinlock_unlock(&n->lock);
    if (!entered)
        return -ENOENT;
    int rc = n->ops->open2 ? n->ops->open2(ends, n->priv) : -EINVAL;
    leave(n); /* before the unrefs below, which may free n with the vnode */
    if (rc)
        return rc;
    for (int i = 0; i < 2; i++) {
        ends[i]->node = NULL;
        vfs_vnode_unref(v);
    }
    return 0;
}

static void sysfs_close(file_t *f)
{
    sysfs_node_t *n = f->node->priv;
    sysfs_file_t *h = f->priv;
    spinlock_lock(&n->lock);
    bool mine = !h->closed;
    if (mine) {
        h->closed = true;
        list_remove(&h->node);
        __atomic_add_fetch(&n->active, 1, __ATOMIC_SEQ_CST);
        spinlock_unlock(&n->lock);
        if (n->ops->close)
            n->ops->close(h);
        spinlock_lock(&n->lock);
        leave_locked(n);
    } else {
        waitq_wait(&n->drained, &n->lock, node_idle, n, 0); /* removal may be closing h */
    }
    spinlock_unlock(&n->lock);
    kfree(h);
}

static int64_t sysfs_read(file_t *f, void *kbuf, size_t size, uint64_t *offset)
{
    sysfs_node_t *n = f->node->priv;
    int64_t r = enter(n, f->priv);
    if (r)
        return r;
    r = n->ops->read ? n->ops->read(f->priv, kbuf, size, *offset) : -EINVAL;
    leave(n);
    if (r > 0)
        *offset += (uint64_t)r;
    return r;
}

static int64_t sysfs_write(file_t *f, const void *kbuf, size_t size, uint64_t *offset)
{
    sysfs_node_t *n = f->node->priv;
    int64_t r = enter(n, f->priv);
    if (r)
        return r;
    r = n->ops->write ? n->ops->write(f->priv, kbuf, size, *offset) : -EINVAL;
    leave(n);
    if (r > 0)
        *offset += (uint64_t)r;
    return r;
}

/* read_user/write_user of a stream open: @op (the file's read_user or write_user)
 * inside enter/leave. */
HOT_PATH static int64_t user_io(file_t *f, uptr_t ubuf, size_t size, int64_t (*op)(sysfs_file_t *, uptr_t, size_t))
{
    sysfs_node_t *n = f->node->priv;
    int64_t r = enter(n, f->priv);
    if (r)
        return r;
    r = op(f->priv, ubuf, size);
    leave(n);
    return r;
}

HOT_PATH static int64_t sysfs_read_user(file_t *f, uptr_t ubuf, size_t size)
{
    return user_io(f, ubuf, size, ((sysfs_node_t *)f->node->priv)->ops->read_user);
}

HOT_PATH static int64_t sysfs_write_user(file_t *f, uptr_t ubuf, size_t size)
{
    return user_io(f, ubuf, size, ((sysfs_node_t *)f->node->priv)->ops->write_user);
}

static int64_t sysfs_ioctl(file_t *f, uint64_t req, void *karg, size_t size)
{
    sysfs_node_t *n = f->node->priv;
    int64_t r = enter(n, f->priv);
    if (r)
        return r;
    r = n->ops->ioctl ? n->ops->ioctl(f->priv, req, karg, size) : -ENOTTY;
    leave(n);
    return r;
}

static int64_t sysfs_seek(file_t *f, int64_t off, int origin)
{
    int64_t base = origin == SEEK_CUR ? (int64_t)__atomic_load_n(&f->offset, __ATOMIC_RELAXED) : 0;
    int64_t pos;
    if (origin == SEEK_END || __builtin_add_overflow(base, off, &pos) || pos < 0)
        return -EINVAL;
    __atomic_store_n(&f->offset, (uint64_t)pos, __ATOMIC_RELAXED);
    return pos;
}

static int sysfs_mmap(file_t *f, uint64_t page, uint64_t pages, uint64_t *phys)
{
    sysfs_node_t *n = f->node->priv;
    int r = enter(n, f->priv);
    if (r)
        return r;
    r = n->ops->mmap ? n->ops->mmap(f->priv, page, pages, phys) : -ENODEV;
    leave(n);
    return r;
}

/* Ends the hold a registered poll kept on the node (fs/poll.h release). */
static void sysfs_poll_release(void *arg)
{
    leave(arg);
}

/* A registered poll stays "in a callback" until poll_wait unregisters it, so removal
 * (which frees what the owner's queue lives in) waits for it to unlink. */
static int sysfs_poll(file_t *f, struct file_poll *wait)
{
    sysfs_node_t *n = f->node->priv;
    int r = enter(n, f->priv);
    if (r)
        return r;
    r = n->ops->poll ? n->ops->poll(f->priv, wait) : POLL_READ | POLL_WRITE;
    if (wait && wait->wq) {
        wait->release = sysfs_poll_release;
        wait->release_arg = n;
    } else {
        leave(n);
    }
    return r;
}

static void sysfs_destroy(vnode_t *v)
{
    kfree(v->priv); /* a file's sysfs_node_t; NULL for directories */
}

static const vnode_ops_t sysfs_vops = {.destroy = sysfs_destroy};

/* The members an open uses, in both tables below. */
#define SYSFS_OPEN_OPS                                                                   \
    .read = sysfs_read, .write = sysfs_write, .seek = sysfs_seek, .ioctl = sysfs_ioctl, \
    .close = sysfs_close, .mmap = sysfs_mmap, .poll = sysfs_poll

static const file_ops_t sysfs_fops = {.open = sysfs_open, .open2 = sysfs_open2, SYSFS_OPEN_OPS};

/* What sysfs_open() switches an open to when its file takes user buffers directly. */
static const file_ops_t sysfs_stream_fops = {
    .read_user = sysfs_read_user, .write_user = sysfs_write_user, SYSFS_OPEN_OPS};

bool sysfs_file_is(const file_t *f, const sysfs_ops_t *ops)
{
    return f && (f->ops == &sysfs_fops || f->ops == &sysfs_stream_fops) &&
           ((const sysfs_node_t *)f->node->priv)->ops == ops;
}

/* ---------------------------------------------------------------- the tree */

static sysfs_dir_t *dir_alloc(sysfs_dir_t *parent, const char *name)
{
    sysfs_dir_t *d = kzalloc(sizeof(*d));
    if (!d)
        return NULL;
    if (!(d->node = vfs_vnode_create(STAT_DIR, &sysfs_vops, NULL, NULL))) {
        kfree(d);
        return NULL;
    }
    d->parent = parent;
    list_init(&d->sibling);
    list_init(&d->children);
    list_init(&d->files);
    strlcpy(d->name, name, sizeof(d->name));
    return d;
}

static void dir_free(sysfs_dir_t *d)
{
    vfs_vnode_unref(d->node);
    kfree(d);
}

void sysfs_init(void)
{
    int expect = 0;
    if (__atomic_load_n(&sysfs_state, __ATOMIC_ACQUIRE) == 2)
        return;
    if (__atomic_compare_exchange_n(&sysfs_state, &expect, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        mutex_init(&tree_lock);
        if (!(root = dir_alloc(NULL, "")))
            panic("sysfs: no memory for the root");
        __atomic_store_n(&sysfs_state, 2, __ATOMIC_RELEASE);
    }
    while (__atomic_load_n(&sysfs_state, __ATOMIC_ACQUIRE) != 2)
        cpu_pause();
}

sysfs_dir_t *sysfs_root(void)
{
    sysfs_init();
    return root;
}

vnode_t *sysfs_root_vnode(void)
{
    return sysfs_root()->node;
}

sysfs_dir_t *sysfs_mkdir(sysfs_dir_t *parent, const char *name)
{
    sysfs_dir_t *d = parent ? dir_alloc(parent, name) : NULL;
    if (!d)
        return NULL;
    mutex_lock(&tree_lock);
    int rc = parent->removed ? -ENOENT : vfs_dir_link(parent->node, name, d->node);
    if (!rc)
        list_push_back(&parent->children, &d->sibling);
    mutex_unlock(&tree_lock);
    if (rc) {
        dir_free(d);
        return NULL;
    }
    return d;
}

static sysfs_node_t *node_alloc(const char *name, const sysfs_ops_t *ops, void *priv)
{
    sysfs_node_t *n = kzalloc(sizeof(*n));
    if (!n)
        return NULL;
    n->ops = ops;
    n->priv = priv;
    strlcpy(n->name, name, sizeof(n->name));
    n->lock = (spinlock_t)SPINLOCK_INIT;
    list_init(&n->sibling);
    list_init(&n->opens);
    waitq_init(&n->drained);
    return n;
}

int sysfs_add_file(sysfs_dir_t *dir, const char *name, const sysfs_ops_t *ops, void *priv)
{
    if (!dir || !ops)
        return -EINVAL;
    sysfs_node_t *n = node_alloc(name, ops, priv);
    vnode_t *v = n ? vfs_vnode_create(STAT_DEVICE, &sysfs_vops, &sysfs_fops, n) : NULL;
    if (!v) {
        kfree(n);
        return -ENOMEM;
    }
    mutex_lock(&tree_lock);
    int rc = dir->removed ? -ENOENT : vfs_dir_link(dir->node, name, v);
    if (!rc)
        list_push_back(&dir->files, &n->sibling);
    mutex_unlock(&tree_lock);
    vfs_vnode_unref(v); /* the directory entry keeps it, or it goes now with n */
    return rc;
}

/* Takes a detached file away: no callback runs after this returns. */
static void file_teardown(sysfs_dir_t *dir, sysfs_node_t *n)
{
    node_kill(n);
    vfs_dir_unlink(dir->node, n->name); /* may free n: do it last */
}

int sysfs_remove_file(sysfs_dir_t *dir, const char *name)
{
    vnode_t *v = vfs_dir_lookup(dir->node, name);
    int rc = !v ? -ENOENT : v->type == STAT_DIR ? -EISDIR : 0;
    sysfs_node_t *n = rc ? NULL : v->priv;
    mutex_lock(&tree_lock);
    if (n && list_is_empty(&n->sibling))
        rc = -ENOENT; /* someone else is removing it */
    else if (n)
        list_remove(&n->sibling);
    mutex_unlock(&tree_lock);
    if (!rc)
        file_teardown(dir, n);
    vfs_vnode_unref(v);
    return rc;
}

/* Marks @d and everything below removed, so nothing new can be added. Tree lock held. */
static void mark_removed(sysfs_dir_t *d)
{
    list_node_t *x;
    d->removed = true;
    list_for_each(x, &d->children)
        mark_removed(LIST_CONTAINER(x, sysfs_dir_t, sibling));
}

/* Takes apart a detached, removed subtree. sysfs trees are shallow, so recursion is fine. */
static void dir_teardown(sysfs_dir_t *d)
{
    list_node_t *x;
    while ((x = list_pop_front(&d->files)))
        file_teardown(d, LIST_CONTAINER(x, sysfs_node_t, sibling));
    while ((x = list_pop_front(&d->children))) {
        sysfs_dir_t *c = LIST_CONTAINER(x, sysfs_dir_t, sibling);
        vfs_dir_unlink(d->node, c->name);
        dir_teardown(c);
    }
    dir_free(d);
}

void sysfs_remove(sysfs_dir_t *dir)
{
    if (!dir || dir == root)
        return;
    mutex_lock(&tree_lock);
    bool first = !dir->removed;
    if (first) {
        mark_removed(dir);
        list_remove(&dir->sibling);
        vfs_dir_unlink(dir->parent->node, dir->name);
    }
    mutex_unlock(&tree_lock);
    if (first)
        dir_teardown(dir);
}
