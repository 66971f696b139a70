/*
 * bench - the benchmark suite of ../shared/bench-spec.md, run inside the guest: each
 * benchmark is timed with uptime() over its iteration count, five rounds after one
 * warm-up round, and the median is printed as `BENCH <name> <value> <unit>`. Started
 * by init in bench mode (`make bench`); the host adds boot_to_user. The pipe
 * benchmarks talk to other processes: home:/bin/pingpong (programs/pingpong) echoes
 * for pipe_pingpong, and this program started as `bench --pipe-writer` is the writer
 * of pipe_throughput.
 * socket_pingpong is the same round trip over one connected local socket, with
 * home:/bin/sockclient --echo as the echoer.
 * pingpong_under_load_N runs pipe_pingpong while `bench --hogs N` spins N threads.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "util.h"

#define ROUNDS 5

typedef uint64_t (*bench_fn)(uint64_t iterations); /* returns elapsed ns */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Median elapsed time of ROUNDS rounds after a warm-up. */
static uint64_t median_ns(bench_fn fn, uint64_t iterations)
{
    uint64_t t[ROUNDS];
    fn(iterations);
    for (int i = 0; i < ROUNDS; i++)
        t[i] = fn(iterations);
    qsort(t, ROUNDS, sizeof(t[0]), cmp_u64);
    return t[ROUNDS / 2];
}

/* value with two decimals, printed without floating point */
static void report(const char *name, uint64_t num, uint64_t den, const char *unit)
{
    uint64_t hundredths = den ? num * 100 / den : 0;
    printf("BENCH %s %lu.%02lu %s\n", name, hundredths / 100, hundredths % 100, unit);
}

static uint64_t b_null_syscall(uint64_t n)
{
    uint64_t t0 = uptime();
    for (uint64_t i = 0; i < n; i++)
        getpid();
    return uptime() - t0;
}

static int wait_pid(pid_t pid)
{
    char buf[64];
    fd_t fd = openf("sys:/proc/%ld/wait", (long)pid);
    if (fd == ERR)
        return -1;
    int64_t got = read(fd, buf, sizeof(buf));
    close(fd);
    return got == 1 && buf[0] == '0' ? 0 : -1;
}

static uint64_t b_spawn_wait(uint64_t n)
{
    const char *argv[] = {"home:/bin/true", 0};
    uint64_t t0 = uptime();
    for (uint64_t i = 0; i < n; i++) {
        pid_t pid = spawn(argv, 0, 0, 0);
        if (pid == ERR || wait_pid(pid)) {
            printf("bench: spawn_wait failed: %s\n", strerror(errno));
            exit(1);
        }
    }
    return uptime() - t0;
}

static volatile uint32_t done_flag;

static void quick(void *arg)
{
    (void)arg;
    __atomic_store_n(&done_flag, 1, __ATOMIC_RELEASE);
    futex((uint32_t *)&done_flag, 1, FUTEX_WAKE, 0);
}

static uint64_t b_thread_create_join(uint64_t n)
{
    uint64_t t0 = uptime();
    for (uint64_t i = 0; i < n; i++) {
        done_flag = 0;
        if (thread_create(quick, 0) == ERR) {
            printf("bench: thread_create failed: %s\n", strerror(errno));
            exit(1);
        }
        while (!__atomic_load_n(&done_flag, __ATOMIC_ACQUIRE))
            futex((uint32_t *)&done_flag, 0, FUTEX_WAIT, 0);
    }
    return uptime() - t0;
}

/* ---------------------------------------------------------------- pipes */

#define PIPE_NEW "sys:/pipe/new"
#define THROUGHPUT_BYTES (32ull << 20)

static void die(const char *what)
{
    printf("bench: %s failed: %s\n", what, strerror(errno));
    exit(1);
}

/* Starts @argv with the given descriptors; closes our copies of them (the child keeps
 * its own), so a pipe's end of file follows the child's. */
static pid_t start_with(const char *argv[], const spawn_fd_t *fds)
{
    pid_t pid = spawn(argv, fds, 0, 0);
    if (pid == ERR)
        die("spawn");
    for (int i = 0; fds[i].child != SPAWN_FD_END; i++)
        close(fds[i].parent);
    return pid;
}

/* One byte to home:/bin/pingpong through one pipe and back through another, n times.
 * The child is started before the clock and told to stop (end of file) after it. */
static uint64_t b_pipe_pingpong(uint64_t n)
{
    fd_t to[2], from[2];
    if (open2(PIPE_NEW, to) == ERR || open2(PIPE_NEW, from) == ERR)
        die("open2");
    const char *argv[] = {"home:/bin/pingpong", 0};
    spawn_fd_t fds[] = {{0, to[0]}, {1, from[1]}, {SPAWN_FD_END, 0}};
    pid_t pid = start_with(argv, fds);
    char c = 0;
    uint64_t t0 = uptime();
    for (uint64_t i = 0; i < n; i++) {
        char back;
        if (write(to[1], &c, 1) != 1 || read(from[0], &back, 1) != 1 || back != c)
            die("pipe_pingpong");
        c++;
    }
    uint64_t elapsed = uptime() - t0;
    close(to[1]);
    if (read(from[0], &c, 1) != 0 || wait_pid(pid))
        die("pipe_pingpong end");
    close(from[0]);
    return elapsed;
}

/* ---------------------------------------------------------------- under load */

static volatile uint32_t hogs_go;

static void hog(void *arg)
{
    (void)arg;
    while (!__atomic_load_n(&hogs_go, __ATOMIC_ACQUIRE)) /* asleep until all exist */
        futex((uint32_t *)&hogs_go, 0, FUTEX_WAIT, 0);
    for (;;)
        __asm__ volatile("" ::: "memory");
}

/* `bench --hogs N`: N CPU-bound threads, then one byte on fd 1 when they all run. The
 * threads wait until the last is created: spinning ones would starve the creator. */
static int hogs(int n)
{
    for (int i = 0; i < n; i++)
        if (thread_create(hog, 0) == ERR)
            die("hog thread");
    __atomic_store_n(&hogs_go, 1, __ATOMIC_RELEASE);
    futex((uint32_t *)&hogs_go, 0x7fffffff, FUTEX_WAKE, 0);
    char c = 'h';
    write(1, &c, 1);
    for (;;) /* until the benchmark kills this process */
        sleep(1000000000ull);
    return 0;
}

/* pipe_pingpong while a third process runs n CPU-bound threads. */
static void under_load(int n, uint64_t iterations)
{
    pid_t pid = -1;
    fd_t ready[2];
    if (n) {
        char count[16], c;
        snprintf(count, sizeof(count), "%d", n);
        const char *argv[] = {"home:/bin/bench", "--hogs", count, 0};
        if (open2(PIPE_NEW, ready) == ERR)
            die("open2");
        spawn_fd_t fds[] = {{1, ready[1]}, {2, 2}, {SPAWN_FD_END, 0}};
        pid = spawn(argv, fds, 0, 0);
        close(ready[1]);
        if (pid == ERR || read(ready[0], &c, 1) != 1)
            die("hogs");
        close(ready[0]);
    }
    char name[40];
    snprintf(name, sizeof(name), "pingpong_under_load_%d", n);
    report(name, median_ns(b_pipe_pingpong, iterations), iterations * 1000, "us/op");
    if (pid >= 0) {
        fd_t ctl = openf("sys:/proc/%ld/ctl", (long)pid);
        if (ctl == ERR || writef(ctl, "kill") == ERR)
            die("kill hogs");
        close(ctl);
        char status[64];
        fd_t w = openf("sys:/proc/%ld/wait", (long)pid);
        read(w, status, sizeof(status));
        close(w);
    }
}

/* ---------------------------------------------------------------- local sockets */

#define SOCKET_NAME "bench_pingpong"

/* One byte to home:/bin/sockclient --echo and back over one connected local socket, n
 * times. The server socket, the child and the accept are set up before the clock;
 * closing the accepted connection afterwards ends the child (end of file). */
static uint64_t b_socket_pingpong(uint64_t n)
{
    char id[32] = {0};
    fd_t handle = open("sys:/net/local/new");
    if (handle == ERR || read(handle, id, sizeof(id)) <= 0)
        die("socket new");
    fd_t ctl = openf("sys:/net/local/%s/ctl", id);
    if (ctl == ERR || writef(ctl, "bind %s", SOCKET_NAME) == ERR || writef(ctl, "listen") == ERR)
        die("socket bind/listen");
    close(ctl);
    const char *argv[] = {"home:/bin/sockclient", "--echo", SOCKET_NAME, 0};
    pid_t pid = spawn(argv, NULL, 0, 0);
    if (pid == ERR)
        die("spawn");
    fd_t conn = openf("sys:/net/local/%s/accept", id);
    if (conn == ERR)
        die("socket accept");
    char c = 0;
    uint64_t t0 = uptime();
    for (uint64_t i = 0; i < n; i++) {
        char back;
        if (write(conn, &c, 1) != 1 || read(conn, &back, 1) != 1 || back != c)
            die("socket_pingpong");
        c++;
    }
    uint64_t elapsed = uptime() - t0;
    close(conn);
    if (wait_pid(pid))
        die("socket_pingpong end");
    close(handle);
    return elapsed;
}

static char big[65536];

/* `bench --pipe-writer`: a marker byte, then THROUGHPUT_BYTES in 64 KiB writes to fd 1. */
static int pipe_writer(void)
{
    if (write(STDOUT_FILENO, "!", 1) != 1)
        return 1;
    for (uint64_t done = 0; done < THROUGHPUT_BYTES; done += sizeof(big))
        if (write(STDOUT_FILENO, big, sizeof(big)) != sizeof(big))
            return 1;
    return 0;
}

/* Reads what a writer process sends. The clock starts when its marker arrives (it is
 * running then), so spawning it is not counted; at most one pipe-full (64 KiB of 32 MiB)
 * may already be waiting at that moment. */
static uint64_t b_pipe_throughput(uint64_t n)
{
    (void)n;
    fd_t p[2];
    if (open2(PIPE_NEW, p) == ERR)
        die("open2");
    const char *argv[] = {"home:/bin/bench", "--pipe-writer", 0};
    spawn_fd_t fds[] = {{1, p[1]}, {SPAWN_FD_END, 0}};
    pid_t pid = start_with(argv, fds);
    if (read(p[0], big, 1) != 1)
        die("pipe_throughput marker");
    uint64_t t0 = uptime(), total = 0;
    int64_t got;
    while ((got = read(p[0], big, sizeof(big))) > 0)
        total += (uint64_t)got;
    uint64_t elapsed = uptime() - t0;
    close(p[0]);
    if (got < 0 || total != THROUGHPUT_BYTES || wait_pid(pid))
        die("pipe_throughput");
    return elapsed;
}

/* ---------------------------------------------------------------- memory, files */

static fd_t zero_fd;
static uint64_t pages_n;

static uint64_t b_mmap_touch_unmap(uint64_t rounds)
{
    uint64_t t0 = uptime();
    for (uint64_t r = 0; r < rounds; r++) {
        char *p = mmap(zero_fd, 0, pages_n * 4096, PROT_READ | PROT_WRITE);
        if (!p) {
            printf("bench: mmap failed: %s\n", strerror(errno));
            exit(1);
        }
        for (uint64_t i = 0; i < pages_n; i++)
            p[i * 4096] = 1;
        munmap(p, pages_n * 4096);
    }
    return uptime() - t0;
}

static uint64_t b_open_read_close(uint64_t n)
{
    char buf[4096];
    uint64_t t0 = uptime();
    for (uint64_t i = 0; i < n; i++) {
        fd_t fd = open("home:/usr/bench-4k");
        if (fd == ERR || read(fd, buf, sizeof(buf)) != 4096) {
            printf("bench: open_read_close failed\n");
            exit(1);
        }
        close(fd);
    }
    return uptime() - t0;
}

static uint64_t b_file_write(uint64_t n)
{
    (void)n;
    uint64_t t0 = uptime();
    fd_t fd = open("home:/usr/bench-big?create&truncate");
    for (int i = 0; fd != ERR && i < 512; i++) /* 32 MiB */
        if (write(fd, big, sizeof(big)) != sizeof(big)) {
            printf("bench: write failed: %s\n", strerror(errno));
            exit(1);
        }
    close(fd);
    remove("home:/usr/bench-big");
    return uptime() - t0;
}

int main(int argc, char **argv)
{
    util_init("bench", "bench\n"
        "Run the benchmark suite of bench-spec.md and print one `BENCH <name> <value> <unit>`\n"
        "line per benchmark (make bench boots it and collects the lines).");
    util_help_check(argc, argv);
    if (argc == 2 && !strcmp(argv[1], "--pipe-writer"))
        return pipe_writer();
    if (argc == 3 && !strcmp(argv[1], "--hogs"))
        return hogs(atoi(argv[2]));
    report("null_syscall", median_ns(b_null_syscall, 200000), 200000, "ns/op");
    report("pipe_pingpong", median_ns(b_pipe_pingpong, 5000), 5000 * 1000, "us/op");
    report("socket_pingpong", median_ns(b_socket_pingpong, 5000), 5000 * 1000, "us/op");
    uint64_t pipe_ns = median_ns(b_pipe_throughput, 1);
    report("pipe_throughput", THROUGHPUT_BYTES * 1000, pipe_ns, "MB/s"); /* bytes/us = MB/s */
    report("spawn_wait", median_ns(b_spawn_wait, 200), 200 * 1000, "us/op");
    report("thread_create_join", median_ns(b_thread_create_join, 2000), 2000 * 1000, "us/op");
    zero_fd = open("sys:/zero");
    static const uint64_t sizes[] = {1, 16, 256, 1024};
    for (int i = 0; i < 4; i++) {
        char name[40];
        pages_n = sizes[i];
        uint64_t rounds = 4096 / pages_n < 4 ? 4 : 4096 / pages_n;
        snprintf(name, sizeof(name), "mmap_touch_unmap_%lu", pages_n);
        report(name, median_ns(b_mmap_touch_unmap, rounds), rounds * pages_n, "ns/page");
    }
    fd_t fd = open("home:/usr/bench-4k?create&truncate");
    write(fd, big, 4096);
    close(fd);
    report("open_read_close", median_ns(b_open_read_close, 5000), 5000 * 1000, "us/op");
    remove("home:/usr/bench-4k");
    uint64_t ns = median_ns(b_file_write, 1);
    report("file_write_throughput", 32ull * 1024 * 1024 * 1000, ns, "MB/s"); /* bytes/us = MB/s */
    static const int loads[] = {0, 10, 100, 1000};
    for (int i = 0; i < 4; i++)
        under_load(loads[i], loads[i] == 1000 ? 250 : 1000);
    return 0;
}
