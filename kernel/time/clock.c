/*
 * clock.c - the monotonic clock. Source TSC: ns = base + (tsc - tsc0) * mult >> 32.
 * Source HPET: ns = base + hpet_ns() - hpet0. The TSC rate is measured first against
 * the PIT's channel 2 (exactly 1.193182 MHz), later against the HPET over 20 ms.
 */
#include "clock.h"
#include "lib/hot.h"
#include "arch/x86_64/cpu.h"
#include "time/hpet.h"

#define PIT_HZ 1193182ull
#define CALIBRATE_TICKS 11932u /* 10 ms of PIT */

/* written by clock_init / clock_use_hpet on the BSP before other CPUs start */
static uint64_t tsc0, mult, hz, base_ns, hpet0, epoch0_ns;
static int use_hpet;

static void clock_set_tsc_rate(uint64_t tsc_hz)
{
    hz = tsc_hz;
    mult = (1000000000ull << 32) / hz; /* 1e9 << 32 still fits in 64 bits */
}

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
    tsc0 = start;
    clock_set_tsc_rate(ticks * PIT_HZ / CALIBRATE_TICKS);
}

static int tsc_invariant(void)
{
    uint32_t r[4];
    cpu_cpuid(0x80000000, 0, r);
    if (r[0] < 0x80000007)
        return 0;
    cpu_cpuid(0x80000007, 0, r);
    return (r[3] >> 8) & 1;
}

/* CPUID.1:ECX bit 31: we run under a hypervisor, whose virtual TSC ticks at a fixed
 * rate (QEMU's TCG and common CPU models do not advertise the invariant bit). */
static int under_hypervisor(void)
{
    uint32_t r[4];
    cpu_cpuid(1, 0, r);
    return (r[2] >> 31) & 1;
}

/* TSC ticks per second over @ms milliseconds of HPET time; *h1, *t1: the end points. */
static uint64_t tsc_rate_window(uint64_t ms, uint64_t *h1, uint64_t *t1)
{
    uint64_t h0 = hpet_ns(), t0 = cpu_rdtsc();
    while (hpet_ns() - h0 < ms * 1000000)
        cpu_pause();
    *h1 = hpet_ns();
    *t1 = cpu_rdtsc();
    return (*t1 - t0) * 1000000000ull / (*h1 - h0); /* tens of ms of TSC * 1e9 fit in 64 bits */
}

/*
 * Moves the clock onto the HPET's time base. The TSC stays the source (reading it is
 * one instruction; an HPET read is an MMIO access, very slow under virtualisation)
 * when it is invariant, or under a hypervisor when two consecutive 10 ms windows
 * measure the same rate within 2% (the HPET reads at their ends are themselves slow
 * and jittery there); otherwise the HPET becomes the source.
 */
void clock_use_hpet(void)
{
    uint64_t now = clock_ns(), h0 = hpet_ns(), t0 = cpu_rdtsc(), h1, t1;
    uint64_t r1 = tsc_rate_window(10, &h1, &t1);
    uint64_t r2 = tsc_rate_window(10, &h1, &t1);
    uint64_t rate = (t1 - t0) * 1000000000ull / (h1 - h0), diff = r1 > r2 ? r1 - r2 : r2 - r1;
    base_ns = now + (h1 - h0);
    if (tsc_invariant() || (under_hypervisor() && diff <= rate / 50)) {
        tsc0 = t1;
        clock_set_tsc_rate(rate);
    } else {
        hz = rate;
        hpet0 = h1;
        use_hpet = 1;
    }
}

void clock_set_epoch(uint64_t seconds)
{
    epoch0_ns = seconds * 1000000000ull - clock_ns();
}

HOT_PATH uint64_t clock_ns(void)
{
    if (use_hpet)
        return base_ns + (hpet_ns() - hpet0);
    if (!mult)
        return 0;
    return base_ns + (uint64_t)(((unsigned __int128)(cpu_rdtsc() - tsc0) * mult) >> 32);
}

HOT_PATH uint64_t clock_deadline(uint64_t timeout_ns)
{
    uint64_t deadline;
    if (!timeout_ns)
        return 0;
    if (__builtin_add_overflow(clock_ns(), timeout_ns, &deadline) || deadline == UINT64_MAX)
        return UINT64_MAX - 1;
    return deadline;
}

uint64_t clock_epoch_ns(void)
{
    return epoch0_ns + clock_ns();
}

uint64_t clock_tsc_hz(void)
{
    return hz;
}

int clock_is_tsc(void)
{
    return !use_hpet;
}
