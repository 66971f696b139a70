/*
 * console.h - sys:/console, the text console as a file: what user programs write goes
 * to the serial port and the screen (the first process's descriptors 0, 1 and 2). In
 * test mode it also counts the `ok ...` / `not ok ...` result lines that pass through
 * it, so the kernel's closing `tests done` line covers the user-space suites too.
 */
#ifndef DEV_CONSOLE_H
#define DEV_CONSOLE_H

#include <stdint.h>

/** Adds sys:/console. Once, after fs_init. */
void console_init(void);
/** Result lines seen so far. Locking: console lock. O(1). */
void console_results(uint64_t *passed, uint64_t *failed);

#endif
