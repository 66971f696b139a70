/*
 * layout.h - the kernel's virtual address space, in one place.
 *
 *   0x0000000000000000 - 0x00007fffffffffff  user space (per process, PML4 0-255)
 *   0xffff800000000000 - +512 GiB              direct map of physical memory (PML4 256)
 *   0xffffc00000000000 - +16 TiB               kernel areas: heap blocks, thread stacks
 *                                              with guard pages (vmm_kalloc)
 *   0xffffe00000000000 - +1 TiB                MMIO windows (vmm_map_mmio), uncached
 *   0xffffffff80000000 - +kernel size          kernel image: text RX, rodata R, data RW
 *
 * Every kernel-half PML4 entry points to a PDPT made at boot and never freed, so all
 * address spaces share the kernel half by copying those 256 entries once.
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include <stdint.h>
#include <abi/boot_info.h>

#define LAYOUT_USER_END 0x0000800000000000ull
#define LAYOUT_KERNEL_HALF 0xffff800000000000ull
#define LAYOUT_DIRECT_BASE BOOT_DIRECT_MAP_BASE
#define LAYOUT_DIRECT_SIZE (512ull << 30)
#define LAYOUT_KAREA_BASE 0xffffc00000000000ull
#define LAYOUT_KAREA_SIZE (16ull << 40)
#define LAYOUT_MMIO_BASE 0xffffe00000000000ull
#define LAYOUT_MMIO_SIZE (1ull << 40)
#define LAYOUT_KERNEL_BASE BOOT_KERNEL_BASE

/** The direct-map address of physical address p. */
#define PHYS_TO_VIRT(p) ((void *)(LAYOUT_DIRECT_BASE + (uint64_t)(p)))
/** The physical address behind a direct-map address v. */
#define VIRT_TO_PHYS(v) ((uint64_t)(v) - LAYOUT_DIRECT_BASE)

extern char __kernel_start[], __text_end[], __rodata_end[], __kernel_end[];

#endif
