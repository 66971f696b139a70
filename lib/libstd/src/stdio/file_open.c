/*
 * file_open.c - making and ending streams and moving in them: fopen, fdopen, freopen,
 * fclose, fseek/ftell and friends, fileno, tmpfile and tmpnam.
 *
 * fopen() turns the C mode into open flags written after the path (sys/io.h): "r" none
 * (the file must exist), "w" create&truncate, "a" create&append, "x" adds exclusive;
 * "+" allows the other direction and "b" is ignored. The kernel opens every file for
 * both directions; the stream itself refuses the direction the mode did not ask for.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "internal/file.h"

void _std_file_list_add(FILE *f);
void _std_file_list_remove(FILE *f);

/** A parsed fopen() mode. */
typedef struct open_mode {
    const char *flags; /* what goes after '?' ("" for none) */
    bool read, write;
} open_mode_t;

static int parse_mode(const char *mode, open_mode_t *m)
{
    if (mode == NULL)
        return ERR;
    bool plus = false, excl = false;
    for (const char *c = mode + 1; *mode != '\0' && *c != '\0'; c++) {
        if (*c == '+')
            plus = true;
        else if (*c == 'x' && mode[0] == 'w')
            excl = true;
        else if (*c != 'b')
            return ERR;
    }
    switch (mode[0]) {
    case 'r': *m = (open_mode_t){ "", true, plus }; break;
    case 'w': *m = (open_mode_t){ excl ? "create&exclusive&truncate" : "create&truncate", plus, true }; break;
    case 'a': *m = (open_mode_t){ "create&append", plus, true }; break;
    default: return ERR;
    }
    return 0;
}

/* open() @path with the flags of @m added to any it already carries. */
static fd_t open_with_mode(const char *path, const open_mode_t *m)
{
    if (m->flags[0] == '\0')
        return open(path);
    return openf("%s%c%s", path, strchr(path, '?') != NULL ? '&' : '?', m->flags);
}

/* A new stream over @fd, in the open list. @return it, or NULL with ENOMEM. */
static FILE *file_create(fd_t fd, const open_mode_t *m)
{
    FILE *f = calloc(1, sizeof(FILE));
    if (f == NULL)
        return NULL;
    f->fd = fd;
    f->can_read = m->read;
    f->can_write = m->write;
    _std_file_list_add(f);
    return f;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
    open_mode_t m;
    if (parse_mode(mode, &m) == ERR) {
        errno = EINVAL;
        return NULL;
    }
    fd_t fd = open_with_mode(path, &m);
    if (fd == ERR)
        return NULL;
    FILE *f = file_create(fd, &m);
    if (f == NULL)
        close(fd);
    return f;
}

FILE *fdopen(fd_t fd, const char *mode)
{
    open_mode_t m;
    if (parse_mode(mode, &m) == ERR) {
        errno = EINVAL;
        return NULL;
    }
    if (fd < 0) {
        errno = EBADF;
        return NULL;
    }
    return file_create(fd, &m);
}

/* Flush and close @f's descriptor and drop its buffer; the FILE itself stays. */
static int file_release(FILE *f)
{
    int rc = _std_file_flush(f) == EOF ? EOF : 0;
    if (f->fd != ERR && close(f->fd) == ERR)
        rc = EOF;
    f->fd = ERR;
    if (f->buf_owned)
        free(f->buf);
    f->buf = NULL;
    f->buf_owned = false;
    f->state = FILE_IDLE;
    f->rpos = f->rend = f->wpos = f->npushed = 0;
    return rc;
}

int fclose(FILE *f)
{
    _std_file_lock(f);
    int saved = errno;
    int rc = file_release(f);
    if (rc == 0)
        errno = saved;
    _std_file_unlock(f);
    if (!f->is_std) {
        _std_file_list_remove(f);
        free(f);
    }
    return rc;
}

FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
    open_mode_t m;
    _std_file_lock(f);
    int ok = parse_mode(mode, &m) == 0;
    if (!ok)
        errno = EINVAL;
    if (ok && path == NULL) { /* only the mode changes */
        ok = _std_file_flush(f) == 0;
    } else if (ok) {
        int saved = errno;
        file_release(f);
        errno = saved;
        fd_t fd = open_with_mode(path, &m);
        ok = fd != ERR;
        f->fd = fd;
    }
    if (ok) {
        f->can_read = m.read;
        f->can_write = m.write;
        f->eof = f->error = false;
    }
    _std_file_unlock(f);
    if (!ok && path != NULL)
        fclose(f);
    return ok ? f : NULL;
}

fd_t fileno(FILE *f)
{
    _std_file_lock(f);
    fd_t fd = f->fd;
    _std_file_unlock(f);
    if (fd == ERR)
        errno = EBADF;
    return fd;
}

int fseek(FILE *f, long offset, int origin)
{
    return fseeko(f, offset, origin);
}

int fseeko(FILE *f, int64_t offset, int origin)
{
    _std_file_lock(f);
    int rc = ERR;
    if (f->fd == ERR) {
        errno = EBADF;
    } else if (_std_file_flush(f) != EOF && seek(f->fd, offset, origin) != ERR) {
        f->eof = false;
        rc = 0;
    }
    _std_file_unlock(f);
    return rc;
}

int64_t ftello(FILE *f)
{
    _std_file_lock(f);
    int64_t pos = f->fd == ERR ? (errno = EBADF, ERR) : seek(f->fd, 0, SEEK_CUR);
    if (pos != ERR && f->state == FILE_READING)
        pos -= (int64_t)(f->rend - f->rpos + f->npushed);
    else if (pos != ERR && f->state == FILE_WRITING)
        pos += (int64_t)f->wpos;
    if (pos < 0 && pos != ERR) { /* pushed back more than was read */
        errno = EINVAL;
        pos = ERR;
    }
    _std_file_unlock(f);
    return pos;
}

long ftell(FILE *f)
{
    return (long)ftello(f);
}

void rewind(FILE *f)
{
    _std_file_lock(f);
    fseeko(f, 0, SEEK_SET);
    f->error = false;
    _std_file_unlock(f);
}

int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
    int64_t at = ftello(f);
    if (at == ERR)
        return ERR;
    *pos = at;
    return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
    return fseeko(f, *pos, SEEK_SET);
}

/* The directory tmpfile() and tmpnam() use, and a name in it no one else picks. */
#define TMP_DIR "home:/usr"

char *tmpnam(char *buf)
{
    static char own[L_tmpnam];
    static uint32_t counter; /* atomic */
    uint32_t n = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
    char *out = buf != NULL ? buf : own;
    snprintf(out, L_tmpnam, TMP_DIR "/.tmp-%lld-%u-%llx", (long long)getpid(), n,
             (unsigned long long)(uptime() & 0xffffff));
    return out;
}

FILE *tmpfile(void)
{
    char name[L_tmpnam];
    for (int tries = 0; tries < 16; tries++) {
        tmpnam(name);
        FILE *f = fopen(name, "wx+");
        if (f == NULL && errno == EEXIST)
            continue;
        if (f != NULL)
            remove(name); /* the open stream keeps the file until fclose() */
        return f;
    }
    return NULL;
}
