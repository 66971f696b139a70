/*
 * boot_info.h - the hand-off from the UEFI loader (boot/) to the kernel (kernel/).
 *
 * The loader fills one boot_info_t, maps the kernel at -2 GiB, maps all physical memory
 * at BOOT_DIRECT_MAP_BASE (and identity, for the jump) and calls the kernel's entry with a
 * pointer to this structure in the direct map. Every address inside it is physical; the
 * kernel adds BOOT_DIRECT_MAP_BASE to reach it. Bump BOOT_INFO_VERSION on any change.
 */
#ifndef ABI_BOOT_INFO_H
#define ABI_BOOT_INFO_H

#include <stdint.h>

#define BOOT_INFO_MAGIC 0x31544f4f424b5750ull /**< "PWKBOOT1" little-endian */
#define BOOT_INFO_VERSION 2u
#define BOOT_DIRECT_MAP_BASE 0xffff800000000000ull /**< physical memory is mapped here */
#define BOOT_KERNEL_BASE 0xffffffff80000000ull     /**< the kernel image is linked here */
#define BOOT_EFI_MEMORY_TYPE 0x80000001u /**< UEFI type the loader gives what it hands over */

/** Kinds of physical memory in the map the loader hands over. */
typedef enum boot_mem_type {
    BOOT_MEM_USABLE = 1,       /**< free RAM */
    BOOT_MEM_RECLAIMABLE = 2,  /**< firmware boot services and loader: free once unused */
    BOOT_MEM_KERNEL = 3,       /**< what the loader handed over (kernel, RAM disk, tables) */
    BOOT_MEM_ACPI_RECLAIM = 4, /**< ACPI tables: free after they are parsed */
    BOOT_MEM_ACPI_NVS = 5,     /**< firmware-owned, never touched */
    BOOT_MEM_RUNTIME = 6,      /**< UEFI runtime services, never touched */
    BOOT_MEM_MMIO = 7,         /**< device memory */
    BOOT_MEM_RESERVED = 8,     /**< anything else: never touched */
} boot_mem_type_t;

/** One run of physical pages of the same kind (sorted by base, not merged). */
typedef struct boot_mem_region {
    uint64_t base;  /**< physical address, page aligned */
    uint64_t pages; /**< number of 4 KiB pages */
    uint32_t type;  /**< boot_mem_type_t */
    uint32_t reserved;
} boot_mem_region_t;

/** Pixel layouts the loader accepts from GOP. */
typedef enum boot_fb_format {
    BOOT_FB_NONE = 0, /**< no framebuffer (serial only) */
    BOOT_FB_BGRX = 1, /**< blue in the low byte (the common one) */
    BOOT_FB_RGBX = 2, /**< red in the low byte */
} boot_fb_format_t;

/** The linear framebuffer GOP left us, 32 bits per pixel. */
typedef struct boot_framebuffer {
    uint64_t base;   /**< physical address of pixel (0,0) */
    uint64_t size;   /**< bytes */
    uint32_t width;  /**< visible pixels per row */
    uint32_t height; /**< rows */
    uint32_t pitch;  /**< bytes per row */
    uint32_t format; /**< boot_fb_format_t */
} boot_framebuffer_t;

/** Log levels, shared by the boot configuration and the kernel log. */
typedef enum boot_log_level {
    BOOT_LOG_DEBUG = 0,
    BOOT_LOG_INFO = 1,
    BOOT_LOG_WARN = 2,
    BOOT_LOG_ERROR = 3,
} boot_log_level_t;

/** What the boot configuration file (patchwork/boot.cfg on the ESP) asked for. */
typedef struct boot_config {
    uint32_t test_mode;   /**< 1: run the test suites and exit QEMU */
    uint32_t log_level;   /**< boot_log_level_t: lowest level sent to the console */
    uint32_t want_width;  /**< preferred resolution, 0 = firmware's choice */
    uint32_t want_height;
    uint32_t bench_mode;  /**< 1: run the benchmarks and exit QEMU */
    uint32_t reserved;
} boot_config_t;

/** A file the loader read whole into memory (physical address and size in bytes). */
typedef struct boot_blob {
    uint64_t base;
    uint64_t size;
} boot_blob_t;

/** Everything the kernel learns from the loader. */
typedef struct boot_info {
    uint64_t magic;    /**< BOOT_INFO_MAGIC */
    uint32_t version;  /**< BOOT_INFO_VERSION */
    uint32_t size;     /**< sizeof(boot_info_t) as the loader saw it */
    boot_config_t config;
    boot_framebuffer_t fb;
    uint64_t rsdp;     /**< physical address of the ACPI RSDP, 0 if none */
    uint64_t mem_map;  /**< physical address of boot_mem_region_t[mem_count] */
    uint64_t mem_count;
    uint64_t pml4;     /**< physical address of the page tables in use at entry */
    uint64_t kernel_phys; /**< where the image at BOOT_KERNEL_BASE lives physically */
    uint64_t kernel_size; /**< bytes of that image (page aligned) */
    boot_blob_t kernel_file; /**< the kernel's ELF file, kept for its symbol table */
    boot_blob_t ramdisk;     /**< the RAM-disk archive (ustar) */
    uint64_t loader_ticks;   /**< TSC when the loader started (boot timing) */
} boot_info_t;

#endif
