/*
 * echo - print the arguments, separated by spaces, and a newline (none with -n, which
 * is only recognised as the first argument). "--help" as the first argument prints
 * the usage; anything else is printed as it is.
 */
#include <string.h>
#include "util.h"

int main(int argc, char **argv)
{
    util_init("echo", "echo [-n] [text...]\n"
                      "Print the texts separated by spaces and a newline (-n: no newline).");
    util_help_check(argc, argv);
    int first = 1;
    bool newline = true;
    if (argc > 1 && strcmp(argv[1], "-n") == 0) {
        newline = false;
        first = 2;
    }
    for (int i = first; i < argc; i++) {
        if (i > first)
            util_out(" ", 1);
        util_outs(argv[i]);
    }
    if (newline)
        util_out("\n", 1);
    return 0;
}
