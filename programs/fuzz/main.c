/*
 * fuzz - the system-call fuzzer (home:/bin/fuzz).
 *
 *   fuzz [--seed N] [--calls N] [--threads N] [--verbose] [--help]
 *
 * Runs N random system calls in all from several threads, each thread with its own
 * random stream derived from the seed (printed first, so a run can be repeated), then
 * prints one summary line and exits "0", or exits with the number of failures: results
 * the kernel must never give (a bad error code, a call that had to fail succeeding).
 * A kernel panic or hang shows itself by the run never ending. Files are made only in
 * home:/tmp/fuzz-<pid>, removed at the end; see calls.c for what else is kept safe.
 * `--victim` is the child mode (victim.c). The main thread does not fuzz: it starts
 * the threads, reaps children, and wakes a thread that has not moved for a while with
 * a note (a blocked call then fails with EINTR).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "fuzz.h"

#define DEFAULT_CALLS 100000
#define DEFAULT_THREADS 4
#define TICK (20 * NS_PER_MS)
#define STALL_NUDGE (3 * NS_PER_SEC)      /* a thread without progress this long gets a note */
#define STALL_LIMIT (60 * NS_PER_SEC)     /* ... and this long fails the run */
#define REAP_LIMIT (20 * NS_PER_SEC)      /* children must be gone this long after the end */
#define FAIL_PRINT_MAX 20

fuzz_config_t fuzz_config;
fd_t fuzz_zero_fd = -1, fuzz_null_fd = -1;
static volatile uint64_t failures;          /* atomic */
static volatile uint64_t notes_seen;        /* atomic: notes our handler got */
static fuzz_thread_t threads[FUZZ_THREADS_MAX];
static volatile int done[FUZZ_THREADS_MAX]; /* written by each thread at its end */

int64_t fuzz_do(fuzz_thread_t *t, uint64_t num, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                uint64_t a6)
{
    int64_t rc = fuzz_syscall(num, a1, a2, a3, a4, a5, a6);
    t->stats.calls++;
    t->progress++;
    if (rc >= 0)
        t->stats.ok++;
    else if (rc <= -ERRNO_MAX)
        fuzz_fail(t, "call %#lx(%#lx, %#lx, %#lx, %#lx) returned %ld: not an error code", num, a1, a2, a3, a4, rc);
    return rc;
}

void fuzz_fail(fuzz_thread_t *t, const char *fmt, ...)
{
    if (__atomic_fetch_add(&failures, 1, __ATOMIC_RELAXED) >= FAIL_PRINT_MAX || fuzz_config.victim)
        return;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    dprintf(STDERR_FILENO, "fuzz: thread %d, call %lu: %s\n", t->index, t->stats.calls, msg);
}

/* Counts the notes we send ourselves; a fault is real and ends us with its text. */
static void on_note(const char *note)
{
    static const char *const faults[] = {"pagefault", "gpfault", "divbyzero", "illegal", "simd"};
    for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
        if (strncmp(note, faults[i], strlen(faults[i])) == 0)
            process_exit(note);
    __atomic_fetch_add(&notes_seen, 1, __ATOMIC_RELAXED);
}

static void usage(void)
{
    printf("usage: fuzz [--seed N] [--calls N] [--threads N] [--verbose] [--help]\n"
           "Random system calls with random and boundary arguments from several threads.\n"
           "  --seed N     random seed (default: from the clock; printed either way)\n"
           "  --calls N    calls in all (default %d)\n"
           "  --threads N  fuzzing threads, 1..%d (default %d)\n"
           "  --verbose    print progress every second\n"
           "Exit status: 0, or the number of wrong results found.\n",
           DEFAULT_CALLS, FUZZ_THREADS_MAX, DEFAULT_THREADS);
}

/* A number argument; exits with a message if it is not one. */
static uint64_t number_arg(const char *opt, const char *s)
{
    char *end;
    unsigned long long v = strtoull(s ? s : "", &end, 0);
    if (!s || !*s || *end) {
        dprintf(STDERR_FILENO, "fuzz: %s needs a number, not '%s'\n", opt, s ? s : "");
        exit(2);
    }
    return v;
}

static void parse_args(int argc, char **argv)
{
    fuzz_config = (fuzz_config_t){.seed = epoch() ^ uptime(), .calls = DEFAULT_CALLS, .threads = DEFAULT_THREADS};
    strlcpy(fuzz_config.self, argc > 0 ? argv[0] : "home:/bin/fuzz", sizeof(fuzz_config.self));
    snprintf(fuzz_config.scratch, sizeof(fuzz_config.scratch), "home:/tmp/fuzz-%ld", (long)getpid());
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0) {
            usage();
            exit(0);
        } else if (strcmp(a, "--seed") == 0) {
            fuzz_config.seed = number_arg(a, v), i++;
        } else if (strcmp(a, "--calls") == 0) {
            fuzz_config.calls = number_arg(a, v), i++;
        } else if (strcmp(a, "--threads") == 0) {
            fuzz_config.threads = (int)number_arg(a, v), i++;
        } else if (strcmp(a, "--verbose") == 0) {
            fuzz_config.verbose = true;
        } else if (strcmp(a, "--victim") == 0) {
            fuzz_config.victim = true;
        } else if (strcmp(a, "--scratch") == 0 && v) {
            snprintf(fuzz_config.scratch, sizeof(fuzz_config.scratch), "%s/v%ld", v, (long)getpid()), i++;
        } else {
            dprintf(STDERR_FILENO, "fuzz: unknown argument '%s' (try --help)\n", a);
            exit(2);
        }
    }
    if (fuzz_config.threads < 1 || fuzz_config.threads > FUZZ_THREADS_MAX) {
        dprintf(STDERR_FILENO, "fuzz: --threads must be 1..%d\n", FUZZ_THREADS_MAX);
        exit(2);
    }
}

static void worker(void *arg)
{
    fuzz_thread_t *t = arg;
    if (!calls_setup(t)) {
        fuzz_fail(t, "cannot set up: %s", strerror(errno));
    } else {
        while (t->stats.calls < t->calls_left)
            calls_one(t);
        calls_teardown(t);
    }
    __atomic_store_n(&done[t->index], 1, __ATOMIC_RELEASE);
}

/* Sends ourselves a note: every blocked call of ours returns EINTR. */
static void nudge(void)
{
    fd_t fd = open("sys:/proc/self/note");
    if (fd != ERR) {
        write(fd, "interrupt", 9);
        close(fd);
    }
}

/* Watches the threads until all are done: children reaped, stalled threads nudged.
 * Returns false if a thread stalled for good. */
static bool supervise(void)
{
    uint64_t last[FUZZ_THREADS_MAX] = {0}, since[FUZZ_THREADS_MAX], report = uptime();
    for (int i = 0; i < fuzz_config.threads; i++)
        since[i] = uptime();
    for (;;) {
        int running = 0;
        sleep(TICK);
        child_maintain(false);
        for (int i = 0; i < fuzz_config.threads; i++) {
            if (__atomic_load_n(&done[i], __ATOMIC_ACQUIRE))
                continue;
            running++;
            uint64_t now = uptime(), p = threads[i].progress;
            if (p != last[i])
                last[i] = p, since[i] = now;
            else if (now - since[i] > STALL_LIMIT) {
                dprintf(STDERR_FILENO, "fuzz: thread %d made no call for %lu s (after call %lu)\n", i,
                        (unsigned long)((now - since[i]) / NS_PER_SEC), p);
                return false;
            } else if (now - since[i] > STALL_NUDGE && (now - since[i]) % NS_PER_SEC < TICK) {
                nudge();
            }
        }
        if (fuzz_config.verbose && uptime() - report > NS_PER_SEC) {
            uint64_t calls = 0;
            for (int i = 0; i < fuzz_config.threads; i++)
                calls += threads[i].stats.calls;
            printf("fuzz: %lu calls\n", calls);
            report = uptime();
        }
        if (!running)
            return true;
    }
}

/* Kills and reaps every child; false if some would not go. */
static bool reap_all(void)
{
    uint64_t start = uptime();
    while (child_count() > 0) {
        if (uptime() - start > REAP_LIMIT) {
            dprintf(STDERR_FILENO, "fuzz: %d children would not end\n", child_count());
            return false;
        }
        child_maintain(true);
        sleep(TICK);
    }
    return true;
}

static bool setup(void)
{
    fuzz_zero_fd = open("sys:/zero");
    fuzz_null_fd = open("sys:/null");
    if (fuzz_zero_fd == ERR || fuzz_null_fd == ERR) {
        dprintf(STDERR_FILENO, "fuzz: sys:/zero or sys:/null: %s\n", strerror(errno));
        return false;
    }
    if (!fuzz_config.victim && mkdir("home:/tmp") == ERR && errno != EEXIST) {
        dprintf(STDERR_FILENO, "fuzz: home:/tmp: %s\n", strerror(errno));
        return false;
    }
    if (mkdir(fuzz_config.scratch) == ERR) {
        dprintf(STDERR_FILENO, "fuzz: %s: %s\n", fuzz_config.scratch, strerror(errno));
        return false;
    }
    return true;
}

/* Removes the run's scratch tree; false, with what is left printed, if it stays. */
static bool scratch_remove(void)
{
    calls_remove_tree(fuzz_config.scratch, 0);
    stat_t st;
    if (stat(fuzz_config.scratch, &st) == ERR)
        return true;
    dprintf(STDERR_FILENO, "fuzz: %s cannot be removed; it holds:\n", fuzz_config.scratch);
    calls_print_tree(fuzz_config.scratch, 0);
    return false;
}

static void summary(uint64_t ns, bool ok)
{
    fuzz_stats_t s = {0};
    for (int i = 0; i < fuzz_config.threads; i++) {
        s.calls += threads[i].stats.calls;
        s.ok += threads[i].stats.ok;
        s.spawned += threads[i].stats.spawned;
        s.notes_sent += threads[i].stats.notes_sent;
    }
    uint64_t ms = ns / NS_PER_MS ? ns / NS_PER_MS : 1;
    for (int op = 0; fuzz_config.verbose && op < FUZZ_OPS; op++) {
        uint64_t op_ns = 0;
        for (int i = 0; i < fuzz_config.threads; i++)
            op_ns += threads[i].op_ns[op];
        printf("fuzz: %-14s %6lu ms\n", calls_op_name(op), (unsigned long)(op_ns / NS_PER_MS));
    }
    printf("fuzz: seed %lu: %lu calls (%lu succeeded) in %lu.%03lu s, %lu calls/s, %d threads, %lu children, "
           "%lu ctl/note writes, %lu notes to self, %lu failures%s\n",
           fuzz_config.seed, s.calls, s.ok, ms / 1000, ms % 1000, s.calls * 1000 / ms, fuzz_config.threads, s.spawned,
           s.notes_sent, notes_seen, failures, ok ? "" : " (did not finish cleanly)");
}

int main(int argc, char **argv)
{
    parse_args(argc, argv);
    if (!setup())
        return 2;
    if (fuzz_config.victim)
        return victim_run(fuzz_config.seed, 1000);
    printf("fuzz: seed %lu, %lu calls, %d threads\n", fuzz_config.seed, fuzz_config.calls, fuzz_config.threads);
    notify(on_note);
    uint64_t start = uptime();
    for (int i = 0; i < fuzz_config.threads; i++) {
        threads[i].index = i;
        threads[i].calls_left = fuzz_config.calls / (uint64_t)fuzz_config.threads;
        rng_seed(&threads[i].rng, fuzz_config.seed, (uint64_t)i);
    }
    for (int i = 1; i < fuzz_config.threads; i++)
        if (thread_create(worker, &threads[i]) == ERR) {
            dprintf(STDERR_FILENO, "fuzz: thread_create: %s\n", strerror(errno));
            return 2;
        }
    if (thread_create(worker, &threads[0]) == ERR)
        return 2;
    bool ok = supervise() && reap_all();
    uint64_t ns = uptime() - start;
    if (ok)
        ok = scratch_remove();
    summary(ns, ok);
    if (!ok)
        return 100;
    return failures > 99 ? 99 : (int)failures;
}
