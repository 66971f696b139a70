/*
 * rm - remove files. A directory needs -r, which removes everything under it first
 * (depth first, through util_walk). With -f a name that does not exist is not an
 * error and nothing is reported for it. A label's root ("home:/", "/") is refused.
 */
#include <errno.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

static bool opt_recursive, opt_force;

static int remove_visited(const char *path, const stat_t *st, util_walk_when_t when, void *arg)
{
    (void)arg;
    if (st->type == STAT_DIR && when == UTIL_WALK_PRE)
        return 0; /* its entries first */
    if (remove(path) == ERR) {
        util_error_errno(path);
        return ERR;
    }
    return 0;
}

/* True for "label:/", "/" and the like: nothing but a label and slashes. */
static bool is_root(const char *path)
{
    const char *colon = strchr(path, ':');
    const char *rest = colon != NULL ? colon + 1 : path;
    return *rest == '/' && rest[strspn(rest, "/")] == '\0';
}

static bool rm_one(const char *path)
{
    stat_t st;
    if (is_root(path)) {
        util_error("%s: refusing to remove a label's root", path);
        return false;
    }
    if (stat(path, &st) == ERR) {
        if (opt_force && errno == ENOENT)
            return true;
        util_error_errno(path);
        return false;
    }
    if (st.type == STAT_DIR && !opt_recursive) {
        util_error("%s: is a directory (use -r)", path);
        return false;
    }
    return util_walk(path, remove_visited, NULL) == 0;
}

int main(int argc, char **argv)
{
    util_init("rm", "rm [-rf] path...\n"
                    "Remove files.\n"
                    "  -r  remove directories and everything under them\n"
                    "  -f  a missing file is not an error");
    util_opts_t o;
    util_opts_init(&o, argc, argv);
    for (int c; (c = util_opts_next(&o, "rf")) != -1;) {
        if (c == 'r')
            opt_recursive = true;
        else
            opt_force = true;
    }
    if (o.index == argc && !opt_force)
        util_usage_error("missing file name");
    bool ok = true;
    for (int i = o.index; i < argc; i++)
        ok = rm_one(argv[i]) && ok;
    return ok ? 0 : UTIL_EXIT_FAIL;
}
