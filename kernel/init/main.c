/*
 * main.c - kmain(), the kernel's boot order, one step per line. The loader (boot/) has
 * mapped us at -2 GiB and all physical memory at the direct map; see
 * include/abi/boot_info.h for what it hands over.
 */
#include <abi/boot_info.h>
#include "acpi/acpi.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/fpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/ioapic.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/smp.h"
#include "arch/x86_64/trap.h"
#include "debug/panic.h"
#include "debug/symbols.h"
#include "dev/console.h"
#include "dev/fb.h"
#include "dev/fbcon.h"
#include "fs/fs.h"
#include "fs/vfs.h"
#include "ipc/pipe.h"
#include "ipc/shmem.h"
#include "net/local.h"
#include "proc/procfs.h"
#include "proc/spawn.h"
#include "syscall/syscall.h"
#include "dev/random.h"
#include "dev/serial.h"
#include "dev/ps2.h"
#include "dev/stat.h"
#include "log/log.h"
#include "mm/kmalloc.h"
#include "mm/layout.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "test/ktest.h"
#include "time/clock.h"
#include "time/hpet.h"
#include "time/rtc.h"

#define QEMU_EXIT_TESTS_DONE 0x10 /* isa-debug-exit code after the tests (QEMU exits 33) */

const boot_info_t *kmain_boot_info; /* written once by kmain, read by tests */

static void boot_check(const boot_info_t *bi)
{
    if (bi->magic != BOOT_INFO_MAGIC || bi->version != BOOT_INFO_VERSION || bi->size != sizeof(*bi))
        panic("boot_info mismatch: magic %lx version %u size %u (kernel expects v%u, %lu bytes)", bi->magic,
              bi->version, bi->size, BOOT_INFO_VERSION, sizeof(*bi));
}

static void time_init(void)
{
    uint64_t hpet;
    if (acpi_hpet(&hpet) || hpet_init(hpet))
        log_warn("clock: no usable HPET, staying on the PIT-calibrated TSC");
    else
        clock_use_hpet();
    const acpi_fadt_info_t *fadt = acpi_fadt();
    rtc_time_t t;
    rtc_read(&t, fadt ? fadt->century : 0);
    clock_set_epoch(rtc_to_epoch(&t));
    log_info("clock: %s, TSC %lu MHz; RTC %04u-%02u-%02u %02u:%02u:%02u UTC", clock_is_tsc() ? "TSC" : "HPET",
             clock_tsc_hz() / 1000000, t.year, t.month, t.day, t.hour, t.minute, t.second);
}

static void apic_init(void)
{
    const acpi_madt_info_t *madt = acpi_madt();
    lapic_init(madt ? madt->lapic_phys : 0);
    lapic_cpu_init();
    lapic_timer_calibrate();
    ioapic_init();
    log_info("apic: %s, timer in %s mode", lapic_is_x2apic() ? "x2APIC" : "xAPIC",
             lapic_timer_is_deadline() ? "TSC-deadline" : "one-shot");
}

static void memory_summary(void)
{
    log_info("memory: %lu MiB managed, %lu MiB free, %lu MiB reserved", pmm_total_count() >> 8,
             pmm_free_count() >> 8, pmm_reserved_count() >> 8);
}

/* Starts home:/bin/init (with mode, e.g. "--test", or NULL) on the console; returns it
 * (referenced) or NULL. */
static process_t *start_init(const char *mode)
{
    const char *argv[3] = {"home:/bin/init", mode, 0};
    spawn_req_t req = {.argv = argv, .argc = mode ? 2 : 1, .prio = THREAD_PRIO_NORMAL};
    for (int i = 0; i < 3; i++)
        if (vfs_open("sys:/console", "sys:/", &req.std[i]))
            req.std[i] = 0;
    pid_t pid = spawn_process(0, &req);
    for (int i = 0; i < 3; i++)
        if (req.std[i])
            file_unref(req.std[i]);
    if (pid < 0) {
        log_error("init: cannot start home:/bin/init: error %ld", (long)pid);
        return 0;
    }
    return process_find(pid);
}

/* init runs home:/bin/bench (make bench); then QEMU is told to exit. */
static __attribute__((noreturn)) void run_benchmarks(void)
{
    process_t *init = start_init("--bench");
    if (init) {
        process_wait(init, 0);
        log_info("benchmarks done: %s", init->status);
    }
    cpu_outl(0xf4, QEMU_EXIT_TESTS_DONE);
    cpu_stop();
}

/* Kernel tests, then the user-space suites under init, then one closing line. */
static __attribute__((noreturn)) void run_tests(void)
{
    unsigned kfailed;
    unsigned krun = ktest_run_all(&kfailed);
    stat_trim_caches(); /* so free-page counts can be compared */
    uint64_t frames = pmm_free_count();
    process_t *init = start_init("--test");
    if (init) {
        process_wait(init, 0);
        log_info("init exited: %s", init->status);
        process_unref(init);
    }
    sched_sleep(100000000); /* the reaper and exiting threads finish their frees */
    stat_trim_caches(); /* so free-page counts can be compared */
    uint64_t upassed, ufailed, leak = frames > pmm_free_count() ? frames - pmm_free_count() : 0;
    log_info("user suites: %lu frames free before, %lu after", frames, pmm_free_count());
    /* caches may keep a few frames (slabs, page tables of the kernel areas) */
    if (init && leak <= 64)
        log_raw("ok proc/user_suite_frees_its_memory");
    else
        log_raw("not ok proc/user_suite_frees_its_memory: %lu frames not returned%s", leak,
                init ? "" : " (init did not start)");
    console_results(&upassed, &ufailed);
    upassed += init && leak <= 64;
    ufailed += !(init && leak <= 64);
    log_raw("tests done: %lu passed, %lu failed", krun - kfailed + upassed, kfailed + ufailed);
    cpu_outl(0xf4, QEMU_EXIT_TESTS_DONE);
    cpu_stop();
}

__attribute__((noreturn)) void kmain(const boot_info_t *bi)
{
    cpu_early_init();                       /* GS base -> the boot CPU's cpu_t */
    serial_init();                          /* the first console: works with nothing else */
    log_init((int)bi->config.log_level);    /* ring buffer; timestamps read 0 until clock_init */
    log_info("patchwork-kernel: Patchwork kernel starting");
    boot_check(bi);                         /* refuse a loader from another version */
    kmain_boot_info = bi;
    panic_set_test_mode((int)bi->config.test_mode);
    fbcon_init(&bi->fb);                    /* the second console: the screen */
    gdt_cpu_init(cpu_current()->tables);    /* our GDT and TSS (IST stacks for #DF, NMI, #MC) */
    trap_cpu_init();                        /* IDT: every exception now explains itself */
    symbols_init(&bi->kernel_file);         /* names for backtraces */
    clock_init();                           /* TSC calibrated against the PIT */
    pmm_init(bi);                           /* physical frames from the loader's map */
    vmm_init(bi);                           /* our page tables: NX, read-only text; no identity map */
    kmalloc_init();                         /* slab caches and kmalloc */
    acpi_init(bi->rsdp);                    /* MADT, HPET, FADT, checksums checked */
    time_init();                            /* HPET reference clock, wall clock from the RTC */
    random_init();                          /* the generator, seeded from timing jitter */
    apic_init();                            /* PICs masked, LAPIC + timer, I/O APICs */
    fpu_cpu_init();                         /* SSE/AVX state for threads */
    syscall_cpu_init();                     /* the syscall instruction's entry point */
    process_init();                         /* the process table */
    sched_init();                           /* this context becomes thread "main"; interrupts on */
    pmm_reclaim_boot(bi);                   /* firmware and loader memory is ours now */
    log_info("smp: %u CPUs online", smp_start_aps()); /* application processors */
    fs_init(bi);                            /* home: from the RAM disk, sys: */
    console_init();                         /* sys:/console */
    pipe_init();                            /* sys:/pipe/new */
    shmem_init();                           /* sys:/shmem/new */
    socket_init();                          /* sys:/net/local/new */
    procfs_init();                          /* sys:/proc */
    stat_init();                            /* sys:/stat/cpu, sys:/stat/mem */
    ps2_init();                             /* 8042: sys:/kbd/ps2, sys:/mouse/ps2 */
    fb_init(bi);                            /* sys:/fb0, if the loader found a framebuffer */
    memory_summary();
    if (bi->config.test_mode)
        run_tests();
    if (bi->config.bench_mode)
        run_benchmarks();
    process_t *init = start_init(0);
    if (init) {
        process_wait(init, 0);
        log_error("init exited: %s", init->status);
    }
    for (;;) {
        sched_prepare_block();
        sched_block(0);
    }
}
