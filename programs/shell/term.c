/*
 * term.c - the line editor on the console (shell.h). While a line is read, an open of
 * sys:/consctl holds the console raw (bytes arrive as typed, nothing echoed). A key
 * that appends at the end of the line is echoed alone; any other change redraws the
 * line: carriage return, prompt, line, erase to the end of the screen line, cursor
 * back. Between lines the console is cooked, so programs the
 * shell starts read whole lines and ^C reaches them as the note "interrupt".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "shell.h"

static fd_t ctl = ERR; /* sys:/consctl, when the shell runs on the console */

bool term_open(void)
{
    ctl = open("sys:/consctl");
    return ctl != ERR;
}

static void term_ctl(const char *cmd)
{
    if (ctl != ERR && write(ctl, cmd, strlen(cmd)) == ERR)
        dprintf(STDERR_FILENO, "shell: sys:/consctl: %s: %s\n", cmd, strerror(errno));
}

void term_foreground(const pid_t *pids, int n)
{
    if (ctl == ERR)
        return;
    char cmd[16 + 24 * 16] = "fg";
    if (n == 0)
        strcat(cmd, " none");
    for (int i = 0; i < n && i < 16; i++)
        snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd), " %lld", (long long)pids[i]);
    /* a process may be gone already (ESRCH): nothing to interrupt then */
    if (write(ctl, cmd, strlen(cmd)) == ERR && errno != ESRCH)
        dprintf(STDERR_FILENO, "shell: sys:/consctl: %s: %s\n", cmd, strerror(errno));
}

static void redraw(const edit_t *e, const char *prompt)
{
    static char out[EDIT_MAX + MAX_PATH + 64];
    int n = snprintf(out, sizeof(out), "\r%s%s\x1b[K", prompt, e->buf);
    if (e->len > e->cur && n > 0 && (size_t)n < sizeof(out))
        n += snprintf(out + n, sizeof(out) - (size_t)n, "\x1b[%zuD", e->len - e->cur);
    if (n > 0)
        write(STDOUT_FILENO, out, (size_t)n < sizeof(out) ? (size_t)n : sizeof(out) - 1);
}

/* Shows the change from @before (the line before the key) to e. */
static void update(const edit_t *e, const char *prompt, const char *before, size_t before_cur)
{
    size_t n = strlen(before);
    if (e->len == n + 1 && e->cur == e->len && before_cur == n && strncmp(e->buf, before, n) == 0)
        write(STDOUT_FILENO, e->buf + n, 1); /* typed at the end: just echo it */
    else if (strcmp(e->buf, before) != 0 || e->cur != before_cur)
        redraw(e, prompt);
}

char *term_readline(edit_t *e, const char *prompt)
{
    static char before[EDIT_MAX + 1];
    edit_start(e);
    term_ctl("rawon");
    redraw(e, prompt);
    edit_result_t r = EDIT_MORE;
    while (r == EDIT_MORE) {
        unsigned char c; /* one at a time: what follows the line stays for its commands */
        int64_t n = read(STDIN_FILENO, &c, 1);
        if (n == ERR && errno == EINTR)
            continue;
        if (n <= 0) {
            r = EDIT_EOF;
            break;
        }
        size_t before_cur = e->cur;
        strcpy(before, e->buf);
        r = edit_key(e, c);
        if (r == EDIT_MORE)
            update(e, prompt, before, before_cur);
    }
    term_ctl("rawoff");
    write(STDOUT_FILENO, r == EDIT_CANCEL ? "^C\n" : "\n", r == EDIT_CANCEL ? 3 : 1);
    if (r == EDIT_EOF)
        return NULL;
    return strdup(r == EDIT_CANCEL ? "" : e->buf);
}
