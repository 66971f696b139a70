/*
 * dev.c - the user-space suite `dev`: sys:/stat/cpu and sys:/stat/mem (format, one
 * line per CPU, counters that only grow, snapshots per open, free pages that follow a
 * big touched mmap of sys:/zero and come back after munmap) and the PS/2 input devices
 * sys:/kbd/ps2 and sys:/mouse/ps2 without input (nonblock reads: EAGAIN; buffers
 * smaller than one record: EINVAL; writes: EINVAL). Records are include/abi/input.h.
 * Run by init in test mode; the harness is tests/user/utest.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/io.h>
#include <sys/proc.h>
#include <abi/input.h>
#include "utest.h"

#define PAGE 4096
#define BIG_PAGES 4096 /* 16 MiB */
#define MAX_CPUS 64

/* errno of a call expected to fail, or -1 if it succeeded. */
#define FAILS_WITH(call) ((call) == ERR ? errno : -1)

typedef struct cpu_line {
    unsigned long long busy, idle, irqs, switches;
} cpu_line_t;

/* Parses sys:/stat/cpu into @out; the number of lines, or -1 if a line is malformed. */
static int parse_cpu(const char *text, cpu_line_t *out)
{
    int n = 0;
    for (const char *p = text; *p && n < MAX_CPUS; n++) {
        unsigned id;
        int used = 0;
        if (sscanf(p, "cpu%u busy_ns %llu idle_ns %llu timer_irqs %llu switches %llu%n", &id, &out[n].busy,
                   &out[n].idle, &out[n].irqs, &out[n].switches, &used) != 5 || id != (unsigned)n ||
            p[used] != '\n')
            return -1;
        p += used + 1;
    }
    return n;
}

typedef struct mem_info {
    unsigned long long total, free, reserved, heap;
} mem_info_t;

static bool read_mem(mem_info_t *m)
{
    char buf[512];
    if (utest_slurp("sys:/stat/mem", buf, sizeof(buf)) <= 0)
        return false;
    return sscanf(buf, "total_pages %llu\nfree_pages %llu\nreserved_pages %llu\nkernel_heap_bytes %llu\n",
                  &m->total, &m->free, &m->reserved, &m->heap) == 4;
}

/* ---------------------------------------------------------------- sys:/stat */

UTEST(stat_cpu_format)
{
    static char buf[8192];
    static cpu_line_t c[MAX_CPUS];
    UTEST_ASSERT(utest_slurp("sys:/stat/cpu", buf, sizeof(buf)) > 0);
    int n = parse_cpu(buf, c);
    UTEST_ASSERT(n >= 1);
    unsigned long long switches = 0, busy = 0;
    for (int i = 0; i < n; i++)
        switches += c[i].switches, busy += c[i].busy;
    UTEST_ASSERT(switches > 0);
    UTEST_ASSERT(busy > 0); /* this process is running */
}

UTEST(stat_cpu_counters_grow)
{
    static char buf[8192];
    static cpu_line_t a[MAX_CPUS], b[MAX_CPUS];
    UTEST_ASSERT(utest_slurp("sys:/stat/cpu", buf, sizeof(buf)) > 0);
    int na = parse_cpu(buf, a);
    UTEST_ASSERT_EQ(sleep(20000000), 0); /* 20 ms: timer interrupts happen */
    UTEST_ASSERT(utest_slurp("sys:/stat/cpu", buf, sizeof(buf)) > 0);
    int nb = parse_cpu(buf, b);
    UTEST_ASSERT(na >= 1);
    UTEST_ASSERT_EQ(na, nb); /* the CPU count is fixed once booted */
    unsigned long long grew = 0;
    for (int i = 0; i < na; i++) {
        UTEST_ASSERT(b[i].busy + b[i].idle >= a[i].busy + a[i].idle);
        UTEST_ASSERT(b[i].irqs >= a[i].irqs && b[i].switches >= a[i].switches);
        grew += (b[i].busy + b[i].idle) - (a[i].busy + a[i].idle);
    }
    UTEST_ASSERT(grew >= 10000000ull); /* at least half the 20 ms sleep, on some CPU */
}

UTEST(stat_snapshot_per_open)
{
    char first[2048], again[2048];
    fd_t fd = open("sys:/stat/cpu");
    UTEST_ASSERT(fd != ERR);
    int64_t n1 = read(fd, first, 7); /* a partial read, then the rest */
    UTEST_ASSERT_EQ(n1, 7);
    int64_t n2 = read(fd, first + 7, sizeof(first) - 8);
    UTEST_ASSERT(n2 > 0);
    first[n1 + n2] = '\0';
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_SET), 0);
    int64_t n3 = read(fd, again, sizeof(again) - 1);
    close(fd);
    UTEST_ASSERT_EQ(n3, n1 + n2);
    again[n3] = '\0';
    UTEST_ASSERT_STR_EQ(first, again); /* same open: same snapshot, though time went on */
}

UTEST(stat_mem_format)
{
    mem_info_t m;
    UTEST_ASSERT(read_mem(&m));
    UTEST_ASSERT(m.total > 0);
    UTEST_ASSERT(m.free <= m.total);
    UTEST_ASSERT(m.reserved > 0); /* the kernel's own image at least */
    UTEST_ASSERT(m.heap > 0);
}

UTEST(stat_mem_follows_mmap)
{
    mem_info_t before, during, after;
    fd_t zero = open("sys:/zero");
    UTEST_ASSERT(zero != ERR);
    UTEST_ASSERT(read_mem(&before));
    unsigned char *p = mmap(zero, NULL, (size_t)BIG_PAGES * PAGE, PROT_READ | PROT_WRITE);
    close(zero);
    UTEST_ASSERT(p != NULL);
    for (size_t i = 0; i < BIG_PAGES; i++)
        p[i * PAGE] = 1; /* fault every page in */
    UTEST_ASSERT(read_mem(&during));
    UTEST_ASSERT_EQ(munmap(p, (size_t)BIG_PAGES * PAGE), 0);
    UTEST_ASSERT(read_mem(&after));
    UTEST_ASSERT_EQ(during.total, before.total);
    UTEST_ASSERT(during.free + BIG_PAGES <= before.free);
    UTEST_ASSERT(after.free >= during.free + BIG_PAGES);
    UTEST_ASSERT(after.free + 64 >= before.free); /* back, give or take a few tables */
}

/* ---------------------------------------------------------------- input devices */

UTEST(kbd_nonblock_eagain)
{
    input_key_event_t ev[8];
    fd_t fd = open("sys:/kbd/ps2?nonblock");
    UTEST_ASSERT(fd != ERR);
    int err = FAILS_WITH(read(fd, ev, sizeof(ev)));
    int err_odd = FAILS_WITH(read(fd, ev, sizeof(ev[0]) + 1)); /* one whole record fits */
    close(fd);
    UTEST_ASSERT_EQ(err, EAGAIN);
    UTEST_ASSERT_EQ(err_odd, EAGAIN);
}

UTEST(kbd_small_buffer_einval)
{
    char c;
    fd_t fd = open("sys:/kbd/ps2?nonblock");
    UTEST_ASSERT(fd != ERR);
    int e1 = FAILS_WITH(read(fd, &c, 1));
    int e3 = FAILS_WITH(read(fd, &c, sizeof(input_key_event_t) - 1));
    close(fd);
    UTEST_ASSERT_EQ(e1, EINVAL);
    UTEST_ASSERT_EQ(e3, EINVAL);
}

UTEST(mouse_nonblock_eagain)
{
    input_mouse_event_t ev[4];
    fd_t fd = open("sys:/mouse/ps2?nonblock");
    UTEST_ASSERT(fd != ERR);
    int err = FAILS_WITH(read(fd, ev, sizeof(ev)));
    int small = FAILS_WITH(read(fd, ev, sizeof(ev[0]) - 1));
    close(fd);
    UTEST_ASSERT_EQ(err, EAGAIN);
    UTEST_ASSERT_EQ(small, EINVAL);
}

UTEST(device_writes_einval)
{
    static const char *paths[] = {"sys:/kbd/ps2", "sys:/mouse/ps2", "sys:/stat/cpu", "sys:/stat/mem"};
    input_key_event_t ev = {INPUT_KEY_PRESS, KEY_A, 0};
    for (unsigned i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        fd_t fd = open(paths[i]);
        UTEST_ASSERT(fd != ERR);
        int err = FAILS_WITH(write(fd, &ev, sizeof(ev)));
        close(fd);
        if (err != EINVAL)
            UTEST_FAIL("%s: write gave %d, not EINVAL", paths[i], err);
    }
}

int main(void)
{
    UTEST_BEGIN("dev");
    UTEST_RUN(stat_cpu_format);
    UTEST_RUN(stat_cpu_counters_grow);
    UTEST_RUN(stat_snapshot_per_open);
    UTEST_RUN(stat_mem_format);
    UTEST_RUN(stat_mem_follows_mmap);
    UTEST_RUN(kbd_nonblock_eagain);
    UTEST_RUN(kbd_small_buffer_einval);
    UTEST_RUN(mouse_nonblock_eagain);
    UTEST_RUN(device_writes_einval);
    return UTEST_END();
}
