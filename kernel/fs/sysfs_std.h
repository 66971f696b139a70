/*
 * sysfs_std.h - the standard files at the top of sys: (fs/sysfs.h):
 *   sys:/zero  reads give zeros, writes are accepted and discarded (mmap: anonymous memory)
 *   sys:/null  reads give end of file, writes are accepted and discarded
 *   sys:/klog  the kernel log (log/log.h): each open reads from the oldest record kept,
 *              one line per record, "[seconds.micro] text\n" (the console's format);
 *              at the end a read waits for new lines unless opened `?nonblock`, which
 *              gives 0 (end of file) instead.
 */
#ifndef FS_SYSFS_STD_H
#define FS_SYSFS_STD_H

#include <stdbool.h>
#include "fs/file.h"

/**
 * Adds zero, null and klog to the sys: root. Idempotent; fs_init() calls it.
 * Locking: sysfs tree lock. May sleep. O(1).
 */
void sysfs_std_init(void);

/** Whether @f is an open sys:/zero. Locking: none. O(1). */
bool sysfs_std_is_zero(const file_t *f);

#endif
