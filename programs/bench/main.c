/*
 * bench - the benchmark suite of ../shared/bench-spec.md, run inside the guest: each
 * benchmark is timed with uptime() over its iteration count, five rounds after one
 * warm-up round, and the median is printed as `BENCH <name> <value> <unit>`. Started
 * by init in bench mode (`make bench`); the host adds boot_to_user.
 * FIXME: pipe_pingpong, pipe_throughput, socket_pingpong and pingpong_under_load_N need
 * pipes and sockets (the everything-is-a-file issue); they are not printed until then.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>

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

static char big[65536];

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

int main(void)
{
    report("null_syscall", median_ns(b_null_syscall, 200000), 200000, "ns/op");
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
    return 0;
}
