/*
 * ktest.c - the kernel test runner: walks the .ktests section, runs each test with the
 * failure state cleared and prints its result line through the log.
 */
#include "ktest.h"
#include <stdarg.h>
#include "lib/fmt.h"
#include "log/log.h"

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
        t->fn();
        if (failed_now) {
            (*failed)++;
            log_raw("not ok %s/%s: %s", t->suite, t->name, reason);
        } else {
            log_raw("ok %s/%s", t->suite, t->name);
        }
    }
    return run;
}
