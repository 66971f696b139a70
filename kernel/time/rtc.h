/*
 * rtc.h - wall-clock time from the CMOS real-time clock, read once at boot; afterwards
 * the wall clock is that reading plus the monotonic clock.
 */
#ifndef TIME_RTC_H
#define TIME_RTC_H

#include <stdint.h>

/** Calendar fields as the RTC reports them (24-hour, full year). */
typedef struct rtc_time {
    uint32_t year, month, day, hour, minute, second;
} rtc_time_t;

/**
 * Reads the RTC, waiting out an update in progress and rereading (up to 5 times) until
 * two reads agree. century_reg: FADT's, 0 if none. Locking: none taken; the CMOS index
 * port is shared, so boot CPU only (no concurrent CMOS user). Busy-waits, never sleeps.
 * O(1).
 */
void rtc_read(rtc_time_t *t, uint8_t century_reg);
/** Seconds since 1970-01-01 00:00 UTC for a calendar time. Locking: none (pure). O(1). */
uint64_t rtc_to_epoch(const rtc_time_t *t);

#endif
