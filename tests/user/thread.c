/*
 * thread.c - the user-space suite `thread`: thread_create and joining on a futex word,
 * a hundred threads at once, thread ids, per-thread errno, thread_exit (and returning
 * from the entry) freeing the thread's stack, SIMD state across switches, a futex
 * mutex under contention, FUTEX_WAKE of blocked waiters, strict futex ping-pong, and
 * thread_create's argument checks through the raw call. Every wait has a time limit,
 * so a lost wake-up fails a case instead of hanging the suite. Run by init in test
 * mode (programs/init); the harness is tests/user/utest.h.
 */
#include <abi/syscall.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define KERNEL_PTR 0xffffffff80000000ull
#define WAIT_LIMIT (20 * NS_PER_SEC)

/* The raw system call @n: the kernel's result (>= 0 or -errno); errno is untouched. */
static int64_t raw_syscall(uint64_t n, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
    register uint64_t r10 __asm__("r10") = a4;
    __asm__ volatile("syscall"
                     : "+a"(n), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10)
                     :
                     : "rcx", "r11", "r8", "r9", "memory");
    return (int64_t)n;
}

/* futex() without errno, so waiting never disturbs what a case checks about errno. */
static int64_t raw_futex(uint32_t *w, uint32_t val, int op, uint64_t timeout)
{
    return raw_syscall(SYS_futex, (uint64_t)(uintptr_t)w, val, (uint64_t)op, timeout);
}

/* Store @v into *@w and wake every waiter. */
static void word_set(uint32_t *w, uint32_t v)
{
    __atomic_store_n(w, v, __ATOMIC_RELEASE);
    raw_futex(w, INT_MAX, FUTEX_WAKE, 0);
}

/* Add one to *@w and wake every waiter. */
static void word_inc(uint32_t *w)
{
    __atomic_fetch_add(w, 1, __ATOMIC_ACQ_REL);
    raw_futex(w, INT_MAX, FUTEX_WAKE, 0);
}

/* Wait until *@w >= @want, at most @limit ns. */
static bool word_wait(uint32_t *w, uint32_t want, uint64_t limit)
{
    uint64_t deadline = uptime() + limit;
    uint32_t v;
    while ((v = __atomic_load_n(w, __ATOMIC_ACQUIRE)) < want) {
        if (uptime() > deadline)
            return false;
        raw_futex(w, v, FUTEX_WAIT, 50 * NS_PER_MS);
    }
    return true;
}

/* ---------------------------------------------------------------- create, join, ids */

typedef struct basic {
    uint32_t done;
    int arg_ok;
    tid_t tid;
    pid_t pid;
    uintptr_t frame;
} basic_t;

/* The frame address of a function: 16-byte aligned when the caller's stack was. */
static __attribute__((noinline)) uintptr_t frame_address(void)
{
    uintptr_t f = (uintptr_t)__builtin_frame_address(0);
    __asm__ volatile("" : "+r"(f)); /* no assumptions about its value */
    return f;
}

static basic_t basic;

static void basic_thread(void *arg)
{
    basic_t *b = arg;
    b->arg_ok = (b == &basic);
    b->tid = gettid();
    b->pid = getpid();
    b->frame = frame_address();
    word_set(&b->done, 1);
}

UTEST(create_and_join)
{
    UTEST_ASSERT_EQ(frame_address() % 16, 0); /* the measure works on the main thread */
    basic = (basic_t){ 0 };
    tid_t t = thread_create(basic_thread, &basic);
    UTEST_ASSERT(t > 0);
    UTEST_ASSERT(t != gettid());
    UTEST_ASSERT(word_wait(&basic.done, 1, WAIT_LIMIT));
    UTEST_ASSERT_EQ(basic.arg_ok, 1);
    UTEST_ASSERT_EQ(basic.tid, t);
    UTEST_ASSERT_EQ(basic.pid, getpid());
    UTEST_ASSERT_EQ(basic.frame % 16, 0); /* the new stack follows the ABI */
}

#define HUNDRED 100
static uint32_t hundred_count, hundred_finished;

static void hundred_thread(void *arg)
{
    (void)arg;
    __atomic_fetch_add(&hundred_count, 1, __ATOMIC_SEQ_CST);
    word_inc(&hundred_finished);
}

UTEST(hundred_threads_counter)
{
    hundred_count = hundred_finished = 0;
    int created = 0;
    for (int i = 0; i < HUNDRED; i++) {
        if (thread_create(hundred_thread, NULL) == ERR) {
            int e = errno;
            word_wait(&hundred_finished, (uint32_t)created, WAIT_LIMIT);
            UTEST_FAIL("thread %d: thread_create failed, errno %d", i, e);
            return;
        }
        created++;
    }
    UTEST_ASSERT(word_wait(&hundred_finished, HUNDRED, 2 * WAIT_LIMIT));
    UTEST_ASSERT_EQ(__atomic_load_n(&hundred_count, __ATOMIC_SEQ_CST), HUNDRED);
    sleep(10 * NS_PER_MS);
    UTEST_ASSERT_EQ(__atomic_load_n(&hundred_finished, __ATOMIC_SEQ_CST), HUNDRED);
}

#define IDS 8
static struct {
    tid_t tid;
    pid_t pid;
} ids_seen[IDS];
static uint32_t ids_go, ids_done;

static void ids_thread(void *arg)
{
    int i = (int)(intptr_t)arg;
    word_wait(&ids_go, 1, WAIT_LIMIT); /* all alive at once */
    ids_seen[i].tid = gettid();
    ids_seen[i].pid = getpid();
    word_inc(&ids_done);
}

UTEST(distinct_tids)
{
    tid_t made[IDS];
    ids_go = ids_done = 0;
    memset(ids_seen, 0, sizeof(ids_seen));
    for (int i = 0; i < IDS; i++) {
        made[i] = thread_create(ids_thread, (void *)(intptr_t)i);
        if (made[i] == ERR) {
            word_set(&ids_go, 1);
            word_wait(&ids_done, (uint32_t)i, WAIT_LIMIT);
            UTEST_FAIL("thread %d: thread_create failed, errno %d", i, errno);
            return;
        }
    }
    word_set(&ids_go, 1);
    UTEST_ASSERT(word_wait(&ids_done, IDS, WAIT_LIMIT));
    tid_t self = gettid();
    for (int i = 0; i < IDS; i++) {
        UTEST_ASSERT_EQ(ids_seen[i].tid, made[i]);
        UTEST_ASSERT_EQ(ids_seen[i].pid, getpid());
        UTEST_ASSERT(made[i] > 0 && made[i] != self);
        for (int j = 0; j < i; j++)
            UTEST_ASSERT(made[i] != made[j]);
    }
}

UTEST(sequential_threads)
{
    for (int i = 0; i < 50; i++) {
        basic = (basic_t){ 0 };
        tid_t t = thread_create(basic_thread, &basic);
        if (t == ERR) {
            UTEST_FAIL("round %d: thread_create failed, errno %d", i, errno);
            return;
        }
        if (!word_wait(&basic.done, 1, WAIT_LIMIT)) {
            UTEST_FAIL("round %d: thread %lld never ran", i, (long long)t);
            return;
        }
        UTEST_ASSERT_EQ(basic.tid, t);
    }
}

/* ---------------------------------------------------------------- errno */

static uint32_t errno_phase, errno_done;
static int errno_at_start, errno_after, errno_thread_bad;

static void errno_thread(void *arg)
{
    (void)arg;
    errno_at_start = errno;
    word_wait(&errno_phase, 1, WAIT_LIMIT);
    errno_after = open("home:/usr/thread_no_such_file") == ERR ? errno : -1;
    word_inc(&errno_done);
    /* phase 2: fail over and over while the main thread does the same */
    word_wait(&errno_phase, 2, WAIT_LIMIT);
    int bad = 0;
    for (int i = 0; i < 500; i++) {
        if (open("home:/usr/thread_no_such_file") != ERR || errno != ENOENT)
            bad++;
        if (i % 50 == 0)
            yield();
    }
    errno_thread_bad = bad;
    word_inc(&errno_done);
}

UTEST(errno_per_thread)
{
    errno_phase = errno_done = 0;
    errno_at_start = errno_after = -1;
    errno = EPERM;
    UTEST_ASSERT(thread_create(errno_thread, NULL) > 0);
    word_set(&errno_phase, 1);
    UTEST_ASSERT(word_wait(&errno_done, 1, WAIT_LIMIT));
    UTEST_ASSERT_EQ(errno, EPERM);        /* the thread's failure did not touch ours */
    UTEST_ASSERT_EQ(errno_at_start, 0);   /* a new thread starts at 0 */
    UTEST_ASSERT_EQ(errno_after, ENOENT);
    word_set(&errno_phase, 2);
    int bad = 0;
    char c;
    for (int i = 0; i < 500; i++) {
        if (read(-1, &c, 1) != ERR || errno != EBADF)
            bad++;
        if (i % 50 == 0)
            yield();
    }
    UTEST_ASSERT(word_wait(&errno_done, 2, WAIT_LIMIT));
    UTEST_ASSERT_EQ(bad, 0);
    UTEST_ASSERT_EQ(errno_thread_bad, 0);
    UTEST_ASSERT_EQ(errno, EBADF);
}

/* ---------------------------------------------------------------- thread_exit */

static uint32_t exit_ready;
static volatile uintptr_t exit_stack_addr;

static void exit_thread(void *arg)
{
    volatile uint32_t local = 0x1234;
    exit_stack_addr = (uintptr_t)&local;
    word_set(&exit_ready, 1);
    if (arg != NULL)
        thread_exit();
    local = 0; /* returning from the entry is thread_exit() too */
}

/* Wait until the page of @addr is unmapped (futex on it gives EFAULT). */
static bool wait_unmapped(uintptr_t addr, uint64_t limit)
{
    uint64_t deadline = uptime() + limit;
    while (raw_futex((uint32_t *)(addr & ~3ull), 1, FUTEX_WAKE, 0) == 0) {
        if (uptime() > deadline)
            return false;
        sleep(NS_PER_MS);
    }
    return raw_futex((uint32_t *)(addr & ~3ull), 1, FUTEX_WAKE, 0) == -EFAULT;
}

UTEST(thread_exit_frees_stack)
{
    exit_ready = 0;
    exit_stack_addr = 0;
    tid_t t = thread_create(exit_thread, (void *)1);
    UTEST_ASSERT(t > 0);
    UTEST_ASSERT(word_wait(&exit_ready, 1, WAIT_LIMIT));
    uintptr_t addr = exit_stack_addr;
    UTEST_ASSERT(addr != 0);
    UTEST_ASSERT(wait_unmapped(addr, WAIT_LIMIT));
    /* and the process goes on: a new thread still works */
    basic = (basic_t){ 0 };
    UTEST_ASSERT(thread_create(basic_thread, &basic) > 0);
    UTEST_ASSERT(word_wait(&basic.done, 1, WAIT_LIMIT));
}

UTEST(return_from_entry_frees_stack)
{
    exit_ready = 0;
    exit_stack_addr = 0;
    UTEST_ASSERT(thread_create(exit_thread, NULL) > 0);
    UTEST_ASSERT(word_wait(&exit_ready, 1, WAIT_LIMIT));
    uintptr_t addr = exit_stack_addr;
    UTEST_ASSERT(addr != 0);
    UTEST_ASSERT(wait_unmapped(addr, WAIT_LIMIT));
}

/* ---------------------------------------------------------------- SIMD */

#define SIMD_THREADS 3
#define SIMD_YIELDS 100

/*
 * Load xmm0-xmm15 and MXCSR with a pattern of @k's, yield @yields times, store them
 * back, all in one asm statement so the compiler cannot use the registers in between.
 * Returns 0 if all came back, else a bit mask: 1 xmm, 2 MXCSR.
 */
static int simd_run(unsigned k, int yields)
{
    unsigned char in[256] __attribute__((aligned(16)));
    unsigned char out[256] __attribute__((aligned(16)));
    uint32_t mx_in = 0x1f80u | ((k & 3u) << 13), mx_out = 0, mx_default = 0x1f80u;
    for (int i = 0; i < 256; i++)
        in[i] = (unsigned char)(i * 7 + k * 101 + 1);
    memset(out, 0, sizeof(out));
    __asm__ volatile("ldmxcsr %[mxin]\n\t"
                     "movdqu 0(%[in]), %%xmm0\n\t"
                     "movdqu 16(%[in]), %%xmm1\n\t"
                     "movdqu 32(%[in]), %%xmm2\n\t"
                     "movdqu 48(%[in]), %%xmm3\n\t"
                     "movdqu 64(%[in]), %%xmm4\n\t"
                     "movdqu 80(%[in]), %%xmm5\n\t"
                     "movdqu 96(%[in]), %%xmm6\n\t"
                     "movdqu 112(%[in]), %%xmm7\n\t"
                     "movdqu 128(%[in]), %%xmm8\n\t"
                     "movdqu 144(%[in]), %%xmm9\n\t"
                     "movdqu 160(%[in]), %%xmm10\n\t"
                     "movdqu 176(%[in]), %%xmm11\n\t"
                     "movdqu 192(%[in]), %%xmm12\n\t"
                     "movdqu 208(%[in]), %%xmm13\n\t"
                     "movdqu 224(%[in]), %%xmm14\n\t"
                     "movdqu 240(%[in]), %%xmm15\n\t"
                     "1:\n\t"
                     "mov %[yield], %%eax\n\t"
                     "syscall\n\t"
                     "decl %[n]\n\t"
                     "jnz 1b\n\t"
                     "movdqu %%xmm0, 0(%[out])\n\t"
                     "movdqu %%xmm1, 16(%[out])\n\t"
                     "movdqu %%xmm2, 32(%[out])\n\t"
                     "movdqu %%xmm3, 48(%[out])\n\t"
                     "movdqu %%xmm4, 64(%[out])\n\t"
                     "movdqu %%xmm5, 80(%[out])\n\t"
                     "movdqu %%xmm6, 96(%[out])\n\t"
                     "movdqu %%xmm7, 112(%[out])\n\t"
                     "movdqu %%xmm8, 128(%[out])\n\t"
                     "movdqu %%xmm9, 144(%[out])\n\t"
                     "movdqu %%xmm10, 160(%[out])\n\t"
                     "movdqu %%xmm11, 176(%[out])\n\t"
                     "movdqu %%xmm12, 192(%[out])\n\t"
                     "movdqu %%xmm13, 208(%[out])\n\t"
                     "movdqu %%xmm14, 224(%[out])\n\t"
                     "movdqu %%xmm15, 240(%[out])\n\t"
                     "stmxcsr %[mxout]\n\t"
                     "ldmxcsr %[mxdef]\n\t"
                     : [n] "+r"(yields), [mxout] "=m"(mx_out)
                     : [in] "r"(in), [out] "r"(out), [mxin] "m"(mx_in), [mxdef] "m"(mx_default),
                       [yield] "i"(SYS_yield)
                     : "rax", "rcx", "r11", "rdi", "rsi", "rdx", "r10", "r8", "r9", "memory",
                       "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",
                       "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
    return (memcmp(in, out, sizeof(in)) != 0 ? 1 : 0) | (mx_out != mx_in ? 2 : 0);
}

static uint32_t simd_ready, simd_go, simd_done;
static int simd_result[SIMD_THREADS];

static void simd_thread(void *arg)
{
    unsigned k = (unsigned)(uintptr_t)arg;
    word_inc(&simd_ready);
    word_wait(&simd_go, 1, WAIT_LIMIT);
    int r = 0;
    for (int round = 0; round < 3; round++)
        r |= simd_run(k, SIMD_YIELDS);
    simd_result[k - 1] = r;
    word_inc(&simd_done);
}

UTEST(simd_survives_yield)
{
    simd_ready = simd_go = simd_done = 0;
    for (int i = 0; i < SIMD_THREADS; i++)
        simd_result[i] = -1;
    for (unsigned k = 1; k <= SIMD_THREADS; k++)
        UTEST_ASSERT(thread_create(simd_thread, (void *)(uintptr_t)k) > 0);
    UTEST_ASSERT(word_wait(&simd_ready, SIMD_THREADS, WAIT_LIMIT));
    word_set(&simd_go, 1);
    int mine = 0;
    for (int round = 0; round < 3; round++)
        mine |= simd_run(0, SIMD_YIELDS);
    UTEST_ASSERT(word_wait(&simd_done, SIMD_THREADS, 2 * WAIT_LIMIT));
    UTEST_ASSERT_EQ(mine, 0);
    for (int i = 0; i < SIMD_THREADS; i++)
        UTEST_ASSERT_EQ(simd_result[i], 0);
}

/* ---------------------------------------------------------------- a futex mutex */

/* The three-state futex mutex: 0 free, 1 held, 2 held and maybe waited for. */
typedef struct tlock {
    uint32_t state;
    int contended; /* lock calls that found it held */
    int timeouts;  /* waits that ran into their limit */
} tlock_t;

static void tlock_lock(tlock_t *l)
{
    uint32_t c = 0;
    if (__atomic_compare_exchange_n(&l->state, &c, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    __atomic_fetch_add(&l->contended, 1, __ATOMIC_RELAXED);
    if (c != 2)
        c = __atomic_exchange_n(&l->state, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        /* a limit, not FOREVER: a lost wake-up fails the case instead of hanging it */
        if (raw_futex(&l->state, 2, FUTEX_WAIT, 10 * NS_PER_SEC) == -ETIMEDOUT)
            __atomic_fetch_add(&l->timeouts, 1, __ATOMIC_RELAXED);
        c = __atomic_exchange_n(&l->state, 2, __ATOMIC_ACQUIRE);
    }
}

static void tlock_unlock(tlock_t *l)
{
    if (__atomic_exchange_n(&l->state, 0, __ATOMIC_RELEASE) == 2)
        raw_futex(&l->state, 1, FUTEX_WAKE, 0);
}

#define LOCK_THREADS 8
#define LOCK_ROUNDS 10000
static tlock_t counter_lock;
static unsigned long counter_plain; /* under counter_lock, deliberately not atomic */
static uint32_t lock_go, lock_done;

static void lock_thread(void *arg)
{
    (void)arg;
    word_wait(&lock_go, 1, WAIT_LIMIT);
    for (int i = 0; i < LOCK_ROUNDS; i++) {
        tlock_lock(&counter_lock);
        unsigned long v = counter_plain;
        if (i % 1000 == 0)
            yield(); /* holding the lock (from the very first round): the others pile up */
        counter_plain = v + 1;
        tlock_unlock(&counter_lock);
    }
    word_inc(&lock_done);
}

UTEST(mutex_contended)
{
    counter_lock = (tlock_t){ 0 };
    counter_plain = 0;
    lock_go = lock_done = 0;
    for (int i = 0; i < LOCK_THREADS; i++) {
        if (thread_create(lock_thread, NULL) == ERR) {
            int e = errno;
            word_set(&lock_go, 1);
            word_wait(&lock_done, (uint32_t)i, 2 * WAIT_LIMIT);
            UTEST_FAIL("thread %d: thread_create failed, errno %d", i, e);
            return;
        }
    }
    /* start them with the lock held, and let go once one is in the slow path (sleeping
     * in the kernel with state 2): the contended path runs whatever the scheduling */
    tlock_lock(&counter_lock);
    word_set(&lock_go, 1);
    uint64_t end = uptime() + WAIT_LIMIT;
    while (__atomic_load_n(&counter_lock.state, __ATOMIC_ACQUIRE) != 2 && uptime() < end)
        sleep(NS_PER_MS);
    tlock_unlock(&counter_lock);
    UTEST_ASSERT(word_wait(&lock_done, LOCK_THREADS, 2 * WAIT_LIMIT));
    UTEST_ASSERT_EQ(counter_plain, LOCK_THREADS * LOCK_ROUNDS);
    UTEST_ASSERT_EQ(counter_lock.state, 0);
    UTEST_ASSERT_EQ(counter_lock.timeouts, 0);
    UTEST_ASSERT(counter_lock.contended > 0); /* the slow path really ran */
}

/* ---------------------------------------------------------------- futex wake-ups */

static uint32_t wake_word, wake_ready, wake_done;
static int64_t wake_rc[4];

static void waiter_thread(void *arg)
{
    int i = (int)(intptr_t)arg;
    word_inc(&wake_ready);
    /* the word stays 0: only a FUTEX_WAKE ends this wait early */
    wake_rc[i] = raw_futex(&wake_word, 0, FUTEX_WAIT, WAIT_LIMIT);
    word_inc(&wake_done);
}

UTEST(futex_wake_blocked)
{
    wake_word = wake_ready = wake_done = 0;
    wake_rc[0] = 1;
    UTEST_ASSERT(thread_create(waiter_thread, (void *)0) > 0);
    UTEST_ASSERT(word_wait(&wake_ready, 1, WAIT_LIMIT));
    uint64_t deadline = uptime() + 5 * NS_PER_SEC;
    int64_t woken;
    while ((woken = futex(&wake_word, 1, FUTEX_WAKE, 0)) == 0) {
        UTEST_ASSERT(uptime() < deadline); /* it never got to block */
        sleep(NS_PER_MS);
    }
    UTEST_ASSERT_EQ(woken, 1);
    UTEST_ASSERT(word_wait(&wake_done, 1, WAIT_LIMIT));
    UTEST_ASSERT_EQ(wake_rc[0], 0); /* woken, not timed out or refused */
    UTEST_ASSERT_EQ(wake_word, 0);
    UTEST_ASSERT_EQ(futex(&wake_word, 1, FUTEX_WAKE, 0), 0); /* nobody left */
}

UTEST(futex_wake_count)
{
    wake_word = wake_ready = wake_done = 0;
    for (int i = 0; i < 4; i++) {
        wake_rc[i] = 1;
        UTEST_ASSERT(thread_create(waiter_thread, (void *)(intptr_t)i) > 0);
    }
    UTEST_ASSERT(word_wait(&wake_ready, 4, WAIT_LIMIT));
    uint64_t deadline = uptime() + 10 * NS_PER_SEC;
    int64_t total = 0;
    while (total < 4) {
        int64_t w = futex(&wake_word, 2, FUTEX_WAKE, 0);
        UTEST_ASSERT(w >= 0 && w <= 2); /* never more than asked for */
        total += w;
        UTEST_ASSERT(uptime() < deadline);
        if (total < 4)
            sleep(NS_PER_MS);
    }
    UTEST_ASSERT_EQ(total, 4);
    UTEST_ASSERT(word_wait(&wake_done, 4, WAIT_LIMIT));
    for (int i = 0; i < 4; i++)
        UTEST_ASSERT_EQ(wake_rc[i], 0);
    UTEST_ASSERT_EQ(futex(&wake_word, INT_MAX, FUTEX_WAKE, 0), 0);
}

#define PING_ROUNDS 500
static uint32_t ping_turn, ping_done;
static int ping_timeouts;

/* Take turns: wait until the turn is @me, pass it to the other side. */
static void ping_side(uint32_t me)
{
    for (int i = 0; i < PING_ROUNDS; i++) {
        uint32_t t;
        while ((t = __atomic_load_n(&ping_turn, __ATOMIC_ACQUIRE)) != me) {
            /* a lost wake-up shows as a 5 s timeout */
            if (raw_futex(&ping_turn, t, FUTEX_WAIT, 5 * NS_PER_SEC) == -ETIMEDOUT)
                __atomic_fetch_add(&ping_timeouts, 1, __ATOMIC_RELAXED);
        }
        word_set(&ping_turn, 1 - me);
    }
}

static void ping_thread(void *arg)
{
    (void)arg;
    ping_side(1);
    word_inc(&ping_done);
}

UTEST(futex_ping_pong)
{
    ping_turn = 0;
    ping_done = 0;
    ping_timeouts = 0;
    UTEST_ASSERT(thread_create(ping_thread, NULL) > 0);
    ping_side(0);
    UTEST_ASSERT(word_wait(&ping_done, 1, WAIT_LIMIT));
    UTEST_ASSERT_EQ(ping_timeouts, 0);
    UTEST_ASSERT_EQ(ping_turn, 0); /* 2 * PING_ROUNDS passes end where they began */
}

/* ---------------------------------------------------------------- raw thread_create */

static void never_run(void *arg)
{
    (void)arg;
}

UTEST(thread_create_bad_args)
{
    static uint64_t stack[512] __attribute__((aligned(16)));
    uint64_t top = (uint64_t)(uintptr_t)&stack[510];
    uint64_t entry = (uint64_t)(uintptr_t)never_run;
    UTEST_ASSERT_EQ(raw_syscall(SYS_thread_create, KERNEL_PTR, 0, top, 0), -EFAULT);
    UTEST_ASSERT_EQ(raw_syscall(SYS_thread_create, 0, 0, top, 0), -EFAULT);
    UTEST_ASSERT_EQ(raw_syscall(SYS_thread_create, 0x800000000000ull, 0, top, 0), -EFAULT);
    UTEST_ASSERT_EQ(raw_syscall(SYS_thread_create, entry, 0, 0, 0), -EFAULT);
    UTEST_ASSERT_EQ(raw_syscall(SYS_thread_create, entry, 0, KERNEL_PTR, 0), -EFAULT);
    UTEST_ASSERT_EQ(raw_syscall(SYS_thread_create, entry, 0, top, KERNEL_PTR), -EFAULT);
    UTEST_ASSERT_EQ(raw_syscall(SYS_set_tls, KERNEL_PTR, 0, 0, 0), -EFAULT);
    /* nothing was started: errno still works (FS base intact), ids unchanged */
    errno = 0;
    UTEST_ASSERT_EQ(close(-1), ERR);
    UTEST_ASSERT_EQ(errno, EBADF);
}

int main(void)
{
    UTEST_BEGIN("thread");
    UTEST_RUN(create_and_join);
    UTEST_RUN(hundred_threads_counter);
    UTEST_RUN(distinct_tids);
    UTEST_RUN(sequential_threads);
    UTEST_RUN(errno_per_thread);
    UTEST_RUN(thread_exit_frees_stack);
    UTEST_RUN(return_from_entry_frees_stack);
    UTEST_RUN(simd_survives_yield);
    UTEST_RUN(mutex_contended);
    UTEST_RUN(futex_wake_blocked);
    UTEST_RUN(futex_wake_count);
    UTEST_RUN(futex_ping_pong);
    UTEST_RUN(thread_create_bad_args);
    return UTEST_END();
}
