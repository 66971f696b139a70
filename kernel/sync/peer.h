/*
 * peer.h - adaptive waiting for the other side of a channel (pipes, local sockets).
 *
 * A side that must wait for its counterpart (data to read, room to write) first checks
 * whether that counterpart is running on another CPU right now. If so, it is likely
 * about to deliver, sooner than a sleep, an IPI and a wake-up from halt would take
 * (tens of microseconds under QEMU), so the waiter spins for a bounded time before
 * it sleeps. A peer_t records who last used a side and where; it is only ever
 * compared with a CPU's current thread, never dereferenced, so the thread may have
 * exited since.
 */
#ifndef SYNC_PEER_H
#define SYNC_PEER_H

#include <stdbool.h>
#include "sync/spinlock.h"

#define PEER_SPIN_NS 50000ull /**< longest spin for a running peer */

struct thread;
struct cpu;

/** Who last used one side of a channel: written under the channel's lock, read racily. */
typedef struct peer {
    const struct thread *thread;
    struct cpu *cpu;
} peer_t;

/**
 * Records the calling thread (and its CPU) as the last user of a side. Locking: the
 * channel's lock held. O(1).
 */
void peer_note(peer_t *p);
/**
 * Waits for @ready(@arg) while @peer runs on another CPU, spinning with @lock dropped
 * for at most @max_ns (PEER_SPIN_NS for channels); @ready is read racily, so the caller re-checks under the
 * lock (normally by sleeping with waitq_wait). A spin that saw @ready counts as a block
 * for the dynamic priority (sched_credit_wait). Locking: @lock held on entry and on
 * return; interrupts come back on while spinning. O(max_ns).
 */
void peer_spin(spinlock_t *lock, const peer_t *peer, bool (*ready)(void *), void *arg, uint64_t max_ns);

#endif
