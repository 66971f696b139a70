/*
 * init - the first process. The kernel starts it as `home:/bin/init` (normal mode) or
 * `home:/bin/init --test` (test mode).
 *
 * Test mode: run every program in home:/tests one by one, sorted by name, each with a
 * time limit; the programs print their own `ok`/`not ok` lines on descriptor 1 (the
 * serial console), and init adds `ok <name>/exit` or `not ok <name>/exit: <status>`
 * for each, then prints `user tests done` and exits "0" (the kernel ends the run).
 * Normal mode: spawn every line of home:/cfg/init (a program path and its arguments,
 * separated by spaces; empty lines and lines starting with # are skipped; a line
 * starting with `respawn ` is started again whenever it ends, e.g. the console shell),
 * wait for them all at once with poll() on their sys:/proc/<pid>/wait files, then idle
 * forever.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "util.h"

#define TESTS_DIR "home:/tests"
#define CONFIG_PATH "home:/cfg/init"
#define TEST_TIME_LIMIT (60 * NS_PER_SEC)
#define FUZZ_TIME_LIMIT (300 * NS_PER_SEC) /* the fuzz suite: 200 000 system calls under TCG */
#define KILL_GRACE (5 * NS_PER_SEC)
#define POLL_MAX_NS (50 * NS_PER_MS)

/* A list of malloc()ed strings. */
typedef struct names {
    char **items;
    size_t count, capacity;
} names_t;

static bool names_add(names_t *n, const char *s)
{
    if (n->count == n->capacity) {
        size_t cap = n->capacity ? n->capacity * 2 : 16;
        char **items = realloc(n->items, cap * sizeof(char *));
        if (items == NULL)
            return false;
        n->items = items;
        n->capacity = cap;
    }
    n->items[n->count] = strdup(s);
    return n->items[n->count++] != NULL;
}

static int names_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Make a status printable on one line: control characters become spaces, trailing
 * white space goes. */
static void status_clean(char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            s[i] = ' ';
    }
    while (len > 0 && s[len - 1] == ' ')
        s[--len] = '\0';
}

/*
 * Read @pid's exit status into @status. With a @limit (ns, 0 = none) the wait file is
 * polled without blocking, so a process that never ends costs only the limit.
 * Returns 0, or ERR with errno ETIMEDOUT (limit reached) or from open()/read().
 */
static int wait_status(pid_t pid, char *status, size_t size, uint64_t limit)
{
    fd_t fd = limit ? openf("sys:/proc/%lld/wait?nonblock", (long long)pid)
                    : openf("sys:/proc/%lld/wait", (long long)pid);
    if (fd == ERR)
        return ERR;
    uint64_t deadline = uptime() + limit, pause = NS_PER_MS;
    int64_t n;
    while ((n = read(fd, status, size - 1)) == ERR && errno == EAGAIN) {
        if (uptime() >= deadline) {
            errno = ETIMEDOUT;
            break;
        }
        sleep(pause);
        pause = pause * 2 < POLL_MAX_NS ? pause * 2 : POLL_MAX_NS;
    }
    int saved = errno;
    close(fd);
    if (n == ERR) {
        errno = saved;
        return ERR;
    }
    status[n] = '\0';
    status_clean(status);
    return 0;
}

static void kill_process(pid_t pid)
{
    fd_t ctl = openf("sys:/proc/%lld/ctl", (long long)pid);
    if (ctl == ERR || writef(ctl, "kill") == ERR)
        dprintf(STDERR_FILENO, "init: kill %lld: %s\n", (long long)pid, strerror(errno));
    if (ctl != ERR)
        close(ctl);
}

/* The names of the programs in TESTS_DIR, sorted. Returns false on failure. */
static bool list_tests(names_t *tests)
{
    fd_t dir = open(TESTS_DIR);
    if (dir == ERR)
        return false;
    static dirent_t entries[16];
    int64_t n;
    bool ok = true;
    while (ok && (n = getdirent(dir, entries, 16)) > 0) {
        for (int64_t i = 0; i < n && ok; i++) {
            const char *name = entries[i].name;
            if (entries[i].type == STAT_DIR || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
                continue;
            ok = names_add(tests, name);
        }
    }
    int saved = errno;
    close(dir);
    errno = saved;
    if (!ok || n == ERR)
        return false;
    qsort(tests->items, tests->count, sizeof(char *), names_cmp);
    return true;
}

/* Run one test program and print its `exit` line. */
static void run_test(const char *name)
{
    char path[MAX_PATH + 1], status[MAX_STATUS + 1];
    snprintf(path, sizeof(path), "%s/%s", TESTS_DIR, name);
    const char *argv[] = { path, NULL };
    pid_t pid = spawn(argv, NULL, NULL, NULL);
    if (pid == ERR) {
        printf("not ok %s/exit: spawn: %s\n", name, strerror(errno));
        return;
    }
    uint64_t limit = strcmp(name, "fuzz") == 0 ? FUZZ_TIME_LIMIT : TEST_TIME_LIMIT;
    if (wait_status(pid, status, sizeof(status), limit) == ERR) {
        bool timeout = errno == ETIMEDOUT;
        if (timeout) {
            kill_process(pid);
            wait_status(pid, status, sizeof(status), KILL_GRACE); /* reap it */
        }
        printf("not ok %s/exit: %s\n", name, timeout ? "timeout" : strerror(errno));
        return;
    }
    if (strcmp(status, "0") == 0)
        printf("ok %s/exit\n", name);
    else
        printf("not ok %s/exit: %s\n", name, status[0] ? status : "(empty status)");
}

static int run_tests(void)
{
    names_t tests = { 0 };
    if (!list_tests(&tests)) {
        printf("not ok init/list_tests: %s: %s\n", TESTS_DIR, strerror(errno));
        return 1;
    }
    for (size_t i = 0; i < tests.count; i++)
        run_test(tests.items[i]);
    printf("user tests done\n");
    return 0;
}

/* The whole of @path in a malloc()ed, NUL-terminated buffer, or NULL with errno. */
static char *read_file(const char *path)
{
    fd_t fd = open(path);
    if (fd == ERR)
        return NULL;
    size_t size = 0, capacity = 1024;
    char *buf = malloc(capacity);
    int64_t n = 0;
    while (buf != NULL && (n = read(fd, buf + size, capacity - size - 1)) > 0) {
        size += (size_t)n;
        if (capacity - size - 1 == 0) {
            char *bigger = realloc(buf, capacity * 2);
            if (bigger == NULL)
                free(buf);
            buf = bigger;
            capacity *= 2;
        }
    }
    int saved = errno;
    close(fd);
    if (buf != NULL && n == ERR) {
        free(buf);
        buf = NULL;
    }
    if (buf != NULL)
        buf[size] = '\0';
    errno = saved;
    return buf;
}

/* Spawn the command @line (split on spaces and tabs, in place). Returns its pid or ERR. */
static pid_t spawn_line(char *line)
{
    const char *argv[MAX_ARGS + 1];
    int argc = 0;
    char *save;
    for (char *t = strtok_r(line, " \t\r", &save); t != NULL; t = strtok_r(NULL, " \t\r", &save)) {
        if (argc == MAX_ARGS) {
            errno = E2BIG;
            return ERR;
        }
        argv[argc++] = t;
    }
    argv[argc] = NULL;
    return spawn(argv, NULL, NULL, NULL);
}

/** One line of home:/cfg/init: what to run, and whether to run it again when it ends. */
typedef struct service {
    char *line;        /* malloc'd: the command line */
    bool respawn;      /* the line started with "respawn " */
    pid_t pid;         /* ERR when not running */
    fd_t wait;         /* its sys:/proc/<pid>/wait, polled */
    uint64_t started;  /* uptime() at the last start */
} service_t;

#define SERVICES_MAX 64
#define RESPAWN_PAUSE NS_PER_SEC /* a program that ends within this is restarted after it */

/* Starts @s (a copy of its line is split); false after reporting why not. */
static bool service_start(service_t *s)
{
    char *copy = strdup(s->line);
    if (copy == NULL)
        return false;
    s->pid = spawn_line(copy);
    if (s->pid == ERR) {
        dprintf(STDERR_FILENO, "init: %.*s: %s\n", (int)strcspn(s->line, " \t\r"), s->line, strerror(errno));
        free(copy);
        return false;
    }
    free(copy);
    s->started = uptime();
    s->wait = openf("sys:/proc/%lld/wait", (long long)s->pid);
    return true;
}

/* @s has ended: reports a status other than "0" and restarts it if it respawns. */
static void service_ended(service_t *s)
{
    char status[MAX_STATUS + 1];
    int64_t n = read(s->wait, status, MAX_STATUS);
    status[n > 0 ? n : 0] = '\0';
    status_clean(status);
    close(s->wait);
    s->wait = ERR;
    if (strcmp(status, "0") != 0)
        dprintf(STDERR_FILENO, "init: %s exited: %s\n", s->line, status[0] ? status : "(no status)");
    s->pid = ERR;
    if (!s->respawn)
        return;
    if (uptime() - s->started < RESPAWN_PAUSE)
        sleep(RESPAWN_PAUSE);
    service_start(s);
}

/* Parses the configuration into @s; the number of services. */
static size_t services_parse(char *config, service_t *s)
{
    size_t count = 0;
    char *save;
    for (char *line = strtok_r(config, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        line += strspn(line, " \t\r");
        if (*line == '\0' || *line == '#' || count == SERVICES_MAX)
            continue;
        bool respawn = strncmp(line, "respawn ", 8) == 0;
        if (respawn)
            line += 8 + strspn(line + 8, " \t");
        s[count] = (service_t){ .line = strdup(line), .respawn = respawn, .pid = ERR, .wait = ERR };
        if (s[count].line != NULL)
            count++;
    }
    return count;
}

/* Normal mode: start every service, then wait on all of them at once with poll(). */
static void run_config(void)
{
    char *config = read_file(CONFIG_PATH);
    if (config == NULL) {
        dprintf(STDERR_FILENO, "init: %s: %s\n", CONFIG_PATH, strerror(errno));
        return;
    }
    static service_t services[SERVICES_MAX];
    static pollfd_t fds[SERVICES_MAX];
    size_t count = services_parse(config, services);
    free(config);
    for (size_t i = 0; i < count; i++)
        service_start(&services[i]);
    for (;;) {
        size_t n = 0;
        for (size_t i = 0; i < count; i++)
            fds[i] = (pollfd_t){ .fd = services[i].wait, .events = POLL_READ };
        for (size_t i = 0; i < count; i++)
            n += services[i].wait != ERR;
        if (n == 0)
            return;
        if (poll(fds, count, POLL_FOREVER) == ERR) {
            if (errno != EINTR)
                return;
            continue;
        }
        for (size_t i = 0; i < count; i++)
            if (services[i].wait != ERR && (fds[i].revents & (POLL_READ | POLL_HUP | POLL_ERR)))
                service_ended(&services[i]);
    }
}

/* Bench mode (make bench): the benchmark program alone, then exit with its status. */
static int run_bench(void)
{
    const char *argv[] = {"home:/bin/bench", 0};
    char status[MAX_STATUS];
    printf("init: running the benchmarks\n");
    pid_t pid = spawn(argv, 0, 0, 0);
    if (pid == ERR) {
        dprintf(2, "init: cannot start home:/bin/bench: %s\n", strerror(errno));
        return 1;
    }
    if (wait_status(pid, status, sizeof(status), 0) != 0)
        return 1;
    return strcmp(status, "0") != 0;
}

static bool has_arg(int argc, char **argv, const char *arg)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], arg) == 0)
            return true;
    }
    return false;
}

int main(int argc, char **argv)
{
    util_init("init", "init [--test | --bench]\n"
        "The first process. Normal mode: start what home:/cfg/init lists. --test: run\n"
        "every program in home:/tests and report. --bench: run home:/bin/bench.");
    util_help_check(argc, argv);
    if (has_arg(argc, argv, "--test"))
        return run_tests();
    if (has_arg(argc, argv, "--bench"))
        return run_bench();
    run_config();
    for (;;)
        sleep(60 * NS_PER_SEC);
}
