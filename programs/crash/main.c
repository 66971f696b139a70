/*
 * crash - writes through a null pointer, so the kernel ends it with the note
 * "pagefault at 0x0 ip ..." as its exit status. The shell tests and the end-to-end
 * run check that the shell reports it as `shell: pagefault at 0x0 ...`.
 */
#include <stdio.h>
#include <string.h>
#include <sys/io.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--help") == 0) {
        printf("usage: crash\nWrites to address 0 and dies of the page fault.\n");
        return 0;
    }
    volatile int *volatile nowhere = NULL;
    *nowhere = 1;
    return 1;
}
