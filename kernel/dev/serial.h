/*
 * serial.h - the COM1 16550 UART, 115200 8N1, polled output: the kernel log's first and
 * last resort (it works before anything else and inside a panic).
 */
#ifndef DEV_SERIAL_H
#define DEV_SERIAL_H

#include <stddef.h>

/** Programs COM1. Call once, first thing. Complexity: O(1). */
void serial_init(void);
/** Writes n bytes, turning "\n" into "\r\n". Locking: the caller serialises (log.c). O(n). */
void serial_write(const char *s, size_t n);

#endif
