/*
 * grep - print the lines of files (standard input if none) that match a pattern
 * (regex.h: . * + ? ^ $ [] and \ escapes). -i ignores case, -v selects the lines that
 * do not match, -n prefixes line numbers, -c prints only the count. With several
 * files each line is prefixed by its file's name. Status "0" if a line was selected,
 * "1" if none, "2" on an error.
 */
#include <sys/io.h>
#include "regex.h"
#include "util.h"

#define GREP_NONE 1
#define GREP_ERROR 2

static bool opt_invert, opt_number, opt_count;

/* Greps one input; returns the count of selected lines, or -1 (reported) on error. */
static int64_t grep_one(const regex_t *re, const char *path, bool prefix)
{
    fd_t fd = util_open_input(path);
    if (fd == ERR) {
        util_error_errno(path);
        return -1;
    }
    util_lines_t r;
    util_lines_init(&r, fd);
    int64_t selected = 0, lineno = 0;
    int rc;
    while ((rc = util_lines_next(&r)) == 1) {
        lineno++;
        if (regex_match(re, r.line, r.len) == opt_invert)
            continue;
        selected++;
        if (opt_count)
            continue;
        if (prefix)
            util_outf("%s:", path);
        if (opt_number)
            util_outf("%lld:", (long long)lineno);
        util_out(r.line, r.len);
        util_out("\n", 1);
    }
    if (rc == ERR)
        util_error_errno(path);
    util_lines_deinit(&r);
    util_close_input(fd);
    if (opt_count) {
        if (prefix)
            util_outf("%s:", path);
        util_outf("%lld\n", (long long)selected);
    }
    return rc == ERR ? -1 : selected;
}

int main(int argc, char **argv)
{
    util_init("grep", "grep [-ivnc] pattern [file...]\n"
                      "Print the lines that match pattern: . * + ? ^ $ [a-z] [^...] \\c.\n"
                      "  -i  ignore case   -v  lines that do not match\n"
                      "  -n  line numbers  -c  only count the lines");
    util_opts_t o;
    bool icase = false;
    util_opts_init(&o, argc, argv);
    for (int c; (c = util_opts_next(&o, "ivnc")) != -1;) {
        icase |= c == 'i';
        opt_invert |= c == 'v';
        opt_number |= c == 'n';
        opt_count |= c == 'c';
    }
    if (o.index == argc)
        util_usage_error("missing pattern");
    regex_t re;
    const char *pattern = argv[o.index++];
    const char *error = regex_compile(&re, pattern, icase);
    if (error != NULL)
        util_usage_error("%s: %s", pattern, error);
    bool failed = false, prefix = argc - o.index > 1;
    int64_t selected = 0;
    for (int i = o.index; i < argc || i == o.index; i++) {
        int64_t n = grep_one(&re, i < argc ? argv[i] : "-", prefix);
        failed |= n < 0;
        selected += n > 0 ? n : 0;
    }
    regex_free(&re);
    return failed ? GREP_ERROR : selected > 0 ? 0 : GREP_NONE;
}
