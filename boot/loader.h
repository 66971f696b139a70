/*
 * loader.h - the pieces of the Patchwork UEFI loader and how main.c strings them together.
 *
 * Each file holds one step: con.c (console output and the wait on failure), fs.c (reading
 * whole files from the ESP), config.c (boot.cfg), elf.c (placing the kernel), gop.c
 * (graphics mode), paging.c (the page tables the kernel starts on), memmap.c (the memory
 * map and the exit from boot services). See README.md for the hand-off.
 */
#ifndef BOOT_LOADER_H
#define BOOT_LOADER_H

#include "efi.h"
#include <abi/boot_info.h>

#define PAGE_SIZE 4096ull
#define PAGES(n) (((n) + PAGE_SIZE - 1) / PAGE_SIZE)

extern efi_system_table_t *g_st; /**< written once by efi_main */
extern efi_handle_t g_image;     /**< written once by efi_main */

/** Prints a formatted line (%s ascii, %d, %u, %x, %lx, %lu) on the firmware console. */
void con_printf(const char *fmt, ...);
/** Prints the error, waits for a key and returns EFI_LOAD_ERROR to the firmware. */
efi_status_t con_fail(const char *fmt, ...);

/** Allocates zeroed pages of BOOT_EFI_MEMORY_TYPE; returns their address or 0. */
uint64_t mem_alloc_pages(uint64_t pages);
void mem_zero(void *p, uint64_t n);
void mem_copy(void *d, const void *s, uint64_t n);

/** Reads the whole file at path (ESP root) into fresh pages; returns 0 or an EFI error. */
efi_status_t fs_read_file(const char16_t *path, boot_blob_t *out);

/** Parses boot.cfg text into cfg; unknown keys are reported and skipped. */
void config_parse(const char *text, uint64_t len, boot_config_t *cfg);

/** Checks the kernel ELF and copies its segments; sets entry and the image's placement. */
efi_status_t elf_load_kernel(const boot_blob_t *file, boot_info_t *info, uint64_t *entry);

/** Picks the GOP mode closest to the wanted size and fills info->fb. */
efi_status_t gop_setup(const boot_config_t *cfg, boot_framebuffer_t *fb);

/** Builds the PML4: identity + direct map of [0, top) and the kernel at -2 GiB. */
efi_status_t paging_build(boot_info_t *info, uint64_t top);

/** Highest physical address the firmware's map describes. */
uint64_t memmap_top(void);
/** Reserves room for the final map, exits boot services and fills info's map. */
efi_status_t memmap_exit(boot_info_t *info);

#endif
