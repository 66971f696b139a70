/*
 * fbcon.h - a text console drawn on the GOP framebuffer with the built-in PSF font: the
 * kernel log's on-screen half. Scrolls half a screen at a time so that a burst of log
 * lines costs few framebuffer copies (they are slow under emulation).
 */
#ifndef DEV_FBCON_H
#define DEV_FBCON_H

#include <stddef.h>
#include <abi/boot_info.h>

/** Starts the console on fb (pixels reached through the direct map); no-op without one. */
void fbcon_init(const boot_framebuffer_t *fb);
/** Draws n bytes of text. Locking: the caller serialises (log.c). O(n) plus scrolling. */
void fbcon_write(const char *s, size_t n);
/** Columns and rows of the console, 0 when there is none. */
void fbcon_size(unsigned *cols, unsigned *rows);

#endif
