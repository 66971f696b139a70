/*
 * tss.c - thread-specific storage (threads.h): a process-wide table of keys and their
 * destructors, and per-thread values in each thread's control block (internal/tcb.h).
 * Keys are handed out once and never reused, so a stale value of a deleted key can
 * never be mistaken for a new key's.
 */
#include <threads.h>
#include "internal/lock.h"
#include "internal/tcb.h"

_Static_assert(TSS_MAX == STD_TSS_MAX, "threads.h and tcb.h disagree on TSS_MAX");

static std_lock_t tss_lock = STD_LOCK_INIT;
static unsigned tss_next;                 /* tss_lock: the next key to hand out */
static tss_dtor_t tss_dtors[TSS_MAX];     /* atomic: destructor of each live key */
static uint8_t tss_live[TSS_MAX];         /* atomic: 1 while the key exists */

int tss_create(tss_t *key, tss_dtor_t dtor)
{
    _std_lock(&tss_lock);
    int rc = thrd_error;
    if (tss_next < TSS_MAX) {
        *key = tss_next++;
        __atomic_store_n(&tss_dtors[*key], dtor, __ATOMIC_RELAXED);
        __atomic_store_n(&tss_live[*key], 1, __ATOMIC_RELEASE);
        rc = thrd_success;
    }
    _std_unlock(&tss_lock);
    return rc;
}

void tss_delete(tss_t key)
{
    if (key < TSS_MAX)
        __atomic_store_n(&tss_live[key], 0, __ATOMIC_RELEASE);
}

void *tss_get(tss_t key)
{
    return key < TSS_MAX ? _std_tcb()->tss[key] : NULL;
}

int tss_set(tss_t key, void *value)
{
    if (key >= TSS_MAX || !__atomic_load_n(&tss_live[key], __ATOMIC_ACQUIRE))
        return thrd_error;
    _std_tcb()->tss[key] = value;
    return thrd_success;
}

/* Called by thrd_exit(): C's rounds of destructor calls for non-NULL values. */
void _std_tss_run_destructors(void);
void _std_tss_run_destructors(void)
{
    std_tcb_t *tcb = _std_tcb();
    for (int round = 0; round < TSS_DTOR_ITERATIONS; round++) {
        int ran = 0;
        for (unsigned k = 0; k < TSS_MAX; k++) {
            void *v = tcb->tss[k];
            tss_dtor_t d = __atomic_load_n(&tss_dtors[k], __ATOMIC_RELAXED);
            if (v == NULL || d == NULL || !__atomic_load_n(&tss_live[k], __ATOMIC_ACQUIRE))
                continue;
            tcb->tss[k] = NULL;
            d(v);
            ran = 1;
        }
        if (!ran)
            return;
    }
}
