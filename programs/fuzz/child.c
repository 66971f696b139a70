/*
 * child.c - the fuzzer's children: victims (this program in --victim mode, which may do
 * anything to itself), `true`, and spawns with random arguments that must fail. The
 * table of live children is shared by all threads under a small spin lock; the threads
 * write random ctl lines and notes to them, and the main thread kills those that
 * outlive CHILD_LIFETIME and reaps them through sys:/proc/<pid>/wait. Victims get
 * sys:/null as descriptors 0-2, so nothing they write reaches the console.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "calls.h"

#define PTR(p) ((uint64_t)(uintptr_t)(p))
#define CHILD_MAX 6
#define CHILD_LIFETIME (1500 * NS_PER_MS)

typedef struct child {
    pid_t pid;          /* 0: free */
    uint64_t started;   /* uptime() at spawn */
    bool killed;
    bool reaping;       /* the main thread may be collecting it: no longer ours */
} child_t;

static child_t children[CHILD_MAX]; /* child_lock */
static volatile int child_lock;

static void lock(void)
{
    while (__atomic_exchange_n(&child_lock, 1, __ATOMIC_ACQUIRE))
        yield();
}

static void unlock(void)
{
    __atomic_store_n(&child_lock, 0, __ATOMIC_RELEASE);
}

/* Claims a free slot (pid -1 until the spawn is done); -1 if none. */
static int child_claim(void)
{
    int slot = -1;
    lock();
    for (int i = 0; i < CHILD_MAX && slot < 0; i++)
        if (children[i].pid == 0)
            slot = i, children[i].pid = -1;
    unlock();
    return slot;
}

static void child_set(int slot, pid_t pid)
{
    lock();
    children[slot] = (child_t){pid > 0 ? pid : 0, uptime(), false, false};
    unlock();
}

/* A random live child's pid, or 0. */
static pid_t child_pick(fuzz_rng_t *r)
{
    pid_t pid = 0;
    lock();
    int i = (int)rng_below(r, CHILD_MAX);
    pid = children[i].pid > 0 ? children[i].pid : 0;
    unlock();
    return pid;
}

/* true if @pid is in the table and not being collected. */
static bool child_is_ours(pid_t pid)
{
    bool ours = false;
    lock();
    for (int i = 0; i < CHILD_MAX; i++)
        ours |= children[i].pid == pid && !children[i].reaping;
    unlock();
    return ours;
}

int child_count(void)
{
    int n = 0;
    lock();
    for (int i = 0; i < CHILD_MAX; i++)
        n += children[i].pid != 0;
    unlock();
    return n;
}

/* spawn with argv[0] from a list of things that are not programs, or a bad pointer. */
static void spawn_junk(fuzz_thread_t *t)
{
    static const char *const paths[] = {
        "nosuch:/x", "home:/cfg/init", "home:/bin", "sys:/zero", "sys:/null", "home:/", "",
        "home:/bin/\x01", "sys:/proc/self/status", "home:/bin/nosuch",
        "home:/bin/true?junk", "sys:/stat/mem", "home:/bin/../cfg",
    };
    fuzz_rng_t *r = &t->rng;
    const char **argv = (const char **)(t->buf + 1024);
    argv[0] = paths[rng_below(r, sizeof(paths) / sizeof(paths[0]))];
    argv[1] = rng_one_in(r, 2) ? (const char *)(uintptr_t)gen_ptr(t) : "x";
    argv[2] = NULL;
    uint64_t a = rng_one_in(r, 4) ? gen_ptr(t) : PTR(argv);
    int64_t rc = fuzz_do(t, SYS_spawn, a, rng_one_in(r, 2) ? 0 : gen_ptr(t),
                         rng_one_in(r, 2) ? 0 : gen_ptr(t), rng_one_in(r, 2) ? 0 : gen_ptr(t), 0, 0);
    if (rc >= 0) {
        fuzz_fail(t, "spawn of %s started process %ld", a == PTR(argv) ? argv[0] : "(junk argv)", rc);
        FUZZ_CALL3(SYS_process_exit, 0, 0, 0); /* unreachable in a sane kernel */
    }
}

/* Builds argv for `true` with random arguments, or for a victim. */
static int child_argv(fuzz_thread_t *t, const char **argv, char *strings, bool victim)
{
    fuzz_rng_t *r = &t->rng;
    int n = 0;
    if (victim) {
        argv[n++] = fuzz_config.self;
        argv[n++] = "--victim";
        snprintf(strings, 48, "%lu", rng_next(r));
        argv[n++] = "--seed";
        argv[n++] = strings;
        argv[n++] = "--scratch";
        argv[n++] = t->scratch;
    } else {
        argv[n++] = "home:/bin/true";
        int extra = rng_one_in(r, 8) ? MAX_ARGS + 1 - n - (int)rng_below(r, 3) : (int)rng_below(r, 4);
        for (int i = 0; i < extra; i++)
            argv[n++] = rng_one_in(r, 3) ? "" : (const char *)t->buf + 8192 + rng_below(r, 4096);
        t->buf[8192 + 4096] = 0;
    }
    argv[n] = NULL;
    return n;
}

void child_spawn(fuzz_thread_t *t)
{
    fuzz_rng_t *r = &t->rng;
    int slot = rng_one_in(r, 6) ? child_claim() : -1; /* real children are expensive */
    if (slot < 0) {
        spawn_junk(t);
        return;
    }
    bool victim = !fuzz_config.victim && rng_one_in(r, 3);
    const char *argv[MAX_ARGS + 2];
    char seed[48];
    child_argv(t, argv, seed, victim);
    spawn_fd_t fds[8] = {{0, fuzz_null_fd}, {1, fuzz_null_fd}, {2, fuzz_null_fd}, {SPAWN_FD_END, 0}};
    if (!victim && rng_one_in(r, 2)) /* `true` writes nothing: any descriptors, good or bad */
        for (int i = 0; i < 7; i++)
            fds[i] = (spawn_fd_t){i == 6 || rng_one_in(r, 6) ? SPAWN_FD_END : (fd_t)rng_below(r, MAX_FDS + 2) - 1,
                                  rng_one_in(r, 2) ? gen_fd(t, false) : (fd_t)rng_below(r, MAX_FDS + 2) - 1};
    spawn_attr_t attr = {(int32_t)rng_below(r, 40), rng_one_in(r, 8) ? 1u : 0u};
    char *junk_cwd = (char *)t->buf + FUZZ_BUF_SIZE / 2;
    uint64_t cwd = PTR(t->scratch); /* a victim's relative paths stay in the scratch tree */
    if (!victim && rng_one_in(r, 2)) { /* any directory, or a path that is none: spawn must check it */
        gen_path_ro(t, junk_cwd, MAX_PATH + 16);
        cwd = PTR(junk_cwd);
    }
    int64_t rc = fuzz_do(t, SYS_spawn, PTR(argv), PTR(fds), cwd, rng_one_in(r, 2) ? 0 : PTR(&attr), 0, 0);
    child_set(slot, rc > 0 ? rc : 0);
    if (rc > 0)
        t->stats.spawned++;
}

/* Writes @len bytes of @text to sys:/proc/<pid>/<file>; the write's result. */
static int64_t proc_write(fuzz_thread_t *t, pid_t pid, const char *file, const char *text, size_t len)
{
    char path[64];
    snprintf(path, sizeof(path), "sys:/proc/%ld/%s", (long)pid, file);
    int64_t fd = fuzz_do(t, SYS_open, PTR(path), 0, 0, 0, 0, 0);
    if (fd < 0)
        return fd;
    int64_t rc = fuzz_do(t, SYS_write, (uint64_t)fd, PTR(text), len, 0, 0, 0);
    fuzz_do(t, SYS_close, (uint64_t)fd, 0, 0, 0, 0, 0);
    return rc;
}

/* A length for @text: its own, with the NUL, shorter, or random. */
static size_t text_len(fuzz_rng_t *r, const char *text, size_t size)
{
    size_t n = strlen(text);
    switch (rng_below(r, 6)) {
    case 0: return n + 1;
    case 1: return n ? rng_below(r, n) : 0;
    case 2: return rng_below(r, size);
    default: return n;
    }
}

/* Reads one of a process's files without waiting; its wait file only if @ours is
 * false (reading it collects a child of ours: only the main thread does that). */
static void child_read(fuzz_thread_t *t, pid_t pid, bool ours)
{
    static const char *const files[] = {"status", "cmdline", "cwd", "wait?nonblock"};
    char path[64];
    snprintf(path, sizeof(path), "sys:/proc/%ld/%s", (long)pid, files[rng_below(&t->rng, ours ? 3 : 4)]);
    int64_t fd = fuzz_do(t, SYS_open, PTR(path), 0, 0, 0, 0, 0);
    if (fd < 0)
        return;
    fuzz_do(t, SYS_read, (uint64_t)fd, PTR(t->buf), rng_below(&t->rng, 300), 0, 0, 0);
    fuzz_do(t, SYS_close, (uint64_t)fd, 0, 0, 0, 0, 0);
}

void child_poke(fuzz_thread_t *t)
{
    fuzz_rng_t *r = &t->rng;
    pid_t pid = child_pick(r);
    if (!pid) {
        pid = rng_one_in(r, 4) ? 1 : 1 + (pid_t)rng_below(r, 64); /* anyone's: reads are allowed */
        child_read(t, pid, pid != 1); /* init's wait file: must not collect it, nor wait */
        return;
    }
    char text[256];
    int64_t rc;
    switch (rng_below(r, 3)) {
    case 0:
        gen_ctl(r, text, sizeof(text));
        rc = proc_write(t, pid, "ctl", text, text_len(r, text, sizeof(text)));
        break;
    case 1:
        gen_note(r, text, sizeof(text));
        rc = proc_write(t, pid, "note", text, text_len(r, text, sizeof(text)));
        break;
    default:
        child_read(t, pid, true);
        return;
    }
    if (rc == -EACCES && child_is_ours(pid))
        fuzz_fail(t, "a write to our child %ld's ctl or note was refused", (long)pid);
    if (rc > 0)
        t->stats.notes_sent++;
}

void child_poke_ancestor(fuzz_thread_t *t)
{
    fuzz_rng_t *r = &t->rng;
    char text[256];
    bool note = rng_one_in(r, 2);
    if (note)
        gen_note(r, text, sizeof(text));
    else
        gen_ctl(r, text, sizeof(text));
    int64_t rc = proc_write(t, 1, note ? "note" : "ctl", text, text_len(r, text, sizeof(text)));
    if (rc != -EACCES && rc != -ENOENT && rc != -EMFILE)
        fuzz_fail(t, "a write of %s to init returned %ld, not -EACCES", note ? "a note" : "a ctl line", rc);
}

/* Reaps @c if it exited; kills it if it is too old (or @all). Called without child_lock. */
static bool child_check(child_t *c, bool all)
{
    char path[64], status[MAX_STATUS];
    snprintf(path, sizeof(path), "sys:/proc/%ld/wait?nonblock", (long)c->pid);
    fd_t fd = open(path);
    if (fd == ERR)
        return errno == ENOENT; /* gone: someone (nobody should) collected it */
    struct pollfd pfd = {fd, POLL_READ, 0, 0};
    int64_t n = -1;
    if (poll(&pfd, 1, 0) == 1) { /* exited: from the read on, it is nobody's child */
        c->reaping = true;
        lock();
        for (int i = 0; i < CHILD_MAX; i++)
            children[i].reaping |= children[i].pid == c->pid;
        unlock();
        n = read(fd, status, sizeof(status) - 1);
    }
    close(fd);
    if (n >= 0)
        return true;
    if ((all || uptime() - c->started > CHILD_LIFETIME) && !c->killed) {
        snprintf(path, sizeof(path), "sys:/proc/%ld/ctl", (long)c->pid);
        fd = open(path);
        if (fd != ERR && write(fd, "kill", 4) == 4)
            c->killed = true;
        if (fd != ERR)
            close(fd);
    }
    return false;
}

void child_maintain(bool all)
{
    for (int i = 0; i < CHILD_MAX; i++) {
        lock();
        child_t c = children[i];
        unlock();
        if (c.pid <= 0)
            continue;
        bool gone = child_check(&c, all);
        lock();
        if (children[i].pid == c.pid)
            children[i] = gone ? (child_t){0, 0, false, false} : c;
        unlock();
    }
}

void op_spawn(fuzz_thread_t *t)
{
    child_spawn(t);
}

void op_poke(fuzz_thread_t *t)
{
    child_poke(t);
}

void op_ancestor(fuzz_thread_t *t)
{
    child_poke_ancestor(t);
}
