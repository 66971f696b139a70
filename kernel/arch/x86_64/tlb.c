/*
 * tlb.c - TLB invalidation. A shootdown publishes one request (range + pending count)
 * under the shootdown lock, sends the TLB vector to each target CPU and spins until every
 * target has flushed and decremented the count. Targets that are not online are skipped.
 */
#include "tlb.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/lapic.h"
#include "sched/cpu.h"
#include "sync/spinlock.h"

#define TLB_FULL_FLUSH_PAGES 32

static spinlock_t shoot_lock = SPINLOCK_INIT;
static struct {
    uint64_t virt;
    size_t pages;
    volatile uint64_t targets; /* atomic: CPUs that still have to flush */
} req; /* shoot_lock, except targets */

void tlb_flush_local(uint64_t virt, size_t pages)
{
    if (pages > TLB_FULL_FLUSH_PAGES) {
        /* toggling CR4.PGE also drops global (kernel) entries, which a CR3 write keeps */
        uint64_t cr4 = cpu_read_cr4();
        __asm__ volatile("mov %0, %%cr4; mov %1, %%cr4" ::"r"(cr4 & ~0x80ull), "r"(cr4) : "memory");
        return;
    }
    for (size_t i = 0; i < pages; i++)
        __asm__ volatile("invlpg (%0)" ::"r"(virt + i * 4096) : "memory");
}

/* Serves a request aimed at this CPU, if any: from the IPI, or while waiting for the lock
 * with interrupts off (two CPUs shooting at each other must not deadlock). */
static void tlb_serve(void)
{
    uint64_t me = 1ull << cpu_id();
    if (__atomic_load_n(&req.targets, __ATOMIC_ACQUIRE) & me) {
        tlb_flush_local(req.virt, req.pages);
        __atomic_fetch_and(&req.targets, ~me, __ATOMIC_RELEASE);
    }
}

void tlb_ipi_handler(void)
{
    tlb_serve();
}

void tlb_shootdown(uint64_t cpus, uint64_t virt, size_t pages)
{
    /* interrupts are off (vmm_flush): cpu_id() cannot change under us */
    cpus &= cpu_online_mask() & ~(1ull << cpu_id());
    if (!cpus)
        return;
    while (!spinlock_try(&shoot_lock)) {
        tlb_serve();
        cpu_pause();
    }
    req.virt = virt;
    req.pages = pages;
    __atomic_store_n(&req.targets, cpus, __ATOMIC_RELEASE);
    for (unsigned c = 0; c < CPU_MAX; c++)
        if (cpus & (1ull << c))
            lapic_send_ipi(cpu_get(c)->apic_id, LAPIC_VECTOR_TLB);
    while (__atomic_load_n(&req.targets, __ATOMIC_ACQUIRE))
        cpu_pause();
    spinlock_unlock(&shoot_lock);
}
