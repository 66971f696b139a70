/*
 * ioapic.h - I/O APIC interrupt routing. Device IRQs reach a CPU through the I/O APIC
 * whose GSI range holds them; ISA IRQ numbers are translated with the MADT's interrupt
 * source overrides (polarity and trigger included). The legacy 8259 PICs are masked.
 */
#ifndef ARCH_IOAPIC_H
#define ARCH_IOAPIC_H

#include <stdint.h>

#define IOAPIC_VECTOR_BASE 0x30 /**< ISA IRQ n is delivered on vector 0x30 + n */

/**
 * Masks both 8259 PICs, maps every I/O APIC of the MADT (up to 8) and masks all its
 * inputs. Locking: boot CPU only, once, before other CPUs start. Never sleeps.
 * O(I/O APICs * pins).
 */
void ioapic_init(void);
/**
 * Routes ISA IRQ irq (overrides applied) to vector on the CPU with apic_id, unmasked.
 * Returns 0 or -ENODEV (no I/O APIC serves that GSI). Locking: takes the ioapic lock
 * (any context). Never sleeps. O(overrides + I/O APICs).
 */
int ioapic_route_isa(uint8_t irq, uint8_t vector, uint32_t apic_id);
/**
 * Masks ISA IRQ irq again. Returns 0 or -ENODEV. Locking: takes the ioapic lock (any
 * context). Never sleeps. O(overrides + I/O APICs).
 */
int ioapic_mask_isa(uint8_t irq);
/**
 * The raw 64-bit redirection entry of gsi (tests, debugging); 0 if no I/O APIC has it.
 * Locking: takes the ioapic lock. Never sleeps. O(I/O APICs).
 */
uint64_t ioapic_entry(uint32_t gsi);
/** Number of I/O APICs in use. Locking: none (set by ioapic_init). O(1). */
unsigned ioapic_count(void);

#endif
