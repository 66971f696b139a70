/*
 * main.c - kmain(), the kernel's boot order, one step per line. The loader (boot/) has
 * mapped us at -2 GiB and all physical memory at the direct map; see
 * include/abi/boot_info.h for what it hands over.
 */
#include <abi/boot_info.h>
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/trap.h"
#include "debug/panic.h"
#include "debug/symbols.h"
#include "dev/fbcon.h"
#include "dev/serial.h"
#include "log/log.h"
#include "mm/layout.h"
#include "test/ktest.h"
#include "time/clock.h"

#define QEMU_EXIT_TESTS_DONE 0x10 /* isa-debug-exit code after the tests (QEMU exits 33) */

static gdt_cpu_t bsp_tables; /* the boot CPU's GDT, TSS and IST stacks */

static void boot_check(const boot_info_t *bi)
{
    if (bi->magic != BOOT_INFO_MAGIC || bi->version != BOOT_INFO_VERSION || bi->size != sizeof(*bi))
        panic("boot_info mismatch: magic %lx version %u size %u (kernel expects v%u, %lu bytes)", bi->magic,
              bi->version, bi->size, BOOT_INFO_VERSION, sizeof(*bi));
}

static void boot_summary(const boot_info_t *bi)
{
    const boot_mem_region_t *r = PHYS_TO_VIRT(bi->mem_map);
    uint64_t usable = 0, reclaim = 0;
    for (uint64_t i = 0; i < bi->mem_count; i++) {
        usable += r[i].type == BOOT_MEM_USABLE ? r[i].pages : 0;
        reclaim += r[i].type == BOOT_MEM_RECLAIMABLE ? r[i].pages : 0;
    }
    log_info("memory: %lu regions, %lu MiB usable, %lu MiB reclaimable", bi->mem_count, usable >> 8,
             reclaim >> 8);
    log_info("framebuffer %ux%u at 0x%lx, ACPI RSDP at 0x%lx, ramdisk %lu KiB", bi->fb.width, bi->fb.height,
             bi->fb.base, bi->rsdp, bi->ramdisk.size >> 10);
    log_info("TSC %lu MHz, %lu ms since the loader started", clock_tsc_hz() / 1000000,
             (cpu_rdtsc() - bi->loader_ticks) / (clock_tsc_hz() / 1000));
}

static __attribute__((noreturn)) void run_tests(void)
{
    unsigned failed;
    unsigned run = ktest_run_all(&failed);
    log_raw("tests done: %u passed, %u failed", run - failed, failed);
    cpu_outl(0xf4, QEMU_EXIT_TESTS_DONE);
    cpu_stop();
}

const boot_info_t *kmain_boot_info; /* written once by kmain, read by tests */

__attribute__((noreturn)) void kmain(const boot_info_t *bi)
{
    serial_init();                          /* the first console: works with nothing else */
    log_init((int)bi->config.log_level);    /* ring buffer; timestamps read 0 until clock_init */
    log_info("patchwork-kernel: Patchwork kernel starting");
    boot_check(bi);                         /* refuse a loader from another version */
    kmain_boot_info = bi;
    panic_set_test_mode((int)bi->config.test_mode);
    fbcon_init(&bi->fb);                    /* the second console: the screen */
    gdt_cpu_init(&bsp_tables);              /* our GDT and TSS (IST stacks for #DF, NMI, #MC) */
    trap_cpu_init();                        /* IDT: every exception now explains itself */
    symbols_init(&bi->kernel_file);         /* names for backtraces */
    clock_init();                           /* TSC calibrated against the PIT */
    boot_summary(bi);
    if (bi->config.test_mode)
        run_tests();
    log_info("boot complete; nothing else to run yet");
    cpu_stop();
}
