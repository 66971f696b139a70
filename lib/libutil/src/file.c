/*
 * file.c - reading inputs whole and copying: standard input as "-", a whole
 * descriptor into one growing buffer, descriptor-to-descriptor and file-to-file
 * copies (cp and mv). See util.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/io.h>
#include "util.h"

#define COPY_CHUNK 16384

fd_t util_open_input(const char *path)
{
    if (path[0] == '-' && path[1] == '\0')
        return STDIN_FILENO;
    return open(path);
}

void util_close_input(fd_t fd)
{
    if (fd != STDIN_FILENO)
        close(fd);
}

int util_each_input(int first, int argc, char **argv, bool headings,
                    bool (*fn)(const char *path, void *arg), void *arg)
{
    if (first >= argc)
        return fn("-", arg) ? 0 : UTIL_EXIT_FAIL;
    bool ok = true;
    for (int i = first; i < argc; i++) {
        if (headings && argc - first > 1)
            util_outf("%s==> %s <==\n", i == first ? "" : "\n", argv[i]);
        ok = fn(argv[i], arg) && ok;
    }
    return ok ? 0 : UTIL_EXIT_FAIL;
}

int util_each_input_counted(int argc, char **argv, uint64_t count,
                            bool (*fn)(const char *path, void *arg))
{
    util_opts_t o;
    util_opts_init(&o, argc, argv);
    while (util_opts_next(&o, "n:") != -1)
        count = util_opt_number('n', o.arg);
    return util_each_input(o.index, argc, argv, true, fn, &count);
}

char *util_read_all(fd_t fd, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        if (cap - n < 2) {
            char *grown = realloc(buf, cap * 2);
            if (grown == NULL)
                break;
            buf = grown;
            cap *= 2;
        }
        int64_t got = read(fd, buf + n, cap - n - 1);
        if (got == 0) {
            buf[n] = '\0';
            *len = n;
            return buf;
        }
        if (got < 0)
            break;
        n += (size_t)got;
    }
    int saved = buf == NULL ? ENOMEM : errno;
    free(buf);
    errno = saved;
    return NULL;
}

int util_copy_fd(fd_t in, fd_t out, bool *failed_read)
{
    static char chunk[COPY_CHUNK];
    for (;;) {
        int64_t got = read(in, chunk, sizeof(chunk));
        *failed_read = true;
        if (got <= 0)
            return got == 0 ? 0 : ERR;
        *failed_read = false;
        for (int64_t done = 0; done < got;) {
            int64_t w = write(out, chunk + done, (size_t)(got - done));
            if (w <= 0)
                return ERR;
            done += w;
        }
    }
}

int util_copy_file(const char *src, const char *dst)
{
    char target[MAX_PATH + 32];
    fd_t in = open(src);
    if (in == ERR) {
        util_error_errno(src);
        return ERR;
    }
    snprintf(target, sizeof(target), "%s?create&truncate", dst);
    fd_t out = open(target);
    if (out == ERR) {
        util_error_errno(dst);
        close(in);
        return ERR;
    }
    bool failed_read;
    int rc = util_copy_fd(in, out, &failed_read);
    if (rc == ERR)
        util_error_errno(failed_read ? src : dst);
    close(in);
    close(out);
    return rc;
}
