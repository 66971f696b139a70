/*
 * file.c - open files (fs/file.h): reference counting and the generic parts of read,
 * write, seek and getdirent (offset locking, type checks) around the filesystem's
 * hooks. Opening by path is fs/vfs.c; descriptor numbers are fs/fdtable.c.
 */
#include "fs/file.h"
#include "lib/hot.h"
#include <abi/errno.h>
#include "fs/sysfs_std.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"

file_t *file_create(const file_ops_t *ops, uint32_t flags)
{
    file_t *f = kzalloc(sizeof(*f));
    if (!f)
        return NULL;
    f->refs = 1;
    f->flags = flags;
    f->ops = ops;
    mutex_init(&f->pos_lock);
    return f;
}

HOT_PATH void file_ref(file_t *f)
{
    __atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
}

HOT_PATH void file_unref(file_t *f)
{
    if (!f || __atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL))
        return;
    if (f->ops && f->ops->close)
        f->ops->close(f);
    vfs_vnode_unref(f->node);
    kfree(f);
}

/* Regular files and directories have a real position, guarded by pos_lock; devices and
 * node-less files only carry one for their hooks, so none of their calls wait on it
 * (a read blocked on a device must not hold up a write through the same file). */
static bool has_position(const file_t *f)
{
    return f->node && (f->node->type == STAT_FILE || f->node->type == STAT_DIR);
}

static int64_t file_io(file_t *f, void *rbuf, const void *wbuf, size_t n)
{
    bool locked = has_position(f);
    uint64_t off;
    if (locked) {
        mutex_lock(&f->pos_lock);
        off = f->offset;
    } else {
        off = __atomic_load_n(&f->offset, __ATOMIC_RELAXED);
    }
    int64_t r = rbuf ? f->ops->read(f, rbuf, n, &off) : f->ops->write(f, wbuf, n, &off);
    if (locked) {
        f->offset = off;
        mutex_unlock(&f->pos_lock);
    } else {
        __atomic_store_n(&f->offset, off, __ATOMIC_RELAXED);
    }
    return r;
}

int64_t file_read(file_t *f, void *kbuf, size_t n)
{
    if (f->node && f->node->type == STAT_DIR)
        return -EISDIR;
    if (!f->ops || !f->ops->read || n > INT64_MAX)
        return -EINVAL;
    return file_io(f, kbuf, NULL, n);
}

int64_t file_write(file_t *f, const void *kbuf, size_t n)
{
    if (f->node && f->node->type == STAT_DIR)
        return -EISDIR;
    if (!f->ops || !f->ops->write || n > INT64_MAX)
        return -EINVAL;
    return file_io(f, NULL, kbuf, n);
}

int64_t file_seek(file_t *f, int64_t off, int origin)
{
    if (origin != SEEK_SET && origin != SEEK_CUR && origin != SEEK_END)
        return -EINVAL;
    if (f->ops && f->ops->seek)
        return f->ops->seek(f, off, origin);
    if (!has_position(f))
        return -ESPIPE;
    mutex_lock(&f->pos_lock);
    int64_t base = origin == SEEK_SET ? 0
                 : origin == SEEK_CUR ? (int64_t)f->offset
                                      : (int64_t)vfs_vnode_size(f->node);
    int64_t pos;
    bool bad = __builtin_add_overflow(base, off, &pos) || pos < 0;
    if (!bad)
        f->offset = (uint64_t)pos;
    mutex_unlock(&f->pos_lock);
    return bad ? -EINVAL : pos;
}

int64_t file_getdirent(file_t *f, dirent_t *kbuf, size_t n)
{
    if (!f->node || f->node->type != STAT_DIR || !f->ops || !f->ops->getdirent)
        return -ENOTDIR;
    if (n > INT64_MAX)
        return -EINVAL;
    mutex_lock(&f->pos_lock);
    int64_t r = f->ops->getdirent(f, kbuf, n, &f->offset);
    mutex_unlock(&f->pos_lock);
    return r;
}

int64_t file_ioctl(file_t *f, uint64_t req, void *karg, size_t size)
{
    if (!f->ops || !f->ops->ioctl)
        return -ENOTTY;
    return f->ops->ioctl(f, req, karg, size);
}

bool file_is_zero(const file_t *f)
{
    return sysfs_std_is_zero(f);
}
