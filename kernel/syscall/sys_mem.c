/*
 * sys_mem.c - mmap, munmap, mprotect on the O(1)-per-page VMM. Anonymous memory is an
 * mmap of an open sys:/zero (every page handed out is zeroed first). No range may touch
 * the kernel half or wrap: -EFAULT for a kernel address, -EINVAL for a bad size.
 * PROT_NONE maps pages readable: the page tables have no "present but inaccessible".
 * Shared memory is an mmap of an open sys:/shmem/<id> (ipc/shmem.h): its frames are
 * mapped VMM_SHARED, never owned, and each mapped page holds one reference on the
 * object that vmm's release hook drops when the page is unmapped (munmap or exit).
 * Device memory (sys:/fb0) comes from the file's mmap hook: its frames are mapped
 * neither owned nor shared, so unmapping leaves them alone, and cached (as the kernel's
 * direct map, the other alias of the same frames).
 */
#include <abi/errno.h>
#include "fs/vfs.h"
#include "ipc/shmem.h"
#include "mm/layout.h"
#include "mm/user.h"
#include "mm/vmm.h"
#include "proc/process.h"
#include "syscall/syscall.h"

#define MMAP_MAX (1ull << 40) /* one mapping: at most 1 TiB */

static unsigned prot_flags(uint64_t prot)
{
    unsigned f = VMM_USER | VMM_OWNED;
    f |= (prot & PROT_WRITE) ? VMM_WRITE : 0;
    f |= (prot & PROT_EXEC) ? VMM_EXEC : 0;
    return f;
}

/* Checks a user range: page aligned start, non-zero length rounded up to pages. */
static int range_check(uint64_t addr, uint64_t len, uint64_t *pages)
{
    if (len == 0 || len > MMAP_MAX || (addr & (PAGE_SIZE - 1)))
        return -EINVAL;
    if (addr >= LAYOUT_USER_END)
        return -EFAULT;
    *pages = (len + PAGE_SIZE - 1) / PAGE_SIZE;
    if (!user_range_ok(addr, *pages * PAGE_SIZE))
        return addr + *pages * PAGE_SIZE < addr ? -EINVAL : -EFAULT;
    return 0;
}

/* 1 if no page of the range is mapped; spans without page tables cost nothing. */
static int range_is_free(vmm_space_t *s, uint64_t addr, uint64_t pages)
{
    uint64_t end = addr + pages * PAGE_SIZE;
    for (uint64_t at = vmm_next_table(s, addr, end); at < end; at = vmm_next_table(s, at + PAGE_SIZE, end))
        if (vmm_query(s, at, 0, 0) == 0)
            return 0;
    return 1;
}

/* Maps the @pages reserved pages of the shared object behind @f at @addr; on failure
 * unmaps what it mapped and gives back the rest. p->mm_lock held. 0 or -ENOMEM. */
static int map_shared(process_t *p, file_t *f, uint64_t addr, uint64_t pages, uint64_t prot)
{
    unsigned fl = (prot_flags(prot) & ~VMM_OWNED) | VMM_SHARED;
    uint64_t i = 0;
    while (i < pages && !vmm_map(&p->space, addr + i * PAGE_SIZE, shmem_frame(f, i), fl))
        i++;
    if (i == pages)
        return 0;
    vmm_unmap_range(&p->space, addr, i); /* drops their references through the hook */
    shmem_unreserve(f, pages - i);
    return -ENOMEM;
}

/* mmap of a sys:/shmem file: the object's frames, shared. */
static int64_t mmap_shared(process_t *p, file_t *f, uint64_t hint, uint64_t len, uint64_t prot)
{
    uint64_t pages;
    int rc = range_check(hint ? hint : p->mmap_next, len, &pages);
    if (rc)
        return rc;
    rc = shmem_reserve(f, pages);
    if (rc)
        return rc;
    mutex_lock(&p->mm_lock);
    uint64_t addr = hint ? hint : p->mmap_next;
    if (hint && !range_is_free(&p->space, addr, pages))
        rc = -EEXIST;
    else if (!hint)
        p->mmap_next += (pages + 1) * PAGE_SIZE;
    if (rc)
        shmem_unreserve(f, pages);
    else
        rc = map_shared(p, f, addr, pages, prot);
    mutex_unlock(&p->mm_lock);
    return rc ? rc : (int64_t)addr;
}

/* mmap of device memory through f->ops->mmap: -ENODEV if the file has none to give.
 * Every page's frame is asked for before anything is mapped (validate, then commit). */
static int64_t mmap_device(process_t *p, file_t *f, uint64_t hint, uint64_t len, uint64_t prot)
{
    uint64_t pages, phys;
    if (!f->ops->mmap)
        return -ENODEV;
    int rc;
    if (f->ops->mmap(f, 0, 1, &phys) != 0) /* not device memory: maybe shared memory */
        return -ENODEV;
    if ((rc = range_check(hint ? hint : p->mmap_next, len, &pages)) != 0)
        return rc;
    if ((rc = f->ops->mmap(f, 0, pages, &phys)) != 0)
        return rc;
    unsigned fl = prot_flags(prot) & ~VMM_OWNED;
    mutex_lock(&p->mm_lock);
    uint64_t addr = hint ? hint : p->mmap_next;
    if (hint && !range_is_free(&p->space, addr, pages)) {
        mutex_unlock(&p->mm_lock);
        return -EEXIST;
    }
    if (!hint)
        p->mmap_next += (pages + 1) * PAGE_SIZE;
    uint64_t i = 0;
    for (; i < pages; i++)
        if ((rc = f->ops->mmap(f, i, pages, &phys)) != 0 ||
            (rc = vmm_map(&p->space, addr + i * PAGE_SIZE, phys, fl)) != 0)
            break;
    if (i < pages) /* out of memory for a table (or the device went away): undo */
        vmm_unmap_range(&p->space, addr, i);
    mutex_unlock(&p->mm_lock);
    return i < pages ? rc : (int64_t)addr;
}

static int64_t mmap_anonymous(process_t *p, uint64_t hint, uint64_t len, uint64_t prot)
{
    uint64_t pages;
    mutex_lock(&p->mm_lock); /* first: mmap_next is checked as it will be used */
    uint64_t addr = hint ? hint : p->mmap_next;
    int rc = range_check(addr, len, &pages);
    if (!rc && pages > pmm_free_count())
        rc = -ENOMEM; /* would only take every free frame from everyone, then fail */
    if (!rc && hint && !range_is_free(&p->space, addr, pages))
        rc = -EEXIST;
    if (rc) {
        mutex_unlock(&p->mm_lock);
        return rc;
    }
    uint64_t i = 0;
    for (; i < pages; i++) {
        paddr_t f = pmm_alloc_zeroed();
        if (!f || vmm_map(&p->space, addr + i * PAGE_SIZE, f, prot_flags(prot))) {
            if (f)
                pmm_free(f);
            break;
        }
    }
    if (i < pages) /* out of memory: undo */
        vmm_unmap_range(&p->space, addr, i);
    else if (!hint) /* only a mapping made uses up addresses: an unmapped page between */
        p->mmap_next = addr + (pages + 1) * PAGE_SIZE;
    mutex_unlock(&p->mm_lock);
    return i < pages ? -ENOMEM : (int64_t)addr;
}

int64_t sys_mmap(uint64_t fd, uint64_t hint, uint64_t len, uint64_t prot, uint64_t a4, uint64_t a5)
{
    (void)a4, (void)a5;
    process_t *p = process_current();
    if (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
        return -EINVAL;
    file_t *f = fdtable_get(&p->fds, (fd_t)fd);
    if (!f)
        return -EBADF;
    int64_t r;
    if (file_is_zero(f))
        r = mmap_anonymous(p, hint, len, prot);
    else if ((r = mmap_device(p, f, hint, len, prot)) == -ENODEV)
        r = mmap_shared(p, f, hint, len, prot); /* -ENODEV unless a sys:/shmem file */
    file_unref(f); /* after: the open keeps the object alive while we reserve */
    return r;
}

int64_t sys_munmap(uint64_t addr, uint64_t len, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a2, (void)a3, (void)a4, (void)a5;
    process_t *p = process_current();
    uint64_t pages;
    int rc = range_check(addr, len, &pages);
    if (rc)
        return rc;
    mutex_lock(&p->mm_lock);
    vmm_unmap_range(&p->space, addr, pages);
    mutex_unlock(&p->mm_lock);
    return 0;
}

int64_t sys_mprotect(uint64_t addr, uint64_t len, uint64_t prot, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a3, (void)a4, (void)a5;
    process_t *p = process_current();
    uint64_t pages;
    int rc = range_check(addr, len, &pages);
    if (rc)
        return rc;
    if (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
        return -EINVAL;
    mutex_lock(&p->mm_lock);
    for (uint64_t i = 0; i < pages && !rc; i++) /* all mapped, or change nothing */
        rc = vmm_query(&p->space, addr + i * PAGE_SIZE, 0, 0);
    for (uint64_t i = 0; i < pages && !rc; i++)
        vmm_protect(&p->space, addr + i * PAGE_SIZE, prot_flags(prot) & ~VMM_OWNED);
    if (!rc)
        vmm_flush(&p->space, addr, pages);
    mutex_unlock(&p->mm_lock);
    return rc ? -EFAULT : 0; /* a page not mapped: EFAULT, as sys/io.h documents */
}
