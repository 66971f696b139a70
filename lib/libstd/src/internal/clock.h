/*
 * clock.h - when the process started, for clock() (src/time/time.c); set once by the
 * start-up code (src/crt/start.c) before main().
 */
#ifndef LIBSTD_INTERNAL_CLOCK_H
#define LIBSTD_INTERNAL_CLOCK_H

#include <stdint.h>

/** uptime() when the process started. Written once before main(), then immutable. */
extern uint64_t _std_start_ns;

#endif
