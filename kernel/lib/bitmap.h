/*
 * bitmap.h - bit arrays over uint64_t words (lib/bitmap.c).
 *
 * Bit i lives in word i / 64 at bit position i % 64. The caller owns the storage
 * (BITMAP_WORDS(n) words for n bits) and passes the bit count to the searches, which
 * scan a word at a time and ignore any bits past the end. Used by the physical page
 * allocator (kernel/mm/pmm.c); callers serialise access themselves.
 */
#ifndef LIB_BITMAP_H
#define LIB_BITMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Bits per bitmap word. */
#define BITMAP_WORD_BITS 64

/** Number of uint64_t words needed to hold @nbits bits. */
#define BITMAP_WORDS(nbits) (((nbits) + BITMAP_WORD_BITS - 1) / BITMAP_WORD_BITS)

/**
 * Set bit @i. @i must be below the bitmap's size.
 * Locking: none, caller serialises. Time: O(1).
 */
void bitmap_set(uint64_t *bits, size_t i);

/**
 * Clear bit @i. @i must be below the bitmap's size.
 * Locking: none, caller serialises. Time: O(1).
 */
void bitmap_clear(uint64_t *bits, size_t i);

/**
 * Test bit @i. @i must be below the bitmap's size.
 * @return true if the bit is set. Locking: none, caller serialises. Time: O(1).
 */
bool bitmap_test(const uint64_t *bits, size_t i);

/**
 * Set the @count bits starting at @start; the range must lie inside the bitmap.
 * Locking: none, caller serialises. Time: O(1 + count / 64).
 */
void bitmap_set_range(uint64_t *bits, size_t start, size_t count);

/**
 * Clear the @count bits starting at @start; the range must lie inside the bitmap.
 * Locking: none, caller serialises. Time: O(1 + count / 64).
 */
void bitmap_clear_range(uint64_t *bits, size_t start, size_t count);

/**
 * Find the first set bit at or after @from among the first @nbits bits.
 * @return its index, or @nbits if there is none (also when @from >= @nbits).
 * Locking: none, caller serialises. Time: O(1 + (nbits - from) / 64).
 */
size_t bitmap_find_next_set(const uint64_t *bits, size_t nbits, size_t from);

/**
 * Find the first clear bit at or after @from among the first @nbits bits.
 * @return its index, or @nbits if there is none (also when @from >= @nbits).
 * Locking: none, caller serialises. Time: O(1 + (nbits - from) / 64).
 */
size_t bitmap_find_next_clear(const uint64_t *bits, size_t nbits, size_t from);

/**
 * Find the lowest set bit among the first @nbits bits.
 * @return its index, or @nbits if none is set. Locking: none, caller serialises.
 * Time: O(1 + nbits / 64).
 */
size_t bitmap_find_first_set(const uint64_t *bits, size_t nbits);

/**
 * Find the lowest clear bit among the first @nbits bits.
 * @return its index, or @nbits if all are set. Locking: none, caller serialises.
 * Time: O(1 + nbits / 64).
 */
size_t bitmap_find_first_clear(const uint64_t *bits, size_t nbits);

/**
 * Find the lowest run of @count consecutive clear bits that starts at a multiple of
 * @align (0 counts as 1; need not be a power of two) and ends within @nbits.
 * @return the start of the run, or @nbits if there is none or @count is 0.
 * Locking: none, caller serialises. Time: O(1 + nbits / 64 + runs of set bits
 * visited); each failed candidate restarts after the set bit that ended it.
 */
size_t bitmap_find_clear_run(const uint64_t *bits, size_t nbits, size_t count, size_t align);

#endif
