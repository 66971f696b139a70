/*
 * anon.h - anonymous memory for libstd itself (src/io/anon.c): mmap of sys:/zero,
 * through one descriptor opened on first use and kept open (it is not inherited by
 * spawned children). Used by malloc and thread_create.
 */
#ifndef LIBSTD_INTERNAL_ANON_H
#define LIBSTD_INTERNAL_ANON_H

#include <stddef.h>

#define STD_PAGE_SIZE 4096ul

/**
 * Map @length bytes (a multiple of STD_PAGE_SIZE) of zeroed read-write memory.
 * @return the address, or NULL with errno from open() or mmap() (ENOMEM, ...).
 */
void *_std_anon_map(size_t length);

/** Unmap what _std_anon_map() returned. @return 0, or ERR with errno. */
int _std_anon_unmap(void *addr, size_t length);

#endif
