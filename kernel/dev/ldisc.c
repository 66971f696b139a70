/*
 * ldisc.c - the console line discipline (dev/ldisc.h): cooked line editing with echo,
 * or raw pass-through, over a ring of 16-bit entries (a byte, or a mark that ends a
 * read: an end of file, or the break ^D leaves after a partial line).
 */
#include "dev/ldisc.h"
#include <abi/errno.h>

#define MARK_EOF 0x100   /* a read here returns 0 */
#define MARK_BREAK 0x101 /* a cooked read stops here (^D after text) */

#define CTRL(c) ((c) & 0x1f)
#define DEL 0x7f

static void echo(ldisc_t *ld, const char *s, size_t n)
{
    if (ld->echo && n)
        ld->echo(ld->echo_arg, s, n);
}

static bool queue_room(const ldisc_t *ld, size_t n)
{
    return LDISC_QUEUE - ld->count >= n;
}

static void queue_push(ldisc_t *ld, uint16_t v)
{
    ld->queue[(ld->head + ld->count++) % LDISC_QUEUE] = v;
}

static uint16_t queue_peek(const ldisc_t *ld)
{
    return ld->queue[ld->head];
}

static void queue_pop(ldisc_t *ld)
{
    ld->head = (ld->head + 1) % LDISC_QUEUE;
    ld->count--;
}

/* Moves the edited line, then @mark (0: none), to the queue; false if no room. */
static bool line_commit(ldisc_t *ld, uint16_t mark)
{
    if (!queue_room(ld, ld->line_len + (mark != 0)))
        return false;
    for (size_t i = 0; i < ld->line_len; i++)
        queue_push(ld, (uint8_t)ld->line[i]);
    if (mark)
        queue_push(ld, mark);
    ld->line_len = 0;
    return true;
}

/* Erases the last character (a UTF-8 sequence counts as one); false if none. */
static bool line_erase_char(ldisc_t *ld)
{
    if (ld->line_len == 0)
        return false;
    while (ld->line_len > 1 && ((uint8_t)ld->line[ld->line_len - 1] & 0xc0) == 0x80)
        ld->line_len--;
    ld->line_len--;
    echo(ld, "\b \b", 3);
    return true;
}

static void bell(ldisc_t *ld)
{
    echo(ld, "\a", 1);
}

static int cooked_input(ldisc_t *ld, uint8_t c)
{
    if (c == '\r')
        c = '\n';
    switch (c) {
    case '\n':
        ld->line[ld->line_len++] = '\n'; /* a newline always fits: see below */
        if (!line_commit(ld, 0)) {
            ld->line_len--;
            bell(ld);
        } else {
            echo(ld, "\n", 1);
        }
        return 0;
    case DEL:
    case CTRL('h'):
        line_erase_char(ld);
        return 0;
    case CTRL('u'):
        while (line_erase_char(ld))
            ;
        return 0;
    case CTRL('w'):
        while (ld->line_len && ld->line[ld->line_len - 1] == ' ' && line_erase_char(ld))
            ;
        while (ld->line_len && ld->line[ld->line_len - 1] != ' ' && line_erase_char(ld))
            ;
        return 0;
    case CTRL('d'):
        if (!line_commit(ld, ld->line_len ? MARK_BREAK : MARK_EOF))
            bell(ld);
        return 0;
    case CTRL('c'):
        ld->line_len = 0;
        echo(ld, "^C\n", 3);
        return LDISC_INTERRUPT;
    default:
        break;
    }
    if ((c < 0x20 && c != '\t') || ld->line_len + 1 >= LDISC_LINE_MAX) {
        if (c >= 0x20 || c == '\t')
            bell(ld); /* the last byte stays free for the newline */
        return 0;
    }
    ld->line[ld->line_len++] = (char)c;
    echo(ld, (const char *)&c, 1);
    return 0;
}

int ldisc_input(ldisc_t *ld, uint8_t c)
{
    if (!ld->raw)
        return cooked_input(ld, c);
    if (queue_room(ld, 1))
        queue_push(ld, c);
    return 0;
}

int64_t ldisc_read(ldisc_t *ld, char *buf, size_t size)
{
    size_t n = 0;
    while (ld->count && n < size) {
        uint16_t v = queue_peek(ld);
        if (v == MARK_EOF) {
            if (n == 0)
                queue_pop(ld);
            return (int64_t)n;
        }
        queue_pop(ld);
        if (v == MARK_BREAK) {
            if (n && !ld->raw)
                return (int64_t)n;
            continue;
        }
        buf[n++] = (char)v;
        if (v == '\n' && !ld->raw)
            break;
    }
    return n ? (int64_t)n : -EAGAIN;
}

bool ldisc_readable(const ldisc_t *ld)
{
    if (ld->count == 0)
        return false;
    return !(ld->count == 1 && queue_peek(ld) == MARK_BREAK);
}

void ldisc_set_raw(ldisc_t *ld, bool raw)
{
    if (raw && !ld->raw && ld->line_len && !line_commit(ld, 0))
        ld->line_len = 0; /* no room: the partial line is lost, as a full queue drops bytes */
    ld->raw = raw;
}
