/*
 * switch.S - the context switch. switch_context(&prev->rsp, next->rsp) pushes the
 * callee-saved registers on prev's stack, stores its stack pointer, loads next's and
 * pops them; everything else was saved by the C caller's ABI. A new thread's stack is
 * prepared (thread.c) so that the first switch "returns" into thread_trampoline.
 */
    .section .text.hot, "ax"
    .global switch_context
    .type switch_context, @function
switch_context:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret

/* First code of every new thread: r12 = entry, r13 = argument (set up by thread.c). */
    .global thread_trampoline
    .type thread_trampoline, @function
thread_trampoline:
    xorl %ebp, %ebp
    call sched_finish_switch
    sti
    movq %r13, %rdi
    call *%r12
    call thread_exit
    ud2
