/*
 * test_bitmap.c - host tests for kernel/lib/bitmap.c (suite "bitmap").
 *
 * Hand-picked cases around word boundaries and the end of the bitmap, plus
 * randomised comparisons of the searches and range updates against naive bit-by-bit
 * versions written here.
 */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "lib/bitmap.h"

#define NBITS 200
#define NWORDS BITMAP_WORDS(NBITS)

static size_t naive_clear_run(const uint64_t *bits, size_t nbits, size_t count, size_t align)
{
    if (count == 0)
        return nbits;
    for (size_t s = 0; s + count <= nbits; s += align) {
        size_t i = 0;
        while (i < count && !bitmap_test(bits, s + i))
            i++;
        if (i == count)
            return s;
    }
    return nbits;
}

static void random_bits(uint64_t *bits, size_t nwords, int density)
{
    for (size_t i = 0; i < nwords * 64; i++) {
        if (rand() % 100 < density)
            bits[i / 64] |= 1ull << (i % 64);
        else
            bits[i / 64] &= ~(1ull << (i % 64));
    }
}

Test(bitmap, set_clear_test_across_words)
{
    uint64_t bits[NWORDS] = { 0 };

    bitmap_set(bits, 0);
    bitmap_set(bits, 63);
    bitmap_set(bits, 64);
    bitmap_set(bits, 199);
    cr_assert_eq(bits[0], 0x8000000000000001ull);
    cr_assert_eq(bits[1], 1);
    cr_assert_eq(bits[3], 1ull << (199 - 192));
    cr_assert(bitmap_test(bits, 63) && bitmap_test(bits, 64) && !bitmap_test(bits, 65));
    bitmap_clear(bits, 63);
    cr_assert_not(bitmap_test(bits, 63));
    cr_assert_eq(bits[0], 1);
}

Test(bitmap, find_first_set)
{
    uint64_t bits[NWORDS] = { 0 };

    cr_assert_eq(bitmap_find_first_set(bits, NBITS), NBITS);
    bitmap_set(bits, 130);
    cr_assert_eq(bitmap_find_first_set(bits, NBITS), 130);
    bitmap_set(bits, 64);
    cr_assert_eq(bitmap_find_first_set(bits, NBITS), 64);
    cr_assert_eq(bitmap_find_first_set(bits, 64), 64);   /* 64 is past the end */
    cr_assert_eq(bitmap_find_next_set(bits, NBITS, 65), 130);
    cr_assert_eq(bitmap_find_next_set(bits, NBITS, 131), NBITS);
    cr_assert_eq(bitmap_find_next_set(bits, NBITS, 500), NBITS);
}

Test(bitmap, find_first_clear_ignores_tail_bits)
{
    uint64_t bits[2] = { ~0ull, 0 };

    cr_assert_eq(bitmap_find_first_clear(bits, 64), 64);
    cr_assert_eq(bitmap_find_first_clear(bits, 70), 64);
    bitmap_set_range(bits, 64, 6);
    cr_assert_eq(bitmap_find_first_clear(bits, 70), 70); /* bits 70.. are clear but outside */
    bits[1] = ~0ull << 6;  /* bits 64..69 clear, the rest set */
    bits[0] = ~0ull;
    cr_assert_eq(bitmap_find_first_clear(bits, 128), 64);
    bits[1] = 0x3f;
    cr_assert_eq(bitmap_find_first_set(bits + 1, 3), 0);
    cr_assert_eq(bitmap_find_next_set(bits, 70, 64), 64);
    bits[1] = 1ull << 40;
    cr_assert_eq(bitmap_find_next_set(bits, 70, 64), 70); /* stray bit beyond nbits */
}

Test(bitmap, set_and_clear_range_across_words)
{
    uint64_t bits[NWORDS] = { 0 };

    bitmap_set_range(bits, 60, 70);
    cr_assert_eq(bits[0], 0xfull << 60);
    cr_assert_eq(bits[1], ~0ull);
    cr_assert_eq(bits[2], 0x3);
    bitmap_clear_range(bits, 62, 68);
    cr_assert_eq(bits[0], 0x3ull << 60);
    cr_assert_eq(bits[1], 0);
    cr_assert_eq(bits[2], 0);
    bitmap_set_range(bits, 64, 64);
    cr_assert_eq(bits[1], ~0ull);
    cr_assert_eq(bits[2], 0);
    bitmap_set_range(bits, 10, 0);
    cr_assert_eq(bits[0], 0x3ull << 60);
}

Test(bitmap, ranges_match_naive_random)
{
    uint64_t bits[NWORDS], want[NWORDS];

    srand(7);
    for (int round = 0; round < 2000; round++) {
        size_t start = (size_t)rand() % NBITS;
        size_t count = (size_t)rand() % (NBITS - start + 1);
        bool set = rand() & 1;

        random_bits(bits, NWORDS, 50);
        __builtin_memcpy(want, bits, sizeof(bits));
        for (size_t i = start; i < start + count; i++)
            set ? bitmap_set(want, i) : bitmap_clear(want, i);
        set ? bitmap_set_range(bits, start, count) : bitmap_clear_range(bits, start, count);
        cr_assert(!__builtin_memcmp(bits, want, sizeof(bits)), "start %zu count %zu", start,
                  count);
    }
}

Test(bitmap, clear_run_spanning_word_boundary)
{
    uint64_t bits[NWORDS];

    __builtin_memset(bits, 0xff, sizeof(bits));
    bitmap_clear_range(bits, 60, 10);                          /* 60..69 */
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 10, 1), 60);
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 11, 1), NBITS);
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 4, 4), 60);
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 4, 8), 64);
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 6, 8), 64);
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 7, 8), NBITS);
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 5, 0), 60); /* align 0 = 1 */
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 0, 1), NBITS);
}

Test(bitmap, clear_run_at_the_end)
{
    uint64_t bits[NWORDS];

    __builtin_memset(bits, 0xff, sizeof(bits));
    bitmap_clear_range(bits, 190, 10);                         /* up to the last bit */
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 10, 1), 190);
    cr_assert_eq(bitmap_find_clear_run(bits, 199, 10, 1), 199); /* one bit short */
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 8, 64), 192);
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 9, 64), NBITS);
    __builtin_memset(bits, 0, sizeof(bits));
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, NBITS, 1), 0);
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, NBITS + 1, 1), NBITS);
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 128, 64), 0);
    bitmap_set(bits, 0);
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 128, 64), 64);
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 137, 64), NBITS);
    cr_assert_eq(bitmap_find_clear_run(bits, NBITS, 3, 3), 3);  /* non power of two */
}

Test(bitmap, searches_match_naive_random)
{
    uint64_t bits[NWORDS];

    srand(11);
    for (int round = 0; round < 3000; round++) {
        size_t nbits = 1 + (size_t)rand() % NBITS;
        size_t count = (size_t)rand() % 12;
        size_t align = 1 + (size_t)rand() % 9;
        size_t first_set = nbits, first_clear = nbits;

        random_bits(bits, NWORDS, rand() % 100);
        for (size_t i = nbits; i-- > 0;)
            bitmap_test(bits, i) ? (first_set = i) : (first_clear = i);
        cr_assert_eq(bitmap_find_first_set(bits, nbits), first_set);
        cr_assert_eq(bitmap_find_first_clear(bits, nbits), first_clear);
        cr_assert_eq(bitmap_find_clear_run(bits, nbits, count, align),
                     naive_clear_run(bits, nbits, count, align),
                     "nbits %zu count %zu align %zu", nbits, count, align);
    }
}
