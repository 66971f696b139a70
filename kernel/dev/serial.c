/*
 * serial.c - COM1: polled output, interrupt-driven input. The UART's transmit FIFO is
 * checked before each byte; if no UART answers (the line status reads 0xff) output is
 * dropped instead of spinning. Received bytes raise ISA IRQ 4 (through the I/O APIC
 * to the boot CPU); the handler drains the receive FIFO into the sink.
 */
#include "serial.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/ioapic.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/trap.h"
#include "log/log.h"
#include "sched/cpu.h"

#define COM1 0x3f8
#define COM1_IRQ 4
#define LSR_DATA 0x01
#define LSR_THR_EMPTY 0x20
#define IER_RX 0x01
#define MCR_DTR_RTS_OUT2 0x0b /* OUT2 gates the UART's interrupt line on PCs */
#define DRAIN_MAX 64          /* bytes one interrupt takes at most */

static int serial_present;              /* written once by serial_init */
static void (*serial_sink)(uint8_t c);  /* written once by serial_rx_start */

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
    for (int spins = 0; !(cpu_inb(COM1 + 5) & LSR_THR_EMPTY) && spins < 100000; spins++)
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

static void serial_irq(trap_frame_t *frame)
{
    (void)frame;
    for (int i = 0; i < DRAIN_MAX && (cpu_inb(COM1 + 5) & LSR_DATA); i++) {
        uint8_t c = cpu_inb(COM1);
        if (serial_sink)
            serial_sink(c);
    }
    lapic_eoi();
}

void serial_rx_start(void (*sink)(uint8_t c))
{
    if (!serial_present)
        return;
    serial_sink = sink;
    trap_set_handler(IOAPIC_VECTOR_BASE + COM1_IRQ, serial_irq);
    while (cpu_inb(COM1 + 5) & LSR_DATA)
        (void)cpu_inb(COM1); /* whatever arrived before: firmware noise */
    cpu_outb(COM1 + 4, MCR_DTR_RTS_OUT2);
    cpu_outb(COM1 + 1, IER_RX);
    if (ioapic_route_isa(COM1_IRQ, IOAPIC_VECTOR_BASE + COM1_IRQ, cpu_get(0)->apic_id) != 0)
        log_warn("serial: cannot route IRQ %d: no console input", COM1_IRQ);
}
