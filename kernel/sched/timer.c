/*
 * timer.c - per-CPU timer lists. A callback runs with no lock held: the event is
 * unlinked and marked TIMER_FIRING under the lock first, and timer_cancel() waits for
 * TIMER_FIRING to end, so an event's owner may free it once cancel returns.
 */
#include "timer.h"
#include "lib/hot.h"
#include "arch/x86_64/cpu.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "time/clock.h"

void timer_add(timer_event_t *ev, uint64_t deadline)
{
    uint64_t flags = cpu_flags();
    cpu_cli(); /* no migration until the timer is rearmed: sched_rearm needs this CPU */
    cpu_t *c = cpu_current();
    spinlock_lock(&c->timer_lock);
    ev->deadline = deadline;
    ev->cpu = c;
    list_node_t *pos = c->timers.prev;
    while (pos != &c->timers && LIST_CONTAINER(pos, timer_event_t, node)->deadline > deadline)
        pos = pos->prev;
    list_link_between(&ev->node, pos, pos->next);
    __atomic_store_n(&ev->state, TIMER_QUEUED, __ATOMIC_RELEASE);
    int first = c->timers.next == &ev->node;
    spinlock_unlock(&c->timer_lock);
    if (first)
        sched_rearm();
    if (flags & CPU_FLAG_IF)
        cpu_sti();
}

void timer_cancel(timer_event_t *ev)
{
    cpu_t *c = ev->cpu;
    if (!c)
        return;
    spinlock_lock(&c->timer_lock);
    if (__atomic_load_n(&ev->state, __ATOMIC_ACQUIRE) == TIMER_QUEUED) {
        list_remove(&ev->node);
        __atomic_store_n(&ev->state, TIMER_IDLE, __ATOMIC_RELEASE);
    }
    spinlock_unlock(&c->timer_lock);
    while (__atomic_load_n(&ev->state, __ATOMIC_ACQUIRE) == TIMER_FIRING)
        cpu_pause();
}

HOT_PATH uint64_t timer_next_deadline(void)
{
    cpu_t *c = cpu_current();
    spinlock_lock(&c->timer_lock); /* other CPUs' timer_cancel unlink from this list */
    uint64_t d = list_is_empty(&c->timers) ? UINT64_MAX : LIST_CONTAINER(c->timers.next, timer_event_t, node)->deadline;
    spinlock_unlock(&c->timer_lock);
    return d;
}

HOT_PATH void timer_run_expired(void)
{
    cpu_t *c = cpu_current();
    for (;;) {
        spinlock_lock(&c->timer_lock);
        timer_event_t *ev = 0;
        if (!list_is_empty(&c->timers)) {
            ev = LIST_CONTAINER(c->timers.next, timer_event_t, node);
            if (ev->deadline <= clock_ns()) {
                list_remove(&ev->node);
                __atomic_store_n(&ev->state, TIMER_FIRING, __ATOMIC_RELEASE);
            } else {
                ev = 0;
            }
        }
        spinlock_unlock(&c->timer_lock);
        if (!ev)
            return;
        ev->fn(ev);
        int firing = TIMER_FIRING; /* a callback that re-armed its event leaves it queued */
        __atomic_compare_exchange_n(&ev->state, &firing, TIMER_IDLE, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED);
    }
}
