/*
 * sysfs.h - the sys: filesystem, a tree of kernel-made directories and files whose
 * contents come from callbacks. Subsystems build it with sysfs_mkdir/sysfs_add_file
 * (processes their sys:/proc/<pid>, pipes sys:/pipe/new, ...) and take subtrees away
 * with sysfs_remove. Users can read, write and ioctl the files but cannot create,
 * remove, rename or link anything (-EPERM). The standard files (zero, null, klog) are
 * in fs/sysfs_std.h; the label is mounted by fs/fs.c.
 *
 * Removal: a sys: file removed while open stays a valid file, but every read, write
 * and ioctl on it fails with -EIO (close works). sysfs_remove waits for callbacks
 * already running on the subtree's files, then runs the close callback of every open
 * of them itself, so once it returns sysfs never calls into the subtree's owner again
 * and the owner may free what its callbacks use.
 */
#ifndef FS_SYSFS_H
#define FS_SYSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "fs/vfs.h"
#include "lib/list.h"

/** A sys: directory handle (opaque). Valid until sysfs_remove of it or an ancestor. */
typedef struct sysfs_dir sysfs_dir_t;

/** One open of a sys: file, as its callbacks see it. */
typedef struct sysfs_file {
    file_t *file;      /**< immutable: the open file (its flags say nonblock, ...) */
    void *priv;        /**< immutable: the pointer given to sysfs_add_file() */
    void *data;        /**< per-open data: set by open, freed by close; the callbacks
                            serialise their own use of it (several threads may share
                            one open file) */
    list_node_t node;  /**< sysfs: link in the file's list of opens */
    bool closed;       /**< sysfs: the close callback has run or is running */
} sysfs_file_t;

/**
 * The callbacks of a sys: file; any may be NULL (open and close: nothing to do; read
 * and write: -EINVAL; ioctl: -ENOTTY; open2: -EINVAL). They run with no VFS or sysfs
 * lock held, may sleep (a blocking read should honour PATH_FLAG_NONBLOCK in
 * f->file->flags with -EAGAIN, and may return -EINTR), and never run after the file's
 * removal finished.
 */
typedef struct sysfs_ops {
    /** A new open: may set f->data. An error fails the open (close is not called). */
    int (*open)(sysfs_file_t *f);
    /** Up to size bytes from position offset (the file's offset, advanced by the result). */
    int64_t (*read)(sysfs_file_t *f, void *kbuf, size_t size, uint64_t offset);
    /** size bytes at offset; returns bytes taken (the offset advances by it) or -errno. */
    int64_t (*write)(sysfs_file_t *f, const void *kbuf, size_t size, uint64_t offset);
    /**
     * Optional, for streams without a position (sockets), both or neither: read and
     * write straight between the file and user memory at @ubuf (range checked by the
     * caller; a fault gives -EFAULT), so the system calls skip their bounce buffer
     * (file_ops_t.read_user). Same results as read/write otherwise, which stay the
     * kernel's way in.
     */
    int64_t (*read_user)(sysfs_file_t *f, uptr_t ubuf, size_t size);
    int64_t (*write_user)(sysfs_file_t *f, uptr_t ubuf, size_t size);
    /** Device control with an argument buffer of size bytes. */
    int64_t (*ioctl)(sysfs_file_t *f, uint64_t req, void *karg, size_t size);
    /** The open ends (last reference, or removal of the file): free f->data. Once per open. */
    void (*close)(sysfs_file_t *f);
    /**
     * For vfs_open2() (objects with two ends, e.g. sys:/pipe/new); NULL: vfs_open2 on
     * the file is -EINVAL. @ends are two fresh files (refs 1, the path's flags). The
     * callback makes them independent objects: it sets ends[i]->ops (its own, never
     * sysfs's) and ends[i]->priv, and their close hooks take over from then on. On
     * success sysfs drops the ends' node references, so they are node-less files that
     * the file's later removal does not touch (no -EIO, no close by sysfs). An error
     * fails vfs_open2 with it; the callback must then leave nothing allocated (the
     * files are freed without any close hook). open and close are not called for
     * these ends; @priv is the pointer given to sysfs_add_file(). Runs like the other
     * callbacks (never after the file's removal: vfs_open2 then fails with -ENOENT).
     */
    int (*open2)(file_t *ends[2], void *priv);
    /**
     * For mmap() of device memory (file_ops_t.mmap): gives in *phys the physical frame
     * of page @page of a mapping of @pages pages, or -errno (-EINVAL: @pages too many
     * for the device). NULL: -ENODEV (sys:/shmem files are mapped by ipc/shmem.h). The
     * frames are mapped neither owned nor shared and outlive the mapping's file, so
     * only memory that is never freed (a device aperture) may be handed out.
     */
    int (*mmap)(sysfs_file_t *f, uint64_t page, uint64_t pages, uint64_t *phys);
    /**
     * For poll() (file_ops_t.poll, fs/poll.h): the POLL_* mask ready now; with @wait,
     * also poll_register(wait, queue) under the lock the mask was read under. Must not
     * sleep. NULL: always ready (POLL_READ | POLL_WRITE). While a poll is registered
     * the file counts as having a callback running, so sysfs_remove waits for it: the
     * owner wakes the queue before removing (as for sleeping reads).
     */
    int (*poll)(sysfs_file_t *f, struct file_poll *wait);
} sysfs_ops_t;

/** Creates the root (idempotent; fs_init calls it, sysfs_root() too). May sleep. O(1). */
void sysfs_init(void);

/** The root directory "sys:/". Never NULL once kmalloc works (panics if out of memory). */
sysfs_dir_t *sysfs_root(void);

/** The root's vnode, for vfs_mount() (borrowed: the root keeps its reference). */
vnode_t *sysfs_root_vnode(void);

/**
 * Makes the directory @name in @parent.
 * @return its handle, or NULL: @parent NULL or being removed, @name invalid (see
 *         path_name_is_valid) or taken, or out of memory.
 * Locking: sysfs tree lock, then the namespace lock. May sleep. O(entries in parent).
 */
sysfs_dir_t *sysfs_mkdir(sysfs_dir_t *parent, const char *name);

/**
 * Adds the file @name to @dir, served by @ops with @priv (given to every callback as
 * f->priv). Its stat type is STAT_DEVICE, its size 0. Seeking it: SEEK_SET and SEEK_CUR
 * move the offset passed to read/write, SEEK_END is -EINVAL.
 * @return 0, -EINVAL (@dir or @ops NULL, bad name), -EEXIST, -ENOENT (@dir is being
 *         removed), -ENOMEM.
 * Locking: sysfs tree lock, then the namespace lock. May sleep. O(entries in dir).
 */
int sysfs_add_file(sysfs_dir_t *dir, const char *name, const sysfs_ops_t *ops, void *priv);

/**
 * Removes the file @name from @dir as sysfs_remove() does for a subtree (waits for
 * running callbacks, closes its opens, later operations on them give -EIO).
 * @return 0, -ENOENT (no such file), -EISDIR (@name is a directory: use sysfs_remove).
 * Locking: sysfs tree lock (released before waiting). May sleep. O(entries + opens).
 */
int sysfs_remove_file(sysfs_dir_t *dir, const char *name);

/**
 * Removes @dir with everything below it (see the header comment for open files). @dir
 * and every handle below it are invalid afterwards. The root cannot be removed (no-op).
 * Owners must first wake any callback of theirs that sleeps (e.g. a blocked read), or
 * this waits for it.
 * Locking: sysfs tree lock (released before waiting), namespace lock. May sleep.
 * O(nodes in the subtree + their opens).
 */
void sysfs_remove(sysfs_dir_t *dir);

/** Whether @f is an open of a sys: file served by @ops. Locking: none. O(1). */
bool sysfs_file_is(const file_t *f, const sysfs_ops_t *ops);

#endif
