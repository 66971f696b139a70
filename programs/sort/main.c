/*
 * sort - sort the lines of all the files (standard input if none) together and print
 * them: byte order, or numeric with -n (by the leading integer, ties in byte order);
 * -r reverses, -u prints each distinct line once.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

static bool opt_numeric, opt_reverse, opt_unique;

/* Every line read so far (malloc()ed copies). */
typedef struct lines {
    char **items;
    size_t count, cap;
} lines_t;

static void lines_add(lines_t *l, const char *s, size_t len)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->items = realloc(l->items, l->cap * sizeof(char *));
    }
    if (l->items == NULL || (l->items[l->count] = strndup(s, len)) == NULL)
        util_die("out of memory");
    l->count++;
}

static bool read_input(const char *path, void *arg)
{
    fd_t fd = util_open_input(path);
    if (fd == ERR) {
        util_error_errno(path);
        return false;
    }
    util_lines_t r;
    int rc;
    util_lines_init(&r, fd);
    while ((rc = util_lines_next(&r)) == 1)
        lines_add(arg, r.line, r.len);
    if (rc == ERR)
        util_error_errno(path);
    util_lines_deinit(&r);
    util_close_input(fd);
    return rc != ERR;
}

/* The leading integer of @s (after blanks); 0 if there is none. */
static long long leading_number(const char *s)
{
    return strtoll(s, NULL, 10);
}

static int compare(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    int r = 0;
    if (opt_numeric) {
        long long nx = leading_number(x), ny = leading_number(y);
        r = nx < ny ? -1 : nx > ny;
    }
    if (r == 0)
        r = strcmp(x, y);
    return opt_reverse ? -r : r;
}

int main(int argc, char **argv)
{
    util_init("sort", "sort [-nru] [file...]\n"
                      "Sort the lines of the files: -n numerically, -r reversed, -u unique.");
    util_opts_t o;
    util_opts_init(&o, argc, argv);
    for (int c; (c = util_opts_next(&o, "nru")) != -1;) {
        opt_numeric |= c == 'n';
        opt_reverse |= c == 'r';
        opt_unique |= c == 'u';
    }
    lines_t lines = { 0 };
    int status = util_each_input(o.index, argc, argv, false, read_input, &lines);
    qsort(lines.items, lines.count, sizeof(char *), compare);
    for (size_t i = 0; i < lines.count; i++) {
        if (!opt_unique || i == 0 || strcmp(lines.items[i], lines.items[i - 1]) != 0)
            util_outf("%s\n", lines.items[i]);
    }
    return status;
}
