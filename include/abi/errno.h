/*
 * errno.h - error codes shared by the kernel and user space.
 *
 * Kernel functions return 0 or a negative code (-ENOMEM); libstd turns a negative
 * system-call result into ERR and sets the per-thread errno to the positive code.
 * Numbers follow the classic Unix values so tools and habits carry over.
 */
#ifndef ABI_ERRNO_H
#define ABI_ERRNO_H

#define EPERM 1         /**< operation not permitted */
#define ENOENT 2        /**< no such file or directory */
#define ESRCH 3         /**< no such process */
#define EINTR 4         /**< interrupted by a note */
#define EIO 5           /**< input/output error */
#define E2BIG 7         /**< argument list too long */
#define ENOEXEC 8       /**< not a valid executable */
#define EBADF 9         /**< bad file descriptor */
#define ECHILD 10       /**< no such child */
#define EAGAIN 11       /**< would block (nonblock) */
#define ENOMEM 12       /**< out of memory */
#define EACCES 13       /**< access denied */
#define EFAULT 14       /**< bad address */
#define EBUSY 16        /**< resource busy */
#define EEXIST 17       /**< file exists */
#define EXDEV 18        /**< cross-label link or rename */
#define ENODEV 19       /**< no such device */
#define ENOTDIR 20      /**< not a directory */
#define EISDIR 21       /**< is a directory */
#define EINVAL 22       /**< invalid argument */
#define EMFILE 24       /**< too many open files */
#define ENOTTY 25       /**< inappropriate ioctl */
#define EFBIG 27        /**< file too large */
#define ENOSPC 28       /**< no space left */
#define ESPIPE 29       /**< illegal seek */
#define EPIPE 32        /**< broken pipe */
#define ERANGE 34       /**< result out of range */
#define EDEADLK 35      /**< deadlock avoided */
#define ENAMETOOLONG 36 /**< path or component too long */
#define ENOSYS 38       /**< no such system call */
#define ENOTEMPTY 39    /**< directory not empty */
#define ELOOP 40        /**< too many levels */
#define ETIMEDOUT 110   /**< timed out */
#define ECONNREFUSED 111 /**< nobody listening */
#define EADDRINUSE 98   /**< name already bound */
#define ENOTCONN 107    /**< socket not connected */
#define EOVERFLOW 75    /**< value too large / queue overflow */

#define ERRNO_MAX 128 /**< every code is below this */

#endif
