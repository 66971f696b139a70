/*
 * vmm.c - page tables. A walk goes PML4 -> PDPT -> PD -> PT, creating missing tables
 * when asked; tables are reached through the direct map. The PTE's available bits keep
 * per-mapping state: PTE_OWNED (free the frame on unmap), PTE_SHARED (the frame belongs
 * to a shared object: unmapping it calls the registered release hook, see
 * vmm_set_shared_release) and, in a non-present entry, PTE_GUARD (a guard page, so a
 * fault there is named a stack overflow).
 */
#include "vmm.h"
#include "lib/hot.h"
#include <abi/errno.h>
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/tlb.h"
#include "debug/panic.h"
#include "lib/string.h"
#include "mm/layout.h"

#define PTE_P 0x1ull
#define PTE_W 0x2ull
#define PTE_U 0x4ull
#define PTE_PWT 0x8ull
#define PTE_PCD 0x10ull
#define PTE_PS 0x80ull
#define PTE_G 0x100ull
#define PTE_OWNED 0x200ull
#define PTE_GUARD 0x400ull
#define PTE_SHARED 0x800ull
#define PTE_NX (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull

static vmm_space_t kernel_space;
static int nx_ok; /* written once by vmm_init */
static void (*shared_release)(paddr_t frame); /* written once by vmm_set_shared_release */

vmm_space_t *vmm_kernel_space(void)
{
    return &kernel_space;
}

static uint64_t *table_of(uint64_t entry)
{
    return PHYS_TO_VIRT(entry & PTE_ADDR);
}

static int is_canonical(uint64_t v)
{
    return v < LAYOUT_USER_END || v >= LAYOUT_KERNEL_HALF;
}

/* Returns the PTE for virt, creating tables if create; NULL if absent or a huge page. */
static uint64_t *vmm_walk(paddr_t pml4, uint64_t virt, int create)
{
    uint64_t *t = PHYS_TO_VIRT(pml4);
    uint64_t up = virt < LAYOUT_USER_END ? PTE_U : 0;
    for (int shift = 39; shift > 12; shift -= 9) {
        uint64_t *e = &t[(virt >> shift) & 511];
        if (!(*e & PTE_P)) {
            paddr_t f = create ? pmm_alloc_zeroed() : 0;
            if (!f)
                return 0;
            *e = f | PTE_P | PTE_W | up;
        } else if (*e & PTE_PS) {
            return 0;
        }
        t = table_of(*e);
    }
    return &t[(virt >> 12) & 511];
}

static uint64_t pte_flags(unsigned flags)
{
    uint64_t f = PTE_P;
    f |= (flags & VMM_WRITE) ? PTE_W : 0;
    f |= (flags & VMM_USER) ? PTE_U : PTE_G;
    f |= (flags & VMM_NOCACHE) ? PTE_PCD | PTE_PWT : 0;
    f |= (flags & VMM_OWNED) ? PTE_OWNED : 0;
    f |= (flags & VMM_SHARED) ? PTE_SHARED : 0;
    f |= (!(flags & VMM_EXEC) && nx_ok) ? PTE_NX : 0;
    return f;
}

static unsigned vmm_flags(uint64_t pte)
{
    unsigned f = 0;
    f |= (pte & PTE_W) ? VMM_WRITE : 0;
    f |= (pte & PTE_U) ? VMM_USER : 0;
    f |= (pte & PTE_PCD) ? VMM_NOCACHE : 0;
    f |= (pte & PTE_OWNED) ? VMM_OWNED : 0;
    f |= (pte & PTE_SHARED) ? VMM_SHARED : 0;
    f |= (pte & PTE_NX) ? 0 : VMM_EXEC;
    return f;
}

static int vmm_check(uint64_t virt, unsigned flags)
{
    if ((virt & (PAGE_SIZE - 1)) || !is_canonical(virt))
        return -EINVAL;
    if (!!(flags & VMM_USER) != (virt < LAYOUT_USER_END))
        return -EINVAL;
    return 0;
}

int vmm_map(vmm_space_t *s, uint64_t virt, paddr_t phys, unsigned flags)
{
    int rc = vmm_check(virt, flags);
    if (rc || (phys & (PAGE_SIZE - 1)))
        return rc ? rc : -EINVAL;
    spinlock_lock(&s->lock);
    uint64_t *pte = vmm_walk(s->pml4, virt, 1);
    if (!pte)
        rc = -ENOMEM;
    else if (*pte & PTE_P)
        rc = -EEXIST;
    else
        *pte = phys | pte_flags(flags);
    spinlock_unlock(&s->lock);
    return rc;
}

int vmm_unmap(vmm_space_t *s, uint64_t virt, paddr_t *phys)
{
    if ((virt & (PAGE_SIZE - 1)) || !is_canonical(virt))
        return -EINVAL;
    spinlock_lock(&s->lock);
    uint64_t *pte = vmm_walk(s->pml4, virt, 0);
    uint64_t old = pte ? *pte : 0;
    if (old & PTE_P)
        *pte = 0; /* a non-present entry may hold a guard mark or a free-list link */
    spinlock_unlock(&s->lock);
    if (!(old & PTE_P))
        return -ENOENT;
    if (phys)
        *phys = old & PTE_ADDR;
    return (old & PTE_OWNED) ? 1 : (old & PTE_SHARED) ? 2 : 0;
}

void vmm_set_shared_release(void (*release)(paddr_t frame))
{
    shared_release = release;
}

/* A shared frame's mapping is gone (after the flush): tell its owner. */
static void release_shared(paddr_t frame)
{
    if (shared_release)
        shared_release(frame);
}

/* The bytes from @virt to the end of the region around it that no page table covers
 * (a missing PML4, PDPT or PD entry), or 0 if a page table for @virt exists. s->lock. */
static uint64_t vmm_hole_at(vmm_space_t *s, uint64_t virt)
{
    uint64_t *t = PHYS_TO_VIRT(s->pml4);
    for (int shift = 39; shift > 12; shift -= 9) {
        uint64_t e = t[(virt >> shift) & 511];
        if (!(e & PTE_P) || (e & PTE_PS))
            return (e & PTE_P) ? 0 : ((virt | ((1ull << shift) - 1)) + 1) - virt;
        t = table_of(e);
    }
    return 0;
}

uint64_t vmm_next_table(vmm_space_t *s, uint64_t virt, uint64_t end)
{
    spinlock_lock(&s->lock);
    while (virt < end && is_canonical(virt)) {
        uint64_t hole = vmm_hole_at(s, virt);
        if (!hole)
            break;
        virt = virt + hole < virt ? end : virt + hole; /* the last hole may end at 2^64 */
    }
    spinlock_unlock(&s->lock);
    return virt < end ? virt : end;
}

void vmm_unmap_range(vmm_space_t *s, uint64_t virt, size_t pages)
{
    enum { BATCH = 64 };
    paddr_t owned[BATCH], shared[BATCH];
    uint64_t end = virt + pages * PAGE_SIZE;
    /* page by page where tables exist; whole tables' spans at once where they do not,
     * so a huge, mostly empty range costs what is mapped in it, not its size */
    for (uint64_t at = vmm_next_table(s, virt, end); at < end; at = vmm_next_table(s, at, end)) {
        size_t n = (end - at) / PAGE_SIZE < BATCH ? (end - at) / PAGE_SIZE : BATCH, k = 0, m = 0, hit = 0;
        for (size_t i = 0; i < n; i++) {
            paddr_t f;
            int r = vmm_unmap(s, at + i * PAGE_SIZE, &f);
            hit += r >= 0;
            if (r == 1)
                owned[k++] = f;
            else if (r == 2)
                shared[m++] = f;
        }
        if (hit)
            vmm_flush(s, at, n);
        while (k) /* only now: no CPU can still reach them through a stale TLB entry */
            pmm_free(owned[--k]);
        while (m)
            release_shared(shared[--m]);
        at += n * PAGE_SIZE;
    }
}

int vmm_protect(vmm_space_t *s, uint64_t virt, unsigned flags)
{
    int rc = vmm_check(virt, flags);
    if (rc)
        return rc;
    spinlock_lock(&s->lock);
    uint64_t *pte = vmm_walk(s->pml4, virt, 0);
    if (!pte || !(*pte & PTE_P))
        rc = -ENOENT;
    else
        *pte = (*pte & (PTE_ADDR | PTE_OWNED | PTE_SHARED)) | pte_flags(flags & ~(VMM_OWNED | VMM_SHARED));
    spinlock_unlock(&s->lock);
    return rc;
}

int vmm_query(vmm_space_t *s, uint64_t virt, paddr_t *phys, unsigned *flags)
{
    if (!is_canonical(virt))
        return -EINVAL;
    spinlock_lock(&s->lock);
    uint64_t *pte = vmm_walk(s->pml4, virt & ~(PAGE_SIZE - 1), 0);
    uint64_t v = pte ? *pte : 0;
    spinlock_unlock(&s->lock);
    if (!(v & PTE_P))
        return -ENOENT;
    if (phys)
        *phys = v & PTE_ADDR;
    if (flags)
        *flags = vmm_flags(v);
    return 0;
}

int vmm_is_guard(uint64_t addr)
{
    if (addr < LAYOUT_KAREA_BASE || addr >= LAYOUT_KAREA_BASE + LAYOUT_KAREA_SIZE)
        return 0;
    uint64_t *pte = vmm_walk(kernel_space.pml4, addr & ~(PAGE_SIZE - 1), 0);
    return pte && (*pte & (PTE_GUARD | PTE_P)) == PTE_GUARD;
}

void vmm_flush(vmm_space_t *s, uint64_t virt, size_t pages)
{
    uint64_t flags = cpu_flags();
    cpu_cli(); /* no migration between the local flush and the choice of targets */
    tlb_flush_local(virt, pages);
    tlb_shootdown(s == &kernel_space || virt >= LAYOUT_KERNEL_HALF ? ~0ull : s->cpus, virt, pages);
    if (flags & CPU_FLAG_IF)
        cpu_sti();
}

int vmm_space_init(vmm_space_t *s)
{
    paddr_t p = pmm_alloc_zeroed();
    if (!p)
        return -ENOMEM;
    uint64_t *top = PHYS_TO_VIRT(p), *k = PHYS_TO_VIRT(kernel_space.pml4);
    for (int i = 256; i < 512; i++)
        top[i] = k[i];
    s->pml4 = p;
    s->lock = (spinlock_t)SPINLOCK_INIT;
    s->cpus = 0;
    return 0;
}

static void vmm_free_table(uint64_t entry, int level)
{
    uint64_t *t = table_of(entry);
    for (int i = 0; i < 512; i++) {
        if (!(t[i] & PTE_P))
            continue;
        if (level > 1)
            vmm_free_table(t[i], level - 1);
        else if (t[i] & PTE_OWNED)
            pmm_free(t[i] & PTE_ADDR);
        else if (t[i] & PTE_SHARED)
            release_shared(t[i] & PTE_ADDR);
    }
    pmm_free(entry & PTE_ADDR);
}

void vmm_space_deinit(vmm_space_t *s)
{
    uint64_t *top = PHYS_TO_VIRT(s->pml4);
    for (int i = 0; i < 256; i++)
        if (top[i] & PTE_P)
            vmm_free_table(top[i], 3);
    pmm_free(s->pml4);
    s->pml4 = 0;
}

HOT_PATH void vmm_space_switch(vmm_space_t *s)
{
    if (cpu_read_cr3() != s->pml4)
        cpu_write_cr3(s->pml4);
}

/* ---- boot: the kernel's own tables ---- */

static void vmm_map_boot(uint64_t virt, paddr_t phys, uint64_t pages, unsigned flags)
{
    for (uint64_t i = 0; i < pages; i++)
        if (vmm_map(&kernel_space, virt + i * PAGE_SIZE, phys + i * PAGE_SIZE, flags))
            panic("vmm: cannot map kernel page 0x%lx", (unsigned long)(virt + i * PAGE_SIZE));
}

static void vmm_direct_map(uint64_t start, uint64_t end)
{
    uint64_t *pml4 = PHYS_TO_VIRT(kernel_space.pml4);
    uint64_t *pdpt = table_of(pml4[256]);
    start &= ~((2ull << 20) - 1);
    for (uint64_t a = start; a < end && a < LAYOUT_DIRECT_SIZE; a += 2ull << 20) {
        uint64_t *e = &pdpt[a >> 30];
        if (!(*e & PTE_P))
            *e = pmm_alloc_zeroed() | PTE_P | PTE_W;
        if (!(*e & PTE_ADDR))
            panic("vmm: out of memory building the direct map");
        table_of(*e)[(a >> 21) & 511] = a | PTE_P | PTE_W | PTE_PS | PTE_G | (nx_ok ? PTE_NX : 0);
    }
}

static void vmm_enable_features(void)
{
    uint32_t r[4];
    cpu_cpuid(0x80000001, 0, r);
    nx_ok = (r[3] >> 20) & 1;
    if (nx_ok)
        cpu_wrmsr(0xc0000080, cpu_rdmsr(0xc0000080) | (1ull << 11)); /* EFER.NXE */
    __asm__ volatile("mov %%cr0, %%rax; or $0x10000, %%rax; mov %%rax, %%cr0" ::: "rax"); /* WP */
    __asm__ volatile("mov %%cr4, %%rax; or $0x80, %%rax; mov %%rax, %%cr4" ::: "rax");    /* PGE */
}

void vmm_init(const boot_info_t *bi)
{
    vmm_enable_features();
    kernel_space.pml4 = pmm_alloc_contig(1, 1); /* below 4 GiB: APs load it in 32-bit mode */
    if (kernel_space.pml4)
        memset(PHYS_TO_VIRT(kernel_space.pml4), 0, PAGE_SIZE);
    uint64_t *pml4 = PHYS_TO_VIRT(kernel_space.pml4);
    for (int i = 256; i < 512; i++) {
        paddr_t f = pmm_alloc_zeroed();
        if (!kernel_space.pml4 || !f)
            panic("vmm: out of memory for the kernel half");
        pml4[i] = f | PTE_P | PTE_W;
    }
    const boot_mem_region_t *r = PHYS_TO_VIRT(bi->mem_map);
    for (uint64_t i = 0; i < bi->mem_count; i++)
        if (r[i].type != BOOT_MEM_MMIO)
            vmm_direct_map(r[i].base, r[i].base + r[i].pages * PAGE_SIZE);
    if (bi->fb.base)
        vmm_direct_map(bi->fb.base, bi->fb.base + bi->fb.size);
    uint64_t text = (uint64_t)(__text_end - __kernel_start), ro = (uint64_t)(__rodata_end - __text_end);
    uint64_t rw = (uint64_t)(__kernel_end - __rodata_end);
    vmm_map_boot(LAYOUT_KERNEL_BASE, bi->kernel_phys, text / PAGE_SIZE, VMM_EXEC);
    vmm_map_boot((uint64_t)__text_end, bi->kernel_phys + text, ro / PAGE_SIZE, 0);
    vmm_map_boot((uint64_t)__rodata_end, bi->kernel_phys + text + ro, rw / PAGE_SIZE, VMM_WRITE);
    cpu_write_cr3(kernel_space.pml4);
    kernel_space.cpus = 1;
}

void vmm_cpu_init(unsigned cpu)
{
    vmm_enable_features();
    cpu_write_cr3(kernel_space.pml4);
    __atomic_fetch_or(&kernel_space.cpus, 1ull << cpu, __ATOMIC_RELAXED);
}

int vmm_map_identity_low(paddr_t page)
{
    spinlock_lock(&kernel_space.lock);
    uint64_t *pte = vmm_walk(kernel_space.pml4, page, 1);
    if (pte)
        *pte = page | PTE_P | PTE_W;
    spinlock_unlock(&kernel_space.lock);
    return pte ? 0 : -ENOMEM;
}

void vmm_unmap_identity_low(paddr_t page)
{
    uint64_t *pml4 = PHYS_TO_VIRT(kernel_space.pml4);
    uint64_t entry = pml4[0];
    pml4[0] = 0;
    vmm_flush(&kernel_space, page, 33); /* > 32 pages: a full flush, paging caches included */
    vmm_free_table(entry, 3);
}

/* ---- kernel areas ---- */

#define KAREA_ORDERS 20 /* blocks of 1 page .. 512K pages */

static spinlock_t karea_lock = SPINLOCK_INIT;
static uint64_t karea_next = LAYOUT_KAREA_BASE; /* karea_lock: bump pointer */
static uint64_t karea_free[KAREA_ORDERS];       /* karea_lock: free block lists, linked via a side table */
static uint64_t mmio_next = LAYOUT_MMIO_BASE;   /* karea_lock */

static int karea_order(size_t pages)
{
    int o = 0;
    while ((1ull << o) < pages)
        o++;
    return o;
}

/* A free block is unmapped, so the link to the next free block of its order is kept in
 * the block's first PTE, as a non-present entry (bit 0 clear, page-aligned address).
 * Called with karea_lock and the kernel space lock held. */
static uint64_t karea_take(int order)
{
    uint64_t va = karea_free[order];
    if (va) {
        uint64_t *pte = vmm_walk(kernel_space.pml4, va, 0);
        karea_free[order] = *pte & ~(PAGE_SIZE - 1);
        *pte = 0;
        return va;
    }
    va = karea_next;
    karea_next += (PAGE_SIZE << order);
    return va < LAYOUT_KAREA_BASE + LAYOUT_KAREA_SIZE ? va : 0;
}

static void karea_give(uint64_t va, int order)
{
    uint64_t *pte = vmm_walk(kernel_space.pml4, va, 1);
    if (!pte)
        return; /* leaks the range, not memory: the walk only fails when out of frames */
    *pte = karea_free[order] | PTE_GUARD;
    karea_free[order] = va;
}

void *vmm_kalloc(size_t pages, size_t guard)
{
    int order = karea_order(pages + guard);
    if (pages == 0 || order >= KAREA_ORDERS)
        return 0;
    spinlock_lock(&karea_lock);
    spinlock_lock(&kernel_space.lock);
    uint64_t va = karea_take(order);
    for (size_t g = 0; va && g < guard; g++) {
        uint64_t *pte = vmm_walk(kernel_space.pml4, va + g * PAGE_SIZE, 1);
        if (pte)
            *pte = PTE_GUARD;
    }
    spinlock_unlock(&kernel_space.lock);
    spinlock_unlock(&karea_lock);
    if (!va)
        return 0;
    uint64_t base = va + guard * PAGE_SIZE;
    for (size_t i = 0; i < pages; i++) {
        paddr_t f = pmm_alloc_zeroed();
        if (!f || vmm_map(&kernel_space, base + i * PAGE_SIZE, f, VMM_WRITE | VMM_OWNED)) {
            if (f)
                pmm_free(f);
            vmm_kfree((void *)base, pages, guard); /* same size: the block returns to its own list */
            return 0;
        }
    }
    return (void *)base;
}

void vmm_kfree(void *addr, size_t pages, size_t guard)
{
    uint64_t base = (uint64_t)addr, va = base - guard * PAGE_SIZE;
    vmm_unmap_range(&kernel_space, base, pages);
    spinlock_lock(&karea_lock);
    spinlock_lock(&kernel_space.lock);
    for (size_t g = 0; g < guard; g++) {
        uint64_t *pte = vmm_walk(kernel_space.pml4, va + g * PAGE_SIZE, 0);
        if (pte)
            *pte = 0;
    }
    karea_give(va, karea_order(pages + guard));
    spinlock_unlock(&kernel_space.lock);
    spinlock_unlock(&karea_lock);
}

void *vmm_map_mmio(paddr_t phys, size_t size)
{
    uint64_t off = phys & (PAGE_SIZE - 1);
    uint64_t pages = (off + size + PAGE_SIZE - 1) / PAGE_SIZE;
    spinlock_lock(&karea_lock);
    uint64_t va = mmio_next;
    mmio_next += pages * PAGE_SIZE;
    spinlock_unlock(&karea_lock);
    for (uint64_t i = 0; i < pages; i++)
        if (vmm_map(&kernel_space, va + i * PAGE_SIZE, (phys - off) + i * PAGE_SIZE, VMM_WRITE | VMM_NOCACHE))
            return 0;
    return (void *)(va + off);
}
