/*
 * true - does nothing and succeeds (exit status "0"). The trivial child of the
 * spawn_wait benchmark and of scripts that need a command that always works.
 */
#include "util.h"

int main(int argc, char **argv)
{
    util_init("true", "true\n"
                      "Do nothing, successfully (exit status 0).");
    util_help_check(argc, argv);
    return 0;
}
