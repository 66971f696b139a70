/*
 * fuzz.h - the system-call fuzzer's shared pieces (home:/bin/fuzz).
 *
 * The fuzzer runs several threads; each draws its own random stream from the seed
 * (rng.c) and issues system calls through its own raw stub (fuzz_syscall), never only
 * through libstd wrappers. gen.c makes arguments (boundary integers, good and bad
 * pointers, paths, ctl and note strings), calls.c turns them into calls that cannot
 * destroy the test environment, child.c keeps the processes it spawns, and victim.c is
 * the child mode in which anything goes, including calls that kill the caller.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <abi/errno.h>
#include <abi/syscall.h>

#define FUZZ_THREADS_MAX 16
#define FUZZ_POOL 12                       /* descriptors each thread keeps open, at most */
#define FUZZ_POOL_FDS 90                   /* ... and all threads together */
#define FUZZ_BUF_SIZE (64 * 1024)          /* each thread's buffer of random bytes */
#define FUZZ_ARENA_BASE 0x500000000000ull  /* thread i's mmap playground starts here... */
#define FUZZ_ARENA_STRIDE 0x10000000000ull /* ...plus i times this */
#define FUZZ_ARENA_SIZE (64ull << 20)      /* random ranges fall in the first 64 MiB */
#define FUZZ_OPS 30                        /* kinds of operation in calls.c */
#define FUZZ_SYSCALL_UNKNOWN SYSCALL_COUNT /* the first number past include/abi/syscall.h */

/** xoshiro256** state: one per thread, derived from the seed and the thread's index. */
typedef struct fuzz_rng {
    uint64_t s[4];
} fuzz_rng_t;

/** What a descriptor of a thread's pool may be used for. */
enum {
    FUZZ_FD_RO = 1,       /* opened from a random path: read, stat-like calls only */
    FUZZ_FD_WRITE = 2,    /* scratch file, pipe, socket, null, zero, shmem: writes allowed */
    FUZZ_FD_BLOCKS = 4,   /* a read or write may block forever: only poll it */
};

/** One open descriptor of a thread's pool. */
typedef struct fuzz_fd {
    fd_t fd;              /* -1: empty slot */
    unsigned flags;       /* FUZZ_FD_* */
} fuzz_fd_t;

/** Counters of one thread (read by main at the end; each written by its thread only). */
typedef struct fuzz_stats {
    uint64_t calls;       /* system calls issued */
    uint64_t ok;          /* ... that succeeded */
    uint64_t spawned;     /* children started */
    uint64_t notes_sent;  /* ctl or note writes to children that succeeded */
} fuzz_stats_t;

/** A fuzzing thread: its stream, its memory and its descriptors. Owned by that thread. */
typedef struct fuzz_thread {
    int index;
    fuzz_rng_t rng;
    uint64_t calls_left;
    uint8_t *buf;         /* FUZZ_BUF_SIZE random bytes, rewritten now and then */
    uint8_t *ro_page;     /* one read-only page */
    uint8_t *edge;        /* the last byte before an unmapped page */
    uint64_t arena;       /* FUZZ_ARENA_BASE + index * FUZZ_ARENA_STRIDE */
    fuzz_fd_t pool[FUZZ_POOL];
    int pool_size;        /* slots in use: fewer with many threads (MAX_FDS is per process) */
    char scratch[64];     /* this thread's directory under the run's scratch directory */
    uint64_t arena_mapped; /* bytes mapped in the arena since it was last cleared (about) */
    volatile uint64_t progress; /* bumped on every call; main watches it */
    uint64_t op_ns[FUZZ_OPS];   /* time spent in each kind of operation (--verbose) */
    fuzz_stats_t stats;
} fuzz_thread_t;

/** Settings of the whole run (immutable once the threads start). */
typedef struct fuzz_config {
    uint64_t seed;
    uint64_t calls;       /* in all, split between the threads */
    int threads;
    bool victim;          /* --victim: anything goes, we expect to die */
    bool verbose;
    char scratch[48];     /* home:/tmp/fuzz-<pid> */
    char self[64];        /* our own path, argv[0], for spawning victims */
} fuzz_config_t;

extern fuzz_config_t fuzz_config;
extern fd_t fuzz_zero_fd; /* sys:/zero, for our own memory; never closed by a thread */
extern fd_t fuzz_null_fd; /* sys:/null, the children's standard descriptors */

/* ---- raw system calls ---- */

/** One system call through the `syscall` instruction: the kernel's raw result. */
static inline int64_t fuzz_syscall(uint64_t num, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                                   uint64_t a5, uint64_t a6)
{
    register uint64_t r10 __asm__("r10") = a4;
    register uint64_t r8 __asm__("r8") = a5;
    register uint64_t r9 __asm__("r9") = a6;
    __asm__ volatile("syscall"
                     : "+a"(num), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8), "+r"(r9)
                     :
                     : "rcx", "r11", "memory");
    return (int64_t)num;
}

/** A call with up to three arguments (the rest zero). */
#define FUZZ_CALL3(n, a, b, c) fuzz_syscall((n), (uint64_t)(a), (uint64_t)(b), (uint64_t)(c), 0, 0, 0)

/**
 * Issue one call for thread @t, count it, and check that the result is either >= 0 or
 * a known error code (-1 .. -(ERRNO_MAX - 1)); anything else is reported and fails the run.
 */
int64_t fuzz_do(fuzz_thread_t *t, uint64_t num, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                uint64_t a5, uint64_t a6);

/** Report a kernel misbehaviour (wrong error code, wrong result): printed, and the run fails. */
void fuzz_fail(fuzz_thread_t *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- rng.c ---- */

/** Seed @r from @seed and @stream with splitmix64, so every thread's stream differs. */
void rng_seed(fuzz_rng_t *r, uint64_t seed, uint64_t stream);
/** The next 64 random bits. */
uint64_t rng_next(fuzz_rng_t *r);
/** A number in [0, n) (n > 0). */
uint64_t rng_below(fuzz_rng_t *r, uint64_t n);
/** true with probability 1 / n. */
bool rng_one_in(fuzz_rng_t *r, uint64_t n);

/* ---- gen.c: arguments ---- */

/** A boundary or random 64-bit integer (0, -1, 1 << 63, kernel addresses, ...). */
uint64_t gen_int(fuzz_rng_t *r);
/** A length: mostly small, sometimes page sized, sometimes huge or wrapping. */
uint64_t gen_len(fuzz_rng_t *r);
/** A user pointer for @t: valid, unaligned, at a page edge, read-only, unmapped, kernel, NULL. */
uint64_t gen_ptr(fuzz_thread_t *t);
/** A pointer the kernel may write to without harming us: into t->buf or invalid. */
uint64_t gen_out_ptr(fuzz_thread_t *t);
/** A descriptor number: from the pool, a standard one (only if @std_ok), or invalid. */
fd_t gen_fd(fuzz_thread_t *t, bool std_ok);
/**
 * A random path in @out (@size >= MAX_PATH + 2 for the overlong ones): labels home:,
 * sys:, nosuch:, bad labels, `..`, flags valid and junk, overlong components and paths,
 * binary junk. Its flags never include create, truncate or append, so opening it
 * cannot change anything.
 */
void gen_path_ro(fuzz_thread_t *t, char *out, size_t size);
/** A path inside t->scratch, with any flags, for calls that create, remove or rename. */
void gen_path_scratch(fuzz_thread_t *t, char *out, size_t size);
/** A ctl line for a child: valid commands, wrong argument counts, junk, `&&` chains. */
void gen_ctl(fuzz_rng_t *r, char *out, size_t size);
/** A note text: kinds the kernel sends, `kill`, `interrupt`, junk, too long. */
void gen_note(fuzz_rng_t *r, char *out, size_t size);
/** Fill @n bytes at @p with random bytes. */
void gen_bytes(fuzz_rng_t *r, void *p, size_t n);

/* ---- calls.c ---- */

/** Set up thread @t's memory, scratch directory and descriptors. false on failure. */
bool calls_setup(fuzz_thread_t *t);
/** One random call (or a short sequence) that cannot hurt this process or the system. */
void calls_one(fuzz_thread_t *t);
/** The name of operation @i (0 .. FUZZ_OPS - 1), for --verbose. */
const char *calls_op_name(int i);
/** Close @t's descriptors, unmap its arena, remove its scratch files. */
void calls_teardown(fuzz_thread_t *t);
/** Remove the tree at @path (a scratch directory), depth first. */
void calls_remove_tree(const char *path, int depth);
/** Print the tree at @path on descriptor 2. */
void calls_print_tree(const char *path, int depth);

/* ---- child.c ---- */

/** Start a child: a victim fuzzer, `true`, or a spawn with random arguments. */
void child_spawn(fuzz_thread_t *t);
/** Write a random ctl line or note to one of our children, or read one of its files. */
void child_poke(fuzz_thread_t *t);
/** Write to the ctl or note of init or our parent: it must fail with EACCES. */
void child_poke_ancestor(fuzz_thread_t *t);
/** Kill children older than their time limit and reap those that exited (main thread). */
void child_maintain(bool all);
/** Children still alive or not yet reaped. */
int child_count(void);

/* ---- victim.c ---- */

/** Victim mode: random raw calls of every number, lethal ones included. Returns the exit code. */
int victim_run(uint64_t seed, uint64_t calls);

#endif
