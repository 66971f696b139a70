/*
 * syscall.c - entry setup and dispatch. The table is built from SYSCALL_LIST, so a
 * number without a handler cannot exist; numbers past the table are -ENOSYS.
 */
#include "syscall.h"
#include "lib/hot.h"
#include <abi/errno.h>
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "mm/layout.h"
#include "proc/note.h"
#include "proc/process.h"

#define MSR_EFER 0xc0000080
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_FMASK 0xc0000084

extern void syscall_entry(void);

#define SYSCALL_ENTRY(num, name, args) [num] = sys_##name,
static const syscall_handler_t table[SYSCALL_COUNT] = {SYSCALL_LIST(SYSCALL_ENTRY)};
#undef SYSCALL_ENTRY

void syscall_cpu_init(void)
{
    cpu_wrmsr(MSR_EFER, cpu_rdmsr(MSR_EFER) | 1); /* SCE */
    /* sysret: cs = base + 16, ss = base + 8 (GDT_USER_DATA then GDT_USER_CODE) */
    cpu_wrmsr(MSR_STAR, ((uint64_t)(GDT_USER_DATA - 8 - 3) << 48) | ((uint64_t)GDT_KERNEL_CODE << 32));
    cpu_wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    cpu_wrmsr(MSR_FMASK, 0x700); /* IF, DF, TF off on entry */
}

HOT_PATH int syscall_dispatch(trap_frame_t *f)
{
    uint64_t n = f->rax;
    int replaced = 0;
    if (n == SYS_noted) { /* replaces the whole context: needs the frame itself */
        int rc = note_return(f);
        replaced = rc == 0;
        if (rc)
            f->rax = (uint64_t)(int64_t)rc;
    } else if (n < SYSCALL_COUNT && table[n]) {
        f->rax = (uint64_t)table[n](f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9);
    } else {
        f->rax = (uint64_t)-ENOSYS;
    }
    process_check_exit();
    replaced |= note_deliver(f);
    /* sysret clobbers rcx/r11 and would fault in ring 0 on a non-canonical rip */
    return replaced || f->rip >= LAYOUT_USER_END || f->cs != GDT_USER_CODE;
}
