/*
 * system.c - system(): run a command line with the shell, home:/bin/shell -c LINE,
 * as a child with our descriptors 0, 1, 2 and environment, and wait for it by reading
 * sys:/proc/<pid>/wait.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>

#define SYSTEM_SHELL "home:/bin/shell"

/* An exit status string as system() returns it: its number, or 128 for a note. */
static int status_value(const char *status)
{
    char *end;
    long v = strtol(status, &end, 10);
    if (end == status || *end != '\0' || v < 0 || v > 255)
        return 128;
    return (int)v;
}

int system(const char *command)
{
    stat_t st;
    if (command == NULL)
        return stat(SYSTEM_SHELL, &st) == 0;
    const char *argv[] = { SYSTEM_SHELL, "-c", command, NULL };
    fflush(NULL); /* what we printed comes before what the command prints */
    pid_t pid = spawn(argv, NULL, NULL, NULL);
    if (pid == ERR)
        return -1;
    fd_t fd = openf("sys:/proc/%lld/wait", (long long)pid);
    if (fd == ERR)
        return -1;
    char status[MAX_STATUS];
    int64_t n;
    while ((n = read(fd, status, sizeof(status) - 1)) == ERR && errno == EINTR)
        ;
    int saved = errno;
    close(fd);
    if (n < 0) {
        errno = saved;
        return -1;
    }
    status[n] = '\0';
    return status_value(status);
}
