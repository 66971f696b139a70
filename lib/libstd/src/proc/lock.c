/*
 * lock.c - libstd's futex mutex (internal/lock.h), the classic three-state design:
 * 0 free, 1 held, 2 held with possible waiters. A locker that finds it held marks it
 * 2 and sleeps in FUTEX_WAIT; an unlocker that sees 2 wakes one sleeper, which then
 * takes the lock in state 2 (it cannot know whether others still wait).
 */
#include <stdbool.h>
#include <sys/proc.h>
#include "internal/lock.h"
#include "internal/syscall.h"

void _std_lock(std_lock_t *lock)
{
    uint32_t state = 0;
    if (__atomic_compare_exchange_n(&lock->state, &state, 1, false, __ATOMIC_ACQUIRE,
                                    __ATOMIC_RELAXED))
        return;
    if (state != 2)
        state = __atomic_exchange_n(&lock->state, 2, __ATOMIC_ACQUIRE);
    while (state != 0) {
        /* Raw call: a lock must not disturb errno; EAGAIN and EINTR just retry. */
        _sys_futex(_SYS_PTR(&lock->state), 2, FUTEX_WAIT, FUTEX_FOREVER);
        state = __atomic_exchange_n(&lock->state, 2, __ATOMIC_ACQUIRE);
    }
}

int _std_trylock(std_lock_t *lock)
{
    uint32_t state = 0;
    return __atomic_compare_exchange_n(&lock->state, &state, 1, false, __ATOMIC_ACQUIRE,
                                       __ATOMIC_RELAXED);
}

void _std_unlock(std_lock_t *lock)
{
    if (__atomic_exchange_n(&lock->state, 0, __ATOMIC_RELEASE) == 2)
        _sys_futex(_SYS_PTR(&lock->state), 1, FUTEX_WAKE, 0);
}
