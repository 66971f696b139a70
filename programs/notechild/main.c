/*
 * notechild - a child for the note tests (home:/bin/notechild). It installs a note
 * handler that writes "<uptime ns> <note>\n" to fd 1 and then, depending on argv[1]:
 *   spin     spins in user space forever (the handler ends the process: "noted")
 *   sleep    sleeps 10 s; prints "eintr" if the sleep was cut short, exits "0"
 *   count N  counts notes until N have arrived, then exits with the count
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "util.h"

static const char *mode;
static volatile int seen;

static void on_note(const char *note)
{
    dprintf(1, "%lu %s\n", (unsigned long)uptime(), note);
    seen++;
    if (!strcmp(mode, "spin"))
        process_exit("noted");
}

int main(int argc, char **argv)
{
    util_init("notechild", "notechild spin | sleep | count N\n"
        "A child for the note tests: installs a note handler that logs each note, then\n"
        "spins, sleeps 10 s, or counts N notes and exits with the count.");
    util_help_check(argc, argv);
    if (argc < 2)
        return 64;
    mode = argv[1];
    notify(on_note);
    if (!strcmp(mode, "spin"))
        for (;;)
            ;
    if (!strcmp(mode, "sleep")) {
        if (sleep(10000000000ull) == ERR && errno == EINTR)
            dprintf(1, "eintr\n");
        return 0;
    }
    if (!strcmp(mode, "count") && argc == 3) {
        int want = atoi(argv[2]);
        while (seen < want)
            sleep(1000000);
        return seen;
    }
    return 64;
}
