/*
 * elf.h - loading a static, position-dependent ELF64 executable into a user address
 * space. Every header field is checked against the file and the user address range
 * first; a malformed or truncated file is -ENOEXEC and leaves the space untouched
 * except for pages the caller frees with the space.
 */
#ifndef PROC_ELF_H
#define PROC_ELF_H

#include <stddef.h>
#include <stdint.h>
#include "mm/vmm.h"

#define ELF_MAX_SEGMENTS 16

/** Checks image (size bytes) without mapping anything. 0 or -ENOEXEC. O(segments). */
int elf_check(const uint8_t *image, size_t size);
/**
 * Maps the PT_LOAD segments of a checked image into s with their permissions (R, RW,
 * RX; never W+X), zero-filled beyond the file data; *entry gets the entry point.
 * Returns 0, -ENOEXEC, or -ENOMEM. O(pages).
 */
int elf_load(vmm_space_t *s, const uint8_t *image, size_t size, uint64_t *entry);

#endif
