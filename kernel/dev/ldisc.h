/*
 * ldisc.h - the console's line discipline, a pure state machine with no locks and no
 * devices: bytes typed go in with ldisc_input(), what a reader gets comes out with
 * ldisc_read(), and what must be shown to the person typing is handed to an echo
 * callback. kernel/dev/console.c owns the one instance behind sys:/console and
 * serialises it; kernel/test/test_console.c drives private instances.
 *
 * Cooked mode (the default): a line is edited in place and becomes readable when it
 * ends. CR becomes NL; DEL and ^H erase one character (a whole UTF-8 sequence); ^U
 * erases the line, ^W the last word; ^D hands over the line typed so far without a newline, or, on an
 * empty line, is an end of file (one read returns 0); ^C discards the line, echoes
 * "^C" and reports LDISC_INTERRUPT; other control characters except TAB are ignored.
 * A cooked read returns at most one line. Raw mode: every byte is readable at once
 * as typed (^C included), nothing is echoed.
 */
#ifndef DEV_LDISC_H
#define DEV_LDISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LDISC_LINE_MAX 1024 /**< bytes of a line being edited, its newline included */
#define LDISC_QUEUE 4096    /**< readable entries (bytes and end-of-file marks) */
#define LDISC_ECHO_MAX (3 * LDISC_LINE_MAX + 8) /**< most echo bytes one input byte causes */

#define LDISC_INTERRUPT 1 /**< ldisc_input(): ^C was typed in cooked mode */

/** A line discipline. Zero it, then set echo (and echo_arg); cooked mode. */
typedef struct ldisc {
    void (*echo)(void *arg, const char *s, size_t n); /**< immutable: NULL = no echo */
    void *echo_arg;                /**< immutable */
    bool raw;                      /**< owner: raw mode */
    size_t line_len;               /**< owner: bytes in line */
    char line[LDISC_LINE_MAX];     /**< owner: the line being edited (cooked) */
    unsigned head, count;          /**< owner: the readable queue */
    uint16_t queue[LDISC_QUEUE];   /**< owner: bytes (< 0x100) and end marks */
} ldisc_t;

/**
 * Feeds one typed byte. Echoes (cooked mode) through ld->echo, at most LDISC_ECHO_MAX
 * bytes. A byte that finds no room (line or queue full) is dropped and echoes a BEL.
 * @return 0 or LDISC_INTERRUPT. Locking: the owner's. Never sleeps. O(1), except ^U
 * and a line's end: O(line).
 */
int ldisc_input(ldisc_t *ld, uint8_t c);

/**
 * Takes readable bytes into @buf (at most @size, @size > 0). Cooked: stops after a
 * newline or where ^D handed over a partial line. Raw: takes what is there.
 * @return the bytes taken (> 0), 0 for an end of file (consumed), or -EAGAIN when
 *         nothing is readable. Locking: the owner's. Never sleeps. O(bytes taken).
 */
int64_t ldisc_read(ldisc_t *ld, char *buf, size_t size);

/** Whether ldisc_read() would not return -EAGAIN. Locking: the owner's. O(1). */
bool ldisc_readable(const ldisc_t *ld);

/**
 * Switches raw mode on or off. Going raw hands the partly edited line over as
 * readable bytes, so nothing typed is lost. Locking: the owner's. O(line).
 */
void ldisc_set_raw(ldisc_t *ld, bool raw);

#endif
