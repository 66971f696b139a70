/*
 * hexdump - show bytes in the canonical "-C" layout: an 8-digit hex offset, 16 bytes
 * in hex (a gap after the eighth), the same bytes as text between bars (unprintable
 * ones as '.'), and the total length on a last line. The files (standard input if
 * none) are shown as one stream; -n N stops after N bytes. -C is accepted and is the
 * only layout.
 */
#include <ctype.h>
#include <sys/io.h>
#include "util.h"

/* The stream being dumped: the current partial line and the byte count. */
typedef struct dump {
    unsigned char line[16];
    size_t fill;
    uint64_t offset, limit; /* limit: bytes still allowed (UINT64_MAX: no limit) */
} dump_t;

static void dump_line(dump_t *d)
{
    util_outf("%08llx ", (unsigned long long)d->offset);
    for (size_t i = 0; i < 16; i++) {
        if (i == 8)
            util_out(" ", 1);
        if (i < d->fill)
            util_outf(" %02x", d->line[i]);
        else
            util_out("   ", 3);
    }
    util_out("  |", 3);
    for (size_t i = 0; i < d->fill; i++)
        util_out(isprint(d->line[i]) ? (const char *)&d->line[i] : ".", 1);
    util_out("|\n", 2);
    d->offset += d->fill;
    d->fill = 0;
}

static bool dump_input(const char *path, void *arg)
{
    dump_t *d = arg;
    fd_t fd = util_open_input(path);
    if (fd == ERR) {
        util_error_errno(path);
        return false;
    }
    unsigned char buf[4096];
    int64_t n = 0;
    while (d->limit > 0 && (n = read(fd, buf, d->limit < sizeof(buf) ? d->limit : sizeof(buf))) > 0) {
        d->limit -= (uint64_t)n;
        for (int64_t i = 0; i < n; i++) {
            d->line[d->fill++] = buf[i];
            if (d->fill == 16)
                dump_line(d);
        }
    }
    if (n < 0)
        util_error_errno(path);
    util_close_input(fd);
    return n >= 0;
}

int main(int argc, char **argv)
{
    util_init("hexdump", "hexdump [-C] [-n N] [file...]\n"
                         "Show the bytes of the files (standard input if none) in hex and as text;\n"
                         "-n N: only the first N bytes.");
    util_opts_t o;
    dump_t d = { .limit = UINT64_MAX };
    util_opts_init(&o, argc, argv);
    for (int c; (c = util_opts_next(&o, "Cn:")) != -1;)
        if (c == 'n')
            d.limit = util_opt_number('n', o.arg);
    int status = util_each_input(o.index, argc, argv, false, dump_input, &d);
    if (d.fill > 0)
        dump_line(&d);
    if (d.offset > 0)
        util_outf("%08llx\n", (unsigned long long)d.offset);
    return status;
}
