/*
 * thread.c - thread_create and thread_exit.
 *
 * A thread's memory is one sys:/zero mapping: a guard page (unmapped again, so any
 * access faults) at the bottom,
 * then its stack, then its control block (internal/tcb.h) at the top. The kernel starts
 * the thread in _std_thread_start (thread_start.S) with rdi and FS base both pointing
 * at the control block. thread_exit() unmaps the whole mapping and ends the thread in
 * two back-to-back system calls that touch no memory in between, since the stack it
 * would use is gone.
 */
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "internal/anon.h"
#include "internal/syscall.h"
#include "internal/tcb.h"

#define THREAD_STACK_SIZE (256 * 1024)
#define THREAD_TCB_SPACE 640 /* sizeof(std_tcb_t) rounded up, keeps the stack top aligned */
#define THREAD_MAP_SIZE (STD_PAGE_SIZE + THREAD_STACK_SIZE + STD_PAGE_SIZE)

_Static_assert(sizeof(std_tcb_t) <= THREAD_TCB_SPACE, "grow THREAD_TCB_SPACE");

void _std_thread_start(void *tcb);
_Noreturn void _std_thread_main(std_tcb_t *tcb);

_Noreturn void _std_thread_main(std_tcb_t *tcb)
{
    tcb->entry(tcb->arg);
    thread_exit();
}

tid_t thread_create(void (*entry)(void *arg), void *arg)
{
    char *base = _std_anon_map(THREAD_MAP_SIZE);
    if (base == NULL)
        return ERR;
    /* The guard turns a stack overflow into a clear fault: a hole, not PROT_NONE, which
     * the kernel maps readable. */
    _sys_munmap(_SYS_PTR(base), STD_PAGE_SIZE);
    std_tcb_t *tcb = (std_tcb_t *)(base + THREAD_MAP_SIZE - THREAD_TCB_SPACE);
    *tcb = (std_tcb_t){ .self = tcb, .entry = entry, .arg = arg, .map_base = base,
                        .map_size = THREAD_MAP_SIZE };
    /* 16-byte aligned minus 8: the stack as a function sees it right after a call. */
    uint64_t stack_top = ((uint64_t)(uintptr_t)tcb & ~15ull) - 8;
    int64_t tid = _sys_thread_create(_SYS_PTR(_std_thread_start), _SYS_PTR(tcb), stack_top,
                                     _SYS_PTR(tcb));
    if (tid < 0) {
        _std_anon_unmap(base, THREAD_MAP_SIZE);
        return _std_result(tid);
    }
    return tid;
}

/* munmap(base, size) then thread_exit(), with nothing in between that uses the stack. */
_Noreturn static void unmap_and_exit(void *base, size_t size)
{
    __asm__ volatile("syscall\n\t"
                     "mov %[exit], %%eax\n\t"
                     "syscall\n\t"
                     "ud2"
                     :
                     : "a"((uint64_t)SYS_munmap), "D"(base), "S"(size),
                       [exit] "i"(SYS_thread_exit)
                     : "rcx", "r11", "memory");
    __builtin_unreachable();
}

_Noreturn void thread_exit(void)
{
    std_tcb_t *self = _std_tcb();
    if (self->map_base != NULL)
        unmap_and_exit(self->map_base, self->map_size);
    _sys_thread_exit();
    __builtin_trap();
}
