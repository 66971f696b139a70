/*
 * paging.c - the page tables the kernel starts on: physical memory [0, top) mapped both
 * at 0 (so the loader survives its own CR3 switch) and at BOOT_DIRECT_MAP_BASE with 2 MiB
 * pages, and the kernel image mapped with 4 KiB pages at BOOT_KERNEL_BASE. The kernel
 * replaces them with its own (kernel/mm/) and drops the identity half.
 */
#include "loader.h"

#define PTE_P 0x1ull
#define PTE_W 0x2ull
#define PTE_PS 0x80ull
#define GIB (1ull << 30)

static uint64_t *table_new(void)
{
    uint64_t *t = (uint64_t *)mem_alloc_pages(1);
    if (t)
        mem_zero(t, PAGE_SIZE);
    return t;
}

static efi_status_t paging_direct(uint64_t *pml4, uint64_t top)
{
    uint64_t *pdpt = table_new();
    if (!pdpt)
        return EFI_ERR(9);
    for (uint64_t g = 0; g < top / GIB; g++) {
        uint64_t *pd = table_new();
        if (!pd)
            return EFI_ERR(9);
        for (uint64_t i = 0; i < 512; i++)
            pd[i] = (g * GIB + i * (2ull << 20)) | PTE_P | PTE_W | PTE_PS;
        pdpt[g] = (uint64_t)pd | PTE_P | PTE_W;
    }
    pml4[0] = (uint64_t)pdpt | PTE_P | PTE_W;
    pml4[(BOOT_DIRECT_MAP_BASE >> 39) & 511] = (uint64_t)pdpt | PTE_P | PTE_W;
    return EFI_SUCCESS;
}

static efi_status_t paging_kernel(uint64_t *pml4, const boot_info_t *info)
{
    uint64_t *pdpt = table_new(), *pd = table_new();
    if (!pdpt || !pd)
        return EFI_ERR(9);
    pml4[(BOOT_KERNEL_BASE >> 39) & 511] = (uint64_t)pdpt | PTE_P | PTE_W;
    pdpt[(BOOT_KERNEL_BASE >> 30) & 511] = (uint64_t)pd | PTE_P | PTE_W;
    for (uint64_t off = 0; off < info->kernel_size; off += PAGE_SIZE) {
        uint64_t pdi = off >> 21, pti = (off >> 12) & 511;
        if (!pd[pdi]) {
            uint64_t *pt = table_new();
            if (!pt)
                return EFI_ERR(9);
            pd[pdi] = (uint64_t)pt | PTE_P | PTE_W;
        }
        uint64_t *pt = (uint64_t *)(pd[pdi] & ~0xfffull);
        pt[pti] = (info->kernel_phys + off) | PTE_P | PTE_W;
    }
    return EFI_SUCCESS;
}

efi_status_t paging_build(boot_info_t *info, uint64_t top)
{
    uint64_t *pml4 = table_new();
    top = (top + GIB - 1) & ~(GIB - 1);
    if (top < 4 * GIB)
        top = 4 * GIB;
    if (top > 512 * GIB)
        top = 512 * GIB;
    if (!pml4 || EFI_IS_ERROR(paging_direct(pml4, top)) || EFI_IS_ERROR(paging_kernel(pml4, info)))
        return con_fail("no memory for the initial page tables\n");
    info->pml4 = (uint64_t)pml4;
    return EFI_SUCCESS;
}
