/*
 * random.h - the kernel's random numbers: a ChaCha20 generator (lib/chacha.h) keyed
 * from an entropy pool. The pool takes boot-time samples (RDSEED/RDRAND when the CPU
 * has them, the TSC around CPUID and HPET reads, whose timing jitters on hardware and
 * under emulation alike, the wall clock) and, for as long as the system runs, the TSC
 * at every hardware interrupt. A request first folds the pool into the key, and ends
 * by replacing the key with fresh key stream ("fast key erasure"), so
 * output already handed out cannot be recomputed from a later state. Used for what
 * must be unguessable: shared-memory ids (ipc/shmem.h).
 */
#ifndef DEV_RANDOM_H
#define DEV_RANDOM_H

#include <stddef.h>
#include <stdint.h>

/**
 * Seeds the generator. Once, on the boot CPU after time_init (TSC and HPET
 * running), before anything asks for random bytes. O(jitter samples), about 1 ms.
 */
void random_init(void);
/**
 * Mixes one sample (a TSC reading) into the pool. Called by the interrupt path on
 * every hardware interrupt. Locking: none (one atomic xor on the pool). O(1).
 */
void random_add_sample(uint64_t sample);
/**
 * Fills @buf with @n random bytes. Locking: takes the generator's spinlock (any
 * context; interrupts off while held). Never sleeps. O(n) (a ChaCha20 block per 64
 * bytes, plus one to rekey).
 */
void random_bytes(void *buf, size_t n);
/** 64 random bits: random_bytes() of 8. Locking and complexity as random_bytes(). */
uint64_t random_u64(void);

#endif
