/*
 * env - print the environment, or run a command in a changed one:
 *   env                         print every NAME=value, one per line
 *   env [-i] [NAME=value]... [command [arg]...]
 * -i starts from an empty environment; each NAME=value sets a variable; a command
 * (a path, or a name looked up in home:/bin) then runs with that environment, its
 * descriptors 0, 1 and 2 ours, and env ends with the command's exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "util.h"

/* Runs @argv[0] (looked up in home:/bin when it names no label or folder) and ends
 * with its exit status. */
static _Noreturn void env_exec(char **argv)
{
    char path[MAX_PATH + 1];
    if (strchr(argv[0], ':') || strchr(argv[0], '/'))
        snprintf(path, sizeof(path), "%s", argv[0]);
    else
        snprintf(path, sizeof(path), "home:/bin/%s", argv[0]);
    const char *old = argv[0];
    argv[0] = path;
    util_flush();
    pid_t pid = spawn((const char **)argv, NULL, NULL, NULL);
    if (pid == ERR)
        util_die_errno(old);
    char status[MAX_STATUS + 1];
    fd_t fd = openf("sys:/proc/%lld/wait", (long long)pid);
    int64_t n = fd == ERR ? ERR : read(fd, status, sizeof(status) - 1);
    if (n == ERR)
        util_die_errno("wait");
    status[n] = '\0';
    process_exit(status);
}

int main(int argc, char **argv)
{
    util_init("env", "env [-i] [NAME=value]... [command [arg]...]\n"
                     "Print the environment, or run command with the variables set.\n"
                     "  -i  start from an empty environment");
    int i = 1;
    util_help_check(argc, argv);
    if (i < argc && strcmp(argv[i], "-i") == 0) {
        clearenv();
        i++;
    } else if (i < argc && argv[i][0] == '-') {
        util_usage_error("%s: unknown option", argv[i]);
    }
    for (; i < argc && strchr(argv[i], '=') != NULL; i++) {
        char *eq = strchr(argv[i], '=');
        *eq = '\0';
        if (argv[i][0] == '\0' || setenv(argv[i], eq + 1, 1) != 0) {
            *eq = '=';
            util_usage_error("cannot set %s", argv[i]);
        }
    }
    if (i < argc)
        env_exec(argv + i);
    for (char **e = environ; e != NULL && *e != NULL; e++)
        util_outf("%s\n", *e);
    return 0;
}
