/*
 * sys/proc.h - processes, threads and time (src/proc/).
 *
 * A process is started with spawn() (there is no fork/exec) and waited for by reading
 * sys:/proc/<pid>/wait, which returns its exit status, a string. Threads made with
 * thread_create() get a libstd-allocated stack (with a guard page) and thread control
 * block, so errno works in them; futex() is the one blocking primitive the locks of
 * libstd (and later C11 threads) are built on. Times are in nanoseconds.
 */
#ifndef LIBSTD_SYS_PROC_H
#define LIBSTD_SYS_PROC_H

#include <sys/types.h>

#define NS_PER_SEC 1000000000ull
#define NS_PER_MS 1000000ull
#define NS_PER_US 1000ull

#ifndef FUTEX_FOREVER
/** futex() FUTEX_WAIT timeout meaning "no time limit" (the kernel's convention: 0). */
#define FUTEX_FOREVER 0
#endif

/**
 * Start the program @argv[0] (a path) with the arguments @argv (NULL-terminated, at
 * most MAX_ARGS, MAX_ARGS_BYTES in all). @fds lists {child, parent} pairs ending with
 * child == SPAWN_FD_END saying which descriptors of ours the child gets where (NULL:
 * our 0, 1 and 2); @cwd is its current directory (NULL: ours); @attr its attributes
 * (NULL: defaults).
 * @return the child's pid, or ERR with errno: the path errors of sys/io.h; ENOEXEC (not
 * a valid executable); E2BIG (too many arguments); EBADF (a parent descriptor is not
 * open); EINVAL (a bad child descriptor or attribute); ENOMEM; EFAULT.
 */
pid_t spawn(const char **argv, const spawn_fd_t *fds, const char *cwd, const spawn_attr_t *attr);

/**
 * End the calling process, all its threads, with the exit status @status (at most
 * MAX_STATUS - 1 bytes are kept; "0" means success). Runs no atexit() functions (see
 * exit() in stdlib.h). Never returns.
 */
_Noreturn void process_exit(const char *status);

/** The calling process's id. Never fails. */
pid_t getpid(void);

/** The calling thread's id. Never fails. */
tid_t gettid(void);

/** Give the CPU to another ready thread, if there is one. Never fails. */
void yield(void);

/**
 * Sleep for at least @ns nanoseconds.
 * @return 0, or ERR with errno EINTR if a note interrupted the sleep.
 */
int sleep(uint64_t ns);

/** Nanoseconds since boot, monotonic. Never fails. */
uint64_t uptime(void);

/** Wall-clock time: nanoseconds since 1970-01-01 00:00 UTC. Never fails. */
uint64_t epoch(void);

/**
 * Start a thread in this process running @entry(@arg) on a new 256 KiB stack with a
 * guard page below it. Returning from @entry is thread_exit().
 * @return the new thread's id, or ERR with errno: ENOMEM (no memory for its stack, or
 * the kernel's limit of threads); EFAULT.
 */
tid_t thread_create(void (*entry)(void *arg), void *arg);

/**
 * End the calling thread, freeing the stack and control block thread_create() gave it;
 * the process ends when its last thread does. Never returns.
 */
_Noreturn void thread_exit(void);

/**
 * Registers handler for the process's notes (NULL removes it): a note interrupts one
 * thread on its way back to user mode (a blocked call fails with EINTR) and runs
 * handler(note text); when it returns, the thread resumes where it was. Without a
 * handler, or for "kill", a note ends the process with the note as its exit status.
 * Notes are sent by writing `sys:/proc/<pid>/note`. Returns 0 or ERR (EFAULT).
 */
int notify(void (*handler)(const char *note));
/** Ends a note handler early and resumes the interrupted code (returning does the same). */
_Noreturn void noted(void);

/**
 * Wait on or wake the 32-bit word at @addr. FUTEX_WAIT sleeps only if *@addr still
 * equals @val, until a FUTEX_WAKE on the same address or until @timeout_ns pass
 * (FUTEX_FOREVER, which is 0: no limit). FUTEX_WAKE wakes up to @val waiters and
 * ignores @timeout_ns. Waiters are matched by physical address, so a word in shared
 * memory works across processes.
 * @return FUTEX_WAIT: 0 once woken; FUTEX_WAKE: the count woken. ERR with errno:
 * EAGAIN (*@addr != @val); ETIMEDOUT; EINTR; EINVAL (bad @op); EFAULT (@addr not
 * 4-byte aligned, or not mapped).
 */
int64_t futex(uint32_t *addr, uint32_t val, int op, uint64_t timeout_ns);

#endif
