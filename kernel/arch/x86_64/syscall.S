/*
 * syscall.S - the ways in and out of user mode.
 *
 * syscall_entry: `syscall` lands here with interrupts off (FMASK), user rip in rcx and
 * rflags in r11. We swap to the kernel GS, switch to the thread's kernel stack (gs:8),
 * save a syscall_frame_t (kernel/syscall/syscall.h) and call syscall_dispatch(frame).
 * The return goes through sysretq, or through iretq when syscall_dispatch asks for it
 * (the frame changed to something sysret cannot restore).
 *
 * user_enter(frame): loads a whole trap_frame_t-like user context and irets to ring 3.
 *
 * user_copy(dst, src, n): memcpy whose faults on user addresses are recovered by the page
 * fault handler (it resumes at user_copy_fault, which returns -EFAULT).
 */
#include "regs.inc"

    .section .text.hot, "ax"
    .global syscall_entry
    .type syscall_entry, @function
syscall_entry:
    swapgs
    movq %rsp, %gs:16
    movq %gs:8, %rsp
    pushq $0x1b              /* ss */
    pushq %gs:16             /* user rsp */
    pushq %r11               /* rflags */
    pushq $0x23              /* cs */
    pushq %rcx               /* rip */
    pushq $0                 /* error */
    pushq $0x80              /* vector: marks a syscall frame */
    PUSH_REGS
    movq %rsp, %rdi
    sti
    call syscall_dispatch
    cli
    testq %rax, %rax
    jnz user_return_iret     /* the context was replaced: take the general path */
    POP_REGS
    addq $16, %rsp           /* vector, error */
    popq %rcx                /* user rip */
    addq $8, %rsp            /* cs */
    popq %r11                /* rflags */
    popq %rsp                /* user rsp: interrupts are off, nothing uses this stack now */
    swapgs
    sysretq

/* Returns to user mode through iretq from a trap_frame_t at rsp (kernel GS loaded). */
user_return_iret:
    POP_REGS
    addq $16, %rsp
    swapgs
    iretq

    .global user_enter
    .type user_enter, @function
user_enter:                  /* rdi = trap_frame_t* on the current kernel stack */
    cli
    movq %rdi, %rsp
    jmp user_return_iret

    .global user_copy, user_copy_start, user_copy_end, user_copy_fault
    .type user_copy, @function
user_copy:                   /* rdi = dst, rsi = src, rdx = n; returns 0 or -EFAULT */
user_copy_start:
    movq %rdx, %rcx
    shrq $3, %rcx
    rep movsq
    movq %rdx, %rcx
    andq $7, %rcx
    rep movsb
user_copy_end:
    xorl %eax, %eax
    ret
user_copy_fault:
    movq $-14, %rax
    ret
