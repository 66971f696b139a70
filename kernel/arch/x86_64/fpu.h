/*
 * fpu.h - the x87/SSE/AVX state of threads. The kernel itself never touches SIMD
 * registers (it is built with -mno-sse), so a thread's state is saved and restored only
 * at context switches: XSAVE/XRSTOR where the CPU has them, else FXSAVE/FXRSTOR.
 */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <stddef.h>

/** Enables the FPU, SSE and (if present) XSAVE with every state XCR0 supports. Per CPU. */
void fpu_cpu_init(void);
/** Bytes a save area needs (64-byte aligned). Valid after the BSP's fpu_cpu_init. */
size_t fpu_state_size(void);
/** Fills area with the clean initial state (default control words, zero registers). */
void fpu_state_init(void *area);
/** Saves this CPU's SIMD state into area. O(state size). */
void fpu_save(void *area);
/** Loads area into this CPU's SIMD registers. O(state size). */
void fpu_restore(const void *area);
/** 1 if XSAVE is used, 0 for FXSAVE. */
int fpu_uses_xsave(void);

#endif
