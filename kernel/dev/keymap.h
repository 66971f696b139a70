/*
 * keymap.h - key events (include/abi/input.h) to the bytes a terminal would send, so
 * the PS/2 keyboard can type on the console (dev/console.h) like the serial line:
 * a US layout, shift and caps lock, ctrl+letter as control bytes, and VT100/xterm
 * escape sequences for the cursor and editing keys. A pure function.
 */
#ifndef DEV_KEYMAP_H
#define DEV_KEYMAP_H

#include <stddef.h>
#include <abi/input.h>

#define KEYMAP_MAX 4 /**< most bytes one key gives */

/**
 * The bytes for @ev into @out (KEYMAP_MAX bytes). Releases, modifier keys and keys
 * without a meaning on a terminal (F keys, alt combinations) give none.
 * @return the number of bytes. Locking: none. Never sleeps. O(1).
 */
size_t keymap_translate(const input_key_event_t *ev, char *out);

#endif
