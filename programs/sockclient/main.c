/*
 * sockclient - the far end of the local-socket tests (tests/user/socket.c) and of the
 * socket_pingpong benchmark (programs/bench), home:/bin/sockclient. Modes:
 *   sockclient <name> <message>  connects to the server <name> as the seed's walkthrough
 *                                does, sends <message>, prints the reply to fd 1.
 *   sockclient --echo <name>     connects to <name> and echoes every message back until
 *                                end of file.
 *   sockclient --hold            makes a socket, writes its id to fd 1, then keeps it
 *                                until fd 0 reaches end of file.
 *   sockclient --open <path>     opens <path> and exits with the errno ("0" if it opened).
 * Exit status: "0" on success, else "1" (or the errno for --open).
 */
#include <errno.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

/* A connected client socket's data file, or ERR; *handle gets the socket's handle. */
static fd_t connect_to(const char *name, fd_t *handle)
{
    *handle = open("sys:/net/local/new");
    char id[32] = {0};
    if (*handle == ERR || read(*handle, id, 32) <= 0)
        return ERR;
    fd_t ctl = openf("sys:/net/local/%s/ctl", id);
    if (ctl == ERR || writef(ctl, "connect %s", name) == ERR)
        return ERR;
    close(ctl);
    return openf("sys:/net/local/%s/data", id);
}

static int echo(const char *name)
{
    static char buf[65536];
    fd_t handle, data = connect_to(name, &handle);
    if (data == ERR)
        return 1;
    for (;;) {
        int64_t n = read(data, buf, sizeof(buf));
        if (n == 0)
            return 0;
        if (n < 0 || write(data, buf, (size_t)n) != n)
            return 1;
    }
}

static int hold(void)
{
    char id[32] = {0}, c;
    fd_t handle = open("sys:/net/local/new");
    if (handle == ERR || read(handle, id, 32) <= 0)
        return 1;
    if (write(STDOUT_FILENO, id, strlen(id) + 1) == ERR)
        return 1;
    while (read(STDIN_FILENO, &c, 1) > 0)
        ;
    return 0;
}

int main(int argc, char **argv)
{
    util_init("sockclient", "sockclient NAME MESSAGE | --echo NAME | --hold | --open ID\n"
        "The far end of the local-socket tests and of the socket_pingpong benchmark.");
    util_help_check(argc, argv);
    if (argc == 3 && !strcmp(argv[1], "--echo"))
        return echo(argv[2]);
    if (argc == 2 && !strcmp(argv[1], "--hold"))
        return hold();
    if (argc == 3 && !strcmp(argv[1], "--open"))
        return open(argv[2]) == ERR ? errno : 0;
    if (argc != 3)
        return 1;
    char reply[256];
    fd_t handle, data = connect_to(argv[1], &handle);
    if (data == ERR || write(data, argv[2], strlen(argv[2])) == ERR)
        return 1;
    int64_t n = read(data, reply, sizeof(reply));
    if (n <= 0 || write(STDOUT_FILENO, reply, (size_t)n) != n)
        return 1;
    return 0;
}
