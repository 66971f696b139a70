/*
 * sysfs_std.c - sys:/zero, sys:/null and sys:/klog (fs/sysfs_std.h).
 *
 * klog keeps, per open, the sequence number of the next record and the formatted line
 * being handed out, so a reader with a small buffer gets each line whole over several
 * reads. The log has no wake-up hook yet, so a blocking read polls the ring every
 * KLOG_POLL_NS (FIXME: a wait queue signalled by log.c, see the report in docs).
 */
#include "fs/sysfs_std.h"
#include <abi/errno.h>
#include "fs/path.h"
#include "fs/sysfs.h"
#include "lib/fmt.h"
#include "lib/string.h"
#include "log/log.h"
#include "mm/kmalloc.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "time/clock.h"

#define KLOG_HEAD 32                  /* room for "[seconds.micro] " */
#define KLOG_POLL_NS 10000000ull      /* a blocked reader looks for new lines this often */

/* One open of sys:/klog. */
typedef struct klog_reader {
    mutex_t lock;     /* serialises reads through this open */
    uint64_t seq;     /* lock: the next record to read */
    size_t len, pos;  /* lock: line[pos..len) is still to be handed out */
    char line[KLOG_HEAD + LOGRING_TEXT_MAX + 1];
} klog_reader_t;

static volatile int sysfs_std_done; /* atomic: set by the first sysfs_std_init */

/* ---------------------------------------------------------------- zero, null */

static int64_t zero_read(sysfs_file_t *f, void *kbuf, size_t size, uint64_t offset)
{
    (void)f, (void)offset;
    memset(kbuf, 0, size);
    return (int64_t)size;
}

static int64_t discard_write(sysfs_file_t *f, const void *kbuf, size_t size, uint64_t offset)
{
    (void)f, (void)kbuf, (void)offset;
    return (int64_t)size;
}

static int64_t null_read(sysfs_file_t *f, void *kbuf, size_t size, uint64_t offset)
{
    (void)f, (void)kbuf, (void)size, (void)offset;
    return 0;
}

static const sysfs_ops_t zero_ops = {.read = zero_read, .write = discard_write};
static const sysfs_ops_t null_ops = {.read = null_read, .write = discard_write};

bool sysfs_std_is_zero(const file_t *f)
{
    return sysfs_file_is(f, &zero_ops);
}

/* ---------------------------------------------------------------- klog */

static int klog_open(sysfs_file_t *f)
{
    klog_reader_t *r = kzalloc(sizeof(*r));
    if (!r)
        return -ENOMEM;
    mutex_init(&r->lock);
    log_lock();
    r->seq = logring_first_seq(log_ring());
    log_unlock();
    f->data = r;
    return 0;
}

static void klog_close(sysfs_file_t *f)
{
    kfree(f->data);
}

/* Formats the next record into r->line; false if there is none yet. */
static bool klog_fetch(klog_reader_t *r)
{
    logring_entry_t e;
    char head[KLOG_HEAD], *text = r->line + KLOG_HEAD;
    log_lock();
    int rc = logring_read(log_ring(), &r->seq, &e, text, LOGRING_TEXT_MAX + 1);
    log_unlock();
    if (rc)
        return false;
    int hn = fmt_snprintf(head, sizeof(head), "[%5lu.%06lu] ", e.time_ns / 1000000000, e.time_ns / 1000 % 1000000);
    size_t hlen = hn < 0 ? 0 : hn >= KLOG_HEAD ? KLOG_HEAD - 1 : (size_t)hn;
    size_t tlen = strlen(text);
    memmove(r->line + hlen, text, tlen);
    memcpy(r->line, head, hlen);
    r->line[hlen + tlen] = '\n';
    r->len = hlen + tlen + 1;
    r->pos = 0;
    return true;
}

/* Sleeps until a record past r->seq exists: 0, or -EINTR. */
static int klog_wait(klog_reader_t *r)
{
    for (;;) {
        log_lock();
        bool ready = logring_next_seq(log_ring()) > r->seq;
        log_unlock();
        if (ready)
            return 0;
        sched_prepare_block();
        if (sched_block(clock_ns() + KLOG_POLL_NS) == WAKE_INTERRUPT)
            return -EINTR;
    }
}

static int64_t klog_read(sysfs_file_t *f, void *kbuf, size_t size, uint64_t offset)
{
    klog_reader_t *r = f->data;
    size_t done = 0;
    int rc = 0;
    (void)offset; /* the position is the record sequence number, not a byte offset */
    mutex_lock(&r->lock);
    while (done < size && !rc) {
        if (r->pos == r->len && !klog_fetch(r)) {
            if (done || (f->file->flags & PATH_FLAG_NONBLOCK))
                break;
            rc = klog_wait(r);
            continue;
        }
        size_t k = size - done < r->len - r->pos ? size - done : r->len - r->pos;
        memcpy((char *)kbuf + done, r->line + r->pos, k);
        r->pos += k;
        done += k;
    }
    mutex_unlock(&r->lock);
    return done ? (int64_t)done : rc;
}

static const sysfs_ops_t klog_ops = {.open = klog_open, .read = klog_read, .close = klog_close};

void sysfs_std_init(void)
{
    if (__atomic_exchange_n(&sysfs_std_done, 1, __ATOMIC_ACQ_REL))
        return;
    sysfs_dir_t *root = sysfs_root();
    if (sysfs_add_file(root, "zero", &zero_ops, NULL) || sysfs_add_file(root, "null", &null_ops, NULL) ||
        sysfs_add_file(root, "klog", &klog_ops, NULL))
        log_error("sysfs: could not add the standard files");
}
