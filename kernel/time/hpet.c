/*
 * hpet.c - HPET main counter. Only the counter is used (no comparators): timer events
 * come from each CPU's LAPIC. ns = counter * period_fs / 10^6, as one 128-bit multiply.
 */
#include "hpet.h"
#include <abi/errno.h>
#include "mm/vmm.h"

#define HPET_CAP 0x00
#define HPET_CONFIG 0x10
#define HPET_COUNTER 0xf0

static volatile uint64_t *regs; /* written once by hpet_init */
static uint64_t period_fs, mult; /* mult = period_fs * 2^32 / 10^6 */

int hpet_init(uint64_t phys)
{
    regs = vmm_map_mmio(phys, 1024);
    if (!regs)
        return -ENODEV;
    uint64_t cap = regs[HPET_CAP / 8], period = cap >> 32;
    if (period == 0 || period > 100000000ull) /* the spec caps it at 100 ns */
        return -ENODEV;
    if (!(cap & (1u << 13)))
        return -ENODEV; /* a 32-bit counter would wrap within minutes */
    period_fs = period;
    mult = (period << 32) / 1000000ull;
    regs[HPET_CONFIG / 8] |= 1; /* counter on, legacy routing off */
    return 0;
}

uint64_t hpet_ns(void)
{
    return (uint64_t)(((unsigned __int128)regs[HPET_COUNTER / 8] * mult) >> 32);
}

uint64_t hpet_period_fs(void)
{
    return period_fs;
}
