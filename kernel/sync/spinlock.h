/*
 * spinlock.h - ticket spinlocks that save and restore the interrupt flag. Never held
 * across a sleep. Fair (FIFO by ticket); lock and unlock are O(1) plus the wait.
 */
#ifndef SYNC_SPINLOCK_H
#define SYNC_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/cpu.h"

/** A ticket lock; zero-initialised is unlocked. */
typedef struct spinlock {
    volatile uint32_t next;  /**< atomic: next ticket to hand out */
    volatile uint32_t owner; /**< atomic: ticket being served */
    uint64_t saved_flags;    /**< the holder's RFLAGS before locking */
} spinlock_t;

#define SPINLOCK_INIT {0, 0, 0}

/** Disables interrupts and takes the lock. Complexity: O(1) plus waiting. */
static inline void spinlock_lock(spinlock_t *l)
{
    uint64_t flags = cpu_flags();
    cpu_cli();
    uint32_t t = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);
    while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != t)
        cpu_pause();
    l->saved_flags = flags;
}

/** Takes the lock only if it is free at once; returns true if taken. */
static inline bool spinlock_try(spinlock_t *l)
{
    uint64_t flags = cpu_flags();
    cpu_cli();
    uint32_t o = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
    uint32_t expect = o;
    if (__atomic_compare_exchange_n(&l->next, &expect, o + 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        l->saved_flags = flags;
        return true;
    }
    if (flags & CPU_FLAG_IF)
        cpu_sti();
    return false;
}

/** Releases the lock and restores the interrupt flag saved by the lock call. O(1). */
static inline void spinlock_unlock(spinlock_t *l)
{
    uint64_t flags = l->saved_flags;
    __atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
    if (flags & CPU_FLAG_IF)
        cpu_sti();
}

#endif
