/*
 * misc.c - small conversions the utilities share: the names of file kinds and the
 * ISO 8601 form of a wall-clock time (UTC, from days since 1970 to a civil date by
 * counting 400-year eras of 146097 days). See util.h.
 */
#include <stdio.h>
#include "util.h"

char util_kind_letter(uint32_t type)
{
    switch (type) {
    case STAT_FILE: return 'f';
    case STAT_DIR: return 'd';
    case STAT_DEVICE: return 'c';
    default: return '?';
    }
}

const char *util_kind_name(uint32_t type)
{
    switch (type) {
    case STAT_FILE: return "file";
    case STAT_DIR: return "directory";
    case STAT_DEVICE: return "device";
    default: return "unknown";
    }
}

/* The civil date of @days since 1970-01-01 (days >= 0). Eras start on March 1st, so
 * the leap day is the last day of a year and needs no special case. */
static void civil_from_days(uint64_t days, uint64_t *year, unsigned *month, unsigned *day)
{
    uint64_t z = days + 719468; /* days since 0000-03-01 */
    uint64_t era = z / 146097;
    uint64_t doe = z - era * 146097;                                   /* [0, 146096] */
    uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            /* [0, 365] */
    uint64_t mp = (5 * doy + 2) / 153;                                 /* March = 0 */
    *day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *year = yoe + era * 400 + (*month <= 2);
}

void util_format_time(uint64_t ns, char *buf)
{
    uint64_t secs = ns / 1000000000ull, year;
    unsigned month, day;
    civil_from_days(secs / 86400, &year, &month, &day);
    unsigned in_day = (unsigned)(secs % 86400);
    snprintf(buf, UTIL_TIME_MAX, "%04llu-%02u-%02uT%02u:%02u:%02uZ", (unsigned long long)year, month,
             day, in_day / 3600, in_day / 60 % 60, in_day % 60);
}
