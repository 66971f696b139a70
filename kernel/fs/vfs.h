/*
 * vfs.h - the virtual filesystem: labelled roots, vnodes and directories, and the
 * operations the system calls make on paths (open, stat, mkdir, remove, rename, link,
 * chdir). Directories are kept by the VFS itself (sorted arrays of names), so every
 * filesystem gets lookup, listing, rename and hard links for free; a filesystem supplies
 * file contents through file_ops_t (fs/file.h) and new nodes through vnode_ops_t.
 * Filesystems: fs/ramfs.h (home:), fs/sysfs.h (sys:); set up by fs/fs.h.
 *
 * Locking (lock order, outermost first; the same list belongs in docs/design/locking.md):
 *   1. file_t.pos_lock          (mutex)  one open file's offset
 *   2. sysfs tree lock          (mutex)  sysfs's own directory bookkeeping
 *   3. VFS namespace lock       (rwlock) mount table, every directory's entries, links
 *   4. vnode_t.lock             (mutex)  one node's size, times and contents
 *   5. sysfs file lock, log lock, waitq locks (spinlocks)
 * Lookups take the namespace lock for reading, changes to names for writing; it is
 * never held while a filesystem's file hooks run (they may sleep for long), and never
 * taken twice by one thread. File hooks run with at most pos_lock held (regular files
 * only); locks of their own (the klog reader's mutex, a pipe's lock) come after it.
 * All of these may sleep; call them with no spinlock held.
 *
 * For the system-call layer: every path and buffer here is in kernel memory. Copy the
 * path in with its length checked (at most MAX_PATH bytes, else ENAMETOOLONG), pass the
 * caller's cwd string, and move data through a kernel bounce buffer in chunks
 * (file_read/file_write take kernel buffers); a short count ends the loop.
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include <stdbool.h>
#include <stdint.h>
#include <abi/types.h>
#include "fs/file.h"
#include "fs/path.h"
#include "sync/mutex.h"

struct vnode;
struct vfs_entry;

/** What a filesystem does for its vnodes (all optional). */
typedef struct vnode_ops {
    /**
     * Makes a new, unlinked node of @type (STAT_FILE or STAT_DIR) for a name in @dir;
     * returns it with one reference, or NULL when out of memory. NULL hook: users may
     * not create, remove, rename or link names in this filesystem (-EPERM).
     * Called with the namespace lock held for writing; must not sleep for long.
     */
    struct vnode *(*create)(struct vnode *dir, uint32_t type);
    /** Sets a file's size (for `truncate`); takes node->lock itself. 0 or -errno. */
    int (*truncate)(struct vnode *node, uint64_t size);
    /** The last reference is gone: free priv. The VFS then frees the vnode. */
    void (*destroy)(struct vnode *node);
} vnode_ops_t;

/** A file, directory or device: the thing names refer to. */
typedef struct vnode {
    uint32_t type;                /**< immutable: STAT_FILE, STAT_DIR or STAT_DEVICE */
    volatile uint32_t refs;       /**< atomic: directory entries, open files, mounts, users */
    uint32_t links;               /**< namespace lock: names referring to it (a mounted root: 1) */
    mutex_t lock;                 /**< protects size, the times and the filesystem's data */
    uint64_t size;                /**< lock: bytes (directories: unused, see nentries) */
    uint64_t created_ns;          /**< lock: wall clock (clock_epoch_ns) */
    uint64_t modified_ns;         /**< lock: last change of contents or entries */
    const vnode_ops_t *ops;       /**< immutable */
    const file_ops_t *fops;       /**< immutable: for files opened on it (VFS's own for dirs) */
    void *priv;                   /**< immutable pointer; what it points to: lock */
    struct vfs_entry **entries;   /**< namespace lock: directories, sorted by name */
    uint32_t nentries;            /**< namespace lock */
    uint32_t capacity;            /**< namespace lock: slots in entries */
    struct vnode *free_next;      /**< private to the final unref (destroy list) */
} vnode_t;

/**
 * Sets up the namespace lock. Idempotent and safe to race: fs_init() calls it, and every
 * vfs_* function that takes the lock calls it first. Locking: an atomic once-flag (a
 * racing caller spins briefly). Does not sleep. O(1).
 */
void vfs_init(void);

/**
 * Allocates a vnode with one reference, no links, times set to now.
 * @param type  STAT_FILE, STAT_DIR or STAT_DEVICE.
 * @param ops   the filesystem's vnode hooks (must not be NULL).
 * @param fops  hooks for files opened on it; ignored for directories (the VFS's own).
 * @param priv  the filesystem's data.
 * @return the vnode, or NULL when out of memory. Locking: none. Does not sleep. O(1).
 */
vnode_t *vfs_vnode_create(uint32_t type, const vnode_ops_t *ops, const file_ops_t *fops, void *priv);

/** Takes a reference. Atomic, any context. O(1). */
void vfs_vnode_ref(vnode_t *node);

/**
 * Drops a reference; the last one calls ops->destroy and frees the node, and for a
 * directory drops its entries' references too (iteratively: no recursion however deep
 * the tree). NULL is a no-op. Locking: no spinlock held. May sleep in destroy hooks.
 * O(1), or O(nodes freed + their data) for the last reference.
 */
void vfs_vnode_unref(vnode_t *node);

/**
 * The size of @node: bytes for files and devices, entries for directories.
 * Locking: the node's lock, or the namespace lock (read) for a directory. May sleep. O(1).
 */
uint64_t vfs_vnode_size(vnode_t *node);

/**
 * Makes @root (a directory) reachable as "label:/". The mount takes its own reference.
 * @return 0, -EINVAL (bad label, @root NULL or not a directory), -EEXIST (label in
 *         use), -ENOSPC (VFS_MAX_MOUNTS labels mounted).
 * Locking: takes the namespace lock for writing. May sleep. O(mounts).
 */
int vfs_mount(const char *label, vnode_t *root);
#define VFS_MAX_MOUNTS 16 /**< labels that can be mounted at once */

/**
 * Removes @label; its root loses the mount's reference (open files keep their nodes).
 * @return 0, or -ENOENT (not mounted). Locking, sleeping: as vfs_mount(). O(mounts).
 */
int vfs_unmount(const char *label);

/** Whether @label is mounted. Locking: namespace lock (read). May sleep. O(mounts). */
bool vfs_is_mounted(const char *label);

/**
 * Kernel-side directory building (RAM-disk loader, sysfs): adds the entry @name for
 * @node in @dir, taking a reference on @node and counting a link.
 * @return 0, -ENOTDIR (@dir not a directory), -EINVAL (@name not a valid component),
 *         -EEXIST (name taken), -ENOMEM.
 * Locking: namespace lock (write). May sleep. O(entries in dir) (sorted insert).
 */
int vfs_dir_link(vnode_t *dir, const char *name, vnode_t *node);

/**
 * The node named @name in @dir, with a new reference, or NULL (no such entry, or @dir
 * is not a directory). Locking: namespace lock (read). May sleep. O(log entries × name).
 */
vnode_t *vfs_dir_lookup(vnode_t *dir, const char *name);

/**
 * Removes the entry @name from @dir whatever it names (no emptiness check: a removed
 * directory keeps its entries until its last reference goes).
 * @return 0, -ENOENT (no such entry), -ENOTDIR. Locking: namespace lock (write). May
 *         sleep. O(entries in dir).
 */
int vfs_dir_unlink(vnode_t *dir, const char *name);

/*
 * The path operations. @path is a NUL-terminated kernel string (at most MAX_PATH bytes
 * before the NUL, else -ENAMETOOLONG), resolved by path_parse() against @cwd (an
 * absolute normalized "label:/a/b", or NULL if every path given has a label). Besides
 * the errors listed with each, every one of them can return what path_parse() returns
 * (-EINVAL, -ENAMETOOLONG), -ENOMEM (the parsed path is allocated), -ENOENT (unknown
 * label, or a missing directory on the way) and -ENOTDIR (a file on the way). Flags
 * (`?...`) are accepted only by vfs_open and vfs_open2; elsewhere they are -EINVAL.
 * Lookup cost: O(depth × log(entries per directory) × MAX_NAME).
 */

/**
 * Frees the cached path buffers (leak checks measure the heap around it).
 * Locking: takes the path cache lock. Does not sleep. O(cached buffers).
 */
void vfs_trim(void);

/**
 * Opens @path (with its flags) and returns a new file with one reference in *@out.
 * Flags: `create` makes a missing file (with `directory`, a directory); `exclusive`
 * (with create) fails if it exists; `truncate` empties a regular file (ignored for
 * devices); `append` makes every write go to the end; `directory` requires a directory;
 * `nonblock` makes device reads and writes fail with -EAGAIN instead of sleeping.
 * Directories can be opened (for file_getdirent); reading or writing them is -EISDIR.
 * @return 0, or -ENOENT (missing and no `create`), -EEXIST (`exclusive` and it exists),
 *   -ENOTDIR (`directory` and not a directory), -EISDIR (`truncate` or `append` on a
 *   directory), -EPERM (`create` where the filesystem allows no new names, e.g. sys:),
 *   -EINVAL (`create` of a label's root "label:/"... is allowed only if it exists), an
 *   error of the file's open hook, or the common errors above.
 * Locking: namespace lock (write with `create`, read otherwise), released before the
 * open hook runs. May sleep (the open hook may wait, e.g. for a connection).
 * Time: lookup + O(1) (+ O(size) to truncate).
 */
int vfs_open(const char *path, const char *cwd, file_t **out);

/**
 * Opens the two ends of @path's object (e.g. sys:/pipe/new): out[0] and out[1], one
 * reference each, both with the path's flags.
 * @return 0, -EINVAL (the file has no two ends: plain files, directories), an error of
 *   the open2 hook, or the common errors. The flags are checked as in vfs_open, but
 *   `create` never creates (a missing name is -ENOENT) and `truncate` is ignored.
 * Locking, sleeping: as vfs_open(). Time: lookup + O(1).
 */
int vfs_open2(const char *path, const char *cwd, file_t *out[2]);

/**
 * What @path names: type, size (bytes; a directory's number of entries), links, times.
 * @return 0 or the common errors. Locking: namespace lock (read), then the node's lock.
 * May sleep. Time: lookup.
 */
int vfs_stat(const char *path, const char *cwd, stat_t *out);

/**
 * Makes the directory @path.
 * @return 0, -EEXIST (the name exists), -EPERM (filesystem allows no new names), or the
 *   common errors. Locking: namespace lock (write). May sleep. Time: lookup + O(entries).
 */
int vfs_mkdir(const char *path, const char *cwd);

/**
 * Removes the name @path: a file (open files keep working until closed; the data is
 * freed with the last reference) or an empty directory.
 * @return 0, -ENOTEMPTY (a directory with entries), -EBUSY (a label's root), -EPERM
 *   (filesystem allows no removal), or the common errors. Locking: namespace lock
 *   (write). May sleep. Time: lookup + O(entries in the parent).
 */
int vfs_remove(const char *path, const char *cwd);

/**
 * Renames @from to @to (both resolved against @cwd). An existing @to is replaced if
 * it is a file and @from is a file, or if both are directories and @to is empty.
 * Renaming a name onto itself or onto another link of the same file does nothing.
 * @return 0, -EXDEV (different labels), -EINVAL (a directory into its own subtree),
 *   -EBUSY (either is a label's root), -EISDIR (a file onto a directory), -ENOTDIR (a
 *   directory onto a file), -ENOTEMPTY (onto a non-empty directory), -EPERM, or the
 *   common errors. Nothing changes on error.
 * Locking: namespace lock (write). May sleep. Time: 2 lookups + O(entries).
 */
int vfs_rename(const char *from, const char *to, const char *cwd);

/**
 * Makes @to a new name (hard link) for the file @from.
 * @return 0, -EPERM (@from is a directory, or the filesystem allows no new names),
 *   -EXDEV (different labels), -EEXIST (@to exists), or the common errors.
 * Locking: namespace lock (write). May sleep. Time: 2 lookups + O(entries).
 */
int vfs_link(const char *from, const char *to, const char *cwd);

/**
 * Checks that @path names a directory and writes its normalized absolute form
 * ("label:/a/b") to @out, ready to become a process's cwd. @out may be the same buffer
 * as @cwd (it is written only after @cwd has been read).
 * @return 0, -ENOTDIR (not a directory), or the common errors; @out is untouched on error.
 * Locking: namespace lock (read). May sleep. Time: lookup.
 */
int vfs_chdir_check(const char *path, const char *cwd, char out[MAX_PATH + 1]);

#endif
