/*
 * syscall.h - the system-call layer: per-CPU entry setup, the dispatch table generated
 * from include/abi/syscall.h, and the handlers' signature. Handlers are thin: they fetch
 * and check their arguments through mm/user.h, then call the subsystem.
 */
#ifndef SYSCALL_SYSCALL_H
#define SYSCALL_SYSCALL_H

#include <stdint.h>
#include <abi/syscall.h>
#include "arch/x86_64/trap.h"

/** Every handler takes the six raw argument registers and returns >= 0 or -errno. */
typedef int64_t (*syscall_handler_t)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

#define SYSCALL_DECLARE(num, name, args) \
    int64_t sys_##name(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5);
SYSCALL_LIST(SYSCALL_DECLARE)
#undef SYSCALL_DECLARE

/** Frees the cached path, I/O and spawn buffers (leak checks measure around it). O(cached). */
void syscall_trim(void);
/** The file calls' part of syscall_trim(). */
void syscall_fs_trim(void);
/** Programs the syscall MSRs (STAR, LSTAR, FMASK, EFER.SCE) of the calling CPU. */
void syscall_cpu_init(void);
/**
 * Entry from syscall.S with the saved user context: runs the handler, stores its result
 * in frame->rax. Returns 0 to leave by sysret, 1 when only iret can restore the frame.
 * Interrupts on during the handler; may sleep. O(1) plus the handler.
 */
int syscall_dispatch(trap_frame_t *frame);

#endif
