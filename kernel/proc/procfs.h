/*
 * procfs.h - sys:/proc/<pid>/: ctl (commands), wait (blocks until exit, then the exit
 * status), status, cmdline, cwd, note and parent (the parent's pid, 0 when it has none);
 * sys:/proc/self names the caller's own directory (the system-call layer rewrites it,
 * see procfs_rewrite_self). A ctl write fails with EACCES (not the process or an
 * ancestor), EINVAL (malformed), or EDEADLK (`wait` on the writer's own process, which
 * could never end while the writer waits).
 */
#ifndef PROC_PROCFS_H
#define PROC_PROCFS_H

#include <stddef.h>
#include "proc/process.h"

/** Creates sys:/proc and starts the reaper thread. Once, after fs_init. */
void procfs_init(void);
/** Publishes p's directory (when its first thread is about to start). 0 or -ENOMEM. */
int procfs_add(process_t *p);
/**
 * Frees a process whose last reference is gone: its directory is removed by the reaper
 * thread, never from inside one of the directory's own callbacks. O(1) here.
 */
void procfs_release(process_t *p);
/**
 * Rewrites "sys:/proc/self..." in path (in place, size bytes) to the caller's pid.
 * Returns 0, or -ENAMETOOLONG if the result does not fit. O(length).
 */
int procfs_rewrite_self(char *path, size_t size);

#endif
