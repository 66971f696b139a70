/*
 * test_logring.c - host tests for kernel/lib/logring.c (suite "logring").
 *
 * Record text is a pure function of its sequence number (make_text), so any record read
 * back can be checked without keeping a copy. The ring's storage sits between canary
 * bytes to catch writes outside it; wrap-around, dropping of the oldest records,
 * sequence continuity and both kinds of truncation are covered.
 */
#include <criterion/criterion.h>
#include <abi/errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/logring.h"

#define CANARY 0x5a
#define GUARD 64

/* The text of record @seq: a length that varies with seq, content that names it. */
static size_t make_text(uint64_t seq, size_t len, char *out)
{
    for (size_t i = 0; i < len; i++)
        out[i] = (char)('a' + (seq * 7 + i) % 26);
    return len;
}

static size_t length_for(uint64_t seq)
{
    return (size_t)(seq * 37 % 91);
}

static void append_seq(logring_t *r, uint64_t seq, size_t len)
{
    char text[4096];

    make_text(seq, len, text);
    logring_append(r, seq * 1000, (int)(seq % 8), text, len);
}

/* Read *seq, expect record @want_seq as append_seq() wrote it, with @kept bytes of
 * text left after truncation. */
static void expect_record(const logring_t *r, uint64_t *seq, uint64_t want_seq, size_t kept)
{
    logring_entry_t e;
    char text[2048], want[2048];

    cr_assert_eq(logring_read(r, seq, &e, text, sizeof(text)), 0);
    cr_assert_eq(e.seq, want_seq);
    cr_assert_eq(*seq, want_seq + 1);
    cr_assert_eq(e.time_ns, want_seq * 1000);
    cr_assert_eq(e.level, (int)(want_seq % 8));
    cr_assert_eq(e.len, kept, "seq %llu: len %zu, want %zu", (unsigned long long)want_seq,
                 e.len, kept);
    make_text(want_seq, kept, want);
    cr_assert(!memcmp(text, want, kept) && text[kept] == '\0', "seq %llu text",
              (unsigned long long)want_seq);
}

static void check_guards(const uint8_t *mem, size_t size)
{
    for (size_t i = 0; i < GUARD; i++) {
        cr_assert_eq(mem[i], CANARY, "underrun at %zu", i);
        cr_assert_eq(mem[GUARD + size + i], CANARY, "overrun at %zu", i);
    }
}

/* A ring over @size bytes at offset @skew inside canary-guarded memory. */
static uint8_t *guarded_ring(logring_t *r, size_t size, size_t skew)
{
    uint8_t *mem = malloc(size + 2 * GUARD);

    memset(mem, CANARY, size + 2 * GUARD);
    logring_init(r, mem + GUARD + skew, size - skew);
    return mem;
}

Test(logring, empty_ring)
{
    uint8_t buf[256];
    logring_t r;
    logring_entry_t e;
    uint64_t seq = 0;

    logring_init(&r, buf, sizeof(buf));
    cr_assert_eq(logring_first_seq(&r), 0);
    cr_assert_eq(logring_next_seq(&r), 0);
    cr_assert_eq(logring_read(&r, &seq, &e, NULL, 0), -EAGAIN);
    cr_assert_eq(seq, 0);
}

Test(logring, append_then_read_in_order)
{
    uint8_t buf[1024];
    logring_t r;
    logring_entry_t e;
    uint64_t seq = 0;

    logring_init(&r, buf, sizeof(buf));
    for (uint64_t s = 0; s < 5; s++)
        append_seq(&r, s, length_for(s));
    cr_assert_eq(logring_next_seq(&r), 5);
    for (uint64_t s = 0; s < 5; s++)
        expect_record(&r, &seq, s, length_for(s));
    cr_assert_eq(logring_read(&r, &seq, &e, NULL, 0), -EAGAIN);
    cr_assert_eq(seq, 5);
    seq = 2;                                       /* re-reading is allowed */
    expect_record(&r, &seq, 2, length_for(2));
}

Test(logring, drops_exactly_the_oldest_needed)
{
    uint8_t buf[256] __attribute__((aligned(8)));
    logring_t r;
    uint64_t seq = 0;

    /* 24-byte header + 16 bytes of text = 40; six fit in 256, the 7th wraps. */
    logring_init(&r, buf, sizeof(buf));
    for (uint64_t s = 0; s < 6; s++)
        append_seq(&r, s, 16);
    cr_assert_eq(logring_first_seq(&r), 0);
    append_seq(&r, 6, 16);
    cr_assert_eq(logring_first_seq(&r), 1);
    for (uint64_t s = 1; s < 7; s++)
        expect_record(&r, &seq, s, 16);
}

Test(logring, wrap_reports_lost_records_and_keeps_order)
{
    const size_t size = 512;
    logring_t r;
    uint8_t *mem = guarded_ring(&r, size, 0);
    uint64_t seq = 0, first;

    for (uint64_t s = 0; s < 300; s++)
        append_seq(&r, s, length_for(s));
    first = logring_first_seq(&r);
    cr_assert_gt(first, 0);
    cr_assert_lt(first, 299);
    cr_assert_eq(logring_next_seq(&r), 300);
    expect_record(&r, &seq, first, length_for(first)); /* asked for 0, got the oldest */
    for (uint64_t s = first + 1; s < 300; s++)
        expect_record(&r, &seq, s, length_for(s));
    check_guards(mem, size);
    free(mem);
}

Test(logring, reader_keeps_up_across_many_wraps)
{
    const size_t size = 1000;
    logring_t r;
    uint8_t *mem = guarded_ring(&r, size, 3);     /* unaligned start */
    uint64_t seq = 0;

    for (uint64_t s = 0; s < 5000; s++) {
        append_seq(&r, s, length_for(s) % 60);
        if (s % 3 == 2) {
            while (seq <= s)
                expect_record(&r, &seq, seq, length_for(seq) % 60);
        }
    }
    cr_assert_eq(seq, 4998);        /* the last read pass ran at s = 4997 */
    check_guards(mem, size);
    free(mem);
}

Test(logring, random_lengths_keep_newest_intact)
{
    const size_t size = 8192;
    logring_t r;
    uint8_t *mem = guarded_ring(&r, size, 5);
    uint64_t prev_first = 0;
    size_t lens[4000];

    srand(3);
    for (uint64_t s = 0; s < 4000; s++) {
        lens[s] = (size_t)rand() % 1200;
        append_seq(&r, s, lens[s]);
        cr_assert_geq(logring_first_seq(&r), prev_first);
        prev_first = logring_first_seq(&r);
        cr_assert_lt(prev_first, s + 1);      /* the newest is always kept */
    }
    for (uint64_t seq = prev_first; seq < 4000;) {
        size_t kept = lens[seq] < LOGRING_TEXT_MAX ? lens[seq] : LOGRING_TEXT_MAX;
        expect_record(&r, &seq, seq, kept);
    }
    check_guards(mem, size);
    free(mem);
}

Test(logring, long_text_is_truncated)
{
    static uint8_t big[64 * 1024], small[4096];
    logring_t r;
    uint64_t seq = 0;

    logring_init(&r, big, sizeof(big));
    append_seq(&r, 0, 3000);
    expect_record(&r, &seq, 0, LOGRING_TEXT_MAX);
    logring_init(&r, small, sizeof(small));
    seq = 0;
    append_seq(&r, 0, 3000);
    expect_record(&r, &seq, 0, sizeof(small) / 4 - 24); /* a quarter less the header */
}

Test(logring, short_reader_buffer_truncates_copy_only)
{
    uint8_t buf[512];
    logring_t r;
    logring_entry_t e;
    uint64_t seq = 0;
    char text[4] = "zzz";

    logring_init(&r, buf, sizeof(buf));
    logring_append(&r, 7, 3, "hello", 5);
    cr_assert_eq(logring_read(&r, &seq, &e, text, sizeof(text)), 0);
    cr_assert_str_eq(text, "hel");
    cr_assert_eq(e.len, 5);
    cr_assert_eq(e.level, 3);
    seq = 0;
    cr_assert_eq(logring_read(&r, &seq, &e, NULL, 0), 0);
    cr_assert_eq(seq, 1);
    cr_assert_eq(e.time_ns, 7);
}

Test(logring, tiny_buffers)
{
    uint8_t buf[24] __attribute__((aligned(8)));
    logring_t r;
    logring_entry_t e;
    uint64_t seq = 0;

    logring_init(&r, buf, 16);                      /* too small: appends vanish */
    logring_append(&r, 1, 1, "x", 1);
    cr_assert_eq(logring_next_seq(&r), 0);
    cr_assert_eq(logring_read(&r, &seq, &e, NULL, 0), -EAGAIN);
    logring_init(&r, buf, 24);                      /* one empty record at a time */
    logring_append(&r, 1, 1, "x", 1);
    logring_append(&r, 2, 2, "y", 1);
    cr_assert_eq(logring_first_seq(&r), 1);
    cr_assert_eq(logring_read(&r, &seq, &e, NULL, 0), 0);
    cr_assert_eq(e.seq, 1);
    cr_assert_eq(e.len, 0);
}
