/*
 * anon.c - anonymous memory for malloc and thread stacks: mmap of sys:/zero through
 * one descriptor, opened on first use by whichever thread gets there first (a
 * compare-and-swap settles races; the loser closes its extra descriptor).
 */
#include <stdbool.h>
#include <sys/io.h>
#include "internal/anon.h"

static fd_t zero_fd = ERR; /* atomic: ERR until the first mapping */

static fd_t zero_get(void)
{
    fd_t fd = __atomic_load_n(&zero_fd, __ATOMIC_ACQUIRE);
    if (fd != ERR)
        return fd;
    fd = open("sys:/zero");
    if (fd == ERR)
        return ERR;
    fd_t expected = ERR;
    if (!__atomic_compare_exchange_n(&zero_fd, &expected, fd, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        close(fd);
        fd = expected;
    }
    return fd;
}

void *_std_anon_map(size_t length)
{
    fd_t fd = zero_get();
    if (fd == ERR)
        return NULL;
    return mmap(fd, NULL, length, PROT_READ | PROT_WRITE);
}

int _std_anon_unmap(void *addr, size_t length)
{
    return munmap(addr, length);
}
