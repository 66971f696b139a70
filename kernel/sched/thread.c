/*
 * thread.c - creating, ending and freeing kernel threads. A new thread's stack is laid
 * out as if switch_context() had saved it, returning into thread_trampoline (switch.S)
 * with the entry point in r12 and its argument in r13.
 */
#include "thread.h"
#include "lib/hot.h"
#include "arch/x86_64/fpu.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/vmm.h"
#include "sched/cpu.h"
#include "sched/sched.h"

extern void thread_trampoline(void);

static volatile uint32_t next_tid = 1; /* atomic */

/* Freed kernel stacks are kept (still mapped) for the next thread: freeing one means an
 * unmap and a TLB shootdown on every CPU, which would dominate thread creation. */
#define STACK_CACHE 32
static spinlock_t stack_lock = SPINLOCK_INIT;
static void *stack_cache[STACK_CACHE]; /* stack_lock */
static unsigned stacks_cached;         /* stack_lock */

static void *stack_get(void)
{
    void *s = 0;
    spinlock_lock(&stack_lock);
    if (stacks_cached)
        s = stack_cache[--stacks_cached];
    spinlock_unlock(&stack_lock);
    return s ? s : vmm_kalloc(THREAD_STACK_PAGES, THREAD_GUARD_PAGES);
}

static void stack_put(void *s)
{
    spinlock_lock(&stack_lock);
    if (stacks_cached < STACK_CACHE) {
        stack_cache[stacks_cached++] = s;
        s = 0;
    }
    spinlock_unlock(&stack_lock);
    if (s)
        vmm_kfree(s, THREAD_STACK_PAGES, THREAD_GUARD_PAGES);
}

void thread_trim(void)
{
    for (;;) {
        void *s = 0;
        spinlock_lock(&stack_lock);
        if (stacks_cached)
            s = stack_cache[--stacks_cached];
        spinlock_unlock(&stack_lock);
        if (!s)
            return;
        vmm_kfree(s, THREAD_STACK_PAGES, THREAD_GUARD_PAGES);
    }
}
static volatile uint64_t alive;        /* atomic */

HOT_PATH thread_t *thread_current(void)
{
    return cpu_current()->current;
}

uint64_t thread_count(void)
{
    return __atomic_load_n(&alive, __ATOMIC_RELAXED);
}

static int thread_init_fpu(thread_t *t)
{
    /* XSAVE needs 64-byte alignment: keep the raw pointer just below the area */
    char *raw = kmalloc(fpu_state_size() + 64 + sizeof(void *));
    if (!raw)
        return -1;
    char *area = (char *)(((uint64_t)raw + sizeof(void *) + 63) & ~63ull);
    ((void **)area)[-1] = raw;
    t->fpu = area;
    fpu_state_init(area);
    return 0;
}

static thread_t *thread_new(const char *name, int prio, int cpu)
{
    thread_t *t = kzalloc(sizeof(*t));
    if (!t)
        return 0;
    if (thread_init_fpu(t)) {
        kfree(t);
        return 0;
    }
    strlcpy(t->name, name, sizeof(t->name));
    t->prio = (uint8_t)(prio < THREAD_PRIO_MIN ? THREAD_PRIO_MIN : prio > THREAD_PRIO_MAX ? THREAD_PRIO_MAX : prio);
    t->pinned = cpu;
    t->refs = 2; /* the creator's and the scheduler's */
    t->tid = __atomic_fetch_add(&next_tid, 1, __ATOMIC_RELAXED);
    list_init(&t->run_node);
    list_init(&t->timer.node);
    waitq_init(&t->exit_wq);
    t->exit_lock = (spinlock_t)SPINLOCK_INIT;
    __atomic_fetch_add(&alive, 1, __ATOMIC_RELAXED);
    return t;
}

thread_t *thread_alloc(const char *name, void (*entry)(void *), void *arg, int prio, int cpu)
{
    thread_t *t = thread_new(name, prio, cpu);
    if (!t)
        return 0;
    t->stack = stack_get();
    if (!t->stack) {
        t->refs = 1;
        thread_unref(t);
        return 0;
    }
    t->entry = entry;
    t->arg = arg;
    t->wstate = THREAD_READY;
    uint64_t *sp = (uint64_t *)((char *)t->stack + THREAD_STACK_PAGES * 4096);
    *--sp = (uint64_t)thread_trampoline;
    *--sp = 0;               /* rbp */
    *--sp = 0;               /* rbx */
    *--sp = (uint64_t)entry; /* r12 */
    *--sp = (uint64_t)arg;   /* r13 */
    *--sp = 0;               /* r14 */
    *--sp = 0;               /* r15 */
    t->rsp = (uint64_t)sp;
    return t;
}

thread_t *thread_create_on(const char *name, void (*entry)(void *), void *arg, int prio, int cpu)
{
    thread_t *t = thread_alloc(name, entry, arg, prio, cpu);
    if (t)
        sched_start(t);
    return t;
}

thread_t *thread_create(const char *name, void (*entry)(void *), void *arg, int prio)
{
    return thread_create_on(name, entry, arg, prio, THREAD_ANY_CPU);
}

thread_t *thread_adopt_boot(const char *name)
{
    thread_t *t = thread_new(name, THREAD_PRIO_NORMAL, THREAD_ANY_CPU);
    if (!t)
        return 0;
    t->wstate = THREAD_RUNNING;
    t->on_cpu = 1;
    t->cpu = cpu_current();
    t->refs = 1;
    return t;
}

void thread_exit(void)
{
    thread_t *t = thread_current();
    spinlock_lock(&t->exit_lock);
    t->exited = 1;
    waitq_wake_all(&t->exit_wq);
    spinlock_unlock(&t->exit_lock);
    sched_exit();
}

static bool thread_has_exited(void *arg)
{
    return ((thread_t *)arg)->exited;
}

void thread_join(thread_t *t)
{
    spinlock_lock(&t->exit_lock);
    while (waitq_wait(&t->exit_wq, &t->exit_lock, thread_has_exited, t, 0)) /* not interruptible */
        ;
    spinlock_unlock(&t->exit_lock);
    thread_unref(t);
}

void thread_ref(thread_t *t)
{
    __atomic_fetch_add(&t->refs, 1, __ATOMIC_RELAXED);
}

void thread_unref(thread_t *t)
{
    if (__atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL))
        return;
    if (t->stack)
        stack_put(t->stack);
    kfree(((void **)t->fpu)[-1]);
    kfree(t);
    __atomic_fetch_sub(&alive, 1, __ATOMIC_RELAXED);
}
