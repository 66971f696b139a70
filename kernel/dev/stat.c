/*
 * stat.c - sys:/stat/cpu and sys:/stat/mem (see stat.h). The open callback formats the
 * whole text into a kmalloc'd snapshot kept in f->data; reads copy from it by offset
 * and close frees it. The counters are racy reads: a snapshot is consistent per line,
 * not across CPUs.
 */
#include "stat.h"
#include <abi/errno.h>
#include "fs/sysfs.h"
#include "lib/fmt.h"
#include "lib/string.h"
#include "log/log.h"
#include "mm/kmalloc.h"
#include "mm/pmm.h"
#include "fs/vfs.h"
#include "proc/spawn.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "syscall/syscall.h"
#include "time/clock.h"

#define STAT_LINE_MAX 128 /* one cpu line: 4 numbers of at most 20 digits + labels */

/** A formatted snapshot (f->data). */
typedef struct stat_text {
    size_t len;
    char text[];
} stat_text_t;

/* Busy time of @c including the running thread's current period (racy, like sched_idle_ns). */
static uint64_t busy_ns(cpu_t *c)
{
    uint64_t r = c->busy_ns;
    uint64_t last = c->last_switch, now = clock_ns();
    if (c->current != c->idle && now > last)
        r += now - last;
    return r;
}

static stat_text_t *cpu_text(void)
{
    unsigned n = cpu_count();
    size_t cap = (size_t)n * STAT_LINE_MAX + 1;
    stat_text_t *t = kmalloc(sizeof(*t) + cap);
    if (!t)
        return NULL;
    t->len = 0;
    for (unsigned i = 0; i < n; i++) {
        cpu_t *c = cpu_get(i);
        if (!c)
            break;
        t->len += (size_t)fmt_snprintf(t->text + t->len, cap - t->len,
                                       "cpu%u busy_ns %lu idle_ns %lu timer_irqs %lu switches %lu\n", i,
                                       busy_ns(c), sched_idle_ns(i), c->timer_irqs, c->switches);
    }
    return t;
}

static stat_text_t *mem_text(void)
{
    size_t cap = 4 * STAT_LINE_MAX;
    stat_text_t *t = kmalloc(sizeof(*t) + cap);
    if (!t)
        return NULL;
    t->len = (size_t)fmt_snprintf(t->text, cap,
                                  "total_pages %lu\nfree_pages %lu\nreserved_pages %lu\nkernel_heap_bytes %lu\n",
                                  pmm_total_count(), pmm_free_count(), pmm_reserved_count(),
                                  (uint64_t)kmalloc_usage());
    return t;
}

/** What a sys:/stat file's priv points at: its formatter. */
typedef struct stat_source {
    stat_text_t *(*make)(void);
} stat_source_t;

static const stat_source_t stat_cpu = {cpu_text}, stat_mem = {mem_text};

static int stat_open(sysfs_file_t *f)
{
    const stat_source_t *src = f->priv;
    f->data = src->make();
    return f->data ? 0 : -ENOMEM;
}

static int64_t stat_read(sysfs_file_t *f, void *buf, size_t size, uint64_t offset)
{
    stat_text_t *t = f->data;
    if (offset >= t->len)
        return 0;
    size_t n = t->len - offset < size ? t->len - offset : size;
    memcpy(buf, t->text + offset, n);
    return (int64_t)n;
}

static void stat_close(sysfs_file_t *f)
{
    kfree(f->data);
}

void stat_trim_caches(void)
{
    syscall_trim();
    spawn_trim();
    thread_trim();
    vfs_trim();
    kmalloc_trim();
}

/* sys:/stat/mem takes one command, `trim` (a trailing newline allowed). */
static int64_t stat_write(sysfs_file_t *f, const void *buf, size_t size, uint64_t offset)
{
    (void)offset;
    const char *s = buf;
    if (f->priv != &stat_mem || (size != 4 && !(size == 5 && s[4] == '\n')) || memcmp(s, "trim", 4) != 0)
        return -EINVAL;
    stat_trim_caches();
    return (int64_t)size;
}

static const sysfs_ops_t stat_ops = {.open = stat_open, .read = stat_read, .write = stat_write, .close = stat_close};

void stat_init(void)
{
    sysfs_dir_t *d = sysfs_mkdir(sysfs_root(), "stat");
    if (!d || sysfs_add_file(d, "cpu", &stat_ops, (void *)&stat_cpu) != 0 ||
        sysfs_add_file(d, "mem", &stat_ops, (void *)&stat_mem) != 0)
        log_error("stat: cannot create sys:/stat");
}
