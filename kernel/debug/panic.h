/*
 * panic.h - stopping the machine on a broken kernel invariant: the reason, every
 * register, CR0/CR2/CR3/CR4 and a symbolised backtrace go to serial and screen; in test
 * mode QEMU is then told to exit with PANIC_EXIT_CODE.
 */
#ifndef DEBUG_PANIC_H
#define DEBUG_PANIC_H

#include "arch/x86_64/trap.h"

#define PANIC_EXIT_CODE 0x11 /**< isa-debug-exit code after a panic (QEMU exits 35) */

/** Panics with a formatted reason and the caller's registers. Never returns. */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);
/** Panics with the registers of an interrupted context. Never returns. */
__attribute__((noreturn, format(printf, 2, 3))) void panic_frame(const trap_frame_t *f, const char *fmt, ...);
/** Sets whether a panic exits QEMU (test mode). Written once at boot. */
void panic_set_test_mode(int on);
/** True once some CPU has started to panic. */
int panic_in_progress(void);
/** Prints a backtrace from frame pointer rbp (at most 32 frames). */
void panic_backtrace(uint64_t rbp);

/** Panics if cond is false: for kernel invariants only, never for user input. */
#define ASSERT(cond)                                                                    \
    do {                                                                                \
        if (!(cond))                                                                    \
            panic("assertion failed: %s at %s:%d", #cond, __FILE__, __LINE__);          \
    } while (0)

#endif
