/*
 * uniq - print the lines of a file (standard input if none or "-"), folding each run
 * of equal adjacent lines into one. -c prefixes each with its run length, -d prints
 * only lines that were repeated, -u only those that were not.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

static bool opt_count, opt_repeated, opt_single;

static void print_run(const char *line, uint64_t run)
{
    if ((opt_repeated && run < 2) || (opt_single && run > 1))
        return;
    if (opt_count)
        util_outf("%7llu ", (unsigned long long)run);
    util_outf("%s\n", line);
}

int main(int argc, char **argv)
{
    util_init("uniq", "uniq [-cdu] [file]\n"
                      "Fold runs of equal adjacent lines into one.\n"
                      "  -c  count each run  -d  only repeated lines  -u  only unrepeated lines");
    util_opts_t o;
    util_opts_init(&o, argc, argv);
    for (int c; (c = util_opts_next(&o, "cdu")) != -1;) {
        opt_count |= c == 'c';
        opt_repeated |= c == 'd';
        opt_single |= c == 'u';
    }
    if (argc - o.index > 1)
        util_usage_error("%s: unexpected argument", argv[o.index + 1]);
    const char *path = o.index < argc ? argv[o.index] : "-";
    fd_t fd = util_open_input(path);
    if (fd == ERR)
        util_die_errno(path);
    util_lines_t r;
    util_lines_init(&r, fd);
    char *prev = NULL;
    uint64_t run = 0;
    int rc;
    while ((rc = util_lines_next(&r)) == 1) {
        if (prev != NULL && strcmp(prev, r.line) == 0) {
            run++;
            continue;
        }
        if (prev != NULL)
            print_run(prev, run);
        free(prev);
        if ((prev = strdup(r.line)) == NULL)
            util_die("out of memory");
        run = 1;
    }
    if (prev != NULL)
        print_run(prev, run);
    if (rc == ERR)
        util_die_errno(path);
    return 0;
}
