/*
 * lapic.c - local APIC access. Register offsets are the xAPIC ones; in x2APIC mode
 * register r is MSR 0x800 + r/16 and the ICR is one 64-bit MSR. The timer is one-shot:
 * TSC-deadline when CPUID says so (deadline = an absolute TSC value), otherwise the
 * divide-by-16 counter loaded with the distance to the deadline.
 */
#include "lapic.h"
#include "lib/hot.h"
#include "cpu.h"
#include "mm/vmm.h"
#include "time/clock.h"

#define REG_ID 0x20
#define REG_EOI 0xb0
#define REG_SVR 0xf0
#define REG_ESR 0x280
#define REG_ICR_LO 0x300
#define REG_ICR_HI 0x310
#define REG_LVT_TIMER 0x320
#define REG_LVT_LINT0 0x350
#define REG_LVT_LINT1 0x360
#define REG_LVT_ERROR 0x370
#define REG_TIMER_INIT 0x380
#define REG_TIMER_COUNT 0x390
#define REG_TIMER_DIV 0x3e0
#define LVT_MASKED 0x10000u
#define LVT_TSC_DEADLINE 0x40000u
#define MSR_APIC_BASE 0x1b
#define MSR_TSC_DEADLINE 0x6e0

static volatile uint32_t *mmio; /* written once by lapic_init */
static int x2apic, deadline_mode;
static uint64_t ticks_per_ms;   /* LAPIC counter ticks per ms (divide 16) */
static uint64_t tsc_per_us;     /* TSC ticks per microsecond, for deadline mode */

static uint32_t lapic_read(uint32_t reg)
{
    return x2apic ? (uint32_t)cpu_rdmsr(0x800 + (reg >> 4)) : mmio[reg / 4];
}

static void lapic_write(uint32_t reg, uint32_t v)
{
    if (x2apic)
        cpu_wrmsr(0x800 + (reg >> 4), v);
    else
        mmio[reg / 4] = v;
}

void lapic_init(uint64_t phys)
{
    uint32_t r[4];
    cpu_cpuid(1, 0, r);
    x2apic = (r[2] >> 21) & 1;
    deadline_mode = (r[2] >> 24) & 1;
    if (!x2apic)
        mmio = vmm_map_mmio(phys ? phys : (cpu_rdmsr(MSR_APIC_BASE) & ~0xfffull), 4096);
}

/* The timer's LVT entry while in use: one-shot or TSC-deadline, our vector, unmasked.
 * It is written once per CPU; arming and stopping then touch only the count (or the
 * deadline MSR), one register write each. */
static uint32_t timer_lvt(void)
{
    return LAPIC_VECTOR_TIMER | (deadline_mode ? LVT_TSC_DEADLINE : 0);
}

void lapic_cpu_init(void)
{
    uint64_t base = cpu_rdmsr(MSR_APIC_BASE) | (1ull << 11);
    cpu_wrmsr(MSR_APIC_BASE, x2apic ? base | (1ull << 10) : base);
    lapic_write(REG_SVR, 0x100 | LAPIC_VECTOR_SPURIOUS);
    lapic_write(REG_TIMER_INIT, 0);
    lapic_write(REG_LVT_TIMER, timer_lvt()); /* unmasked but stopped until armed */
    lapic_write(REG_LVT_LINT0, LVT_MASKED);
    lapic_write(REG_LVT_LINT1, 0x400); /* NMI */
    lapic_write(REG_LVT_ERROR, LVT_MASKED);
    lapic_write(REG_ESR, 0);
    lapic_write(REG_TIMER_DIV, 0x3); /* divide by 16 */
    lapic_eoi();
}

void lapic_timer_calibrate(void)
{
    lapic_write(REG_LVT_TIMER, LVT_MASKED);
    uint64_t t0 = clock_ns(), c0 = cpu_rdtsc();
    lapic_write(REG_TIMER_INIT, 0xffffffffu);
    while (clock_ns() - t0 < 10000000)
        cpu_pause();
    uint32_t left = lapic_read(REG_TIMER_COUNT);
    uint64_t ns = clock_ns() - t0, tsc = cpu_rdtsc() - c0;
    lapic_write(REG_TIMER_INIT, 0);
    lapic_write(REG_LVT_TIMER, timer_lvt());
    ticks_per_ms = (0xffffffffull - left) * 1000000 / ns;
    tsc_per_us = tsc * 1000 / ns;
    if (!ticks_per_ms)
        ticks_per_ms = 1;
}

uint32_t lapic_id(void)
{
    return x2apic ? lapic_read(REG_ID) : lapic_read(REG_ID) >> 24;
}

HOT_PATH void lapic_eoi(void)
{
    lapic_write(REG_EOI, 0);
}

static void lapic_icr(uint32_t apic_id, uint32_t low)
{
    if (x2apic) {
        cpu_wrmsr(0x830, ((uint64_t)apic_id << 32) | low);
        return;
    }
    uint64_t flags = cpu_flags();
    cpu_cli(); /* two registers: an interrupt sending its own IPI in between would mix them */
    lapic_write(REG_ICR_HI, apic_id << 24);
    lapic_write(REG_ICR_LO, low);
    while (lapic_read(REG_ICR_LO) & 0x1000) /* delivery pending */
        cpu_pause();
    if (flags & CPU_FLAG_IF)
        cpu_sti();
}

void lapic_send_ipi(uint32_t apic_id, uint8_t vector)
{
    lapic_icr(apic_id, vector);
}

void lapic_send_nmi_others(void)
{
    lapic_icr(0, 0x400 | (3u << 18)); /* NMI, all excluding self */
}

void lapic_send_init(uint32_t apic_id)
{
    lapic_icr(apic_id, 0x4500); /* INIT, assert, level */
}

void lapic_send_startup(uint32_t apic_id, uint8_t page)
{
    lapic_icr(apic_id, 0x4600 | page);
}

HOT_PATH void lapic_timer_arm(uint64_t deadline_ns)
{
    uint64_t now = clock_ns();
    uint64_t delta = deadline_ns > now ? deadline_ns - now : 0;
    if (deadline_mode) {
        cpu_wrmsr(MSR_TSC_DEADLINE, cpu_rdtsc() + delta / 1000 * tsc_per_us + 1);
        return;
    }
    uint64_t ticks = delta * ticks_per_ms / 1000000 + 1;
    lapic_write(REG_TIMER_INIT, ticks > 0xffffffffu ? 0xffffffffu : (uint32_t)ticks);
}

void lapic_timer_stop(void)
{
    if (deadline_mode)
        cpu_wrmsr(MSR_TSC_DEADLINE, 0);
    else
        lapic_write(REG_TIMER_INIT, 0);
}

int lapic_timer_is_deadline(void)
{
    return deadline_mode;
}

int lapic_is_x2apic(void)
{
    return x2apic;
}
