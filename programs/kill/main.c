/*
 * kill - send a note to processes by writing it to sys:/proc/<pid>/note: "kill" (which
 * ends a process) unless -n names another, such as "interrupt". "self" names kill
 * itself (sys:/proc/self). The kernel lets only a process itself and its ancestors send
 * it notes: any other target is refused with "access denied".
 */
#include <errno.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

static bool send_note(const char *arg, const char *note)
{
    uint64_t pid;
    bool self = strcmp(arg, "self") == 0;
    if (!self && (!util_parse_u64(arg, &pid) || pid == 0))
        util_usage_error("%s: not a process id", arg);
    fd_t fd = self ? open("sys:/proc/self/note") : openf("sys:/proc/%llu/note", (unsigned long long)pid);
    if (fd == ERR) {
        util_error("%s: %s", arg, errno == ENOENT ? "no such process" : strerror(errno));
        return false;
    }
    int64_t n = write(fd, note, strlen(note));
    int err = errno;
    close(fd);
    if (n == ERR) {
        util_error("%s: %s", arg, strerror(err));
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    util_init("kill", "kill [-n note] pid...\n"
                      "Send a note to each process (\"self\": kill itself): \"kill\" unless\n"
                      "-n gives another. Only a process's ancestors may send it notes.");
    util_opts_t o;
    const char *note = "kill";
    util_opts_init(&o, argc, argv);
    while (util_opts_next(&o, "n:") != -1)
        note = o.arg;
    if (note[0] == '\0' || strlen(note) >= MAX_STATUS)
        util_usage_error("-n: the note must have 1 to %d bytes", MAX_STATUS - 1);
    if (o.index == argc)
        util_usage_error("missing process id");
    bool ok = true;
    for (int i = o.index; i < argc; i++)
        ok = send_note(argv[i], note) && ok;
    return ok ? 0 : UTIL_EXIT_FAIL;
}
