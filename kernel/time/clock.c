/*
 * clock.c - TSC-based monotonic time. The TSC rate is measured by timing the PIT's
 * channel 2 counting down a known interval (the PIT runs at exactly 1.193182 MHz).
 * ns = (tsc - tsc0) * mult >> 32, so a reading costs one multiply.
 */
#include "clock.h"
#include "arch/x86_64/cpu.h"

#define PIT_HZ 1193182ull
#define CALIBRATE_TICKS 11932u /* 10 ms of PIT */

static uint64_t tsc0, mult, hz; /* written once by clock_init */

void clock_init(void)
{
    uint8_t gate = cpu_inb(0x61);
    cpu_outb(0x61, (uint8_t)((gate & ~0x02) | 0x01));
    cpu_outb(0x43, 0xb0); /* channel 2, lo/hi byte, mode 0 */
    cpu_outb(0x42, CALIBRATE_TICKS & 0xff);
    cpu_outb(0x42, CALIBRATE_TICKS >> 8);
    uint64_t start = cpu_rdtsc();
    while (!(cpu_inb(0x61) & 0x20))
        cpu_pause();
    uint64_t ticks = cpu_rdtsc() - start;
    cpu_outb(0x61, gate);
    hz = ticks * PIT_HZ / CALIBRATE_TICKS;
    mult = (1000000000ull << 32) / hz; /* 1e9 << 32 still fits in 64 bits */
    tsc0 = start;
}

uint64_t clock_ns(void)
{
    if (!mult)
        return 0;
    return (uint64_t)(((unsigned __int128)(cpu_rdtsc() - tsc0) * mult) >> 32);
}

uint64_t clock_tsc_hz(void)
{
    return hz;
}
