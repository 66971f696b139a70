/*
 * cpu.h - single x86_64 instructions wrapped as inline functions: port I/O, control and
 * model-specific registers, the TSC, interrupt flag and halting. No state lives here.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>

static inline void cpu_outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port)); }
static inline void cpu_outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" ::"a"(v), "Nd"(port)); }
static inline uint8_t cpu_inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}
static inline uint64_t cpu_rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}
static inline uint64_t cpu_rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}
static inline void cpu_wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}
#define CPU_READ_CR(n)                                            \
    static inline uint64_t cpu_read_cr##n(void)                   \
    {                                                             \
        uint64_t v;                                               \
        __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));         \
        return v;                                                 \
    }
CPU_READ_CR(0)
CPU_READ_CR(2)
CPU_READ_CR(3)
CPU_READ_CR(4)
static inline void cpu_write_cr3(uint64_t v) { __asm__ volatile("mov %0, %%cr3" ::"r"(v) : "memory"); }
static inline uint64_t cpu_flags(void)
{
    uint64_t f;
    __asm__ volatile("pushfq; popq %0" : "=r"(f));
    return f;
}
static inline void cpu_cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void cpu_sti(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void cpu_halt(void) { __asm__ volatile("hlt" ::: "memory"); }
static inline void cpu_pause(void) { __asm__ volatile("pause" ::: "memory"); }
static inline void cpu_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

/** Stops this CPU for good: interrupts off, halt forever. */
__attribute__((noreturn)) static inline void cpu_stop(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

#define CPU_FLAG_IF 0x200ull

#endif
