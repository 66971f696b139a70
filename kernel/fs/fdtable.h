/*
 * fdtable.h - a process's descriptor table: MAX_FDS slots, each empty or holding a
 * reference to an open file (fs/file.h). Descriptor numbers are what user space sees;
 * the system-call layer turns them into file_t pointers here and drops the reference
 * when done. Closing never runs a file's close hook under the table's spinlock.
 */
#ifndef FS_FDTABLE_H
#define FS_FDTABLE_H

#include <stddef.h>
#include <abi/types.h>
#include "fs/file.h"
#include "sync/spinlock.h"

/** A descriptor table (embedded in the process). */
typedef struct fdtable {
    spinlock_t lock;          /**< protects files */
    file_t *files[MAX_FDS];   /**< lock: one reference each; NULL is a free slot */
} fdtable_t;

/** Makes @t an empty table. Locking: none (not yet shared). Does not sleep. O(MAX_FDS). */
void fdtable_init(fdtable_t *t);

/**
 * Closes every descriptor of @t (each file loses the table's reference), leaving it
 * empty. Locking: takes t->lock per slot, drops it before each file_unref. May sleep
 * (close hooks). O(MAX_FDS + closing).
 */
void fdtable_deinit(fdtable_t *t);

/**
 * Puts @file in the lowest free slot, taking a new reference (the caller keeps its own).
 * @return the descriptor, or -EMFILE if all MAX_FDS are in use.
 * Locking: t->lock. Does not sleep. O(MAX_FDS).
 */
fd_t fdtable_alloc(fdtable_t *t, file_t *file);

/**
 * The file behind @fd with a new reference for the caller (file_unref when done), or
 * NULL if @fd is out of range or not open (the caller reports -EBADF).
 * Locking: t->lock. Does not sleep. O(1).
 */
file_t *fdtable_get(fdtable_t *t, fd_t fd);

/**
 * Closes @fd: the slot is freed and the file loses the table's reference.
 * @return 0, or -EBADF (out of range or not open).
 * Locking: t->lock, released before file_unref. May sleep (close hook). O(1).
 */
int fdtable_close(fdtable_t *t, fd_t fd);

/**
 * Puts @file at @fd (a new reference), closing what was there first.
 * @return 0, or -EBADF (@fd out of range).
 * Locking: t->lock, released before closing the old file. May sleep. O(1).
 */
int fdtable_set(fdtable_t *t, fd_t fd, file_t *file);

/**
 * A second descriptor for the file of @fd, the lowest free one.
 * @return the new descriptor, -EBADF (@fd not open), or -EMFILE (table full).
 * Locking: t->lock. Does not sleep. O(MAX_FDS).
 */
fd_t fdtable_dup(fdtable_t *t, fd_t fd);

/**
 * Makes @newfd refer to the file of @oldfd, closing what @newfd held first; when they
 * are equal, only checks that @oldfd is open.
 * @return @newfd, or -EBADF (@oldfd not open, or @newfd out of range).
 * Locking: t->lock, released before closing. May sleep (close hook). O(1).
 */
fd_t fdtable_dup2(fdtable_t *t, fd_t oldfd, fd_t newfd);

/**
 * spawn(): gives @child the parent's files as @pairs say: pairs[i].child becomes
 * pairs[i].parent of @parent, for i < @n or until a pair whose child is SPAWN_FD_END.
 * @pairs NULL means {0,0}, {1,1}, {2,2}, each copied only if the parent has it open.
 * Slots of @child named in @pairs are replaced (closed first); others are untouched.
 * @return 0, or -EINVAL (@n > MAX_FDS, or a child number given twice), -EBADF (a child
 *         number out of range or a parent descriptor not open). On error @child is
 *         unchanged.
 * Locking: @parent's lock, then (after dropping it) @child's; never both at once.
 * May sleep (closing replaced files). O(n + MAX_FDS).
 */
int fdtable_copy_from(fdtable_t *child, fdtable_t *parent, const spawn_fd_t *pairs, size_t n);

#endif
