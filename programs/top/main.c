/*
 * top - a refreshed view of the system: uptime, memory (sys:/stat/mem), how busy each
 * CPU was since the previous view (sys:/stat/cpu busy_ns/idle_ns; since boot for the
 * first) and the process list (util_proc_list). It clears the screen and redraws
 * every second until interrupted; -n N draws N views without clearing, then ends.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "util.h"

#define TOP_MAX_CPUS 64
#define PAGE_KIB 4

/* One CPU's counters as sys:/stat/cpu gives them. */
typedef struct cpu_sample {
    uint64_t busy_ns, idle_ns;
} cpu_sample_t;

/* Reads sys:/stat/cpu into @cpus; returns how many CPUs it lists. */
static unsigned read_cpus(cpu_sample_t *cpus)
{
    size_t len;
    fd_t fd = open("sys:/stat/cpu");
    char *text = fd == ERR ? NULL : util_read_all(fd, &len);
    if (fd != ERR)
        close(fd);
    if (text == NULL)
        util_die_errno("sys:/stat/cpu");
    unsigned n = 0;
    for (char *line = text; line && *line && n < TOP_MAX_CPUS; n++) {
        unsigned long long busy, idle;
        unsigned id;
        if (sscanf(line, "cpu%u busy_ns %llu idle_ns %llu", &id, &busy, &idle) != 3)
            break;
        cpus[n] = (cpu_sample_t){ busy, idle };
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    free(text);
    return n;
}

static void print_memory(void)
{
    unsigned long long total = 0, free_pages = 0;
    fd_t fd = open("sys:/stat/mem");
    if (fd == ERR || readf(fd, "total_pages %llu free_pages %llu", &total, &free_pages) != 2)
        util_die("sys:/stat/mem: cannot read");
    close(fd);
    util_outf("memory: %llu KiB used, %llu KiB free, %llu KiB total\n",
              (total - free_pages) * PAGE_KIB, free_pages * PAGE_KIB, total * PAGE_KIB);
}

static void print_cpus(const cpu_sample_t *now, const cpu_sample_t *before, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        uint64_t busy = now[i].busy_ns - before[i].busy_ns, idle = now[i].idle_ns - before[i].idle_ns;
        uint64_t permille = busy + idle ? busy * 1000 / (busy + idle) : 0;
        util_outf("cpu%u %3llu.%llu%% busy%s", i, (unsigned long long)(permille / 10),
                  (unsigned long long)(permille % 10), i + 1 == n || i % 4 == 3 ? "\n" : "   ");
    }
}

/* One view; @before holds the previous CPU sample and becomes this one. */
static void draw(cpu_sample_t *before, bool clear)
{
    cpu_sample_t now[TOP_MAX_CPUS];
    unsigned n = read_cpus(now);
    uint64_t secs = uptime() / NS_PER_SEC;
    if (clear)
        util_outs("\x1b[H\x1b[2J");
    util_outf("top - up %llu:%02llu:%02llu\n", (unsigned long long)(secs / 3600),
              (unsigned long long)(secs / 60 % 60), (unsigned long long)(secs % 60));
    print_memory();
    print_cpus(now, before, n);
    util_proc_print();
    memcpy(before, now, sizeof(now));
    util_flush();
}

int main(int argc, char **argv)
{
    util_init("top", "top [-n N]\n"
                     "Show memory, CPU use and processes, redrawn every second until\n"
                     "interrupted; -n N: N views, not cleared, then end.");
    util_opts_t o;
    uint64_t views = 0;
    util_opts_init(&o, argc, argv);
    while (util_opts_next(&o, "n:") != -1)
        if ((views = util_opt_number('n', o.arg)) == 0)
            util_usage_error("-n: %s: at least 1", o.arg);
    if (o.index < argc)
        util_usage_error("%s: unexpected argument", argv[o.index]);
    static cpu_sample_t before[TOP_MAX_CPUS];
    for (uint64_t i = 0; views == 0 || i < views; i++) {
        if (i > 0)
            sleep(NS_PER_SEC);
        draw(before, views == 0);
    }
    return 0;
}
