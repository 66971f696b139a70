/*
 * procfs.c - the sys:/proc files. Each open holds a reference to its process, so the
 * process_t outlives every callback. ctl commands are checked as a whole before any
 * runs ("changes nothing" on a malformed line); then they run in order and the first
 * failure stops the rest. Only the process itself and its ancestors may write ctl.
 */
#include "procfs.h"
#include <abi/errno.h>
#include "debug/panic.h"
#include "fs/path.h"
#include "fs/sysfs.h"
#include "fs/poll.h"
#include "proc/note.h"
#include "lib/fmt.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "sched/thread.h"

static sysfs_dir_t *proc_dir;            /* written once by procfs_init */
static spinlock_t reap_lock = SPINLOCK_INIT;
static list_t reap_list;                 /* reap_lock: processes whose directory must go */
static waitq_t reap_wq;

static bool reap_pending(void *arg)
{
    (void)arg;
    return !list_is_empty(&reap_list);
}

static void reaper(void *arg)
{
    (void)arg;
    for (;;) {
        spinlock_lock(&reap_lock);
        while (waitq_wait(&reap_wq, &reap_lock, reap_pending, 0, 0))
            ;
        process_t *p = LIST_CONTAINER(list_pop_front(&reap_list), process_t, all_node);
        spinlock_unlock(&reap_lock);
        if (p->dir)
            sysfs_remove(p->dir);
        kfree(p->cmdline);
        kfree(p->cwd);
        kfree(p->notes);
        kfree(p);
    }
}

void procfs_release(process_t *p)
{
    spinlock_lock(&reap_lock);
    list_push_back(&reap_list, &p->all_node);
    waitq_wake_one(&reap_wq);
    spinlock_unlock(&reap_lock);
}

/* ---- per-open reference ---- */

/* The directory outlives the last reference until the reaper removes it: an open in
 * that window must not bring the process back (a second release would free it twice).
 * f->priv stays valid here, because the reaper's sysfs_remove waits for this call. */
static int proc_open(sysfs_file_t *f)
{
    return process_tryref(f->priv) ? 0 : -ENOENT;
}

static void proc_close(sysfs_file_t *f)
{
    process_unref(f->priv);
}

/* Copies text[offset..] out, like a small read-only file. */
static int64_t text_read(const char *text, size_t len, void *buf, size_t size, uint64_t offset)
{
    if (offset >= len)
        return 0;
    size_t n = len - offset < size ? len - offset : size;
    memcpy(buf, text + offset, n);
    return (int64_t)n;
}

static int64_t status_read(sysfs_file_t *f, void *buf, size_t size, uint64_t offset)
{
    process_t *p = f->priv;
    char text[MAX_STATUS + 96];
    spinlock_lock(&p->lock);
    int n = p->exited ? fmt_snprintf(text, sizeof(text), "pid %ld\nstate exited\nstatus %s\n", p->pid, p->status)
                      : fmt_snprintf(text, sizeof(text), "pid %ld\nstate running\nthreads %u\n", p->pid,
                                     p->thread_count);
    spinlock_unlock(&p->lock);
    return text_read(text, (size_t)n, buf, size, offset);
}

static int64_t cmdline_read(sysfs_file_t *f, void *buf, size_t size, uint64_t offset)
{
    process_t *p = f->priv;
    if (offset >= p->cmdline_len)
        return 0;
    size_t n = p->cmdline_len - offset < size ? p->cmdline_len - offset : size;
    memcpy(buf, p->cmdline + offset, n);
    for (size_t i = 0; i < n; i++) /* NUL separators read as spaces, the last as a newline */
        if (((char *)buf)[i] == 0)
            ((char *)buf)[i] = offset + i + 1 == p->cmdline_len ? '\n' : ' ';
    return (int64_t)n;
}

static int64_t cwd_read(sysfs_file_t *f, void *buf, size_t size, uint64_t offset)
{
    process_t *p = f->priv;
    spinlock_lock(&p->lock);
    int64_t n = text_read(p->cwd, strlen(p->cwd), buf, size, offset);
    spinlock_unlock(&p->lock);
    return n;
}

static int64_t parent_read(sysfs_file_t *f, void *buf, size_t size, uint64_t offset)
{
    char text[24];
    int n = fmt_snprintf(text, sizeof(text), "%ld\n", process_parent_pid(f->priv));
    return text_read(text, (size_t)n, buf, size, offset);
}

static int64_t wait_read(sysfs_file_t *f, void *buf, size_t size, uint64_t offset)
{
    process_t *p = f->priv;
    if (!p->exited && (f->file->flags & PATH_FLAG_NONBLOCK))
        return -EAGAIN;
    int rc = process_wait(p, 0);
    if (rc)
        return rc;
    int64_t n = text_read(p->status, strlen(p->status), buf, size, offset);
    process_collect(p); /* the parent has its status: p may leave sys:/proc */
    return n;
}

/* ---- ctl ---- */

typedef struct ctl_cmd {
    int op; /* 0 wait, 1 kill, 2 prio */
    int arg;
} ctl_cmd_t;

static int ctl_parse_one(const char *s, size_t n, ctl_cmd_t *out)
{
    if (n == 4 && memcmp(s, "wait", 4) == 0)
        return out->op = 0, 0;
    if (n == 4 && memcmp(s, "kill", 4) == 0)
        return out->op = 1, 0;
    if (n > 5 && memcmp(s, "prio ", 5) == 0) {
        int v = 0;
        for (size_t i = 5; i < n; i++) {
            if (s[i] < '0' || s[i] > '9' || v > 100)
                return -EINVAL;
            v = v * 10 + (s[i] - '0');
        }
        if (v > THREAD_PRIO_MAX)
            return -EINVAL;
        out->op = 2;
        out->arg = v;
        return 0;
    }
    return -EINVAL;
}

#define CTL_MAX 16

static int ctl_parse(const char *s, size_t n, ctl_cmd_t *cmds, int *count)
{
    *count = 0;
    while (n && (s[n - 1] == '\n' || s[n - 1] == 0))
        n--; /* `echo wait > ctl` adds a newline */
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        int end = i == n || (i + 4 <= n && memcmp(s + i, " && ", 4) == 0);
        if (!end)
            continue;
        if (*count == CTL_MAX || ctl_parse_one(s + start, i - start, &cmds[*count]))
            return -EINVAL;
        (*count)++;
        start = i + 4;
        i += 3;
    }
    return *count ? 0 : -EINVAL;
}

static int may_control(process_t *target)
{
    process_t *self = process_current();
    if (!self)
        return 1; /* the kernel */
    return process_is_ancestor(self, target);
}

static int ctl_apply(process_t *p, const ctl_cmd_t *c)
{
    if (c->op == 0)
        return process_wait(p, 0);
    if (c->op == 1) {
        process_kill(p, "kill");
        return 0;
    }
    process_set_prio(p, c->arg);
    return 0;
}

static int64_t ctl_write(sysfs_file_t *f, const void *buf, size_t size, uint64_t offset)
{
    (void)offset;
    process_t *p = f->priv;
    ctl_cmd_t cmds[CTL_MAX];
    int count;
    if (!may_control(p))
        return -EACCES;
    if (ctl_parse(buf, size, cmds, &count))
        return -EINVAL;
    for (int i = 0; i < count; i++)
        if (cmds[i].op == 0 && p == process_current())
            return -EDEADLK; /* its own exit needs this very thread to end first */
    for (int i = 0; i < count; i++) {
        int rc = ctl_apply(p, &cmds[i]);
        if (rc)
            return rc;
    }
    return (int64_t)size;
}

static int64_t note_write(sysfs_file_t *f, const void *buf, size_t size, uint64_t offset)
{
    (void)offset;
    process_t *p = f->priv;
    if (!may_control(p))
        return -EACCES;
    const char *s = buf;
    while (size && (s[size - 1] == '\n' || s[size - 1] == 0))
        size--; /* `echo kill > note` */
    if (p->exited)
        return -ESRCH;
    int rc = note_post(p, s, size);
    return rc ? rc : (int64_t)size;
}

static const sysfs_ops_t note_ops = {.open = proc_open, .close = proc_close, .write = note_write};
static const sysfs_ops_t ctl_ops = {.open = proc_open, .close = proc_close, .write = ctl_write};
/* Readable once the process has exited; process_exit wakes exit_wq under p->lock. */
static int wait_poll(sysfs_file_t *f, file_poll_t *wait)
{
    process_t *p = f->priv;
    spinlock_lock(&p->lock);
    int mask = p->exited ? POLL_READ : 0;
    poll_register(wait, &p->exit_wq);
    spinlock_unlock(&p->lock);
    return mask;
}

static const sysfs_ops_t wait_ops = {.open = proc_open, .close = proc_close, .read = wait_read, .poll = wait_poll};
static const sysfs_ops_t status_ops = {.open = proc_open, .close = proc_close, .read = status_read};
static const sysfs_ops_t cmdline_ops = {.open = proc_open, .close = proc_close, .read = cmdline_read};
static const sysfs_ops_t cwd_ops = {.open = proc_open, .close = proc_close, .read = cwd_read};
static const sysfs_ops_t parent_ops = {.open = proc_open, .close = proc_close, .read = parent_read};

int procfs_add(process_t *p)
{
    char name[24];
    fmt_snprintf(name, sizeof(name), "%ld", p->pid);
    sysfs_dir_t *d = sysfs_mkdir(proc_dir, name);
    if (!d)
        return -ENOMEM;
    if (sysfs_add_file(d, "ctl", &ctl_ops, p) || sysfs_add_file(d, "wait", &wait_ops, p) ||
        sysfs_add_file(d, "status", &status_ops, p) || sysfs_add_file(d, "note", &note_ops, p) || sysfs_add_file(d, "cmdline", &cmdline_ops, p) ||
        sysfs_add_file(d, "cwd", &cwd_ops, p) || sysfs_add_file(d, "parent", &parent_ops, p)) {
        sysfs_remove(d);
        return -ENOMEM;
    }
    p->dir = d;
    return 0;
}

int procfs_rewrite_self(char *path, size_t size)
{
    static const char self[] = "sys:/proc/self";
    size_t n = sizeof(self) - 1, len = strlen(path);
    process_t *p = process_current();
    if (!p || len < n || memcmp(path, self, n) || (path[n] && path[n] != '/' && path[n] != '?'))
        return 0;
    char pid[24];
    int pl = fmt_snprintf(pid, sizeof(pid), "%ld", p->pid);
    if (len - 4 + (size_t)pl + 1 > size)
        return -ENAMETOOLONG;
    memmove(path + 10 + pl, path + n, len - n + 1);
    memcpy(path + 10, pid, (size_t)pl);
    return 0;
}

void procfs_init(void)
{
    list_init(&reap_list);
    waitq_init(&reap_wq);
    proc_dir = sysfs_mkdir(sysfs_root(), "proc");
    thread_t *t = thread_create("procfs-reaper", reaper, 0, THREAD_PRIO_NORMAL);
    if (!proc_dir || !t)
        panic("procfs: cannot create sys:/proc");
    thread_unref(t);
}
