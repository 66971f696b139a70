/*
 * psf.c - PC Screen Font parsing (lib/psf.h).
 *
 * PSF1: 4-byte header (magic 36 04, mode, height), width 8, 256 or 512 glyphs.
 * PSF2: 32-byte little-endian header (magic 72 b5 4a 86, version, header size, flags,
 * glyph count, bytes per glyph, height, width). Fields are read byte by byte, so the
 * blob needs no alignment; everything is validated before out is written.
 */
#include "lib/psf.h"

#include <abi/errno.h>

#define PSF1_HDR_SIZE 4
#define PSF1_MODE512 0x01
#define PSF2_HDR_SIZE 32

static uint32_t read_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* Check the dimensions and that the glyphs fit in the blob, then fill in @out. */
static int psf_describe(const uint8_t *blob, size_t size, size_t offset, uint32_t width,
                        uint32_t height, uint32_t count, psf_font_t *out)
{
    uint32_t row;

    if (width == 0 || height == 0 || count == 0)
        return -EINVAL;
    if (width > PSF_MAX_DIM || height > PSF_MAX_DIM)
        return -EINVAL;
    row = (width + 7) / 8;
    if (offset > size || (uint64_t)count * row * height > size - offset)
        return -EINVAL;
    out->width = width;
    out->height = height;
    out->glyph_count = count;
    out->bytes_per_row = row;
    out->bytes_per_glyph = row * height;
    out->glyphs = blob + offset;
    return 0;
}

static int parse_psf1(const uint8_t *p, size_t size, psf_font_t *out)
{
    uint32_t count = (p[2] & PSF1_MODE512) ? 512 : 256;

    return psf_describe(p, size, PSF1_HDR_SIZE, 8, p[3], count, out);
}

static int parse_psf2(const uint8_t *p, size_t size, psf_font_t *out)
{
    uint32_t hdr_size, count, charsize, height, width;

    if (size < PSF2_HDR_SIZE)
        return -EINVAL;
    hdr_size = read_le32(p + 8);
    count = read_le32(p + 16);
    charsize = read_le32(p + 20);
    height = read_le32(p + 24);
    width = read_le32(p + 28);
    if (hdr_size < PSF2_HDR_SIZE)
        return -EINVAL;
    /* Compare in 64 bits: absurd header values must not wrap into a match. */
    if ((uint64_t)charsize != (uint64_t)height * ((width + 7ull) / 8))
        return -EINVAL;
    return psf_describe(p, size, hdr_size, width, height, count, out);
}

int psf_parse(const void *data, size_t size, psf_font_t *out)
{
    const uint8_t *p = data;

    if (size >= PSF1_HDR_SIZE && p[0] == 0x36 && p[1] == 0x04)
        return parse_psf1(p, size, out);
    if (size >= 4 && p[0] == 0x72 && p[1] == 0xb5 && p[2] == 0x4a && p[3] == 0x86)
        return parse_psf2(p, size, out);
    return -EINVAL;
}

const uint8_t *psf_glyph(const psf_font_t *f, uint32_t index)
{
    if (index >= f->glyph_count)
        index = f->glyph_count > '?' ? '?' : 0;
    return f->glyphs + (size_t)index * f->bytes_per_glyph;
}
