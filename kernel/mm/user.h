/*
 * user.h - the one way the kernel touches user memory. A user address is carried in a
 * uptr_t, which cannot be dereferenced; user_copy_from/to check that the whole range
 * lies in user space without wrapping, then copy with page faults recovered as -EFAULT,
 * so no user pointer can make the kernel fault or read kernel memory.
 */
#ifndef MM_USER_H
#define MM_USER_H

#include <stddef.h>
#include <stdint.h>

/** A user-space address: only this layer turns it into memory accesses. */
typedef struct uptr {
    uint64_t addr;
} uptr_t;

#define UPTR(x) ((uptr_t){(uint64_t)(x)})

/** 1 if [addr, addr + size) is inside user space and does not wrap. O(1). */
int user_range_ok(uint64_t addr, uint64_t size);
/** Copies n bytes from user memory. 0 or -EFAULT. May fault (recovered); O(n). */
int user_copy_from(void *dst, uptr_t src, size_t n);
/** Copies n bytes to user memory. 0 or -EFAULT. O(n). */
int user_copy_to(uptr_t dst, const void *src, size_t n);
/**
 * Copies a NUL-terminated string into dst (max bytes, NUL included, so at most max - 1
 * characters). Returns its length, -EFAULT, or -ENAMETOOLONG when no NUL comes within
 * max bytes. Reads nothing past the NUL's page. O(length).
 */
int64_t user_string(char *dst, uptr_t src, size_t max);
/**
 * One side of a transfer that may be kernel or user memory: a kernel buffer (k set),
 * or (k NULL) user memory at u, reached only through user_copy_from/to. Files that
 * take user buffers directly (file_ops_t.read_user) share their code with the kernel
 * paths through it.
 */
typedef struct iobuf {
    uint8_t *k;
    uptr_t u;
} iobuf_t;

#define IOBUF_KERNEL(p) ((iobuf_t){(uint8_t *)(p), UPTR(0)})
#define IOBUF_USER(up) ((iobuf_t){NULL, (up)})

/** Copies n bytes from src into b at offset off. 0 or -EFAULT (user side). O(n). */
int iobuf_put(iobuf_t b, size_t off, const void *src, size_t n);
/** Copies n bytes from b at offset off into dst. 0 or -EFAULT (user side). O(n). */
int iobuf_get(void *dst, iobuf_t b, size_t off, size_t n);
/** For the page fault handler: if rip is inside user_copy, sets *resume to its fault exit. */
int user_fault_fixup(uint64_t rip, uint64_t *resume);

#endif
