/*
 * serial.c - polled COM1 output. The UART's transmit FIFO is checked before each byte;
 * if no UART answers (the line status reads 0xff) output is dropped instead of spinning.
 */
#include "serial.h"
#include "arch/x86_64/cpu.h"

#define COM1 0x3f8

static int serial_present; /* written once by serial_init */

void serial_init(void)
{
    cpu_outb(COM1 + 1, 0x00); /* no interrupts */
    cpu_outb(COM1 + 3, 0x80); /* divisor latch */
    cpu_outb(COM1 + 0, 0x01); /* 115200 baud */
    cpu_outb(COM1 + 1, 0x00);
    cpu_outb(COM1 + 3, 0x03); /* 8N1 */
    cpu_outb(COM1 + 2, 0xc7); /* FIFO on, cleared */
    cpu_outb(COM1 + 4, 0x03); /* DTR, RTS */
    serial_present = cpu_inb(COM1 + 5) != 0xff;
}

static void serial_put(char c)
{
    for (int spins = 0; !(cpu_inb(COM1 + 5) & 0x20) && spins < 100000; spins++)
        cpu_pause();
    cpu_outb(COM1, (uint8_t)c);
}

void serial_write(const char *s, size_t n)
{
    if (!serial_present)
        return;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            serial_put('\r');
        serial_put(s[i]);
    }
}
