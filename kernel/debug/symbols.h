/*
 * symbols.h - the kernel's own symbol table, read from the ELF file the loader kept in
 * memory, so a panic's backtrace shows function names instead of bare addresses.
 */
#ifndef DEBUG_SYMBOLS_H
#define DEBUG_SYMBOLS_H

#include <stdint.h>
#include <abi/boot_info.h>

/** Finds .symtab and its string table in the kernel file; without them lookups fail. */
void symbols_init(const boot_blob_t *kernel_file);
/**
 * Names the function containing addr; *offset gets addr's distance from its start.
 * Returns NULL when unknown. Locking: none (read-only after init). Complexity: O(symbols).
 */
const char *symbols_lookup(uint64_t addr, uint64_t *offset);
/** The address of the function named name, or 0. Complexity: O(symbols). */
uint64_t symbols_find(const char *name);

#endif
