/*
 * ramfs.h - the in-memory filesystem behind home: (and any later tmp:). File data
 * lives in page-sized chunks taken straight from the PMM, reached through a growable
 * array of chunk pointers: a write touches only the chunks it covers, an append never
 * copies the file, a hole is a NULL chunk that reads as zeros, and truncation frees
 * whole chunks. Directories are the VFS's own (fs/vfs.h). ramfs_load_tar() fills a
 * tree from the ustar RAM disk the loader hands over (see fs/fs.c).
 */
#ifndef FS_RAMFS_H
#define FS_RAMFS_H

#include <stddef.h>
#include <stdint.h>
#include "fs/vfs.h"

#define RAMFS_CHUNK 4096ull              /**< bytes per data chunk (one PMM frame) */
#define RAMFS_MAX_FILE (1ull << 30)      /**< largest file: writes beyond are -EFBIG */

/**
 * Makes an empty ramfs: its root directory, with one reference for the caller (mount
 * it with vfs_mount(), then drop the reference; vfs_vnode_unref of the last reference
 * frees the whole tree).
 * @return the root, or NULL when out of memory. Locking: none. Does not sleep. O(1).
 */
vnode_t *ramfs_create(void);

/**
 * Adds the regular files and directories of the ustar archive @tar (@size bytes) under
 * @root, creating missing parent directories. Leading "./" and "/" are ignored, a
 * file's times become its archive mtime, an entry repeated later replaces the earlier
 * one; other entry kinds (links, devices, pax headers) are skipped. The archive ends at
 * its first all-zero block or at @size on a block boundary.
 * The whole archive is checked before anything is added: magic, header checksums,
 * octal fields, that every entry's data lies inside @size and is at most
 * RAMFS_MAX_FILE bytes, and every name (components valid as in path_name_is_valid, so
 * none is "." or "..").
 * @return 0, or
 *   -EINVAL  a check failed: nothing was added;
 *   -EINVAL  a sound archive whose entry's path runs through a file, or a file that
 *            would replace a directory (found while adding);
 *   -ENOMEM  out of memory while adding.
 * After the last two, the entries added before the failing one stay (the caller may
 * drop the whole tree). Never reads outside @tar[0..size).
 * Locking: takes the namespace lock and node locks per entry. May sleep.
 * Time: O(size + entries × lookup).
 */
int ramfs_load_tar(vnode_t *root, const void *tar, size_t size);

/**
 * Bytes of file data all ramfs instances hold (chunks × RAMFS_CHUNK), for tests and
 * sys:/stat/mem. Lock-free (atomic counter), racy while files change. O(1).
 */
size_t ramfs_data_bytes(void);

#endif
