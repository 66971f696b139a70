/*
 * time.h - calendar time and clocks (src/time/), built on epoch() and uptime() of
 * sys/proc.h. There are no time zones: local time is UTC, tm_isdst is always 0 and
 * %Z prints "UTC". time_t counts seconds since 1970-01-01 00:00 UTC (64-bit, so years
 * far beyond 2038 work); the calendar is the proleptic Gregorian one.
 */
#ifndef LIBSTD_TIME_H
#define LIBSTD_TIME_H

#include <stddef.h>
#include <stdint.h>

/** clock() ticks per second. */
#define CLOCKS_PER_SEC 1000000L
/** timespec_get() base: UTC wall-clock time. */
#define TIME_UTC 1
/** clock_gettime() clocks. */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1

typedef int64_t time_t;  /**< seconds since 1970-01-01 00:00 UTC */
typedef int64_t clock_t; /**< clock() ticks */
typedef int clockid_t;   /**< CLOCK_* */

/** A time in seconds and nanoseconds. */
struct timespec {
    time_t tv_sec; /**< seconds */
    long tv_nsec;  /**< nanoseconds, 0..999999999 */
};

/** A broken-down time. */
struct tm {
    int tm_sec;   /**< seconds after the minute, 0..60 */
    int tm_min;   /**< minutes after the hour, 0..59 */
    int tm_hour;  /**< hours since midnight, 0..23 */
    int tm_mday;  /**< day of the month, 1..31 */
    int tm_mon;   /**< months since January, 0..11 */
    int tm_year;  /**< years since 1900 */
    int tm_wday;  /**< days since Sunday, 0..6 */
    int tm_yday;  /**< days since January 1, 0..365 */
    int tm_isdst; /**< always 0: no daylight saving time */
    long tm_gmtoff; /**< seconds east of UTC: always 0 */
    const char *tm_zone; /**< "UTC" */
};

/** The current calendar time, also stored in *@t if @t is not NULL. Never fails. */
time_t time(time_t *t);

/**
 * The time the process has run, in CLOCKS_PER_SEC ticks: there is no per-process CPU
 * accounting, so this is the monotonic time elapsed since the process started (an
 * upper bound of its CPU time). Never fails.
 */
clock_t clock(void);

/** @end - @start in seconds. */
double difftime(time_t end, time_t start);

/**
 * The calendar time of the broken-down UTC time *@tm, after normalising its fields
 * (61 seconds become a minute and a second, month 12 is January of the next year,
 * day 0 the last day of the month before, ...), which are written back with tm_wday
 * and tm_yday set. tm_isdst is ignored and set to 0.
 * @return the time, or -1 with errno EOVERFLOW if the year does not fit an int.
 */
time_t mktime(struct tm *tm);

/** mktime(): local time is UTC. */
time_t timegm(struct tm *tm);

/**
 * Break @*t down into UTC fields in *@out.
 * @return @out, or NULL with errno EOVERFLOW if the year does not fit an int.
 */
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict out);

/** gmtime_r() into a static struct shared by gmtime() and localtime() (not thread-safe). */
struct tm *gmtime(const time_t *t);

/** localtime is UTC: gmtime_r(). */
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict out);

/** localtime is UTC: gmtime(). */
struct tm *localtime(const time_t *t);

/**
 * Format *@tm under the control of @fmt into @s (at most @max bytes, NUL included).
 * Conversions: %a %A %b %B %h (names), %c ("Sun Nov 27 16:05:58 2026"), %C %d %e %F
 * (%Y-%m-%d) %D (%m/%d/%y) %H %I %j %m %M %n %p (AM/PM) %r %R %S %s (seconds since the
 * epoch) %t %T (%H:%M:%S) %u %U %V %G %g (ISO 8601 week and its year) %w %W %x
 * (%m/%d/%y) %X (%H:%M:%S) %y %Y %z (+0000) %Z (UTC) %%; the E and O modifiers are accepted and ignored; any other conversion is
 * copied as written.
 * @return the length written (NUL excluded), or 0 if it did not fit (@s is then
 * unspecified).
 */
size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
                const struct tm *restrict tm);

/**
 * *@tm as "Sun Nov 27 16:05:58 2026\n" in a static buffer (not thread-safe).
 * @return the buffer.
 */
char *asctime(const struct tm *tm);

/** asctime(localtime(@t)). @return the static buffer, or NULL as gmtime(). */
char *ctime(const time_t *t);

/**
 * The current time of @base (TIME_UTC only) in *@ts.
 * @return @base, or 0 for another base.
 */
int timespec_get(struct timespec *ts, int base);

/**
 * The time of clock @id: CLOCK_REALTIME (since the epoch) or CLOCK_MONOTONIC (since
 * boot).
 * @return 0, or -1 with errno EINVAL (another clock).
 */
int clock_gettime(clockid_t id, struct timespec *ts);

#endif
