/*
 * calendar.c - conversions between time_t and struct tm in the proleptic Gregorian
 * calendar, UTC only (time.h). Days since the epoch come from a year/month/day by
 * counting whole 400-year eras (146097 days each) with the year starting in March, so
 * the leap day is the last day of the shifted year; the inverse splits the same way.
 */
#include <errno.h>
#include <limits.h>
#include <time.h>

#define SECS_PER_DAY 86400
#define DAYS_PER_ERA 146097

/* Floor division (C's / truncates toward zero). */
static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days from 1970-01-01 to @year-@month-@day (month 1..12). */
static int64_t days_from_civil(int64_t year, int64_t month, int64_t day)
{
    year -= month <= 2;
    int64_t era = floor_div(year, 400);
    int64_t yoe = year - era * 400;                               /* 0..399 */
    int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1; /* from March 1 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* 0..146096 */
    return era * DAYS_PER_ERA + doe - 719468;
}

/* The date of @days since 1970-01-01. */
static void civil_from_days(int64_t days, int64_t *year, int *month, int *day)
{
    days += 719468;
    int64_t era = floor_div(days, DAYS_PER_ERA);
    int64_t doe = days - era * DAYS_PER_ERA;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = yoe + era * 400 + (*month <= 2);
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict out)
{
    int64_t days = floor_div(*t, SECS_PER_DAY), secs = *t - days * SECS_PER_DAY;
    int64_t year;
    int month, day;
    civil_from_days(days, &year, &month, &day);
    if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) {
        errno = EOVERFLOW;
        return NULL;
    }
    *out = (struct tm){
        .tm_sec = (int)(secs % 60), .tm_min = (int)(secs / 60 % 60), .tm_hour = (int)(secs / 3600),
        .tm_mday = day, .tm_mon = month - 1, .tm_year = (int)(year - 1900),
        .tm_wday = (int)(days - floor_div(days + 4, 7) * 7 + 4), /* 1970-01-01 was a Thursday */
        .tm_yday = (int)(days - days_from_civil(year, 1, 1)), .tm_zone = "UTC",
    };
    return out;
}

static struct tm shared_tm;

struct tm *gmtime(const time_t *t)
{
    return gmtime_r(t, &shared_tm);
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict out)
{
    return gmtime_r(t, out);
}

struct tm *localtime(const time_t *t)
{
    return gmtime_r(t, &shared_tm);
}

time_t timegm(struct tm *tm)
{
    int64_t month = tm->tm_mon, year = (int64_t)tm->tm_year + 1900 + floor_div(month, 12);
    month -= floor_div(month, 12) * 12;
    int64_t days = days_from_civil(year, month + 1, 1) + tm->tm_mday - 1;
    time_t t = days * SECS_PER_DAY + (int64_t)tm->tm_hour * 3600 + (int64_t)tm->tm_min * 60 + tm->tm_sec;
    struct tm norm;
    if (gmtime_r(&t, &norm) == NULL)
        return -1;
    *tm = norm;
    return t;
}

time_t mktime(struct tm *tm)
{
    return timegm(tm);
}
