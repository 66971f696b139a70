/*
 * pipe.h - pipes: a one-way byte stream between two open files, the read end and the
 * write end. User space makes one with open2("sys:/pipe/new", fds) (fds[0] reads,
 * fds[1] writes; a `?nonblock` flag applies to both ends); the ends are node-less
 * file_t's (fs/file.h) that travel through descriptor tables, dup and spawn like any
 * other file. Each pipe is a PIPE_SIZE ring of pmm pages reached through the direct
 * map. The sys: hook that hands out the two ends is sysfs_ops_t.open2 (fs/sysfs.h).
 * Design notes: docs/design/ipc.md.
 */
#ifndef IPC_PIPE_H
#define IPC_PIPE_H

#include <stdint.h>
#include "fs/file.h"

#define PIPE_SIZE (64u * 1024)  /**< bytes a pipe buffers */
#define PIPE_ATOMIC 4096u       /**< writes up to this size are never interleaved */

/*
 * What the ends do through file_read/file_write (fs/file.h), with n the byte count:
 *
 * read (read end): waits until the pipe holds data or no write end is open, then
 *   moves min(n, buffered) bytes. Returns the count, 0 at end of file (no writer left
 *   and nothing buffered; also for n == 0), -EAGAIN (nonblock and nothing buffered
 *   while a writer is open), -EINTR (woken by WAKE_INTERRUPT while waiting).
 * write (write end): n <= PIPE_ATOMIC bytes go in at once, after waiting for that much
 *   room, so they are never interleaved with other writers' bytes; bigger writes go in
 *   pieces as room appears (other writers' bytes may come between pieces) and are
 *   carried through whole. Returns n, or, when it stops early, the bytes already
 *   written if any, else -EPIPE (no read end open; checked before every piece),
 *   -EAGAIN (nonblock and no room: for n <= PIPE_ATOMIC, less than n bytes of room;
 *   a bigger nonblock write takes what fits and returns that count), -EINTR.
 * Wrong direction: reading the write end or writing the read end is -EBADF (the
 *   descriptor is not open for that direction, as in POSIX; there are no per-open
 *   read/write flags, so this is a property of the end, not of the open).
 * seek: -ESPIPE (no seek hook, no node). ioctl: -ENOTTY.
 * Locking: each pipe has one spinlock for its state; data is copied outside it (one
 * reader and one writer at a time, marked busy under the lock, in 16 KiB pieces each
 * published at once), so a reader and a writer copy in parallel. Both calls may sleep
 * (nonblock ones only for another copy of their side to finish, never for data or
 * room) and are O(n).
 * Lifetime: the pipe is freed when both ends have been closed (their last file_unref).
 */

/**
 * Registers sys:/pipe/new: vfs_open2 on it returns a new pipe's ends (out[0] the read
 * end, out[1] the write end); a plain vfs_open of it fails with -EINVAL. Once, after
 * fs_init. Panics if the sys: entries cannot be made (out of memory at boot).
 * Locking: sysfs tree lock, namespace lock. May sleep. O(1).
 */
void pipe_init(void);

/**
 * Makes a new pipe without going through a path (kernel users, tests): ends[0] the
 * read end and ends[1] the write end, one reference each, both with @flags (only
 * PATH_FLAG_NONBLOCK means anything to a pipe).
 * @return 0, or -ENOMEM (ends untouched).
 * Locking: takes slab and pmm locks (small blocks and frames only). Does not sleep.
 * O(PIPE_SIZE / PAGE_SIZE).
 */
int pipe_create(uint32_t flags, file_t *ends[2]);

/**
 * Whether @f is an end of a pipe (read end or write end). Locking: none. O(1).
 */
bool pipe_file_is(const file_t *f);

/**
 * Pipes alive (made and not yet freed), for leak checks. Locking: none (atomic, racy
 * while others make or close pipes). O(1).
 */
uint64_t pipe_count(void);

#endif
