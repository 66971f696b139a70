/*
 * thrd.c - C11 threads (threads.h) on thread_create(). Each thread has a record with
 * its entry, result and a state word that joiner and detacher meet on with futex():
 * RUNNING until the thread ends (DONE) or is detached (DETACHED); whichever side
 * comes second frees the record. The calling thread's record hangs off its control
 * block, so thrd_current() is one load.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/proc.h>
#include <threads.h>
#include "internal/tcb.h"

enum { THRD_RUNNING = 0, THRD_DETACHED = 1, THRD_DONE = 2 };

struct std_thrd {
    thrd_start_t fn;   /* immutable */
    void *arg;         /* immutable */
    int result;        /* written by the thread before state becomes DONE */
    uint32_t state;    /* atomic: THRD_* */
};

void _std_tss_run_destructors(void);

static void thrd_entry(void *p)
{
    struct std_thrd *t = p;
    _std_tcb()->thrd = t;
    thrd_exit(t->fn(t->arg));
}

int thrd_create(thrd_t *thr, thrd_start_t fn, void *arg)
{
    struct std_thrd *t = malloc(sizeof(*t));
    if (t == NULL)
        return thrd_nomem;
    *t = (struct std_thrd){ .fn = fn, .arg = arg, .state = THRD_RUNNING };
    if (thread_create(thrd_entry, t) == ERR) {
        int err = errno;
        free(t);
        return err == ENOMEM ? thrd_nomem : thrd_error;
    }
    *thr = t;
    return thrd_success;
}

thrd_t thrd_current(void)
{
    std_tcb_t *tcb = _std_tcb();
    if (tcb->thrd == NULL) { /* the main thread, or one made with thread_create() */
        struct std_thrd *t = calloc(1, sizeof(*t));
        if (t == NULL)
            return NULL;
        tcb->thrd = t;
    }
    return tcb->thrd;
}

int thrd_equal(thrd_t a, thrd_t b)
{
    return a == b;
}

_Noreturn void thrd_exit(int res)
{
    _std_tss_run_destructors();
    struct std_thrd *t = _std_tcb()->thrd;
    if (t != NULL) {
        t->result = res;
        uint32_t was = __atomic_exchange_n(&t->state, THRD_DONE, __ATOMIC_ACQ_REL);
        if (was == THRD_DETACHED)
            free(t);
        else
            futex(&t->state, 0x7fffffff, FUTEX_WAKE, 0);
    }
    thread_exit();
}

int thrd_join(thrd_t thr, int *res)
{
    uint32_t s;
    while ((s = __atomic_load_n(&thr->state, __ATOMIC_ACQUIRE)) == THRD_RUNNING)
        futex(&thr->state, THRD_RUNNING, FUTEX_WAIT, FUTEX_FOREVER);
    if (s != THRD_DONE)
        return thrd_error;
    if (res != NULL)
        *res = thr->result;
    free(thr);
    return thrd_success;
}

int thrd_detach(thrd_t thr)
{
    uint32_t expected = THRD_RUNNING;
    if (__atomic_compare_exchange_n(&thr->state, &expected, THRD_DETACHED, false,
                                    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        return thrd_success;
    if (expected != THRD_DONE)
        return thrd_error;
    free(thr); /* it ended already: nobody else will */
    return thrd_success;
}

int thrd_sleep(const struct timespec *duration, struct timespec *remaining)
{
    if (duration->tv_sec < 0 || duration->tv_nsec < 0 || duration->tv_nsec >= (long)NS_PER_SEC)
        return -2;
    uint64_t ns = (uint64_t)duration->tv_sec * NS_PER_SEC + (uint64_t)duration->tv_nsec;
    uint64_t start = uptime();
    if (sleep(ns) == 0)
        return 0;
    if (remaining != NULL) {
        uint64_t spent = uptime() - start, left = spent < ns ? ns - spent : 0;
        *remaining = (struct timespec){ (time_t)(left / NS_PER_SEC), (long)(left % NS_PER_SEC) };
    }
    return -1;
}

void thrd_yield(void)
{
    yield();
}
