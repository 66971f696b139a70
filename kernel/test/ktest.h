/*
 * ktest.h - kernel unit tests. KTEST(suite, name) defines a test and registers it in the
 * .ktests linker section; ktest_run_all() runs them in link order at boot in test mode
 * and prints one `ok suite/name` or `not ok suite/name: reason` line each
 * (../shared/spec/testing.md). Test files live in kernel/test/ and are linked into the
 * test kernel only.
 */
#ifndef TEST_KTEST_H
#define TEST_KTEST_H

#include <stdint.h>

/** One registered test (immutable, in .ktests). */
typedef struct ktest {
    const char *suite;
    const char *name;
    void (*fn)(void);
} ktest_t;

#define KTEST(s, n)                                                                              \
    static void ktest_fn_##s##_##n(void);                                                        \
    __attribute__((used, section(".ktests"), aligned(8))) static const ktest_t ktest_##s##_##n = \
        {#s, #n, ktest_fn_##s##_##n};                                                            \
    static void ktest_fn_##s##_##n(void)

/** Records a failure of the running test (the first one is reported). O(1). */
__attribute__((format(printf, 3, 4))) void ktest_fail(const char *file, int line, const char *fmt, ...);

#define KTEST_ASSERT(c)                                        \
    do {                                                       \
        if (!(c)) {                                            \
            ktest_fail(__FILE__, __LINE__, "%s", #c);          \
            return;                                            \
        }                                                      \
    } while (0)

#define KTEST_ASSERT_EQ(a, b)                                                                         \
    do {                                                                                              \
        uint64_t ka_ = (uint64_t)(a), kb_ = (uint64_t)(b);                                            \
        if (ka_ != kb_) {                                                                             \
            ktest_fail(__FILE__, __LINE__, "%s == %s (0x%lx != 0x%lx)", #a, #b, ka_, kb_);            \
            return;                                                                                   \
        }                                                                                             \
    } while (0)

#define KTEST_ASSERT_STR_EQ(a, b)                                                                     \
    do {                                                                                              \
        const char *ka_ = (a), *kb_ = (b);                                                            \
        if (strcmp(ka_, kb_) != 0) {                                                                  \
            ktest_fail(__FILE__, __LINE__, "%s == %s (\"%s\" != \"%s\")", #a, #b, ka_, kb_);          \
            return;                                                                                   \
        }                                                                                             \
    } while (0)

/**
 * Runs every registered test once, printing a result line for each.
 * Returns the number run; *failed gets the number that failed. Call from the boot CPU.
 */
unsigned ktest_run_all(unsigned *failed);

#endif
