/*
 * poll.h - waiting for readiness on many files at once (the poll() system call).
 * Every pollable object reports its "ready now" mask through its file's poll hook
 * (fs/file.h; sys: files through sysfs_ops_t.poll) and links the caller's poll entry
 * on the one wait queue it wakes when that mask may change. poll_wait() registers on
 * every file, checks, sleeps with sched_block() until a wake-up or the deadline,
 * unregisters everything and checks again: no busy waiting, and no lost wake-ups,
 * because the wake-up is armed (sched_prepare_block) before the first check.
 */
#ifndef FS_POLL_H
#define FS_POLL_H

#include <stddef.h>
#include <stdint.h>
#include <abi/types.h>
#include "fs/file.h"
#include "sync/waitq.h"

/** One file's entry in a poll: given to the file's poll hook. */
typedef struct file_poll {
    waitq_waiter_t waiter;       /**< immutable thread; linked on wq while registered */
    waitq_t *wq;                 /**< poll_wait's: the queue the entry is on, or NULL */
    uint16_t events;             /**< immutable: POLL_READ | POLL_WRITE asked for */
    void (*release)(void *arg);  /**< optional: run after unregistering (sysfs) */
    void *release_arg;
} file_poll_t;

/**
 * For poll hooks: links @wait on @wq (the queue woken when the hook's mask may change),
 * to be unlinked by poll_wait. Call it under the lock that protects the state the mask
 * was computed from, so no change is missed. No-op if @wait is NULL (a plain check) or
 * already registered (one queue per file). Locking: takes wq->lock; any spinlocks may
 * be held. Never sleeps. O(1).
 */
void poll_register(file_poll_t *wait, waitq_t *wq);

/**
 * The ready mask (POLL_*) of @f now: its poll hook's, or POLL_READ | POLL_WRITE for a
 * file without one (regular files, directories, most devices). A hook error gives
 * POLL_ERR. With @wait, the hook also registers it (poll_register).
 * Locking: no spinlock held; hooks must not sleep (sched_prepare_block is in effect).
 * O(hook).
 */
uint16_t poll_file(file_t *f, file_poll_t *wait);

/**
 * Waits until one of @n files (NULL entries are skipped: their revents are left as the
 * caller set them, e.g. POLL_INVALID) is ready for events[i], or @timeout_ns pass (0:
 * just check; POLL_FOREVER: no limit). Fills revents[i] with the ready events plus
 * POLL_HUP / POLL_ERR. @n <= POLL_MAX.
 * @return the number of non-zero revents (0: timed out), -EINTR (woken by a note), or
 *         -ENOMEM.
 * Locking: no spinlock held. Sleeps. O(n) per wake-up.
 */
int poll_wait(file_t **files, const uint16_t *events, uint16_t *revents, size_t n, uint64_t timeout_ns);

#endif
