/*
 * trap.c - the IDT and the dispatch of every vector: a caught exception resumes, any
 * other kernel-mode exception is a kernel bug and panics with the full frame, device
 * vectors go to the handler registered for them. User-mode faults arrive with the
 * user-space issue (they become notes).
 */
#include "trap.h"
#include "lib/hot.h"
#include "cpu.h"
#include "gdt.h"
#include "debug/panic.h"
#include "dev/random.h"
#include "lapic.h"
#include "mm/vmm.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "tlb.h"
#include "log/log.h"
#include "lib/fmt.h"
#include "mm/user.h"
#include "proc/note.h"
#include "proc/process.h"
#include "lib/string.h"

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
    thread_current()->catch = c;
}

void trap_catch_disarm(void)
{
    thread_current()->catch = 0;
}

static int trap_try_catch(trap_frame_t *f)
{
    thread_t *t = thread_current();
    trap_catch_t *c = t ? t->catch : 0; /* no threads yet early in boot */
    if (!c || !c->armed || c->vector != f->vector)
        return 0;
    c->seen_vector = f->vector;
    c->seen_rip = f->rip;
    c->seen_error = f->error;
    c->seen_cr2 = cpu_read_cr2();
    c->armed = 0;
    thread_current()->catch = 0;
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

/* A fault in user mode ends the process with a status that says what and where, or,
 * if the process has a note handler, becomes a note to it: then this returns, with @f
 * rewritten to enter the handler, and interrupts enabled. */
static void trap_user_fault(trap_frame_t *f)
{
    char status[MAX_STATUS];
    uint64_t v = f->vector;
    if (v == TRAP_PF)
        fmt_snprintf(status, sizeof(status), "pagefault at 0x%lx ip 0x%lx %s", cpu_read_cr2(), f->rip,
                     (f->error & 1) ? ((f->error & 16) ? "protection violation on fetch"
                                       : (f->error & 2) ? "protection violation on write"
                                                        : "protection violation on read")
                                    : "not present");
    else if (v == TRAP_DE)
        fmt_snprintf(status, sizeof(status), "divbyzero ip 0x%lx", f->rip);
    else if (v == TRAP_UD)
        fmt_snprintf(status, sizeof(status), "illegal ip 0x%lx", f->rip);
    else if (v == TRAP_GP || v == 12 || v == 11)
        fmt_snprintf(status, sizeof(status), "gpfault ip 0x%lx", f->rip);
    else if (v == 19 || v == 16)
        fmt_snprintf(status, sizeof(status), "simd ip 0x%lx", f->rip);
    else
        fmt_snprintf(status, sizeof(status), "%s ip 0x%lx", trap_name(v), f->rip);
    cpu_sti();
    process_t *p = process_current();
    if (p->note_handler && !thread_current()->note_ctx && note_post(p, status, strlen(status)) == 0 &&
        note_deliver(f))
        return; /* the handler runs; noted() retries the faulting instruction */
    process_exit(status);
}

HOT_PATH void trap_dispatch(trap_frame_t *f)
{
    if ((f->cs & 3) && f->vector < TRAP_EXCEPTIONS && f->vector != 2 && f->vector != 18) {
        trap_user_fault(f); /* returns only when the process's note handler is to run */
        cpu_cli();          /* as it was: the return path swaps GS before iret */
        return;
    }
    if (f->vector >= TRAP_EXCEPTIONS) {
        if (f->vector == LAPIC_VECTOR_SPURIOUS)
            return;
        random_add_sample(cpu_rdtsc() ^ f->rip << 32 ^ f->vector << 56);
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
        if (f->cs & 3) {
            cpu_sti(); /* the thread may have to end here: that can sleep */
            process_check_exit();
            note_deliver(f); /* iret honours a rewritten frame */
            cpu_cli();
        }
        return;
    }
    if (trap_try_catch(f))
        return;
    uint64_t resume;
    if (f->vector == TRAP_PF && user_fault_fixup(f->rip, &resume)) {
        f->rip = resume; /* a bad user pointer inside user_copy: -EFAULT, not a crash */
        return;
    }
    trap_kernel_fault(f);
}
