/*
 * spinlock.h - ticket spinlocks that save and restore the interrupt flag. Never held
 * across a sleep. Fair (FIFO by ticket); lock and unlock are O(1) plus the wait.
 * Debug builds (KERNEL_DEBUG) record the owner CPU, panic on a recursive acquire, and
 * check lock ranks: a lock with rank r may only be taken while every held ranked lock
 * has a rank below r (the order table is in docs/design/locking.md).
 */
#ifndef SYNC_SPINLOCK_H
#define SYNC_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "arch/x86_64/cpu.h"

#ifndef KERNEL_DEBUG
#define KERNEL_DEBUG 1
#endif

/** A ticket lock; zero-initialised is unlocked. */
typedef struct spinlock {
    volatile uint32_t next;  /**< atomic: next ticket to hand out */
    volatile uint32_t owner; /**< atomic: ticket being served */
    uint64_t saved_flags;    /**< the holder's RFLAGS before locking */
    uint32_t owner_cpu;      /**< debug: id + 1 of the CPU holding it, 0 when free */
    uint32_t rank;           /**< immutable: 0 = unranked, else 1..63 */
} spinlock_t;

#define SPINLOCK_INIT {0, 0, 0, 0, 0}
#define SPINLOCK_RANKED(r) {0, 0, 0, 0, (r)}

/**
 * Debug hooks (spinlock.c): recursion and rank checks before spinning, ownership after;
 * panic on a violation. Locking: interrupts off, called by the lock functions only. O(1).
 */
void spinlock_debug_acquire(spinlock_t *l);
void spinlock_debug_owned(spinlock_t *l);
void spinlock_debug_release(spinlock_t *l);

/**
 * Takes the lock; interrupts must already be off (scheduler paths). Never sleeps; never
 * hold it across a sleep. O(1) + wait.
 */
static inline void spinlock_lock_raw(spinlock_t *l)
{
    if (KERNEL_DEBUG)
        spinlock_debug_acquire(l);
    uint32_t t = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);
    while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != t)
        cpu_pause();
    if (KERNEL_DEBUG)
        spinlock_debug_owned(l);
}

/**
 * Releases a lock taken with spinlock_lock_raw() by this CPU; leaves interrupts as they
 * are. O(1).
 */
static inline void spinlock_unlock_raw(spinlock_t *l)
{
    if (KERNEL_DEBUG)
        spinlock_debug_release(l);
    __atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
}

/**
 * Disables interrupts and takes the lock; any context (interrupt handlers included).
 * Taking a lock this CPU holds deadlocks (debug builds panic). Never sleeps; never hold
 * it across a sleep. Complexity: O(1) plus waiting.
 */
static inline void spinlock_lock(spinlock_t *l)
{
    uint64_t flags = cpu_flags();
    cpu_cli();
    spinlock_lock_raw(l);
    l->saved_flags = flags;
}

/**
 * Takes the lock only if it is free at once; returns true if taken (interrupts then off
 * until spinlock_unlock), false with the interrupt flag restored. Any context. O(1).
 */
static inline bool spinlock_try(spinlock_t *l)
{
    uint64_t flags = cpu_flags();
    cpu_cli();
    uint32_t o = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
    uint32_t expect = o;
    if (__atomic_load_n(&l->next, __ATOMIC_RELAXED) == o &&
        __atomic_compare_exchange_n(&l->next, &expect, o + 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
        if (KERNEL_DEBUG)
            spinlock_debug_owned(l);
        l->saved_flags = flags;
        return true;
    }
    if (flags & CPU_FLAG_IF)
        cpu_sti();
    return false;
}

/**
 * Releases the lock and restores the interrupt flag saved by the lock call. Locking: held
 * by this CPU; nested locks must be released in reverse order, or the flag is restored
 * too early. O(1).
 */
/**
 * Turns interrupts back on, first switching away if a wake-up asked this CPU to
 * reschedule while they were off (sched.c; a preemption point without a self-IPI).
 * Locking: interrupts off, no spinlock held. O(1) unless it switches.
 */
void sched_irqs_on(void);

static inline void spinlock_unlock(spinlock_t *l)
{
    uint64_t flags = l->saved_flags;
    spinlock_unlock_raw(l);
    if (flags & CPU_FLAG_IF)
        sched_irqs_on(); /* a preemption point: a wake-up under the lock may be pending */
}

/** True if the calling CPU holds l (debug builds; always true otherwise). Locking: none. O(1). */
bool spinlock_is_held(const spinlock_t *l);

#endif
