/*
 * isr.S - the 256 interrupt entry stubs and the common path. Each stub pushes a dummy
 * error code when the CPU did not, then its vector; the common path saves the general
 * registers into a trap_frame_t (trap.h), swaps GS when coming from user mode, and calls
 * trap_dispatch(frame). The stubs' addresses are in isr_table for idt.c.
 */
.macro STUB n
    .align 16
isr_\n:
    .if (\n == 8 || (\n >= 10 && \n <= 14) || \n == 17 || \n == 21 || \n == 29 || \n == 30)
    .else
    pushq $0
    .endif
    pushq $\n
    jmp isr_common
.endm

    .section .text
isr_common:
    testb $3, 24(%rsp)          /* cs of the interrupted code */
    jz 1f
    swapgs
1:  pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    mov %rsp, %rdi
    call trap_dispatch
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    testb $3, 24(%rsp)
    jz 2f
    swapgs
2:  add $16, %rsp
    iretq

.altmacro
.macro STUB_N n
    STUB %n
.endm
.set i, 0
.rept 256
    STUB_N %i
    .set i, i+1
.endr

.macro ADDR n
    .quad isr_\n
.endm
.macro ADDR_N n
    ADDR %n
.endm
    .section .rodata
    .global isr_table
    .align 8
isr_table:
.set i, 0
.rept 256
    ADDR_N %i
    .set i, i+1
.endr
