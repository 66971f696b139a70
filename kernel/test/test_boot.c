/*
 * test_boot.c - what the loader handed over: a sane boot_info, memory map, framebuffer,
 * RSDP and RAM disk; and what the early kernel built on it (symbols, console, clock).
 */
#include "test/ktest.h"
#include "arch/x86_64/cpu.h"
#include "debug/symbols.h"
#include "dev/fbcon.h"
#include "lib/string.h"
#include "mm/layout.h"
#include "time/clock.h"

extern const boot_info_t *kmain_boot_info;
void kmain(const boot_info_t *bi);

KTEST(boot, memory_map_sorted_and_sane)
{
    const boot_info_t *bi = kmain_boot_info;
    const boot_mem_region_t *r = PHYS_TO_VIRT(bi->mem_map);
    uint64_t usable = 0;
    KTEST_ASSERT(bi->mem_count > 0);
    for (uint64_t i = 0; i < bi->mem_count; i++) {
        KTEST_ASSERT_EQ(r[i].base & 0xfff, 0);
        KTEST_ASSERT(r[i].type >= BOOT_MEM_USABLE && r[i].type <= BOOT_MEM_RESERVED);
        if (i)
            KTEST_ASSERT(r[i - 1].base + r[i - 1].pages * 4096 <= r[i].base);
        usable += r[i].type == BOOT_MEM_USABLE ? r[i].pages : 0;
    }
    KTEST_ASSERT(usable > (512ull << 20) / 4096); /* QEMU runs us with 1 GiB */
}

KTEST(boot, kernel_image_handed_over)
{
    const boot_info_t *bi = kmain_boot_info;
    const boot_mem_region_t *r = PHYS_TO_VIRT(bi->mem_map);
    int found = 0;
    for (uint64_t i = 0; i < bi->mem_count; i++)
        found |= r[i].type == BOOT_MEM_KERNEL && r[i].base <= bi->kernel_phys &&
                 bi->kernel_phys < r[i].base + r[i].pages * 4096;
    KTEST_ASSERT(found);
    KTEST_ASSERT(bi->kernel_size >= (uint64_t)(__kernel_end - __kernel_start));
}

KTEST(boot, rsdp_signature)
{
    const boot_info_t *bi = kmain_boot_info;
    KTEST_ASSERT(bi->rsdp != 0);
    KTEST_ASSERT_EQ(memcmp(PHYS_TO_VIRT(bi->rsdp), "RSD PTR ", 8), 0);
}

KTEST(boot, ramdisk_is_ustar)
{
    const boot_info_t *bi = kmain_boot_info;
    KTEST_ASSERT(bi->ramdisk.size >= 512);
    KTEST_ASSERT_EQ(memcmp((const char *)PHYS_TO_VIRT(bi->ramdisk.base) + 257, "ustar", 5), 0);
}

KTEST(boot, framebuffer_console)
{
    const boot_info_t *bi = kmain_boot_info;
    unsigned cols, rows;
    KTEST_ASSERT(bi->fb.width >= 640 && bi->fb.height >= 480);
    KTEST_ASSERT(bi->fb.pitch >= bi->fb.width * 4);
    fbcon_size(&cols, &rows);
    KTEST_ASSERT_EQ(cols, bi->fb.width / 8);
    KTEST_ASSERT_EQ(rows, bi->fb.height / 16);
}

KTEST(boot, symbols_name_functions)
{
    uint64_t off = 99;
    const char *name = symbols_lookup((uint64_t)&kmain + 5, &off);
    KTEST_ASSERT(name != 0);
    KTEST_ASSERT_STR_EQ(name, "kmain");
    KTEST_ASSERT_EQ(off, 5);
    KTEST_ASSERT_EQ(symbols_find("symbols_lookup"), (uint64_t)&symbols_lookup);
    KTEST_ASSERT(symbols_lookup(0x1000, &off) == 0);
}

KTEST(boot, clock_monotonic)
{
    KTEST_ASSERT(clock_tsc_hz() > 10000000);
    uint64_t a = clock_ns();
    for (volatile int i = 0; i < 10000; i++)
        ;
    uint64_t b = clock_ns();
    KTEST_ASSERT(b > a);
}
