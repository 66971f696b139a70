/*
 * mkdir - make directories. With -p the missing parents are made too and a directory
 * that exists already is not an error. Paths may carry a label ("home:/a/b").
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

/* mkdir() that accepts an existing directory. */
static int make_or_keep(const char *path)
{
    stat_t st;
    if (mkdir(path) == 0)
        return 0;
    int err = errno;
    if (err == EEXIST && stat(path, &st) == 0 && st.type == STAT_DIR)
        return 0;
    errno = err;
    return ERR;
}

/* Where the first component of @path starts: after "label:/", or a leading '/'. */
static size_t components_start(const char *path)
{
    const char *colon = strchr(path, ':');
    const char *slash = strchr(path, '/');
    size_t at = colon != NULL && (slash == NULL || colon < slash) ? (size_t)(colon - path) + 1 : 0;
    while (path[at] == '/')
        at++;
    return at;
}

/* mkdir -p: every prefix ending before a '/', then the whole path. */
static bool make_parents(const char *path)
{
    char *prefix = strdup(path);
    if (prefix == NULL)
        util_die("out of memory");
    for (size_t i = components_start(path); prefix[i] != '\0'; i++) {
        if (prefix[i] != '/' || prefix[i - 1] == '/')
            continue;
        prefix[i] = '\0';
        int rc = make_or_keep(prefix);
        if (rc == ERR) {
            util_error_errno(prefix);
            free(prefix);
            return false;
        }
        prefix[i] = '/';
    }
    free(prefix);
    if (make_or_keep(path) == ERR) {
        util_error_errno(path);
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    util_init("mkdir", "mkdir [-p] dir...\n"
                       "Make directories (-p: make missing parents; an existing one is fine).");
    util_opts_t o;
    bool parents = false;
    util_opts_init(&o, argc, argv);
    while (util_opts_next(&o, "p") != -1)
        parents = true;
    if (o.index == argc)
        util_usage_error("missing directory name");
    bool ok = true;
    for (int i = o.index; i < argc; i++) {
        if (parents) {
            ok = make_parents(argv[i]) && ok;
        } else if (mkdir(argv[i]) == ERR) {
            util_error_errno(argv[i]);
            ok = false;
        }
    }
    return ok ? 0 : UTIL_EXIT_FAIL;
}
