/*
 * sys_proc.c - system calls about processes, threads and time: exit, spawn, sleep,
 * clocks, ids, yield, threads, futex and TLS.
 */
#include <abi/errno.h>
#include "arch/x86_64/cpu.h"
#include "lib/string.h"
#include "mm/bufcache.h"
#include "mm/kmalloc.h"
#include "mm/layout.h"
#include "mm/user.h"
#include "proc/note.h"
#include "proc/process.h"
#include "proc/spawn.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "sync/waitaddr.h"
#include "syscall/syscall.h"
#include "time/clock.h"

int64_t sys_process_exit(uint64_t status, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    char buf[MAX_STATUS];
    size_t n = 0;
    /* byte by byte: a longer status keeps its first MAX_STATUS - 1 bytes (sys/proc.h) */
    for (; n < sizeof(buf) - 1; n++) {
        if (user_copy_from(&buf[n], UPTR(status + n), 1)) {
            strlcpy(buf, "exit status unreadable", sizeof(buf));
            n = strlen(buf);
            break;
        }
        if (buf[n] == '\0')
            break;
    }
    buf[n] = '\0';
    process_exit(buf);
}

int64_t sys_thread_exit(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    process_thread_exit();
}

int64_t sys_sleep(uint64_t ns, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    uint64_t now = clock_ns();
    uint64_t deadline = ns > UINT64_MAX - now ? UINT64_MAX - 1 : now + ns;
    while (clock_ns() < deadline) {
        if (process_current()->exiting)
            return -EINTR;
        sched_prepare_block();
        if (sched_block(deadline) == WAKE_INTERRUPT)
            return -EINTR;
    }
    return 0;
}

int64_t sys_uptime(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    return (int64_t)clock_ns();
}

int64_t sys_epoch(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    return (int64_t)clock_epoch_ns();
}

int64_t sys_getpid(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    return process_current()->pid;
}

int64_t sys_gettid(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    return thread_current()->tid;
}

int64_t sys_yield(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    sched_yield();
    return 0;
}

int64_t sys_thread_create(uint64_t entry, uint64_t arg, uint64_t stack_top, uint64_t tls, uint64_t a4, uint64_t a5)
{
    (void)a4, (void)a5;
    if (!user_range_ok(entry, 1) || !user_range_ok(stack_top - 64, 64) || (tls && !user_range_ok(tls, 8)))
        return -EFAULT;
    thread_t *t;
    int rc = process_start_thread(process_current(), entry, stack_top, arg, 0, tls, &t);
    if (rc)
        return rc;
    int64_t tid = t->tid;
    thread_unref(t);
    return tid;
}

int64_t sys_set_tls(uint64_t tls, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    if (tls && !user_range_ok(tls, 8))
        return -EFAULT;
    uint64_t flags = cpu_flags();
    cpu_cli();
    thread_current()->fs_base = tls;
    cpu_wrmsr(0xc0000100, tls);
    if (flags & CPU_FLAG_IF)
        cpu_sti();
    return 0;
}

/* The futex key is the word's physical address: two mappings of one page share it. */
static int futex_word(uint64_t addr, volatile uint32_t **word, uint64_t *key)
{
    paddr_t phys;
    if ((addr & 3) || !user_range_ok(addr, 4))
        return -EFAULT;
    if (vmm_query(&process_current()->space, addr, &phys, 0))
        return -EFAULT;
    *key = phys + (addr & (PAGE_SIZE - 1));
    *word = PHYS_TO_VIRT(*key);
    return 0;
}

int64_t sys_futex(uint64_t addr, uint64_t val, uint64_t op, uint64_t timeout, uint64_t a4, uint64_t a5)
{
    (void)a4, (void)a5;
    volatile uint32_t *word;
    uint64_t key;
    int rc = futex_word(addr, &word, &key);
    if (rc)
        return rc;
    if (op == FUTEX_WAIT)
        return waitaddr_wait(key, word, (uint32_t)val, timeout);
    if (op == FUTEX_WAKE)
        return waitaddr_wake(key, val > 0x7fffffff ? 0x7fffffff : (int)val);
    return -EINVAL;
}

/* ---- spawn: copy and check every argument before anything is created ---- */

typedef struct spawn_args {
    const char *argv[MAX_ARGS + 1];
    char strings[MAX_ARGS_BYTES];
    const char *envp[MAX_ENV + 1];
    char env_strings[MAX_ENV_BYTES];
    spawn_fd_t fds[MAX_FDS];
    char cwd[MAX_PATH + 1];
    char parent_cwd[MAX_PATH + 1];
} spawn_args_t;

static bufcache_t spawn_bufs = BUFCACHE_INIT(sizeof(spawn_args_t)); /* 35 KiB each */

void syscall_trim(void)
{
    syscall_fs_trim();
    bufcache_trim(&spawn_bufs);
}

/*
 * Copies the NULL-terminated user array of strings at vec into ptrs (at most max
 * entries) and strings (bytes, NULs included). Returns 0 with *count set, -E2BIG (too
 * many strings or bytes) or -EFAULT (an unreadable pointer or string).
 */
static int64_t spawn_copy_strv(const char **ptrs, char *strings, size_t bytes, size_t max,
                               uptr_t vec, size_t *count)
{
    size_t used = 0, n = 0;
    for (;; n++) {
        uint64_t p;
        if (user_copy_from(&p, UPTR(vec.addr + n * 8), 8))
            return -EFAULT;
        if (!p)
            break;
        if (n == max)
            return -E2BIG;
        int64_t len = user_string(strings + used, UPTR(p), bytes - used);
        if (len == -ENAMETOOLONG)
            return -E2BIG;
        if (len < 0)
            return len;
        ptrs[n] = strings + used;
        used += (size_t)len + 1;
    }
    *count = n;
    return 0;
}

/* The environment: every string must have the form NAME=value with a non-empty NAME. */
static int64_t spawn_copy_env(spawn_args_t *a, uptr_t envp, size_t *count)
{
    int64_t rc = spawn_copy_strv(a->envp, a->env_strings, sizeof(a->env_strings), MAX_ENV, envp, count);
    for (size_t i = 0; !rc && i < *count; i++) {
        const char *eq = strchr(a->envp[i], '=');
        if (!eq || eq == a->envp[i])
            rc = -EINVAL;
    }
    return rc;
}

static int64_t spawn_copy_fds(spawn_args_t *a, uptr_t fds, size_t *count)
{
    size_t n = 0;
    for (;; n++) {
        spawn_fd_t pair;
        if (user_copy_from(&pair, UPTR(fds.addr + n * sizeof(pair)), sizeof(pair)))
            return -EFAULT;
        if (pair.child == SPAWN_FD_END)
            break;
        if (n == MAX_FDS)
            return -E2BIG;
        if (pair.child < 0 || pair.child >= MAX_FDS)
            return -EINVAL; /* a bad child descriptor (sys/proc.h) */
        if (pair.parent < 0 || pair.parent >= MAX_FDS)
            return -EBADF; /* a parent descriptor that cannot be open */
        a->fds[n] = pair;
    }
    *count = n;
    return 0;
}

int64_t sys_spawn(uint64_t argv, uint64_t fds, uint64_t cwd, uint64_t attr, uint64_t envp, uint64_t a5)
{
    (void)a5;
    spawn_args_t *a = bufcache_get(&spawn_bufs);
    if (!a)
        return -ENOMEM;
    spawn_req_t req = {.argv = a->argv, .prio = process_current()->prio, .parent_cwd = a->parent_cwd};
    process_get_cwd(process_current(), a->parent_cwd);
    int64_t rc = spawn_copy_strv(a->argv, a->strings, sizeof(a->strings), MAX_ARGS, UPTR(argv), &req.argc);
    if (!rc && req.argc == 0)
        rc = -EINVAL;
    if (!rc && envp) {
        rc = spawn_copy_env(a, UPTR(envp), &req.envc);
        req.envp = a->envp;
    }
    if (!rc && fds) {
        rc = spawn_copy_fds(a, UPTR(fds), &req.fd_count);
        req.fds = a->fds;
    }
    if (!rc && cwd) {
        rc = user_string(a->cwd, UPTR(cwd), sizeof(a->cwd));
        rc = rc < 0 ? rc : 0;
        req.cwd = a->cwd;
    }
    if (!rc && attr) {
        spawn_attr_t at;
        rc = user_copy_from(&at, UPTR(attr), sizeof(at));
        if (!rc && (at.priority < THREAD_PRIO_MIN || at.priority > THREAD_PRIO_MAX || at.flags))
            rc = -EINVAL;
        req.prio = at.priority;
    }
    if (!rc)
        rc = spawn_process(process_current(), &req);
    bufcache_put(&spawn_bufs, a);
    return rc;
}

int64_t sys_notify(uint64_t handler, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    return note_set_handler(handler);
}

/* noted() needs the whole saved context: syscall_dispatch handles it before the table. */
int64_t sys_noted(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    (void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    return -ENOSYS;
}
