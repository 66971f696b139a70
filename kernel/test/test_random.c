/*
 * test_random.c - the kernel's random generator (dev/random.c): 1024 outputs all
 * distinct, every bit position set in about half of them (a stuck, short-cycled or
 * unkeyed generator fails), and random_bytes() filling exactly the bytes asked for
 * at block boundaries. The ChaCha20 block itself is host-tested (tests/host/test_chacha.c).
 */
#include "test/ktest.h"
#include "dev/random.h"
#include "lib/string.h"
#include "mm/kmalloc.h"

#define RANDOM_TEST_N 1024

KTEST(random, outputs_distinct_and_balanced)
{
    uint64_t *v = kmalloc(RANDOM_TEST_N * sizeof(*v));
    KTEST_ASSERT(v != NULL);
    for (int i = 0; i < RANDOM_TEST_N; i++)
        v[i] = random_u64();
    int dups = 0, worst = 0;
    for (int i = 0; i < RANDOM_TEST_N; i++)
        for (int j = i + 1; j < RANDOM_TEST_N; j++)
            dups += v[i] == v[j];
    for (int bit = 0; bit < 64; bit++) {
        int ones = 0;
        for (int i = 0; i < RANDOM_TEST_N; i++)
            ones += (v[i] >> bit) & 1;
        int off = ones > RANDOM_TEST_N / 2 ? ones - RANDOM_TEST_N / 2 : RANDOM_TEST_N / 2 - ones;
        worst = off > worst ? off : worst;
    }
    kfree(v);
    KTEST_ASSERT_EQ(dups, 0);
    KTEST_ASSERT(worst < 112); /* 7 standard deviations of Binomial(1024, 1/2) */
}

KTEST(random, bytes_fill_exactly_what_is_asked)
{
    static const size_t sizes[] = {1, 7, 63, 64, 65, 200};
    uint8_t buf[256 + 16];
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        size_t n = sizes[k];
        memset(buf, 0xa5, sizeof(buf));
        random_bytes(buf, n);
        for (size_t i = n; i < sizeof(buf); i++)
            KTEST_ASSERT_EQ(buf[i], 0xa5); /* nothing past the end */
        int same = 0;
        for (size_t i = 0; i < n; i++)
            same += buf[i] == 0xa5;
        KTEST_ASSERT(same <= 1 + (int)n / 16); /* the asked-for bytes were written */
    }
    random_bytes(buf, 0); /* nothing to do, nothing breaks */
}
