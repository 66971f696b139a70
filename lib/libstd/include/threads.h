/*
 * threads.h - C11 threads (src/threads/): threads on thread_create(), and mutexes,
 * condition variables and call_once on futex() (sys/proc.h). Times are absolute
 * TIME_UTC times (timespec_get() of time.h), as C11 says.
 *
 * A thrd_t is a pointer to a small malloc()ed record holding the thread's result and
 * state; it is freed by whoever comes last of the thread's end and its join or detach.
 * Thread-specific storage lives in each thread's control block: at most TSS_MAX keys
 * per process, never reused after tss_delete(); destructors run when a thread made
 * with thrd_create() ends or any thread calls thrd_exit(), up to
 * TSS_DTOR_ITERATIONS rounds. There is no thread_local: programs have no ELF TLS
 * block (use tss_*).
 */
#ifndef LIBSTD_THREADS_H
#define LIBSTD_THREADS_H

#include <stdint.h>
#include <time.h>

#define TSS_MAX 64
#define TSS_DTOR_ITERATIONS 4
#define ONCE_FLAG_INIT { 0 }

/** Results of the thrd_, mtx_ and cnd_ calls. */
enum { thrd_success = 0, thrd_busy = 1, thrd_error = 2, thrd_nomem = 3, thrd_timedout = 4 };

/** Mutex types for mtx_init(): plain or timed, optionally | recursive. */
enum { mtx_plain = 0, mtx_recursive = 1, mtx_timed = 2 };

/** A thread (the record of thrd.c). */
typedef struct std_thrd *thrd_t;
/** A thread's entry function. */
typedef int (*thrd_start_t)(void *);

/** A mutex. Zero-filled is not a valid mutex: use mtx_init(). */
typedef struct {
    uint32_t state;    /**< atomic: 0 free, 1 held, 2 held and maybe waited on */
    int type;          /**< immutable: mtx_* */
    void *owner;       /**< atomic: holder's control block (recursive mutexes) */
    unsigned count;    /**< owner only: times the holder took it */
} mtx_t;

/** A condition variable: a sequence number waiters sleep on. */
typedef struct {
    uint32_t seq;      /**< atomic: bumped by every signal and broadcast */
} cnd_t;

/** A thread-specific storage key. */
typedef unsigned tss_t;
/** A tss destructor. */
typedef void (*tss_dtor_t)(void *);

/** A call_once() flag; initialise with ONCE_FLAG_INIT. */
typedef struct {
    uint32_t state;    /**< atomic: 0 not run, 1 running, 2 done */
} once_flag;

/**
 * Start a thread running @fn(@arg); its return value is what thrd_join() gets.
 * @return thrd_success with *@thr set, thrd_nomem (no memory for the record or stack),
 * or thrd_error.
 */
int thrd_create(thrd_t *thr, thrd_start_t fn, void *arg);

/**
 * Wait until @thr ends, store its result in *@res (if not NULL) and free its record.
 * @return thrd_success, or thrd_error if @thr is detached or already joined (when it
 * can tell: a freed record cannot be checked).
 */
int thrd_join(thrd_t thr, int *res);

/** Let @thr's record be freed when it ends; it cannot be joined. @return thrd_success or thrd_error. */
int thrd_detach(thrd_t thr);

/**
 * End the calling thread with @res as its result, after running the tss destructors.
 * The process ends when its last thread does. Never returns.
 */
_Noreturn void thrd_exit(int res);

/** The calling thread (the main thread gets a record on first use). */
thrd_t thrd_current(void);

/** Nonzero if @a and @b are the same thread. */
int thrd_equal(thrd_t a, thrd_t b);

/**
 * Sleep for at least *@duration.
 * @return 0; -1 if a note interrupted it (the time left goes to *@remaining if not
 * NULL); -2 if *@duration is invalid (tv_nsec out of range or negative time).
 */
int thrd_sleep(const struct timespec *duration, struct timespec *remaining);

/** Let another thread run. */
void thrd_yield(void);

/** Initialise @m as @type (mtx_plain or mtx_timed, optionally | mtx_recursive). @return thrd_success or thrd_error. */
int mtx_init(mtx_t *m, int type);

/**
 * Take @m, sleeping while another thread holds it; a recursive mutex may be taken
 * again by its holder (released as many times). Taking a non-recursive mutex twice
 * deadlocks. @return thrd_success, or thrd_error (the count of a recursive one overflows).
 */
int mtx_lock(mtx_t *m);

/**
 * mtx_lock() giving up at the absolute TIME_UTC time *@ts.
 * @return thrd_success, thrd_timedout, or thrd_error (@m not mtx_timed, bad @ts).
 */
int mtx_timedlock(mtx_t *restrict m, const struct timespec *restrict ts);

/** Take @m if free (or held by us, if recursive). @return thrd_success or thrd_busy. */
int mtx_trylock(mtx_t *m);

/** Release @m (held by the caller). @return thrd_success. */
int mtx_unlock(mtx_t *m);

/** Nothing to free: a mutex owns no resource. */
void mtx_destroy(mtx_t *m);

/** Initialise @c. @return thrd_success. */
int cnd_init(cnd_t *c);

/** Wake at least one thread waiting on @c (if any). @return thrd_success. */
int cnd_signal(cnd_t *c);

/** Wake every thread waiting on @c. @return thrd_success. */
int cnd_broadcast(cnd_t *c);

/**
 * Release @m (held once by the caller), sleep until @c is signalled, take @m again.
 * May wake spuriously: re-check the condition in a loop. @return thrd_success.
 */
int cnd_wait(cnd_t *c, mtx_t *m);

/**
 * cnd_wait() giving up at the absolute TIME_UTC time *@ts (@m is held again either way).
 * @return thrd_success, thrd_timedout, or thrd_error (bad @ts).
 */
int cnd_timedwait(cnd_t *restrict c, mtx_t *restrict m, const struct timespec *restrict ts);

/** Nothing to free. */
void cnd_destroy(cnd_t *c);

/**
 * A new key whose value is NULL in every thread, with destructor @dtor (may be NULL).
 * @return thrd_success, or thrd_error when TSS_MAX keys have been made.
 */
int tss_create(tss_t *key, tss_dtor_t dtor);

/** The calling thread's value for @key (NULL for an invalid key). */
void *tss_get(tss_t key);

/** Set the calling thread's value for @key. @return thrd_success, or thrd_error (bad key). */
int tss_set(tss_t key, void *value);

/** Retire @key: its destructor no longer runs (values are not freed). */
void tss_delete(tss_t key);

/**
 * Run @fn exactly once for @flag, however many threads call this; all return only
 * after it has finished.
 */
void call_once(once_flag *flag, void (*fn)(void));

#endif
