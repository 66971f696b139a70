/*
 * fb.h - the framebuffer device sys:/fb0 (kernel <-> user ABI). ioctl(FB_IOCTL_INFO)
 * gives its geometry in an fb_info_t; mmap of the file maps its pixels (32 bits each,
 * row y at byte y * pitch). The device is kernel/dev/fb.c; the loader's description of
 * the framebuffer is boot_framebuffer_t in abi/boot_info.h.
 */
#ifndef ABI_FB_H
#define ABI_FB_H

#include <stdint.h>

/** ioctl request: fill an fb_info_t (size must be sizeof(fb_info_t)). */
#define FB_IOCTL_INFO 0x46420001u /**< "FB" 1 */

/** fb_info_t.format: pixel layouts, the same values as boot_fb_format_t. */
#define FB_FORMAT_BGRX 1u /**< blue in the low byte */
#define FB_FORMAT_RGBX 2u /**< red in the low byte */

/** The framebuffer's geometry: 32 bytes, no padding. */
typedef struct fb_info {
    uint32_t width;    /**< visible pixels per row */
    uint32_t height;   /**< rows */
    uint32_t pitch;    /**< bytes per row (>= width * 4) */
    uint32_t bpp;      /**< bits per pixel: always 32 */
    uint32_t format;   /**< FB_FORMAT_* */
    uint32_t reserved; /**< 0 */
    uint64_t size;     /**< bytes of pixel memory; mmap may map up to this, rounded up to pages */
} fb_info_t;

#endif
