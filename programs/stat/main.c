/*
 * stat - show what stat() says about each path: its kind, size (bytes; entries for a
 * directory), number of names (links) and its creation and modification times (UTC,
 * ISO 8601), one "field: value" per line, a blank line between paths.
 */
#include <sys/io.h>
#include "util.h"

static bool show(const char *path, bool first)
{
    stat_t st;
    if (stat(path, &st) == ERR) {
        util_error_errno(path);
        return false;
    }
    char created[UTIL_TIME_MAX], modified[UTIL_TIME_MAX];
    util_format_time(st.created_ns, created);
    util_format_time(st.modified_ns, modified);
    util_outf("%spath: %s\nkind: %s\nsize: %llu\nlinks: %u\ncreated: %s\nmodified: %s\n",
              first ? "" : "\n", path, util_kind_name(st.type), (unsigned long long)st.size, st.links,
              created, modified);
    return true;
}

int main(int argc, char **argv)
{
    util_init("stat", "stat path...\n"
                      "Show the kind, size, links and times of each path.");
    int first = util_operands(argc, argv);
    if (first == argc)
        util_usage_error("missing path");
    bool ok = true;
    for (int i = first; i < argc; i++)
        ok = show(argv[i], i == first) && ok;
    return ok ? 0 : UTIL_EXIT_FAIL;
}
