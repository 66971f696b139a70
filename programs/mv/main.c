/*
 * mv - rename files: `mv src dst` (dst a new name, or a directory to move into) or
 * `mv src... dir`. Across labels, where rename() cannot go, a file is copied and the
 * original removed; a directory cannot move across labels.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

static bool move_one(const char *src, const char *dst)
{
    if (rename(src, dst) == 0)
        return true;
    int err = errno;
    stat_t st;
    if (stat(src, &st) == ERR) {
        util_error_errno(src);
        return false;
    }
    if (err != EXDEV || st.type == STAT_DIR) {
        errno = err;
        util_error_errno(err == EXDEV ? src : dst); /* src exists: the target is at fault */
        return false;
    }
    if (util_copy_file(src, dst) == ERR)
        return false;
    if (remove(src) == ERR) {
        util_error_errno(src);
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    util_init("mv", "mv src dst | mv src... dir\n"
                    "Rename files, or move them into a directory.");
    int first = util_operands(argc, argv);
    bool ok = util_each_to_target(argv + first, argc - first, move_one);
    return ok ? 0 : UTIL_EXIT_FAIL;
}
