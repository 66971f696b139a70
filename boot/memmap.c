/*
 * memmap.c - the firmware's memory map: its top (for the direct map), and the final copy
 * taken right before ExitBootServices, converted to boot_mem_region_t. Nothing may
 * allocate between the last GetMemoryMap and the exit, so all buffers are reserved first.
 */
#include "loader.h"

#define MAP_SLACK 16 /* descriptors the map may grow by while we allocate our buffers */

static uint32_t memmap_kind(uint32_t efi_type)
{
    switch (efi_type) {
    case EFI_CONVENTIONAL: return BOOT_MEM_USABLE;
    case EFI_LOADER_CODE: case EFI_LOADER_DATA: case EFI_BS_CODE: case EFI_BS_DATA: return BOOT_MEM_RECLAIMABLE;
    case BOOT_EFI_MEMORY_TYPE: return BOOT_MEM_KERNEL;
    case EFI_ACPI_RECLAIM: return BOOT_MEM_ACPI_RECLAIM;
    case EFI_ACPI_NVS: return BOOT_MEM_ACPI_NVS;
    case EFI_RT_CODE: case EFI_RT_DATA: return BOOT_MEM_RUNTIME;
    case EFI_MMIO: case EFI_MMIO_PORT: return BOOT_MEM_MMIO;
    default: return BOOT_MEM_RESERVED;
    }
}

static efi_status_t memmap_get(efi_memory_descriptor_t **map, uint64_t *size, uint64_t *key, uint64_t *dsize,
                               uint64_t *capacity)
{
    uint32_t ver;
    uint64_t cap;
    *map = 0;
    *size = 0;
    efi_status_t st = g_st->boot_services->get_memory_map(size, 0, key, dsize, &ver);
    if (st != EFI_BUFFER_TOO_SMALL)
        return st;
    cap = *size + MAP_SLACK * *dsize;
    if (EFI_IS_ERROR(g_st->boot_services->allocate_pool(EFI_LOADER_DATA, cap, (void **)map)))
        return EFI_ERR(9);
    *size = *capacity = cap;
    return g_st->boot_services->get_memory_map(size, *map, key, dsize, &ver);
}

uint64_t memmap_top(void)
{
    efi_memory_descriptor_t *map;
    uint64_t size, key, dsize, cap, top = 0;
    if (EFI_IS_ERROR(memmap_get(&map, &size, &key, &dsize, &cap)))
        return 0;
    for (uint64_t off = 0; off < size; off += dsize) {
        const efi_memory_descriptor_t *d = (const efi_memory_descriptor_t *)((uint8_t *)map + off);
        if (d->phys_start + d->pages * PAGE_SIZE > top)
            top = d->phys_start + d->pages * PAGE_SIZE;
    }
    g_st->boot_services->free_pool(map);
    return top;
}

static void memmap_convert(boot_info_t *info, const uint8_t *map, uint64_t size, uint64_t dsize)
{
    boot_mem_region_t *r = (boot_mem_region_t *)info->mem_map;
    uint64_t n = 0;
    for (uint64_t off = 0; off + dsize <= size; off += dsize) {
        const efi_memory_descriptor_t *d = (const efi_memory_descriptor_t *)(map + off);
        boot_mem_region_t cur = {d->phys_start, d->pages, memmap_kind(d->type), 0};
        uint64_t i = n++;
        for (; i > 0 && r[i - 1].base > cur.base; i--)
            r[i] = r[i - 1];
        r[i] = cur;
    }
    info->mem_count = n;
}

efi_status_t memmap_exit(boot_info_t *info)
{
    efi_memory_descriptor_t *map;
    uint64_t size, key, dsize, cap;
    efi_status_t st = memmap_get(&map, &size, &key, &dsize, &cap);
    if (EFI_IS_ERROR(st))
        return con_fail("cannot read the memory map (status 0x%lx)\n", st);
    uint64_t cap_entries = cap / dsize;
    info->mem_map = mem_alloc_pages(PAGES(cap_entries * sizeof(boot_mem_region_t)));
    if (!info->mem_map)
        return con_fail("no memory for the memory map\n");
    for (int tries = 0; tries < 4; tries++) {
        uint32_t ver;
        size = cap;
        st = g_st->boot_services->get_memory_map(&size, map, &key, &dsize, &ver);
        if (EFI_IS_ERROR(st))
            break;
        st = g_st->boot_services->exit_boot_services(g_image, key);
        if (!EFI_IS_ERROR(st)) {
            memmap_convert(info, (const uint8_t *)map, size, dsize);
            return EFI_SUCCESS;
        }
    }
    return con_fail("ExitBootServices failed (status 0x%lx)\n", st);
}
