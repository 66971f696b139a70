/*
 * logring.h - the kernel log's ring of timestamped records (lib/logring.c).
 *
 * Records live contiguously in a caller-supplied buffer and are numbered from 0; when
 * the buffer is full the oldest records are dropped. Readers ask for a sequence
 * number and learn from the record they get back whether they missed any. The kernel
 * log (kernel/log) wraps a logring_t in its spinlock; this file does no locking.
 */
#ifndef LIB_LOGRING_H
#define LIB_LOGRING_H

#include <stddef.h>
#include <stdint.h>

/** Longest text one record keeps; logring_append() truncates longer text. */
#define LOGRING_TEXT_MAX 1024

/** A ring of log records over a caller's buffer. All fields: caller serialises. */
typedef struct logring {
    uint8_t *buf;          /**< 8-byte-aligned start of the storage */
    size_t size;           /**< usable bytes, a multiple of 8 */
    size_t text_max;       /**< longest text kept, at most LOGRING_TEXT_MAX */
    uint64_t head;         /**< byte position of the oldest record (grows forever) */
    uint64_t tail;         /**< byte position where the next record goes */
    uint64_t first_seq;    /**< sequence number of the oldest record kept */
    uint64_t next_seq;     /**< sequence number the next record will get */
} logring_t;

/** What logring_read() reports about one record. */
typedef struct logring_entry {
    uint64_t seq;          /**< the record's sequence number */
    uint64_t time_ns;      /**< the timestamp given to logring_append() */
    int level;             /**< the level given to logring_append(), as 0..255 */
    size_t len;            /**< length of the stored text (maybe more than was copied) */
} logring_entry_t;

/**
 * Set up @r as an empty ring over @size bytes at @buf. The start is rounded up to 8
 * bytes and the size down; a record's text is limited to min(LOGRING_TEXT_MAX, a
 * quarter of the buffer less the 24-byte record header). A buffer too small for one
 * record header holds nothing: appends to it are discarded.
 * Locking: none, caller serialises. Time: O(1).
 */
void logring_init(logring_t *r, void *buf, size_t size);

/**
 * Append a record with the next sequence number, dropping the oldest records as
 * needed to make room. Text beyond the record limit is cut off.
 * @param r        the ring.
 * @param time_ns  timestamp stored with the record.
 * @param level    log level; stored as its low 8 bits.
 * @param text     the text, not necessarily NUL-terminated; may be NULL if @len is 0.
 * @param len      bytes of @text.
 * Locking: none, caller serialises. Time: O(len + records dropped).
 */
void logring_append(logring_t *r, uint64_t time_ns, int level, const char *text,
                    size_t len);

/**
 * Read the record numbered *@seq or, if that one was already dropped, the oldest one
 * kept (so out->seq != *@seq on entry means records were lost).
 * @param r         the ring.
 * @param seq       in: the wanted sequence number; out: out->seq + 1 on success.
 * @param out       receives the record's header.
 * @param text      receives the text, cut to @textsize - 1 bytes and NUL-terminated;
 *                  may be NULL if @textsize is 0.
 * @param textsize  bytes at @text.
 * @return 0, or -EAGAIN if no record with that number exists yet (*@seq untouched).
 * Locking: none, caller serialises. Time: O(records kept + textsize), since records
 * are found by walking from the oldest.
 */
int logring_read(const logring_t *r, uint64_t *seq, logring_entry_t *out, char *text,
                 size_t textsize);

/**
 * Sequence number of the oldest record still kept (equal to logring_next_seq() when
 * the ring is empty). Locking: none, caller serialises. Time: O(1).
 */
uint64_t logring_first_seq(const logring_t *r);

/**
 * Sequence number the next appended record will get.
 * Locking: none, caller serialises. Time: O(1).
 */
uint64_t logring_next_seq(const logring_t *r);

#endif
