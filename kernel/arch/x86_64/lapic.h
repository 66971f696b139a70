/*
 * lapic.h - the local APIC of each CPU: x2APIC (MSRs) when the CPU has it, else xAPIC
 * (MMIO). End of interrupt, inter-processor interrupts, and the one-shot timer the
 * tickless scheduler arms (TSC-deadline mode where available, else the LAPIC counter).
 */
#ifndef ARCH_LAPIC_H
#define ARCH_LAPIC_H

#include <stdint.h>

#define LAPIC_VECTOR_TIMER 0xf0
#define LAPIC_VECTOR_RESCHED 0xf1
#define LAPIC_VECTOR_TLB 0xf2
#define LAPIC_VECTOR_STOP 0xf3
#define LAPIC_VECTOR_SPURIOUS 0xff

/**
 * Picks x2APIC or xAPIC and timer mode from CPUID and maps the xAPIC registers (if
 * needed) from the MADT's address (0: from the APIC base MSR). Locking: boot CPU only,
 * once, before other CPUs start. O(1).
 */
void lapic_init(uint64_t phys);
/**
 * Enables this CPU's LAPIC, masks its LVTs (LINT1 = NMI), stops its timer. Locking: once
 * per CPU, on that CPU during bring-up, interrupts off. O(1).
 */
void lapic_cpu_init(void);
/**
 * Measures this LAPIC's timer rate (and the TSC's) against the monotonic clock,
 * busy-waiting 10 ms; the other CPUs reuse the result. Locking: boot CPU only, once,
 * before other CPUs start, interrupts off. O(1).
 */
void lapic_timer_calibrate(void);
/** This CPU's APIC id. Locking: none (stable only while the caller cannot migrate). O(1). */
uint32_t lapic_id(void);
/** Signals end of interrupt. Locking: this CPU, in the interrupt handler (interrupts off). O(1). */
void lapic_eoi(void);
/**
 * Sends a fixed interrupt vector to one CPU. Locking: interrupts off (in xAPIC mode the
 * ICR is two registers; an interrupt between the writes that sends its own IPI would
 * redirect this one). Spins until delivered (xAPIC). O(1).
 */
void lapic_send_ipi(uint32_t apic_id, uint8_t vector);
/** Sends an NMI to every other CPU (panic). Locking: none, any context. O(1). */
void lapic_send_nmi_others(void);
/**
 * INIT, then STARTUP with the trampoline at page `page` (physical >> 12). Locking: boot
 * CPU only; interrupts off, as for lapic_send_ipi(). O(1).
 */
void lapic_send_init(uint32_t apic_id);
void lapic_send_startup(uint32_t apic_id, uint8_t page);
/**
 * Arms this CPU's one-shot timer to fire LAPIC_VECTOR_TIMER at clock_ns() >= deadline
 * (at once if it has passed). Locking: this CPU, interrupts off. O(1).
 */
void lapic_timer_arm(uint64_t deadline_ns);
/** Disarms this CPU's timer. Locking: this CPU, interrupts off. O(1). */
void lapic_timer_stop(void);
/** 1 if the timer uses TSC-deadline mode, 0 for the LAPIC counter. Locking: none. O(1). */
int lapic_timer_is_deadline(void);
/** 1 if x2APIC mode is in use. Locking: none. O(1). */
int lapic_is_x2apic(void);

#endif
