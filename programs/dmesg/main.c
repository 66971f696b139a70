/*
 * dmesg - print the kernel log (sys:/klog): everything it still holds, then end; with
 * -f keep printing new lines as the kernel logs them, until interrupted.
 */
#include <errno.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

int main(int argc, char **argv)
{
    util_init("dmesg", "dmesg [-f]\n"
                       "Print the kernel log (-f: then follow new lines).");
    util_opts_t o;
    bool follow = false;
    util_opts_init(&o, argc, argv);
    while (util_opts_next(&o, "f") != -1)
        follow = true;
    if (o.index < argc)
        util_usage_error("%s: unexpected argument", argv[o.index]);
    const char *path = follow ? "sys:/klog" : "sys:/klog?nonblock";
    fd_t fd = open(path);
    if (fd == ERR)
        util_die_errno("sys:/klog");
    bool failed_read;
    if (util_copy_fd(fd, STDOUT_FILENO, &failed_read) == ERR && (failed_read || errno != EPIPE))
        util_die_errno(failed_read ? "sys:/klog" : "write");
    close(fd);
    return 0;
}
