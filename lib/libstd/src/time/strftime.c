/*
 * strftime.c - strftime, asctime and ctime (time.h). strftime appends each conversion
 * to a bounded output with snprintf; names are the C locale's English ones.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const day_names[7] = { "Sunday", "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday" };
static const char *const month_names[12] = { "January", "February", "March", "April",
                                             "May", "June", "July", "August", "September",
                                             "October", "November", "December" };

/** The output of strftime: a bounded buffer that remembers overflowing. */
typedef struct out {
    char *s;
    size_t max, len;
    bool full;
} out_t;

static void put(out_t *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(out_t *o, const char *fmt, ...)
{
    if (o->full)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->s + o->len, o->max - o->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= o->max - o->len)
        o->full = true;
    else
        o->len += (size_t)n;
}

static const char *name_of(const char *const *names, int i, int n)
{
    return i >= 0 && i < n ? names[i] : "?";
}

/* The week of the year whose weeks start on @first_day (0 Sunday, 1 Monday). */
static int week_number(const struct tm *tm, int first_day)
{
    int wday = (tm->tm_wday - first_day + 7) % 7;
    return (tm->tm_yday + 7 - wday) / 7;
}

/* 53 if the ISO 8601 year @y has 53 weeks (it starts or, in a leap year, ends on a Thursday). */
static int iso_weeks_in(long long y)
{
    long long p = (y + y / 4 - y / 100 + y / 400) % 7, q = ((y - 1) + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400) % 7;
    return p == 4 || q == 3 ? 53 : 52;
}

/* The ISO 8601 week (1..53) of *@tm and the year it belongs to (%V, %G, %g). */
static int iso_week(const struct tm *tm, long long *iso_year)
{
    long long year = (long long)tm->tm_year + 1900;
    int wday = (tm->tm_wday + 6) % 7; /* Monday 0 */
    int week = (tm->tm_yday - wday + 10) / 7;
    if (week < 1) {
        *iso_year = year - 1;
        return iso_weeks_in(year - 1);
    }
    if (week > iso_weeks_in(year)) {
        *iso_year = year + 1;
        return 1;
    }
    *iso_year = year;
    return week;
}

static void put_time(out_t *o, const struct tm *tm)
{
    put(o, "%02d:%02d:%02d", tm->tm_hour, tm->tm_min, tm->tm_sec);
}

/* One conversion; returns false if @c is not one. */
static bool convert(out_t *o, char c, const struct tm *tm)
{
    long long year = (long long)tm->tm_year + 1900;
    int hour12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;
    switch (c) {
    case 'a': put(o, "%.3s", name_of(day_names, tm->tm_wday, 7)); break;
    case 'A': put(o, "%s", name_of(day_names, tm->tm_wday, 7)); break;
    case 'b':
    case 'h': put(o, "%.3s", name_of(month_names, tm->tm_mon, 12)); break;
    case 'B': put(o, "%s", name_of(month_names, tm->tm_mon, 12)); break;
    case 'c':
        put(o, "%.3s %.3s %2d ", name_of(day_names, tm->tm_wday, 7),
            name_of(month_names, tm->tm_mon, 12), tm->tm_mday);
        put_time(o, tm);
        put(o, " %lld", year);
        break;
    case 'C': put(o, "%02lld", year / 100); break;
    case 'd': put(o, "%02d", tm->tm_mday); break;
    case 'e': put(o, "%2d", tm->tm_mday); break;
    case 'D':
    case 'x': put(o, "%02d/%02d/%02lld", tm->tm_mon + 1, tm->tm_mday, year % 100); break;
    case 'F': put(o, "%04lld-%02d-%02d", year, tm->tm_mon + 1, tm->tm_mday); break;
    case 'H': put(o, "%02d", tm->tm_hour); break;
    case 'I': put(o, "%02d", hour12); break;
    case 'j': put(o, "%03d", tm->tm_yday + 1); break;
    case 'm': put(o, "%02d", tm->tm_mon + 1); break;
    case 'M': put(o, "%02d", tm->tm_min); break;
    case 'n': put(o, "\n"); break;
    case 'p': put(o, "%s", tm->tm_hour < 12 ? "AM" : "PM"); break;
    case 'r': put(o, "%02d:%02d:%02d %s", hour12, tm->tm_min, tm->tm_sec, tm->tm_hour < 12 ? "AM" : "PM"); break;
    case 'R': put(o, "%02d:%02d", tm->tm_hour, tm->tm_min); break;
    case 's': {
        struct tm copy = *tm;
        put(o, "%lld", (long long)timegm(&copy));
        break;
    }
    case 'S': put(o, "%02d", tm->tm_sec); break;
    case 't': put(o, "\t"); break;
    case 'T':
    case 'X': put_time(o, tm); break;
    case 'u': put(o, "%d", tm->tm_wday == 0 ? 7 : tm->tm_wday); break;
    case 'V':
    case 'G':
    case 'g': {
        long long iso_year;
        int week = iso_week(tm, &iso_year);
        if (c == 'V')
            put(o, "%02d", week);
        else if (c == 'G')
            put(o, "%lld", iso_year);
        else
            put(o, "%02lld", (iso_year % 100 + 100) % 100);
        break;
    }
    case 'U': put(o, "%02d", week_number(tm, 0)); break;
    case 'w': put(o, "%d", tm->tm_wday); break;
    case 'W': put(o, "%02d", week_number(tm, 1)); break;
    case 'y': put(o, "%02lld", (year % 100 + 100) % 100); break;
    case 'Y': put(o, "%lld", year); break;
    case 'z': put(o, "+0000"); break;
    case 'Z': put(o, "UTC"); break;
    case '%': put(o, "%%"); break;
    default: return false;
    }
    return true;
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt, const struct tm *restrict tm)
{
    out_t o = { s, max, 0, max == 0 };
    for (const char *f = fmt; *f != '\0' && !o.full; f++) {
        if (*f != '%' || f[1] == '\0') {
            put(&o, "%c", *f);
            continue;
        }
        const char *start = f++;
        if (*f == 'E' || *f == 'O')
            f++;
        if (*f == '\0' || !convert(&o, *f, tm)) {
            put(&o, "%.*s", (int)(f - start + (*f != '\0')), start);
            if (*f == '\0')
                break;
        }
    }
    if (o.full) {
        if (max > 0)
            s[0] = '\0';
        return 0;
    }
    return o.len;
}

char *asctime(const struct tm *tm)
{
    static char buf[64];
    if (strftime(buf, sizeof(buf), "%c\n", tm) == 0)
        buf[0] = '\0';
    return buf;
}

char *ctime(const time_t *t)
{
    struct tm *tm = localtime(t);
    return tm != NULL ? asctime(tm) : NULL;
}
