/*
 * trampoline.S - where an application processor starts: 16-bit real mode at the start
 * of a page below 1 MiB (STARTUP IPI vector = page number), code segment = page base.
 * It moves through 32-bit protected mode into long mode on the kernel's page tables
 * and jumps to smp_ap_entry(cpu). smp.c copies this blob to the page and fills the
 * data fields at the end (every address in them is absolute).
 */
    .section .rodata
    .global trampoline_start, trampoline_end
    .global tr_gdtr, tr_jmp32, tr_jmp64, tr_cr3, tr_stack, tr_cpu, tr_entry
    .code16
trampoline_start:
    cli
    cld
    mov %cs, %ax
    mov %ax, %ds
    xor %ebx, %ebx
    mov %cs, %bx
    shl $4, %ebx                        /* ebx = linear base of this page */
    lgdtl (tr_gdtr - trampoline_start)
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl *(tr_jmp32 - trampoline_start)

    .code32
tr_pm32:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov %cr4, %eax
    or $0x20, %eax                      /* PAE */
    mov %eax, %cr4
    mov (tr_cr3 - trampoline_start)(%ebx), %eax
    mov %eax, %cr3
    mov $0xc0000080, %ecx
    rdmsr
    or $0x900, %eax                     /* EFER.LME and NXE (the kernel tables use NX) */
    wrmsr
    mov %cr0, %eax
    or $0x80010001, %eax                /* PG | WP | PE */
    mov %eax, %cr0
    ljmpl *(tr_jmp64 - trampoline_start)(%ebx)

    .code64
tr_lm64:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov (tr_stack - trampoline_start)(%rbx), %rsp
    mov (tr_cpu - trampoline_start)(%rbx), %rdi
    mov (tr_entry - trampoline_start)(%rbx), %rax
    xor %ebp, %ebp
    call *%rax
1:  hlt
    jmp 1b

    .align 16
tr_gdt:
    .quad 0
    .quad 0x00cf9a000000ffff            /* 0x08: 32-bit code */
    .quad 0x00cf92000000ffff            /* 0x10: data */
    .quad 0x00af9a000000ffff            /* 0x18: 64-bit code */
tr_gdtr:
    .word 31
    .long 0                             /* filled: base + (tr_gdt - start) */
    .align 8
tr_jmp32:
    .long 0                             /* filled: base + (tr_pm32 - start) */
    .word 0x08
    .align 8
tr_jmp64:
    .long 0                             /* filled: base + (tr_lm64 - start) */
    .word 0x18
    .align 8
tr_cr3:
    .quad 0
tr_stack:
    .quad 0
tr_cpu:
    .quad 0
tr_entry:
    .quad 0
    .global tr_gdt_off, tr_pm32_off, tr_lm64_off
    .set tr_gdt_off, tr_gdt - trampoline_start
    .set tr_pm32_off, tr_pm32 - trampoline_start
    .set tr_lm64_off, tr_lm64 - trampoline_start
trampoline_end:
