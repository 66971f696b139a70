/*
 * dir.c - allocdir: a whole directory listing in one malloc()ed array, read with
 * getdirent() (src/io/io.c) in batches into an array that doubles as it fills, so a
 * directory of n entries costs O(n) copying and few system calls.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/io.h>

#define ALLOCDIR_FIRST 16 /* entries in the first batch; most directories are small */

/* free() @p, keeping the errno that made us give up. */
static void *give_up(void *p)
{
    int err = errno;
    free(p);
    errno = err;
    return NULL;
}

dirent_t *allocdir(fd_t fd, size_t *count)
{
    if (count == NULL) {
        errno = EFAULT;
        return NULL;
    }
    size_t cap = ALLOCDIR_FIRST, n = 0;
    dirent_t *all = malloc(cap * sizeof(dirent_t));
    if (all == NULL)
        return NULL;
    for (;;) {
        if (n == cap) {
            dirent_t *grown = realloc(all, 2 * cap * sizeof(dirent_t));
            if (grown == NULL)
                return give_up(all);
            all = grown;
            cap *= 2;
        }
        int64_t got = getdirent(fd, all + n, cap - n);
        if (got == ERR)
            return give_up(all);
        if (got == 0)
            break;
        n += (size_t)got;
    }
    *count = n;
    return all;
}
