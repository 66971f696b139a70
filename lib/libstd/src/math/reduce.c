/*
 * reduce.c - the argument reduction of sin, cos and tan: x = n*pi/2 + r, |r| <= pi/4,
 * r as a double-double. Below 2^20 Cody-Waite: pi/2 in four parts, the first two of 33
 * bits so that n*part is exact for n < 2^20, the subtraction done in double-double.
 * Above, Payne-Hanek: x = m*2^e is multiplied as an integer by the 192 bits of 2/pi
 * that matter for e (the bits before them only add multiples of 4 to x*2/pi, those
 * after less than 2^-136), and the 128-bit fraction of the product times pi/2 is r.
 */
#include <stdbool.h>
#include "math_impl.h"

static const double pio2_1 = 0x1.921fb54400000p+0, pio2_2 = 0x1.0b4611a600000p-34,
                    pio2_3 = 0x1.3198a2e037073p-69, pio2_3lo = 0x1.129024e088a68p-123;
static const dd_t pio2_dd = { 0x1.921fb54442d18p+0, 0x1.1a62633145c07p-54 };
static const double inv_pio2 = 0x1.45f306dc9c883p-1;

/* floor(2/pi * 2^1344) in 24-bit pieces, most significant first (tools/mathconst.py). */
static const uint32_t two_over_pi[56] = {
    0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163,
    0xabdebb, 0xc561b7, 0x246e3a, 0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129,
    0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c, 0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c,
    0x845f8b, 0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11, 0x8b5a0a, 0x6d1f6d, 0x367ecf,
    0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d, 0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7, 0x8a5292,
    0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3,
    0x91615e, 0xe61b08
};

typedef unsigned __int128 u128;

/* 64 bits of 2/pi from bit @q on (bit 0 weighs 2^-1; bits before the point are 0). */
static uint64_t bits_at(int q)
{
    uint64_t w = 0;
    for (int i = q; i < q + 64; i++) {
        unsigned bit = 0;
        if (i >= 0 && i / 24 < 56)
            bit = (two_over_pi[i / 24] >> (23 - i % 24)) & 1;
        w = w << 1 | bit;
    }
    return w;
}

/* Cody-Waite for |x| < 2^20. */
static int reduce_small(double x, dd_t *r)
{
    double n = x * inv_pio2;
    n = n < 0 ? (double)(long)(n - 0.5) : (double)(long)(n + 0.5);
    double t1 = x - n * pio2_1; /* exact: n*pio2_1 has 53 bits, Sterbenz */
    dd_t a = dd_sum(t1, -n * pio2_2);
    dd_t b = dd_prod(n, pio2_3);
    dd_t s = dd_add(a, (dd_t){ -b.hi, -b.lo });
    *r = dd_fast_sum(s.hi, s.lo - n * pio2_3lo);
    return (int)((long)n & 3);
}

/* The fraction @f * 2^-128 (nonzero) as a double-double. */
static dd_t fraction_dd(u128 f)
{
    int lz = (uint64_t)(f >> 64) ? __builtin_clzll((uint64_t)(f >> 64))
                                 : 64 + __builtin_clzll((uint64_t)f);
    f <<= lz;
    double hi = ldexp((double)(uint64_t)(f >> 75), -53 - lz);
    double lo = ldexp((double)(uint64_t)(f >> 11), -117 - lz);
    return dd_fast_sum(hi, lo);
}

/* Payne-Hanek for finite ax >= 2^20. */
static int reduce_large(double ax, dd_t *r)
{
    uint64_t m = (math_bits(ax) & ((1ull << 52) - 1)) | 1ull << 52;
    int e = math_exponent(ax) - 1075; /* ax = m * 2^e */
    int p = e - 2;
    uint64_t w0 = bits_at(p), w1 = bits_at(p + 64), w2 = bits_at(p + 128);
    u128 a = (u128)m * w2, b = (u128)m * w1, c = (u128)m * w0;
    /* m * W in limbs l0..l2 (l3 only adds multiples of 4) is x*2/pi times 2^190:
     * bits 190 and 191 are the quadrant, the 128 bits below them the fraction. */
    uint64_t l0 = (uint64_t)a;
    u128 t = (a >> 64) + (uint64_t)b;
    uint64_t l1 = (uint64_t)t;
    t = (t >> 64) + (b >> 64) + (uint64_t)c;
    uint64_t l2 = (uint64_t)t;
    int n = (int)(l2 >> 62);
    u128 f = (u128)(l2 & ((1ull << 62) - 1)) << 66 | (u128)l1 << 2 | l0 >> 62;
    bool negative = f >> 127; /* fraction >= 1/2: r = (fraction - 1) * pi/2 */
    if (negative) {
        f = -f;
        n = (n + 1) & 3;
    }
    dd_t v = dd_mul(fraction_dd(f), pio2_dd);
    *r = negative ? (dd_t){ -v.hi, -v.lo } : v;
    return n;
}

int _std_rem_pio2(double x, dd_t *r)
{
    double ax = fabs(x);
    if (ax <= 0x1.921fb54442d18p-1) {
        *r = (dd_t){ x, 0 };
        return 0;
    }
    if (ax < 0x1p20)
        return reduce_small(x, r);
    int n = reduce_large(ax, r);
    if (x < 0) {
        *r = (dd_t){ -r->hi, -r->lo };
        n = (4 - n) & 3;
    }
    return n;
}
