/*
 * file.h - open files: what a descriptor refers to. A file_t is one open of a vnode (or
 * of nothing, for objects such as pipe ends) with its own offset and open flags, and a
 * table of operations supplied by the filesystem. fs/vfs.h opens them by path;
 * fs/fdtable.h maps a process's descriptor numbers to them. Every buffer here is kernel
 * memory: the system-call layer copies user data in and out (see vfs.h).
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "mm/user.h"
#include <abi/types.h>
#include "sync/mutex.h"

struct vnode;
struct file;
struct file_poll;

/**
 * What a filesystem does for files opened on one of its vnodes. Every hook is optional
 * (NULL); a missing one makes the call fail as file_read() & co. document. Hooks run
 * with no VFS lock held, may sleep unless said otherwise, and get kernel buffers only.
 */
typedef struct file_ops {
    /** After the file_t is built (refs 1, flags, node set): may set f->priv. An error
     *  fails the open (close is then not called). */
    int (*open)(struct file *f);
    /** Instead of open, for vfs_open2(): sets up both ends (priv of each). */
    int (*open2)(struct file *f[2]);
    /** Reads up to n bytes at *offset, advancing *offset by what it returns. Returns
     *  bytes (0 = end of file) or -errno. Called with f->pos_lock held on regular files. */
    int64_t (*read)(struct file *f, void *kbuf, size_t n, uint64_t *offset);
    /** Writes n bytes at *offset (at the end, setting *offset, with PATH_FLAG_APPEND),
     *  advancing *offset. Returns bytes written or -errno. Locking as read. */
    int64_t (*write)(struct file *f, const void *kbuf, size_t n, uint64_t *offset);
    /** Optional, for streams without a position (pipes): read or write straight between
     *  the file and user memory at @ubuf (the caller checked the range; a fault gives
     *  -EFAULT, or the bytes moved before it), sparing the system call its bounce
     *  buffer. Same results as read/write otherwise. */
    int64_t (*read_user)(struct file *f, uptr_t ubuf, size_t n);
    int64_t (*write_user)(struct file *f, uptr_t ubuf, size_t n);
    /** Overrides the generic seek: returns the new offset or -errno; it sets f->offset. */
    int64_t (*seek)(struct file *f, int64_t off, int origin);
    /** Fills up to n entries starting at entry *offset; returns how many (0 at the end). */
    int64_t (*getdirent)(struct file *f, dirent_t *kbuf, size_t n, uint64_t *offset);
    /** Device control: request req with an argument buffer of size bytes. */
    int64_t (*ioctl)(struct file *f, uint64_t req, void *karg, size_t size);
    /** The last reference is gone: free f->priv. Not called if open failed. */
    void (*close)(struct file *f);
    /** poll() (fs/poll.h): returns the POLL_* mask ready now (or -errno, reported as
     *  POLL_ERR) and, when @wait is not NULL, links it with poll_register() on the
     *  queue woken when that mask may change. Must not sleep. NULL: always ready. */
    int (*poll)(struct file *f, struct file_poll *wait);
    /** For mmap() of device memory: gives in *phys the frame of page @page of a
     *  mapping of @pages pages, or -errno (-ENODEV: this file cannot be mapped so;
     *  -EINVAL: @pages too many). The frames are mapped neither owned nor shared
     *  (syscall/sys_mem.c), so unmapping never frees them. NULL: no device memory.
     *  sys: files route it to their sysfs mmap callback (sys:/fb0); sys:/zero and
     *  `sys:/shmem/<id>` are mapped by syscall/sys_mem.c and ipc/shmem.h instead. */
    int (*mmap)(struct file *f, uint64_t page, uint64_t pages, uint64_t *phys);
} file_ops_t;

/** One open file. */
typedef struct file {
    volatile uint32_t refs;   /**< atomic: descriptors, spawned children, kernel users */
    uint32_t flags;           /**< immutable: PATH_FLAG_* given at open */
    struct vnode *node;       /**< immutable after open: a reference, or NULL (pipes) */
    const file_ops_t *ops;    /**< immutable after open */
    void *priv;               /**< owned by ops: set by open/open2, freed by close */
    mutex_t pos_lock;         /**< taken around read, write, seek and getdirent of
                                   regular files and directories */
    uint64_t offset;          /**< pos_lock for files and directories; atomic otherwise */
} file_t;

/**
 * Allocates a file with one reference, no node, @ops and @flags, offset 0. The caller
 * (the VFS, or a subsystem making node-less files like pipes) sets node and priv before
 * anyone else sees it; the open hook is not called here.
 * @return the file, or NULL when out of memory.
 * Locking: none. Does not sleep. O(1).
 */
file_t *file_create(const file_ops_t *ops, uint32_t flags);

/** Takes a reference. Locking: none (atomic). Any context. O(1). */
void file_ref(file_t *f);

/**
 * Drops a reference; the last one calls ops->close (unless the open failed), drops the
 * vnode reference (a removed file is freed then) and frees @f. NULL is a no-op.
 * Locking: no spinlock may be held. May sleep (close hooks, vnode teardown). O(1) plus
 * the teardown (O(file size) for the last reference to a removed ramfs file).
 */
void file_unref(file_t *f);

/**
 * Reads up to @n bytes at the file's offset into @kbuf and advances the offset.
 * @return bytes read (0: end of file, or a device with nothing to give under
 *         nonblock where the device says so), or
 *   -EISDIR (a directory), -EINVAL (no read hook, or @n > INT64_MAX), -EAGAIN
 *   (nonblock and nothing ready), -EINTR (interrupted while waiting), -EIO (a sys:
 *   file that was removed), or another error of the file's hook.
 * Locking: takes f->pos_lock for regular files, then the vnode's lock inside the hook.
 * May sleep (it blocks on devices unless opened nonblock). Time: O(n) for ramfs files.
 */
int64_t file_read(file_t *f, void *kbuf, size_t n);

/**
 * Writes @n bytes from @kbuf at the file's offset (at its end with `append`) and
 * advances the offset.
 * @return bytes written (fewer than @n only if memory ran out part way), or
 *   -EISDIR (a directory), -EINVAL (no write hook, or @n > INT64_MAX), -EFBIG (beyond
 *   the filesystem's largest file), -ENOMEM (nothing could be written), -EAGAIN,
 *   -EIO, or another error of the hook.
 * Locking, sleeping: as file_read(). Time: O(n) for ramfs files (appends do not copy).
 */
int64_t file_write(file_t *f, const void *kbuf, size_t n);

/**
 * Moves the offset: @origin SEEK_SET (to @off), SEEK_CUR (by @off) or SEEK_END (to the
 * size plus @off; the size of a directory is its number of entries).
 * @return the new offset, or -EINVAL (bad origin, a negative or overflowing result),
 *         -ESPIPE (a device or node-less file whose ops have no seek hook).
 * Locking: takes f->pos_lock and briefly the vnode's lock. May sleep. O(1).
 */
int64_t file_seek(file_t *f, int64_t off, int origin);

/**
 * Reads up to @n directory entries (names only, no "." or "..") from the offset (an
 * entry index) into @kbuf and advances it. Entries come sorted by name (bytewise).
 * @return entries read, 0 at the end; -ENOTDIR if @f is not a directory; -EINVAL if @n
 *         is larger than INT64_MAX.
 * Locking: takes f->pos_lock, then the VFS namespace lock (read). May sleep.
 * Time: O(n + log entries).
 */
int64_t file_getdirent(file_t *f, dirent_t *kbuf, size_t n);

/**
 * Device control through the file's ioctl hook.
 * @return what the hook returns (>= 0 on success), or -ENOTTY if there is none.
 * Locking: none of its own. May sleep (hook). O(hook).
 */
int64_t file_ioctl(file_t *f, uint64_t req, void *karg, size_t size);

/** Whether @f is an open sys:/zero (anonymous memory for mmap). Locking: none. O(1). */
bool file_is_zero(const file_t *f);

#endif
