/*
 * cat - copy each file named (standard input if none, or for "-") to standard output,
 * in order. A file that cannot be read is reported and skipped; the status is then "1".
 */
#include <errno.h>
#include <stdbool.h>
#include <sys/io.h>
#include "util.h"

/* Copies @path to standard output; false (reported) on failure. */
static bool cat_one(const char *path, void *arg)
{
    (void)arg;
    fd_t fd = util_open_input(path);
    if (fd == ERR) {
        util_error_errno(path);
        return false;
    }
    bool failed_read;
    int rc = util_copy_fd(fd, STDOUT_FILENO, &failed_read);
    util_close_input(fd);
    if (rc == ERR && !failed_read && errno == EPIPE)
        return false; /* the reader went away: nothing to say */
    if (rc == ERR)
        util_error_errno(failed_read ? path : "write");
    return rc == 0;
}

int main(int argc, char **argv)
{
    util_init("cat", "cat [file...]\n"
                     "Copy each file (standard input if none, or for \"-\") to standard output.");
    int first = util_operands(argc, argv);
    return util_each_input(first, argc, argv, false, cat_one, NULL);
}
