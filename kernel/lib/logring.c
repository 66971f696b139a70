/*
 * logring.c - the kernel log's ring of timestamped records (lib/logring.h).
 *
 * Positions grow forever and are taken modulo the size. A record is an 8-byte-aligned
 * header followed by its text and never straddles the end of the buffer: a record that
 * would is placed at the start instead, after a pad marker (or, if fewer than a
 * header's bytes remain, after an implied pad). The live bytes are [head, tail).
 */
#include "lib/logring.h"

#include <abi/errno.h>
#include <stdbool.h>

#include "lib/string.h"

#define LOGRING_ALIGN 8
#define LOGRING_PAD 0xffff       /* header len of a pad marker */

struct logring_hdr {
    uint64_t seq;
    uint64_t time_ns;
    uint8_t level;
    uint16_t len;                /* text bytes, or LOGRING_PAD */
};

#define HDR_SIZE sizeof(struct logring_hdr)

static size_t align_up(size_t n)
{
    return (n + LOGRING_ALIGN - 1) & ~(size_t)(LOGRING_ALIGN - 1);
}

static size_t record_size(size_t len)
{
    return align_up(HDR_SIZE + len);
}

static struct logring_hdr *hdr_at(const logring_t *r, uint64_t pos)
{
    return (struct logring_hdr *)(r->buf + pos % r->size);
}

/* Whether @pos holds a pad (explicit or implied) rather than a record. */
static bool is_pad(const logring_t *r, uint64_t pos)
{
    return r->size - pos % r->size < HDR_SIZE || hdr_at(r, pos)->len == LOGRING_PAD;
}

static uint64_t next_lap(const logring_t *r, uint64_t pos)
{
    return (pos / r->size + 1) * r->size;
}

/* Position of the record after the one (or the pad) at @pos. */
static uint64_t step(const logring_t *r, uint64_t pos)
{
    return is_pad(r, pos) ? next_lap(r, pos) : pos + record_size(hdr_at(r, pos)->len);
}

void logring_init(logring_t *r, void *buf, size_t size)
{
    uintptr_t start = align_up((uintptr_t)buf);
    size_t skip = (size_t)(start - (uintptr_t)buf);
    size_t usable = size > skip ? (size - skip) & ~(size_t)(LOGRING_ALIGN - 1) : 0;
    size_t quarter = usable / 4;

    r->buf = (uint8_t *)start;
    r->size = usable;
    r->text_max = quarter > HDR_SIZE ? quarter - HDR_SIZE : 0;
    if (r->text_max > LOGRING_TEXT_MAX)
        r->text_max = LOGRING_TEXT_MAX;
    r->head = r->tail = 0;
    r->first_seq = r->next_seq = 0;
}

/* Drop the oldest record, or the pad in front of it. */
static void drop_oldest(logring_t *r)
{
    if (!is_pad(r, r->head))
        r->first_seq++;
    r->head = step(r, r->head);
}

void logring_append(logring_t *r, uint64_t time_ns, int level, const char *text,
                    size_t len)
{
    size_t rec, off;
    uint64_t pos = r->tail;
    struct logring_hdr *h;

    if (r->size < HDR_SIZE)
        return;
    if (len > r->text_max)
        len = r->text_max;
    rec = record_size(len);
    off = r->tail % r->size;
    if (off + rec > r->size)
        pos = next_lap(r, pos);
    while (r->first_seq != r->next_seq && pos + rec - r->head > r->size)
        drop_oldest(r);
    if (r->first_seq == r->next_seq)
        r->head = pos;
    if (pos != r->tail && r->size - off >= HDR_SIZE)
        hdr_at(r, r->tail)->len = LOGRING_PAD;
    h = hdr_at(r, pos);
    h->seq = r->next_seq++;
    h->time_ns = time_ns;
    h->level = (uint8_t)level;
    h->len = (uint16_t)len;
    memcpy(h + 1, text, len);
    r->tail = pos + rec;
}

/* Position of the record numbered @seq, which must be kept. */
static uint64_t find_record(const logring_t *r, uint64_t seq)
{
    uint64_t pos = r->head;

    for (uint64_t s = r->first_seq;; s++) {
        while (is_pad(r, pos))
            pos = next_lap(r, pos);
        if (s == seq)
            return pos;
        pos = step(r, pos);
    }
}

int logring_read(const logring_t *r, uint64_t *seq, logring_entry_t *out, char *text,
                 size_t textsize)
{
    uint64_t want = *seq < r->first_seq ? r->first_seq : *seq;
    const struct logring_hdr *h;

    if (want >= r->next_seq)
        return -EAGAIN;
    h = hdr_at(r, find_record(r, want));
    out->seq = h->seq;
    out->time_ns = h->time_ns;
    out->level = h->level;
    out->len = h->len;
    if (textsize > 0) {
        size_t n = h->len < textsize - 1 ? h->len : textsize - 1;
        memcpy(text, h + 1, n);
        text[n] = '\0';
    }
    *seq = h->seq + 1;
    return 0;
}

uint64_t logring_first_seq(const logring_t *r)
{
    return r->first_seq;
}

uint64_t logring_next_seq(const logring_t *r)
{
    return r->next_seq;
}
