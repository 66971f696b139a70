/*
 * true - does nothing and succeeds (exit status "0"). The trivial child of the
 * spawn_wait benchmark and of scripts that need a command that always works. Kept to
 * plain write(): spawn copies a program's pages, so pulling in the formatted-output
 * code (libutil, printf) would make every spawn of it several pages dearer.
 */
#include <string.h>
#include <sys/io.h>

int main(int argc, char **argv)
{
    static const char usage[] = "usage: true\nDo nothing, successfully (exit status 0).\n";
    if (argc > 1 && strcmp(argv[1], "--help") == 0)
        write(STDOUT_FILENO, usage, sizeof(usage) - 1);
    return 0;
}
