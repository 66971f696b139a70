/*
 * syscall.h - the one list of system calls. The kernel's dispatch table (kernel/syscall/)
 * and libstd's stubs are both generated from SYSCALL_LIST, so adding a call touches this
 * list, one handler and one libstd wrapper.
 *
 * Convention: `syscall` with the number in rax and up to six arguments in rdi, rsi, rdx,
 * r10, r8, r9; the result comes back in rax: >= 0 on success, -errno on failure.
 */
#ifndef ABI_SYSCALL_H
#define ABI_SYSCALL_H

/* X(number, name, argument count) */
#define SYSCALL_LIST(X)        \
    X(0, process_exit, 1)      \
    X(1, thread_exit, 0)       \
    X(2, spawn, 5)             \
    X(3, sleep, 1)             \
    X(4, uptime, 0)            \
    X(5, epoch, 0)             \
    X(6, getpid, 0)            \
    X(7, gettid, 0)            \
    X(8, yield, 0)             \
    X(9, thread_create, 4)     \
    X(10, futex, 4)            \
    X(11, open, 1)             \
    X(12, open2, 2)            \
    X(13, close, 1)            \
    X(14, read, 3)             \
    X(15, write, 3)            \
    X(16, seek, 3)             \
    X(17, dup, 1)              \
    X(18, dup2, 2)             \
    X(19, stat, 2)             \
    X(20, getdirent, 3)        \
    X(21, mkdir, 1)            \
    X(22, remove, 1)           \
    X(23, rename, 2)           \
    X(24, link, 2)             \
    X(25, chdir, 1)            \
    X(26, ioctl, 4)            \
    X(27, mmap, 4)             \
    X(28, munmap, 2)           \
    X(29, mprotect, 3)         \
    X(30, set_tls, 1)          \
    X(31, notify, 1)           \
    X(32, noted, 0)            \
    X(33, poll, 3)

#define SYSCALL_ENUM(num, name, args) SYS_##name = num,
/** System call numbers: SYS_open, SYS_read, ... */
enum syscall_number { SYSCALL_LIST(SYSCALL_ENUM) SYSCALL_COUNT };
#undef SYSCALL_ENUM

#endif
