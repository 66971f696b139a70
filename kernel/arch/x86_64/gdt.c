/*
 * gdt.c - per-CPU GDT and TSS. Flat 64-bit code/data segments for ring 0 and ring 3 and
 * one TSS whose IST entries give #DF, NMI and #MC known-good stacks even when the current
 * kernel stack is what broke.
 */
#include "gdt.h"

#define SEG_CODE64 0x00af9a000000ffffull /* present, ring 0, code, long mode */
#define SEG_DATA 0x00cf92000000ffffull   /* present, ring 0, data, writable */
#define SEG_RING3 (3ull << 45)

static void gdt_load(gdt_cpu_t *cpu)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } desc = {sizeof(cpu->gdt) - 1, (uint64_t)cpu->gdt};
    __asm__ volatile("lgdt %0\n\t"
                     "mov %1, %%ds\n\tmov %1, %%es\n\tmov %1, %%ss\n\t"

                     "pushq %2\n\tlea 1f(%%rip), %%rax\n\tpushq %%rax\n\tlretq\n1:\n\t"
                     "ltr %w3"
                     :
                     : "m"(desc), "r"((uint64_t)GDT_KERNEL_DATA), "i"(GDT_KERNEL_CODE), "r"((uint16_t)GDT_TSS)
                     : "rax", "memory");
}

void gdt_cpu_init(gdt_cpu_t *cpu)
{
    uint64_t tss = (uint64_t)&cpu->tss;
    uint64_t limit = sizeof(cpu->tss) - 1;
    cpu->gdt[0] = 0;
    cpu->gdt[1] = SEG_CODE64;
    cpu->gdt[2] = SEG_DATA;
    cpu->gdt[3] = SEG_DATA | SEG_RING3;
    cpu->gdt[4] = SEG_CODE64 | SEG_RING3;
    cpu->gdt[5] = (limit & 0xffff) | ((tss & 0xffffff) << 16) | (0x89ull << 40) | ((limit >> 16 & 0xf) << 48) |
                  ((tss >> 24 & 0xff) << 56);
    cpu->gdt[6] = tss >> 32;
    for (int i = 0; i < 3; i++)
        cpu->tss.ist[i] = (uint64_t)cpu->ist_stacks[i] + GDT_IST_STACK_SIZE;
    cpu->tss.iomap_base = sizeof(cpu->tss);
    gdt_load(cpu);
}
