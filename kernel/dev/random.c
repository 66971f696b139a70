/*
 * random.c - the kernel's random numbers (dev/random.h).
 *
 * The pool is RANDOM_POOL_WORDS 32-bit words; a sample's multiplicative hash is xored
 * into the word its own bits pick (one atomic operation per interrupt). The
 * generator's state is a ChaCha20 key and a 64-bit block counter split over the nonce.
 * Each request takes the pool (xoring it into the key and clearing it) and replaces
 * the key with the first half of the next block, both before and after its output, so
 * a pool sample changes every later output and the output cannot be recomputed from a
 * later state.
 */
#include "dev/random.h"
#include "arch/x86_64/cpu.h"
#include "lib/chacha.h"
#include "lib/string.h"
#include "sync/spinlock.h"
#include "time/clock.h"
#include "time/hpet.h"

#define RANDOM_POOL_WORDS 8
#define RANDOM_JITTER_SAMPLES 1024

static spinlock_t random_lock = SPINLOCK_INIT;
static uint32_t key[CHACHA_KEY_WORDS];         /* random_lock */
static uint64_t blocks;                         /* random_lock: blocks made so far */
static volatile uint32_t pool[RANDOM_POOL_WORDS]; /* atomic */

void random_add_sample(uint64_t sample)
{
    uint64_t h = (sample ^ (sample >> 29)) * 0x9e3779b97f4a7c15ull;
    uint32_t word = (uint32_t)(h >> 61) % RANDOM_POOL_WORDS; /* the hash's top bits pick */
    __atomic_fetch_xor(&pool[word], (uint32_t)(h >> 32) ^ (uint32_t)h, __ATOMIC_RELAXED);
}

/* The next block of key stream. random_lock held. */
static void next_block(uint8_t out[CHACHA_BLOCK_BYTES])
{
    uint32_t nonce[CHACHA_NONCE_WORDS] = {(uint32_t)(blocks >> 32), 0x70617463, 0x68776f72};
    chacha20_block(key, (uint32_t)blocks, nonce, out);
    blocks++;
}

/* Replaces the key with fresh key stream (after folding in @extra words, if any).
 * random_lock held. */
static void rekey(const uint32_t *extra, size_t words)
{
    for (size_t i = 0; i < words; i++)
        key[i % CHACHA_KEY_WORDS] ^= extra[i];
    uint8_t b[CHACHA_BLOCK_BYTES];
    next_block(b);
    memcpy(key, b, sizeof(key));
    memset(b, 0, sizeof(b));
}

/* Folds the pool into the key and clears it. random_lock held. */
static void rekey_from_pool(void)
{
    uint32_t taken[RANDOM_POOL_WORDS];
    for (int i = 0; i < RANDOM_POOL_WORDS; i++)
        taken[i] = __atomic_exchange_n(&pool[i], 0, __ATOMIC_RELAXED);
    rekey(taken, RANDOM_POOL_WORDS);
}

static int cpu_has(uint32_t leaf, int reg, int bit)
{
    uint32_t r[4];
    cpu_cpuid(leaf, 0, r);
    return (r[reg] >> bit) & 1;
}

/* One hardware random word (RDSEED, else RDRAND), or 0 when the CPU has neither or
 * it keeps failing. */
static uint64_t hw_random(int seed, int rand)
{
    for (int i = 0; i < 10; i++) {
        uint64_t v = 0;
        uint8_t ok = 0;
        if (seed)
            __asm__ volatile("rdseed %0; setc %1" : "=r"(v), "=qm"(ok) : : "cc");
        else if (rand)
            __asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok) : : "cc");
        if (ok)
            return v;
    }
    return 0;
}

void random_init(void)
{
    uint32_t r[4];
    cpu_cpuid(0, 0, r);
    int seed = r[0] >= 7 && cpu_has(7, 1, 18), rand = cpu_has(1, 2, 30);
    for (int i = 0; i < 2 * CHACHA_KEY_WORDS && (seed || rand); i++)
        random_add_sample(hw_random(seed, rand));
    random_add_sample(clock_epoch_ns());
    int hpet = hpet_period_fs() != 0;
    for (int i = 0; i < RANDOM_JITTER_SAMPLES; i++) { /* timing of CPUID and an HPET read */
        uint64_t t0 = cpu_rdtsc();
        cpu_cpuid((uint32_t)i & 1, 0, r);
        uint64_t h = hpet ? hpet_ns() : 0;
        random_add_sample((cpu_rdtsc() - t0) ^ (h << 20) ^ ((uint64_t)r[0] << 40));
    }
    spinlock_lock(&random_lock);
    rekey_from_pool();
    spinlock_unlock(&random_lock);
}

void random_bytes(void *buf, size_t n)
{
    uint8_t *out = buf, b[CHACHA_BLOCK_BYTES];
    spinlock_lock(&random_lock);
    rekey_from_pool();
    while (n) {
        size_t take = n < sizeof(b) ? n : sizeof(b);
        next_block(b);
        memcpy(out, b, take);
        out += take;
        n -= take;
    }
    rekey(NULL, 0);
    spinlock_unlock(&random_lock);
    memset(b, 0, sizeof(b));
}

uint64_t random_u64(void)
{
    uint64_t v;
    random_bytes(&v, sizeof(v));
    return v;
}
