/*
 * cp - copy files: `cp src dst` (dst a file name, or a directory to copy into) or
 * `cp src... dir`. Directories are copied only with -r, as a whole tree (util_walk);
 * a directory cannot be copied into itself.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

static bool opt_recursive;

/* What a tree copy needs: the source root and the destination root. */
typedef struct tree {
    const char *src, *dst;
} tree_t;

static int copy_visited(const char *path, const stat_t *st, util_walk_when_t when, void *arg)
{
    tree_t *t = arg;
    if (when == UTIL_WALK_POST)
        return 0;
    const char *rel = path + strlen(t->src);
    char *target = malloc(strlen(t->dst) + strlen(rel) + 1);
    if (target == NULL)
        util_die("out of memory");
    strcpy(target, t->dst);
    strcat(target, rel);
    int rc = 0;
    if (st->type == STAT_DIR) {
        if (mkdir(target) == ERR && errno != EEXIST) {
            util_error_errno(target);
            rc = UTIL_WALK_SKIP;
        }
    } else {
        rc = util_copy_file(path, target);
    }
    free(target);
    return rc;
}

/* True if @inner is @outer or a path below it. */
static bool is_within(const char *inner, const char *outer)
{
    size_t n = strlen(outer);
    return strncmp(inner, outer, n) == 0 && (inner[n] == '\0' || inner[n] == '/');
}

static bool copy_one(const char *src, const char *dst)
{
    stat_t st;
    if (stat(src, &st) == ERR) {
        util_error_errno(src);
        return false;
    }
    if (st.type != STAT_DIR)
        return util_copy_file(src, dst) == 0;
    if (!opt_recursive) {
        util_error("%s: is a directory (use -r)", src);
        return false;
    }
    if (is_within(dst, src)) {
        util_error("%s: cannot copy a directory into itself", src);
        return false;
    }
    tree_t t = { src, dst };
    return util_walk(src, copy_visited, &t) == 0;
}

int main(int argc, char **argv)
{
    util_init("cp", "cp [-r] src dst | cp [-r] src... dir\n"
                    "Copy files (-r: directories too, with everything under them).");
    util_opts_t o;
    util_opts_init(&o, argc, argv);
    while (util_opts_next(&o, "r") != -1)
        opt_recursive = true;
    bool ok = util_each_to_target(argv + o.index, argc - o.index, copy_one);
    return ok ? 0 : UTIL_EXIT_FAIL;
}
