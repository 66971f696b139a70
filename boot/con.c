/*
 * con.c - console output for the loader: a small formatter onto the firmware's ConOut
 * (which OVMF mirrors to the serial port), and the wait after a fatal error, so a broken
 * boot is always explained on screen and serial instead of hanging silently.
 */
#include <stdarg.h>
#include "loader.h"

static void con_puts(const char *s)
{
    char16_t buf[128];
    unsigned n = 0;
    for (; *s; s++) {
        if (*s == '\n')
            buf[n++] = '\r';
        buf[n++] = (unsigned char)*s;
        if (n >= 120) {
            buf[n] = 0;
            g_st->con_out->output_string(g_st->con_out, buf);
            n = 0;
        }
    }
    buf[n] = 0;
    g_st->con_out->output_string(g_st->con_out, buf);
}

static void con_num(uint64_t v, unsigned base, int is_signed)
{
    char buf[24];
    int i = 23;
    int neg = is_signed && (int64_t)v < 0;
    if (neg)
        v = -v;
    buf[i] = 0;
    do {
        buf[--i] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (neg)
        buf[--i] = '-';
    con_puts(&buf[i]);
}

static void con_vprintf(const char *fmt, va_list ap)
{
    char one[2] = {0, 0};
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            one[0] = *fmt;
            con_puts(one);
            continue;
        }
        int wide = fmt[1] == 'l';
        fmt += 1 + wide;
        switch (*fmt) {
        case 's': con_puts(va_arg(ap, const char *)); break;
        case 'd': con_num(wide ? va_arg(ap, int64_t) : va_arg(ap, int), 10, 1); break;
        case 'u': con_num(wide ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, 0); break;
        case 'x': con_num(wide ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, 0); break;
        default: one[0] = *fmt; con_puts(one); break;
        }
    }
}

void con_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    con_vprintf(fmt, ap);
    va_end(ap);
}

efi_status_t con_fail(const char *fmt, ...)
{
    va_list ap;
    con_puts("patchwork-boot: error: ");
    va_start(ap, fmt);
    con_vprintf(fmt, ap);
    va_end(ap);
    con_puts("\npatchwork-boot: cannot continue; press a key to return to the firmware\n");
    uint64_t index;
    efi_input_key_t key;
    g_st->boot_services->wait_for_event(1, &g_st->con_in->wait_for_key, &index);
    g_st->con_in->read_key(g_st->con_in, &key);
    return EFI_LOAD_ERROR;
}
