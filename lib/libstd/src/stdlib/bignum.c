/*
 * bignum.c - unsigned big integers for the floating-point conversions (see
 * internal/bignum.h): schoolbook multiply by a limb, shifts, compare, subtract and
 * division by a limb, each linear in the number of limbs.
 */
#include <string.h>
#include "internal/bignum.h"

static void trim(big_t *b)
{
    while (b->n > 0 && b->limb[b->n - 1] == 0)
        b->n--;
}

void _std_big_set(big_t *b, uint64_t v)
{
    memset(b->limb, 0, sizeof(b->limb));
    b->limb[0] = (uint32_t)v;
    b->limb[1] = (uint32_t)(v >> 32);
    b->n = 2;
    trim(b);
}

void _std_big_mul_add(big_t *b, uint32_t m, uint32_t add)
{
    uint64_t carry = add;
    for (int i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->limb[i] * m + carry;
        b->limb[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry != 0 && b->n < BIG_LIMBS)
        b->limb[b->n++] = (uint32_t)carry;
}

void _std_big_mul_pow5(big_t *b, int k)
{
    for (; k >= 13; k -= 13)
        _std_big_mul_add(b, 1220703125u, 0); /* 5^13 */
    uint32_t m = 1;
    while (k-- > 0)
        m *= 5;
    _std_big_mul_add(b, m, 0);
}

void _std_big_shl(big_t *b, int k)
{
    int words = k / 32, bits = k % 32;
    if (b->n == 0)
        return;
    int n = b->n + words + 1;
    if (n > BIG_LIMBS)
        n = BIG_LIMBS;
    for (int i = n - 1; i >= words; i--) {
        uint64_t hi = i - words < b->n ? b->limb[i - words] : 0;
        uint64_t lo = i - words - 1 >= 0 ? b->limb[i - words - 1] : 0;
        b->limb[i] = (uint32_t)(((hi << 32 | lo) << bits) >> 32);
    }
    memset(b->limb, 0, sizeof(uint32_t) * (size_t)words);
    b->n = n;
    trim(b);
}

uint32_t _std_big_div_small(big_t *b, uint32_t d)
{
    uint64_t rem = 0;
    for (int i = b->n - 1; i >= 0; i--) {
        uint64_t cur = rem << 32 | b->limb[i];
        b->limb[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
    trim(b);
    return (uint32_t)rem;
}

int _std_big_cmp(const big_t *a, const big_t *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--) {
        if (a->limb[i] != b->limb[i])
            return a->limb[i] < b->limb[i] ? -1 : 1;
    }
    return 0;
}

void _std_big_sub(big_t *a, const big_t *b)
{
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t t = (int64_t)a->limb[i] - (i < b->n ? b->limb[i] : 0) - borrow;
        borrow = t < 0;
        a->limb[i] = (uint32_t)(t + (borrow << 32));
    }
    trim(a);
}

int _std_big_bits(const big_t *b)
{
    if (b->n == 0)
        return 0;
    return 32 * (b->n - 1) + 32 - __builtin_clz(b->limb[b->n - 1]);
}

/* Bit @i of @b. */
static unsigned bit_at(const big_t *b, int i)
{
    return i >= 0 && i / 32 < b->n ? (b->limb[i / 32] >> (i % 32)) & 1 : 0;
}

uint64_t _std_big_bits_at(const big_t *b, int lo, bool *sticky)
{
    uint64_t v = 0;
    for (int i = lo + 63; i >= lo; i--)
        v = v << 1 | bit_at(b, i);
    *sticky = false;
    for (int i = 0; i < lo / 32 && i < b->n; i++)
        *sticky |= b->limb[i] != 0;
    for (int i = lo / 32 * 32; i < lo; i++)
        *sticky |= bit_at(b, i) != 0;
    return v;
}
