/*
 * head - print the first lines of files (standard input if none): 10, or N with
 * -n N. It stops reading as soon as it has them, so `yes | head` ends. Several files
 * get "==> name <==" headings.
 */
#include <sys/io.h>
#include "util.h"

static bool head_one(const char *path, void *arg)
{
    uint64_t count = *(uint64_t *)arg;
    fd_t fd = util_open_input(path);
    if (fd == ERR) {
        util_error_errno(path);
        return false;
    }
    util_lines_t r;
    util_lines_init(&r, fd);
    int rc = 1;
    for (uint64_t i = 0; i < count && (rc = util_lines_next(&r)) == 1; i++) {
        util_out(r.line, r.len);
        if (r.newline)
            util_out("\n", 1);
    }
    if (rc == ERR)
        util_error_errno(path);
    util_lines_deinit(&r);
    util_close_input(fd);
    return rc != ERR;
}

int main(int argc, char **argv)
{
    util_init("head", "head [-n N] [file...]\n"
                      "Print the first 10 (or N) lines of each file.");
    return util_each_input_counted(argc, argv, 10, head_one);
}
