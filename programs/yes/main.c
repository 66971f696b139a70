/*
 * yes - print a line ("y", or the arguments joined by spaces) over and over until the
 * reader goes away (the write fails and yes ends with status "1") or a note ends it.
 */
#include <stdlib.h>
#include <string.h>
#include "util.h"

int main(int argc, char **argv)
{
    util_init("yes", "yes [text...]\n"
                     "Print text (y if none) on every line, forever.");
    util_help_check(argc, argv);
    size_t len = 0;
    for (int i = 1; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *line = malloc(len + 2);
    if (line == NULL)
        util_die("out of memory");
    strcpy(line, argc > 1 ? "" : "y\n");
    for (int i = 1; i < argc; i++) {
        strcat(line, argv[i]);
        strcat(line, i + 1 < argc ? " " : "\n");
    }
    for (len = strlen(line);;)
        util_out(line, len);
}
