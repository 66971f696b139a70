/*
 * chacha.h - the ChaCha20 block function (RFC 8439, section 2.3): 20 rounds over a
 * 256-bit key, a 32-bit block counter and a 96-bit nonce, giving 64 bytes of key
 * stream. Pure computation, no state of its own: the kernel's random generator
 * (dev/random.h) is built on it. Host-tested against the RFC's vectors.
 */
#ifndef LIB_CHACHA_H
#define LIB_CHACHA_H

#include <stdint.h>

#define CHACHA_KEY_WORDS 8    /**< 256-bit key as little-endian 32-bit words */
#define CHACHA_NONCE_WORDS 3  /**< 96-bit nonce as little-endian 32-bit words */
#define CHACHA_BLOCK_BYTES 64 /**< one block of key stream */

/**
 * One block of ChaCha20 key stream for @key, block @counter and @nonce, serialised
 * little-endian into @out as the RFC does. Locking: none (pure). O(1): 20 rounds.
 */
void chacha20_block(const uint32_t key[CHACHA_KEY_WORDS], uint32_t counter,
                    const uint32_t nonce[CHACHA_NONCE_WORDS], uint8_t out[CHACHA_BLOCK_BYTES]);

#endif
