/*
 * ktest.c - the kernel test runner: walks the .ktests section, runs each test with the
 * failure state cleared and prints its result line through the log.
 */
#include "ktest.h"
#include <stdarg.h>
#include "lib/fmt.h"
#include "log/log.h"
#include "time/clock.h"

#define KTEST_SLOW_NS 2000000000ull /* tests slower than this are named in the log */

extern const ktest_t __ktests_start[], __ktests_end[];

static char reason[256]; /* the running test's first failure; boot CPU only */
static int failed_now;

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
    if (failed_now++)
        return;
    int n = fmt_snprintf(reason, sizeof(reason), "%s:%d: ", file, line);
    va_list ap;
    va_start(ap, fmt);
    fmt_vsnprintf(reason + n, sizeof(reason) - (size_t)n, fmt, ap);
    va_end(ap);
}

unsigned ktest_run_all(unsigned *failed)
{
    unsigned run = 0;
    *failed = 0;
    for (const ktest_t *t = __ktests_start; t < __ktests_end; t++, run++) {
        failed_now = 0;
        uint64_t t0 = clock_ns();
        t->fn();
        uint64_t took = clock_ns() - t0;
        if (took > KTEST_SLOW_NS)
            log_info("ktest: %s/%s took %lu ms", t->suite, t->name, took / 1000000);
        if (failed_now) {
            (*failed)++;
            log_raw("not ok %s/%s: %s", t->suite, t->name, reason);
        } else {
            log_raw("ok %s/%s", t->suite, t->name);
        }
    }
    return run;
}
