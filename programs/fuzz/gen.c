/*
 * gen.c - the fuzzer's arguments: boundary integers, pointers of every kind (valid,
 * unaligned, at a page edge, read-only, unmapped, kernel, NULL), paths built from a
 * small grammar of labels, names and flags, and ctl and note strings. Everything is
 * drawn from the calling thread's stream, so it replays from the seed.
 */
#include <stdio.h>
#include <string.h>
#include "fuzz.h"

static const uint64_t boundary[] = {
    0, 1, 2, 3, 7, 8, 15, 16, 63, 64, 127, 128, 255, 256, 4095, 4096, 4097, 65535, 65536,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xffffffffffffffffull, 0xfffffffffffffffeull, 0xfffffffffffff000ull, 0x00007ffffffff000ull,
    0x00007fffffffffffull, 0x0000800000000000ull, 0xffff800000000000ull, 0xffff800000001000ull,
    0xffffc00000000000ull, 0xffffe00000000000ull, 0xffffffff80000000ull, 0xffffffff80100000ull,
    0x400000, 0x401000, 0x1000, 0xfff, 0x1001,
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

uint64_t gen_int(fuzz_rng_t *r)
{
    switch (rng_below(r, 6)) {
    case 0: case 1: return boundary[rng_below(r, COUNT(boundary))];
    case 2: return rng_below(r, 64);
    case 3: return -(uint64_t)rng_below(r, 64);
    case 4: return 1ull << rng_below(r, 64);
    default: return rng_next(r);
    }
}

uint64_t gen_len(fuzz_rng_t *r)
{
    switch (rng_below(r, 8)) {
    case 0: return 0;
    case 1: case 2: return rng_below(r, 64);
    case 3: return rng_below(r, 8192);
    case 4: return 4096 * (1 + rng_below(r, 16));
    case 5: return rng_below(r, FUZZ_BUF_SIZE + 1);
    case 6: return boundary[rng_below(r, COUNT(boundary))];
    default: return gen_int(r);
    }
}

/* Pointers that must never be dereferenced successfully by the kernel. */
static uint64_t bad_ptr(fuzz_thread_t *t)
{
    switch (rng_below(&t->rng, 7)) {
    case 0: return rng_below(&t->rng, 4096);                       /* NULL page */
    case 1: return 0xffff800000000000ull + rng_below(&t->rng, 1ull << 30) * 8; /* direct map */
    case 2: return 0xffffffff80000000ull + rng_below(&t->rng, 1 << 22);       /* kernel text */
    case 3: return 0x0000800000000000ull - rng_below(&t->rng, 64);   /* straddles the end */
    case 4: return 0x0000800000000000ull + rng_below(&t->rng, 1ull << 40); /* non-canonical */
    case 5: return t->arena + FUZZ_ARENA_SIZE + rng_below(&t->rng, 1 << 20); /* never mapped */
    default: return gen_int(&t->rng);
    }
}

uint64_t gen_ptr(fuzz_thread_t *t)
{
    fuzz_rng_t *r = &t->rng;
    switch (rng_below(r, 9)) {
    case 0: case 1: return (uint64_t)(uintptr_t)t->buf;
    case 2: return (uint64_t)(uintptr_t)t->buf + rng_below(r, FUZZ_BUF_SIZE);  /* unaligned */
    case 3: return (uint64_t)(uintptr_t)t->edge - rng_below(r, 16);          /* page edge */
    case 4: return (uint64_t)(uintptr_t)t->ro_page + rng_below(r, 4096);     /* read-only */
    case 5: return (uint64_t)(uintptr_t)&gen_ptr + rng_below(r, 256);        /* our text */
    case 6: return t->arena + rng_below(r, FUZZ_ARENA_SIZE);                 /* maybe mapped */
    default: return bad_ptr(t);
    }
}

uint64_t gen_out_ptr(fuzz_thread_t *t)
{
    fuzz_rng_t *r = &t->rng;
    switch (rng_below(r, 6)) {
    case 0: case 1: return (uint64_t)(uintptr_t)t->buf + rng_below(r, 64);
    case 2: return (uint64_t)(uintptr_t)t->edge - rng_below(r, 16);
    case 3: return (uint64_t)(uintptr_t)t->ro_page + rng_below(r, 4096);
    case 4: return (uint64_t)(uintptr_t)&gen_ptr + rng_below(r, 256);
    default: return bad_ptr(t);
    }
}

fd_t gen_fd(fuzz_thread_t *t, bool std_ok)
{
    fuzz_rng_t *r = &t->rng;
    switch (rng_below(r, 8)) {
    case 0: return std_ok ? (fd_t)rng_below(r, 3) : -1;
    case 1: return -(fd_t)rng_below(r, 3) - 1;
    case 2: return MAX_FDS + (fd_t)rng_below(r, 4);
    case 3: return (fd_t)gen_int(r) | (1ll << 40);
    default: return t->pool[rng_below(r, (uint64_t)t->pool_size)].fd;
    }
}

void gen_bytes(fuzz_rng_t *r, void *p, size_t n)
{
    uint8_t *b = p;
    while (n >= 8) {
        uint64_t v = rng_next(r);
        memcpy(b, &v, 8);
        b += 8, n -= 8;
    }
    while (n--)
        *b++ = (uint8_t)rng_next(r);
}

/* ---- strings ---- */

static const char *const labels[] = {
    "home:", "sys:", "nosuch:", "", "HOME:", "home", ":", "home::", "a:", "sys:sys:", "home:.",
    "abcdefghijklmnopqrstuvwxyz01234:", "abcdefghijklmnopqrstuvwxyz012345:", "h-me:", "0:",
};
static const char *const names[] = {
    "bin", "tests", "cfg", "data", "usr", "tmp", "proc", "self", "stat", "mem", "cpu", "zero",
    "null", "pipe", "new", "shmem", "net", "local", "klog", "console", "fb0", "kbd", "ps2",
    "mouse", "ctl", "note", "status", "wait", "cmdline", "cwd", "init", "true", "fuzz", ".",
    "..", "...", "1", "2", "0", "-1", "99999999999999999999", "a b", "x\ty", "caf\xc3\xa9",
};
static const char *const ro_flags[] = {
    "", "", "", "?nonblock", "?directory", "?exclusive", "?nonblock&directory", "?nonblock&nonblock",
    "?junk", "?", "?&", "?nonblock&", "?&nonblock", "?NONBLOCK", "?nonblock?nonblock", "?nonblock&junk",
    "?nonblocks", "?non", "?nonblock=1", "?directory&exclusive&nonblock",
};
static const char *const all_flags[] = {
    "", "", "?create", "?create&exclusive", "?create&truncate", "?append", "?create&append",
    "?create&directory", "?directory", "?truncate", "?nonblock", "?exclusive", "?create&create",
    "?create&junk", "?create&", "?create&exclusive&directory", "?truncate&append&create",
};

/* Appends a component that is too long, binary, or made of odd bytes. */
static size_t odd_component(fuzz_rng_t *r, char *out, size_t room)
{
    size_t n;
    switch (rng_below(r, 4)) {
    case 0: n = 255; break;
    case 1: n = 256; break;
    case 2: n = 1 + rng_below(r, 8); break;
    default: n = 1 + rng_below(r, 300); break;
    }
    if (n > room)
        n = room;
    bool binary = rng_one_in(r, 2);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)rng_next(r);
        out[i] = binary ? (char)(c ? c : 'x') : (char)('a' + c % 26);
    }
    return n;
}

/* Appends @s if it fits in @room; returns the bytes written. */
static size_t put(char *out, size_t room, const char *s)
{
    size_t n = strlen(s);
    if (n > room)
        n = room;
    memcpy(out, s, n);
    return n;
}

/* An overlong path: MAX_PATH or more bytes without a NUL before the end. */
static void overlong_path(fuzz_rng_t *r, char *out, size_t size)
{
    size_t n = MAX_PATH - 2 + rng_below(r, 5), i = 0;
    if (n > size - 1)
        n = size - 1;
    i += put(out, n, "home:");
    while (i < n)
        out[i++] = rng_one_in(r, 8) ? '/' : (char)('a' + rng_below(r, 26));
    out[n] = '\0';
}

void gen_path_ro(fuzz_thread_t *t, char *out, size_t size)
{
    fuzz_rng_t *r = &t->rng;
    if (rng_one_in(r, 40)) {
        overlong_path(r, out, size);
        return;
    }
    size_t room = size - 1, i = 0;
    if (!rng_one_in(r, 6))
        i += put(out + i, room - i, labels[rng_below(r, rng_one_in(r, 3) ? COUNT(labels) : 2)]);
    int parts = (int)rng_below(r, 6);
    if (!rng_one_in(r, 8))
        i += put(out + i, room - i, "/");
    for (int p = 0; p < parts && i < room; p++) {
        if (p > 0)
            i += put(out + i, room - i, rng_one_in(r, 10) ? "//" : "/");
        if (rng_one_in(r, 12))
            i += odd_component(r, out + i, room - i);
        else
            i += put(out + i, room - i, names[rng_below(r, COUNT(names))]);
    }
    if (rng_one_in(r, 10))
        i += put(out + i, room - i, "/");
    i += put(out + i, room - i, ro_flags[rng_below(r, COUNT(ro_flags))]);
    out[i] = '\0';
}

void gen_path_scratch(fuzz_thread_t *t, char *out, size_t size)
{
    static const char *const parts[] = { "a", "b", "c", "d1", "d2", ".", "..", "a", "b" };
    fuzz_rng_t *r = &t->rng;
    size_t room = size - 1, i = put(out, size - 1, t->scratch);
    int depth = 0, n = 1 + (int)rng_below(r, 3);
    for (int p = 0; p < n; p++) {
        const char *c = parts[rng_below(r, COUNT(parts))];
        if (strcmp(c, "..") == 0 && depth-- < 1)
            c = "a", depth += 2; /* never above the thread's own directory's parent */
        else if (strcmp(c, ".") != 0 && strcmp(c, "..") != 0)
            depth++;
        i += put(out + i, room - i, "/");
        i += put(out + i, room - i, c);
    }
    i += put(out + i, room - i, all_flags[rng_below(r, COUNT(all_flags))]);
    out[i] = '\0';
}

void gen_ctl(fuzz_rng_t *r, char *out, size_t size)
{
    static const char *const cmds[] = {
        "kill", "prio 0", "prio 31", "prio 16", "prio 32", "prio -1", "prio", "prio 1 2", "prio x",
        "prio 99999999999999999999", "bogus", "", " ", "kill now", "KILL", "wait", "prio 0x10",
        "prio 3 ", " prio 3", "prio\t3", "&&", "kill\n", "prio 5\n",
    };
    size_t i = 0;
    int n = 1 + (int)rng_below(r, 3);
    for (int k = 0; k < n; k++) {
        const char *c = cmds[rng_below(r, COUNT(cmds))];
        if (strcmp(c, "wait") == 0 && !rng_one_in(r, 8))
            c = "prio 10"; /* wait blocks until the child ends: rare */
        if (k > 0)
            i += put(out + i, size - 1 - i, rng_one_in(r, 6) ? "&&" : " && ");
        i += put(out + i, size - 1 - i, c);
    }
    if (rng_one_in(r, 10)) {
        size_t extra = rng_below(r, size - i);
        gen_bytes(r, out + i, extra);
        i += extra;
    }
    out[i] = '\0';
}

void gen_note(fuzz_rng_t *r, char *out, size_t size)
{
    static const char *const notes[] = {
        "kill", "interrupt", "hangup", "pagefault at 0x0 ip 0x0 not present", "gpfault ip 0x1",
        "divbyzero ip 0x0", "alarm", "x", "interrupt now please", "", " ", "kill -9",
    };
    size_t i;
    switch (rng_below(r, 4)) {
    case 0: /* long: 126 to 200 bytes */
        i = 126 + rng_below(r, 75);
        i = i < size - 1 ? i : size - 1;
        memset(out, 'n', i);
        break;
    case 1:
        i = rng_below(r, 40);
        gen_bytes(r, out, i);
        break;
    default:
        i = put(out, size - 1, notes[rng_below(r, COUNT(notes))]);
    }
    out[i] = '\0';
}
