/*
 * fs.h - bringing the filesystems up: the VFS, home: (a ramfs filled from the RAM disk
 * the loader handed over) and sys: (sysfs with its standard files). The pieces are
 * fs/vfs.h, fs/ramfs.h, fs/sysfs.h and fs/sysfs_std.h.
 */
#ifndef FS_FS_H
#define FS_FS_H

#include <abi/boot_info.h>

/**
 * Initialises the VFS, mounts home: with the RAM disk of @bi loaded into a ramfs (an
 * empty one, with an error logged, if @bi has no RAM disk or it is damaged) and sys:.
 * Idempotent: later calls return at once (kernel tests call it themselves).
 * Call after kmalloc_init() and sched_init(), with interrupts enabled.
 * Locking: the VFS and sysfs locks. May sleep. Time: O(RAM disk size).
 */
void fs_init(const boot_info_t *bi);

#endif
