/*
 * panic.c - the panic screen. Everything is printed through log_raw() with the log in
 * panic mode, so a panic that interrupted a log writer still gets out.
 */
#include "panic.h"
#include <stdarg.h>
#include "arch/x86_64/cpu.h"
#include "debug/symbols.h"
#include "lib/fmt.h"
#include "log/log.h"
#include "mm/layout.h"
#include "arch/x86_64/lapic.h"
#include "sched/cpu.h"

static int test_mode;           /* written once at boot */
static volatile int panicking;  /* atomic: set by the first CPU to panic */

int panic_in_progress(void)
{
    return __atomic_load_n(&panicking, __ATOMIC_RELAXED);
}

void panic_set_test_mode(int on)
{
    test_mode = on;
}

static void panic_regs(const trap_frame_t *f)
{
    log_raw("  rip %016lx  rsp %016lx  rflags %016lx  cs %lx ss %lx", f->rip, f->rsp, f->rflags, f->cs, f->ss);
    log_raw("  rax %016lx  rbx %016lx  rcx %016lx  rdx %016lx", f->rax, f->rbx, f->rcx, f->rdx);
    log_raw("  rsi %016lx  rdi %016lx  rbp %016lx  r8  %016lx", f->rsi, f->rdi, f->rbp, f->r8);
    log_raw("  r9  %016lx  r10 %016lx  r11 %016lx  r12 %016lx", f->r9, f->r10, f->r11, f->r12);
    log_raw("  r13 %016lx  r14 %016lx  r15 %016lx  err %lx", f->r13, f->r14, f->r15, f->error);
    log_raw("  cr0 %016lx  cr2 %016lx  cr3 %016lx  cr4 %016lx", cpu_read_cr0(), cpu_read_cr2(), cpu_read_cr3(),
            cpu_read_cr4());
}

static void panic_where(int i, uint64_t addr)
{
    uint64_t off = 0;
    const char *name = symbols_lookup(addr, &off);
    if (name)
        log_raw("  #%-2d %016lx %s+0x%lx", i, addr, name, off);
    else
        log_raw("  #%-2d %016lx ?", i, addr);
}

void panic_backtrace(uint64_t rbp)
{
    log_raw("backtrace:");
    for (int i = 0; i < 32 && rbp >= LAYOUT_DIRECT_BASE && !(rbp & 7); i++) {
        const uint64_t *fr = (const uint64_t *)rbp;
        if (fr[1] < LAYOUT_KERNEL_BASE)
            break;
        panic_where(i, fr[1] - 1);
        if (fr[0] <= rbp)
            break;
        rbp = fr[0];
    }
}

static __attribute__((noreturn)) void panic_finish(const trap_frame_t *f, const char *fmt, va_list ap)
{
    char reason[256];
    cpu_cli();
    if (__atomic_exchange_n(&panicking, 1, __ATOMIC_SEQ_CST))
        cpu_stop(); /* another CPU is already reporting */
    if (cpu_count() > 1)
        lapic_send_nmi_others(); /* stop the other CPUs where they are */
    log_panic_mode();
    fmt_vsnprintf(reason, sizeof(reason), fmt, ap);
    log_raw("KERNEL PANIC: %s", reason);
    panic_regs(f);
    panic_where(-1, f->rip);
    panic_backtrace(f->rbp);
    log_raw("system halted");
    if (test_mode)
        cpu_outl(0xf4, PANIC_EXIT_CODE);
    cpu_stop();
}

void panic_frame(const trap_frame_t *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    panic_finish(f, fmt, ap);
}

void panic(const char *fmt, ...)
{
    trap_frame_t f = {0};
    __asm__ volatile("mov %%rbp, %0\n\tmov %%rsp, %1\n\tlea 0(%%rip), %2" : "=r"(f.rbp), "=r"(f.rsp), "=r"(f.rip));
    va_list ap;
    va_start(ap, fmt);
    panic_finish(&f, fmt, ap);
}
