/*
 * poll.c - poll_wait() (fs/poll.h): register a waiter on every file's queue, check,
 * block, unregister, check again. The entries live in one kmalloc'd array; each is
 * linked on at most one queue at a time and unlinked before the next round, so a
 * wake-up never reaches a stale entry.
 */
#include "fs/poll.h"
#include <abi/errno.h>
#include "mm/kmalloc.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "time/clock.h"

void poll_register(file_poll_t *wait, waitq_t *wq)
{
    if (!wait || wait->wq)
        return;
    wait->wq = wq;
    waitq_add(wq, &wait->waiter);
}

uint16_t poll_file(file_t *f, file_poll_t *wait)
{
    if (!f->ops || !f->ops->poll)
        return POLL_READ | POLL_WRITE;
    int mask = f->ops->poll(f, wait);
    return mask < 0 ? POLL_ERR : (uint16_t)mask;
}

/* Unlinks every entry and ends what its hook holds. */
static void poll_drop(file_poll_t *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (e[i].wq)
            waitq_remove(e[i].wq, &e[i].waiter);
        e[i].wq = NULL;
        if (e[i].release)
            e[i].release(e[i].release_arg);
        e[i].release = NULL;
    }
}

/* One round over the files: fills revents, registers @e when given; the ready count. */
static int poll_scan(file_t **files, const uint16_t *events, uint16_t *revents, size_t n, file_poll_t *e)
{
    int ready = 0;
    for (size_t i = 0; i < n; i++) {
        if (files[i]) {
            uint16_t want = (events[i] & (POLL_READ | POLL_WRITE)) | POLL_HUP | POLL_ERR;
            revents[i] = poll_file(files[i], e ? &e[i] : NULL) & want;
        }
        ready += revents[i] != 0;
    }
    return ready;
}

int poll_wait(file_t **files, const uint16_t *events, uint16_t *revents, size_t n, uint64_t timeout_ns)
{
    uint64_t deadline = 0; /* 0: none */
    if (timeout_ns != 0 && timeout_ns != POLL_FOREVER && __builtin_add_overflow(clock_ns(), timeout_ns, &deadline))
        deadline = 0;
    file_poll_t *e = kzalloc((n ? n : 1) * sizeof(*e));
    if (!e)
        return -ENOMEM;
    for (size_t i = 0; i < n; i++) {
        list_init(&e[i].waiter.node);
        e[i].waiter.thread = thread_current();
        e[i].events = events[i];
    }
    int rc;
    for (;;) {
        if (timeout_ns == 0 || (deadline && clock_ns() >= deadline)) {
            rc = poll_scan(files, events, revents, n, NULL);
            break;
        }
        sched_prepare_block(); /* before the check: a wake-up from here on is kept */
        rc = poll_scan(files, events, revents, n, e);
        if (rc) {
            poll_drop(e, n);
            break;
        }
        int reason = sched_block(deadline);
        poll_drop(e, n);
        if (reason == WAKE_INTERRUPT) {
            rc = -EINTR;
            break;
        }
    }
    kfree(e);
    return rc;
}
