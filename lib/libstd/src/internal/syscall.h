/*
 * syscall.h - libstd's raw system-call stubs, generated from the one list in
 * include/abi/syscall.h: for every X(num, name, args) there is an inline
 * _sys_<name>(a1, ..., aN) that returns the kernel's raw result (>= 0, or -errno).
 * The public wrappers (src/io/, src/proc/) turn a negative result into ERR and errno
 * with _std_result(). Nothing here touches errno, so crt0 may use it before the TCB.
 */
#ifndef LIBSTD_INTERNAL_SYSCALL_H
#define LIBSTD_INTERNAL_SYSCALL_H

#include <errno.h>
#include <stdint.h>
#include <abi/syscall.h>

/*
 * The kernel clobbers rcx and r11 (the syscall instruction) and may clobber the
 * argument registers; every other register, the flags' direction bit and the SIMD
 * state survive.
 */
static inline int64_t _syscall6(uint64_t num, uint64_t a1, uint64_t a2, uint64_t a3,
                                uint64_t a4, uint64_t a5, uint64_t a6)
{
    register uint64_t r10 __asm__("r10") = a4;
    register uint64_t r8 __asm__("r8") = a5;
    register uint64_t r9 __asm__("r9") = a6;
    __asm__ volatile("syscall"
                     : "+a"(num), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8), "+r"(r9)
                     :
                     : "rcx", "r11", "memory");
    return (int64_t)num;
}

#define _SYS_PARAMS_0 void
#define _SYS_PARAMS_1 uint64_t a1
#define _SYS_PARAMS_2 uint64_t a1, uint64_t a2
#define _SYS_PARAMS_3 uint64_t a1, uint64_t a2, uint64_t a3
#define _SYS_PARAMS_4 uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4
#define _SYS_PARAMS_5 uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5
#define _SYS_PARAMS_6 uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6
#define _SYS_ARGS_0 0, 0, 0, 0, 0, 0
#define _SYS_ARGS_1 a1, 0, 0, 0, 0, 0
#define _SYS_ARGS_2 a1, a2, 0, 0, 0, 0
#define _SYS_ARGS_3 a1, a2, a3, 0, 0, 0
#define _SYS_ARGS_4 a1, a2, a3, a4, 0, 0
#define _SYS_ARGS_5 a1, a2, a3, a4, a5, 0
#define _SYS_ARGS_6 a1, a2, a3, a4, a5, a6

#define _SYS_STUB(num, name, args)                                \
    static inline int64_t _sys_##name(_SYS_PARAMS_##args)         \
    {                                                             \
        return _syscall6(num, _SYS_ARGS_##args);                  \
    }
SYSCALL_LIST(_SYS_STUB)
#undef _SYS_STUB

/** Cast a pointer argument for a _sys_* stub. */
#define _SYS_PTR(p) ((uint64_t)(uintptr_t)(p))

/** A raw result as libstd returns it: @r itself if >= 0, else ERR with errno = -@r. */
static inline int64_t _std_result(int64_t r)
{
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

#endif
