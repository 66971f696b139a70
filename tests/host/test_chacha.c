/*
 * test_chacha.c - host tests for kernel/lib/chacha.c (suite "chacha"): the block
 * function against RFC 8439's section 2.3.2 vector and the all-zero key's first
 * block (RFC 8439 appendix A.1, test vector 1), both also what OpenSSL's chacha20
 * gives; and the counter and nonce each changing the whole block.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "lib/chacha.h"

static void from_hex(const char *hex, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

/* Key bytes, block counter, nonce words and the expected block, as hex. */
static const struct {
    const char *key;
    uint32_t counter, nonce[3];
    const char *block;
} vectors[] = {
    {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 1, {0x09000000, 0x4a000000, 0},
     "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
     "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e"}, /* RFC 8439 2.3.2 */
    {"0000000000000000000000000000000000000000000000000000000000000000", 0, {0, 0, 0},
     "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
     "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"}, /* A.1 vector 1 */
};

Test(chacha, known_blocks)
{
    for (size_t v = 0; v < sizeof(vectors) / sizeof(vectors[0]); v++) {
        uint8_t kb[32], want[64], got[64];
        uint32_t key[8];
        from_hex(vectors[v].key, kb, 32);
        for (int i = 0; i < 8; i++) /* little-endian words */
            key[i] = kb[4 * i] | (uint32_t)kb[4 * i + 1] << 8 | (uint32_t)kb[4 * i + 2] << 16 |
                     (uint32_t)kb[4 * i + 3] << 24;
        from_hex(vectors[v].block, want, 64);
        chacha20_block(key, vectors[v].counter, vectors[v].nonce, got);
        cr_assert(memcmp(got, want, 64) == 0, "vector %zu", v);
    }
}

Test(chacha, counter_and_nonce_change_every_word)
{
    uint32_t key[8] = {1, 2, 3, 4, 5, 6, 7, 8}, nonce[3] = {9, 10, 11}, nonce2[3] = {9, 10, 12};
    uint8_t a[64], b[64], c[64];
    chacha20_block(key, 5, nonce, a);
    chacha20_block(key, 6, nonce, b);
    chacha20_block(key, 5, nonce2, c);
    for (int w = 0; w < 16; w++) {
        cr_assert(memcmp(a + 4 * w, b + 4 * w, 4) != 0, "word %d same for counters 5 and 6", w);
        cr_assert(memcmp(a + 4 * w, c + 4 * w, 4) != 0, "word %d same for two nonces", w);
    }
}
