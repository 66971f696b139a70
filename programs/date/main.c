/*
 * date - print the wall-clock time, from epoch(), in UTC as ISO 8601
 * ("2026-11-27T16:05:54Z"); -s prints the seconds since 1970 instead.
 */
#include <sys/proc.h>
#include "util.h"

int main(int argc, char **argv)
{
    util_init("date", "date [-s]\n"
                      "Print the time in UTC as ISO 8601 (-s: seconds since 1970).");
    util_opts_t o;
    bool seconds = false;
    util_opts_init(&o, argc, argv);
    while (util_opts_next(&o, "s") != -1)
        seconds = true;
    if (o.index < argc)
        util_usage_error("%s: unexpected argument", argv[o.index]);
    uint64_t now = epoch();
    char text[UTIL_TIME_MAX];
    if (seconds) {
        util_outf("%llu\n", (unsigned long long)(now / NS_PER_SEC));
    } else {
        util_format_time(now, text);
        util_outf("%s\n", text);
    }
    return 0;
}
