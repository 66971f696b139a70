/*
 * serial.h - the COM1 16550 UART, 115200 8N1: polled output, the kernel log's first and
 * last resort (it works before anything else and inside a panic), and interrupt-driven
 * input for the console (dev/console.h).
 */
#ifndef DEV_SERIAL_H
#define DEV_SERIAL_H

#include <stddef.h>
#include <stdint.h>

/** Programs COM1. Call once, first thing. Complexity: O(1). */
void serial_init(void);
/** Writes n bytes, turning "\n" into "\r\n". Locking: the caller serialises (log.c). O(n). */
void serial_write(const char *s, size_t n);
/**
 * Turns on the receive interrupt (ISA IRQ 4, boot CPU): every byte received is given
 * to @sink in interrupt context. No-op without a UART. Once, after apic_init.
 * Locking: boot CPU; takes the ioapic lock. Never sleeps. O(1).
 */
void serial_rx_start(void (*sink)(uint8_t c));

#endif
