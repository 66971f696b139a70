/*
 * strerror.c - a message for every error code of include/abi/errno.h. The table is
 * indexed by code; a code with no entry (a gap in the numbering, or one the kernel
 * added without a message here) gets "unknown error". tests/user/libstd.c checks that
 * every code has a message.
 */
#include <errno.h>
#include <string.h>

static const char *const messages[ERRNO_MAX] = {
    [0] = "success",
    [EPERM] = "operation not permitted",
    [ENOENT] = "no such file or directory",
    [ESRCH] = "no such process",
    [EINTR] = "interrupted by a note",
    [EIO] = "input/output error",
    [E2BIG] = "argument list too long",
    [ENOEXEC] = "not a valid executable",
    [EBADF] = "bad file descriptor",
    [ECHILD] = "no such child",
    [EAGAIN] = "resource temporarily unavailable",
    [ENOMEM] = "out of memory",
    [EACCES] = "access denied",
    [EFAULT] = "bad address",
    [EBUSY] = "resource busy",
    [EEXIST] = "file exists",
    [EXDEV] = "cross-label link or rename",
    [ENODEV] = "no such device",
    [ENOTDIR] = "not a directory",
    [EISDIR] = "is a directory",
    [EINVAL] = "invalid argument",
    [EMFILE] = "too many open files",
    [ENOTTY] = "inappropriate ioctl for device",
    [EFBIG] = "file too large",
    [ENOSPC] = "no space left",
    [ESPIPE] = "illegal seek",
    [EPIPE] = "broken pipe",
    [EDOM] = "argument out of domain",
    [ERANGE] = "result out of range",
    [EDEADLK] = "deadlock avoided",
    [ENAMETOOLONG] = "name too long",
    [ENOSYS] = "function not implemented",
    [ENOTEMPTY] = "directory not empty",
    [ELOOP] = "too many levels of links",
    [EOVERFLOW] = "value too large",
    [EILSEQ] = "invalid multibyte sequence",
    [EADDRINUSE] = "address already in use",
    [ENOTCONN] = "socket not connected",
    [ETIMEDOUT] = "timed out",
    [ECONNREFUSED] = "connection refused",
};

char *strerror(int err)
{
    /* char * as C declares it; the strings must still never be written. */
    if (err < 0 || err >= ERRNO_MAX || messages[err] == NULL)
        return (char *)"unknown error";
    return (char *)messages[err];
}
