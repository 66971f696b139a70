/*
 * calls_misc.c - the fuzzer's per-thread set-up and tear-down, and the operations that
 * need a little state: short-lived threads, notes and ctl lines to ourselves (our
 * handler only counts them, so a blocked call returns EINTR and goes on), and local
 * sockets driven through their ctl, data and accept files.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "calls.h"

#define PTR(p) ((uint64_t)(uintptr_t)(p))
#define LIFE_MAX 3 /* short-lived threads alive at once */

static volatile int lives; /* atomic: short-lived threads running */

bool calls_setup(fuzz_thread_t *t)
{
    for (int i = 0; i < FUZZ_POOL; i++)
        t->pool[i] = (fuzz_fd_t){-1, 0};
    t->pool_size = FUZZ_POOL_FDS / fuzz_config.threads;
    t->pool_size = t->pool_size > FUZZ_POOL ? FUZZ_POOL : t->pool_size < 4 ? 4 : t->pool_size;
    snprintf(t->scratch, sizeof(t->scratch), "%s/t%d", fuzz_config.scratch, t->index);
    if (mkdir(t->scratch) == ERR && errno != EEXIST)
        return false;
    if (!mem_setup(t))
        return false;
    for (int i = 0; i < FUZZ_POOL / 2; i++)
        calls_one(t); /* anything; the pool fills as it goes */
    return true;
}

/* One pass over the directory @path: removes what it can. Returns the entries seen. */
static int remove_pass(const char *path, int depth)
{
    fd_t dir = open(path);
    if (dir == ERR)
        return 0;
    dirent_t e[8];
    int64_t n;
    int seen = 0;
    char child[300];
    while ((n = getdirent(dir, e, 8)) > 0) {
        for (int64_t i = 0; i < n; i++) {
            if (strcmp(e[i].name, ".") == 0 || strcmp(e[i].name, "..") == 0)
                continue;
            seen++;
            snprintf(child, sizeof(child), "%s/%s", path, e[i].name);
            if (e[i].type == STAT_DIR)
                calls_remove_tree(child, depth + 1);
            else
                remove(child);
        }
    }
    close(dir);
    return seen;
}

void calls_remove_tree(const char *path, int depth)
{
    /* removing while reading a directory may skip entries: pass until nothing is left */
    for (int pass = 0; depth < 8 && pass < 16 && remove_pass(path, depth) > 0; pass++)
        ;
    remove(path);
}

void calls_print_tree(const char *path, int depth)
{
    fd_t dir = depth < 8 ? open(path) : ERR;
    if (dir == ERR)
        return;
    dirent_t e[8];
    int64_t n;
    char child[300];
    while ((n = getdirent(dir, e, 8)) > 0) {
        for (int64_t i = 0; i < n; i++) {
            snprintf(child, sizeof(child), "%s/%s", path, e[i].name);
            dprintf(STDERR_FILENO, "fuzz:   %s%s\n", child, e[i].type == STAT_DIR ? "/" : "");
            if (e[i].type == STAT_DIR && strcmp(e[i].name, ".") && strcmp(e[i].name, ".."))
                calls_print_tree(child, depth + 1);
        }
    }
    close(dir);
}

void calls_teardown(fuzz_thread_t *t)
{
    for (int i = 0; i < FUZZ_POOL; i++)
        if (t->pool[i].fd >= 0)
            close(t->pool[i].fd);
    mem_teardown(t);
}

/* ---- short-lived threads ---- */

static void life_entry(void *arg)
{
    uint64_t seed = (uint64_t)(uintptr_t)arg;
    for (int i = 0; i < 1 + (int)(seed % 8); i++) {
        FUZZ_CALL3(SYS_gettid, 0, 0, 0);
        FUZZ_CALL3(SYS_yield, 0, 0, 0);
        FUZZ_CALL3(SYS_futex, (uint64_t)(uintptr_t)&lives, 1, FUTEX_WAKE);
    }
    __atomic_fetch_sub(&lives, 1, __ATOMIC_RELAXED);
}

void op_thread_life(fuzz_thread_t *t)
{
    if (rng_one_in(&t->rng, 2))
        return; /* a thread costs a 264 KiB zeroed mapping: half as often as the weight says */
    if (__atomic_fetch_add(&lives, 1, __ATOMIC_RELAXED) >= LIFE_MAX) {
        __atomic_fetch_sub(&lives, 1, __ATOMIC_RELAXED);
        return;
    }
    t->stats.calls++;
    if (thread_create(life_entry, (void *)(uintptr_t)rng_next(&t->rng)) == ERR)
        __atomic_fetch_sub(&lives, 1, __ATOMIC_RELAXED);
    else
        t->stats.ok++;
}

/* ---- notes and ctl lines to ourselves ---- */

/* sys:/stat/mem takes `trim` (the caches give back their memory) while we run. */
static void stat_trim(fuzz_thread_t *t)
{
    static const char *const cmds[] = {"trim", "trim\n", "trim ", "junk", "tri", "trimtrim"};
    const char *c = cmds[rng_below(&t->rng, 6)];
    int64_t fd = fuzz_do(t, SYS_open, PTR("sys:/stat/mem"), 0, 0, 0, 0, 0);
    if (fd < 0)
        return;
    int64_t rc = fuzz_do(t, SYS_write, (uint64_t)fd, PTR(c), strlen(c), 0, 0, 0);
    fuzz_do(t, SYS_close, (uint64_t)fd, 0, 0, 0, 0, 0);
    bool good = strcmp(c, "trim") == 0 || strcmp(c, "trim\n") == 0;
    if (good ? rc != (int64_t)strlen(c) : rc != -EINVAL)
        fuzz_fail(t, "writing '%s' to sys:/stat/mem returned %ld", c, rc);
}

void op_self_note(fuzz_thread_t *t)
{
    if (rng_one_in(&t->rng, 4)) {
        stat_trim(t);
        return;
    }
    static const char *const notes[] = {"interrupt", "alarm", "hangup", "fuzz", "interrupt again"};
    static const char *const ctls[] = {"prio 16", "prio 15 && prio 16", "prio 99", "nonsense", "prio 16 && bogus"};
    bool ctl = rng_one_in(&t->rng, 2);
    const char *text = ctl ? ctls[rng_below(&t->rng, 5)] : notes[rng_below(&t->rng, 5)];
    if (ctl && rng_one_in(&t->rng, 4))
        text = "wait"; /* a process waiting for itself: must fail, not hang */
    int64_t fd = fuzz_do(t, SYS_open, PTR(ctl ? "sys:/proc/self/ctl" : "sys:/proc/self/note"), 0, 0, 0, 0, 0);
    if (fd < 0) {
        if (fd != -EMFILE) /* other threads may hold every descriptor for a moment */
            fuzz_fail(t, "open of our own %s failed: %ld", ctl ? "ctl" : "note", fd);
        return;
    }
    size_t len = strlen(text);
    int64_t rc = fuzz_do(t, SYS_write, (uint64_t)fd, PTR(text), len, 0, 0, 0);
    fuzz_do(t, SYS_close, (uint64_t)fd, 0, 0, 0, 0, 0);
    bool good = !ctl || strcmp(text, "prio 16") == 0 || strcmp(text, "prio 15 && prio 16") == 0;
    if (strcmp(text, "wait") == 0 ? rc != -EDEADLK : good ? rc != (int64_t)len && rc != -EINTR : rc != -EINVAL)
        fuzz_fail(t, "writing '%s' to our own %s returned %ld", text, ctl ? "ctl" : "note", rc);
}

/* ---- local sockets ---- */

/* Opens sys:/net/local/<id>/<file>; the descriptor or an error. */
static int64_t socket_file(fuzz_thread_t *t, const char *id, const char *file)
{
    char path[96];
    snprintf(path, sizeof(path), "sys:/net/local/%s/%s", id, file);
    return fuzz_do(t, SYS_open, PTR(path), 0, 0, 0, 0, 0);
}

static void socket_ctl(fuzz_thread_t *t, const char *id)
{
    char line[160];
    long name = (long)rng_below(&t->rng, 4);
    long pid = (long)getpid();
    switch (rng_below(&t->rng, 6)) {
    case 0: snprintf(line, sizeof(line), "bind fz%ld-%d-%ld", pid, t->index, name); break;
    case 1: snprintf(line, sizeof(line), "listen"); break;
    case 2: snprintf(line, sizeof(line), "connect fz%ld-%d-%ld", pid, t->index, name); break;
    case 3: snprintf(line, sizeof(line), "connect fz%ld-%ld-%ld", pid, (long)rng_below(&t->rng, 4), name); break;
    case 4: gen_ctl(&t->rng, line, sizeof(line)); break;
    default: gen_note(&t->rng, line, sizeof(line)); break;
    }
    int64_t fd = socket_file(t, id, "ctl");
    if (fd < 0)
        return;
    fuzz_do(t, SYS_write, (uint64_t)fd, PTR(line), strlen(line) + rng_below(&t->rng, 2), 0, 0, 0);
    fuzz_do(t, SYS_close, (uint64_t)fd, 0, 0, 0, 0, 0);
}

void op_socket(fuzz_thread_t *t)
{
    int64_t h = fuzz_do(t, SYS_open, PTR("sys:/net/local/new?nonblock"), 0, 0, 0, 0, 0);
    if (h < 0)
        return;
    char id[64];
    int64_t n = fuzz_do(t, SYS_read, (uint64_t)h, PTR(id), sizeof(id) - 1, 0, 0, 0);
    id[n > 0 ? n : 0] = '\0';
    for (char *p = id; *p; p++)
        if (*p == '\n')
            *p = '\0';
    for (int k = (int)rng_below(&t->rng, 4); k >= 0; k--)
        socket_ctl(t, id);
    const char *file = rng_one_in(&t->rng, 2) ? "data?nonblock" : "accept?nonblock";
    int64_t fd = socket_file(t, id, file);
    if (fd >= 0 && rng_one_in(&t->rng, 2))
        fuzz_do(t, SYS_write, (uint64_t)fd, PTR(t->buf), rng_below(&t->rng, 200), 0, 0, 0);
    if (fd >= 0 && rng_one_in(&t->rng, 2))
        fuzz_do(t, SYS_read, (uint64_t)fd, PTR(t->buf), rng_below(&t->rng, 200), 0, 0, 0);
    if (fd >= 0 && rng_one_in(&t->rng, 2))
        pool_add(t, fd, FUZZ_FD_WRITE);
    else if (fd >= 0)
        fuzz_do(t, SYS_close, (uint64_t)fd, 0, 0, 0, 0, 0);
    if (rng_one_in(&t->rng, 2))
        pool_add(t, h, FUZZ_FD_WRITE); /* keeps the socket (and its name) for a while */
    else
        fuzz_do(t, SYS_close, (uint64_t)h, 0, 0, 0, 0, 0);
}
