/*
 * psf.h - PC Screen Font (PSF1 and PSF2) parsing (lib/psf.c).
 *
 * psf_parse() checks a font blob (from the boot RAM disk or built in) and describes
 * where its glyph bitmaps are; the blob itself is not copied and must outlive the
 * psf_font_t. Each glyph is height rows of bytes_per_row bytes, most significant bit
 * leftmost. The framebuffer console (kernel/dev/fbcon.c) draws with it.
 */
#ifndef LIB_PSF_H
#define LIB_PSF_H

#include <stddef.h>
#include <stdint.h>

/** Largest glyph width or height psf_parse() accepts. */
#define PSF_MAX_DIM 64

/** A parsed font; every field is immutable after psf_parse(). */
typedef struct psf_font {
    uint32_t width;            /**< glyph width in pixels, 1..PSF_MAX_DIM */
    uint32_t height;           /**< glyph height in pixels, 1..PSF_MAX_DIM */
    uint32_t glyph_count;      /**< number of glyphs, at least 1 */
    uint32_t bytes_per_glyph;  /**< height * bytes_per_row */
    uint32_t bytes_per_row;    /**< (width + 7) / 8 */
    const uint8_t *glyphs;     /**< the first glyph, inside the parsed blob */
} psf_font_t;

/**
 * Parse the PSF1 or PSF2 font at @data, @size bytes; a Unicode table after the glyphs
 * is allowed and ignored.
 * @param data  the font file.
 * @param size  bytes at @data.
 * @param out  filled in on success, untouched on failure.
 * @return 0, or -EINVAL if the magic is unknown, the header or the glyph data is
 * truncated, a dimension or the glyph count is zero, width or height exceed
 * PSF_MAX_DIM, or a PSF2 glyph size disagrees with its width and height.
 * Locking: none. Time: O(1).
 */
int psf_parse(const void *data, size_t size, psf_font_t *out);

/**
 * The bitmap of glyph @index; an index out of range gives glyph '?' if the font has
 * one, else glyph 0.
 * @return a pointer to bytes_per_glyph bytes inside the font blob.
 * Locking: none. Time: O(1).
 */
const uint8_t *psf_glyph(const psf_font_t *f, uint32_t index);

#endif
