/*
 * entry.S - the kernel's first instructions. The loader jumps here with interrupts off,
 * its page tables loaded and rdi = boot_info_t* in the direct map; we move to the boot
 * stack in .bss and call kmain() (kernel/init/main.c), which never returns.
 */
    .section .text.entry, "ax"
    .global _start
    .type _start, @function
_start:
    cli
    cld
    lea boot_stack_top(%rip), %rsp
    xor %ebp, %ebp
    call kmain
1:  cli
    hlt
    jmp 1b

    .section .bss
    .align 16
boot_stack:
    .skip 32768
boot_stack_top:
