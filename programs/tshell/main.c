/*
 * tshell - a helper for the shell's tests (tests/user/shell.c and the end-to-end run
 * of tools/testrun.py), so they need no other utility:
 *   tshell upper        copies standard input to standard output in capitals
 *   tshell ready        prints "ready", then does what upper does (the end-to-end
 *                       test types its input once the program is reading)
 *   tshell count        prints the number of bytes on standard input
 *   tshell args A...    prints each argument in brackets: [A][B]
 *   tshell exit STATUS  exits with STATUS (any string)
 *   tshell sleep MS     sleeps MS milliseconds (until interrupted by a note)
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>

static int copy(bool upper, uint64_t *total)
{
    char buf[512];
    int64_t n;
    while ((n = read(STDIN_FILENO, buf, sizeof(buf))) > 0) {
        *total += (uint64_t)n;
        for (int64_t i = 0; upper && i < n; i++)
            buf[i] = (char)toupper((unsigned char)buf[i]);
        if (upper && write(STDOUT_FILENO, buf, (size_t)n) != n)
            return 1;
    }
    return n == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : "";
    uint64_t total = 0;
    if (strcmp(cmd, "ready") == 0)
        printf("ready\n");
    if (strcmp(cmd, "upper") == 0 || strcmp(cmd, "ready") == 0)
        return copy(true, &total);
    if (strcmp(cmd, "count") == 0) {
        int rc = copy(false, &total);
        printf("%llu\n", (unsigned long long)total);
        return rc;
    }
    if (strcmp(cmd, "args") == 0) {
        for (int i = 2; i < argc; i++)
            printf("[%s]", argv[i]);
        printf("\n");
        return 0;
    }
    if (strcmp(cmd, "exit") == 0 && argc == 3)
        process_exit(argv[2]);
    if (strcmp(cmd, "sleep") == 0 && argc == 3)
        return sleep(strtoull(argv[2], NULL, 10) * NS_PER_MS) == 0 ? 0 : 1;
    bool help = strcmp(cmd, "--help") == 0;
    dprintf(help ? STDOUT_FILENO : STDERR_FILENO,
            "usage: tshell upper|ready|count|args A...|exit STATUS|sleep MS  (a helper of the shell tests)\n");
    return help ? 0 : 2;
}
