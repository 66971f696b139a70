/*
 * console.c - sys:/console and sys:/consctl. Output goes out raw (no timestamp)
 * through the log's console path; a small state machine looks at the start of every
 * line to count test results. Input: serial (and PS/2) interrupt handlers drop bytes
 * into a small ring with console_input(); the kernel thread "console" takes them one
 * by one through the line discipline (dev/ldisc.h), writes its echo, wakes readers and
 * posts the note "interrupt" to the foreground processes on ^C. Notes and echo thus
 * never run in interrupt context. sys:/consctl switches raw mode and names the
 * foreground processes (see console.h).
 */
#include "console.h"
#include <abi/errno.h>
#include "dev/ldisc.h"
#include "dev/serial.h"
#include "fs/path.h"
#include "fs/poll.h"
#include "fs/sysfs.h"
#include "lib/fmt.h"
#include "lib/string.h"
#include "log/log.h"
#include "mm/kmalloc.h"
#include "proc/note.h"
#include "proc/process.h"
#include "sched/thread.h"
#include "sync/spinlock.h"
#include "sync/waitq.h"

#define RX_RING 4096  /* typed bytes waiting for the console thread (a paste) */
#define CTL_MAX 256   /* bytes of one consctl write */

static spinlock_t lock = SPINLOCK_INIT;
static struct {
    char head[8];        /* the first bytes of the current line */
    unsigned len;        /* bytes of head filled; 8 once decided */
    uint64_t passed, failed;
} lines;                 /* lock */

/* Input state: everything below is protected by in.lock. */
static struct {
    spinlock_t lock;
    ldisc_t ld;
    waitq_t readers;              /* readers and pollers of sys:/console */
    unsigned raw_opens;           /* consctl opens that said rawon */
    pid_t fg[CONSOLE_FG_MAX];     /* the foreground processes */
    unsigned fg_count;
} in = {.lock = SPINLOCK_INIT};

/* Typed bytes on their way from interrupt handlers to the console thread. */
static struct {
    spinlock_t lock;
    waitq_t wq;                   /* the console thread */
    uint8_t buf[RX_RING];         /* lock */
    unsigned head, count;         /* lock */
    uint64_t dropped;             /* lock */
} rx = {.lock = SPINLOCK_INIT};

/* Echo of the byte being processed: console thread only, written after in.lock. */
static char echo_buf[LDISC_ECHO_MAX];
static size_t echo_len;

/* ------------------------------------------------------------------ output */

static void console_classify(void)
{
    if (lines.len >= 3 && memcmp(lines.head, "ok ", 3) == 0) {
        lines.passed++;
        lines.len = 8;
    } else if (lines.len >= 7 && memcmp(lines.head, "not ok ", 7) == 0) {
        lines.failed++;
        lines.len = 8;
    } else if (lines.len >= 7) {
        lines.len = 8; /* neither: stop looking until the next line */
    }
}

static void console_scan(const char *s, size_t n)
{
    spinlock_lock(&lock);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            lines.len = 0;
            continue;
        }
        if (lines.len < 7) {
            lines.head[lines.len++] = s[i];
            console_classify();
        }
    }
    spinlock_unlock(&lock);
}

static int64_t console_write(sysfs_file_t *f, const void *buf, size_t size, uint64_t offset)
{
    (void)f, (void)offset;
    log_write_console(buf, size);
    console_scan(buf, size);
    return (int64_t)size;
}

/* ------------------------------------------------------------------ input */

static bool console_readable(void *arg)
{
    (void)arg;
    return ldisc_readable(&in.ld);
}

static int64_t console_read(sysfs_file_t *f, void *buf, size_t size, uint64_t offset)
{
    (void)offset;
    if (size == 0)
        return 0;
    spinlock_lock(&in.lock);
    int err = 0;
    if (!ldisc_readable(&in.ld))
        err = (f->file->flags & PATH_FLAG_NONBLOCK) ? -EAGAIN
                                                     : waitq_wait(&in.readers, &in.lock, console_readable, 0, 0);
    int64_t n = err ? err : ldisc_read(&in.ld, buf, size);
    spinlock_unlock(&in.lock);
    return n;
}

/* Readable when a line (raw: a byte) or an end of file waits; always writable. */
static int console_poll(sysfs_file_t *f, file_poll_t *wait)
{
    (void)f;
    spinlock_lock(&in.lock);
    int mask = POLL_WRITE | (ldisc_readable(&in.ld) ? POLL_READ : 0);
    poll_register(wait, &in.readers);
    spinlock_unlock(&in.lock);
    return mask;
}

static void console_echo(void *arg, const char *s, size_t n)
{
    (void)arg;
    if (echo_len + n <= sizeof(echo_buf)) {
        memcpy(echo_buf + echo_len, s, n);
        echo_len += n;
    }
}

/* Posts "interrupt" to every foreground process that still exists. */
static void console_interrupt(void)
{
    pid_t fg[CONSOLE_FG_MAX];
    spinlock_lock(&in.lock);
    unsigned count = in.fg_count;
    memcpy(fg, in.fg, sizeof(fg));
    spinlock_unlock(&in.lock);
    for (unsigned i = 0; i < count; i++) {
        process_t *p = process_find(fg[i]);
        if (!p)
            continue;
        if (!p->exited && note_post(p, "interrupt", 9))
            log_warn("console: cannot send interrupt to process %ld", (long)fg[i]);
        process_unref(p);
    }
}

/* One typed byte through the line discipline. Console thread (or tests) only. */
static void console_feed(uint8_t c)
{
    spinlock_lock(&in.lock);
    int r = ldisc_input(&in.ld, c);
    bool readable = ldisc_readable(&in.ld);
    spinlock_unlock(&in.lock);
    if (readable)
        waitq_wake_all(&in.readers);
    if (echo_len)
        log_write_console(echo_buf, echo_len);
    echo_len = 0;
    if (r & LDISC_INTERRUPT)
        console_interrupt();
}

static bool rx_nonempty(void *arg)
{
    (void)arg;
    return rx.count != 0;
}

static void console_thread(void *arg)
{
    (void)arg;
    for (;;) {
        uint8_t bytes[64];
        unsigned n = 0;
        spinlock_lock(&rx.lock);
        waitq_wait(&rx.wq, &rx.lock, rx_nonempty, 0, 0);
        for (; n < sizeof(bytes) && rx.count; n++) {
            bytes[n] = rx.buf[rx.head];
            rx.head = (rx.head + 1) % RX_RING;
            rx.count--;
        }
        spinlock_unlock(&rx.lock);
        for (unsigned i = 0; i < n; i++)
            console_feed(bytes[i]);
    }
}

void console_input(const void *bytes, size_t n)
{
    const uint8_t *b = bytes;
    spinlock_lock(&rx.lock);
    for (size_t i = 0; i < n; i++) {
        if (rx.count == RX_RING) {
            rx.dropped++;
            continue;
        }
        rx.buf[(rx.head + rx.count++) % RX_RING] = b[i];
    }
    spinlock_unlock(&rx.lock);
    waitq_wake_all(&rx.wq);
}

static void console_serial_byte(uint8_t c)
{
    console_input(&c, 1);
}

/* ------------------------------------------------------------------ consctl */

/** One open of sys:/consctl: whether it holds the console raw. */
typedef struct consctl_open {
    bool raw; /* in.lock */
} consctl_open_t;

static int consctl_open(sysfs_file_t *f)
{
    f->data = kzalloc(sizeof(consctl_open_t));
    return f->data ? 0 : -ENOMEM;
}

/* Raw mode follows the number of opens holding it; in.lock held. */
static void consctl_set_raw(consctl_open_t *o, bool raw)
{
    if (o->raw == raw)
        return;
    o->raw = raw;
    if (raw)
        in.raw_opens++;
    else
        in.raw_opens--;
    ldisc_set_raw(&in.ld, in.raw_opens != 0);
}

static void consctl_close(sysfs_file_t *f)
{
    spinlock_lock(&in.lock);
    consctl_set_raw(f->data, false);
    bool readable = ldisc_readable(&in.ld);
    spinlock_unlock(&in.lock);
    if (readable)
        waitq_wake_all(&in.readers);
    kfree(f->data);
}

/* Parses "fg none" or "fg <pid>..." (@s after "fg"); checks that the caller may name
 * each process. 0, -EINVAL, -ESRCH (no such live process) or -EACCES. */
static int consctl_parse_fg(const char *s, pid_t *fg, unsigned *count)
{
    *count = 0;
    if (strcmp(s, " none") == 0)
        return 0;
    while (*s == ' ') {
        uint64_t v;
        const char *end;
        if (*count == CONSOLE_FG_MAX || string_to_u64(s + 1, 10, &v, &end) || v == 0 || v > INT64_MAX ||
            (*end && *end != ' '))
            return -EINVAL;
        process_t *p = process_find((pid_t)v), *self = process_current();
        if (!p || p->exited) {
            if (p)
                process_unref(p);
            return -ESRCH;
        }
        int allowed = !self || process_is_ancestor(self, p);
        process_unref(p);
        if (!allowed)
            return -EACCES;
        fg[(*count)++] = (pid_t)v;
        s = end;
    }
    return *s || *count == 0 ? -EINVAL : 0;
}

static int64_t consctl_write(sysfs_file_t *f, const void *buf, size_t size, uint64_t offset)
{
    (void)offset;
    char cmd[CTL_MAX + 1];
    size_t n = size;
    while (n && (((const char *)buf)[n - 1] == '\n' || ((const char *)buf)[n - 1] == 0))
        n--; /* `echo rawon > sys:/consctl` adds a newline */
    if (n == 0 || n > CTL_MAX || strnlen(buf, n) != n)
        return -EINVAL;
    memcpy(cmd, buf, n);
    cmd[n] = 0;
    pid_t fg[CONSOLE_FG_MAX];
    unsigned fg_count = 0;
    bool is_fg = strncmp(cmd, "fg", 2) == 0 && (cmd[2] == ' ' || cmd[2] == 0);
    if (is_fg) {
        int err = consctl_parse_fg(cmd + 2, fg, &fg_count);
        if (err)
            return err;
    } else if (strcmp(cmd, "rawon") != 0 && strcmp(cmd, "rawoff") != 0) {
        return -EINVAL;
    }
    spinlock_lock(&in.lock);
    if (is_fg) {
        memcpy(in.fg, fg, sizeof(fg));
        in.fg_count = fg_count;
    } else {
        consctl_set_raw(f->data, cmd[3] == 'o' && cmd[4] == 'n');
    }
    bool readable = ldisc_readable(&in.ld);
    spinlock_unlock(&in.lock);
    if (readable)
        waitq_wake_all(&in.readers);
    return (int64_t)size;
}

/* "mode raw|cooked\nfg <pids or none>\n", read like a small file. */
static int64_t consctl_read(sysfs_file_t *f, void *buf, size_t size, uint64_t offset)
{
    (void)f;
    char text[64 + CONSOLE_FG_MAX * 21];
    spinlock_lock(&in.lock);
    size_t len = (size_t)fmt_snprintf(text, sizeof(text), "mode %s\nfg", in.ld.raw ? "raw" : "cooked");
    for (unsigned i = 0; i < in.fg_count; i++)
        len += (size_t)fmt_snprintf(text + len, sizeof(text) - len, " %ld", (long)in.fg[i]);
    len += (size_t)fmt_snprintf(text + len, sizeof(text) - len, "%s\n", in.fg_count ? "" : " none");
    spinlock_unlock(&in.lock);
    if (offset >= len)
        return 0;
    size_t take = len - offset < size ? len - offset : size;
    memcpy(buf, text + offset, take);
    return (int64_t)take;
}

static const sysfs_ops_t console_ops = {.read = console_read, .write = console_write, .poll = console_poll};
static const sysfs_ops_t consctl_ops = {
    .open = consctl_open, .close = consctl_close, .read = consctl_read, .write = consctl_write};

void console_init(void)
{
    waitq_init(&in.readers);
    waitq_init(&rx.wq);
    in.ld.echo = console_echo;
    sysfs_add_file(sysfs_root(), "console", &console_ops, 0);
    sysfs_add_file(sysfs_root(), "consctl", &consctl_ops, 0);
    thread_t *t = thread_create("console", console_thread, 0, THREAD_PRIO_NORMAL + 4);
    if (!t) {
        log_error("console: no input thread: out of memory");
        return;
    }
    thread_unref(t);
    serial_rx_start(console_serial_byte);
}

void console_results(uint64_t *passed, uint64_t *failed)
{
    spinlock_lock(&lock);
    *passed = lines.passed;
    *failed = lines.failed;
    spinlock_unlock(&lock);
}
