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

/** Maps the xAPIC registers (if needed) from the MADT's address. Once, on the BSP. */
void lapic_init(uint64_t phys);
/** Enables this CPU's LAPIC, masks its LVTs, stops its timer. Once per CPU. */
void lapic_cpu_init(void);
/** Measures this LAPIC's timer rate against the monotonic clock (BSP, once). */
void lapic_timer_calibrate(void);
/** This CPU's APIC id. O(1). */
uint32_t lapic_id(void);
/** Signals end of interrupt. O(1). */
void lapic_eoi(void);
/** Sends a fixed interrupt vector to one CPU. O(1). */
void lapic_send_ipi(uint32_t apic_id, uint8_t vector);
/** Sends an NMI to every other CPU (panic). */
void lapic_send_nmi_others(void);
/** INIT, then STARTUP with the trampoline at page `page` (physical >> 12). */
void lapic_send_init(uint32_t apic_id);
void lapic_send_startup(uint32_t apic_id, uint8_t page);
/** Arms this CPU's one-shot timer to fire LAPIC_VECTOR_TIMER at clock_ns() >= deadline. O(1). */
void lapic_timer_arm(uint64_t deadline_ns);
/** Disarms this CPU's timer. O(1). */
void lapic_timer_stop(void);
/** 1 if the timer uses TSC-deadline mode, 0 for the LAPIC counter. */
int lapic_timer_is_deadline(void);
/** 1 if x2APIC mode is in use. */
int lapic_is_x2apic(void);

#endif
