/*
 * shmem.h - shared memory objects. Opening sys:/shmem/new creates an object and reading
 * that open returns its id: 16 hex digits of a 64-bit random key from the kernel's
 * generator (dev/random.h: ChaCha20 keyed from boot-time jitter, RDSEED/RDRAND when
 * present and interrupt timing), so ids cannot be predicted from earlier ones. The id is the
 * capability: the object's file sys:/shmem/<id> can be opened by anyone who knows it,
 * and mmap() of it (syscall/sys_mem.c) maps the object's frames. Design notes in
 * shmem.c; the page tables mark those mappings VMM_SHARED (mm/vmm.h).
 */
#ifndef IPC_SHMEM_H
#define IPC_SHMEM_H

#include <stdint.h>
#include "fs/file.h"
#include "mm/pmm.h"

/** Characters of an id (hex digits, no terminator). */
#define SHMEM_ID_LEN 16

/**
 * Makes sys:/shmem with its file `new`, starts the reaper thread (it removes the
 * `sys:/shmem/<id>` files of dead objects) and registers the VMM_SHARED release hook.
 * Panics when out of memory. Locking: boot, once. May sleep. O(1).
 */
void shmem_init(void);

/**
 * The mmap path: reserves @pages mapping references on the object behind @f (an open
 * of sys:/shmem/new or `sys:/shmem/<id>`). The first call on an object fixes its size to
 * @pages and allocates them zeroed.
 * @return 0, or -ENODEV
 *   (@f is not a shared-memory file), -EINVAL (@pages is larger than the object),
 *   -ENOMEM (no frames for the first mapping), -EIO (the object is dead).
 * The caller maps shmem_frame(f, 0..pages) with VMM_SHARED: each such page holds one
 * reference, dropped by vmm's release hook when it is unmapped. References it does not
 * turn into mappings it must give back with shmem_unreserve().
 * Locking: @f referenced by the caller (keeps the object alive); takes the object's
 * mutex, then the shmem spinlock. May sleep. O(pages).
 */
int shmem_reserve(file_t *f, uint64_t pages);

/**
 * The frame of page @i (< the reserved count) of the object behind @f, which the caller
 * has a shmem_reserve() on. Locking: none (fixed while reserved). O(1).
 */
paddr_t shmem_frame(file_t *f, uint64_t i);

/**
 * Gives back @pages references of a shmem_reserve() on @f that were never mapped.
 * Locking: @f referenced by the caller; shmem spinlock. Never sleeps. O(1).
 */
void shmem_unreserve(file_t *f, uint64_t pages);

/** Objects alive (tests: nothing leaked). Locking: none (racy read). O(1). */
uint64_t shmem_count(void);

#endif
