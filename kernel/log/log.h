/*
 * log.h - the kernel log: every line goes, timestamped, into a ring buffer (later read
 * through sys:/klog) and, if its level is at least the console level from boot.cfg, to
 * the serial port and the framebuffer console.
 */
#ifndef LOG_LOG_H
#define LOG_LOG_H

#include <stdarg.h>
#include <abi/boot_info.h>
#include "lib/logring.h"

#define LOG_DEBUG BOOT_LOG_DEBUG
#define LOG_INFO BOOT_LOG_INFO
#define LOG_WARN BOOT_LOG_WARN
#define LOG_ERROR BOOT_LOG_ERROR
#define LOG_LINE_MAX 512 /**< longer lines are truncated */

/** Sets up the ring and the console level. Call once, before the first line. O(1). */
void log_init(int console_level);
/**
 * Formats one line (kernel printf: see lib/fmt.h) and logs it at level.
 * Locking: takes the log spinlock (interrupts off while held). O(length).
 */
__attribute__((format(printf, 2, 3))) void log_printf(int level, const char *fmt, ...);
/** log_printf with a va_list. */
void log_vprintf(int level, const char *fmt, va_list ap);
/** Logs a line without the timestamp on the consoles (test results, panic text). */
__attribute__((format(printf, 1, 2))) void log_raw(const char *fmt, ...);
/**
 * Writes raw bytes (user output through sys:/console) to the serial port and the screen,
 * not to the ring. Locking: the log lock. O(n).
 */
void log_write_console(const char *s, size_t n);
/** Makes every later line bypass the lock (for a panic, which may interrupt a holder). */
void log_panic_mode(void);
/** The ring itself, for readers (tests, sys:/klog). Read it under log_lock/unlock. */
const logring_t *log_ring(void);
void log_lock(void);
void log_unlock(void);

#define log_debug(...) log_printf(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_printf(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_printf(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_printf(LOG_ERROR, __VA_ARGS__)

#endif
