/*
 * lock.h - libstd's internal mutex: a 32-bit word and the futex() system call
 * (src/proc/lock.c). Uncontended lock and unlock are one atomic instruction each; a
 * contended lock sleeps in FUTEX_WAIT. Not recursive. Used by malloc and atexit.
 */
#ifndef LIBSTD_INTERNAL_LOCK_H
#define LIBSTD_INTERNAL_LOCK_H

#include <stdint.h>

/** A lock; zero-initialised means unlocked. */
typedef struct std_lock {
    uint32_t state; /**< atomic: 0 free, 1 held, 2 held and maybe waited on */
} std_lock_t;

#define STD_LOCK_INIT { 0 }

/** Take @lock, sleeping while another thread holds it. */
void _std_lock(std_lock_t *lock);

/** Take @lock if it is free. @return 1 if taken, 0 if another thread holds it. */
int _std_trylock(std_lock_t *lock);

/** Release @lock (held by the caller) and wake one waiter if there may be one. */
void _std_unlock(std_lock_t *lock);

#endif
