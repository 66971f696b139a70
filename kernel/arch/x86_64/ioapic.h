/*
 * ioapic.h - I/O APIC interrupt routing. Device IRQs reach a CPU through the I/O APIC
 * whose GSI range holds them; ISA IRQ numbers are translated with the MADT's interrupt
 * source overrides (polarity and trigger included). The legacy 8259 PICs are masked.
 */
#ifndef ARCH_IOAPIC_H
#define ARCH_IOAPIC_H

#include <stdint.h>

#define IOAPIC_VECTOR_BASE 0x30 /**< ISA IRQ n is delivered on vector 0x30 + n */

/** Masks both 8259 PICs, maps every I/O APIC of the MADT and masks all its inputs. */
void ioapic_init(void);
/**
 * Routes ISA IRQ irq (overrides applied) to vector on the CPU with apic_id, unmasked.
 * Returns 0 or -ENODEV (no I/O APIC serves that GSI). Locking: ioapic lock. O(I/O APICs).
 */
int ioapic_route_isa(uint8_t irq, uint8_t vector, uint32_t apic_id);
/** Masks ISA IRQ irq again. 0 or -ENODEV. */
int ioapic_mask_isa(uint8_t irq);
/** The raw 64-bit redirection entry of gsi (tests, debugging); 0 if no I/O APIC has it. */
uint64_t ioapic_entry(uint32_t gsi);
/** Number of I/O APICs in use. */
unsigned ioapic_count(void);

#endif
