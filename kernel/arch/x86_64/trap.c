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

typedef struct __attribute__((packed)) idt_gate {
    uint16_t off_lo, sel;
    uint8_t ist, flags;
    uint16_t off_mid;
    uint32_t off_hi, zero;
} idt_gate_t;

extern const uint64_t isr_table[256];
static idt_gate_t idt[256];          /* written once by the BSP before other CPUs start */
static trap_handler_t handlers[256]; /* written before the vector is enabled */
static trap_catch_t *catch_now;      /* FIXME: per-CPU once SMP arrives */

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
    catch_now = c;
}

void trap_catch_disarm(void)
{
    catch_now = 0;
}

static int trap_try_catch(trap_frame_t *f)
{
    trap_catch_t *c = catch_now;
    if (!c || !c->armed || c->vector != f->vector)
        return 0;
    c->seen_vector = f->vector;
    c->seen_rip = f->rip;
    c->seen_error = f->error;
    c->seen_cr2 = cpu_read_cr2();
    c->armed = 0;
    catch_now = 0;
    f->rip += c->skip;
    return 1;
}

void trap_dispatch(trap_frame_t *f)
{
    if (f->vector >= TRAP_EXCEPTIONS && handlers[f->vector]) {
        handlers[f->vector](f);
        return;
    }
    if (f->vector < TRAP_EXCEPTIONS && trap_try_catch(f))
        return;
    panic_frame(f, "%s (vector %lu, error 0x%lx) at ip 0x%lx", trap_name(f->vector), f->vector, f->error, f->rip);
}
