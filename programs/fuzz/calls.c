/*
 * calls.c - one fuzzing step of a thread in the main (non-victim) mode: a random system
 * call of every number in include/abi/syscall.h, and unknown numbers, with random and
 * boundary arguments. What could end this process or harm the test environment is
 * shaped so it cannot: exits, random thread entries and note handlers only in victims
 * (victim.c); files are created, written, renamed and removed only under the thread's
 * scratch directory; paths outside it are only stat'ed, opened without create, truncate
 * or append, and read; memory is mapped, unmapped and protected only in the thread's
 * own arena; descriptors 0-2 and other threads' descriptors are never closed; a call
 * that could block forever gets a short timeout or a nonblocking descriptor.
 * Results that can only be one error are checked (fuzz_fail).
 */
#include <abi/errno.h>
#include <abi/fb.h>
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "fuzz.h"
#include "calls.h"

#define PTR(p) ((uint64_t)(uintptr_t)(p))

/* ---- the descriptor pool ---- */

int pool_free_slot(fuzz_thread_t *t)
{
    for (int i = 0; i < t->pool_size; i++)
        if (t->pool[i].fd < 0)
            return i;
    return -1;
}

void pool_add(fuzz_thread_t *t, fd_t fd, unsigned flags)
{
    int i = pool_free_slot(t);
    if (i < 0) {
        i = (int)rng_below(&t->rng, (uint64_t)t->pool_size);
        fuzz_do(t, SYS_close, (uint64_t)t->pool[i].fd, 0, 0, 0, 0, 0);
    }
    t->pool[i] = (fuzz_fd_t){fd, flags};
}

fuzz_fd_t *pool_pick(fuzz_thread_t *t)
{
    return &t->pool[rng_below(&t->rng, (uint64_t)t->pool_size)];
}

/* Forget @fd after a close or a dup2 over it. */
static void pool_forget(fuzz_thread_t *t, fd_t fd)
{
    for (int i = 0; i < t->pool_size; i++)
        if (t->pool[i].fd == fd)
            t->pool[i] = (fuzz_fd_t){-1, 0};
}

static fuzz_fd_t *pool_find(fuzz_thread_t *t, fd_t fd)
{
    for (int i = 0; i < t->pool_size; i++)
        if (fd >= 0 && t->pool[i].fd == fd)
            return &t->pool[i];
    return 0;
}

/* Opens one of the files we may write: a scratch file, a pipe end, a socket, null,
 * zero, a shared-memory object, the framebuffer (whose pixels nobody checks). */
static void pool_open_writable(fuzz_thread_t *t)
{
    char path[160];
    fd_t fds[2];
    int64_t rc;
    switch (rng_below(&t->rng, 8)) {
    case 0:
        snprintf(path, sizeof(path), "%s/f%d?create", t->scratch, (int)rng_below(&t->rng, 4));
        break;
    case 7: strcpy(path, "sys:/fb0"); break; /* ioctl, mmap; writes must be refused */
    case 1:
        rc = fuzz_do(t, SYS_open2, PTR("sys:/pipe/new?nonblock"), PTR(fds), 0, 0, 0, 0);
        if (rc == 0) {
            pool_add(t, fds[0], FUZZ_FD_WRITE);
            pool_add(t, fds[1], FUZZ_FD_WRITE);
        }
        return;
    case 2: strcpy(path, "sys:/null"); break;
    case 3: strcpy(path, "sys:/zero"); break;
    case 4: strcpy(path, "sys:/net/local/new?nonblock"); break;
    case 5: strcpy(path, "sys:/shmem/new"); break;
    default:
        snprintf(path, sizeof(path), "%s/d%d?create&directory", t->scratch, (int)rng_below(&t->rng, 2));
        break;
    }
    rc = fuzz_do(t, SYS_open, PTR(path), 0, 0, 0, 0, 0);
    if (rc >= 0)
        pool_add(t, rc, FUZZ_FD_WRITE);
}

/* ---- helpers ---- */

/* true if a read on a descriptor opened from @path can never wait. */
static bool path_never_blocks(const char *path)
{
    return strncmp(path, "home:", 5) == 0 || strstr(path, "?nonblock") || strstr(path, "&nonblock");
}

/* A pointer to a path: usually @path, sometimes a bad pointer or a string that runs
 * into an unmapped page without its NUL. */
static uint64_t path_arg(fuzz_thread_t *t, const char *path)
{
    switch (rng_below(&t->rng, 16)) {
    case 0: return gen_ptr(t); /* whatever is there */
    case 1: { /* no NUL before the unmapped page */
        size_t n = 1 + rng_below(&t->rng, 64);
        memset(t->edge - n + 1, 'a', n);
        return PTR(t->edge - n + 1);
    }
    default: return PTR(path);
    }
}

/* ---- one operation per kind of call ---- */

static void op_unknown(fuzz_thread_t *t)
{
    uint64_t n = rng_one_in(&t->rng, 2) ? FUZZ_SYSCALL_UNKNOWN + rng_below(&t->rng, 300) : gen_int(&t->rng);
    if (n < FUZZ_SYSCALL_UNKNOWN)
        n += FUZZ_SYSCALL_UNKNOWN;
    fuzz_rng_t *r = &t->rng;
    int64_t rc = fuzz_do(t, n, gen_int(r), gen_int(r), gen_int(r), gen_int(r), gen_int(r), gen_int(r));
    if (rc != -ENOSYS)
        fuzz_fail(t, "unknown system call %#lx returned %ld, not -ENOSYS", n, rc);
}

static void op_trivial(fuzz_thread_t *t)
{
    static const uint64_t nums[] = {SYS_uptime, SYS_epoch, SYS_getpid, SYS_gettid, SYS_yield};
    fuzz_rng_t *r = &t->rng;
    uint64_t n = nums[rng_below(r, 5)];
    int64_t rc = fuzz_do(t, n, gen_int(r), gen_int(r), gen_int(r), gen_int(r), gen_int(r), gen_int(r));
    if (n == SYS_getpid && rc != getpid())
        fuzz_fail(t, "getpid with junk arguments returned %ld", rc);
    if ((n == SYS_uptime || n == SYS_epoch || n == SYS_gettid) && rc <= 0)
        fuzz_fail(t, "call %lu returned %ld", n, rc);
}

static void op_sleep(fuzz_thread_t *t)
{
    uint64_t ns = rng_one_in(&t->rng, 2) ? 0 : rng_below(&t->rng, 20000);
    fuzz_do(t, SYS_sleep, ns, gen_int(&t->rng), 0, 0, 0, 0);
}

static void op_futex(fuzz_thread_t *t)
{
    fuzz_rng_t *r = &t->rng;
    uint64_t addr = rng_one_in(r, 3) ? PTR(t->buf) + rng_below(r, 64) : gen_ptr(t);
    uint64_t op = rng_below(r, 8) < 6 ? rng_below(r, 2) : gen_int(r);
    uint64_t val = rng_one_in(r, 2) ? 0 : gen_int(r);
    uint64_t timeout = 1 + rng_below(r, rng_one_in(r, 8) ? 200000 : 5000); /* never 0 (= forever) */
    int64_t rc = fuzz_do(t, SYS_futex, addr, val, op, timeout, 0, 0);
    if (op > 1 && rc == 0)
        fuzz_fail(t, "futex op %lu accepted", op);
}

static void op_open_ro(fuzz_thread_t *t)
{
    char *path = (char *)t->buf + FUZZ_BUF_SIZE / 2;
    gen_path_ro(t, path, MAX_PATH + 16);
    int64_t rc = fuzz_do(t, SYS_open, path_arg(t, path), 0, 0, 0, 0, 0);
    if (rc < 0)
        return;
    if (rng_one_in(&t->rng, 3))
        fuzz_do(t, SYS_close, (uint64_t)rc, 0, 0, 0, 0, 0);
    else
        pool_add(t, rc, FUZZ_FD_RO | (path_never_blocks(path) ? 0 : FUZZ_FD_BLOCKS));
}

static void op_open_scratch(fuzz_thread_t *t)
{
    if (rng_one_in(&t->rng, 2)) {
        pool_open_writable(t);
        return;
    }
    char path[256];
    gen_path_scratch(t, path, sizeof(path));
    int64_t rc = fuzz_do(t, SYS_open, PTR(path), 0, 0, 0, 0, 0);
    if (rc >= 0)
        pool_add(t, rc, FUZZ_FD_WRITE);
}

static void op_open2(fuzz_thread_t *t)
{
    static const char *const paths[] = {"sys:/pipe/new", "sys:/pipe/new?nonblock", "sys:/null",
                                        "home:/bin", "sys:/pipe/new?create", "sys:/pipe"};
    const char *path = paths[rng_below(&t->rng, 6)];
    uint64_t out = rng_one_in(&t->rng, 2) ? PTR(t->buf) : gen_out_ptr(t);
    int64_t rc = fuzz_do(t, SYS_open2, path_arg(t, path), out, 0, 0, 0, 0);
    bool in_buf = out >= PTR(t->buf) && out + 16 <= PTR(t->buf) + FUZZ_BUF_SIZE;
    bool in_edge = out > PTR(t->edge) - 4096 && out + 16 <= PTR(t->edge) + 1;
    if (rc == 0 && (in_buf || in_edge)) {
        fd_t fds[2];
        memcpy(fds, (void *)(uintptr_t)out, sizeof(fds));
        unsigned fl = FUZZ_FD_WRITE | (strstr(path, "nonblock") ? 0 : FUZZ_FD_BLOCKS);
        pool_add(t, fds[0], fl);
        pool_add(t, fds[1], fl);
    } else if (rc == 0) {
        fuzz_fail(t, "open2 of %s succeeded into an unwritable array %#lx", path, out);
    }
}

static void op_close(fuzz_thread_t *t)
{
    fd_t fd = gen_fd(t, false);
    int64_t rc = fuzz_do(t, SYS_close, (uint64_t)fd, 0, 0, 0, 0, 0);
    if (rc == 0)
        pool_forget(t, fd);
    if (rc == 0 && (fd < 0 || fd >= MAX_FDS))
        fuzz_fail(t, "close(%ld) succeeded", fd);
}

/* read or write on a descriptor of the pool, or on a bad one */
static void op_rw(fuzz_thread_t *t, bool writing)
{
    fuzz_rng_t *r = &t->rng;
    fuzz_fd_t *e = pool_pick(t);
    fd_t fd = rng_one_in(r, 8) ? gen_fd(t, false) : e->fd;
    fuzz_fd_t *fe = pool_find(t, fd);
    if (fe && (fe->flags & FUZZ_FD_BLOCKS))
        return; /* poll covers it */
    if (writing && fe && !(fe->flags & FUZZ_FD_WRITE))
        writing = false;
    uint64_t len = gen_len(r), ptr = writing ? gen_ptr(t) : gen_out_ptr(t);
    if (ptr >= PTR(t->buf) && ptr < PTR(t->buf) + FUZZ_BUF_SIZE && len <= (1ull << 40)) {
        uint64_t room = PTR(t->buf) + FUZZ_BUF_SIZE - ptr; /* never past our buffer */
        len = len < room ? len : room;
    }
    if (writing && fe && rng_one_in(r, 2))
        gen_bytes(r, t->buf, 256);
    int64_t rc = fuzz_do(t, writing ? SYS_write : SYS_read, (uint64_t)fd, ptr, len, 0, 0, 0);
    if (rc > 0 && (uint64_t)rc > len)
        fuzz_fail(t, "%s of %lu bytes returned %ld", writing ? "write" : "read", len, rc);
}

static void op_read(fuzz_thread_t *t)
{
    op_rw(t, false);
}

static void op_write(fuzz_thread_t *t)
{
    op_rw(t, true);
}

static void op_seek(fuzz_thread_t *t)
{
    fuzz_rng_t *r = &t->rng;
    uint64_t origin = rng_below(r, 5) < 4 ? rng_below(r, 4) : gen_int(r);
    uint64_t off = rng_one_in(r, 2) ? rng_below(r, 100000) : gen_int(r);
    int64_t rc = fuzz_do(t, SYS_seek, (uint64_t)gen_fd(t, false), off, origin, 0, 0, 0);
    if (rc >= 0 && origin > 2)
        fuzz_fail(t, "seek with origin %lu returned %ld", origin, rc);
}

static void op_dup(fuzz_thread_t *t)
{
    fd_t old = gen_fd(t, false);
    fuzz_fd_t *e = pool_find(t, old);
    if (rng_one_in(&t->rng, 2)) {
        int64_t rc = fuzz_do(t, SYS_dup, (uint64_t)old, 0, 0, 0, 0, 0);
        if (rc >= 0 && !e)
            fuzz_fail(t, "dup(%ld) of a descriptor not open returned %ld", old, rc);
        if (rc >= 0)
            pool_add(t, rc, e ? e->flags : 0);
        return;
    }
    fd_t new = rng_one_in(&t->rng, 4) ? gen_fd(t, false) : pool_pick(t)->fd;
    unsigned flags = e ? e->flags : 0;
    int64_t rc = fuzz_do(t, SYS_dup2, (uint64_t)old, (uint64_t)new, 0, 0, 0, 0);
    if (rc >= 0 && rc != new)
        fuzz_fail(t, "dup2(%ld, %ld) returned %ld", old, new, rc);
    if (rc >= 0 && old != new) {
        pool_forget(t, new);
        pool_add(t, new, flags);
    }
}

static void op_stat(fuzz_thread_t *t)
{
    char path[MAX_PATH + 16];
    if (rng_one_in(&t->rng, 3))
        gen_path_scratch(t, path, sizeof(path));
    else
        gen_path_ro(t, path, sizeof(path));
    fuzz_do(t, SYS_stat, path_arg(t, path), gen_out_ptr(t), 0, 0, 0, 0);
}

static void op_getdirent(fuzz_thread_t *t)
{
    uint64_t ptr = gen_out_ptr(t), n = rng_one_in(&t->rng, 4) ? gen_int(&t->rng) : rng_below(&t->rng, 8);
    if (ptr >= PTR(t->buf) && ptr < PTR(t->buf) + FUZZ_BUF_SIZE && n > 200)
        n = 200; /* 200 entries fit in our buffer */
    fuzz_do(t, SYS_getdirent, (uint64_t)gen_fd(t, false), ptr, n, 0, 0, 0);
}

/* mkdir, remove, rename, link: under the scratch directory, or paths that cannot name
 * anything removable (other labels' trees must refuse) */
static void op_namespace(fuzz_thread_t *t)
{
    char a[256], b[256];
    gen_path_scratch(t, a, sizeof(a));
    gen_path_scratch(t, b, sizeof(b));
    if (rng_one_in(&t->rng, 8)) { /* the sys: tree must refuse every change */
        char *sys = rng_one_in(&t->rng, 2) ? a : b;
        snprintf(sys, sizeof(a), "sys:/%s", rng_one_in(&t->rng, 2) ? "proc/1" : "stat/mem");
    }
    static const uint64_t nums[] = {SYS_mkdir, SYS_remove, SYS_rename, SYS_link};
    uint64_t n = nums[rng_below(&t->rng, 4)];
    int64_t rc = fuzz_do(t, n, PTR(a), PTR(b), 0, 0, 0, 0);
    bool sys = strncmp(a, "sys:", 4) == 0 || (n >= SYS_rename && strncmp(b, "sys:", 4) == 0);
    if (sys && rc == 0)
        fuzz_fail(t, "call %lu on %s, %s changed the sys: tree", n, a, b);
}

static void op_chdir(fuzz_thread_t *t)
{
    char path[MAX_PATH + 16];
    if (rng_one_in(&t->rng, 2))
        gen_path_scratch(t, path, 256);
    else
        gen_path_ro(t, path, sizeof(path));
    fuzz_do(t, SYS_chdir, path_arg(t, path), 0, 0, 0, 0, 0);
}

static void op_ioctl(fuzz_thread_t *t)
{
    fuzz_rng_t *r = &t->rng;
    uint64_t size = rng_one_in(r, 4) ? gen_len(r) : rng_below(r, 64);
    uint64_t arg = rng_one_in(r, 2) ? PTR(t->buf) : gen_out_ptr(t);
    if (arg >= PTR(t->buf) && arg < PTR(t->buf) + FUZZ_BUF_SIZE && size > 4096 && size < 8192)
        size = 4096; /* 4096 fits; above 4096 the kernel must refuse before touching it */
    uint64_t req = rng_one_in(r, 3) ? rng_below(r, 8) : rng_one_in(r, 2) ? FB_IOCTL_INFO : gen_int(r);
    if (req == FB_IOCTL_INFO && rng_one_in(r, 2))
        size = sizeof(fb_info_t) - 1 + rng_below(r, 3); /* the right size, and one off */
    fuzz_do(t, SYS_ioctl, (uint64_t)gen_fd(t, false), req, arg, size, 0, 0);
}

static void op_poll(fuzz_thread_t *t)
{
    fuzz_rng_t *r = &t->rng;
    uint64_t n = rng_one_in(r, 8) ? gen_int(r) : rng_below(r, 12);
    if (n > 64 && n <= POLL_MAX + 4)
        n = POLL_MAX - 2 + rng_below(r, 6); /* around the limit */
    pollfd_t *fds = (pollfd_t *)t->buf;
    for (uint64_t i = 0; i < n && i < POLL_MAX + 4; i++) {
        fds[i].fd = gen_fd(t, true);
        fds[i].events = (uint16_t)(rng_one_in(r, 4) ? rng_next(r) : 1 + rng_below(r, 3));
        fds[i].revents = (uint16_t)rng_next(r);
    }
    uint64_t ptr = rng_one_in(r, 6) ? gen_out_ptr(t) : PTR(fds);
    uint64_t timeout = rng_below(r, 4) ? 0 : rng_below(r, 100000);
    int64_t rc = fuzz_do(t, SYS_poll, ptr, n, timeout, 0, 0, 0);
    if (n > POLL_MAX && rc >= 0)
        fuzz_fail(t, "poll of %lu descriptors returned %ld", n, rc);
    if (rc > 0 && (uint64_t)rc > n)
        fuzz_fail(t, "poll of %lu descriptors returned %ld", n, rc);
}

/* Where a thread that should never have been created goes: it ends itself. */
static void stray_thread(void)
{
    FUZZ_CALL3(SYS_thread_exit, 0, 0, 0);
}

/* A value for argument @which (0 entry, 1 stack top, 2 TLS) of thread_create that the
 * kernel must refuse: kernel, non-canonical, in the NULL page, or a stack top whose
 * 64 bytes below are not all user memory. */
static uint64_t bad_thread_arg(fuzz_rng_t *r, int which)
{
    switch (rng_below(r, 4)) {
    case 0: return 0xffffffff80000000ull + rng_below(r, 1 << 20);
    case 1: return 0x800000000000ull + 64 + rng_below(r, 4096);
    case 2: return UINT64_MAX - rng_below(r, 64);
    default: return which == 1 ? rng_below(r, 64) : 1 + rng_below(r, 4095);
    }
}

/* thread_create with arguments of which at least one is certainly bad: -EFAULT */
static void op_thread_bad(fuzz_thread_t *t)
{
    fuzz_rng_t *r = &t->rng;
    uint64_t arg[3] = {PTR(&stray_thread), PTR(t->edge + 1) - 64, 0};
    unsigned which = (unsigned)rng_below(r, 7) + 1; /* bit 0 entry, 1 stack, 2 tls */
    for (int i = 0; i < 3; i++)
        if (which & (1u << i))
            arg[i] = bad_thread_arg(r, i);
    int64_t rc = fuzz_do(t, SYS_thread_create, arg[0], gen_int(r), arg[1], arg[2], 0, 0);
    if (rc != -EFAULT)
        fuzz_fail(t, "thread_create(%#lx, stack %#lx, tls %#lx) returned %ld", arg[0], arg[1], arg[2], rc);
}

static void op_tls(fuzz_thread_t *t)
{
    uint64_t mine;
    __asm__("mov %%fs:0, %0" : "=r"(mine));
    uint64_t v = rng_one_in(&t->rng, 2) ? gen_ptr(t) : gen_int(&t->rng);
    int64_t rc = fuzz_do(t, SYS_set_tls, v, 0, 0, 0, 0, 0);
    FUZZ_CALL3(SYS_set_tls, mine, 0, 0); /* before anything uses errno */
    if (rc == 0 && v >= 0x0000800000000000ull)
        fuzz_fail(t, "set_tls(%#lx) succeeded", v);
}

/* notify with a handler that can never be a user address, and noted outside a handler */
static void op_notes_self(fuzz_thread_t *t)
{
    if (rng_one_in(&t->rng, 2)) {
        int64_t rc = fuzz_do(t, SYS_noted, gen_int(&t->rng), 0, 0, 0, 0, 0);
        if (rc != -EINVAL)
            fuzz_fail(t, "noted outside a handler returned %ld, not -EINVAL", rc);
        return;
    }
    uint64_t bad[] = {1 + rng_below(&t->rng, 4095), 0x800000000000ull, 0xffff800000000000ull,
                      0xffffffff80000000ull + rng_below(&t->rng, 4096), UINT64_MAX};
    uint64_t h = bad[rng_below(&t->rng, 5)];
    int64_t rc = fuzz_do(t, SYS_notify, h, 0, 0, 0, 0, 0);
    if (rc != -EFAULT)
        fuzz_fail(t, "notify(%#lx) returned %ld, not -EFAULT", h, rc);
}

/* The operations and their weights. */
#define OP(fn, w) {fn, #fn + 3, w}
static const struct {
    void (*fn)(fuzz_thread_t *);
    const char *name;
    unsigned weight;
} ops[FUZZ_OPS] = {
    OP(op_unknown, 4),  OP(op_trivial, 3),   OP(op_sleep, 1),        OP(op_futex, 4),
    OP(op_open_ro, 12), OP(op_open_scratch, 6), OP(op_open2, 2),     OP(op_close, 5),
    OP(op_seek, 4),     OP(op_dup, 4),       OP(op_stat, 8),         OP(op_getdirent, 4),
    OP(op_namespace, 8), OP(op_chdir, 3),    OP(op_ioctl, 4),        OP(op_poll, 4),
    OP(op_thread_bad, 2), OP(op_tls, 2),     OP(op_notes_self, 2),   OP(op_read, 10),
    OP(op_write, 10),   OP(op_mmap, 5),      OP(op_munmap, 3),       OP(op_mprotect, 3),
    OP(op_spawn, 1),    OP(op_poke, 5),      OP(op_ancestor, 1),     OP(op_thread_life, 1),
    OP(op_self_note, 1), OP(op_socket, 2),
};

const char *calls_op_name(int i)
{
    return ops[i].name;
}

void calls_one(fuzz_thread_t *t)
{
    static unsigned total;
    if (!total)
        for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
            total += ops[i].weight;
    unsigned x = (unsigned)rng_below(&t->rng, total);
    for (size_t i = 0;; i++) {
        if (x < ops[i].weight) {
            uint64_t start = fuzz_config.verbose ? uptime() : 0;
            ops[i].fn(t);
            if (fuzz_config.verbose)
                t->op_ns[i] += uptime() - start;
            return;
        }
        x -= ops[i].weight;
    }
}

