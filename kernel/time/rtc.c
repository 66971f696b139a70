/*
 * rtc.c - the MC146818-style CMOS clock: registers through ports 0x70/0x71, BCD or
 * binary and 12- or 24-hour as status register B says. Read twice until two reads
 * agree, so a rollover between fields cannot give a torn time.
 */
#include "rtc.h"
#include "arch/x86_64/cpu.h"

static uint8_t cmos(uint8_t reg)
{
    cpu_outb(0x70, reg | 0x80); /* keep NMIs masked while selecting */
    return cpu_inb(0x71);
}

static void rtc_raw(uint8_t r[7], uint8_t century_reg)
{
    while (cmos(0x0a) & 0x80) /* update in progress */
        cpu_pause();
    static const uint8_t regs[6] = {0x00, 0x02, 0x04, 0x07, 0x08, 0x09};
    for (int i = 0; i < 6; i++)
        r[i] = cmos(regs[i]);
    r[6] = century_reg ? cmos(century_reg) : 0;
}

static uint32_t bcd(uint8_t v)
{
    return (v & 0x0f) + (v >> 4) * 10u;
}

void rtc_read(rtc_time_t *t, uint8_t century_reg)
{
    uint8_t a[7], b[7];
    rtc_raw(a, century_reg);
    for (int tries = 0; tries < 5; tries++) {
        rtc_raw(b, century_reg);
        int same = 1;
        for (int i = 0; i < 7; i++)
            same &= a[i] == b[i];
        if (same)
            break;
        for (int i = 0; i < 7; i++)
            a[i] = b[i];
    }
    uint8_t status = cmos(0x0b);
    cpu_outb(0x70, 0x0b); /* leave the index register with NMIs enabled again */
    int binary = status & 0x04, h24 = status & 0x02;
    uint8_t pm = a[2] & 0x80;
    a[2] &= 0x7f;
    uint32_t f[7];
    for (int i = 0; i < 7; i++)
        f[i] = binary ? a[i] : bcd(a[i]);
    if (!h24)
        f[2] = (f[2] % 12) + (pm ? 12 : 0);
    t->second = f[0];
    t->minute = f[1];
    t->hour = f[2];
    t->day = f[3];
    t->month = f[4];
    t->year = f[6] ? f[6] * 100 + f[5] : 2000 + f[5];
}

uint64_t rtc_to_epoch(const rtc_time_t *t)
{
    /* days from civil: count years from March so leap days fall at a year's end */
    int64_t y = (int64_t)t->year - (t->month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = ((int64_t)t->month + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + (int64_t)t->day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    return (uint64_t)(days * 86400 + t->hour * 3600 + t->minute * 60 + t->second);
}
