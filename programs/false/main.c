/*
 * false - does nothing and fails (exit status "1"), for scripts that need a command
 * that never works.
 */
#include "util.h"

int main(int argc, char **argv)
{
    util_init("false", "false\n"
                       "Do nothing, unsuccessfully (exit status 1).");
    util_help_check(argc, argv);
    return UTIL_EXIT_FAIL;
}
