/*
 * gdt.h - segments and the task state segment. Every CPU has its own GDT and TSS (the
 * TSS holds that CPU's interrupt stacks), built by gdt_cpu_init() on that CPU.
 */
#ifndef ARCH_GDT_H
#define ARCH_GDT_H

#include <stdint.h>

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_DATA 0x1b /* sysret wants user data right before user code */
#define GDT_USER_CODE 0x23
#define GDT_TSS 0x28

#define GDT_IST_DOUBLE_FAULT 1
#define GDT_IST_NMI 2
#define GDT_IST_MACHINE_CHECK 3
#define GDT_IST_STACK_SIZE 8192

/** The 64-bit task state segment (only stack pointers matter in long mode). */
typedef struct __attribute__((packed)) gdt_tss {
    uint32_t reserved0;
    uint64_t rsp[3]; /**< stacks for entries from rings 0-2; rsp[0] is set per thread */
    uint64_t reserved1;
    uint64_t ist[7]; /**< interrupt stack table: ist[0] is IST 1 */
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} gdt_tss_t;

/** One CPU's descriptor tables and its emergency stacks. Owned by that CPU. */
typedef struct gdt_cpu {
    uint64_t gdt[7];
    gdt_tss_t tss;
    uint8_t ist_stacks[3][GDT_IST_STACK_SIZE] __attribute__((aligned(16)));
} gdt_cpu_t;

/**
 * Builds and loads the GDT and TSS of the calling CPU and reloads every segment.
 * Locking: none (per-CPU data, called once on that CPU during bring-up, interrupts
 * off). Never sleeps. Complexity: O(1).
 */
void gdt_cpu_init(gdt_cpu_t *cpu);

#endif
