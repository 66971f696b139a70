/*
 * trap.h - interrupts and exceptions as the rest of the kernel sees them: the saved
 * register frame, handler registration for device vectors, and "trap catching", which
 * lets a test (and later the user-copy layer) expect a fault and resume past it.
 */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <stdint.h>

#define TRAP_DE 0
#define TRAP_BP 3
#define TRAP_UD 6
#define TRAP_DF 8
#define TRAP_GP 13
#define TRAP_PF 14
#define TRAP_EXCEPTIONS 32

/** The registers saved on entry, lowest address first (see isr.S). */
typedef struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss; /**< pushed by the CPU */
} trap_frame_t;

/** An expected exception: armed by its owner, filled in by the handler. */
typedef struct trap_catch {
    volatile int armed;     /**< 1 until the exception is seen */
    uint64_t vector;        /**< the vector expected */
    uint64_t skip;          /**< bytes to skip past the faulting instruction's rip */
    volatile uint64_t seen_vector, seen_rip, seen_cr2, seen_error;
} trap_catch_t;

typedef void (*trap_handler_t)(trap_frame_t *frame);

/** Installs the IDT on the calling CPU (built once, shared). Complexity: O(1) after the first call. */
void trap_cpu_init(void);
/** Routes vector (>= 32) to handler. Locking: call before the vector can fire. */
void trap_set_handler(uint8_t vector, trap_handler_t handler);
/**
 * Arms c on this CPU: the next exception `vector` in kernel mode is recorded in c and
 * execution resumes at the faulting rip + skip instead of panicking. Locking: the
 * catch belongs to the calling CPU; disarm with trap_catch_disarm(). Complexity: O(1).
 */
void trap_catch_arm(trap_catch_t *c, uint64_t vector, uint64_t skip);
/** Disarms the catch of the calling CPU. */
void trap_catch_disarm(void);
/** The name of an exception vector ("page fault"), or "interrupt". */
const char *trap_name(uint64_t vector);
/** Entry from isr.S. */
void trap_dispatch(trap_frame_t *frame);

#endif
