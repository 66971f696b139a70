/*
 * tproc - a child program for the process tests (home:/bin/tproc). Its first argument
 * says what to do, so one binary covers every kind of ending a test needs to see:
 *   exit <status>   end with that status string      hello        write "hello\n" to fd 1
 *   null            read address 0                   write <fd> <text>  write text to fd
 *   div             divide by zero                    sleep <ms>   sleep, then exit "0"
 *   ud              execute an invalid instruction    spin         loop forever
 *   kernel          write to a kernel address         args         print argc and argv to fd 1
 *   cwd             print the current directory (via sys:/proc/self/cwd) to fd 1
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "util.h"

static int cmd_args(int argc, char **argv)
{
    printf("argc=%d", argc);
    for (int i = 0; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("\n");
    return 0;
}

static int cmd_cwd(void)
{
    char buf[256];
    fd_t fd = open("sys:/proc/self/cwd");
    if (fd == ERR)
        return 2;
    int64_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n < 0)
        return 3;
    buf[n] = 0;
    printf("%s\n", buf);
    return 0;
}

static volatile int zero = 0;

int main(int argc, char **argv)
{
    util_init("tproc", "tproc exit|hello|null|div|ud|kernel|sleep|spin|write|args|cwd ...\n"
        "A child for the process tests: the first argument says how to end.");
    util_help_check(argc, argv);
    if (argc < 2) {
        dprintf(2, "tproc: usage: tproc exit|hello|null|div|ud|kernel|sleep|spin|write|args|cwd ...\n");
        return 64;
    }
    const char *c = argv[1];
    if (!strcmp(c, "exit") && argc == 3)
        process_exit(argv[2]);
    if (!strcmp(c, "hello"))
        return printf("hello\n") == 6 ? 0 : 1;
    if (!strcmp(c, "null"))
        return *(volatile int *)0;
    if (!strcmp(c, "div"))
        return 10 / zero;
    if (!strcmp(c, "ud"))
        __asm__ volatile("ud2");
    if (!strcmp(c, "kernel"))
        *(volatile int *)0xffffffff80000000ull = 1;
    if (!strcmp(c, "sleep") && argc == 3)
        return sleep(strtoull(argv[2], 0, 10) * 1000000ull) ? 5 : 0;
    if (!strcmp(c, "spin"))
        for (;;)
            ;
    if (!strcmp(c, "write") && argc == 4)
        return write((fd_t)atoi(argv[2]), argv[3], strlen(argv[3])) == (int64_t)strlen(argv[3]) ? 0 : 7;
    if (!strcmp(c, "args"))
        return cmd_args(argc, argv);
    if (!strcmp(c, "cwd"))
        return cmd_cwd();
    dprintf(2, "tproc: unknown command '%s'\n", c);
    return 64;
}
