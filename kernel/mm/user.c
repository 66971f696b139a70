/*
 * user.c - checked user-memory access. Copies go through user_copy (syscall.S), whose
 * instructions the page-fault handler recognises: a fault there on a user address
 * resumes at user_copy_fault, which returns -EFAULT to the caller.
 */
#include "user.h"
#include "lib/hot.h"
#include <abi/errno.h>
#include "lib/string.h"
#include "mm/layout.h"

extern int user_copy(void *dst, const void *src, size_t n);
extern char user_copy_start[], user_copy_end[], user_copy_fault[];

HOT_PATH int user_range_ok(uint64_t addr, uint64_t size)
{
    return addr < LAYOUT_USER_END && size <= LAYOUT_USER_END - addr && addr >= 4096;
}

HOT_PATH int user_copy_from(void *dst, uptr_t src, size_t n)
{
    if (!user_range_ok(src.addr, n))
        return -EFAULT;
    return user_copy(dst, (const void *)src.addr, n);
}

HOT_PATH int user_copy_to(uptr_t dst, const void *src, size_t n)
{
    if (!user_range_ok(dst.addr, n))
        return -EFAULT;
    return user_copy((void *)dst.addr, src, n);
}

HOT_PATH int iobuf_put(iobuf_t b, size_t off, const void *src, size_t n)
{
    if (b.k) {
        memcpy(b.k + off, src, n);
        return 0;
    }
    return user_copy_to(UPTR(b.u.addr + off), src, n);
}

HOT_PATH int iobuf_get(void *dst, iobuf_t b, size_t off, size_t n)
{
    if (b.k) {
        memcpy(dst, b.k + off, n);
        return 0;
    }
    return user_copy_from(dst, UPTR(b.u.addr + off), n);
}

int64_t user_string(char *dst, uptr_t src, size_t max)
{
    size_t n = 0;
    while (n < max) {
        /* one page at a time: stop at the NUL without touching the next page */
        size_t chunk = 4096 - ((src.addr + n) & 4095);
        if (chunk > max - n)
            chunk = max - n;
        if (user_copy_from(dst + n, UPTR(src.addr + n), chunk))
            return -EFAULT;
        for (size_t i = 0; i < chunk; i++)
            if (dst[n + i] == 0)
                return (int64_t)(n + i);
        n += chunk;
    }
    if (max)
        dst[max - 1] = 0;
    return -ENAMETOOLONG;
}

int user_fault_fixup(uint64_t rip, uint64_t *resume)
{
    if (rip < (uint64_t)user_copy_start || rip >= (uint64_t)user_copy_end)
        return 0;
    *resume = (uint64_t)user_copy_fault;
    return 1;
}
