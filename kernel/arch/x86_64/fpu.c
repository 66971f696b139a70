/*
 * fpu.c - SIMD state management. CR0.MP set and EM clear, CR4.OSFXSR and OSXMMEXCPT set
 * so SSE works and SIMD exceptions arrive as #XM; with XSAVE, CR4.OSXSAVE and XCR0 cover
 * x87, SSE and AVX when the CPU has AVX.
 */
#include "fpu.h"
#include "lib/hot.h"
#include "cpu.h"
#include "lib/string.h"

static int use_xsave;            /* written by the BSP's fpu_cpu_init */
static size_t state_size = 512;
static uint64_t xcr0 = 3;

void fpu_cpu_init(void)
{
    uint32_t r[4];
    cpu_cpuid(1, 0, r);
    uint64_t cr0, cr4;
    __asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
    cr0 = (cr0 & ~(1ull << 2)) | (1ull << 1); /* EM off, MP on */
    cr0 &= ~(1ull << 3);                      /* TS off */
    __asm__ volatile("mov %0, %%cr0" ::"r"(cr0));
    cr4 = cpu_read_cr4() | (1ull << 9) | (1ull << 10); /* OSFXSR, OSXMMEXCPT */
    use_xsave = (r[2] >> 26) & 1;
    if (use_xsave)
        cr4 |= 1ull << 18; /* OSXSAVE */
    __asm__ volatile("mov %0, %%cr4" ::"r"(cr4));
    if (use_xsave) {
        xcr0 = ((r[2] >> 28) & 1) ? 7 : 3; /* x87 | SSE (| AVX) */
        __asm__ volatile("xsetbv" ::"c"(0), "a"((uint32_t)xcr0), "d"((uint32_t)(xcr0 >> 32)));
        cpu_cpuid(0xd, 0, r);
        state_size = (r[1] + 63) & ~63ull; /* ebx: size for the enabled features */
    }
    __asm__ volatile("fninit");
}

size_t fpu_state_size(void)
{
    return state_size;
}

int fpu_uses_xsave(void)
{
    return use_xsave;
}

void fpu_state_init(void *area)
{
    memset(area, 0, state_size);
    uint16_t *fcw = area;
    uint32_t *mxcsr = (uint32_t *)((char *)area + 24);
    *fcw = 0x37f;     /* x87: all exceptions masked, double extended precision */
    *mxcsr = 0x1f80;  /* SSE: all exceptions masked, round to nearest */
}

HOT_PATH void fpu_save(void *area)
{
    if (use_xsave)
        __asm__ volatile("xsave64 (%0)" ::"r"(area), "a"((uint32_t)xcr0), "d"((uint32_t)(xcr0 >> 32)) : "memory");
    else
        __asm__ volatile("fxsave64 (%0)" ::"r"(area) : "memory");
}

HOT_PATH void fpu_restore(const void *area)
{
    if (use_xsave)
        __asm__ volatile("xrstor64 (%0)" ::"r"(area), "a"((uint32_t)xcr0), "d"((uint32_t)(xcr0 >> 32)) : "memory");
    else
        __asm__ volatile("fxrstor64 (%0)" ::"r"(area) : "memory");
}
