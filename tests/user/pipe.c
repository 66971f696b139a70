/*
 * pipe.c - the user-space suite `pipe`: pipes from open2("sys:/pipe/new", fds), used
 * through libstd's open2, read, write, dup, close and spawn. Transfers inside one
 * process, with a thread (4 MiB each way, checksummed; atomic 4 KiB writes from several
 * threads) and with child processes whose descriptors are pipe ends (home:/bin/tproc
 * writes into one, home:/bin/pingpong echoes through two); end of file and EPIPE as
 * ends close or children exit; nonblock; a child killed while blocked on a pipe; and
 * the refusals (plain open, open2 of files and directories, the wrong direction).
 * Run by init in test mode; the harness is tests/user/utest.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define NEW "sys:/pipe/new"
#define TPROC "home:/bin/tproc"
#define PINGPONG "home:/bin/pingpong"
#define PIPE_SIZE 65536   /* the kernel's ring (kernel/ipc/pipe.h) */
#define PIPE_ATOMIC 4096  /* writes up to this size are never interleaved */
#define WAIT_LIMIT (20 * NS_PER_SEC)

/* errno of a call expected to fail, or -1 if it succeeded. */
#define FAILS_WITH(call) ((call) == ERR ? errno : -1)

/* ---------------------------------------------------------------- helpers */

static pid_t children[16];
static int nchildren;
static fd_t first_free; /* the lowest descriptor the cases may use; see main() */

/* spawn() that remembers the child, so it is killed and collected after the case. */
static pid_t start(const char **argv, const spawn_fd_t *fds)
{
    pid_t pid = spawn(argv, fds, NULL, NULL);
    if (pid != ERR && nchildren < 16)
        children[nchildren++] = pid;
    return pid;
}

static void kill_child(pid_t pid)
{
    fd_t fd = openf("sys:/proc/%lld/ctl", (long long)pid);
    if (fd != ERR) {
        write(fd, "kill", 4);
        close(fd);
    }
}

/* After every case: kill and collect its children, close every descriptor it left
 * (libstd's own, sys:/zero for memory, is below first_free). */
static void cleanup(void)
{
    char status[MAX_STATUS];
    for (int i = 0; i < nchildren; i++) {
        kill_child(children[i]);
        utest_wait(children[i], status, sizeof(status)); /* collect it */
    }
    nchildren = 0;
    for (fd_t fd = first_free; fd < MAX_FDS; fd++)
        close(fd);
}

#define RUN(name)           \
    do {                    \
        UTEST_RUN(name);    \
        cleanup();          \
    } while (0)

/* Reads until @n bytes or end of file; returns the count, or ERR. */
static int64_t read_full(fd_t fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        int64_t r = read(fd, (char *)buf + got, n - got);
        if (r == ERR)
            return ERR;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (int64_t)got;
}

/* Futex words for waiting on threads, with a time limit. */
static void word_set(uint32_t *w, uint32_t v)
{
    __atomic_store_n(w, v, __ATOMIC_RELEASE);
    futex(w, INT_MAX, FUTEX_WAKE, 0);
}

static bool word_wait(uint32_t *w, uint32_t want)
{
    uint64_t deadline = uptime() + WAIT_LIMIT;
    uint32_t v;
    while ((v = __atomic_load_n(w, __ATOMIC_ACQUIRE)) < want) {
        if (uptime() > deadline)
            return false;
        futex(w, v, FUTEX_WAIT, 50 * NS_PER_MS);
    }
    return true;
}

static uint64_t rng(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* ---------------------------------------------------------------- one process */

UTEST(open2_write_read)
{
    fd_t p[2] = { -1, -1 };
    char buf[32];
    UTEST_ASSERT_EQ(open2(NEW, p), 0);
    UTEST_ASSERT(p[0] >= 0 && p[1] >= 0 && p[0] != p[1]);
    UTEST_ASSERT_EQ(write(p[1], "through a pipe", 14), 14);
    UTEST_ASSERT_EQ(read(p[0], buf, 7), 7);
    UTEST_ASSERT(!memcmp(buf, "through", 7));
    UTEST_ASSERT_EQ(read(p[0], buf, sizeof(buf)), 7); /* what is there, not what was asked */
    UTEST_ASSERT(!memcmp(buf, " a pipe", 7));
    UTEST_ASSERT_EQ(write(p[1], "x", 1), 1);
    UTEST_ASSERT_EQ(read(p[0], buf, 200000), 1); /* a read bigger than the kernel's chunk too */
    UTEST_ASSERT_EQ(close(p[0]), 0);
    UTEST_ASSERT_EQ(close(p[1]), 0);
}

UTEST(eof_after_writer_close)
{
    fd_t p[2];
    char buf[16];
    UTEST_ASSERT_EQ(open2(NEW, p), 0);
    UTEST_ASSERT_EQ(write(p[1], "end", 3), 3);
    fd_t extra = dup(p[1]);
    UTEST_ASSERT(extra != ERR);
    UTEST_ASSERT_EQ(close(p[1]), 0);
    UTEST_ASSERT_EQ(write(extra, "!", 1), 1); /* the dup keeps the write end open */
    UTEST_ASSERT_EQ(close(extra), 0);
    UTEST_ASSERT_EQ(read(p[0], buf, sizeof(buf)), 4);
    UTEST_ASSERT(!memcmp(buf, "end!", 4));
    UTEST_ASSERT_EQ(read(p[0], buf, sizeof(buf)), 0);
    UTEST_ASSERT_EQ(read(p[0], buf, sizeof(buf)), 0);
}

UTEST(epipe_after_reader_close)
{
    fd_t p[2];
    UTEST_ASSERT_EQ(open2(NEW, p), 0);
    UTEST_ASSERT_EQ(close(p[0]), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(write(p[1], "x", 1)), EPIPE);
    UTEST_ASSERT_EQ(FAILS_WITH(write(p[1], "xyz", 3)), EPIPE);
}

UTEST(nonblock_both_ways)
{
    fd_t p[2];
    static char big[PIPE_SIZE];
    char c = 0;
    UTEST_ASSERT_EQ(open2(NEW "?nonblock", p), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(read(p[0], &c, 1)), EAGAIN);
    UTEST_ASSERT_EQ(write(p[1], big, sizeof(big)), PIPE_SIZE);
    UTEST_ASSERT_EQ(FAILS_WITH(write(p[1], &c, 1)), EAGAIN);
    UTEST_ASSERT_EQ(read(p[0], big, 100), 100);
    UTEST_ASSERT_EQ(FAILS_WITH(write(p[1], big, 101)), EAGAIN); /* small writes: all or nothing */
    UTEST_ASSERT_EQ(write(p[1], big, PIPE_ATOMIC + 1), 100);    /* big ones: what fits */
    UTEST_ASSERT_EQ(read_full(p[0], big, PIPE_SIZE), PIPE_SIZE);
    UTEST_ASSERT_EQ(FAILS_WITH(read(p[0], &c, 1)), EAGAIN);
    UTEST_ASSERT_EQ(close(p[1]), 0);
    UTEST_ASSERT_EQ(read(p[0], &c, 1), 0); /* no writer left: end of file */
}

UTEST(plain_open_refused)
{
    UTEST_ASSERT_EQ(FAILS_WITH(open(NEW)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(open(NEW "?nonblock")), EINVAL);
}

UTEST(open2_of_other_files_refused)
{
    fd_t p[2] = { -7, -7 };
    UTEST_ASSERT_EQ(FAILS_WITH(open2(TPROC, p)), EINVAL);        /* a regular file */
    UTEST_ASSERT_EQ(FAILS_WITH(open2("home:/bin", p)), EINVAL);  /* a directory */
    UTEST_ASSERT_EQ(FAILS_WITH(open2("sys:/zero", p)), EINVAL);  /* a one-ended device */
    UTEST_ASSERT_EQ(FAILS_WITH(open2("sys:/pipe/none", p)), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(open2(NEW "?frobnicate", p)), EINVAL);
    fd_t *volatile bad = (fd_t *)8; /* volatile: the compiler may not see it is bad */
    UTEST_ASSERT_EQ(FAILS_WITH(open2(NEW, bad)), EFAULT);
    UTEST_ASSERT(p[0] == -7 && p[1] == -7); /* untouched on failure */
    UTEST_ASSERT_EQ(FAILS_WITH(open2(NEW, p)), -1); /* and nothing leaked a descriptor */
    UTEST_ASSERT(p[0] == first_free && p[1] == first_free + 1);
}

UTEST(wrong_direction_ebadf)
{
    fd_t p[2];
    char c = 'c';
    UTEST_ASSERT_EQ(open2(NEW, p), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(read(p[1], &c, 1)), EBADF);
    UTEST_ASSERT_EQ(FAILS_WITH(write(p[0], &c, 1)), EBADF);
    UTEST_ASSERT_EQ(FAILS_WITH(seek(p[0], 0, SEEK_SET)), ESPIPE);
    UTEST_ASSERT_EQ(FAILS_WITH(seek(p[1], 1, SEEK_CUR)), ESPIPE);
}

/* Bad user buffers: pipes copy straight between user memory and the ring (no bounce
 * buffer), so a fault must give EFAULT, publish nothing and keep the data. The buffer
 * is two pages whose second one is unmapped: a copy faults half-way. */
UTEST(bad_buffers_efault_and_keep_data)
{
    fd_t p[2], zero = open("sys:/zero");
    UTEST_ASSERT(zero != ERR);
    unsigned char *buf = mmap(zero, NULL, 2 * 4096, PROT_READ | PROT_WRITE);
    close(zero);
    UTEST_ASSERT(buf != NULL);
    UTEST_ASSERT_EQ(munmap(buf + 4096, 4096), 0);
    UTEST_ASSERT_EQ(open2(NEW "?nonblock", p), 0);
    char *volatile kernel = (char *)0xffffffff80000000ull, *volatile unmapped = (char *)buf + 4096;
    UTEST_ASSERT_EQ(FAILS_WITH(write(p[1], kernel, 16)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(write(p[1], unmapped, 16)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(write(p[1], buf, 8192)), EFAULT); /* faults after one page */
    char c;
    UTEST_ASSERT_EQ(FAILS_WITH(read(p[0], &c, 1)), EAGAIN);     /* nothing got in */
    static unsigned char data[8192], back[8192];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (unsigned char)(i * 7 + 3);
    UTEST_ASSERT_EQ(write(p[1], data, sizeof(data)), (int64_t)sizeof(data));
    UTEST_ASSERT_EQ(FAILS_WITH(read(p[0], kernel, 16)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(read(p[0], unmapped, 16)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(read(p[0], buf, 8192)), EFAULT);  /* faults after one page */
    UTEST_ASSERT_EQ(read(p[0], back, sizeof(back)), (int64_t)sizeof(back)); /* all still there */
    UTEST_ASSERT(memcmp(data, back, sizeof(data)) == 0);
    munmap(buf, 4096);
    close(p[0]);
    close(p[1]);
}

/* ---------------------------------------------------------------- threads */

typedef struct stream {
    fd_t fd;       /* the sender closes it when done: end of file for the receiver */
    size_t bytes;
    uint64_t seed;
    uint64_t sum;  /* of the bytes moved */
    int64_t moved;
    uint32_t done;
} stream_t;

#define STREAM_BYTES (4u << 20)

/* Writes st->bytes pseudo-random bytes in pieces of up to 200 KiB. */
static void stream_send(void *arg)
{
    stream_t *st = arg;
    static char buf[200 * 1024];
    uint64_t sizes = st->seed ^ 0xabcdef;
    size_t done = 0;
    while (done < st->bytes) {
        size_t n = 1 + rng(&sizes) % sizeof(buf);
        n = n < st->bytes - done ? n : st->bytes - done;
        for (size_t i = 0; i < n; i++) {
            buf[i] = (char)(rng(&st->seed) >> 24);
            st->sum += (unsigned char)buf[i];
        }
        if (write(st->fd, buf, n) != (int64_t)n)
            break;
        done += n;
    }
    st->moved = (int64_t)done;
    close(st->fd);
    word_set(&st->done, 1);
}

/* Reads until end of file in pieces of up to 64 KiB, checking the bytes. */
static void stream_receive(void *arg)
{
    stream_t *st = arg;
    static char buf[PIPE_SIZE];
    uint64_t sizes = st->seed ^ 0x123456;
    int64_t n, got = 0;
    while ((n = read(st->fd, buf, 1 + rng(&sizes) % sizeof(buf))) > 0) {
        for (int64_t i = 0; i < n; i++, got++) {
            st->sum += (unsigned char)buf[i];
            if (buf[i] != (char)(rng(&st->seed) >> 24) && st->moved >= 0)
                st->moved = -1 - got; /* the first wrong byte */
        }
    }
    if (st->moved >= 0)
        st->moved = n == 0 ? got : ERR;
    word_set(&st->done, 1);
}

UTEST(four_mib_to_thread_and_back)
{
    fd_t p[2];
    UTEST_ASSERT_EQ(open2(NEW, p), 0);
    /* a thread writes, we read */
    static stream_t tx, rx;
    tx = (stream_t){ .fd = p[1], .bytes = STREAM_BYTES, .seed = 42 };
    rx = (stream_t){ .fd = p[0], .bytes = STREAM_BYTES, .seed = 42 };
    UTEST_ASSERT(thread_create(stream_send, &tx) != ERR);
    stream_receive(&rx);
    UTEST_ASSERT(word_wait(&tx.done, 1));
    UTEST_ASSERT_EQ(tx.moved, STREAM_BYTES);
    UTEST_ASSERT_EQ(rx.moved, STREAM_BYTES);
    UTEST_ASSERT(tx.sum == rx.sum);
    close(p[0]);
    /* we write, a thread reads */
    UTEST_ASSERT_EQ(open2(NEW, p), 0);
    tx = (stream_t){ .fd = p[1], .bytes = STREAM_BYTES, .seed = 7 };
    rx = (stream_t){ .fd = p[0], .bytes = STREAM_BYTES, .seed = 7 };
    UTEST_ASSERT(thread_create(stream_receive, &rx) != ERR);
    stream_send(&tx);
    UTEST_ASSERT(word_wait(&rx.done, 1));
    UTEST_ASSERT_EQ(tx.moved, STREAM_BYTES);
    UTEST_ASSERT_EQ(rx.moved, STREAM_BYTES);
    UTEST_ASSERT(tx.sum == rx.sum);
}

/* One write() of 1 MiB: the kernel carries it through in pieces as the reader makes
 * room, and returns only when all of it is in. */
UTEST(one_write_of_a_mebibyte)
{
    fd_t p[2];
    UTEST_ASSERT_EQ(open2(NEW, p), 0);
    static stream_t rx;
    static char buf[1 << 20];
    uint64_t seed = 99, sum = 0;
    for (size_t i = 0; i < sizeof(buf); i++) {
        buf[i] = (char)(rng(&seed) >> 24);
        sum += (unsigned char)buf[i];
    }
    rx = (stream_t){ .fd = p[0], .bytes = sizeof(buf), .seed = 99 };
    UTEST_ASSERT(thread_create(stream_receive, &rx) != ERR);
    UTEST_ASSERT_EQ(write(p[1], buf, sizeof(buf)), sizeof(buf));
    close(p[1]);
    UTEST_ASSERT(word_wait(&rx.done, 1));
    UTEST_ASSERT_EQ(rx.moved, sizeof(buf));
    UTEST_ASSERT(rx.sum == sum);
}

#define BLOCK_WRITERS 3
#define BLOCKS 16

typedef struct blocks {
    fd_t fd;
    char value;
    int failed;
    uint32_t *done;
} blocks_t;

static void write_blocks(void *arg)
{
    blocks_t *b = arg;
    char block[PIPE_ATOMIC];
    memset(block, b->value, sizeof(block));
    for (int i = 0; i < BLOCKS; i++) {
        if (write(b->fd, block, sizeof(block)) != PIPE_ATOMIC)
            b->failed = 1;
        if (i % 4 == 3)
            yield();
    }
    __atomic_fetch_add(b->done, 1, __ATOMIC_ACQ_REL);
    futex(b->done, INT_MAX, FUTEX_WAKE, 0);
}

UTEST(atomic_writes_from_threads)
{
    fd_t p[2];
    static blocks_t b[BLOCK_WRITERS];
    static char all[BLOCK_WRITERS * BLOCKS * PIPE_ATOMIC];
    static uint32_t done;
    done = 0;
    UTEST_ASSERT_EQ(open2(NEW, p), 0);
    for (int i = 0; i < BLOCK_WRITERS; i++) {
        b[i] = (blocks_t){ p[1], (char)('a' + i), 0, &done };
        UTEST_ASSERT(thread_create(write_blocks, &b[i]) != ERR);
    }
    /* odd-sized reads, so block boundaries fall inside them */
    size_t got = 0;
    uint64_t sizes = 5;
    while (got < sizeof(all)) {
        size_t want = 1 + rng(&sizes) % 10000;
        int64_t n = read(p[0], all + got, want < sizeof(all) - got ? want : sizeof(all) - got);
        UTEST_ASSERT(n > 0);
        got += (size_t)n;
    }
    UTEST_ASSERT(word_wait(&done, BLOCK_WRITERS));
    int counts[BLOCK_WRITERS] = { 0 };
    for (size_t at = 0; at < sizeof(all); at += PIPE_ATOMIC) {
        for (size_t i = 1; i < PIPE_ATOMIC; i++)
            if (all[at + i] != all[at])
                UTEST_FAIL("block at %zu mixes '%c' and '%c'", at, all[at], all[at + i]);
        if (all[at] >= 'a' && all[at] < 'a' + BLOCK_WRITERS)
            counts[all[at] - 'a']++;
    }
    for (int i = 0; i < BLOCK_WRITERS; i++) {
        UTEST_ASSERT(!b[i].failed);
        UTEST_ASSERT_EQ(counts[i], BLOCKS);
    }
}

/* ---------------------------------------------------------------- child processes */

UTEST(child_stdout_is_a_pipe)
{
    fd_t p[2];
    char out[32], status[MAX_STATUS];
    UTEST_ASSERT_EQ(open2(NEW, p), 0);
    const char *argv[] = { TPROC, "hello", NULL };
    spawn_fd_t fds[] = { { 1, p[1] }, { SPAWN_FD_END, 0 } };
    pid_t pid = start(argv, fds);
    UTEST_ASSERT(pid != ERR);
    UTEST_ASSERT_EQ(close(p[1]), 0); /* the child holds the only write end now */
    int64_t n = read_full(p[0], out, sizeof(out) - 1); /* to end of file: the child's exit */
    UTEST_ASSERT_EQ(n, 6);
    out[n] = '\0';
    UTEST_ASSERT_STR_EQ(out, "hello\n");
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    UTEST_ASSERT_STR_EQ(status, "0");
}

UTEST(eof_when_the_writing_child_exits)
{
    fd_t p[2];
    char c, status[MAX_STATUS];
    UTEST_ASSERT_EQ(open2(NEW, p), 0);
    const char *argv[] = { TPROC, "sleep", "50", NULL }; /* writes nothing */
    spawn_fd_t fds[] = { { 1, p[1] }, { SPAWN_FD_END, 0 } };
    uint64_t t0 = uptime();
    pid_t pid = start(argv, fds);
    UTEST_ASSERT(pid != ERR);
    close(p[1]);
    UTEST_ASSERT_EQ(read(p[0], &c, 1), 0); /* blocks until the child is gone */
    UTEST_ASSERT(uptime() - t0 >= 50 * NS_PER_MS);
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    UTEST_ASSERT_STR_EQ(status, "0");
}

UTEST(epipe_when_the_reading_child_exits)
{
    fd_t p[2];
    char status[MAX_STATUS];
    UTEST_ASSERT_EQ(open2(NEW, p), 0);
    const char *argv[] = { TPROC, "exit", "0", NULL }; /* reads nothing */
    spawn_fd_t fds[] = { { 0, p[0] }, { SPAWN_FD_END, 0 } };
    pid_t pid = start(argv, fds);
    UTEST_ASSERT(pid != ERR);
    close(p[0]);
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    UTEST_ASSERT_EQ(FAILS_WITH(write(p[1], "late", 4)), EPIPE);
}

UTEST(echo_through_a_child)
{
    fd_t to[2], from[2];
    char status[MAX_STATUS];
    static char sent[100000], got[100000];
    UTEST_ASSERT_EQ(open2(NEW, to), 0);
    UTEST_ASSERT_EQ(open2(NEW, from), 0);
    const char *argv[] = { PINGPONG, NULL };
    spawn_fd_t fds[] = { { 0, to[0] }, { 1, from[1] }, { SPAWN_FD_END, 0 } };
    pid_t pid = start(argv, fds);
    UTEST_ASSERT(pid != ERR);
    close(to[0]);
    close(from[1]);
    for (int i = 0; i < 200; i++) { /* byte by byte, strictly in turn */
        char c = (char)i, back = 0;
        UTEST_ASSERT_EQ(write(to[1], &c, 1), 1);
        UTEST_ASSERT_EQ(read(from[0], &back, 1), 1);
        UTEST_ASSERT_EQ(back, c);
    }
    /* more than a pipe holds, so both directions fill up; the child echoes in 4 KiB */
    uint64_t seed = 3;
    for (size_t i = 0; i < sizeof(sent); i++)
        sent[i] = (char)rng(&seed);
    size_t out = 0, in = 0;
    while (in < sizeof(sent)) {
        if (out < sizeof(sent)) {
            size_t n = sizeof(sent) - out < 3000 ? sizeof(sent) - out : 3000;
            UTEST_ASSERT_EQ(write(to[1], sent + out, n), n);
            out += n;
        }
        if (out - in > 20000 || out == sizeof(sent)) {
            int64_t n = read(from[0], got + in, out - in);
            UTEST_ASSERT(n > 0);
            in += (size_t)n;
        }
    }
    UTEST_ASSERT(!memcmp(sent, got, sizeof(sent)));
    close(to[1]); /* end of file for the child, which then exits */
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    UTEST_ASSERT_STR_EQ(status, "0");
    char c;
    UTEST_ASSERT_EQ(read(from[0], &c, 1), 0);
}

UTEST(kill_a_child_blocked_on_a_pipe)
{
    fd_t to[2], from[2];
    char status[MAX_STATUS], c;
    UTEST_ASSERT_EQ(open2(NEW, to), 0);
    UTEST_ASSERT_EQ(open2(NEW, from), 0);
    const char *argv[] = { PINGPONG, NULL };
    spawn_fd_t fds[] = { { 0, to[0] }, { 1, from[1] }, { SPAWN_FD_END, 0 } };
    pid_t pid = start(argv, fds);
    UTEST_ASSERT(pid != ERR);
    close(from[1]);
    UTEST_ASSERT_EQ(sleep(20 * NS_PER_MS), 0); /* let it block in read */
    kill_child(pid);
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    UTEST_ASSERT_STR_EQ(status, "kill"); /* woken from its read, not left hanging */
    UTEST_ASSERT_EQ(read(from[0], &c, 1), 0);
    UTEST_ASSERT_EQ(write(to[1], "x", 1), 1); /* we still hold a read end: to[0] */
}

UTEST(many_pipes)
{
    /* opening and closing is cheap and leaves nothing behind: 500 in a row */
    for (int i = 0; i < 500; i++) {
        fd_t p[2];
        UTEST_ASSERT_EQ(open2(NEW, p), 0);
        UTEST_ASSERT_EQ(write(p[1], "z", 1), 1);
        UTEST_ASSERT_EQ(close(p[i & 1]), 0);
        UTEST_ASSERT_EQ(close(p[!(i & 1)]), 0);
    }
    fd_t p[2];
    UTEST_ASSERT_EQ(open2(NEW, p), 0);
    UTEST_ASSERT(p[0] == first_free && p[1] == first_free + 1); /* all closed */
}

int main(void)
{
    UTEST_BEGIN("pipe");
    free(malloc(1 << 20)); /* libstd opens its sys:/zero descriptor now, not mid-case */
    first_free = dup(0);
    close(first_free);
    RUN(open2_write_read);
    RUN(eof_after_writer_close);
    RUN(epipe_after_reader_close);
    RUN(nonblock_both_ways);
    RUN(plain_open_refused);
    RUN(open2_of_other_files_refused);
    RUN(wrong_direction_ebadf);
    RUN(bad_buffers_efault_and_keep_data);
    RUN(four_mib_to_thread_and_back);
    RUN(one_write_of_a_mebibyte);
    RUN(atomic_writes_from_threads);
    RUN(child_stdout_is_a_pipe);
    RUN(eof_when_the_writing_child_exits);
    RUN(epipe_when_the_reading_child_exits);
    RUN(echo_through_a_child);
    RUN(kill_a_child_blocked_on_a_pipe);
    RUN(many_pipes);
    return UTEST_END();
}
