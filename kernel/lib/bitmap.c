/*
 * bitmap.c - bit arrays over uint64_t words (lib/bitmap.h).
 *
 * Searches look at one word at a time: the word is masked to the bits of interest
 * (inverted when looking for clear bits) and __builtin_ctzll finds the lowest one.
 * Range updates touch whole words in the middle and masked words at the ends.
 */
#include "lib/bitmap.h"

#define WORD(i) ((i) / BITMAP_WORD_BITS)
#define BIT(i) (1ull << ((i) % BITMAP_WORD_BITS))

void bitmap_set(uint64_t *bits, size_t i)
{
    bits[WORD(i)] |= BIT(i);
}

void bitmap_clear(uint64_t *bits, size_t i)
{
    bits[WORD(i)] &= ~BIT(i);
}

bool bitmap_test(const uint64_t *bits, size_t i)
{
    return (bits[WORD(i)] & BIT(i)) != 0;
}

/* Mask of the bits from position @lo (inclusive) upward within one word. */
static uint64_t mask_from(size_t lo)
{
    return ~0ull << (lo % BITMAP_WORD_BITS);
}

/* Apply @set or clear to [start, start + count), a masked word at a time. */
static void update_range(uint64_t *bits, size_t start, size_t count, bool set)
{
    size_t end = start + count;

    while (start < end) {
        size_t word_end = (WORD(start) + 1) * BITMAP_WORD_BITS;
        uint64_t mask = mask_from(start);

        if (end < word_end)
            mask &= ~mask_from(end);
        if (set)
            bits[WORD(start)] |= mask;
        else
            bits[WORD(start)] &= ~mask;
        start = word_end;
    }
}

void bitmap_set_range(uint64_t *bits, size_t start, size_t count)
{
    update_range(bits, start, count, true);
}

void bitmap_clear_range(uint64_t *bits, size_t start, size_t count)
{
    update_range(bits, start, count, false);
}

/* First bit at or after @from whose value is @want, or @nbits. */
static size_t find_next(const uint64_t *bits, size_t nbits, size_t from, bool want)
{
    uint64_t flip = want ? 0 : ~0ull;

    if (from >= nbits)
        return nbits;
    for (size_t w = WORD(from); w < BITMAP_WORDS(nbits); w++) {
        uint64_t word = bits[w] ^ flip;

        if (w == WORD(from))
            word &= mask_from(from);
        if (word) {
            size_t i = w * BITMAP_WORD_BITS + (size_t)__builtin_ctzll(word);
            return i < nbits ? i : nbits;
        }
    }
    return nbits;
}

size_t bitmap_find_next_set(const uint64_t *bits, size_t nbits, size_t from)
{
    return find_next(bits, nbits, from, true);
}

size_t bitmap_find_next_clear(const uint64_t *bits, size_t nbits, size_t from)
{
    return find_next(bits, nbits, from, false);
}

size_t bitmap_find_first_set(const uint64_t *bits, size_t nbits)
{
    return find_next(bits, nbits, 0, true);
}

size_t bitmap_find_first_clear(const uint64_t *bits, size_t nbits)
{
    return find_next(bits, nbits, 0, false);
}

static size_t align_up(size_t i, size_t align)
{
    return (i + align - 1) / align * align;
}

size_t bitmap_find_clear_run(const uint64_t *bits, size_t nbits, size_t count, size_t align)
{
    size_t start, blocker;

    if (align == 0)
        align = 1;
    if (count == 0)
        return nbits;
    start = align_up(bitmap_find_next_clear(bits, nbits, 0), align);
    while (start < nbits && count <= nbits - start) {
        /* Any set bit inside the candidate run moves the next candidate past it. */
        blocker = bitmap_find_next_set(bits, start + count, start);
        if (blocker == start + count)
            return start;
        start = align_up(bitmap_find_next_clear(bits, nbits, blocker), align);
    }
    return nbits;
}
