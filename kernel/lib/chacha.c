/*
 * chacha.c - the ChaCha20 block function (lib/chacha.h), written from RFC 8439:
 * a 4x4 matrix of 32-bit words (constants, key, counter, nonce), ten double rounds of
 * quarter rounds on its columns and diagonals, then the input added back.
 */
#include "lib/chacha.h"

static uint32_t rotl32(uint32_t v, int n)
{
    return (v << n) | (v >> (32 - n));
}

/* The quarter round on words a, b, c, d of x. */
static void quarter(uint32_t *x, int a, int b, int c, int d)
{
    x[a] += x[b];
    x[d] = rotl32(x[d] ^ x[a], 16);
    x[c] += x[d];
    x[b] = rotl32(x[b] ^ x[c], 12);
    x[a] += x[b];
    x[d] = rotl32(x[d] ^ x[a], 8);
    x[c] += x[d];
    x[b] = rotl32(x[b] ^ x[c], 7);
}

void chacha20_block(const uint32_t key[CHACHA_KEY_WORDS], uint32_t counter,
                    const uint32_t nonce[CHACHA_NONCE_WORDS], uint8_t out[CHACHA_BLOCK_BYTES])
{
    uint32_t in[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574}; /* "expand 32-byte k" */
    for (int i = 0; i < CHACHA_KEY_WORDS; i++)
        in[4 + i] = key[i];
    in[12] = counter;
    for (int i = 0; i < CHACHA_NONCE_WORDS; i++)
        in[13 + i] = nonce[i];
    uint32_t x[16];
    for (int i = 0; i < 16; i++)
        x[i] = in[i];
    for (int round = 0; round < 10; round++) {
        quarter(x, 0, 4, 8, 12); /* columns */
        quarter(x, 1, 5, 9, 13);
        quarter(x, 2, 6, 10, 14);
        quarter(x, 3, 7, 11, 15);
        quarter(x, 0, 5, 10, 15); /* diagonals */
        quarter(x, 1, 6, 11, 12);
        quarter(x, 2, 7, 8, 13);
        quarter(x, 3, 4, 9, 14);
    }
    for (int i = 0; i < 16; i++) {
        uint32_t v = x[i] + in[i];
        out[4 * i] = (uint8_t)v;
        out[4 * i + 1] = (uint8_t)(v >> 8);
        out[4 * i + 2] = (uint8_t)(v >> 16);
        out[4 * i + 3] = (uint8_t)(v >> 24);
    }
}
