/*
 * edit.c - the line editor's state machine (shell.h): bytes in, a line and a cursor
 * out. No I/O: term.c reads the console and redraws, so every key's effect can be
 * checked with a pipe as input (tests/user/shell.c runs `shell -i`).
 */
#include <stdlib.h>
#include <string.h>
#include "shell.h"

#define CTRL(c) ((c) & 0x1f)
#define ESC 0x1b
#define DEL 0x7f

void edit_start(edit_t *e)
{
    e->buf[0] = '\0';
    e->len = e->cur = 0;
    e->esc = e->esc_num = 0;
    e->hpos = e->nhist;
}

void edit_history_add(edit_t *e, const char *line)
{
    if (!line[0] || (e->nhist && strcmp(e->hist[e->nhist - 1], line) == 0))
        return;
    char *copy = strdup(line);
    if (!copy)
        return;
    if (e->nhist == EDIT_HISTORY) {
        free(e->hist[0]);
        memmove(e->hist, e->hist + 1, (EDIT_HISTORY - 1) * sizeof(char *));
        e->nhist--;
    }
    e->hist[e->nhist++] = copy;
}

static void set_line(edit_t *e, const char *s)
{
    strlcpy(e->buf, s, sizeof(e->buf));
    e->len = e->cur = strlen(e->buf);
}

static void insert(edit_t *e, char c)
{
    if (e->len == EDIT_MAX)
        return;
    memmove(e->buf + e->cur + 1, e->buf + e->cur, e->len - e->cur + 1);
    e->buf[e->cur++] = c;
    e->len++;
}

/* Removes @n bytes at @at. */
static void cut(edit_t *e, size_t at, size_t n)
{
    memmove(e->buf + at, e->buf + at + n, e->len - at - n + 1);
    e->len -= n;
    if (e->cur > at)
        e->cur = e->cur - at >= n ? e->cur - n : at;
}

/* Up (-1) or down (+1) in the history; the new line is kept while browsing. */
static void history_move(edit_t *e, int dir)
{
    int to = e->hpos + dir;
    if (to < 0 || to > e->nhist)
        return;
    if (e->hpos == e->nhist)
        strlcpy(e->saved, e->buf, sizeof(e->saved));
    e->hpos = to;
    set_line(e, to == e->nhist ? e->saved : e->hist[to]);
}

/* The final byte of ESC [ ... or ESC O ... */
static void escape_final(edit_t *e, unsigned char c)
{
    switch (c) {
    case 'A': history_move(e, -1); break;
    case 'B': history_move(e, +1); break;
    case 'C': e->cur += e->cur < e->len; break;
    case 'D': e->cur -= e->cur > 0; break;
    case 'H': e->cur = 0; break;
    case 'F': e->cur = e->len; break;
    case '~':
        if (e->esc_num == 1 || e->esc_num == 7)
            e->cur = 0;
        else if (e->esc_num == 4 || e->esc_num == 8)
            e->cur = e->len;
        else if (e->esc_num == 3 && e->cur < e->len)
            cut(e, e->cur, 1);
        break;
    default: break;
    }
}

/* One byte of an escape sequence in progress. */
static void escape_byte(edit_t *e, unsigned char c)
{
    if (e->esc == 1) {
        e->esc = (c == '[' || c == 'O') ? 2 : 0;
        e->esc_num = 0;
        return;
    }
    if (c >= '0' && c <= '9') {
        e->esc_num = e->esc_num * 10 + (c - '0');
        return;
    }
    if (c == ';')
        return;
    e->esc = 0;
    escape_final(e, c);
}

static edit_result_t control(edit_t *e, unsigned char c)
{
    switch (c) {
    case '\r': case '\n': return EDIT_DONE;
    case CTRL('c'): return EDIT_CANCEL;
    case CTRL('d'):
        if (e->len == 0)
            return EDIT_EOF;
        if (e->cur < e->len)
            cut(e, e->cur, 1);
        break;
    case DEL: case CTRL('h'):
        if (e->cur > 0)
            cut(e, e->cur - 1, 1);
        break;
    case CTRL('a'): e->cur = 0; break;
    case CTRL('e'): e->cur = e->len; break;
    case CTRL('u'): cut(e, 0, e->cur); break;
    case CTRL('w'): {
        size_t start = e->cur;
        while (start > 0 && e->buf[start - 1] == ' ')
            start--;
        while (start > 0 && e->buf[start - 1] != ' ')
            start--;
        cut(e, start, e->cur - start);
        break;
    }
    case CTRL('k'): cut(e, e->cur, e->len - e->cur); break;
    case CTRL('b'): e->cur -= e->cur > 0; break;
    case CTRL('f'): e->cur += e->cur < e->len; break;
    case CTRL('p'): history_move(e, -1); break;
    case CTRL('n'): history_move(e, +1); break;
    case ESC: e->esc = 1; break;
    case '\t': insert(e, ' '); break;
    default: break;
    }
    return EDIT_MORE;
}

edit_result_t edit_key(edit_t *e, unsigned char c)
{
    if (e->esc) {
        escape_byte(e, c);
        return EDIT_MORE;
    }
    if (c < 0x20 || c == DEL)
        return control(e, c);
    insert(e, (char)c);
    return EDIT_MORE;
}
