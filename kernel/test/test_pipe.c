/*
 * test_pipe.c - pipes (ipc/pipe.h) through the calls the system-call layer makes:
 * vfs_open2("sys:/pipe/new"), file_read, file_write, file_unref. Plain transfers, end
 * of file and broken pipes (also waking a blocked peer), nonblock, wrong-direction and
 * bad opens, interrupted waits, atomic 4 KiB writes from several threads, a 1 MiB
 * transfer between two threads checked byte by byte, and no leak of heap, frames or
 * pipes.
 */
#include "test/ktest.h"
#include <abi/errno.h>
#include "fs/path.h"
#include "fs/vfs.h"
#include "ipc/pipe.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "test/test_util.h"
#include "time/clock.h"

#define NEW "sys:/pipe/new"
#define WAIT_LIMIT_NS 2000000000ull

/* Opens a pipe through the VFS, as open2() does; 0 or -errno. */
static int pipe_open(const char *path, file_t *ends[2])
{
    return vfs_open2(path, "sys:/", ends);
}

static void pipe_close(file_t *ends[2])
{
    file_unref(ends[0]);
    file_unref(ends[1]);
}

/* Waits (up to WAIT_LIMIT_NS) until @t sleeps; false if it never does. */
static bool wait_blocked(thread_t *t)
{
    uint64_t end = clock_ns() + WAIT_LIMIT_NS;
    while ((__atomic_load_n(&t->wstate, __ATOMIC_ACQUIRE) & THREAD_STATE_MASK) != THREAD_BLOCKED) {
        if (clock_ns() >= end)
            return false;
        sched_sleep(1000000);
    }
    return true;
}

/* One blocking call in another thread: what it is given and what it got. */
typedef struct pipe_call {
    file_t *f;
    void *buf;
    size_t n;
    volatile int64_t result;
} pipe_call_t;

static void do_read(void *arg)
{
    pipe_call_t *c = arg;
    c->result = file_read(c->f, c->buf, c->n);
}

static void do_write(void *arg)
{
    pipe_call_t *c = arg;
    c->result = file_write(c->f, c->buf, c->n);
}

/* ---------------------------------------------------------------- basics */

KTEST(pipe, basic_transfer)
{
    uint64_t pipes = pipe_count();
    file_t *e[2];
    char buf[64];
    KTEST_ASSERT_EQ(pipe_open(NEW, e), 0);
    KTEST_ASSERT(pipe_file_is(e[0]) && pipe_file_is(e[1]));
    KTEST_ASSERT(e[0]->node == NULL && e[1]->node == NULL); /* node-less ends */
    KTEST_ASSERT_EQ(pipe_count(), pipes + 1);
    KTEST_ASSERT_EQ(file_write(e[1], "hello", 5), 5);
    KTEST_ASSERT_EQ(file_write(e[1], ", pipe", 6), 6);
    KTEST_ASSERT_EQ(file_read(e[0], buf, 3), 3); /* at most n */
    KTEST_ASSERT(!memcmp(buf, "hel", 3));
    KTEST_ASSERT_EQ(file_read(e[0], buf, sizeof(buf)), 8); /* what is there, not n */
    KTEST_ASSERT(!memcmp(buf, "lo, pipe", 8));
    KTEST_ASSERT_EQ(file_read(e[0], buf, 0), 0);
    KTEST_ASSERT_EQ(file_write(e[1], buf, 0), 0);
    pipe_close(e);
    KTEST_ASSERT_EQ(pipe_count(), pipes);
}

KTEST(pipe, ring_wraps_around)
{
    file_t *e[2];
    static uint8_t out[PIPE_SIZE], in[PIPE_SIZE];
    KTEST_ASSERT_EQ(pipe_create(0, e), 0);
    for (uint32_t i = 0; i < PIPE_SIZE; i++)
        out[i] = (uint8_t)(i * 7 + 3);
    /* move the head near the end of the ring, then fill it completely */
    KTEST_ASSERT_EQ(file_write(e[1], out, PIPE_SIZE - 100), PIPE_SIZE - 100);
    KTEST_ASSERT_EQ(file_read(e[0], in, PIPE_SIZE - 100), PIPE_SIZE - 100);
    KTEST_ASSERT_EQ(file_write(e[1], out, PIPE_SIZE), PIPE_SIZE); /* exactly full */
    KTEST_ASSERT_EQ(file_read(e[0], in, PIPE_SIZE), PIPE_SIZE);
    KTEST_ASSERT(!memcmp(in, out, PIPE_SIZE));
    pipe_close(e);
}

KTEST(pipe, bad_uses)
{
    file_t *e[2], *f = NULL;
    char c = 'x';
    KTEST_ASSERT_EQ(vfs_open(NEW, "sys:/", &f), -EINVAL);      /* the ends come from open2 */
    KTEST_ASSERT_EQ(pipe_open("sys:/console", e), -EINVAL);    /* a sys: file without two ends */
    KTEST_ASSERT_EQ(pipe_open("home:/bin/init", e), -EINVAL);  /* a regular file */
    KTEST_ASSERT_EQ(pipe_open("sys:/pipe", e), -EINVAL);       /* a directory */
    KTEST_ASSERT_EQ(pipe_open("sys:/pipe/old", e), -ENOENT);
    KTEST_ASSERT_EQ(pipe_open(NEW "?bogus", e), -EINVAL);
    KTEST_ASSERT_EQ(pipe_open(NEW, e), 0);
    KTEST_ASSERT_EQ(file_read(e[1], &c, 1), -EBADF);  /* the write end cannot be read */
    KTEST_ASSERT_EQ(file_write(e[0], &c, 1), -EBADF); /* nor the read end written */
    KTEST_ASSERT_EQ(file_seek(e[0], 0, SEEK_SET), -ESPIPE);
    KTEST_ASSERT_EQ(file_seek(e[1], 0, SEEK_CUR), -ESPIPE);
    KTEST_ASSERT_EQ(file_ioctl(e[0], 1, NULL, 0), -ENOTTY);
    pipe_close(e);
}

/* ---------------------------------------------------------------- end of file, broken pipe */

KTEST(pipe, eof_after_writer_close)
{
    file_t *e[2];
    char buf[16];
    KTEST_ASSERT_EQ(pipe_open(NEW, e), 0);
    KTEST_ASSERT_EQ(file_write(e[1], "abc", 3), 3);
    file_unref(e[1]);
    KTEST_ASSERT_EQ(file_read(e[0], buf, sizeof(buf)), 3); /* buffered bytes first */
    KTEST_ASSERT_EQ(file_read(e[0], buf, sizeof(buf)), 0);
    KTEST_ASSERT_EQ(file_read(e[0], buf, sizeof(buf)), 0); /* and it stays so */
    file_unref(e[0]);
}

KTEST(pipe, writer_close_wakes_reader)
{
    file_t *e[2];
    char buf[16];
    uint64_t threads = thread_count();
    KTEST_ASSERT_EQ(pipe_open(NEW, e), 0);
    pipe_call_t c = {e[0], buf, sizeof(buf), 99};
    thread_t *t = thread_create("ktest-pread", do_read, &c, THREAD_PRIO_NORMAL);
    KTEST_ASSERT(t);
    bool blocked = wait_blocked(t);
    file_unref(e[1]);
    thread_join(t);
    file_unref(e[0]);
    test_wait_threads(threads);
    KTEST_ASSERT(blocked);
    KTEST_ASSERT_EQ(c.result, 0);
}

KTEST(pipe, epipe_after_reader_close)
{
    file_t *e[2];
    KTEST_ASSERT_EQ(pipe_open(NEW, e), 0);
    file_unref(e[0]);
    KTEST_ASSERT_EQ(file_write(e[1], "x", 1), -EPIPE);
    KTEST_ASSERT_EQ(file_write(e[1], "x", 1), -EPIPE);
    file_unref(e[1]);
}

KTEST(pipe, reader_close_wakes_writer_with_count)
{
    file_t *e[2];
    size_t n = PIPE_SIZE + 10000;
    uint8_t *big = kzalloc(n);
    uint64_t threads = thread_count();
    KTEST_ASSERT(big);
    KTEST_ASSERT_EQ(pipe_open(NEW, e), 0);
    /* fills the pipe, then sleeps for room that never comes */
    pipe_call_t c = {e[1], big, n, 99};
    thread_t *t = thread_create("ktest-pwrite", do_write, &c, THREAD_PRIO_NORMAL);
    KTEST_ASSERT(t);
    bool blocked = wait_blocked(t);
    file_unref(e[0]);
    thread_join(t);
    file_unref(e[1]);
    kfree(big);
    test_wait_threads(threads);
    KTEST_ASSERT(blocked);
    KTEST_ASSERT_EQ(c.result, PIPE_SIZE); /* what went in before the break */
}

/* ---------------------------------------------------------------- nonblock, interrupts */

KTEST(pipe, nonblock_eagain_both_ways)
{
    file_t *e[2];
    static uint8_t big[PIPE_SIZE];
    char c = 0;
    KTEST_ASSERT_EQ(pipe_open(NEW "?nonblock", e), 0);
    KTEST_ASSERT(e[0]->flags & PATH_FLAG_NONBLOCK);
    KTEST_ASSERT_EQ(file_read(e[0], &c, 1), -EAGAIN); /* empty */
    KTEST_ASSERT_EQ(file_write(e[1], big, PIPE_SIZE), PIPE_SIZE);
    KTEST_ASSERT_EQ(file_write(e[1], &c, 1), -EAGAIN); /* full */
    KTEST_ASSERT_EQ(file_read(e[0], big, 10), 10);
    KTEST_ASSERT_EQ(file_write(e[1], big, 11), -EAGAIN); /* atomic: all or nothing */
    KTEST_ASSERT_EQ(file_write(e[1], big, 10), 10);
    KTEST_ASSERT_EQ(file_read(e[0], big, 100), 100);
    KTEST_ASSERT_EQ(file_write(e[1], big, PIPE_ATOMIC + 1), 100); /* big: what fits */
    KTEST_ASSERT_EQ(file_read(e[0], big, PIPE_SIZE), PIPE_SIZE);
    KTEST_ASSERT_EQ(file_read(e[0], &c, 1), -EAGAIN);
    file_unref(e[1]);
    KTEST_ASSERT_EQ(file_read(e[0], &c, 1), 0); /* no writer: end of file, not EAGAIN */
    file_unref(e[0]);
}

KTEST(pipe, interrupted_waits_eintr)
{
    file_t *e[2];
    static uint8_t big[PIPE_SIZE + 1];
    uint64_t threads = thread_count();
    KTEST_ASSERT_EQ(pipe_open(NEW, e), 0);
    pipe_call_t r = {e[0], big, 1, 99};
    thread_t *t = thread_create("ktest-pread", do_read, &r, THREAD_PRIO_NORMAL);
    KTEST_ASSERT(t);
    bool read_blocked = wait_blocked(t);
    sched_wake(t, WAKE_INTERRUPT);
    thread_join(t);
    /* a write that blocks part way reports what it moved; one that moved nothing, EINTR */
    pipe_call_t w = {e[1], big, PIPE_SIZE + 1, 99};
    t = thread_create("ktest-pwrite", do_write, &w, THREAD_PRIO_NORMAL);
    KTEST_ASSERT(t);
    bool write_blocked = wait_blocked(t);
    sched_wake(t, WAKE_INTERRUPT);
    thread_join(t);
    pipe_call_t w2 = {e[1], big, 1, 99};
    t = thread_create("ktest-pwrite", do_write, &w2, THREAD_PRIO_NORMAL);
    KTEST_ASSERT(t);
    bool write2_blocked = wait_blocked(t);
    sched_wake(t, WAKE_INTERRUPT);
    thread_join(t);
    pipe_close(e);
    test_wait_threads(threads);
    KTEST_ASSERT(read_blocked && write_blocked && write2_blocked);
    KTEST_ASSERT_EQ(r.result, -EINTR);
    KTEST_ASSERT_EQ(w.result, PIPE_SIZE);
    KTEST_ASSERT_EQ(w2.result, -EINTR);
}

/* ---------------------------------------------------------------- concurrency */

#define ATOMIC_WRITERS 4
#define ATOMIC_BLOCKS 24 /* per writer */

typedef struct block_writer {
    file_t *w;       /* a reference of this thread's own */
    uint8_t value;   /* every byte of every block */
    volatile int64_t result;
} block_writer_t;

static void write_blocks(void *arg)
{
    block_writer_t *b = arg;
    uint8_t *block = kmalloc(PIPE_ATOMIC);
    b->result = block ? 0 : -ENOMEM;
    if (block)
        memset(block, b->value, PIPE_ATOMIC);
    for (int i = 0; block && i < ATOMIC_BLOCKS && !b->result; i++) {
        int64_t r = file_write(b->w, block, PIPE_ATOMIC);
        if (r != PIPE_ATOMIC)
            b->result = r < 0 ? r : -EIO;
        if ((i & 3) == 3)
            sched_yield();
    }
    kfree(block);
    file_unref(b->w);
}

/* Reads everything until end of file into @buf in odd-sized pieces; returns the count. */
static int64_t read_all(file_t *r, uint8_t *buf, size_t size, uint64_t *seed)
{
    size_t got = 0;
    for (;;) {
        size_t want = 1 + test_rand(seed) % 9000;
        int64_t n = file_read(r, buf + got, want < size - got ? want : size - got);
        if (n <= 0)
            return n < 0 ? n : (int64_t)got;
        got += (size_t)n;
    }
}

KTEST(pipe, atomic_writes_from_threads)
{
    file_t *e[2];
    block_writer_t b[ATOMIC_WRITERS];
    thread_t *t[ATOMIC_WRITERS];
    size_t total = (size_t)ATOMIC_WRITERS * ATOMIC_BLOCKS * PIPE_ATOMIC;
    uint8_t *buf = kmalloc(total + 1);
    uint64_t threads = thread_count(), seed = 0x5eed;
    KTEST_ASSERT(buf);
    KTEST_ASSERT_EQ(pipe_open(NEW, e), 0);
    for (int i = 0; i < ATOMIC_WRITERS; i++) {
        file_ref(e[1]);
        b[i] = (block_writer_t){e[1], (uint8_t)(0x41 + i), 99};
        t[i] = thread_create("ktest-pblock", write_blocks, &b[i], THREAD_PRIO_NORMAL);
        KTEST_ASSERT(t[i]);
    }
    file_unref(e[1]); /* end of file once every writer is done */
    int64_t got = read_all(e[0], buf, total + 1, &seed);
    for (int i = 0; i < ATOMIC_WRITERS; i++)
        thread_join(t[i]);
    file_unref(e[0]);
    test_wait_threads(threads);
    int counts[ATOMIC_WRITERS] = {0};
    bool uniform = true;
    for (size_t at = 0; got == (int64_t)total && at < total; at += PIPE_ATOMIC) {
        for (size_t i = 1; i < PIPE_ATOMIC; i++)
            uniform = uniform && buf[at + i] == buf[at];
        if (buf[at] >= 0x41 && buf[at] < 0x41 + ATOMIC_WRITERS)
            counts[buf[at] - 0x41]++;
    }
    kfree(buf);
    for (int i = 0; i < ATOMIC_WRITERS; i++)
        KTEST_ASSERT_EQ(b[i].result, 0);
    KTEST_ASSERT_EQ(got, total);
    KTEST_ASSERT(uniform); /* no block was split by another writer's bytes */
    for (int i = 0; i < ATOMIC_WRITERS; i++)
        KTEST_ASSERT_EQ(counts[i], ATOMIC_BLOCKS);
}

#define STREAM_BYTES (1024u * 1024)
#define STREAM_SEED 0x9e3779b97f4a7c15ull

typedef struct stream_writer {
    file_t *w;
    uint64_t sum;            /* of the bytes written */
    volatile int64_t result; /* bytes written, or -errno */
} stream_writer_t;

/* Byte i of the stream: a simple function of a running PRNG. */
static uint8_t stream_byte(uint64_t *state)
{
    return (uint8_t)(test_rand(state) >> 29);
}

static void write_stream(void *arg)
{
    stream_writer_t *s = arg;
    uint64_t data = STREAM_SEED, sizes = 12345;
    uint8_t *buf = kmalloc(20000);
    size_t done = 0;
    while (buf && done < STREAM_BYTES) {
        size_t n = 1 + test_rand(&sizes) % 20000;
        n = n < STREAM_BYTES - done ? n : STREAM_BYTES - done;
        for (size_t i = 0; i < n; i++) {
            buf[i] = stream_byte(&data);
            s->sum += buf[i];
        }
        int64_t r = file_write(s->w, buf, n);
        if (r != (int64_t)n) {
            s->result = r < 0 ? r : -EIO;
            break;
        }
        done += n;
    }
    if (s->result == 0)
        s->result = buf ? (int64_t)done : -ENOMEM;
    kfree(buf);
    file_unref(s->w);
}

KTEST(pipe, one_mib_between_threads)
{
    file_t *e[2];
    uint64_t threads = thread_count(), sizes = 777, expect = STREAM_SEED, sum = 0;
    uint8_t *buf = kmalloc(30000);
    KTEST_ASSERT(buf);
    KTEST_ASSERT_EQ(pipe_open(NEW, e), 0);
    stream_writer_t s = {e[1], 0, 0};
    thread_t *t = thread_create("ktest-pstream", write_stream, &s, THREAD_PRIO_NORMAL);
    KTEST_ASSERT(t);
    size_t got = 0, mismatch = STREAM_BYTES + 1;
    int64_t n;
    while ((n = file_read(e[0], buf, 1 + test_rand(&sizes) % 30000)) > 0) {
        for (int64_t i = 0; i < n; i++, got++) {
            sum += buf[i];
            if (buf[i] != stream_byte(&expect) && mismatch > STREAM_BYTES)
                mismatch = got;
        }
    }
    thread_join(t);
    file_unref(e[0]);
    kfree(buf);
    test_wait_threads(threads);
    KTEST_ASSERT_EQ(n, 0);
    KTEST_ASSERT_EQ(s.result, STREAM_BYTES);
    KTEST_ASSERT_EQ(got, STREAM_BYTES);
    KTEST_ASSERT_EQ(mismatch, STREAM_BYTES + 1); /* every byte in order */
    KTEST_ASSERT_EQ(sum, s.sum);
}

/* ---------------------------------------------------------------- leaks */

/* Heap and free frames, measured with the caches emptied (exited threads' stacks too). */
static void usage(uint64_t threads, size_t *heap, uint64_t *frames)
{
    test_wait_threads(threads);
    thread_trim();
    vfs_trim();
    kmalloc_trim();
    *heap = kmalloc_usage();
    *frames = pmm_free_count();
}

/* A reader blocked on an empty pipe, woken by the writer's close (end of file), and a
 * writer blocked on a full one, woken by the reader's close (broken pipe). */
static bool blocked_ends_woken_by_close(void)
{
    static uint8_t big[PIPE_SIZE + 1];
    file_t *e[2];
    if (pipe_create(0, e))
        return false;
    pipe_call_t r = {e[0], big, 1, 99};
    thread_t *t = thread_create("ktest-pread", do_read, &r, THREAD_PRIO_NORMAL);
    bool ok = t && wait_blocked(t);
    file_unref(e[1]);
    if (t)
        thread_join(t);
    file_unref(e[0]);
    if (!ok || r.result != 0 || pipe_create(0, e))
        return false;
    pipe_call_t w = {e[1], big, sizeof(big), 99};
    t = thread_create("ktest-pwrite", do_write, &w, THREAD_PRIO_NORMAL);
    ok = t && wait_blocked(t);
    file_unref(e[0]);
    if (t)
        thread_join(t);
    file_unref(e[1]);
    return ok && w.result == PIPE_SIZE;
}

KTEST(pipe, no_leak)
{
    size_t heap0, heap1;
    uint64_t frames0, frames1, threads = thread_count(), pipes = pipe_count();
    char buf[256];
    file_t *e[2], *f;
    memset(buf, 'z', sizeof(buf));
    usage(threads, &heap0, &frames0);
    for (int i = 0; i < 64; i++) {
        int rc = i & 1 ? pipe_create(PATH_FLAG_NONBLOCK, e) : pipe_open(NEW, e);
        KTEST_ASSERT_EQ(rc, 0);
        KTEST_ASSERT_EQ(file_write(e[1], buf, sizeof(buf)), sizeof(buf)); /* left unread */
        file_unref(e[i & 2 ? 0 : 1]); /* either end may go first */
        file_unref(e[i & 2 ? 1 : 0]);
        KTEST_ASSERT_EQ(vfs_open(NEW, "sys:/", &f), -EINVAL);
    }
    for (int i = 0; i < 4; i++)
        KTEST_ASSERT(blocked_ends_woken_by_close());
    usage(threads, &heap1, &frames1);
    KTEST_ASSERT_EQ(pipe_count(), pipes);
    KTEST_ASSERT_EQ(heap1, heap0);
    KTEST_ASSERT_EQ(frames1, frames0);
}
