/*
 * thread_start.S - _std_thread_start, where every thread made by thread_create()
 * begins (src/proc/thread.c). The kernel enters it with rdi = the thread's control
 * block and FS base set to it; we align the stack ourselves (the ABI promises the
 * stack top we passed, which is aligned like after a call, but costs nothing to
 * re-check), end the frame chain and run _std_thread_main(tcb), which never returns.
 */
    .text
    .global _std_thread_start
    .type _std_thread_start, @function
_std_thread_start:
    xor %ebp, %ebp
    and $-16, %rsp
    call _std_thread_main
    ud2
    .size _std_thread_start, . - _std_thread_start

    .section .note.GNU-stack, "", @progbits
