/*
 * proc.c - the process table as ps and top see it, read from sys:/proc/<pid>/status
 * (state, threads), parent (the parent's pid) and cmdline (the program's path). The
 * kernel side is kernel/proc/procfs.c. See util.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

/* Reads the small file sys:/proc/<pid>/<file> into @buf (NUL-terminated). */
static bool proc_file(pid_t pid, const char *file, char *buf, size_t size)
{
    fd_t fd = openf("sys:/proc/%lld/%s", (long long)pid, file);
    if (fd == ERR)
        return false;
    int64_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        return false;
    buf[n] = '\0';
    return true;
}

/* Fills @p for @pid; false if it went away meanwhile. */
static bool proc_read(pid_t pid, util_proc_t *p)
{
    char status[MAX_STATUS + 96], parent[32], cmdline[256];
    long long parent_pid = 0;
    *p = (util_proc_t){ .pid = pid };
    if (!proc_file(pid, "status", status, sizeof(status)) ||
        !proc_file(pid, "parent", parent, sizeof(parent)) ||
        !proc_file(pid, "cmdline", cmdline, sizeof(cmdline)))
        return false;
    const char *state = strstr(status, "state ");
    if (state == NULL || sscanf(state, "state %15s", p->state) != 1)
        return false;
    const char *threads = strstr(status, "threads ");
    if (threads != NULL)
        sscanf(threads, "threads %u", &p->threads);
    sscanf(parent, "%lld", &parent_pid);
    p->parent = (pid_t)parent_pid;
    cmdline[strcspn(cmdline, " \n")] = '\0';
    strlcpy(p->name, util_basename(cmdline), sizeof(p->name));
    return true;
}

static int by_pid(const void *a, const void *b)
{
    pid_t x = ((const util_proc_t *)a)->pid, y = ((const util_proc_t *)b)->pid;
    return x < y ? -1 : x > y;
}

util_proc_t *util_proc_list(size_t *count)
{
    size_t n;
    dirent_t *entries = util_dir_read("sys:/proc", &n);
    if (entries == NULL)
        return NULL;
    util_proc_t *procs = malloc((n ? n : 1) * sizeof(util_proc_t));
    size_t got = 0;
    for (size_t i = 0; procs != NULL && i < n; i++) {
        uint64_t pid;
        if (util_parse_u64(entries[i].name, &pid) && proc_read((pid_t)pid, &procs[got]))
            got++;
    }
    free(entries);
    if (procs == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    qsort(procs, got, sizeof(util_proc_t), by_pid);
    *count = got;
    return procs;
}

void util_proc_print(void)
{
    size_t n;
    util_proc_t *procs = util_proc_list(&n);
    if (procs == NULL)
        util_die("sys:/proc: %s", strerror(errno));
    util_outs("  PID  PPID STATE   THR NAME\n");
    for (size_t i = 0; i < n; i++)
        util_outf("%5lld %5lld %-7s %3u %s\n", (long long)procs[i].pid, (long long)procs[i].parent,
                  procs[i].state, procs[i].threads, procs[i].name);
    free(procs);
}
