/*
 * fuzz.c - the user-space suite `fuzz`: runs the system-call fuzzer (home:/bin/fuzz,
 * programs/fuzz/) and checks that the kernel survived it whole. A warm-up run first
 * brings the kernel's caches (slabs, path and I/O buffers, spawn buffers, thread
 * stacks) to their working size; then the main run, after which free memory
 * (sys:/stat/mem free_pages, the caches trimmed first) must be back within
 * FUZZ_SLACK_PAGES of what it was after the warm-up, every process the runs started must be gone from sys:/proc
 * and their scratch directories removed. The fuzzer itself fails (non-zero status)
 * on results the kernel must never give; a panic or hang ends the whole test run.
 * Seeds are fixed, so a failure replays with `fuzz --seed <seed>`. Arguments
 * (`--seed S --calls N --threads T`, from `make fuzz`) change the main run.
 */
#include <errno.h>
#include <stdlib.h>
#include <abi/syscall.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define FUZZ "home:/bin/fuzz"
#define WARMUP_SEED "1"
#define WARMUP_CALLS "30000"

/* The main run; `make fuzz` passes --seed, --calls and --threads for a longer one. */
static const char *main_seed = "20261127", *main_calls = "200000", *threads = "4";
/* Pages that trimming cannot give back: partly used slabs (a few objects live in
 * many slabs after a busy run), kernel page tables of areas used meanwhile. The
 * kernel's own check after all suites allows as much. A leak of one page in three
 * thousand calls would exceed it. */
#define FUZZ_SLACK_PAGES 64
#define SETTLE_NS (3 * NS_PER_SEC)

static uint64_t free_before;
static int procs_before;

/* One number from sys:/stat/mem ("name value" lines); 0 if missing. */
static uint64_t mem_stat(const char *name)
{
    char buf[512];
    if (utest_slurp("sys:/stat/mem", buf, sizeof(buf)) == ERR)
        return 0;
    size_t n = strlen(name);
    for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (strncmp(line, name, n) == 0 && line[n] == ' ')
            return strtoull(line + n + 1, NULL, 10);
    return 0;
}

/* Entries of sys:/proc (one per visible process, plus `self`). */
static int proc_count(void)
{
    fd_t d = open("sys:/proc");
    if (d == ERR)
        return -1;
    dirent_t e[16];
    int64_t n;
    int count = 0;
    while ((n = getdirent(d, e, 16)) > 0)
        count += (int)n;
    close(d);
    return count;
}

/* Runs the fuzzer with @seed and @calls; its exit status into @status. */
static bool run_fuzz(const char *seed, const char *calls, char *status, size_t size)
{
    const char *argv[] = {FUZZ, "--seed", seed, "--calls", calls, "--threads", threads, NULL};
    pid_t pid = spawn(argv, NULL, NULL, NULL);
    if (pid == ERR) {
        snprintf(status, size, "spawn: %s", strerror(errno));
        return false;
    }
    char path[64];
    snprintf(path, sizeof(path), "sys:/proc/%lld/wait", (long long)pid);
    return utest_slurp(path, status, size) != ERR;
}

/* Free pages once the kernel's reaper has had time to finish, with the kernel's caches
 * emptied first (writing `trim` to sys:/stat/mem): the largest value seen within
 * SETTLE_NS, stopping early once it no longer changes. 0 if the trim fails. */
static uint64_t settled_free_pages(void)
{
    uint64_t best = 0, deadline = uptime() + SETTLE_NS, last = 0;
    int same = 0;
    while (uptime() < deadline && same < 5) {
        fd_t fd = open("sys:/stat/mem");
        bool trimmed = fd != ERR && write(fd, "trim", 4) == 4;
        if (fd != ERR)
            close(fd);
        if (!trimmed)
            return 0;
        uint64_t f = mem_stat("free_pages");
        same = f == last ? same + 1 : 0;
        last = f;
        best = f > best ? f : best;
        sleep(50 * NS_PER_MS);
    }
    return best;
}

/* ---- regressions: bugs the fuzzer found, each pinned by a direct test ---- */

#define HOLE 0x0000300000000000ull /* an address nothing maps */

static volatile int fault_notes;
static fd_t zero_fd = ERR;

/* Maps the page a "pagefault at 0x..." note names, so the retried access succeeds. */
static void map_faulting_page(const char *note)
{
    if (strncmp(note, "pagefault at 0x", 15) != 0)
        return;
    uint64_t addr = strtoull(note + 15, NULL, 16) & ~0xfffull;
    fault_notes++;
    mmap(zero_fd, (void *)(uintptr_t)addr, 4096, PROT_READ | PROT_WRITE);
}

/* A user fault of a process with a note handler became a note, and then the trap code
 * went on as if the fault had been the kernel's: a panic. */
UTEST(regress_user_fault_to_note_handler_no_panic)
{
    zero_fd = open("sys:/zero");
    UTEST_ASSERT(zero_fd != ERR);
    UTEST_ASSERT_EQ(notify(map_faulting_page), 0);
    volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)(HOLE + 0x123);
    uint32_t v = *p; /* faults once; the handler maps the page; the load is retried */
    *p = 7;
    notify(0);
    UTEST_ASSERT_EQ(v, 0);
    UTEST_ASSERT_EQ(*p, 7);
    UTEST_ASSERT_EQ(fault_notes, 1);
    UTEST_ASSERT_EQ(munmap((void *)(uintptr_t)HOLE, 4096), 0);
    close(zero_fd);
}

/* A process writing `wait` to its own ctl blocked forever: it waited for its own exit,
 * which needs the waiting thread to end first. Now EDEADLK, and nothing runs. */
UTEST(regress_wait_on_own_ctl_is_edeadlk)
{
    fd_t ctl = open("sys:/proc/self/ctl");
    UTEST_ASSERT(ctl != ERR);
    UTEST_ASSERT_EQ(write(ctl, "wait", 4), ERR);
    UTEST_ASSERT_EQ(errno, EDEADLK);
    UTEST_ASSERT_EQ(write(ctl, "prio 16 && wait", 15), ERR);
    UTEST_ASSERT_EQ(errno, EDEADLK);
    UTEST_ASSERT_EQ(write(ctl, "prio 16", 7), 7);
    close(ctl);
}

/* munmap of a huge, almost empty range walked every page of it: for 1 TiB, minutes
 * with the process's memory lock held. Now only the spans with page tables cost. */
UTEST(regress_munmap_huge_sparse_range_returns)
{
    fd_t zero = open("sys:/zero");
    UTEST_ASSERT(zero != ERR);
    char *lo = mmap(zero, (void *)(uintptr_t)HOLE, 4096, PROT_READ | PROT_WRITE);
    char *hi = mmap(zero, (void *)(uintptr_t)(HOLE + (1ull << 39)), 4096, PROT_READ | PROT_WRITE);
    close(zero);
    UTEST_ASSERT(lo != NULL && hi != NULL);
    lo[0] = hi[0] = 1;
    UTEST_ASSERT_EQ(munmap(lo, 1ull << 40), 0);
    UTEST_ASSERT_EQ(mprotect(lo, 4096, PROT_READ), ERR); /* both gone */
    UTEST_ASSERT_EQ(mprotect(hi, 4096, PROT_READ), ERR);
}

/* A failed mmap (more than free memory) first took every free frame from everyone, and
 * used up the addresses it asked for even though it mapped nothing: enough such calls
 * and a process could never map again. Now it fails at once and uses up nothing. */
UTEST(regress_failed_mmap_keeps_memory_and_addresses)
{
    fd_t zero = open("sys:/zero");
    UTEST_ASSERT(zero != ERR);
    char *a = mmap(zero, NULL, 4096, PROT_READ | PROT_WRITE);
    UTEST_ASSERT(a != NULL);
    UTEST_ASSERT(mmap(zero, NULL, 1ull << 40, PROT_READ | PROT_WRITE) == NULL);
    UTEST_ASSERT_EQ(errno, ENOMEM);
    char *b = mmap(zero, NULL, 4096, PROT_READ | PROT_WRITE);
    close(zero);
    UTEST_ASSERT(b != NULL);
    UTEST_ASSERT(b == a + 2 * 4096); /* the next free address, one page of gap */
    munmap(a, 4096);
    munmap(b, 4096);
}

/* A note that came to a thread without a usable stack (libstd's thread_exit unmaps it
 * one call before the thread ends) ended the whole process, handler or not. Now the
 * note waits for another thread. The thread below unmaps its stack and makes system
 * calls until told to stop, while the main thread, inside its handler (so it cannot
 * take a second note), sends itself a second note: only the stackless thread can take
 * it, and must leave it for the main thread. */
_Static_assert(SYS_munmap == 28 && SYS_yield == 8 && SYS_thread_exit == 1, "renumbered: fix the asm");
static volatile long stackless_loops; /* the stackless thread's system calls */
static volatile int stackless_stop, notes_got;
void stackless_entry(void *arg);
__asm__(".text\n"
        ".globl stackless_entry\n"
        "stackless_entry:\n"
        "    mov %rsp, %rdi\n"
        "    and $-4096, %rdi\n"
        "    sub $4096, %rdi\n"
        "    mov $8192, %esi\n"
        "    mov $28, %eax\n"        /* munmap(the pages of our stack) */
        "    syscall\n"
        "1:  mov $8, %eax\n"         /* yield: a way back to user mode, note delivery */
        "    syscall\n"
        "    lock incq stackless_loops(%rip)\n"
        "    cmpl $0, stackless_stop(%rip)\n"
        "    je 1b\n"
        "    mov $1, %eax\n"         /* thread_exit */
        "    syscall\n"
        "    ud2\n");

static void two_notes(const char *note)
{
    notes_got++;
    if (strcmp(note, "first") != 0)
        return;
    fd_t fd = open("sys:/proc/self/note");
    write(fd, "second", 6);
    close(fd);
    long start = stackless_loops;
    uint64_t deadline = uptime() + 10 * NS_PER_SEC;
    while (stackless_loops < start + 50 && uptime() < deadline)
        sleep(NS_PER_MS);
}

UTEST(regress_note_to_thread_without_stack_waits)
{
    UTEST_ASSERT_EQ(notify(two_notes), 0);
    UTEST_ASSERT(thread_create(stackless_entry, NULL) != ERR);
    uint64_t deadline = uptime() + 10 * NS_PER_SEC;
    while (stackless_loops == 0 && uptime() < deadline)
        sleep(NS_PER_MS);
    fd_t fd = open("sys:/proc/self/note");
    UTEST_ASSERT_EQ(write(fd, "first", 5), 5);
    close(fd);
    while (notes_got < 2 && uptime() < deadline)
        sleep(NS_PER_MS);
    stackless_stop = 1;
    notify(0);
    UTEST_ASSERT(stackless_loops > 0);
    UTEST_ASSERT_EQ(notes_got, 2);
}

/* futex(FUTEX_WAIT) with a huge timeout added it to the clock and wrapped: the
 * deadline lay in the past and the wait failed at once with ETIMEDOUT. Now it is
 * saturated: the wait lasts until the wake. */
static volatile uint32_t futex_word;

static void futex_waker(void *arg)
{
    (void)arg;
    sleep(50 * NS_PER_MS);
    __atomic_store_n(&futex_word, 1, __ATOMIC_RELEASE);
    futex((uint32_t *)&futex_word, 1, FUTEX_WAKE, 0);
}

UTEST(regress_futex_huge_timeout_waits)
{
    futex_word = 0;
    UTEST_ASSERT(thread_create(futex_waker, NULL) != ERR);
    int64_t rc = futex((uint32_t *)&futex_word, 0, FUTEX_WAIT, UINT64_MAX - 1000);
    int err = errno;
    while (__atomic_load_n(&futex_word, __ATOMIC_ACQUIRE) == 0) /* a spurious return: wait */
        sleep(NS_PER_MS);
    if (rc == ERR && err != EAGAIN && err != EINTR)
        UTEST_FAIL("futex wait returned ERR with errno %d (%s), not 0", err, strerror(err));
}

/* sys:/stat/mem's `trim` command, which the leak check below depends on. */
UTEST(stat_mem_trim_command)
{
    fd_t fd = open("sys:/stat/mem");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(write(fd, "trim", 4), 4);
    UTEST_ASSERT_EQ(write(fd, "trim\n", 5), 5);
    UTEST_ASSERT_EQ(write(fd, "trim now", 8), ERR);
    UTEST_ASSERT_EQ(errno, EINVAL);
    close(fd);
    fd = open("sys:/stat/cpu");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(write(fd, "trim", 4), ERR); /* only sys:/stat/mem takes it */
    close(fd);
}

/* ---- the fuzzer ---- */

UTEST(warmup_run)
{
    char status[MAX_STATUS];
    UTEST_ASSERT(run_fuzz(WARMUP_SEED, WARMUP_CALLS, status, sizeof(status)));
    UTEST_ASSERT_STR_EQ(status, "0");
    free_before = settled_free_pages();
    procs_before = proc_count();
    UTEST_ASSERT(free_before > 0 && procs_before > 0);
}

UTEST(main_run)
{
    char status[MAX_STATUS];
    UTEST_ASSERT(run_fuzz(main_seed, main_calls, status, sizeof(status)));
    UTEST_ASSERT_STR_EQ(status, "0");
}

UTEST(no_pages_leaked)
{
    uint64_t after = settled_free_pages();
    UTEST_ASSERT(after > 0);
    printf("fuzz: %llu free pages after the warm-up, %llu after the main run\n", (unsigned long long)free_before,
           (unsigned long long)after);
    if (after + FUZZ_SLACK_PAGES < free_before)
        UTEST_FAIL("%llu free pages after the warm-up, %llu after the main run", (unsigned long long)free_before,
                   (unsigned long long)after);
}

UTEST(no_process_left)
{
    int procs = 0;
    for (int i = 0; i < 40 && (procs = proc_count()) != procs_before; i++)
        sleep(50 * NS_PER_MS); /* the last children leave sys:/proc through the reaper */
    UTEST_ASSERT_EQ(procs, procs_before);
}

UTEST(scratch_removed)
{
    fd_t d = open("home:/tmp");
    UTEST_ASSERT(d != ERR);
    dirent_t e[16];
    int64_t n;
    bool left = false;
    while ((n = getdirent(d, e, 16)) > 0)
        for (int64_t i = 0; i < n; i++)
            left |= strncmp(e[i].name, "fuzz-", 5) == 0;
    close(d);
    UTEST_ASSERT(!left);
}

int main(int argc, char **argv)
{
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--seed") == 0)
            main_seed = argv[i + 1];
        else if (strcmp(argv[i], "--calls") == 0)
            main_calls = argv[i + 1];
        else if (strcmp(argv[i], "--threads") == 0)
            threads = argv[i + 1];
    }
    UTEST_BEGIN("fuzz");
    UTEST_RUN(regress_user_fault_to_note_handler_no_panic);
    UTEST_RUN(regress_wait_on_own_ctl_is_edeadlk);
    UTEST_RUN(regress_munmap_huge_sparse_range_returns);
    UTEST_RUN(regress_failed_mmap_keeps_memory_and_addresses);
    UTEST_RUN(regress_note_to_thread_without_stack_waits);
    UTEST_RUN(regress_futex_huge_timeout_waits);
    UTEST_RUN(stat_mem_trim_command);
    UTEST_RUN(warmup_run);
    UTEST_RUN(main_run);
    UTEST_RUN(no_pages_leaked);
    UTEST_RUN(no_process_left);
    UTEST_RUN(scratch_removed);
    return UTEST_END();
}
