/*
 * crt0.S - _start, the entry point of every program (the ELF entry, see user.ld).
 *
 * The kernel enters with argc in rdi, argv in rsi (argv[argc] == NULL, and the
 * environment array follows it: envp = argv + argc + 1) and rsp 16-byte aligned; nothing else is assumed (rbp, FS base). We realign rsp anyway, end the
 * frame chain for debuggers and backtraces, and continue in C: _std_start() in start.c.
 */
    .section .text.start, "ax", @progbits
    .global _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    and $-16, %rsp
    call _std_start
    ud2
    .size _start, . - _start

    .section .note.GNU-stack, "", @progbits
