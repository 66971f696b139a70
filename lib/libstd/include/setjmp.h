/*
 * setjmp.h - non-local jumps (src/setjmp/setjmp.S). setjmp() saves the callee-saved
 * registers, the stack pointer, its return address and the SSE/x87 control words;
 * longjmp() restores them, so setjmp returns again. Notes are not masked (there is no
 * signal mask to save), so sigsetjmp is not provided.
 */
#ifndef LIBSTD_SETJMP_H
#define LIBSTD_SETJMP_H

/** Saved context: rbx rbp r12-r15 rsp rip, then mxcsr and the x87 control word. */
typedef long jmp_buf[9];

/**
 * Save the calling context in @env.
 * @return 0 when called; the nonzero value of longjmp() when that returns here.
 */
int setjmp(jmp_buf env) __attribute__((returns_twice));

/**
 * Return to where setjmp(@env) was called, in the same thread, making it return @val
 * (1 if @val is 0). The function that called setjmp must not have returned; local
 * variables it changed after setjmp are indeterminate unless volatile. Never returns.
 */
_Noreturn void longjmp(jmp_buf env, int val);

/** C's setjmp may be a macro; _setjmp/_longjmp are the same calls here. */
#define _setjmp setjmp
#define _longjmp longjmp

#endif
