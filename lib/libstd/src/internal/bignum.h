/*
 * bignum.h - the small unsigned big integers behind exact floating-point conversion
 * (src/stdlib/bignum.c): printf's %f/%e/%g expand a double exactly into decimal, and
 * strtod() compares a decimal string exactly with binary. A number is little-endian
 * 32-bit limbs in a fixed array big enough for any double (2^1024, or m * 5^1074) and
 * for strtod's longest input; nothing is allocated, so both stay usable anywhere.
 */
#ifndef LIBSTD_INTERNAL_BIGNUM_H
#define LIBSTD_INTERNAL_BIGNUM_H

#include <stdbool.h>
#include <stdint.h>

#define BIG_LIMBS 136 /* 4352 bits: strtod's 800 digits times 10^-1130, shifted */

/** An unsigned integer: limb[0] is the least significant; limbs at and above n are 0. */
typedef struct big {
    int n;
    uint32_t limb[BIG_LIMBS];
} big_t;

/** Set @b to @v. */
void _std_big_set(big_t *b, uint64_t v);

/** @b = @b * @m + @add. The caller keeps the result within BIG_LIMBS. */
void _std_big_mul_add(big_t *b, uint32_t m, uint32_t add);

/** @b = @b * 5^@k (@k >= 0). */
void _std_big_mul_pow5(big_t *b, int k);

/** @b = @b * 2^@k. */
void _std_big_shl(big_t *b, int k);

/** @b = @b / @d, returning the remainder (@d > 0). */
uint32_t _std_big_div_small(big_t *b, uint32_t d);

/** -1, 0 or 1 as @a < @b, @a == @b, @a > @b. */
int _std_big_cmp(const big_t *a, const big_t *b);

/** @a = @a - @b; requires @a >= @b. */
void _std_big_sub(big_t *a, const big_t *b);

/** The number of significant bits of @b (0 for 0). */
int _std_big_bits(const big_t *b);

/** The 64 bits of @b from bit @lo up (bits past the top are 0); *@sticky is set if any
 *  bit below @lo is 1. */
uint64_t _std_big_bits_at(const big_t *b, int lo, bool *sticky);

#endif
