/*
 * ls - list directories (the current one if none is named), one name per line in
 * name order; names starting with '.' only with -a. With -l each line is
 * "<kind> <size> <name>": kind f (file), d (directory, size = entries) or c (device).
 * A file operand lists itself. Several operands get "<path>:" headings.
 */
#include <stdlib.h>
#include <sys/io.h>
#include "util.h"

static bool opt_long, opt_all;

static void print_entry(const char *name, uint32_t type, uint64_t size)
{
    if (opt_long)
        util_outf("%c %10llu %s\n", util_kind_letter(type), (unsigned long long)size, name);
    else
        util_outf("%s\n", name);
}

/* The size column of @dir's entry @name (stat()ed only for -l). */
static uint64_t entry_size(const char *dir, const char *name)
{
    stat_t st = { 0 };
    char *path = util_path_join(dir, name);
    if (path != NULL && stat(path, &st) == ERR)
        st.size = 0;
    free(path);
    return st.size;
}

static bool list_dir(const char *path)
{
    size_t n;
    dirent_t *entries = util_dir_read(path, &n);
    if (entries == NULL) {
        util_error_errno(path);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (entries[i].name[0] == '.' && !opt_all)
            continue;
        uint64_t size = opt_long ? entry_size(path, entries[i].name) : 0;
        print_entry(entries[i].name, entries[i].type, size);
    }
    free(entries);
    return true;
}

static bool list_one(const char *path, bool heading, bool first)
{
    stat_t st;
    if (stat(path, &st) == ERR) {
        util_error_errno(path);
        return false;
    }
    if (st.type != STAT_DIR) {
        print_entry(path, st.type, st.size);
        return true;
    }
    if (heading)
        util_outf("%s%s:\n", first ? "" : "\n", path);
    return list_dir(path);
}

int main(int argc, char **argv)
{
    util_init("ls", "ls [-la] [path...]\n"
                    "List directories (the current one if none), one name per line.\n"
                    "  -l  long form: kind (f file, d directory, c device), size, name\n"
                    "  -a  include names starting with '.'");
    util_opts_t o;
    util_opts_init(&o, argc, argv);
    for (int c; (c = util_opts_next(&o, "la")) != -1;) {
        if (c == 'l')
            opt_long = true;
        else
            opt_all = true;
    }
    if (o.index == argc)
        return list_one(".", false, true) ? 0 : UTIL_EXIT_FAIL;
    bool ok = true, heading = argc - o.index > 1;
    for (int i = o.index; i < argc; i++)
        ok = list_one(argv[i], heading, i == o.index) && ok;
    return ok ? 0 : UTIL_EXIT_FAIL;
}
