/*
 * time.c - the clocks of time.h on the kernel's two: epoch() (wall clock) and uptime()
 * (monotonic), both in nanoseconds.
 */
#include <errno.h>
#include <sys/proc.h>
#include <time.h>
#include "internal/clock.h"

uint64_t _std_start_ns;

time_t time(time_t *t)
{
    time_t now = (time_t)(epoch() / NS_PER_SEC);
    if (t != NULL)
        *t = now;
    return now;
}

clock_t clock(void)
{
    return (clock_t)((uptime() - _std_start_ns) / (NS_PER_SEC / CLOCKS_PER_SEC));
}

double difftime(time_t end, time_t start)
{
    return (double)(end - start);
}

static void ns_to_timespec(uint64_t ns, struct timespec *ts)
{
    ts->tv_sec = (time_t)(ns / NS_PER_SEC);
    ts->tv_nsec = (long)(ns % NS_PER_SEC);
}

int timespec_get(struct timespec *ts, int base)
{
    if (base != TIME_UTC)
        return 0;
    ns_to_timespec(epoch(), ts);
    return base;
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
    if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC) {
        errno = EINVAL;
        return -1;
    }
    ns_to_timespec(id == CLOCK_REALTIME ? epoch() : uptime(), ts);
    return 0;
}
