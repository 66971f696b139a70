/*
 * jobs.c - background jobs and waiting for processes (shell.h). A job is the pids of
 * one pipeline started with &. Waiting reads sys:/proc/<pid>/wait, which also lets
 * the kernel forget the process; reaping polls it with ?nonblock.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "shell.h"

#define JOB_PIDS 16

/** One background job. */
typedef struct job {
    int id;                            /**< 1.., 0: free slot */
    pid_t pids[JOB_PIDS];
    bool done[JOB_PIDS];
    int n;
    char status[MAX_STATUS];           /**< the last process's status, once done */
    char *text;
} job_t;

static job_t jobs[JOBS_MAX];

static void status_clean(char *s, int64_t n)
{
    s[n > 0 ? n : 0] = '\0';
    for (char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20)
            *p = ' ';
}

/* Reads @pid's status; @block false: fails with EAGAIN while it runs. 0 or -1. */
static int read_status(pid_t pid, bool block, char *status)
{
    fd_t fd = openf(block ? "sys:/proc/%lld/wait" : "sys:/proc/%lld/wait?nonblock", (long long)pid);
    if (fd == ERR)
        return -1;
    int64_t n;
    while ((n = read(fd, status, MAX_STATUS - 1)) == ERR && errno == EINTR && block)
        ; /* an ignored note (interrupt) woke us */
    int saved = errno;
    close(fd);
    errno = saved;
    if (n == ERR)
        return -1;
    status_clean(status, n);
    return 0;
}

int jobs_wait_pid(pid_t pid, char *status)
{
    if (read_status(pid, true, status) == 0)
        return 0;
    snprintf(status, MAX_STATUS, "wait %lld: %s", (long long)pid, strerror(errno));
    return -1;
}

int jobs_add(const pid_t *pids, int n, const char *text)
{
    int id = 1;
    for (int i = 0; i < JOBS_MAX; i++)
        if (jobs[i].id >= id)
            id = jobs[i].id + 1;
    for (int i = 0; i < JOBS_MAX; i++) {
        if (jobs[i].id)
            continue;
        job_t *j = &jobs[i];
        memset(j, 0, sizeof(*j));
        j->n = n < JOB_PIDS ? n : JOB_PIDS;
        memcpy(j->pids, pids, (size_t)j->n * sizeof(pid_t));
        j->text = strdup(text ? text : "");
        j->id = id;
        return id;
    }
    return -1;
}

/* Collects what has ended of @j (all of it with @block); true once all ended. */
static bool job_update(job_t *j, bool block)
{
    bool all = true;
    for (int k = 0; k < j->n; k++) {
        char status[MAX_STATUS];
        if (!j->done[k] && read_status(j->pids[k], block, status) == 0) {
            j->done[k] = true;
            if (k == j->n - 1)
                strlcpy(j->status, status, sizeof(j->status));
        } else if (!j->done[k] && errno != EAGAIN) {
            j->done[k] = true; /* gone: nothing more to learn */
            snprintf(j->status, sizeof(j->status), "%s", strerror(errno));
        }
        all &= j->done[k];
    }
    return all;
}

static void job_finish(job_t *j)
{
    if (strcmp(j->status, "0") == 0)
        dprintf(STDERR_FILENO, "[%d] done  %s\n", j->id, j->text);
    else
        dprintf(STDERR_FILENO, "[%d] done (%s)  %s\n", j->id, j->status, j->text);
    free(j->text);
    j->text = NULL;
    j->id = 0;
}

void jobs_reap(void)
{
    for (int i = 0; i < JOBS_MAX; i++)
        if (jobs[i].id && job_update(&jobs[i], false))
            job_finish(&jobs[i]);
}

void jobs_print(fd_t fd)
{
    jobs_reap();
    for (int i = 0; i < JOBS_MAX; i++) {
        if (!jobs[i].id)
            continue;
        dprintf(fd, "[%d]", jobs[i].id);
        for (int k = 0; k < jobs[i].n; k++)
            dprintf(fd, " %lld", (long long)jobs[i].pids[k]);
        dprintf(fd, " running  %s\n", jobs[i].text);
    }
}

bool jobs_wait(int id)
{
    bool found = false;
    for (int i = 0; i < JOBS_MAX; i++) {
        if (jobs[i].id && (id == 0 || jobs[i].id == id)) {
            found = true;
            job_update(&jobs[i], true);
            job_finish(&jobs[i]);
        }
    }
    return found || id == 0;
}

int jobs_pids(int id, pid_t *out, int max)
{
    for (int i = 0; i < JOBS_MAX; i++) {
        if (jobs[i].id != id)
            continue;
        int n = 0;
        for (int k = 0; k < jobs[i].n && n < max; k++)
            if (!jobs[i].done[k])
                out[n++] = jobs[i].pids[k];
        return n;
    }
    return -1;
}
