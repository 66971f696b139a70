/*
 * test_log.c - the kernel log: lines land in the ring with increasing timestamps and
 * sequence numbers, and overlong lines are cut, not overflowed.
 */
#include "test/ktest.h"
#include "lib/string.h"
#include "log/log.h"

static int ring_last(char *text, size_t size, logring_entry_t *e)
{
    log_lock();
    uint64_t seq = logring_next_seq(log_ring()) - 1;
    int rc = logring_read(log_ring(), &seq, e, text, size);
    log_unlock();
    return rc;
}

KTEST(log, line_reaches_ring)
{
    char text[64];
    logring_entry_t e;
    log_debug("ktest marker %d", 1234);
    KTEST_ASSERT_EQ(ring_last(text, sizeof(text), &e), 0);
    KTEST_ASSERT_STR_EQ(text, "ktest marker 1234");
    KTEST_ASSERT_EQ(e.level, LOG_DEBUG);
}

KTEST(log, timestamps_increase)
{
    char text[64];
    logring_entry_t a, b;
    log_debug("first");
    KTEST_ASSERT_EQ(ring_last(text, sizeof(text), &a), 0);
    for (volatile int i = 0; i < 100000; i++)
        ;
    log_debug("second");
    KTEST_ASSERT_EQ(ring_last(text, sizeof(text), &b), 0);
    KTEST_ASSERT_EQ(b.seq, a.seq + 1);
    KTEST_ASSERT(b.time_ns > a.time_ns);
}

KTEST(log, long_line_truncated)
{
    static char big[LOG_LINE_MAX * 2];
    static char text[LOG_LINE_MAX * 2];
    logring_entry_t e;
    memset(big, 'y', sizeof(big) - 1);
    log_debug("%s", big);
    KTEST_ASSERT_EQ(ring_last(text, sizeof(text), &e), 0);
    KTEST_ASSERT_EQ(strlen(text), LOG_LINE_MAX - 1);
}
