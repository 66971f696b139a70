/*
 * cpu.c - the table of CPUs. The boot CPU's cpu_t is static (it is needed before any
 * allocator); the others are allocated by cpu_add() when smp.c finds them.
 */
#include "cpu.h"
#include "arch/x86_64/cpu.h"
#include "debug/panic.h"
#include "mm/kmalloc.h"

static cpu_t bsp;
static gdt_cpu_t bsp_tables;
static cpu_t *cpus[CPU_MAX];      /* written before the CPU is started */
static unsigned cpus_present = 1; /* written by the BSP only */
static volatile uint64_t online;  /* atomic */

void cpu_set_current(cpu_t *c)
{
    cpu_wrmsr(0xc0000101, (uint64_t)c); /* GS base */
    cpu_wrmsr(0xc0000102, 0);           /* kernel GS base: swapped in for user mode later */
}

static void cpu_fill(cpu_t *c, unsigned id, uint32_t apic_id)
{
    c->self = c;
    c->id = id;
    c->apic_id = apic_id;
    list_init(&c->timers);
    c->rq.active = &c->rq.arrays[0];
    c->rq.expired = &c->rq.arrays[1];
    for (int a = 0; a < 2; a++)
        for (int l = 0; l < SCHED_LEVELS; l++)
            list_init(&c->rq.arrays[a].level[l]);
}

void cpu_early_init(void)
{
    cpu_fill(&bsp, 0, 0);
    bsp.tables = &bsp_tables;
    cpus[0] = &bsp;
    cpu_set_current(&bsp);
    online = 1;
}

cpu_t *cpu_get(unsigned n)
{
    return n < CPU_MAX ? cpus[n] : 0;
}

cpu_t *cpu_add(uint32_t apic_id)
{
    if (cpus_present >= CPU_MAX)
        return 0;
    cpu_t *c = kzalloc(sizeof(*c));
    gdt_cpu_t *t = kzalloc(sizeof(*t));
    if (!c || !t) {
        kfree(c);
        kfree(t);
        return 0;
    }
    cpu_fill(c, cpus_present, apic_id);
    c->tables = t;
    cpus[cpus_present++] = c;
    return c;
}

void cpu_set_online(cpu_t *c)
{
    __atomic_fetch_or(&online, 1ull << c->id, __ATOMIC_RELEASE);
}

unsigned cpu_count(void)
{
    unsigned n = 0;
    for (uint64_t m = __atomic_load_n(&online, __ATOMIC_ACQUIRE); m; m &= m - 1)
        n++; /* no popcnt: the baseline x86_64 CPU may lack it */
    return n;
}

uint64_t cpu_online_mask(void)
{
    return __atomic_load_n(&online, __ATOMIC_ACQUIRE);
}
