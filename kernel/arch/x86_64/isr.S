/*
 * isr.S - the 256 interrupt entry stubs and the common path. Each stub pushes a dummy
 * error code when the CPU did not, then its vector; the common path saves the general
 * registers into a trap_frame_t (trap.h), swaps GS when coming from user mode, and calls
 * trap_dispatch(frame). The stubs' addresses are in isr_table for idt.c.
 */
#include "regs.inc"

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

    .section .text.hot, "ax"
isr_common:
    testb $3, 24(%rsp)          /* cs of the interrupted code */
    jz 1f
    swapgs
1:  PUSH_REGS
    mov %rsp, %rdi
    call trap_dispatch
    POP_REGS
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
