/*
 * lines.c - a line reader over any descriptor (a file, a pipe, the console): reads in
 * chunks into a buffer that grows for long lines and hands out one NUL-terminated line
 * at a time, so head and grep stop reading as soon as they are done. Standard output
 * is flushed before each read, so lines typed on a console get their answer at once.
 * See util.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "util.h"

#define LINES_CHUNK 4096

void util_lines_init(util_lines_t *r, fd_t fd)
{
    *r = (util_lines_t){ .fd = fd };
}

/* Makes room for one more chunk after end, moving the kept bytes to the front. */
static int make_room(util_lines_t *r)
{
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->cap - r->end > LINES_CHUNK)
        return 0;
    size_t cap = r->cap ? r->cap * 2 : 2 * LINES_CHUNK;
    char *grown = realloc(r->buf, cap);
    if (grown == NULL) {
        errno = ENOMEM;
        return ERR;
    }
    r->buf = grown;
    r->cap = cap;
    return 0;
}

/* Hands out buf[start, start + len), dropping the newline at its end if @newline. */
static int hand_out(util_lines_t *r, size_t len, bool newline)
{
    r->line = r->buf + r->start;
    r->len = len;
    r->newline = newline;
    r->line[len] = '\0'; /* the newline's place, or the spare byte make_room keeps */
    r->start += len + newline;
    return 1;
}

int util_lines_next(util_lines_t *r)
{
    size_t scanned = 0;
    for (;;) {
        size_t left = r->end - r->start - scanned;
        char *nl = left ? memchr(r->buf + r->start + scanned, '\n', left) : NULL;
        if (nl != NULL)
            return hand_out(r, (size_t)(nl - (r->buf + r->start)), true);
        scanned = r->end - r->start;
        if (r->eof)
            return scanned ? hand_out(r, scanned, false) : 0;
        if (make_room(r) == ERR)
            return ERR;
        util_flush(); /* what is done shows before a read that may wait (a console, a pipe) */
        int64_t got = read(r->fd, r->buf + r->end, r->cap - r->end - 1);
        if (got < 0)
            return ERR;
        r->eof = got == 0;
        r->end += (size_t)got;
    }
}

void util_lines_deinit(util_lines_t *r)
{
    free(r->buf);
    r->buf = NULL;
}
