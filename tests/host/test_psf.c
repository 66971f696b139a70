/*
 * test_psf.c - host tests for kernel/lib/psf.c (suite "psf").
 *
 * Parses the system's Terminus console font (PSF1, gunzipped through zcat) and checks
 * a known glyph, then builds PSF2 headers by hand and corrupts or truncates both
 * formats to check that every bad blob is refused with -EINVAL.
 */
#include <criterion/criterion.h>
#include <abi/errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/psf.h"

#define FONT_GZ "/usr/share/consolefonts/Lat15-Terminus16.psf.gz"

/* Read the whole gunzipped font into a malloc'd buffer. */
static uint8_t *load_font(size_t *size)
{
    FILE *pipe = popen("zcat " FONT_GZ, "r");
    size_t cap = 1 << 16, n = 0, got;
    uint8_t *buf = malloc(cap);

    cr_assert_not_null(pipe, "cannot run zcat");
    while ((got = fread(buf + n, 1, cap - n, pipe)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    cr_assert_eq(pclose(pipe), 0, "zcat " FONT_GZ " failed");
    *size = n;
    return buf;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* A PSF2 blob of @count glyphs of @width x @height; glyph i is filled with byte i. */
static uint8_t *make_psf2(uint32_t width, uint32_t height, uint32_t count, size_t *size)
{
    uint32_t charsize = height * ((width + 7) / 8);
    uint8_t *p = calloc(1, 32 + (size_t)count * charsize);
    static const uint8_t magic[4] = { 0x72, 0xb5, 0x4a, 0x86 };

    memcpy(p, magic, 4);
    put_le32(p + 8, 32);
    put_le32(p + 16, count);
    put_le32(p + 20, charsize);
    put_le32(p + 24, height);
    put_le32(p + 28, width);
    for (uint32_t i = 0; i < count; i++)
        memset(p + 32 + (size_t)i * charsize, (int)i, charsize);
    *size = 32 + (size_t)count * charsize;
    return p;
}

Test(psf, terminus_psf1_header)
{
    size_t size;
    uint8_t *blob = load_font(&size);
    psf_font_t f;

    cr_assert_eq(psf_parse(blob, size, &f), 0);
    cr_assert_eq(f.width, 8);
    cr_assert_eq(f.height, 16);
    cr_assert_eq(f.glyph_count, 256);
    cr_assert_eq(f.bytes_per_row, 1);
    cr_assert_eq(f.bytes_per_glyph, 16);
    cr_assert_eq(f.glyphs, blob + 4);
    free(blob);
}

Test(psf, terminus_glyphs)
{
    static const uint8_t letter_a[16] = {
        0x00, 0x00, 0x3c, 0x42, 0x42, 0x42, 0x42, 0x7e,
        0x42, 0x42, 0x42, 0x42, 0x00, 0x00, 0x00, 0x00,
    };
    static const uint8_t blank[16];
    size_t size;
    uint8_t *blob = load_font(&size);
    psf_font_t f;

    cr_assert_eq(psf_parse(blob, size, &f), 0);
    cr_assert_eq(memcmp(psf_glyph(&f, 'A'), letter_a, 16), 0);
    cr_assert_eq(memcmp(psf_glyph(&f, ' '), blank, 16), 0);
    cr_assert_eq(psf_glyph(&f, 255), blob + 4 + 255 * 16);
    cr_assert_eq(psf_glyph(&f, 256), psf_glyph(&f, '?'));
    cr_assert_eq(psf_glyph(&f, UINT32_MAX), psf_glyph(&f, '?'));
    free(blob);
}

Test(psf, psf1_truncated_or_corrupt)
{
    size_t size;
    uint8_t *blob = load_font(&size);
    psf_font_t f = { .width = 77 };

    cr_assert_eq(psf_parse(blob, 4 + 256 * 16 - 1, &f), -EINVAL); /* one byte short */
    cr_assert_eq(psf_parse(blob, 4 + 256 * 16, &f), 0);            /* no Unicode table */
    f.width = 77;
    cr_assert_eq(psf_parse(blob, 3, &f), -EINVAL);
    cr_assert_eq(psf_parse(blob, 0, &f), -EINVAL);
    blob[2] |= 0x01;                                  /* claims 512 glyphs */
    cr_assert_eq(psf_parse(blob, size, &f), -EINVAL);
    blob[2] &= ~0x01;
    blob[3] = 0;                                      /* zero height */
    cr_assert_eq(psf_parse(blob, size, &f), -EINVAL);
    blob[3] = 65;                                     /* absurd height */
    cr_assert_eq(psf_parse(blob, size, &f), -EINVAL);
    blob[3] = 16;
    blob[1] = 0x05;                                   /* bad magic */
    cr_assert_eq(psf_parse(blob, size, &f), -EINVAL);
    cr_assert_eq(f.width, 77);                        /* untouched on failure */
    free(blob);
}

Test(psf, psf2_valid_wide_glyphs)
{
    size_t size;
    uint8_t *blob = make_psf2(12, 20, 3, &size);
    psf_font_t f;

    cr_assert_eq(psf_parse(blob, size, &f), 0);
    cr_assert_eq(f.width, 12);
    cr_assert_eq(f.height, 20);
    cr_assert_eq(f.glyph_count, 3);
    cr_assert_eq(f.bytes_per_row, 2);
    cr_assert_eq(f.bytes_per_glyph, 40);
    cr_assert_eq(psf_glyph(&f, 2)[39], 2);
    cr_assert_eq(psf_glyph(&f, 3), psf_glyph(&f, 0)); /* no '?' in 3 glyphs */
    free(blob);
}

Test(psf, psf2_header_offset_and_extremes)
{
    size_t size;
    uint8_t *blob = make_psf2(64, 64, 1, &size);
    uint8_t *shifted = calloc(1, size + 16);
    psf_font_t f;

    cr_assert_eq(psf_parse(blob, size, &f), 0);       /* 64 x 64 is the limit */
    cr_assert_eq(f.bytes_per_glyph, 512);
    memcpy(shifted, blob, 32);
    memcpy(shifted + 48, blob + 32, size - 32);
    put_le32(shifted + 8, 48);                        /* a longer header */
    cr_assert_eq(psf_parse(shifted, size + 16, &f), 0);
    cr_assert_eq(f.glyphs, shifted + 48);
    cr_assert_eq(psf_parse(shifted, size + 15, &f), -EINVAL);
    put_le32(shifted + 8, 0xfffffff0);                /* header beyond the blob */
    cr_assert_eq(psf_parse(shifted, size + 16, &f), -EINVAL);
    free(shifted);
    free(blob);
}

Test(psf, psf2_bad_fields)
{
    size_t size;
    uint8_t *blob = make_psf2(8, 8, 4, &size);
    psf_font_t f;

    cr_assert_eq(psf_parse(blob, size - 1, &f), -EINVAL);  /* truncated glyphs */
    cr_assert_eq(psf_parse(blob, 31, &f), -EINVAL);        /* truncated header */
    put_le32(blob + 8, 16);                                  /* header too short */
    cr_assert_eq(psf_parse(blob, size, &f), -EINVAL);
    put_le32(blob + 8, 32);
    put_le32(blob + 20, 9);                                  /* charsize mismatch */
    cr_assert_eq(psf_parse(blob, size, &f), -EINVAL);
    put_le32(blob + 20, 8);
    put_le32(blob + 16, 0);                                  /* no glyphs */
    cr_assert_eq(psf_parse(blob, size, &f), -EINVAL);
    put_le32(blob + 16, 0x80000000);                         /* absurd count */
    cr_assert_eq(psf_parse(blob, size, &f), -EINVAL);
    put_le32(blob + 16, 4);
    put_le32(blob + 28, 0);                                  /* zero width */
    put_le32(blob + 20, 0);
    cr_assert_eq(psf_parse(blob, size, &f), -EINVAL);
    put_le32(blob + 28, 65);                                 /* absurd width */
    put_le32(blob + 20, 9 * 8);
    cr_assert_eq(psf_parse(blob, size, &f), -EINVAL);
    put_le32(blob + 28, 0xfffffff9);                         /* (w + 7) wraps in 32 bits */
    put_le32(blob + 20, 0);
    cr_assert_eq(psf_parse(blob, size, &f), -EINVAL);
    put_le32(blob + 28, 8);
    put_le32(blob + 20, 8);
    cr_assert_eq(psf_parse(blob, size, &f), 0);
    blob[3] = 0x87;                                          /* bad magic */
    cr_assert_eq(psf_parse(blob, size, &f), -EINVAL);
    free(blob);
}
