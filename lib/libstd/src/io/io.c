/*
 * io.c - the file system calls of sys/io.h: each is one raw stub from
 * internal/syscall.h (generated from include/abi/syscall.h) plus _std_result(), which
 * turns a negative result into ERR and errno. The kernel checks every argument.
 */
#include <sys/io.h>
#include "internal/syscall.h"

fd_t open(const char *path)
{
    return _std_result(_sys_open(_SYS_PTR(path)));
}

int open2(const char *path, fd_t fds[2])
{
    return (int)_std_result(_sys_open2(_SYS_PTR(path), _SYS_PTR(fds)));
}

int close(fd_t fd)
{
    return (int)_std_result(_sys_close((uint64_t)fd));
}

int64_t read(fd_t fd, void *buf, size_t n)
{
    return _std_result(_sys_read((uint64_t)fd, _SYS_PTR(buf), n));
}

int64_t write(fd_t fd, const void *buf, size_t n)
{
    return _std_result(_sys_write((uint64_t)fd, _SYS_PTR(buf), n));
}

int64_t seek(fd_t fd, int64_t offset, int origin)
{
    return _std_result(_sys_seek((uint64_t)fd, (uint64_t)offset, (uint64_t)origin));
}

fd_t dup(fd_t fd)
{
    return _std_result(_sys_dup((uint64_t)fd));
}

fd_t dup2(fd_t oldfd, fd_t newfd)
{
    return _std_result(_sys_dup2((uint64_t)oldfd, (uint64_t)newfd));
}

int stat(const char *path, stat_t *st)
{
    return (int)_std_result(_sys_stat(_SYS_PTR(path), _SYS_PTR(st)));
}

int64_t getdirent(fd_t fd, dirent_t *entries, size_t n)
{
    return _std_result(_sys_getdirent((uint64_t)fd, _SYS_PTR(entries), n));
}

int mkdir(const char *path)
{
    return (int)_std_result(_sys_mkdir(_SYS_PTR(path)));
}

int remove(const char *path)
{
    return (int)_std_result(_sys_remove(_SYS_PTR(path)));
}

int rename(const char *oldpath, const char *newpath)
{
    return (int)_std_result(_sys_rename(_SYS_PTR(oldpath), _SYS_PTR(newpath)));
}

int link(const char *oldpath, const char *newpath)
{
    return (int)_std_result(_sys_link(_SYS_PTR(oldpath), _SYS_PTR(newpath)));
}

int chdir(const char *path)
{
    return (int)_std_result(_sys_chdir(_SYS_PTR(path)));
}

int64_t ioctl(fd_t fd, uint64_t request, void *arg, size_t size)
{
    return _std_result(_sys_ioctl((uint64_t)fd, request, _SYS_PTR(arg), size));
}

void *mmap(fd_t fd, void *hint, size_t length, int prot)
{
    int64_t r = _std_result(_sys_mmap((uint64_t)fd, _SYS_PTR(hint), length, (uint64_t)prot));
    return r == ERR ? NULL : (void *)(uintptr_t)r;
}

int munmap(void *addr, size_t length)
{
    return (int)_std_result(_sys_munmap(_SYS_PTR(addr), length));
}

int mprotect(void *addr, size_t length, int prot)
{
    return (int)_std_result(_sys_mprotect(_SYS_PTR(addr), length, (uint64_t)prot));
}

int poll(pollfd_t *fds, size_t n, uint64_t timeout_ns)
{
    return (int)_std_result(_sys_poll(_SYS_PTR(fds), n, timeout_ns));
}
