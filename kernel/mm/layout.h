/*
 * layout.h - the kernel's virtual address space, in one place.
 *
 *   0x0000000000000000 - 0x00007fffffffffff  user space (per process)
 *   0xffff800000000000 - +512 GiB              direct map of physical memory
 *   0xffffffff80000000 - +kernel size          kernel image (text, rodata, data, bss)
 *
 * The heap, thread stacks and MMIO windows get their ranges with the memory managers.
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include <stdint.h>
#include <abi/boot_info.h>

#define LAYOUT_USER_END 0x0000800000000000ull
#define LAYOUT_DIRECT_BASE BOOT_DIRECT_MAP_BASE
#define LAYOUT_DIRECT_SIZE (512ull << 30)
#define LAYOUT_KERNEL_BASE BOOT_KERNEL_BASE

/** The direct-map address of physical address p. */
#define PHYS_TO_VIRT(p) ((void *)(LAYOUT_DIRECT_BASE + (uint64_t)(p)))
/** The physical address behind a direct-map address v. */
#define VIRT_TO_PHYS(v) ((uint64_t)(v) - LAYOUT_DIRECT_BASE)

extern char __kernel_start[], __text_end[], __rodata_end[], __kernel_end[];

#endif
