/*
 * pingpong - echoes what it reads on descriptor 0 to descriptor 1 until end of file
 * (home:/bin/pingpong). The far end of the pipe benchmarks (programs/bench) and of the
 * pipe tests (tests/user/pipe.c): they spawn it with a pipe as each descriptor.
 * Exit status: "0" at end of file, "1" if a read failed, "2" if a write failed.
 */
#include <sys/io.h>
#include "util.h"

int main(int argc, char **argv)
{
    util_init("pingpong", "pingpong\n"
        "Echo descriptor 0 to descriptor 1 until end of file (the pipe benchmarks' far end).");
    util_help_check(argc, argv);
    static char buf[4096];
    for (;;) {
        int64_t n = read(STDIN_FILENO, buf, sizeof(buf));
        if (n == 0)
            return 0;
        if (n < 0)
            return 1;
        for (int64_t done = 0; done < n;) {
            int64_t w = write(STDOUT_FILENO, buf + done, (size_t)(n - done));
            if (w <= 0)
                return 2;
            done += w;
        }
    }
}
