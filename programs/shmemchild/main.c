/*
 * shmemchild - helper of the shmem user suite (tests/user/shmem.c): opens
 * sys:/shmem/<argv[1]>, maps argv[2] pages of it, checks that every byte is argv[3]
 * (a decimal value; skipped if absent), fills them with argv[4] and exits. Exit
 * status: 0 done, 1 bad arguments, 2 open failed, 3 mmap failed, 4 wrong contents.
 */
#include <stdlib.h>
#include <sys/io.h>
#include "util.h"

int main(int argc, char **argv)
{
    util_init("shmemchild", "shmemchild ID PAGES [EXPECT] FILL\n"
        "A child for the shared-memory tests: maps PAGES pages of sys:/shmem/ID, checks\n"
        "they hold EXPECT, fills them with FILL.");
    util_help_check(argc, argv);
    if (argc < 5)
        return 1;
    fd_t fd = openf("sys:/shmem/%s", argv[1]);
    if (fd == ERR)
        return 2;
    size_t len = (size_t)atoi(argv[2]) * 4096;
    unsigned char *p = mmap(fd, NULL, len, PROT_READ | PROT_WRITE);
    if (!p)
        return 3;
    int want = atoi(argv[3]), fill = atoi(argv[4]);
    for (size_t i = 0; i < len; i++)
        if (want >= 0 && p[i] != want)
            return 4;
    for (size_t i = 0; i < len; i++)
        p[i] = (unsigned char)fill;
    return 0;
}
