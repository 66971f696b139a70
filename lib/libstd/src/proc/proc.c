/*
 * proc.c - the process, time and futex system calls of sys/proc.h, each one raw stub
 * (internal/syscall.h) plus _std_result(). Threads are in thread.c.
 */
#include <stdlib.h>
#include <sys/proc.h>
#include "internal/env.h"
#include "internal/syscall.h"

pid_t spawne(const char **argv, const spawn_fd_t *fds, const char *cwd, const spawn_attr_t *attr,
             const char *const *envp)
{
    return _std_result(_sys_spawn(_SYS_PTR(argv), _SYS_PTR(fds), _SYS_PTR(cwd), _SYS_PTR(attr),
                                  _SYS_PTR(envp)));
}

pid_t spawn(const char **argv, const spawn_fd_t *fds, const char *cwd, const spawn_attr_t *attr)
{
    /* Held across the call: the kernel copies every string before it returns. */
    _std_env_lock();
    pid_t pid = spawne(argv, fds, cwd, attr, (const char *const *)environ);
    _std_env_unlock();
    return pid;
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

/* ---- notes: the kernel calls _std_note_entry(text, saved context) ---- */

static void (*note_handler)(const char *note);

_Noreturn void noted(void)
{
    _sys_noted();
    for (;;) /* only reached outside a handler: noted() then has nothing to resume */
        _sys_process_exit(_SYS_PTR("noted outside a note handler"));
}

static void _std_note_entry(const char *note, void *ctx)
{
    (void)ctx;
    void (*h)(const char *) = note_handler;
    if (h)
        h(note);
    noted();
}

int notify(void (*handler)(const char *note))
{
    note_handler = handler;
    int64_t rc = _sys_notify(handler ? _SYS_PTR(_std_note_entry) : 0);
    return rc < 0 ? (errno = (int)-rc, ERR) : 0;
}
