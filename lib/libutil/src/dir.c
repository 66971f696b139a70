/*
 * dir.c - directories for the utilities: a sorted listing, joining and splitting
 * paths, and a depth-first walk (rm -r, cp -r). Paths keep their label
 * ("home:/a/b"); the walk builds each child's path by joining. See util.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(((const dirent_t *)a)->name, ((const dirent_t *)b)->name);
}

dirent_t *util_dir_read(const char *path, size_t *count)
{
    fd_t fd = open(path);
    if (fd == ERR)
        return NULL;
    dirent_t *all = allocdir(fd, count);
    int saved = errno;
    close(fd);
    errno = saved;
    if (all != NULL)
        qsort(all, *count, sizeof(dirent_t), by_name);
    return all;
}

char *util_path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    bool slash = dl > 0 && dir[dl - 1] != '/';
    char *p = malloc(dl + slash + nl + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, dir, dl);
    if (slash)
        p[dl] = '/';
    memcpy(p + dl + slash, name, nl + 1);
    return p;
}

const char *util_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

bool util_each_to_target(char **operands, int n, bool (*fn)(const char *src, const char *dst))
{
    if (n < 2)
        util_usage_error("missing %s", n == 1 ? "destination" : "source and destination");
    const char *dst = operands[n - 1];
    stat_t st;
    bool into_dir = stat(dst, &st) == 0 && st.type == STAT_DIR;
    if (n > 2 && !into_dir)
        util_usage_error("%s: not a directory", dst);
    bool ok = true;
    for (int i = 0; i < n - 1; i++) {
        char *target = into_dir ? util_path_join(dst, util_basename(operands[i])) : strdup(dst);
        if (target == NULL)
            util_die("out of memory");
        ok = fn(operands[i], target) && ok;
        free(target);
    }
    return ok;
}

/* Walks the entries of the directory @path (already visited PRE). */
static int walk_entries(const char *path, util_walk_fn fn, void *arg)
{
    size_t n;
    dirent_t *entries = util_dir_read(path, &n);
    if (entries == NULL) {
        util_error_errno(path);
        return ERR;
    }
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *child = util_path_join(path, entries[i].name);
        if (child == NULL) {
            util_error("%s: out of memory", path);
            rc = ERR;
            break;
        }
        if (util_walk(child, fn, arg) == ERR)
            rc = ERR;
        free(child);
    }
    free(entries);
    return rc;
}

int util_walk(const char *path, util_walk_fn fn, void *arg)
{
    stat_t st;
    if (stat(path, &st) == ERR) {
        util_error_errno(path);
        return ERR;
    }
    int pre = fn(path, &st, UTIL_WALK_PRE, arg);
    if (st.type != STAT_DIR || pre == UTIL_WALK_SKIP)
        return pre == ERR ? ERR : 0;
    int rc = pre == ERR ? ERR : 0;
    if (walk_entries(path, fn, arg) == ERR)
        rc = ERR;
    if (fn(path, &st, UTIL_WALK_POST, arg) == ERR)
        rc = ERR;
    return rc;
}
