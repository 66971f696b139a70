/*
 * stdchild - a child program for the libstd tests (tests/user/stdio.c, libc.c),
 * home:/bin/stdchild. Its first argument says what to show:
 *   env NAME...   print "NAME=value" or "NAME unset" for each NAME, one per line
 *   environ       print how many environment strings there are, then each one
 *   atexit        register three atexit functions that print "1", "2", "3"; main
 *                 prints "main" and returns 0, so exit() runs them newest first
 *   flush         write "unflushed" to a fully buffered stdout and return: exit()
 *                 must flush it
 *   exitnoflush   the same, but end with _Exit(0): the bytes are lost
 *   abort         print "before" to stderr, then abort()
 *   cat           copy stdin to stdout line by line with fgets/fputs, then print "eof"
 *   raise         raise(SIGINT) with the default action
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void at1(void) { printf("1\n"); }
static void at2(void) { printf("2\n"); }
static void at3(void) { printf("3\n"); }

static int cmd_env(int argc, char **argv)
{
    for (int i = 2; i < argc; i++) {
        const char *v = getenv(argv[i]);
        if (v != NULL)
            printf("%s=%s\n", argv[i], v);
        else
            printf("%s unset\n", argv[i]);
    }
    return 0;
}

static int cmd_environ(void)
{
    int n = 0;
    while (environ != NULL && environ[n] != NULL)
        n++;
    printf("%d\n", n);
    for (int i = 0; i < n; i++)
        printf("%s\n", environ[i]);
    return 0;
}

static int cmd_cat(void)
{
    char line[256];
    while (fgets(line, sizeof(line), stdin) != NULL)
        fputs(line, stdout);
    printf("eof\n");
    return 0;
}

int main(int argc, char **argv)
{
    const char *c = argc >= 2 ? argv[1] : "";
    if (!strcmp(c, "env"))
        return cmd_env(argc, argv);
    if (!strcmp(c, "environ"))
        return cmd_environ();
    if (!strcmp(c, "atexit")) {
        if (atexit(at1) || atexit(at2) || atexit(at3))
            return 2;
        printf("main\n");
        return 0;
    }
    if (!strcmp(c, "flush") || !strcmp(c, "exitnoflush")) {
        setvbuf(stdout, NULL, _IOFBF, 0);
        printf("unflushed");
        if (!strcmp(c, "exitnoflush"))
            _Exit(0);
        return 0;
    }
    if (!strcmp(c, "abort")) {
        fprintf(stderr, "before\n");
        abort();
    }
    if (!strcmp(c, "cat"))
        return cmd_cat();
    if (!strcmp(c, "raise")) {
        raise(SIGINT);
        return 3;
    }
    fprintf(stderr, "stdchild: unknown command '%s'\n", c);
    return 64;
}
