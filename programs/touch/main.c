/*
 * touch - make each file exist and mark it modified now. A missing file is created
 * empty. There is no call to set a time, so an existing file gets its last byte
 * written back unchanged (an empty one is truncated to 0 bytes), which makes the
 * filesystem stamp it; directories and devices are left as they are.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/io.h>
#include "util.h"

/* Rewrites the last byte of the open file @fd of @size bytes (or truncates it). */
static int restamp(const char *path, uint64_t size)
{
    char full[MAX_PATH + 16];
    snprintf(full, sizeof(full), "%s%s", path, size == 0 ? "?truncate" : "");
    fd_t fd = open(full);
    if (fd == ERR)
        return ERR;
    char last;
    int rc = 0;
    if (size > 0 && (seek(fd, (int64_t)size - 1, SEEK_SET) == ERR || read(fd, &last, 1) != 1 ||
                     seek(fd, (int64_t)size - 1, SEEK_SET) == ERR || write(fd, &last, 1) != 1))
        rc = ERR;
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

static bool touch_one(const char *path)
{
    stat_t st;
    int rc;
    if (stat(path, &st) == ERR) {
        if (errno != ENOENT) {
            util_error_errno(path);
            return false;
        }
        char full[MAX_PATH + 16];
        snprintf(full, sizeof(full), "%s?create", path);
        fd_t fd = open(full);
        rc = fd == ERR ? ERR : close(fd);
    } else {
        rc = st.type == STAT_FILE ? restamp(path, st.size) : 0;
    }
    if (rc == ERR)
        util_error_errno(path);
    return rc == 0;
}

int main(int argc, char **argv)
{
    util_init("touch", "touch file...\n"
                       "Create each missing file (empty); mark existing files modified now.");
    int first = util_operands(argc, argv);
    if (first == argc)
        util_usage_error("missing file name");
    bool ok = true;
    for (int i = first; i < argc; i++)
        ok = touch_one(argv[i]) && ok;
    return ok ? 0 : UTIL_EXIT_FAIL;
}
