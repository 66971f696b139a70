/*
 * process.c - process lifetime: creation, user threads, exit and its clean-up, lookup.
 *
 * Locking: `tree_lock` (a spinlock) protects the list of all processes and every parent/
 * children link; p->lock protects a process's own mutable fields. Order: tree_lock,
 * then p->lock, then run-queue locks (sched_wake).
 */
#include "process.h"
#include "lib/hot.h"
#include <abi/errno.h>
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/lapic.h"
#include "debug/panic.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "proc/procfs.h"

#define USER_RFLAGS 0x202ull

extern void user_enter(void *frame);

static spinlock_t tree_lock = SPINLOCK_INIT;
static list_t all;                  /* tree_lock */
static pid_t next_pid = 1;          /* tree_lock */
static volatile uint64_t alive;     /* atomic */

void process_init(void)
{
    list_init(&all);
}

uint64_t process_count(void)
{
    return __atomic_load_n(&alive, __ATOMIC_RELAXED);
}

HOT_PATH process_t *process_current(void)
{
    thread_t *t = thread_current();
    return t ? t->process : 0;
}

process_t *process_create(process_t *parent, const char *cwd)
{
    process_t *p = kzalloc(sizeof(*p));
    size_t cwd_len = strlen(cwd) + 1;
    char *cwd_copy = p ? kmalloc(cwd_len) : 0;
    if (!cwd_copy || vmm_space_init(&p->space)) {
        kfree(cwd_copy);
        kfree(p);
        return 0;
    }
    memcpy(cwd_copy, cwd, cwd_len);
    p->cwd = cwd_copy;
    mutex_init(&p->mm_lock);
    p->mmap_next = 0x0000100000000000ull;
    fdtable_init(&p->fds);
    list_init(&p->children);
    list_init(&p->threads);
    list_init(&p->sibling);
    waitq_init(&p->exit_wq);
    p->prio = parent ? parent->prio : THREAD_PRIO_NORMAL;
    p->refs = 2; /* the caller's, and the parent's until it collects the status (or until
                    it exits, for an orphan or a process without a parent) */
    spinlock_lock(&tree_lock);
    p->pid = next_pid++;
    p->parent = parent;
    if (parent)
        list_push_back(&parent->children, &p->sibling);
    list_push_back(&all, &p->all_node);
    spinlock_unlock(&tree_lock);
    __atomic_fetch_add(&alive, 1, __ATOMIC_RELAXED);
    return p;
}

void process_ref(process_t *p)
{
    __atomic_fetch_add(&p->refs, 1, __ATOMIC_RELAXED);
}

int process_tryref(process_t *p)
{
    uint32_t r = __atomic_load_n(&p->refs, __ATOMIC_RELAXED);
    while (r)
        if (__atomic_compare_exchange_n(&p->refs, &r, r + 1, true, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return 1;
    return 0;
}

void process_unref(process_t *p)
{
    if (__atomic_sub_fetch(&p->refs, 1, __ATOMIC_ACQ_REL))
        return;
    spinlock_lock(&tree_lock);
    list_remove(&p->all_node);
    spinlock_unlock(&tree_lock);
    __atomic_fetch_sub(&alive, 1, __ATOMIC_RELAXED);
    procfs_release(p); /* frees it once its sys:/proc directory is gone */
}

void process_get_cwd(process_t *p, char *out)
{
    spinlock_lock(&p->lock);
    strlcpy(out, p->cwd, MAX_PATH + 1);
    spinlock_unlock(&p->lock);
}

int process_set_cwd(process_t *p, const char *cwd)
{
    size_t len = strlen(cwd) + 1;
    char *copy = kmalloc(len);
    if (!copy)
        return -ENOMEM;
    memcpy(copy, cwd, len);
    spinlock_lock(&p->lock);
    char *old = p->cwd;
    p->cwd = copy;
    spinlock_unlock(&p->lock);
    kfree(old);
    return 0;
}

int process_is_ancestor(process_t *a, process_t *b)
{
    spinlock_lock(&tree_lock);
    while (b && b != a)
        b = b->parent;
    spinlock_unlock(&tree_lock);
    return b == a;
}

pid_t process_parent_pid(process_t *p)
{
    spinlock_lock(&tree_lock);
    pid_t pid = p->parent ? p->parent->pid : 0;
    spinlock_unlock(&tree_lock);
    return pid;
}

void process_set_prio(process_t *p, int prio)
{
    spinlock_lock(&p->lock);
    p->prio = prio;
    list_node_t *n;
    list_for_each(n, &p->threads)
    {
        LIST_CONTAINER(n, thread_t, proc_node)->prio = (uint8_t)prio; /* from its next queueing */
    }
    spinlock_unlock(&p->lock);
}

process_t *process_find(pid_t pid)
{
    process_t *found = 0;
    spinlock_lock(&tree_lock);
    list_node_t *n;
    list_for_each(n, &all)
    {
        process_t *p = LIST_CONTAINER(n, process_t, all_node);
        if (p->pid == pid && process_tryref(p)) { /* not one whose last unref is running */
            found = p;
            break;
        }
    }
    spinlock_unlock(&tree_lock);
    return found;
}

typedef struct user_start {
    uint64_t rip, rsp, rdi, rsi;
} user_start_t;

static void user_thread_entry(void *arg)
{
    user_start_t st = *(user_start_t *)arg;
    kfree(arg);
    trap_frame_t f;
    memset(&f, 0, sizeof(f));
    f.rip = st.rip;
    f.rsp = st.rsp;
    f.rdi = st.rdi;
    f.rsi = st.rsi;
    f.cs = 0x23;
    f.ss = 0x1b;
    f.rflags = USER_RFLAGS;
    process_check_exit();
    user_enter(&f);
}

int process_start_thread(process_t *p, uint64_t rip, uint64_t rsp, uint64_t rdi, uint64_t rsi, uint64_t tls,
                         thread_t **out)
{
    user_start_t *st = kmalloc(sizeof(*st));
    if (!st)
        return -ENOMEM;
    *st = (user_start_t){rip, rsp, rdi, rsi};
    thread_t *t = thread_alloc("user", user_thread_entry, st, p->prio, THREAD_ANY_CPU);
    if (!t) {
        kfree(st);
        return -ENOMEM;
    }
    t->process = p;
    t->fs_base = tls;
    process_ref(p);
    spinlock_lock(&p->lock);
    p->thread_count++;
    list_push_back(&p->threads, &t->proc_node);
    spinlock_unlock(&p->lock);
    sched_start(t);
    if (out)
        *out = t;
    else
        thread_unref(t);
    return 0;
}

void process_kill(process_t *p, const char *status)
{
    spinlock_lock(&p->lock);
    if (!p->exiting) {
        strlcpy(p->status, status, sizeof(p->status));
        __atomic_store_n(&p->exiting, 1, __ATOMIC_RELEASE);
        list_node_t *n;
        list_for_each(n, &p->threads)
        {
            thread_t *t = LIST_CONTAINER(n, thread_t, proc_node);
            if (t == thread_current())
                continue;
            sched_wake(t, WAKE_INTERRUPT);
            cpu_t *c = t->cpu;
            if (c && c->current == t && c != cpu_current())
                lapic_send_ipi(c->apic_id, LAPIC_VECTOR_RESCHED); /* leave user mode now */
        }
    }
    spinlock_unlock(&p->lock);
}

/* The last thread is gone: give back the address space and descriptors, publish the
 * status, hand the children to nobody. */
static void process_finish(process_t *p)
{
    vmm_space_deinit(&p->space);
    fdtable_deinit(&p->fds);
    list_t dead;
    list_init(&dead);
    spinlock_lock(&tree_lock); /* exited and orphan-ness change together, under this lock */
    list_node_t *n, *tmp;
    list_for_each_safe(n, tmp, &p->children)
    {
        process_t *c = LIST_CONTAINER(n, process_t, sibling);
        list_remove(&c->sibling);
        c->parent = 0;
        if (c->exited)
            list_push_back(&dead, &c->sibling); /* nobody will collect it now */
    }
    int orphan = p->parent == 0;
    __atomic_store_n(&p->exited, 1, __ATOMIC_RELEASE);
    spinlock_unlock(&tree_lock);
    while ((n = list_pop_front(&dead))) /* a running child drops its reference itself */
        process_unref(LIST_CONTAINER(n, process_t, sibling));
    spinlock_lock(&p->lock);
    waitq_wake_all(&p->exit_wq);
    spinlock_unlock(&p->lock);
    if (orphan)
        process_unref(p); /* the reference a parent would have dropped */
}

void process_abandon(process_t *p)
{
    vmm_space_deinit(&p->space);
    fdtable_deinit(&p->fds);
    spinlock_lock(&tree_lock);
    if (p->parent) {
        list_remove(&p->sibling);
        p->parent = 0;
    }
    p->exited = 1;
    spinlock_unlock(&tree_lock);
    process_unref(p); /* the parent's */
    process_unref(p); /* the caller's */
}

int process_collect(process_t *p)
{
    process_t *self = process_current();
    spinlock_lock(&tree_lock);
    int mine = p->parent == self && self && p->exited;
    if (mine) {
        list_remove(&p->sibling);
        p->parent = 0;
    }
    spinlock_unlock(&tree_lock);
    if (mine)
        process_unref(p); /* the parent's reference */
    return mine;
}

void process_thread_exit(void)
{
    thread_t *t = thread_current();
    process_t *p = t->process;
    uint64_t flags = cpu_flags();
    cpu_cli();
    t->process = 0; /* a kernel thread from now on: the scheduler stops loading p's tables */
    vmm_space_switch(vmm_kernel_space());
    __atomic_fetch_and(&p->space.cpus, ~(1ull << cpu_id()), __ATOMIC_RELAXED);
    if (flags & CPU_FLAG_IF)
        cpu_sti();
    /* counted only now: the last thread frees tables that no CPU has loaded any more */
    spinlock_lock(&p->lock);
    list_remove(&t->proc_node);
    int last = --p->thread_count == 0;
    if (last && !p->exiting) {
        strlcpy(p->status, "0", sizeof(p->status)); /* every thread ended without a status */
        p->exiting = 1;
    }
    spinlock_unlock(&p->lock);
    if (last)
        process_finish(p);
    process_unref(p);
    thread_exit();
}

void process_exit(const char *status)
{
    process_kill(process_current(), status);
    process_thread_exit();
}

HOT_PATH void process_check_exit(void)
{
    process_t *p = process_current();
    if (p && __atomic_load_n(&p->exiting, __ATOMIC_ACQUIRE))
        process_thread_exit();
}

static bool process_has_exited(void *arg)
{
    return ((process_t *)arg)->exited;
}

int process_wait(process_t *p, uint64_t timeout_ns)
{
    spinlock_lock(&p->lock);
    int rc = waitq_wait(&p->exit_wq, &p->lock, process_has_exited, p, timeout_ns);
    spinlock_unlock(&p->lock);
    return rc;
}
