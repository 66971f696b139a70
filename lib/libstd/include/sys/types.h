/*
 * sys/types.h - the types every libstd system interface uses: fd_t, pid_t, tid_t,
 * stat_t, dirent_t, spawn_fd_t, spawn_attr_t and the PROT_/SEEK_/FUTEX_ constants come
 * from the kernel/user contract in include/abi/types.h; this header adds ERR, the
 * value integer-returning calls give on failure (pointer-returning ones give NULL).
 */
#ifndef LIBSTD_SYS_TYPES_H
#define LIBSTD_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <abi/types.h>

/** Returned by integer-valued libstd calls on failure; errno says why. */
#define ERR (-1)

#endif
