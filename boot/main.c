/*
 * main.c - the Patchwork UEFI loader, start to hand-off, one step per line.
 *
 * Reads patchwork/boot.cfg, patchwork/kernel.elf and patchwork/ramdisk.tar from the ESP
 * it was started from, sets the graphics mode, finds the ACPI RSDP, builds the first page
 * tables, exits boot services and calls the kernel's entry with the boot_info_t (see
 * include/abi/boot_info.h and boot/README.md). Every failure is explained, then waited on.
 */
#include "loader.h"

efi_system_table_t *g_st;
efi_handle_t g_image;

static const efi_guid_t acpi20_guid = {0x8868e871, 0xe4f1, 0x11d3, {0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81}};
static const efi_guid_t acpi10_guid = {0xeb9d2d30, 0x2d88, 0x11d3, {0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d}};

void mem_zero(void *p, uint64_t n)
{
    volatile uint8_t *b = p;
    for (; n && ((uint64_t)b & 7); n--)
        *b++ = 0;
    for (volatile uint64_t *w = (volatile uint64_t *)b; n >= 8; n -= 8)
        *w++ = 0, b += 8;
    while (n--)
        *b++ = 0;
}

void mem_copy(void *d, const void *s, uint64_t n)
{
    volatile uint8_t *db = d;
    const uint8_t *sb = s;
    while (n--)
        *db++ = *sb++;
}

uint64_t mem_alloc_pages(uint64_t pages)
{
    uint64_t addr = 0;
    if (EFI_IS_ERROR(g_st->boot_services->allocate_pages(EFI_ALLOCATE_ANY, BOOT_EFI_MEMORY_TYPE, pages, &addr)))
        return 0;
    return addr;
}

static int guid_eq(const efi_guid_t *a, const efi_guid_t *b)
{
    const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)b;
    for (int i = 0; i < 16; i++)
        if (x[i] != y[i])
            return 0;
    return 1;
}

static uint64_t find_rsdp(void)
{
    uint64_t v1 = 0;
    for (uint64_t i = 0; i < g_st->table_count; i++) {
        if (guid_eq(&g_st->tables[i].guid, &acpi20_guid))
            return (uint64_t)g_st->tables[i].table;
        if (guid_eq(&g_st->tables[i].guid, &acpi10_guid))
            v1 = (uint64_t)g_st->tables[i].table;
    }
    return v1;
}

static void read_config(boot_config_t *cfg)
{
    boot_blob_t file;
    cfg->log_level = BOOT_LOG_INFO;
    cfg->want_width = 1024;
    cfg->want_height = 768;
    if (EFI_IS_ERROR(fs_read_file(u"\\patchwork\\boot.cfg", &file))) {
        con_printf("patchwork-boot: no patchwork/boot.cfg, using defaults\n");
        return;
    }
    config_parse((const char *)file.base, file.size, cfg);
}

static efi_status_t read_required(const char16_t *path, const char *name, boot_blob_t *out)
{
    efi_status_t st = fs_read_file(path, out);
    if (EFI_IS_ERROR(st))
        return con_fail("cannot read %s from the boot partition (status 0x%lx)\n", name, st);
    return EFI_SUCCESS;
}

static void jump_to_kernel(const boot_info_t *info, uint64_t entry)
{
    uint64_t arg = BOOT_DIRECT_MAP_BASE + (uint64_t)info;
    __asm__ volatile("cli\n\tmov %0, %%cr3\n\tmov %1, %%rdi\n\tjmp *%2"
                     :
                     : "r"(info->pml4), "r"(arg), "r"(entry)
                     : "rdi", "memory");
    __builtin_unreachable();
}

efi_status_t efi_main(efi_handle_t image, efi_system_table_t *st)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    g_st = st;
    g_image = image;
    st->boot_services->set_watchdog_timer(0, 0, 0, 0);
    con_printf("patchwork-boot: Patchwork loader, boot_info v%u\n", BOOT_INFO_VERSION);
    boot_info_t *info = (boot_info_t *)mem_alloc_pages(1);
    if (!info)
        return con_fail("no memory for boot_info\n");
    mem_zero(info, PAGE_SIZE);
    info->magic = BOOT_INFO_MAGIC;
    info->version = BOOT_INFO_VERSION;
    info->size = sizeof(*info);
    info->loader_ticks = ((uint64_t)hi << 32) | lo;
    read_config(&info->config);
    efi_status_t s;
    uint64_t entry;
    if (EFI_IS_ERROR(s = read_required(u"\\patchwork\\kernel.elf", "patchwork/kernel.elf", &info->kernel_file)) ||
        EFI_IS_ERROR(s = elf_load_kernel(&info->kernel_file, info, &entry)) ||
        EFI_IS_ERROR(s = read_required(u"\\patchwork\\ramdisk.tar", "patchwork/ramdisk.tar", &info->ramdisk)) ||
        EFI_IS_ERROR(s = gop_setup(&info->config, &info->fb)))
        return s;
    info->rsdp = find_rsdp();
    if (!info->rsdp)
        con_printf("patchwork-boot: warning: no ACPI RSDP in the configuration table\n");
    uint64_t top = memmap_top();
    if (info->fb.base + info->fb.size > top)
        top = info->fb.base + info->fb.size;
    if (EFI_IS_ERROR(s = paging_build(info, top)))
        return s;
    con_printf("patchwork-boot: kernel %lu KiB, ramdisk %lu KiB, %ux%u, starting the kernel\n",
               info->kernel_size >> 10, info->ramdisk.size >> 10, info->fb.width, info->fb.height);
    if (EFI_IS_ERROR(s = memmap_exit(info)))
        return s;
    jump_to_kernel(info, entry);
    return EFI_LOAD_ERROR;
}
