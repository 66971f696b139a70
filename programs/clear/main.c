/*
 * clear - clear the terminal: the ANSI sequences "cursor home" and "erase the whole
 * screen".
 */
#include "util.h"

int main(int argc, char **argv)
{
    util_init("clear", "clear\n"
                       "Clear the terminal screen.");
    util_no_arguments(argc, argv);
    util_outs("\x1b[H\x1b[2J");
    return 0;
}
