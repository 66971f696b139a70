/*
 * sleep - wait for the number of seconds given, which may have a fraction ("0.25");
 * precision is kept to the nanosecond. A note ends it as it ends any program.
 */
#include <sys/proc.h>
#include "util.h"

#define SLEEP_MAX_SECONDS 1000000000ull /* about 31 years: the sum stays within 64 bits */

/* Parses "<digits>[.<digits>]" as nanoseconds; false if malformed or too large. */
static bool parse_seconds(const char *s, uint64_t *ns)
{
    uint64_t whole = 0, frac = 0, scale = NS_PER_SEC;
    bool digits = false;
    for (; *s >= '0' && *s <= '9'; s++, digits = true) {
        if (whole > SLEEP_MAX_SECONDS)
            return false;
        whole = whole * 10 + (uint64_t)(*s - '0');
    }
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++, digits = true)
            if (scale /= 10)
                frac += (uint64_t)(*s - '0') * scale;
    if (!digits || *s != '\0')
        return false;
    *ns = whole * NS_PER_SEC + frac;
    return true;
}

int main(int argc, char **argv)
{
    util_init("sleep", "sleep seconds\n"
                       "Wait for that many seconds; fractions are allowed (sleep 0.5).");
    int first = util_operands(argc, argv);
    if (first == argc)
        util_usage_error("missing time");
    if (argc - first > 1)
        util_usage_error("%s: unexpected argument", argv[first + 1]);
    uint64_t ns;
    if (!parse_seconds(argv[first], &ns))
        util_usage_error("%s: not a number of seconds", argv[first]);
    uint64_t deadline = uptime() + ns;
    for (uint64_t now = uptime(); now < deadline; now = uptime())
        sleep(deadline - now); /* fails only with EINTR, after a handled note: go on */
    return 0;
}
