/*
 * fdtable.c - per-process descriptor tables (fs/fdtable.h). A spinlock guards the slot
 * array only; references are taken under it and dropped after it is released, because
 * the last file_unref may run close hooks that sleep.
 */
#include "fs/fdtable.h"
#include "lib/hot.h"
#include <abi/errno.h>

static bool fd_in_range(fd_t fd)
{
    return fd >= 0 && fd < MAX_FDS;
}

void fdtable_init(fdtable_t *t)
{
    t->lock = (spinlock_t)SPINLOCK_INIT;
    for (int i = 0; i < MAX_FDS; i++)
        t->files[i] = NULL;
}

/* Replaces slot @fd with @file (already referenced); returns the previous file. */
static file_t *swap_slot(fdtable_t *t, fd_t fd, file_t *file)
{
    spinlock_lock(&t->lock);
    file_t *old = t->files[fd];
    t->files[fd] = file;
    spinlock_unlock(&t->lock);
    return old;
}

void fdtable_deinit(fdtable_t *t)
{
    for (fd_t fd = 0; fd < MAX_FDS; fd++)
        file_unref(swap_slot(t, fd, NULL));
}

/* Lowest free slot, or -EMFILE. t->lock held. */
static fd_t lowest_free(const fdtable_t *t)
{
    for (fd_t fd = 0; fd < MAX_FDS; fd++)
        if (!t->files[fd])
            return fd;
    return -EMFILE;
}

fd_t fdtable_alloc(fdtable_t *t, file_t *file)
{
    spinlock_lock(&t->lock);
    fd_t fd = lowest_free(t);
    if (fd >= 0) {
        file_ref(file);
        t->files[fd] = file;
    }
    spinlock_unlock(&t->lock);
    return fd;
}

HOT_PATH file_t *fdtable_get(fdtable_t *t, fd_t fd)
{
    if (!fd_in_range(fd))
        return NULL;
    spinlock_lock(&t->lock);
    file_t *f = t->files[fd];
    if (f)
        file_ref(f);
    spinlock_unlock(&t->lock);
    return f;
}

int fdtable_close(fdtable_t *t, fd_t fd)
{
    if (!fd_in_range(fd))
        return -EBADF;
    file_t *old = swap_slot(t, fd, NULL);
    file_unref(old);
    return old ? 0 : -EBADF;
}

int fdtable_set(fdtable_t *t, fd_t fd, file_t *file)
{
    if (!fd_in_range(fd))
        return -EBADF;
    file_ref(file);
    file_unref(swap_slot(t, fd, file));
    return 0;
}

fd_t fdtable_dup(fdtable_t *t, fd_t fd)
{
    if (!fd_in_range(fd))
        return -EBADF;
    spinlock_lock(&t->lock);
    file_t *f = t->files[fd];
    fd_t nfd = f ? lowest_free(t) : -EBADF;
    if (nfd >= 0) {
        file_ref(f);
        t->files[nfd] = f;
    }
    spinlock_unlock(&t->lock);
    return nfd;
}

fd_t fdtable_dup2(fdtable_t *t, fd_t oldfd, fd_t newfd)
{
    if (!fd_in_range(oldfd) || !fd_in_range(newfd))
        return -EBADF;
    file_t *prev = NULL;
    spinlock_lock(&t->lock);
    file_t *f = t->files[oldfd];
    if (f && oldfd != newfd) {
        file_ref(f);
        prev = t->files[newfd];
        t->files[newfd] = f;
    }
    spinlock_unlock(&t->lock);
    file_unref(prev);
    return f ? newfd : -EBADF;
}

static const spawn_fd_t fdtable_std_pairs[3] = {{0, 0}, {1, 1}, {2, 2}};

/* Checks the child numbers of @pairs: in range and each used once. Returns the count. */
static int check_pairs(const spawn_fd_t *pairs, size_t n, size_t *count)
{
    uint64_t seen[(MAX_FDS + 63) / 64] = {0};
    size_t i = 0;
    if (n > MAX_FDS)
        return -EINVAL;
    for (; i < n && pairs[i].child != SPAWN_FD_END; i++) {
        fd_t c = pairs[i].child;
        if (!fd_in_range(c) || !fd_in_range(pairs[i].parent))
            return -EBADF;
        if (seen[c / 64] & (1ull << (c % 64)))
            return -EINVAL;
        seen[c / 64] |= 1ull << (c % 64);
    }
    *count = i;
    return 0;
}

/* Takes a reference on the parent's file of each pair (NULL where missing and allowed). */
static int gather(fdtable_t *parent, const spawn_fd_t *pairs, size_t n, bool strict, file_t **got)
{
    int rc = 0;
    spinlock_lock(&parent->lock);
    for (size_t i = 0; i < n && !rc; i++) {
        got[i] = parent->files[pairs[i].parent];
        if (got[i])
            file_ref(got[i]);
        else if (strict)
            rc = -EBADF;
    }
    spinlock_unlock(&parent->lock);
    return rc;
}

int fdtable_copy_from(fdtable_t *child, fdtable_t *parent, const spawn_fd_t *pairs, size_t n)
{
    file_t *got[MAX_FDS] = {0};
    bool strict = pairs != NULL;
    size_t count = 0;
    if (!pairs) {
        pairs = fdtable_std_pairs;
        n = 3;
    }
    int rc = check_pairs(pairs, n, &count);
    if (!rc)
        rc = gather(parent, pairs, count, strict, got);
    for (size_t i = 0; i < count; i++) {
        if (rc)
            file_unref(got[i]);
        else if (got[i])
            file_unref(swap_slot(child, pairs[i].child, got[i]));
    }
    return rc;
}
