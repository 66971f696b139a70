/*
 * ioapic.c - I/O APIC access through its index/data window (IOREGSEL at 0x00, IOWIN at
 * 0x10). Redirection entry n is registers 0x10 + 2n (low) and 0x11 + 2n (high).
 */
#include "ioapic.h"
#include <abi/errno.h>
#include "acpi/acpi.h"
#include "cpu.h"
#include "log/log.h"
#include "mm/vmm.h"
#include "sync/spinlock.h"

#define MAX_IOAPICS 8
#define RED_MASKED (1u << 16)
#define RED_LEVEL (1u << 15)
#define RED_LOW (1u << 13)

static struct {
    volatile uint32_t *regs;
    uint32_t gsi_base, count;
} ioapics[MAX_IOAPICS]; /* written by ioapic_init */
static unsigned nr_ioapics;
static spinlock_t lock = SPINLOCK_INIT; /* protects the register window */

static uint32_t rd(unsigned i, uint32_t reg)
{
    ioapics[i].regs[0] = reg;
    return ioapics[i].regs[4];
}

static void wr(unsigned i, uint32_t reg, uint32_t v)
{
    ioapics[i].regs[0] = reg;
    ioapics[i].regs[4] = v;
}

void ioapic_init(void)
{
    cpu_outb(0x21, 0xff); /* mask the 8259s: every IRQ comes through the I/O APIC */
    cpu_outb(0xa1, 0xff);
    const acpi_madt_info_t *m = acpi_madt();
    for (unsigned i = 0; m && i < m->ioapic_count && nr_ioapics < MAX_IOAPICS; i++) {
        volatile uint32_t *regs = vmm_map_mmio(m->ioapics[i].phys, 0x20);
        if (!regs)
            continue;
        unsigned n = nr_ioapics++;
        ioapics[n].regs = regs;
        ioapics[n].gsi_base = m->ioapics[i].gsi_base;
        ioapics[n].count = ((rd(n, 1) >> 16) & 0xff) + 1;
        for (uint32_t e = 0; e < ioapics[n].count; e++) {
            wr(n, 0x10 + 2 * e, RED_MASKED);
            wr(n, 0x11 + 2 * e, 0);
        }
        log_info("ioapic: id %u at 0x%x, GSIs %u-%u", m->ioapics[i].id, m->ioapics[i].phys,
                 ioapics[n].gsi_base, ioapics[n].gsi_base + ioapics[n].count - 1);
    }
}

static int ioapic_find(uint32_t gsi, unsigned *idx, uint32_t *pin)
{
    for (unsigned i = 0; i < nr_ioapics; i++)
        if (gsi >= ioapics[i].gsi_base && gsi < ioapics[i].gsi_base + ioapics[i].count) {
            *idx = i;
            *pin = gsi - ioapics[i].gsi_base;
            return 0;
        }
    return -ENODEV;
}

int ioapic_route_isa(uint8_t irq, uint8_t vector, uint32_t apic_id)
{
    uint16_t flags = 0;
    uint32_t gsi = acpi_irq_to_gsi(irq, &flags), pin;
    unsigned i;
    if (ioapic_find(gsi, &i, &pin))
        return -ENODEV;
    uint32_t low = vector;
    if ((flags & 3) == 3)
        low |= RED_LOW; /* active low */
    if (((flags >> 2) & 3) == 3)
        low |= RED_LEVEL;
    spinlock_lock(&lock);
    wr(i, 0x11 + 2 * pin, apic_id << 24);
    wr(i, 0x10 + 2 * pin, low);
    spinlock_unlock(&lock);
    return 0;
}

int ioapic_mask_isa(uint8_t irq)
{
    uint32_t gsi = acpi_irq_to_gsi(irq, 0), pin;
    unsigned i;
    if (ioapic_find(gsi, &i, &pin))
        return -ENODEV;
    spinlock_lock(&lock);
    wr(i, 0x10 + 2 * pin, rd(i, 0x10 + 2 * pin) | RED_MASKED);
    spinlock_unlock(&lock);
    return 0;
}

uint64_t ioapic_entry(uint32_t gsi)
{
    uint32_t pin;
    unsigned i;
    if (ioapic_find(gsi, &i, &pin))
        return 0;
    spinlock_lock(&lock);
    uint64_t v = ((uint64_t)rd(i, 0x11 + 2 * pin) << 32) | rd(i, 0x10 + 2 * pin);
    spinlock_unlock(&lock);
    return v;
}

unsigned ioapic_count(void)
{
    return nr_ioapics;
}
