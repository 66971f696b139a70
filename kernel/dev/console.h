/*
 * console.h - sys:/console, the text console as a file, and sys:/consctl, its control.
 *
 * Writes to sys:/console go to the serial port and the screen (the first process's
 * descriptors 0, 1 and 2). In test mode the console also counts the `ok ...` /
 * `not ok ...` result lines that pass through it, so the kernel's closing `tests done`
 * line covers the user-space suites too.
 *
 * Reads return what is typed on COM1 (and the PS/2 keyboard), through the line
 * discipline of dev/ldisc.h: cooked by default (a read blocks until a line ends and
 * returns at most that line; ^D on an empty line gives one end of file), raw while
 * some open of sys:/consctl holds it raw. `?nonblock` reads fail with EAGAIN instead
 * of blocking; poll() reports POLL_READ when a read would not block.
 *
 * sys:/consctl takes one command per write (a trailing newline is ignored):
 *   rawon / rawoff    this open holds the console raw, or stops; closing it stops too
 *   fg <pid>...       the foreground processes (1..CONSOLE_FG_MAX), which get the note
 *                     "interrupt" when ^C is typed in cooked mode; only a process or its
 *                     ancestors may name it (EACCES), and it must be alive (ESRCH)
 *   fg none           no foreground process (^C then only discards the line)
 * Anything else fails with EINVAL and changes nothing. Reading it gives
 * "mode raw|cooked\nfg <pids>|none\n".
 */
#ifndef DEV_CONSOLE_H
#define DEV_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

#define CONSOLE_FG_MAX 16 /**< foreground processes named at once */

/**
 * Adds sys:/console and sys:/consctl, starts the input thread and COM1's receive
 * interrupt. Once, after fs_init and apic_init. May sleep.
 */
void console_init(void);
/** Result lines seen so far. Locking: console lock. O(1). */
void console_results(uint64_t *passed, uint64_t *failed);
/**
 * Queues typed bytes for the line discipline (the console thread takes them). Bytes
 * that find the 4096-byte ring full are dropped. Locking: any context, interrupt
 * handlers included; takes the ring's spinlock, wakes the console thread. O(n).
 */
void console_input(const void *bytes, size_t n);

#endif
