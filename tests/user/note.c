/*
 * note.c - the `note` suite: notes sent by writing sys:/proc/<pid>/note, handled with
 * notify(), ending processes without a handler, interrupting blocked calls (EINTR) and
 * threads spinning on another CPU (the delivery latency is printed), and the errors.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

static pid_t start(const char **argv, fd_t out)
{
    spawn_fd_t fds[] = {{0, 0}, {1, out}, {2, 2}, {SPAWN_FD_END, SPAWN_FD_END}};
    return spawn(argv, out >= 0 ? fds : 0, 0, 0);
}


static int send_note(pid_t pid, const char *text)
{
    fd_t fd = openf("sys:/proc/%ld/note", (long)pid);
    if (fd == ERR)
        return ERR;
    int64_t n = writef(fd, "%s", text);
    int saved = errno;
    close(fd);
    errno = saved;
    return n == (int64_t)strlen(text) ? 0 : ERR;
}

UTEST(no_handler_note_is_exit_status)
{
    const char *argv[] = {"home:/bin/tproc", "spin", 0};
    char status[128];
    pid_t pid = start(argv, -1);
    UTEST_ASSERT(pid != ERR);
    sleep(20000000);
    UTEST_ASSERT_EQ(send_note(pid, "hangup"), 0);
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    UTEST_ASSERT(strcmp(status, "hangup") == 0);
}

UTEST(kill_note_ends_even_with_handler)
{
    const char *argv[] = {"home:/bin/notechild", "sleep", 0};
    char status[128];
    pid_t pid = start(argv, -1);
    UTEST_ASSERT(pid != ERR);
    sleep(30000000);
    UTEST_ASSERT_EQ(send_note(pid, "kill"), 0);
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    UTEST_ASSERT(strcmp(status, "kill") == 0);
}

static volatile int handled;
static char last_note[128];

static void on_note(const char *note)
{
    strncpy(last_note, note, sizeof(last_note) - 1);
    handled++;
}

UTEST(handler_runs_and_code_resumes)
{
    handled = 0;
    UTEST_ASSERT_EQ(notify(on_note), 0);
    volatile int before = 41;
    UTEST_ASSERT_EQ(send_note(getpid(), "tick"), 0); /* delivered on the way back from write */
    UTEST_ASSERT_EQ(handled, 1);
    UTEST_ASSERT(strcmp(last_note, "tick") == 0);
    UTEST_ASSERT_EQ(before + 1, 42); /* the interrupted code's state survived */
    UTEST_ASSERT_EQ(send_note(getpid(), "tock"), 0);
    UTEST_ASSERT_EQ(handled, 2);
    UTEST_ASSERT(strcmp(last_note, "tock") == 0);
    notify(0);
}

UTEST(blocked_sleep_returns_eintr)
{
    fd_t fds[2];
    char buf[64] = {0};
    UTEST_ASSERT_EQ(open2("sys:/pipe/new", fds), 0);
    const char *argv[] = {"home:/bin/notechild", "sleep", 0};
    pid_t pid = start(argv, fds[1]);
    close(fds[1]);
    UTEST_ASSERT(pid != ERR);
    sleep(50000000);
    UTEST_ASSERT_EQ(send_note(pid, "wake"), 0);
    char status[128];
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    int64_t n, got = 0;
    while ((n = read(fds[0], buf + got, sizeof(buf) - 1 - got)) > 0)
        got += n;
    close(fds[0]);
    UTEST_ASSERT(strstr(buf, " wake\n") != 0);  /* the handler ran */
    UTEST_ASSERT(strstr(buf, "eintr\n") != 0);  /* the sleep was cut short */
    UTEST_ASSERT(strcmp(status, "0") == 0);
}

UTEST(spinning_thread_interrupted_quickly)
{
    fd_t fds[2];
    char buf[64] = {0};
    UTEST_ASSERT_EQ(open2("sys:/pipe/new", fds), 0);
    const char *argv[] = {"home:/bin/notechild", "spin", 0};
    pid_t pid = start(argv, fds[1]);
    close(fds[1]);
    UTEST_ASSERT(pid != ERR);
    sleep(100000000); /* it is spinning in user space now */
    uint64_t t0 = uptime();
    UTEST_ASSERT_EQ(send_note(pid, "ping"), 0);
    int64_t n = read(fds[0], buf, sizeof(buf) - 1);
    close(fds[0]);
    UTEST_ASSERT(n > 0);
    uint64_t t1 = strtoull(buf, 0, 10);
    char status[128];
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    UTEST_ASSERT(strcmp(status, "noted") == 0);
    UTEST_ASSERT(t1 >= t0);
    printf("note: delivery to a spinning thread took %lu us\n", (unsigned long)((t1 - t0) / 1000));
    UTEST_ASSERT(t1 - t0 < 1000000000ull);
}

UTEST(note_errors)
{
    const char *argv[] = {"home:/bin/tproc", "exit", "0", 0};
    pid_t pid = start(argv, -1);
    UTEST_ASSERT(pid != ERR);
    fd_t ctl = openf("sys:/proc/%ld/ctl", (long)pid);
    UTEST_ASSERT(ctl != ERR);
    UTEST_ASSERT(writef(ctl, "wait") > 0); /* exited, not yet collected */
    close(ctl);
    UTEST_ASSERT_EQ(send_note(pid, "late"), ERR);
    UTEST_ASSERT_EQ(errno, ESRCH);
    char status[128];
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    fd_t me = open("sys:/proc/self/note");
    UTEST_ASSERT(me != ERR);
    char big[200];
    memset(big, 'x', sizeof(big));
    UTEST_ASSERT_EQ(write(me, big, sizeof(big)), ERR); /* longer than a note */
    UTEST_ASSERT_EQ(errno, EINVAL);
    UTEST_ASSERT_EQ(write(me, "", 0), ERR);
    UTEST_ASSERT_EQ(errno, EINVAL);
    close(me);
    UTEST_ASSERT_EQ(notify((void (*)(const char *))0), 0);
}

UTEST(note_to_ancestor_refused)
{
    fd_t fd = open("sys:/proc/1/note"); /* init: our parent, not our descendant */
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(writef(fd, "hello"), ERR);
    UTEST_ASSERT_EQ(errno, EACCES);
    close(fd);
}

UTEST(note_flood_overflow_reported)
{
    fd_t fds[2];
    UTEST_ASSERT_EQ(open2("sys:/pipe/new", fds), 0);
    const char *argv[] = {"home:/bin/notechild", "count", "100", 0};
    pid_t pid = start(argv, fds[1]);
    close(fds[1]);
    UTEST_ASSERT(pid != ERR);
    sleep(20000000);
    fd_t note = openf("sys:/proc/%ld/note", (long)pid);
    UTEST_ASSERT(note != ERR);
    int sent = 0, overflow = 0, other = 0;
    /* bounded by time, not tries: a starved child (busy host) empties its queue late */
    uint64_t end = uptime() + 30 * NS_PER_SEC;
    for (int i = 0; sent < 100 && !other && uptime() < end; i++) {
        if (writef(note, "n%d", i) > 0)
            sent++;
        else if (errno == EOVERFLOW)
            overflow++, sleep(1000000); /* reported, not silently lost: send it again */
        else
            other++;
    }
    close(note);
    char status[128];
    UTEST_ASSERT(utest_wait(pid, status, sizeof(status)) >= 0);
    close(fds[0]);
    UTEST_ASSERT_EQ(other, 0);
    UTEST_ASSERT_EQ(sent, 100);
    UTEST_ASSERT(atoi(status) == 100); /* every accepted note was delivered */
    printf("note: flood of 100 notes, %d refused with EOVERFLOW and resent\n", overflow);
}

int main(void)
{
    UTEST_BEGIN("note");
    UTEST_RUN(no_handler_note_is_exit_status);
    UTEST_RUN(kill_note_ends_even_with_handler);
    UTEST_RUN(handler_runs_and_code_resumes);
    UTEST_RUN(blocked_sleep_returns_eintr);
    UTEST_RUN(spinning_thread_interrupted_quickly);
    UTEST_RUN(note_errors);
    UTEST_RUN(note_to_ancestor_refused);
    UTEST_RUN(note_flood_overflow_reported);
    return UTEST_END();
}
