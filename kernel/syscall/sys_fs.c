/*
 * sys_fs.c - file system calls. Paths are copied in whole (at most MAX_PATH bytes, else
 * -ENAMETOOLONG) and resolved against the process's current directory; data moves
 * between user memory and the file in chunks through a kernel buffer, so file systems
 * only ever see kernel memory.
 */
#include <abi/errno.h>
#include "lib/hot.h"
#include "fs/poll.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/bufcache.h"
#include "mm/kmalloc.h"
#include "mm/user.h"
#include "proc/process.h"
#include "proc/procfs.h"
#include "syscall/syscall.h"

#define IO_CHUNK 65536
#define WRITE_WHOLE_MAX (16u << 20)

/* Path and I/O buffers are larger than a slab object: they are reused (mm/bufcache.h). */
static bufcache_t path_bufs = BUFCACHE_INIT(MAX_PATH + 2);
static bufcache_t io_bufs = BUFCACHE_INIT(IO_CHUNK);

void syscall_fs_trim(void)
{
    bufcache_trim(&path_bufs);
    bufcache_trim(&io_bufs);
}

/* A path argument copied into kernel memory (from path_bufs, returned by buf_put). */
static int64_t path_get(uint64_t user, char **out)
{
    char *buf = bufcache_get(&path_bufs);
    if (!buf)
        return -ENOMEM;
    int64_t n = user_string(buf, UPTR(user), MAX_PATH + 2);
    if (n > MAX_PATH)
        n = -ENAMETOOLONG;
    if (n >= 0)
        n = procfs_rewrite_self(buf, MAX_PATH + 1);
    if (n < 0) {
        bufcache_put(&path_bufs, buf);
        return n;
    }
    *out = buf;
    return 0;
}

/* The caller's cwd, copied (it may change under us through chdir in another thread). */
static void cwd_get(process_t *p, char *out)
{
    process_get_cwd(p, out);
}

/* Runs op(path, cwd) on a user path; the common shape of most calls below. */
static int64_t with_path(uint64_t upath, int64_t (*op)(const char *, const char *, void *), void *arg)
{
    char *path, *cwd = bufcache_get(&path_bufs);
    int64_t rc = cwd ? path_get(upath, &path) : -ENOMEM;
    if (rc == 0) {
        cwd_get(process_current(), cwd);
        rc = op(path, cwd, arg);
        bufcache_put(&path_bufs, path);
    }
    bufcache_put(&path_bufs, cwd);
    return rc;
}

static int64_t do_open(const char *path, const char *cwd, void *arg)
{
    (void)arg;
    file_t *f;
    int rc = vfs_open(path, cwd, &f);
    if (rc)
        return rc;
    fd_t fd = fdtable_alloc(&process_current()->fds, f);
    file_unref(f);
    return fd;
}

int64_t sys_open(uint64_t path, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    return with_path(path, do_open, 0);
}

static int64_t do_open2(const char *path, const char *cwd, void *arg)
{
    file_t *f[2];
    fd_t fds[2];
    int rc = vfs_open2(path, cwd, f);
    if (rc)
        return rc;
    fdtable_t *t = &process_current()->fds;
    fds[0] = fdtable_alloc(t, f[0]);
    fds[1] = fds[0] < 0 ? fds[0] : fdtable_alloc(t, f[1]);
    if (fds[1] < 0 && fds[0] >= 0)
        fdtable_close(t, fds[0]);
    file_unref(f[0]);
    file_unref(f[1]);
    if (fds[1] < 0)
        return fds[1];
    if (user_copy_to(UPTR(arg), fds, sizeof(fds))) {
        fdtable_close(t, fds[0]);
        fdtable_close(t, fds[1]);
        return -EFAULT;
    }
    return 0;
}

int64_t sys_open2(uint64_t path, uint64_t fds, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a2, (void)a3, (void)a4, (void)a5;
    if (!user_range_ok(fds, 2 * sizeof(fd_t)))
        return -EFAULT;
    return with_path(path, do_open2, (void *)fds);
}

int64_t sys_close(uint64_t fd, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    return fdtable_close(&process_current()->fds, (fd_t)fd);
}

/* read/write: one chunk at a time; a short transfer ends the loop (device, pipe, EOF). */
HOT_PATH static int64_t transfer(uint64_t fd, uint64_t ubuf, uint64_t n, int writing)
{
    if (n > (1ull << 40))
        return -EINVAL;
    if (n && !user_range_ok(ubuf, n))
        return -EFAULT;
    file_t *f = fdtable_get(&process_current()->fds, (fd_t)fd);
    if (!f)
        return -EBADF;
    int64_t (*direct)(file_t *, uptr_t, size_t) = f->ops ? (writing ? f->ops->write_user : f->ops->read_user) : NULL;
    if (direct && n) {
        int64_t rc = direct(f, UPTR(ubuf), n);
        file_unref(f);
        return rc;
    }
    /* a write to anything but a regular file goes through whole (up to WRITE_WHOLE_MAX):
     * a socket keeps it as one message, a pipe carries it through in its own pieces */
    int whole = writing && n > IO_CHUNK && n <= WRITE_WHOLE_MAX && !(f->node && f->node->type == STAT_FILE);
    size_t chunk_size = whole ? n : IO_CHUNK;
    char *buf = whole ? kmalloc(n) : bufcache_get(&io_bufs);
    int64_t done = buf ? 0 : -ENOMEM;
    while (buf && (uint64_t)done < n) {
        size_t chunk = n - (uint64_t)done < chunk_size ? n - (uint64_t)done : chunk_size;
        int64_t got;
        if (writing) {
            got = user_copy_from(buf, UPTR(ubuf + (uint64_t)done), chunk) ? -EFAULT : file_write(f, buf, chunk);
        } else {
            got = file_read(f, buf, chunk);
            if (got > 0 && user_copy_to(UPTR(ubuf + (uint64_t)done), buf, (size_t)got))
                got = -EFAULT;
        }
        if (got < 0) {
            done = done ? done : got; /* report what was moved before the error */
            break;
        }
        done += got;
        /* a device or pipe read returns what it has: asking again could block on it */
        if ((size_t)got < chunk || (!writing && !(f->node && f->node->type == STAT_FILE)))
            break;
    }
    if (n == 0 && buf)
        done = writing ? file_write(f, buf, 0) : file_read(f, buf, 0);
    if (whole)
        kfree(buf);
    else
        bufcache_put(&io_bufs, buf);
    file_unref(f);
    return done;
}

HOT_PATH int64_t sys_read(uint64_t fd, uint64_t buf, uint64_t n, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a3, (void)a4, (void)a5;
    return transfer(fd, buf, n, 0);
}

HOT_PATH int64_t sys_write(uint64_t fd, uint64_t buf, uint64_t n, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a3, (void)a4, (void)a5;
    return transfer(fd, buf, n, 1);
}

int64_t sys_seek(uint64_t fd, uint64_t off, uint64_t origin, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a3, (void)a4, (void)a5;
    file_t *f = fdtable_get(&process_current()->fds, (fd_t)fd);
    if (!f)
        return -EBADF;
    int64_t rc = origin > SEEK_END ? -EINVAL : file_seek(f, (int64_t)off, (int)origin);
    file_unref(f);
    return rc;
}

int64_t sys_dup(uint64_t fd, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    return fdtable_dup(&process_current()->fds, (fd_t)fd);
}

int64_t sys_dup2(uint64_t oldfd, uint64_t newfd, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a2, (void)a3, (void)a4, (void)a5;
    return fdtable_dup2(&process_current()->fds, (fd_t)oldfd, (fd_t)newfd);
}

static int64_t do_stat(const char *path, const char *cwd, void *arg)
{
    stat_t st;
    int rc = vfs_stat(path, cwd, &st);
    if (rc)
        return rc;
    return user_copy_to(UPTR(arg), &st, sizeof(st));
}

int64_t sys_stat(uint64_t path, uint64_t st, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a2, (void)a3, (void)a4, (void)a5;
    if (!user_range_ok(st, sizeof(stat_t)))
        return -EFAULT;
    return with_path(path, do_stat, (void *)st);
}

int64_t sys_getdirent(uint64_t fd, uint64_t ubuf, uint64_t n, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a3, (void)a4, (void)a5;
    if (n > IO_CHUNK / sizeof(dirent_t))
        n = IO_CHUNK / sizeof(dirent_t); /* callers loop: one bounce buffer's worth */
    file_t *f = fdtable_get(&process_current()->fds, (fd_t)fd);
    if (!f)
        return -EBADF;
    if (n && !user_range_ok(ubuf, n * sizeof(dirent_t))) {
        file_unref(f);
        return -EFAULT;
    }
    dirent_t *buf = bufcache_get(&io_bufs);
    int64_t got = buf ? file_getdirent(f, buf, n) : -ENOMEM;
    if (got > 0 && user_copy_to(UPTR(ubuf), buf, (size_t)got * sizeof(dirent_t)))
        got = -EFAULT;
    bufcache_put(&io_bufs, buf);
    file_unref(f);
    return got;
}

static int64_t do_mkdir(const char *path, const char *cwd, void *arg)
{
    (void)arg;
    return vfs_mkdir(path, cwd);
}

int64_t sys_mkdir(uint64_t path, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    return with_path(path, do_mkdir, 0);
}

static int64_t do_remove(const char *path, const char *cwd, void *arg)
{
    (void)arg;
    return vfs_remove(path, cwd);
}

int64_t sys_remove(uint64_t path, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    return with_path(path, do_remove, 0);
}

typedef struct two_paths {
    uint64_t to;
    int link;
} two_paths_t;

static int64_t do_two(const char *from, const char *cwd, void *arg)
{
    two_paths_t *a = arg;
    char *to;
    int64_t rc = path_get(a->to, &to);
    if (rc)
        return rc;
    rc = a->link ? vfs_link(from, to, cwd) : vfs_rename(from, to, cwd);
    bufcache_put(&path_bufs, to);
    return rc;
}

int64_t sys_rename(uint64_t from, uint64_t to, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a2, (void)a3, (void)a4, (void)a5;
    two_paths_t a = {to, 0};
    return with_path(from, do_two, &a);
}

int64_t sys_link(uint64_t from, uint64_t to, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a2, (void)a3, (void)a4, (void)a5;
    two_paths_t a = {to, 1};
    return with_path(from, do_two, &a);
}

static int64_t do_chdir(const char *path, const char *cwd, void *arg)
{
    (void)arg;
    char *out = bufcache_get(&path_bufs);
    if (!out)
        return -ENOMEM;
    int rc = vfs_chdir_check(path, cwd, out);
    if (!rc)
        rc = process_set_cwd(process_current(), out);
    bufcache_put(&path_bufs, out);
    return rc;
}

int64_t sys_chdir(uint64_t path, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    return with_path(path, do_chdir, 0);
}

int64_t sys_ioctl(uint64_t fd, uint64_t req, uint64_t arg, uint64_t size, uint64_t a4, uint64_t a5)
{
    (void)a4, (void)a5;
    if (size > 4096)
        return -EINVAL;
    if (size && !user_range_ok(arg, size))
        return -EFAULT;
    file_t *f = fdtable_get(&process_current()->fds, (fd_t)fd);
    if (!f)
        return -EBADF;
    char buf[4096];
    int64_t rc = size && user_copy_from(buf, UPTR(arg), size) ? -EFAULT : file_ioctl(f, req, buf, size);
    if (rc >= 0 && size && user_copy_to(UPTR(arg), buf, size))
        rc = -EFAULT;
    file_unref(f);
    return rc;
}

/* poll: the array is copied in, each fd looked up once (a reference held for the whole
 * wait, so a concurrent close cannot free what the poll is registered on), then
 * fs/poll.h waits; revents are copied back whatever the outcome but an error. */
int64_t sys_poll(uint64_t ufds, uint64_t n, uint64_t timeout_ns, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a3, (void)a4, (void)a5;
    if (n > POLL_MAX)
        return -EINVAL;
    pollfd_t *fds = kzalloc((n ? n : 1) * sizeof(*fds));
    file_t **files = kzalloc((n ? n : 1) * sizeof(*files));
    uint16_t *ev = kzalloc((n ? n : 1) * 2 * sizeof(*ev));
    int64_t rc = fds && files && ev ? 0 : -ENOMEM;
    if (!rc && n)
        rc = user_copy_from(fds, UPTR(ufds), n * sizeof(*fds));
    for (size_t i = 0; !rc && i < n; i++) {
        ev[i] = fds[i].events;
        files[i] = fds[i].fd < 0 ? NULL : fdtable_get(&process_current()->fds, fds[i].fd);
        ev[n + i] = fds[i].fd >= 0 && !files[i] ? POLL_INVALID : 0;
    }
    if (!rc)
        rc = poll_wait(files, ev, ev + n, n, timeout_ns);
    for (size_t i = 0; rc >= 0 && i < n; i++)
        fds[i].revents = ev[n + i];
    if (rc >= 0 && n && user_copy_to(UPTR(ufds), fds, n * sizeof(*fds)))
        rc = -EFAULT;
    for (size_t i = 0; files && i < n; i++)
        file_unref(files[i]);
    kfree(ev);
    kfree(files);
    kfree(fds);
    return rc;
}
