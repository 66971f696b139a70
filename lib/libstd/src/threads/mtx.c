/*
 * mtx.c - C11 mutexes, condition variables and call_once (threads.h) on futex().
 * A mutex is the three-state futex lock of src/proc/lock.c (0 free, 1 held, 2 held
 * with possible waiters) plus an owner and count for recursive ones. A condition
 * variable is a sequence number: a waiter reads it, releases the mutex and sleeps
 * unless it changed, so a signal between the release and the sleep is never lost.
 * Deadlines are absolute TIME_UTC times, turned into the relative timeouts futex()
 * takes just before each sleep.
 */
#include <errno.h>
#include <stdbool.h>
#include <sys/proc.h>
#include <threads.h>
#include "internal/tcb.h"

/* Nanoseconds left until the TIME_UTC deadline @ts: 0 if passed, -1 if @ts is invalid. */
static int64_t ns_until(const struct timespec *ts)
{
    if (ts->tv_nsec < 0 || ts->tv_nsec >= (long)NS_PER_SEC || ts->tv_sec < 0)
        return -1;
    uint64_t deadline = (uint64_t)ts->tv_sec * NS_PER_SEC + (uint64_t)ts->tv_nsec, now = epoch();
    return deadline > now ? (int64_t)(deadline - now) : 0;
}

int mtx_init(mtx_t *m, int type)
{
    if ((type & ~(mtx_recursive | mtx_timed)) != 0)
        return thrd_error;
    *m = (mtx_t){ .type = type };
    return thrd_success;
}

void mtx_destroy(mtx_t *m)
{
    (void)m;
}

/* For a recursive mutex held by the caller: count once more. */
static bool relock_own(mtx_t *m, int *rc)
{
    if (!(m->type & mtx_recursive) || __atomic_load_n(&m->owner, __ATOMIC_RELAXED) != _std_tcb())
        return false;
    *rc = m->count == ~0u ? thrd_error : thrd_success;
    m->count += *rc == thrd_success;
    return true;
}

static int took(mtx_t *m)
{
    __atomic_store_n(&m->owner, _std_tcb(), __ATOMIC_RELAXED);
    m->count = 1;
    return thrd_success;
}

/* Take the futex word; @ts NULL waits forever. */
static int lock_word(mtx_t *m, const struct timespec *ts)
{
    uint32_t s = 0;
    if (__atomic_compare_exchange_n(&m->state, &s, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return took(m);
    if (s != 2)
        s = __atomic_exchange_n(&m->state, 2, __ATOMIC_ACQUIRE);
    while (s != 0) {
        int64_t left = ts != NULL ? ns_until(ts) : 0;
        if (left < 0)
            return thrd_error;
        if (ts != NULL && left == 0)
            return thrd_timedout;
        futex(&m->state, 2, FUTEX_WAIT, ts != NULL ? (uint64_t)left : FUTEX_FOREVER);
        s = __atomic_exchange_n(&m->state, 2, __ATOMIC_ACQUIRE);
    }
    return took(m);
}

int mtx_lock(mtx_t *m)
{
    int rc;
    if (relock_own(m, &rc))
        return rc;
    return lock_word(m, NULL);
}

int mtx_timedlock(mtx_t *restrict m, const struct timespec *restrict ts)
{
    int rc;
    if (!(m->type & mtx_timed))
        return thrd_error;
    if (relock_own(m, &rc))
        return rc;
    return lock_word(m, ts);
}

int mtx_trylock(mtx_t *m)
{
    int rc;
    if (relock_own(m, &rc))
        return rc;
    uint32_t s = 0;
    if (__atomic_compare_exchange_n(&m->state, &s, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return took(m);
    return thrd_busy;
}

int mtx_unlock(mtx_t *m)
{
    if (--m->count > 0)
        return thrd_success;
    __atomic_store_n(&m->owner, NULL, __ATOMIC_RELAXED);
    if (__atomic_exchange_n(&m->state, 0, __ATOMIC_RELEASE) == 2)
        futex(&m->state, 1, FUTEX_WAKE, 0);
    return thrd_success;
}

int cnd_init(cnd_t *c)
{
    c->seq = 0;
    return thrd_success;
}

void cnd_destroy(cnd_t *c)
{
    (void)c;
}

int cnd_signal(cnd_t *c)
{
    __atomic_add_fetch(&c->seq, 1, __ATOMIC_RELEASE);
    futex(&c->seq, 1, FUTEX_WAKE, 0);
    return thrd_success;
}

int cnd_broadcast(cnd_t *c)
{
    __atomic_add_fetch(&c->seq, 1, __ATOMIC_RELEASE);
    futex(&c->seq, 0x7fffffff, FUTEX_WAKE, 0);
    return thrd_success;
}

/* Wait on @c with @m released; @ts NULL waits forever. */
static int cnd_wait_until(cnd_t *c, mtx_t *m, const struct timespec *ts)
{
    int64_t left = ts != NULL ? ns_until(ts) : 0;
    if (left < 0)
        return thrd_error;
    if (ts != NULL && left == 0)
        return thrd_timedout;
    uint32_t seq = __atomic_load_n(&c->seq, __ATOMIC_ACQUIRE);
    unsigned count = m->count;
    m->count = 1; /* a recursive mutex is released whole and taken back as deep */
    mtx_unlock(m);
    int saved = errno;
    int64_t r = futex(&c->seq, seq, FUTEX_WAIT, ts != NULL ? (uint64_t)left : FUTEX_FOREVER);
    int timed_out = r == ERR && errno == ETIMEDOUT;
    errno = saved;
    lock_word(m, NULL);
    m->count = count;
    return timed_out ? thrd_timedout : thrd_success;
}

int cnd_wait(cnd_t *c, mtx_t *m)
{
    return cnd_wait_until(c, m, NULL);
}

int cnd_timedwait(cnd_t *restrict c, mtx_t *restrict m, const struct timespec *restrict ts)
{
    return cnd_wait_until(c, m, ts);
}

void call_once(once_flag *flag, void (*fn)(void))
{
    uint32_t s = 0;
    if (__atomic_compare_exchange_n(&flag->state, &s, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)) {
        fn();
        __atomic_store_n(&flag->state, 2, __ATOMIC_RELEASE);
        futex(&flag->state, 0x7fffffff, FUTEX_WAKE, 0);
        return;
    }
    while ((s = __atomic_load_n(&flag->state, __ATOMIC_ACQUIRE)) != 2)
        futex(&flag->state, 1, FUTEX_WAIT, FUTEX_FOREVER);
}
