/*
 * fpu.h - the x87/SSE/AVX state of threads. The kernel itself never touches SIMD
 * registers (it is built with -mno-sse), so a thread's state is saved and restored only
 * at context switches: XSAVE/XRSTOR where the CPU has them, else FXSAVE/FXRSTOR.
 */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <stddef.h>

/**
 * Enables the FPU, SSE and (if present) XSAVE with every state XCR0 supports, and sets
 * the save-area size. Locking: once per CPU, on that CPU during bring-up, interrupts
 * off; the BSP's call comes before any thread exists. O(1).
 */
void fpu_cpu_init(void);
/**
 * Bytes a save area needs (64-byte aligned). Valid after the BSP's fpu_cpu_init.
 * Locking: none. O(1).
 */
size_t fpu_state_size(void);
/**
 * Fills area (64-byte aligned, fpu_state_size() bytes) with the clean initial state
 * (default control words, zero registers). Locking: none (caller owns area). O(state size).
 */
void fpu_state_init(void *area);
/** Saves this CPU's SIMD state into area. Locking: this CPU, interrupts off. O(state size). */
void fpu_save(void *area);
/** Loads area into this CPU's SIMD registers. Locking: as fpu_save(). O(state size). */
void fpu_restore(const void *area);
/** 1 if XSAVE is used, 0 for FXSAVE. Locking: none. O(1). */
int fpu_uses_xsave(void);

#endif
