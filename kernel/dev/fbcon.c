/*
 * fbcon.c - the framebuffer text console. Glyphs come from the PSF font linked into the
 * kernel (font.S, taken at build time from Debian's console-setup fonts). Light grey on
 * black; '\n', '\r', '\t' and '\b' are understood, and the few VT100 sequences the
 * shell's line editor sends (ESC [ n C / D cursor right / left, ESC [ K erase to the
 * end of the line); other control bytes and sequences are skipped. The cursor is the
 * inverted cell where the next glyph goes.
 */
#include "fbcon.h"
#include <stdbool.h>
#include "lib/psf.h"
#include "lib/string.h"

extern const uint8_t fbcon_font_start[], fbcon_font_end[];

static struct {
    uint32_t *pixels; /* in the direct map */
    uint32_t pitch;   /* pixels per row */
    unsigned cols, rows, x, y;
    psf_font_t font;
    uint8_t esc;      /* 0: text, 1: after ESC, 2: inside ESC [ ... */
    unsigned esc_num; /* the number of ESC [ n X */
    bool cursor;      /* the cell (cx, cy) is shown inverted as the cursor */
    unsigned cx, cy;
} con; /* protected by the log lock */

void fbcon_init(const boot_framebuffer_t *fb)
{
    if (fb->format == BOOT_FB_NONE || !fb->base)
        return;
    if (psf_parse(fbcon_font_start, (size_t)(fbcon_font_end - fbcon_font_start), &con.font) != 0)
        return;
    con.pixels = (uint32_t *)(BOOT_DIRECT_MAP_BASE + fb->base);
    con.pitch = fb->pitch / 4;
    con.cols = fb->width / con.font.width;
    con.rows = fb->height / con.font.height;
    for (uint32_t y = 0; y < fb->height; y++)
        memset(con.pixels + (size_t)y * con.pitch, 0, fb->width * 4);
}

void fbcon_size(unsigned *cols, unsigned *rows)
{
    *cols = con.pixels ? con.cols : 0;
    *rows = con.pixels ? con.rows : 0;
}

static void fbcon_glyph(unsigned cx, unsigned cy, uint8_t ch)
{
    const uint8_t *g = psf_glyph(&con.font, ch);
    uint32_t *row = con.pixels + (size_t)cy * con.font.height * con.pitch + (size_t)cx * con.font.width;
    for (unsigned y = 0; y < con.font.height; y++, row += con.pitch, g += con.font.bytes_per_row)
        for (unsigned x = 0; x < con.font.width; x++)
            row[x] = (g[x / 8] & (0x80 >> (x % 8))) ? 0x00c0c0c0 : 0;
}

static void fbcon_scroll(void)
{
    unsigned keep = con.rows / 2, drop = con.rows - keep;
    size_t line = (size_t)con.font.height * con.pitch;
    memmove(con.pixels, con.pixels + drop * line, keep * line * 4);
    memset(con.pixels + keep * line, 0, drop * line * 4);
    con.y = keep;
}

static void fbcon_newline(void)
{
    con.x = 0;
    if (++con.y >= con.rows)
        fbcon_scroll();
}

/* One byte of an escape sequence; ends it on its final byte. */
static void fbcon_escape(uint8_t c)
{
    if (con.esc == 1) {
        con.esc = c == '[' ? 2 : 0;
        con.esc_num = 0;
        return;
    }
    if (c >= '0' && c <= '9') {
        con.esc_num = con.esc_num < 1000 ? con.esc_num * 10 + (c - '0') : con.esc_num;
        return;
    }
    if (c == ';' || c == '?')
        return;
    con.esc = 0;
    unsigned n = con.esc_num ? con.esc_num : 1;
    if (c == 'D')
        con.x = con.x > n ? con.x - n : 0;
    else if (c == 'C')
        con.x = con.x + n < con.cols ? con.x + n : con.cols - 1;
    else if (c == 'K')
        for (unsigned x = con.x; x < con.cols; x++)
            fbcon_glyph(x, con.y, ' ');
}

/* Inverts the cell (cx, cy): drawing the cursor twice removes it. */
static void fbcon_invert(unsigned cx, unsigned cy)
{
    uint32_t *row = con.pixels + (size_t)cy * con.font.height * con.pitch + (size_t)cx * con.font.width;
    for (unsigned y = 0; y < con.font.height; y++, row += con.pitch)
        for (unsigned x = 0; x < con.font.width; x++)
            row[x] ^= 0x00c0c0c0;
}

/* Hides the cursor before drawing, shows it at the new position after. */
static void fbcon_cursor(bool show)
{
    if (con.cursor)
        fbcon_invert(con.cx, con.cy);
    con.cursor = show && con.x < con.cols && con.y < con.rows;
    con.cx = con.x;
    con.cy = con.y;
    if (con.cursor)
        fbcon_invert(con.cx, con.cy);
}

void fbcon_write(const char *s, size_t n)
{
    if (!con.pixels)
        return;
    fbcon_cursor(false);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = (uint8_t)s[i];
        if (con.esc) {
            fbcon_escape(c);
        } else if (c == 0x1b) {
            con.esc = 1;
        } else if (c == '\n') {
            fbcon_newline();
        } else if (c == '\r') {
            con.x = 0;
        } else if (c == '\b') {
            con.x -= con.x > 0;
        } else if (c == '\t') {
            con.x = (con.x + 8) & ~7u;
            if (con.x >= con.cols)
                fbcon_newline();
        } else if (c >= 32) {
            if (con.x >= con.cols)
                fbcon_newline();
            fbcon_glyph(con.x++, con.y, c);
        }
    }
    fbcon_cursor(true);
}
