/*
 * uptime - how long the system has been running ("up 1 day, 2:03:04" or
 * "up 0:05:09") and how many processes exist.
 */
#include <stdlib.h>
#include <sys/proc.h>
#include "util.h"

int main(int argc, char **argv)
{
    util_init("uptime", "uptime\n"
                        "Print the time since boot and the number of processes.");
    util_no_arguments(argc, argv);
    uint64_t secs = uptime() / NS_PER_SEC, days = secs / 86400;
    size_t procs = 0;
    util_proc_t *list = util_proc_list(&procs);
    free(list);
    util_outs("up ");
    if (days > 0)
        util_outf("%llu day%s, ", (unsigned long long)days, days == 1 ? "" : "s");
    util_outf("%llu:%02llu:%02llu, %zu processes\n", (unsigned long long)(secs % 86400 / 3600),
              (unsigned long long)(secs % 3600 / 60), (unsigned long long)(secs % 60), procs);
    return 0;
}
