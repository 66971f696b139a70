/*
 * sched.c - run queues, switching, blocking and waking (design in sched.h).
 *
 * Locking: a CPU's rq lock protects its queues; it is taken with interrupts off and,
 * around a switch, held from the outgoing thread into the incoming one, which releases
 * it in sched_finish_switch(). A thread's wstate changes only by atomic compare-and-swap
 * so a wake-up racing with a block is never lost. At most one rq lock is held at a time.
 */
#include "sched.h"
#include "lib/hot.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/lapic.h"
#include "debug/panic.h"
#include "mm/vmm.h"
#include "proc/process.h"
#include "sched/cpu.h"
#include "sched/thread.h"
#include "time/clock.h"

static void idle_loop(void *unused);

int sched_effective_prio(const thread_t *t)
{
    int p = (int)t->prio + t->bonus;
    return p < THREAD_PRIO_MIN ? THREAD_PRIO_MIN : p > THREAD_PRIO_MAX ? THREAD_PRIO_MAX : p;
}

static uint64_t slice_for(const thread_t *t)
{
    return SCHED_SLICE_NS / 2 + (uint64_t)sched_effective_prio(t) * (SCHED_SLICE_NS / 32);
}

/* ---- run queue primitives: O(1) ---- */

HOT_PATH void sched_rq_enqueue(runqueue_t *rq, thread_t *t, int expired, uint64_t now)
{
    sched_array_t *a = expired ? rq->expired : rq->active;
    t->level = (uint8_t)(THREAD_PRIO_MAX - sched_effective_prio(t));
    t->array = a;
    list_push_back(&a->level[t->level], &t->run_node);
    a->bitmap |= 1u << t->level;
    if (expired && !rq->expired_since)
        rq->expired_since = now ? now : 1;
    __atomic_store_n(&rq->nr_ready, rq->nr_ready + 1, __ATOMIC_RELAXED);
}

HOT_PATH static void rq_remove(runqueue_t *rq, thread_t *t)
{
    sched_array_t *a = t->array;
    list_remove(&t->run_node);
    if (list_is_empty(&a->level[t->level]))
        a->bitmap &= ~(1u << t->level);
    if (!rq->expired->bitmap)
        rq->expired_since = 0;
    __atomic_store_n(&rq->nr_ready, rq->nr_ready - 1, __ATOMIC_RELAXED);
}

static void rq_swap(runqueue_t *rq, uint64_t now)
{
    sched_array_t *a = rq->active;
    rq->active = rq->expired;
    rq->expired = a; /* threads keep pointing at their array: O(1) */
    rq->expired_since = rq->expired->bitmap ? now : 0;
}

HOT_PATH thread_t *sched_rq_pick(runqueue_t *rq, uint64_t now)
{
    sched_array_t *from = rq->active;
    if (!rq->active->bitmap) {
        if (!rq->expired->bitmap)
            return 0;
        rq_swap(rq, now);
        from = rq->active;
    } else if (rq->expired_since && now - rq->expired_since > SCHED_STARVE_NS) {
        from = rq->expired; /* one starving thread runs a slice; the clock restarts */
        rq->expired_since = now;
    }
    unsigned level = (unsigned)__builtin_ctz(from->bitmap);
    thread_t *t = LIST_CONTAINER(from->level[level].next, thread_t, run_node);
    rq_remove(rq, t);
    return t;
}

/* ---- switching ---- */

extern void switch_context(uint64_t *save_rsp, uint64_t load_rsp);

static thread_t *prev_of[CPU_MAX];   /* per CPU: the thread just switched away from */
static cpu_t *migrate_to[CPU_MAX];   /* per CPU: where that thread goes after the switch */

static void account(cpu_t *c, thread_t *prev, uint64_t now)
{
    uint64_t d = now - c->last_switch;
    c->last_switch = now;
    prev->runtime_ns += d;
    if (prev == c->idle)
        __atomic_fetch_add(&c->idle_ns, d, __ATOMIC_RELAXED);
    else
        __atomic_fetch_add(&c->busy_ns, d, __ATOMIC_RELAXED);
}

/* A CPU with fewer runnable threads than this one, for a thread whose slice ended. */
static cpu_t *less_loaded(cpu_t *c)
{
    unsigned mine = c->rq.nr_ready + 1;
    cpu_t *best = 0;
    for (unsigned i = 0; i < CPU_MAX; i++) {
        cpu_t *o = cpu_get(i);
        if (!o || o == c || !(cpu_online_mask() & (1ull << i)))
            continue;
        unsigned load = __atomic_load_n(&o->rq.nr_ready, __ATOMIC_RELAXED) + (o->current != o->idle);
        if (load < mine && (!best || load < __atomic_load_n(&best->rq.nr_ready, __ATOMIC_RELAXED)))
            best = o;
    }
    return best;
}

/*
 * An interactive thread (it blocked at least twice as often as it used up a slice, so
 * its bonus is high) whose slice ran out stays in the active array with a new slice:
 * otherwise a thread that answers requests in short bursts would, once every few
 * thousand bursts, wait behind every CPU hog of the expired array. The hogs are not
 * starved by it: sched_rq_pick runs one of them every SCHED_STARVE_NS. O(1).
 */
static int stays_active(const thread_t *t)
{
    return t->bonus >= SCHED_BONUS_MAX / 2;
}

/* Requeues prev (still RUNNING) after a preemption or at the end of its slice. */
static void requeue_prev(cpu_t *c, thread_t *prev, uint64_t now)
{
    /* RUNNING is 0: one atomic or keeps a concurrent sched_wake's pending bit */
    __atomic_fetch_or(&prev->wstate, THREAD_READY, __ATOMIC_ACQ_REL);
    int expired = prev->slice_left == 0;
    if (expired) {
        int interactive = stays_active(prev);
        prev->bonus -= prev->bonus > -SCHED_BONUS_MAX;
        prev->slice_left = slice_for(prev);
        if (interactive) {
            sched_rq_enqueue(&c->rq, prev, 0, now);
            return;
        }
        cpu_t *o = prev->pinned == THREAD_ANY_CPU ? less_loaded(c) : 0;
        if (o) {
            migrate_to[c->id] = o;
            return;
        }
    }
    sched_rq_enqueue(&c->rq, prev, expired, now);
}

/* Loads next's kernel stack for entries from user mode, its page tables and its TLS. */
static void switch_address_space(cpu_t *c, thread_t *prev, thread_t *next)
{
    uint64_t top = (uint64_t)next->stack + THREAD_STACK_PAGES * 4096;
    c->tables->tss.rsp[0] = top;
    c->syscall_stack = top;
    vmm_space_t *from = prev->process ? &prev->process->space : vmm_kernel_space();
    vmm_space_t *to = next->process ? &next->process->space : vmm_kernel_space();
    if (from != to) {
        __atomic_fetch_and(&from->cpus, ~(1ull << c->id), __ATOMIC_RELAXED);
        __atomic_fetch_or(&to->cpus, 1ull << c->id, __ATOMIC_RELAXED);
        vmm_space_switch(to);
    }
    if (next->process)
        cpu_wrmsr(0xc0000100, next->fs_base); /* FS base */
}

/* Switches away from the current thread. Interrupts off, c->rq.lock held; released by
 * whichever thread runs next (sched_finish_switch). Returns when prev runs again. */
HOT_PATH static void switch_locked(cpu_t *c)
{
    thread_t *prev = c->current;
    uint64_t now = clock_ns();
    account(c, prev, now);
    if (c->slice_deadline)
        prev->slice_left = c->slice_deadline > now ? c->slice_deadline - now : 0;
    c->slice_deadline = 0;
    c->need_resched = 0;
    migrate_to[c->id] = 0;
    if (prev != c->idle && (prev->wstate & THREAD_STATE_MASK) == THREAD_RUNNING)
        requeue_prev(c, prev, now);
    thread_t *next = sched_rq_pick(&c->rq, now);
    if (!next)
        next = c->idle;
    while (__atomic_load_n(&next->on_cpu, __ATOMIC_ACQUIRE) && next != prev)
        cpu_pause(); /* its old CPU is still saving it */
    next->cpu = c;
    if (!next->slice_left)
        next->slice_left = slice_for(next); /* only an expired slice reads 0 at the next switch */
    __atomic_fetch_and(&next->wstate, ~(uint32_t)THREAD_STATE_MASK, __ATOMIC_ACQ_REL); /* -> RUNNING, pending kept */
    next->on_cpu = 1;
    c->current = next;
    prev_of[c->id] = prev;
    if (next != prev) {
        __atomic_fetch_add(&c->switches, 1, __ATOMIC_RELAXED);
        fpu_save(prev->fpu);
        fpu_restore(next->fpu);
        switch_address_space(c, prev, next);
        switch_context(&prev->rsp, next->rsp);
    }
    sched_finish_switch();
}

static void check_preempt(cpu_t *target, thread_t *t);

HOT_PATH void sched_finish_switch(void)
{
    cpu_t *c = cpu_current();
    thread_t *prev = prev_of[c->id];
    cpu_t *dest = migrate_to[c->id];
    prev_of[c->id] = 0;
    migrate_to[c->id] = 0;
    /* decided before on_cpu drops: from then on another CPU may run (and free) prev */
    int reap = prev && prev != c->current && (prev->wstate & THREAD_STATE_MASK) == THREAD_EXITED;
    if (prev && prev != c->current)
        __atomic_store_n(&prev->on_cpu, 0, __ATOMIC_RELEASE);
    sched_rearm();
    spinlock_unlock_raw(&c->rq.lock);
    if (dest) {
        spinlock_lock_raw(&dest->rq.lock);
        prev->cpu = dest;
        sched_rq_enqueue(&dest->rq, prev, 1, clock_ns());
        check_preempt(dest, prev);
        spinlock_unlock_raw(&dest->rq.lock);
    }
    if (reap)
        thread_unref(prev); /* the scheduler's reference: an exited thread is never woken */
}

static void switch_now(void)
{
    cpu_t *c = cpu_current();
    spinlock_lock_raw(&c->rq.lock);
    switch_locked(c);
}

/* ---- timers and preemption ---- */

HOT_PATH void sched_rearm(void)
{
    cpu_t *c = cpu_current();
    uint64_t now = clock_ns();
    if (c->current != c->idle && c->rq.nr_ready && !c->slice_deadline && !c->need_resched) {
        if (!c->current->slice_left)
            c->current->slice_left = slice_for(c->current);
        c->slice_deadline = now + c->current->slice_left;
    }
    c->slice_pending = 0;
    uint64_t next = timer_next_deadline();
    if (c->slice_deadline && c->slice_deadline < next)
        next = c->slice_deadline;
    /* Programming the LAPIC is slow (an MMIO exit under virtualisation), and a busy CPU
     * may have its slice deadline set and cleared at every switch: while busy, an
     * earlier deadline already armed is left alone. It fires early at worst, and the
     * interrupt rearms for what is due then. An idle CPU programs exactly, so it halts
     * with no timer armed when nothing is due. */
    if (next == c->timer_armed || (next > c->timer_armed && c->current != c->idle))
        return;
    c->timer_armed = next;
    if (next == UINT64_MAX)
        lapic_timer_stop();
    else
        lapic_timer_arm(next);
}

HOT_PATH static void sched_timer_irq(struct trap_frame *f)
{
    (void)f;
    cpu_t *c = cpu_current();
    __atomic_fetch_add(&c->timer_irqs, 1, __ATOMIC_RELAXED);
    c->timer_armed = UINT64_MAX; /* one-shot: it has fired */
    lapic_eoi();
    timer_run_expired();
    if (c->slice_deadline && clock_ns() >= c->slice_deadline) {
        c->current->slice_left = 0;
        c->slice_deadline = 0;
        c->need_resched = 1;
    }
    sched_rearm();
}

static void sched_resched_irq(struct trap_frame *f)
{
    (void)f;
    lapic_eoi();
    sched_rearm();
}

HOT_PATH void sched_irq_exit(void)
{
    cpu_t *c = cpu_current();
    if (c->need_resched && c->current)
        switch_now();
}

/* Decides whether t, just queued on target, should run at once. target's rq lock held. */
HOT_PATH static void check_preempt(cpu_t *target, thread_t *t)
{
    thread_t *cur = target->current;
    int urgent = cur == target->idle || sched_effective_prio(t) > sched_effective_prio(cur);
    if (target == cpu_current()) {
        /* the caller may hold spinlocks: the switch (or the slice timer) waits until
         * interrupts come back on: the end of wake(), spinlock_unlock or irq exit */
        if (urgent)
            target->need_resched = 1;
        else
            target->slice_pending = 1;
        return;
    }
    if (urgent)
        target->need_resched = 1;
    else if (target->slice_deadline)
        return; /* its slice timer will bring it round */
    lapic_send_ipi(target->apic_id, LAPIC_VECTOR_RESCHED);
}

/* ---- placing woken and new threads ---- */

/*
 * Where t runs next: its pinned CPU; with @sync (the waker hands t data and expects to
 * block), the waker's CPU when nothing else is queued there, so a request/reply pair
 * passes the CPU back and forth without waking a halted CPU (an IPI and a halt exit
 * cost more than the whole round trip); else its last CPU if idle, else any idle CPU,
 * else its last CPU. O(CPUs).
 */
static cpu_t *select_cpu(thread_t *t, int sync)
{
    if (t->pinned != THREAD_ANY_CPU)
        return cpu_get((unsigned)t->pinned);
    cpu_t *self = cpu_current();
    if (sync && self->current != self->idle && !__atomic_load_n(&self->rq.nr_ready, __ATOMIC_RELAXED))
        return self;
    cpu_t *last = t->cpu ? t->cpu : self;
    if (last->current == last->idle && !last->rq.nr_ready)
        return last;
    uint64_t online = cpu_online_mask();
    for (unsigned i = 0; i < CPU_MAX; i++) {
        cpu_t *o = (online >> i) & 1 ? cpu_get(i) : 0;
        if (o && o->current == o->idle && !__atomic_load_n(&o->rq.nr_ready, __ATOMIC_RELAXED))
            return o;
    }
    return last;
}

HOT_PATH static void enqueue_ready(thread_t *t, int sync)
{
    while (__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE))
        cpu_pause(); /* still being switched away from */
    cpu_t *target = select_cpu(t, sync);
    spinlock_lock_raw(&target->rq.lock);
    t->cpu = target;
    sched_rq_enqueue(&target->rq, t, 0, clock_ns());
    check_preempt(target, t);
    spinlock_unlock_raw(&target->rq.lock);
}

static void preempt_point(uint64_t flags)
{
    if (flags & CPU_FLAG_IF)
        sched_irqs_on();
    else if (cpu_current()->slice_pending)
        sched_rearm();
}

HOT_PATH void sched_irqs_on(void)
{
    cpu_t *c = cpu_current();
    if (c->slice_pending)
        sched_rearm();
    if (c->need_resched && c->current)
        switch_now();
    cpu_sti();
}

void sched_start(thread_t *t)
{
    uint64_t flags = cpu_flags();
    cpu_cli();
    enqueue_ready(t, 0);
    preempt_point(flags);
}

/*
 * A sync waker is about to wait for its answer; if the wakee preempts it, it may find
 * the answer ready and never block, and blocking is what raises the dynamic priority:
 * a request/reply client would sink below the CPU hogs and queue behind them. So the
 * sync wake-up itself counts as a block for the waker. Interrupts off. O(1).
 */
static void credit_waiter(thread_t *t)
{
    t->bonus += t->bonus < SCHED_BONUS_MAX;
}

HOT_PATH static int wake(thread_t *t, int reason, int sync)
{
    uint64_t flags = cpu_flags();
    cpu_cli();
    int woke = 0;
    for (;;) {
        uint32_t s = __atomic_load_n(&t->wstate, __ATOMIC_ACQUIRE);
        uint32_t st = s & THREAD_STATE_MASK;
        if (st == THREAD_EXITED || (st != THREAD_BLOCKED && (s & THREAD_WAKE_PENDING)))
            break;
        /* a pending wake carries its reason in the state word, so only the winner's counts */
        uint32_t want = st == THREAD_BLOCKED ? THREAD_READY
                                             : s | THREAD_WAKE_PENDING | ((uint32_t)reason << THREAD_REASON_SHIFT);
        if (__atomic_compare_exchange_n(&t->wstate, &s, want, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            if (st == THREAD_BLOCKED) {
                t->wake_reason = reason; /* it cannot run before enqueue_ready */
                enqueue_ready(t, sync);
                if (sync)
                    credit_waiter(thread_current());
            }
            woke = 1;
            break;
        }
    }
    preempt_point(flags);
    return woke;
}

int sched_wake(thread_t *t, int reason)
{
    return wake(t, reason, 0);
}

HOT_PATH int sched_wake_sync(thread_t *t, int reason)
{
    return wake(t, reason, 1);
}

HOT_PATH void sched_prepare_block(void)
{
    thread_t *t = thread_current();
    t->wake_reason = WAKE_NONE;
    __atomic_fetch_and(&t->wstate, THREAD_STATE_MASK, __ATOMIC_ACQ_REL); /* pending bit and reason */
}

static void block_timeout(timer_event_t *ev)
{
    sched_wake(LIST_CONTAINER(ev, thread_t, timer), WAKE_TIMEOUT);
}

HOT_PATH int sched_block(uint64_t deadline)
{
    thread_t *t = thread_current();
    uint64_t flags = cpu_flags();
    cpu_cli();
    if (deadline) {
        t->timer.fn = block_timeout;
        timer_add(&t->timer, deadline);
    }
    cpu_t *c = cpu_current();
    spinlock_lock_raw(&c->rq.lock);
    uint32_t s = THREAD_RUNNING;
    if (__atomic_compare_exchange_n(&t->wstate, &s, THREAD_BLOCKED, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        t->bonus += t->bonus < SCHED_BONUS_MAX; /* it gave the CPU up: favour it */
        switch_locked(c);
    } else {
        uint32_t old = __atomic_fetch_and(&t->wstate, THREAD_STATE_MASK, __ATOMIC_ACQ_REL);
        t->wake_reason = (int)(old >> THREAD_REASON_SHIFT);
        spinlock_unlock_raw(&c->rq.lock);
    }
    if (deadline)
        timer_cancel(&t->timer);
    if (flags & CPU_FLAG_IF)
        cpu_sti();
    return t->wake_reason;
}

void sched_sleep(uint64_t ns)
{
    uint64_t deadline = clock_ns() + ns;
    while (clock_ns() < deadline) {
        sched_prepare_block();
        sched_block(deadline);
    }
}

void sched_credit_wait(void)
{
    uint64_t flags = cpu_flags();
    cpu_cli(); /* the bonus of a running thread changes only on its own CPU, interrupts off */
    credit_waiter(thread_current());
    if (flags & CPU_FLAG_IF)
        cpu_sti();
}

void sched_yield(void)
{
    uint64_t flags = cpu_flags();
    cpu_cli();
    switch_now();
    if (flags & CPU_FLAG_IF)
        cpu_sti();
}

void sched_exit(void)
{
    cpu_cli();
    cpu_t *c = cpu_current();
    spinlock_lock_raw(&c->rq.lock);
    __atomic_store_n(&c->current->wstate, THREAD_EXITED, __ATOMIC_RELEASE);
    switch_locked(c);
    panic("exited thread %s ran again", c->current->name);
}

uint64_t sched_runtime(const thread_t *t)
{
    cpu_t *c = t->cpu;
    uint64_t r = t->runtime_ns;
    if (c && c->current == t)
        r += clock_ns() - c->last_switch;
    return r;
}

uint64_t sched_idle_ns(unsigned cpu)
{
    cpu_t *c = cpu_get(cpu);
    uint64_t r = c->idle_ns;
    if (c->current == c->idle)
        r += clock_ns() - c->last_switch;
    return r;
}

unsigned sched_queued(unsigned cpu)
{
    cpu_t *c = cpu_get(cpu);
    return c ? __atomic_load_n(&c->rq.nr_ready, __ATOMIC_RELAXED) : 0;
}

/* ---- idle and stealing ---- */

/* Takes one thread from the busiest other CPU, least urgent level first. O(CPUs + levels). */
static thread_t *steal(cpu_t *self)
{
    cpu_t *victim = 0;
    unsigned most = 1;
    for (unsigned i = 0; i < CPU_MAX; i++) {
        cpu_t *o = cpu_get(i);
        unsigned n = o && o != self ? __atomic_load_n(&o->rq.nr_ready, __ATOMIC_RELAXED) : 0;
        if (n >= most) {
            most = n + 1;
            victim = o;
        }
    }
    if (!victim || !spinlock_try(&victim->rq.lock))
        return 0;
    thread_t *got = 0;
    sched_array_t *arrays[2] = {victim->rq.expired, victim->rq.active};
    for (int a = 0; a < 2 && !got; a++)
        for (int l = SCHED_LEVELS - 1; l >= 0 && !got; l--) {
            list_t *q = &arrays[a]->level[l];
            if (list_is_empty(q))
                continue;
            thread_t *t = LIST_CONTAINER(q->prev, thread_t, run_node);
            if (t->pinned == THREAD_ANY_CPU) {
                rq_remove(&victim->rq, t);
                got = t;
            }
        }
    spinlock_unlock(&victim->rq.lock);
    return got;
}

static void idle_loop(void *unused)
{
    (void)unused;
    for (;;) {
        cpu_cli();
        cpu_t *c = cpu_current();
        if (!c->rq.nr_ready) {
            thread_t *t = steal(c);
            if (t) {
                while (__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE))
                    cpu_pause();
                spinlock_lock_raw(&c->rq.lock);
                t->cpu = c;
                sched_rq_enqueue(&c->rq, t, 0, clock_ns());
                spinlock_unlock_raw(&c->rq.lock);
            }
        }
        if (c->rq.nr_ready) {
            switch_now();
            continue;
        }
        sched_rearm();
        __asm__ volatile("sti; hlt" ::: "memory");
    }
}

/* ---- bring-up ---- */

#include "arch/x86_64/trap.h"

static void sched_cpu_start(cpu_t *c, thread_t *boot)
{
    c->current = boot;
    c->timer_armed = UINT64_MAX;
    c->last_switch = clock_ns();
    cpu_set_online(c);
}

void sched_init(void)
{
    trap_set_handler(LAPIC_VECTOR_TIMER, sched_timer_irq);
    trap_set_handler(LAPIC_VECTOR_RESCHED, sched_resched_irq);
    cpu_t *c = cpu_current();
    thread_t *main = thread_adopt_boot("main");
    c->idle = thread_alloc("idle0", idle_loop, 0, THREAD_PRIO_MIN, 0);
    if (!main || !c->idle)
        panic("sched: cannot create the boot threads");
    thread_unref(c->idle); /* never exits; the scheduler's reference keeps it */
    sched_cpu_start(c, main);
    cpu_sti();
}

void sched_ap_start(void)
{
    cpu_t *c = cpu_current();
    thread_t *idle = thread_adopt_boot("idle");
    if (!idle)
        panic("sched: no memory for the idle thread of CPU %u", c->id);
    c->idle = idle;
    sched_cpu_start(c, idle);
    idle_loop(0);
    __builtin_unreachable();
}
