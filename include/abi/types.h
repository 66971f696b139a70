/*
 * types.h - the data structures that cross the kernel/user boundary besides plain
 * integers: descriptors, file status, directory entries, spawn's descriptor map,
 * memory protections, seek origins, futex operations and poll().
 */
#ifndef ABI_TYPES_H
#define ABI_TYPES_H

#include <stdint.h>

typedef int64_t fd_t;    /**< a file descriptor; ERR (-1) on failure in libstd */
typedef int64_t pid_t;   /**< a process id */
typedef int64_t tid_t;   /**< a thread id */

#define MAX_PATH 4096    /**< bytes in a whole path, NUL excluded */
#define MAX_NAME 255     /**< bytes in one path component */
#define MAX_LABEL 31     /**< bytes in a label */
#define MAX_FDS 128      /**< descriptors per process */
#define MAX_STATUS 128   /**< bytes of an exit status or note, NUL included */
#define MAX_ARGS 64      /**< spawn: arguments */
#define MAX_ARGS_BYTES 16384 /**< spawn: all argument bytes together */
#define MAX_ENV 128      /**< spawn: environment strings ("NAME=value") */
#define MAX_ENV_BYTES 8192 /**< spawn: all environment bytes together, NULs included */

/** Kinds of file (stat_t.type, dirent_t.type). */
enum { STAT_FILE = 1, STAT_DIR = 2, STAT_DEVICE = 3 };

/** stat(): what a path names. */
typedef struct stat {
    uint64_t size;      /**< bytes (files), entries (directories) */
    uint32_t type;      /**< STAT_* */
    uint32_t links;     /**< names that refer to it */
    uint64_t created_ns, modified_ns; /**< wall clock, ns since 1970 */
} stat_t;

/** getdirent(): one directory entry. */
typedef struct dirent {
    uint32_t type;      /**< STAT_* */
    uint32_t reserved;
    char name[MAX_NAME + 1];
} dirent_t;

/** spawn(): child descriptor `child` is the parent's `parent`; the list ends with SPAWN_FD_END. */
typedef struct spawn_fd {
    fd_t child, parent;
} spawn_fd_t;
#define SPAWN_FD_END ((fd_t)-1)

/** spawn(): attributes (NULL: defaults). */
typedef struct spawn_attr {
    int32_t priority;   /**< 0..31, default 16 */
    uint32_t flags;     /**< reserved, 0 */
} spawn_attr_t;

/** mmap()/mprotect() protections. */
enum { PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4 };

/** seek() origins. */
enum { SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2 };

/** futex() operations. */
enum { FUTEX_WAIT = 0, FUTEX_WAKE = 1 };

/** poll(): events asked for (events) and found (revents). HUP, ERR and INVALID are
 *  reported whether asked for or not. */
enum {
    POLL_READ = 1,     /**< a read would not block (data, end of file, an exited process) */
    POLL_WRITE = 2,    /**< a write would not block */
    POLL_HUP = 4,      /**< the other side is gone (a pipe with no writers, a closed peer) */
    POLL_ERR = 8,      /**< writing would fail (a pipe with no readers) */
    POLL_INVALID = 16, /**< fd is not an open descriptor */
};
#define POLL_NVAL POLL_INVALID
#define POLL_MAX 256                   /**< poll(): most descriptors in one call */
#define POLL_FOREVER UINT64_MAX        /**< poll(): timeout meaning "no time limit" */

/** poll(): one descriptor to watch. */
typedef struct pollfd {
    fd_t fd;           /**< descriptor; a negative one is ignored (revents 0) */
    uint16_t events;   /**< POLL_READ | POLL_WRITE */
    uint16_t revents;  /**< set by poll: the events ready, plus HUP/ERR/INVALID */
    uint32_t reserved;
} pollfd_t;

#endif
