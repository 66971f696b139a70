/*
 * waitaddr.h - wait on an address: sleep while a 32-bit word holds an expected value,
 * until someone wakes that address. The user-space futex is built on it; the key names
 * the word (a kernel address, or for user memory its physical address) so that two
 * mappings of the same word meet in the same queue.
 */
#ifndef SYNC_WAITADDR_H
#define SYNC_WAITADDR_H

#include <stdint.h>

/**
 * If *word == expected, sleeps until waitaddr_wake(key) or timeout_ns (0 = none).
 * Returns 0 when woken, -EAGAIN if *word != expected at the start, -ETIMEDOUT,
 * or -EINTR. The comparison and the queueing happen under the bucket lock, so a wake
 * that follows a change of the word is never lost. word must be a kernel-readable
 * address (it is read with interrupts off). Locking: no spinlock held; takes the bucket
 * lock. May sleep. O(1) to queue (hashed buckets), O(timer events on this CPU) with a
 * timeout.
 */
int waitaddr_wait(uint64_t key, const volatile uint32_t *word, uint32_t expected, uint64_t timeout_ns);
/**
 * Wakes up to n waiters of key (in arrival order); returns how many. Locking: any
 * context; takes the bucket lock, then run queue locks. Never sleeps.
 * O(waiters in the bucket + woken * CPUs).
 */
int waitaddr_wake(uint64_t key, int n);

#endif
