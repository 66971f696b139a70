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
 *   quickexit     register an atexit function and two at_quick_exit ones (which print
 *                 "q1", "q2" and flush), then quick_exit(5)
 *   abort         print "before" to stderr, then abort()
 *   cat           copy stdin to stdout line by line with fgets/fputs, then print "eof"
 *   raise         raise(SIGINT) with the default action
 *   freopen A B   print "before\n", freopen stdout onto the file A, print "x\n", and
 *                 write to the file B the size of A before and after fflush(stdout)
 *   bufmode       print "line\n" with printf, write "x" to descriptor 4 (raw), then
 *                 wait until descriptor 3 (raw) reaches its end: the parent looks at
 *                 what stdout let through in between
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>

static void at1(void) { printf("1\n"); }
static void at2(void) { printf("2\n"); }
static void at3(void) { printf("3\n"); }

static void quick1(void)
{
    printf("q1\n");
    fflush(stdout);
}

static void quick2(void)
{
    printf("q2\n");
    fflush(stdout);
}

static int64_t size_of(const char *path)
{
    stat_t st;
    return stat(path, &st) == ERR ? -1 : (int64_t)st.size;
}

static int cmd_freopen(const char *a, const char *b)
{
    printf("before\n");
    if (freopen(a, "w", stdout) == NULL)
        return 2;
    printf("x\n");
    int64_t before = size_of(a);
    fflush(stdout);
    int64_t after = size_of(a);
    fd_t fd = openf("%s?create&truncate", b);
    if (fd == ERR)
        return 3;
    writef(fd, "%lld %lld", (long long)before, (long long)after);
    close(fd);
    return 0;
}

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
    if (!strcmp(c, "--help")) { /* no libutil here: its atexit would change the atexit case */
        printf("usage: stdchild env|environ|atexit|flush|exitnoflush|quickexit|abort|cat|raise|freopen|bufmode ...\n"
               "A child for the libstd tests; see the comment at the top of its source.\n");
        return 0;
    }
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
    if (!strcmp(c, "quickexit")) {
        if (atexit(at1) || at_quick_exit(quick1) || at_quick_exit(quick2))
            return 2;
        quick_exit(5);
    }
    if (!strcmp(c, "abort")) {
        fprintf(stderr, "before\n");
        abort();
    }
    if (!strcmp(c, "cat"))
        return cmd_cat();
    if (!strcmp(c, "freopen") && argc == 4)
        return cmd_freopen(argv[2], argv[3]);
    if (!strcmp(c, "bufmode")) {
        char b;
        printf("line\n");
        if (write(4, "x", 1) != 1)
            return 2;
        while (read(3, &b, 1) > 0)
            ;
        return 0;
    }
    if (!strcmp(c, "raise")) {
        raise(SIGINT);
        return 3;
    }
    fprintf(stderr, "stdchild: unknown command '%s'\n", c);
    return 64;
}
