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

/**
 * Installs the IDT on the calling CPU (built on the first call, then shared). Locking:
 * the boot CPU's call comes before other CPUs start; then each AP on itself during
 * bring-up. Complexity: O(256) on the first call, O(1) after.
 */
void trap_cpu_init(void);
/**
 * Routes vector (>= 32) to handler, which runs with interrupts off. Locking: none (plain
 * store); call before the vector can fire. Complexity: O(1).
 */
void trap_set_handler(uint8_t vector, trap_handler_t handler);
/**
 * Arms c for the calling thread: the next exception `vector` it raises in kernel mode
 * is recorded in c and execution resumes at the faulting rip + skip instead of
 * panicking. The catch follows the thread across CPUs. Locking: the thread's own
 * field, no lock. Complexity: O(1).
 */
void trap_catch_arm(trap_catch_t *c, uint64_t vector, uint64_t skip);
/** Disarms the calling thread's catch. Locking: as trap_catch_arm(). Complexity: O(1). */
void trap_catch_disarm(void);
/**
 * The name of an exception vector ("page fault"), or "interrupt". Locking: none.
 * Complexity: O(1).
 */
const char *trap_name(uint64_t vector);
/**
 * Entry from isr.S, interrupts off. Device vectors run their handler, then
 * sched_irq_exit() (may switch threads); a caught or fixed-up kernel fault resumes, any
 * other kernel fault panics; a fault in user mode ends the process (never returns, may
 * sleep). Complexity: O(1) + the handler.
 */
void trap_dispatch(trap_frame_t *frame);

#endif
