/*
 * tail - print the last lines of files (standard input if none): 10, or N with
 * -n N. The input is read whole, then the start of its last N lines is found by
 * counting newlines back from the end. Several files get "==> name <==" headings.
 */
#include <stdlib.h>
#include <sys/io.h>
#include "util.h"

/* Where the last @count lines of @text[0, @len) begin. */
static size_t last_lines(const char *text, size_t len, uint64_t count)
{
    size_t at = len;
    if (at > 0 && text[at - 1] == '\n')
        at--; /* the final newline ends the last line, it does not start one */
    for (uint64_t seen = 0; at > 0; at--) {
        if (text[at - 1] == '\n' && ++seen == count)
            return at;
    }
    return count == 0 ? len : 0;
}

static bool tail_one(const char *path, void *arg)
{
    uint64_t count = *(uint64_t *)arg;
    fd_t fd = util_open_input(path);
    size_t len;
    char *text = fd == ERR ? NULL : util_read_all(fd, &len);
    if (text == NULL) {
        util_error_errno(path);
        if (fd != ERR)
            util_close_input(fd);
        return false;
    }
    util_close_input(fd);
    size_t from = last_lines(text, len, count);
    util_out(text + from, len - from);
    free(text);
    return true;
}

int main(int argc, char **argv)
{
    util_init("tail", "tail [-n N] [file...]\n"
                      "Print the last 10 (or N) lines of each file.");
    return util_each_input_counted(argc, argv, 10, tail_one);
}
