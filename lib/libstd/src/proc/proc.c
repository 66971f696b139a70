/*
 * proc.c - the process, time and futex system calls of sys/proc.h, each one raw stub
 * (internal/syscall.h) plus _std_result(). Threads are in thread.c.
 */
#include <sys/proc.h>
#include "internal/syscall.h"

pid_t spawn(const char **argv, const spawn_fd_t *fds, const char *cwd, const spawn_attr_t *attr)
{
    return _std_result(_sys_spawn(_SYS_PTR(argv), _SYS_PTR(fds), _SYS_PTR(cwd), _SYS_PTR(attr)));
}

_Noreturn void process_exit(const char *status)
{
    _sys_process_exit(_SYS_PTR(status));
    __builtin_trap();
}

pid_t getpid(void)
{
    return _sys_getpid();
}

tid_t gettid(void)
{
    return _sys_gettid();
}

void yield(void)
{
    _sys_yield();
}

int sleep(uint64_t ns)
{
    return (int)_std_result(_sys_sleep(ns));
}

uint64_t uptime(void)
{
    return (uint64_t)_sys_uptime();
}

uint64_t epoch(void)
{
    return (uint64_t)_sys_epoch();
}

int64_t futex(uint32_t *addr, uint32_t val, int op, uint64_t timeout_ns)
{
    return _std_result(_sys_futex(_SYS_PTR(addr), val, (uint64_t)op, timeout_ns));
}
