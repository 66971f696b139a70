/*
 * setjmp.S - setjmp and longjmp (include/setjmp.h) for the System V x86_64 ABI.
 *
 * jmp_buf holds what a callee must preserve: rbx, rbp, r12-r15, the caller's rsp (just
 * above setjmp's return address) and that return address, plus the SSE control and
 * status register and the x87 control word, which are callee-saved control bits too.
 * longjmp restores them all and "returns" from setjmp a second time with its value
 * (1 when it is 0).
 */
    .text
    .global setjmp
    .type setjmp, @function
setjmp:
    mov %rbx, 0(%rdi)
    mov %rbp, 8(%rdi)
    mov %r12, 16(%rdi)
    mov %r13, 24(%rdi)
    mov %r14, 32(%rdi)
    mov %r15, 40(%rdi)
    lea 8(%rsp), %rdx           /* rsp as the caller sees it after we return */
    mov %rdx, 48(%rdi)
    mov (%rsp), %rdx            /* the return address */
    mov %rdx, 56(%rdi)
    stmxcsr 64(%rdi)
    fnstcw 68(%rdi)
    xor %eax, %eax
    ret
    .size setjmp, . - setjmp

    .global longjmp
    .type longjmp, @function
longjmp:
    mov %esi, %eax
    test %eax, %eax
    jnz 1f
    inc %eax                    /* longjmp(env, 0) makes setjmp return 1 */
1:
    ldmxcsr 64(%rdi)
    fldcw 68(%rdi)
    mov 0(%rdi), %rbx
    mov 8(%rdi), %rbp
    mov 16(%rdi), %r12
    mov 24(%rdi), %r13
    mov 32(%rdi), %r14
    mov 40(%rdi), %r15
    mov 48(%rdi), %rsp
    jmp *56(%rdi)
    .size longjmp, . - longjmp

    .section .note.GNU-stack, "", @progbits
