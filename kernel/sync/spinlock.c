/*
 * spinlock.c - the debug checks of spinlocks: a CPU taking a lock it already holds, a
 * lock released by a CPU that does not hold it, and ranked locks taken out of order
 * are kernel bugs and panic at once, naming the lock.
 */
#include "spinlock.h"
#include "debug/panic.h"
#include "sched/cpu.h"

void spinlock_debug_acquire(spinlock_t *l)
{
    cpu_t *c = cpu_current();
    if (l->owner_cpu == c->id + 1)
        panic("spinlock %p taken twice by CPU %u", (void *)l, c->id);
    if (l->rank && (c->held_ranks >> l->rank))
        panic("lock order: spinlock %p (rank %u) taken while holding ranks 0x%lx", (void *)l, l->rank,
              c->held_ranks);
}

void spinlock_debug_owned(spinlock_t *l)
{
    cpu_t *c = cpu_current();
    l->owner_cpu = c->id + 1;
    if (l->rank)
        c->held_ranks |= 1ull << l->rank;
}

void spinlock_debug_release(spinlock_t *l)
{
    cpu_t *c = cpu_current();
    if (l->owner_cpu != c->id + 1)
        panic("spinlock %p released by CPU %u but held by %d", (void *)l, c->id, (int)l->owner_cpu - 1);
    l->owner_cpu = 0;
    if (l->rank)
        c->held_ranks &= ~(1ull << l->rank);
}

bool spinlock_is_held(const spinlock_t *l)
{
    return !KERNEL_DEBUG || l->owner_cpu == cpu_current()->id + 1;
}
