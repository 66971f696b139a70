/*
 * test_poll.c - poll_wait() (fs/poll.h) on kernel files: a plain timeout, readiness of
 * both pipe ends, a blocked poll woken by a write from another thread, HUP when the
 * write end goes, and no entries left on a queue afterwards (no leak).
 */
#include "test/ktest.h"
#include <abi/errno.h>
#include "fs/poll.h"
#include "fs/vfs.h"
#include "ipc/pipe.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "time/clock.h"

#define MS 1000000ull

static int pipe_open(file_t *ends[2])
{
    return vfs_open2("sys:/pipe/new", "sys:/", ends);
}

KTEST(poll, no_files_times_out)
{
    uint64_t t0 = clock_ns();
    KTEST_ASSERT_EQ(poll_wait(NULL, NULL, NULL, 0, 10 * MS), 0);
    KTEST_ASSERT(clock_ns() - t0 >= 10 * MS);
}

KTEST(poll, pipe_ends_ready)
{
    file_t *p[2];
    KTEST_ASSERT_EQ(pipe_open(p), 0);
    uint16_t ev[2] = {POLL_READ, POLL_WRITE}, rev[2] = {0, 0};
    KTEST_ASSERT_EQ(poll_wait(p, ev, rev, 2, 0), 1);
    KTEST_ASSERT_EQ(rev[0], 0);
    KTEST_ASSERT_EQ(rev[1], POLL_WRITE);
    KTEST_ASSERT_EQ(file_write(p[1], "ab", 2), 2);
    KTEST_ASSERT_EQ(poll_wait(p, ev, rev, 2, 0), 2);
    KTEST_ASSERT_EQ(rev[0], POLL_READ);
    file_unref(p[0]);
    file_unref(p[1]);
}

static void write_later(void *arg)
{
    sched_sleep(20 * MS);
    file_write(arg, "x", 1);
}

KTEST(poll, woken_by_write)
{
    file_t *p[2];
    KTEST_ASSERT_EQ(pipe_open(p), 0);
    thread_t *t = thread_create("ktest-pollw", write_later, p[1], THREAD_PRIO_NORMAL);
    KTEST_ASSERT(t != NULL);
    uint16_t ev = POLL_READ, rev = 0;
    uint64_t t0 = clock_ns();
    KTEST_ASSERT_EQ(poll_wait(&p[0], &ev, &rev, 1, 5000 * MS), 1);
    KTEST_ASSERT(clock_ns() - t0 < 2500 * MS);
    KTEST_ASSERT_EQ(rev, POLL_READ);
    thread_join(t);
    file_unref(p[0]);
    file_unref(p[1]);
}

KTEST(poll, hup_and_timeout_then_no_leak)
{
    uint64_t before = pipe_count();
    file_t *p[2];
    KTEST_ASSERT_EQ(pipe_open(p), 0);
    uint16_t ev = POLL_READ, rev = 0;
    KTEST_ASSERT_EQ(poll_wait(&p[0], &ev, &rev, 1, 5 * MS), 0); /* times out, unregistered */
    file_unref(p[1]);
    KTEST_ASSERT_EQ(poll_wait(&p[0], &ev, &rev, 1, 5000 * MS), 1);
    KTEST_ASSERT_EQ(rev, POLL_READ | POLL_HUP);
    file_unref(p[0]);
    KTEST_ASSERT_EQ(pipe_count(), before);
}
