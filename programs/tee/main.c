/*
 * tee - copy standard input to standard output and to each file named (created, or
 * truncated; appended to with -a). A file that cannot be opened or written is
 * reported and dropped; the copying goes on, and the status is then "1".
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/io.h>
#include "util.h"

/* Writes all of @buf to @fd; false on failure. */
static bool write_all(fd_t fd, const char *buf, size_t n)
{
    for (size_t done = 0; done < n;) {
        int64_t w = write(fd, buf + done, n - done);
        if (w <= 0)
            return false;
        done += (size_t)w;
    }
    return true;
}

int main(int argc, char **argv)
{
    util_init("tee", "tee [-a] [file...]\n"
                     "Copy standard input to standard output and to each file (-a: append).");
    util_opts_t o;
    bool append = false, ok = true;
    util_opts_init(&o, argc, argv);
    while (util_opts_next(&o, "a") != -1)
        append = true;
    int nfiles = argc - o.index;
    fd_t *fds = malloc((size_t)(nfiles + 1) * sizeof(fd_t));
    if (fds == NULL)
        util_die("out of memory");
    for (int i = 0; i < nfiles; i++) {
        fds[i] = openf("%s?create&%s", argv[o.index + i], append ? "append" : "truncate");
        if (fds[i] == ERR) {
            util_error_errno(argv[o.index + i]);
            ok = false;
        }
    }
    static char buf[16384];
    int64_t n;
    while ((n = read(STDIN_FILENO, buf, sizeof(buf))) > 0) {
        if (!write_all(STDOUT_FILENO, buf, (size_t)n)) {
            util_error_errno("write");
            return UTIL_EXIT_FAIL;
        }
        for (int i = 0; i < nfiles; i++) {
            if (fds[i] != ERR && !write_all(fds[i], buf, (size_t)n)) {
                util_error_errno(argv[o.index + i]);
                close(fds[i]);
                fds[i] = ERR;
                ok = false;
            }
        }
    }
    if (n < 0) {
        util_error_errno("standard input");
        ok = false;
    }
    return ok ? 0 : UTIL_EXIT_FAIL;
}
