/*
 * wc - count the lines, words and bytes of files (standard input if none). -l, -w and
 * -c choose the counts (all three by default); they are printed in that order,
 * separated by spaces, then the file's name when one was given, and a "total" line
 * for several files.
 */
#include <ctype.h>
#include <sys/io.h>
#include "util.h"

static bool opt_lines, opt_words, opt_bytes;

typedef struct counts {
    uint64_t lines, words, bytes;
} counts_t;

static bool count_fd(fd_t fd, counts_t *c)
{
    static char buf[16384];
    bool in_word = false;
    int64_t n;
    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        c->bytes += (uint64_t)n;
        for (int64_t i = 0; i < n; i++) {
            bool space = isspace((unsigned char)buf[i]);
            c->lines += buf[i] == '\n';
            c->words += !space && !in_word;
            in_word = !space;
        }
    }
    return n == 0;
}

static void print_counts(const counts_t *c, const char *name)
{
    const char *sep = "";
    if (opt_lines)
        util_outf("%llu", (unsigned long long)c->lines), sep = " ";
    if (opt_words)
        util_outf("%s%llu", sep, (unsigned long long)c->words), sep = " ";
    if (opt_bytes)
        util_outf("%s%llu", sep, (unsigned long long)c->bytes);
    util_outf("%s%s\n", name ? " " : "", name ? name : "");
}

static bool wc_one(const char *path, const char *name, counts_t *total)
{
    counts_t c = { 0 };
    fd_t fd = util_open_input(path);
    if (fd == ERR || !count_fd(fd, &c)) {
        util_error_errno(path);
        if (fd != ERR)
            util_close_input(fd);
        return false;
    }
    util_close_input(fd);
    print_counts(&c, name);
    total->lines += c.lines;
    total->words += c.words;
    total->bytes += c.bytes;
    return true;
}

int main(int argc, char **argv)
{
    util_init("wc", "wc [-lwc] [file...]\n"
                    "Count lines (-l), words (-w) and bytes (-c); all three by default.");
    util_opts_t o;
    util_opts_init(&o, argc, argv);
    for (int c; (c = util_opts_next(&o, "lwc")) != -1;) {
        opt_lines |= c == 'l';
        opt_words |= c == 'w';
        opt_bytes |= c == 'c';
    }
    if (!opt_lines && !opt_words && !opt_bytes)
        opt_lines = opt_words = opt_bytes = true;
    counts_t total = { 0 };
    if (o.index == argc)
        return wc_one("-", NULL, &total) ? 0 : UTIL_EXIT_FAIL;
    bool ok = true;
    for (int i = o.index; i < argc; i++)
        ok = wc_one(argv[i], argv[i], &total) && ok;
    if (argc - o.index > 1)
        print_counts(&total, "total");
    return ok ? 0 : UTIL_EXIT_FAIL;
}
