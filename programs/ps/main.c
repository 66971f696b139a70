/*
 * ps - list the processes of sys:/proc: pid, parent pid, state, threads and the
 * program's name, one per line under a heading, in pid order (util_proc_list).
 */
#include "util.h"

int main(int argc, char **argv)
{
    util_init("ps", "ps\n"
                    "List the processes: pid, parent pid, state, threads, name.");
    util_no_arguments(argc, argv);
    util_proc_print();
    return 0;
}
