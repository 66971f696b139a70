/*
 * smp.c - AP bring-up. The BSP copies the trampoline to a page below 1 MiB, identity-
 * maps that page for the mode switch, and for each AP fills in a fresh stack and its
 * cpu_t, sends INIT, waits 10 ms, sends STARTUP (twice if needed) and waits for the AP
 * to announce itself. The AP sets up its own GDT, IDT, LAPIC and FPU, then becomes an
 * idle thread of the scheduler.
 */
#include "smp.h"
#include "acpi/acpi.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/trap.h"
#include "lib/string.h"
#include "log/log.h"
#include "mm/layout.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "syscall/syscall.h"
#include "time/clock.h"

extern const char trampoline_start[], trampoline_end[];
extern char tr_gdtr[], tr_jmp32[], tr_jmp64[], tr_cr3[], tr_stack[], tr_cpu[], tr_entry[];
extern char tr_gdt_off[], tr_pm32_off[], tr_lm64_off[];

#define AP_STACK_PAGES 4

static volatile int ap_ready; /* atomic: set by the AP being started */

static __attribute__((noreturn)) void smp_ap_entry(cpu_t *c)
{
    cpu_set_current(c);
    gdt_cpu_init(c->tables);
    trap_cpu_init();
    vmm_cpu_init(c->id);
    fpu_cpu_init();
    lapic_cpu_init();
    syscall_cpu_init();
    __atomic_store_n(&ap_ready, 1, __ATOMIC_RELEASE);
    sched_ap_start();
}

static void put32(char *page, const char *field, uint32_t v)
{
    memcpy(page + (field - trampoline_start), &v, 4);
}

static void put64(char *page, const char *field, uint64_t v)
{
    memcpy(page + (field - trampoline_start), &v, 8);
}

static int smp_wait_ready(uint64_t ms)
{
    uint64_t until = clock_ns() + ms * 1000000;
    while (clock_ns() < until)
        if (__atomic_load_n(&ap_ready, __ATOMIC_ACQUIRE))
            return 1;
    return 0;
}

static int smp_boot_one(char *page, paddr_t tramp, uint32_t apic_id)
{
    cpu_t *c = cpu_add(apic_id);
    void *stack = vmm_kalloc(AP_STACK_PAGES, 1);
    if (!c || !stack)
        return 0;
    put64(page, tr_stack, (uint64_t)stack + AP_STACK_PAGES * PAGE_SIZE);
    put64(page, tr_cpu, (uint64_t)c);
    __atomic_store_n(&ap_ready, 0, __ATOMIC_RELEASE);
    lapic_send_init(apic_id);
    sched_sleep(10000000);
    lapic_send_startup(apic_id, (uint8_t)(tramp >> 12));
    if (!smp_wait_ready(5)) {
        lapic_send_startup(apic_id, (uint8_t)(tramp >> 12));
        if (!smp_wait_ready(500))
            return 0;
    }
    uint64_t until = clock_ns() + 500000000ull;
    while (!(cpu_online_mask() & (1ull << c->id)) && clock_ns() < until)
        cpu_pause();
    return (cpu_online_mask() >> c->id) & 1;
}

static char *smp_prepare(paddr_t tramp)
{
    char *page = PHYS_TO_VIRT(tramp);
    memcpy(page, trampoline_start, (size_t)(trampoline_end - trampoline_start));
    put32(page, tr_gdtr + 2, (uint32_t)(tramp + (uint64_t)tr_gdt_off));
    put32(page, tr_jmp32, (uint32_t)(tramp + (uint64_t)tr_pm32_off));
    put32(page, tr_jmp64, (uint32_t)(tramp + (uint64_t)tr_lm64_off));
    put64(page, tr_cr3, vmm_kernel_space()->pml4);
    put64(page, tr_entry, (uint64_t)smp_ap_entry);
    return page;
}

unsigned smp_start_aps(void)
{
    const acpi_madt_info_t *madt = acpi_madt();
    uint32_t self = lapic_id();
    cpu_current()->apic_id = self;
    if (!madt)
        return cpu_count();
    paddr_t tramp = pmm_alloc_contig(1, 1);
    if (!tramp || tramp >= 0x100000 || vmm_map_identity_low(tramp)) {
        log_warn("smp: no low page for the AP trampoline, running on one CPU");
        return cpu_count();
    }
    char *page = smp_prepare(tramp);
    for (unsigned i = 0; i < madt->cpu_count; i++) {
        uint32_t id = madt->cpus[i].apic_id;
        if (id == self || !(madt->cpus[i].flags & ACPI_CPU_ENABLED))
            continue; /* online-capable CPUs wait for hot-plug, which we do not do */
        if (!smp_boot_one(page, tramp, id))
            log_warn("smp: CPU with APIC id %u did not start", id);
    }
    vmm_unmap_identity_low(tramp);
    pmm_free(tramp);
    return cpu_count();
}
