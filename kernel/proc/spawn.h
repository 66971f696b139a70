/*
 * spawn.h - starting a program in a new process: the executable is read and checked,
 * the address space, stack, arguments and descriptors are prepared, and only then is
 * the first thread started. A missing, unreadable or malformed executable fails the
 * call itself; no half-made process is ever visible.
 */
#ifndef PROC_SPAWN_H
#define PROC_SPAWN_H

#include <stddef.h>
#include <abi/types.h>
#include "proc/process.h"

#define SPAWN_STACK_PAGES 16                    /**< 64 KiB main stack */
#define SPAWN_STACK_TOP 0x00007ffffff00000ull   /**< the page above it stays unmapped */
#define SPAWN_MAX_IMAGE (64ull << 20)           /**< executables larger than this: -E2BIG */

/** A spawn request, already copied into kernel memory and checked for form. */
typedef struct spawn_req {
    const char **argv;          /**< argc strings; argv[0] is the executable's path */
    size_t argc;
    const char **envp;          /**< envc "NAME=value" strings (NULL if envc is 0) */
    size_t envc;
    const spawn_fd_t *fds;      /**< pairs, or NULL: the parent's 0, 1, 2 */
    size_t fd_count;
    const char *cwd;            /**< the child's, relative to parent_cwd, or NULL: the parent's */
    const char *parent_cwd;     /**< a copy of the parent's current directory ("home:/" if none) */
    int prio;                   /**< 0..31 */
    struct file *std[3];        /**< with no parent: the files for descriptors 0, 1, 2 */
} spawn_req_t;

/** Frees the cached executable buffer (leak checks). O(1). */
void spawn_trim(void);

/**
 * Spawns req as a child of parent (NULL: no parent, e.g. init). The child's stack gets
 * req's argument and environment strings and the argv array followed at once by the
 * envp array (see spawn_build_stack). Returns the pid, or -ENOENT / -ENOTDIR / -EISDIR
 * (no such executable), -ENOEXEC (malformed), -E2BIG, -EBADF (a parent descriptor in
 * fds is not open), -EINVAL, -ENOMEM. May sleep.
 */
pid_t spawn_process(process_t *parent, const spawn_req_t *req);

#endif
