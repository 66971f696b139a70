/*
 * sys/io.h - files: the system calls on paths and descriptors (src/io/).
 *
 * A path is `label:/a/b`, `/a/b` (on the current directory's label) or relative, and
 * may carry open flags after a `?`, joined with `&`: "home:/usr/a.txt?create&truncate"
 * (nonblock, create, exclusive, truncate, append, directory). Every file is opened for
 * both reading and writing. Every call returns ERR (or NULL) on failure and sets the
 * calling thread's errno; every call may sleep. Any call given a bad pointer fails
 * with EFAULT. The path errors of every path call are listed once here: EINVAL (bad
 * label, component or flag), ENAMETOOLONG, ENOENT, ENOTDIR, EACCES.
 */
#ifndef LIBSTD_SYS_IO_H
#define LIBSTD_SYS_IO_H

#include <stdarg.h>
#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/**
 * Open the file named by @path (with its ?flags).
 * @return a new descriptor, or ERR with errno: the path errors; EEXIST (create and
 * exclusive, and it exists); EISDIR; EMFILE (no free descriptor); ENOMEM; EAGAIN
 * (nonblock and the open would wait).
 */
fd_t open(const char *path);

/**
 * open() a path built by printf-style formatting: openf("sys:/proc/%d/wait", pid).
 * @return as open(); also ERR with ENAMETOOLONG if the path exceeds MAX_PATH bytes.
 */
fd_t openf(const char *restrict fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * Open a file that has two ends (sys:/pipe/new): @fds[0] receives the read end and
 * @fds[1] the write end.
 * @return 0, or ERR with errno: as open(); EINVAL if @path has not two ends.
 */
int open2(const char *path, fd_t fds[2]);

/** Close @fd. @return 0, or ERR with errno EBADF. */
int close(fd_t fd);

/**
 * Read up to @n bytes from @fd at its offset into @buf.
 * @return the count read (0 at end of file), or ERR with errno: EBADF; EISDIR; EAGAIN
 * (nonblock, nothing ready); EINTR (a note arrived); EIO; EFAULT.
 */
int64_t read(fd_t fd, void *buf, size_t n);

/**
 * Write up to @n bytes from @buf to @fd at its offset (at the end with append).
 * @return the count written, or ERR with errno: EBADF; EAGAIN; EINTR; EPIPE (no
 * reader); ENOSPC; EFBIG; EINVAL (a ctl file refused the command); EIO; EFAULT.
 */
int64_t write(fd_t fd, const void *buf, size_t n);

/**
 * Format with printf() rules and write the result to @fd in one write() (so a command
 * to a ctl file arrives whole): writef(ctl, "prio %d", 4).
 * @return the count written, or ERR with errno: as write(); ENOMEM if a long result
 * could not be buffered; EOVERFLOW if it exceeds INT_MAX characters.
 */
int64_t writef(fd_t fd, const char *restrict fmt, ...) __attribute__((format(printf, 2, 3)));

/** writef() with a va_list. Errors: as writef(). */
int64_t vwritef(fd_t fd, const char *restrict fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/** The most bytes readf() reads. */
#define READF_MAX 4096

/**
 * Read what @fd has, up to READF_MAX bytes, in one read() (so a small file such as
 * `sys:/proc/<pid>/status` or a ctl reply arrives whole), and scan it with sscanf()
 * rules (stdio.h): readf(fd, "pid %ld state %15s", &pid, state).
 * The offset moves past everything read, not only what @fmt consumed: read a file once
 * per open (or seek() back) and scan all of it with one format.
 * @return the number of assignments (less than asked after a matching failure), or ERR
 * with errno: as read() (EBADF; EISDIR; EAGAIN; EINTR; EIO; EFAULT); EINVAL if the
 * input ended before the first conversion completed (an empty file, or only white
 * space where @fmt needed input).
 */
int64_t readf(fd_t fd, const char *restrict fmt, ...) __attribute__((format(scanf, 2, 3)));

/** readf() with a va_list. Errors: as readf(). */
int64_t vreadf(fd_t fd, const char *restrict fmt, va_list ap)
    __attribute__((format(scanf, 2, 0)));

/**
 * Move @fd's offset to @offset relative to @origin (SEEK_SET, SEEK_CUR, SEEK_END).
 * @return the new offset, or ERR with errno: EBADF; ESPIPE (a pipe, socket or device);
 * EINVAL (bad origin, or the result would be negative).
 */
int64_t seek(fd_t fd, int64_t offset, int origin);

/** A new descriptor for the open file @fd. @return it, or ERR with EBADF or EMFILE. */
fd_t dup(fd_t fd);

/**
 * Make @newfd refer to the open file @oldfd, closing what @newfd held first.
 * @return @newfd, or ERR with errno EBADF (@oldfd not open, @newfd out of range).
 */
fd_t dup2(fd_t oldfd, fd_t newfd);

/** What @path names, into @st. @return 0, or ERR with the path errors. */
int stat(const char *path, stat_t *st);

/**
 * Read up to @n entries of the directory open as @fd into @entries, continuing where
 * the previous call stopped.
 * @return the count read (0 when all have been read), or ERR with errno: EBADF;
 * ENOTDIR (@fd is not a directory); EFAULT.
 */
int64_t getdirent(fd_t fd, dirent_t *entries, size_t n);

/**
 * Read all the entries of the directory open as @fd, from where the previous
 * getdirent() stopped (all of them for a freshly opened directory), into one malloc()ed
 * array, and store their number in *@count. An empty directory gives a valid array
 * with *@count 0. Free the array with free().
 * @return the array, or NULL with errno (and *@count untouched): EBADF; ENOTDIR (@fd is
 * not a directory); ENOMEM; EFAULT (@count is NULL). Time: O(entries): the array
 * starts at 16 entries and doubles as it fills.
 */
dirent_t *allocdir(fd_t fd, size_t *count);

/** Make the directory @path. @return 0, or ERR: the path errors; EEXIST; ENOSPC. */
int mkdir(const char *path);

/**
 * Remove the name @path (a file, or an empty directory).
 * @return 0, or ERR: the path errors; ENOTEMPTY; EBUSY (a label's root).
 */
int remove(const char *path);

/**
 * Give @oldpath the name @newpath, replacing a file of that name.
 * @return 0, or ERR: the path errors; EXDEV (another label); EEXIST or ENOTEMPTY (a
 * directory is in the way); EINVAL (a directory into itself).
 */
int rename(const char *oldpath, const char *newpath);

/**
 * Make @newpath another name for the file @oldpath.
 * @return 0, or ERR: the path errors; EEXIST; EXDEV; EISDIR (directories have one name).
 */
int link(const char *oldpath, const char *newpath);

/** Make @path the current directory. @return 0, or ERR: the path errors. */
int chdir(const char *path);

/**
 * Device request @request on @fd with an argument block of @size bytes at @arg (read,
 * written or both, as the request says).
 * @return a request-specific non-negative value, or ERR with errno: EBADF; ENOTTY (not a
 * device, or an unknown request); EINVAL (wrong @size); EFAULT.
 */
int64_t ioctl(fd_t fd, uint64_t request, void *arg, size_t size);

/**
 * Waits until one of the @n descriptors in @fds is ready for what its `events` ask
 * (POLL_READ, POLL_WRITE), or @timeout_ns nanoseconds pass (0: just check;
 * POLL_FOREVER: no limit). Each `revents` is set to the events ready, plus POLL_HUP
 * (the other side is gone), POLL_ERR (writing would fail) and POLL_INVALID (not an open
 * descriptor: not an error of the call); a negative fd is skipped (revents 0). @n may
 * be 0 (a plain sleep). Pollable: pipes, local sockets (data, accepted connections; a
 * listening socket's ctl file is readable while a connection waits for accept),
 * `sys:/proc/<pid>/wait` (readable once the process exited), sys:/kbd/ps2 and
 * sys:/mouse/ps2 (an event queued); regular files and other files are always ready.
 * @return the number of descriptors with a non-zero revents (0: timed out), or ERR
 * with errno: EINVAL (@n > POLL_MAX); EFAULT (@fds unreadable or unwritable); EINTR
 * (a note arrived); ENOMEM.
 */
int poll(pollfd_t *fds, size_t n, uint64_t timeout_ns);

/**
 * Map @length bytes of the file @fd (sys:/zero: fresh zeroed memory; `sys:/shmem/<id>`:
 * shared memory; sys:/fb0: the framebuffer) with protection @prot (PROT_*), at exactly
 * @hint if it is not NULL (else where the kernel chooses).
 * @return the page-aligned address, or NULL with errno: EBADF; ENODEV (the file cannot
 * be mapped); EINVAL (@length 0 or over 1 TiB, @hint not page aligned, or bad @prot);
 * EFAULT (@hint in the kernel half, or the range runs past the end of user space);
 * EEXIST (a page of [@hint, @hint + @length) is already mapped); ENOMEM; EACCES.
 */
void *mmap(fd_t fd, void *hint, size_t length, int prot);

/**
 * Unmap the pages of [@addr, @addr + @length); pages already unmapped are skipped, so
 * unmapping a range twice is not an error.
 * @return 0, or ERR with errno EINVAL (@addr not page aligned, @length 0 or over 1 TiB)
 * or EFAULT (a kernel address, or the range runs past the end of user space).
 */
int munmap(void *addr, size_t length);

/**
 * Change the protection of the pages of [@addr, @addr + @length) to @prot.
 * @return 0, or ERR with errno EINVAL, EFAULT (not mapped) or EACCES.
 */
int mprotect(void *addr, size_t length, int prot);

#endif
