/*
 * fb.h - the framebuffer device sys:/fb0: the linear framebuffer the UEFI loader got
 * from GOP (boot_framebuffer_t), offered to user space as a file. ioctl(FB_IOCTL_INFO)
 * gives its geometry (include/abi/fb.h), mmap maps its physical pages into the caller
 * (syscall/sys_mem.c, through the sys: mmap callback). The kernel console (dev/fbcon.c)
 * keeps drawing on the same pixels through the direct map, so a process that maps the
 * framebuffer shares the screen with kernel log output. FIXME: no hand-over yet.
 */
#ifndef DEV_FB_H
#define DEV_FB_H

#include <abi/boot_info.h>

/**
 * Creates sys:/fb0 if the loader found a framebuffer (format not BOOT_FB_NONE, base
 * and size non-zero); otherwise does nothing. Call once, after fs_init (sys: exists).
 * The file's operations:
 *  - ioctl FB_IOCTL_INFO with an fb_info_t: 0; -EINVAL if the size is not
 *    sizeof(fb_info_t); any other request: -ENOTTY.
 *  - read, write: -EINVAL (the pixels are reached by mmap only).
 *  - mmap of up to size bytes rounded up to pages: the framebuffer's own frames, mapped
 *    cached (write-back page attributes, the same as the kernel's direct-map alias that
 *    dev/fbcon.c draws through, so the two aliases never disagree; the firmware's MTRRs
 *    decide the effective memory type of the aperture). The mapping is neither owned
 *    nor shared: munmap and exit never free the frames (they are device memory). Longer
 *    than that: -EINVAL; a framebuffer whose base is not page aligned: -ENODEV.
 * Locking: none (boot CPU, during kmain). May sleep. O(1).
 */
void fb_init(const boot_info_t *bi);

#endif
