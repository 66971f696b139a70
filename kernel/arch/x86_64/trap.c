/*
 * trap.c - the IDT and the dispatch of every vector: a caught exception resumes, any
 * other kernel-mode exception is a kernel bug and panics with the full frame, device
 * vectors go to the handler registered for them. User-mode faults arrive with the
 * user-space issue (they become notes).
 */
#include "trap.h"
#include "cpu.h"
#include "gdt.h"
#include "debug/panic.h"
#include "lapic.h"
#include "mm/vmm.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "tlb.h"
#include "log/log.h"

typedef struct __attribute__((packed)) idt_gate {
    uint16_t off_lo, sel;
    uint8_t ist, flags;
    uint16_t off_mid;
    uint32_t off_hi, zero;
} idt_gate_t;

extern const uint64_t isr_table[256];
static idt_gate_t idt[256];          /* written once by the BSP before other CPUs start */
static trap_handler_t handlers[256]; /* written before the vector is enabled */

static const char *const names[TRAP_EXCEPTIONS] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range", "invalid opcode",
    "device not available", "double fault", "coprocessor overrun", "invalid TSS", "segment not present",
    "stack fault", "general protection", "page fault", "reserved", "x87 error", "alignment check",
    "machine check", "SIMD error", "virtualization", "control protection",
};

const char *trap_name(uint64_t vector)
{
    if (vector < TRAP_EXCEPTIONS && names[vector])
        return names[vector];
    return vector < TRAP_EXCEPTIONS ? "reserved exception" : "interrupt";
}

static void idt_build(void)
{
    for (int v = 0; v < 256; v++) {
        uint64_t a = isr_table[v];
        idt[v] = (idt_gate_t){(uint16_t)a, GDT_KERNEL_CODE, 0, 0x8e, (uint16_t)(a >> 16), (uint32_t)(a >> 32), 0};
    }
    idt[TRAP_DF].ist = GDT_IST_DOUBLE_FAULT;
    idt[2].ist = GDT_IST_NMI;
    idt[18].ist = GDT_IST_MACHINE_CHECK;
    idt[TRAP_BP].flags = 0xee; /* int3 allowed from ring 3 */
}

void trap_cpu_init(void)
{
    if (!idt[0].sel)
        idt_build();
    struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } desc = {sizeof(idt) - 1, (uint64_t)idt};
    __asm__ volatile("lidt %0" ::"m"(desc));
}

void trap_set_handler(uint8_t vector, trap_handler_t handler)
{
    handlers[vector] = handler;
}

void trap_catch_arm(trap_catch_t *c, uint64_t vector, uint64_t skip)
{
    c->vector = vector;
    c->skip = skip;
    c->seen_vector = ~0ull;
    c->armed = 1;
    cpu_current()->catch = c;
}

void trap_catch_disarm(void)
{
    cpu_current()->catch = 0;
}

static int trap_try_catch(trap_frame_t *f)
{
    trap_catch_t *c = cpu_current()->catch;
    if (!c || !c->armed || c->vector != f->vector)
        return 0;
    c->seen_vector = f->vector;
    c->seen_rip = f->rip;
    c->seen_error = f->error;
    c->seen_cr2 = cpu_read_cr2();
    c->armed = 0;
    cpu_current()->catch = 0;
    f->rip += c->skip;
    return 1;
}

static void trap_kernel_fault(trap_frame_t *f)
{
    if (f->vector == 2 && panic_in_progress())
        cpu_stop(); /* another CPU panicked and stopped us */
    if (f->vector == TRAP_PF) {
        uint64_t addr = cpu_read_cr2();
        panic_frame(f, "page fault at 0x%lx ip 0x%lx: %s %s in kernel mode%s", addr, f->rip,
                    (f->error & 1) ? "protection violation" : "page not present",
                    (f->error & 16) ? "on instruction fetch" : (f->error & 2) ? "on write" : "on read",
                    vmm_is_guard(addr) ? " (kernel stack overflow: guard page)" : "");
    }
    panic_frame(f, "%s (vector %lu, error 0x%lx) at ip 0x%lx", trap_name(f->vector), f->vector, f->error, f->rip);
}

void trap_dispatch(trap_frame_t *f)
{
    if (f->vector >= TRAP_EXCEPTIONS) {
        if (f->vector == LAPIC_VECTOR_SPURIOUS)
            return;
        if (f->vector == LAPIC_VECTOR_TLB) {
            tlb_ipi_handler();
            lapic_eoi();
        } else if (f->vector == LAPIC_VECTOR_STOP) {
            cpu_stop();
        } else if (handlers[f->vector]) {
            handlers[f->vector](f);
        } else {
            log_warn("trap: unexpected interrupt vector %lu", f->vector);
            lapic_eoi();
        }
        sched_irq_exit();
        return;
    }
    if (trap_try_catch(f))
        return;
    /* FIXME: faults from user mode become notes with the user-space issue */
    trap_kernel_fault(f);
}
