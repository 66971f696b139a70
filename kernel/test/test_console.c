/*
 * test_console.c - suite `console`: the line discipline (dev/ldisc.h) as a pure state
 * machine on private instances (echo, erase, ^U, ^D, ^C, CR, raw mode, full line),
 * then sys:/console and sys:/consctl through the VFS: typed bytes (console_input)
 * reach a blocking read through the console thread, nonblock and poll, raw mode held
 * by an open of consctl, and every consctl error; the keyboard-to-bytes keymap.
 */
#include <abi/errno.h>
#include "dev/console.h"
#include "dev/keymap.h"
#include "dev/ldisc.h"
#include "fs/file.h"
#include "fs/path.h"
#include "fs/poll.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "test/ktest.h"

/* An ldisc with its echo collected in a string. */
typedef struct tld {
    ldisc_t ld;
    char echo[256];
    size_t echo_len;
} tld_t;

static void tld_echo(void *arg, const char *s, size_t n)
{
    tld_t *t = arg;
    for (size_t i = 0; i < n && t->echo_len + 1 < sizeof(t->echo); i++)
        t->echo[t->echo_len++] = s[i];
    t->echo[t->echo_len] = 0;
}

static tld_t *tld_create(void)
{
    tld_t *t = kzalloc(sizeof(*t));
    if (t) {
        t->ld.echo = tld_echo;
        t->ld.echo_arg = t;
    }
    return t;
}

/* Types @s; returns the OR of ldisc_input's results. */
static int type(tld_t *t, const char *s)
{
    int r = 0;
    for (; *s; s++)
        r |= ldisc_input(&t->ld, (uint8_t)*s);
    return r;
}

/* One read into buf (NUL-terminated); the result of ldisc_read. */
static int64_t take(tld_t *t, char *buf, size_t size)
{
    int64_t n = ldisc_read(&t->ld, buf, size - 1);
    buf[n > 0 ? n : 0] = 0;
    return n;
}

KTEST(console, cooked_line_echoed_and_readable_at_newline)
{
    tld_t *t = tld_create();
    KTEST_ASSERT(t);
    char buf[64];
    type(t, "ls -l");
    KTEST_ASSERT(!ldisc_readable(&t->ld));
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), -EAGAIN);
    type(t, "\r");
    KTEST_ASSERT(ldisc_readable(&t->ld));
    KTEST_ASSERT_STR_EQ(t->echo, "ls -l\n");
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 6);
    KTEST_ASSERT_STR_EQ(buf, "ls -l\n");
    kfree(t);
}

KTEST(console, cooked_read_returns_one_line_at_a_time)
{
    tld_t *t = tld_create();
    KTEST_ASSERT(t);
    char buf[64];
    type(t, "one\ntwo\n");
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 4);
    KTEST_ASSERT_STR_EQ(buf, "one\n");
    KTEST_ASSERT_EQ(take(t, buf, 3), 2); /* a short buffer takes part of a line */
    KTEST_ASSERT_STR_EQ(buf, "tw");
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 2);
    KTEST_ASSERT_STR_EQ(buf, "o\n");
    KTEST_ASSERT(!ldisc_readable(&t->ld));
    kfree(t);
}

KTEST(console, backspace_erases_characters_utf8_whole)
{
    tld_t *t = tld_create();
    KTEST_ASSERT(t);
    char buf[64];
    type(t, "ab\xc3\xa9\x7f\x7f" "c\b" "d\n"); /* ab, e-acute, DEL DEL, c, ^H, d */
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 3);
    KTEST_ASSERT_STR_EQ(buf, "ad\n");
    KTEST_ASSERT_STR_EQ(t->echo, "ab\xc3\xa9\b \b\b \bc\b \bd\n");
    t->echo_len = 0;
    type(t, "\x7f"); /* nothing to erase: no echo */
    KTEST_ASSERT_EQ(t->echo_len, 0);
    kfree(t);
}

KTEST(console, ctrl_u_erases_the_line)
{
    tld_t *t = tld_create();
    KTEST_ASSERT(t);
    char buf[64];
    type(t, "xyz\x15ok\n");
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 3);
    KTEST_ASSERT_STR_EQ(buf, "ok\n");
    KTEST_ASSERT_STR_EQ(t->echo, "xyz\b \b\b \b\b \bok\n");
    kfree(t);
}

KTEST(console, ctrl_w_erases_the_last_word)
{
    tld_t *t = tld_create();
    KTEST_ASSERT(t);
    char buf[64];
    type(t, "cp a bb  \x17" "c\x17\x17" "x\n");
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 5);
    KTEST_ASSERT_STR_EQ(buf, "cp x\n");
    t->echo_len = 0;
    type(t, "\x17");   /* nothing to erase: no echo */
    KTEST_ASSERT_EQ(t->echo_len, 0);
    kfree(t);
}

KTEST(console, ctrl_d_end_of_file_and_partial_line)
{
    tld_t *t = tld_create();
    KTEST_ASSERT(t);
    char buf[64];
    type(t, "\x04");
    KTEST_ASSERT(ldisc_readable(&t->ld));
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 0); /* end of file, consumed */
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), -EAGAIN);
    type(t, "abc\x04" "def\n");
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 3); /* ^D hands over "abc" without newline */
    KTEST_ASSERT_STR_EQ(buf, "abc");
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 4);
    KTEST_ASSERT_STR_EQ(buf, "def\n");
    type(t, "x\n\x04");
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 2);
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 0);
    kfree(t);
}

KTEST(console, ctrl_c_discards_line_and_interrupts)
{
    tld_t *t = tld_create();
    KTEST_ASSERT(t);
    char buf[64];
    KTEST_ASSERT_EQ(type(t, "sleep 100"), 0);
    KTEST_ASSERT_EQ(type(t, "\x03"), LDISC_INTERRUPT);
    KTEST_ASSERT(!ldisc_readable(&t->ld));
    KTEST_ASSERT_STR_EQ(t->echo, "sleep 100^C\n");
    type(t, "ok\n");
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 3);
    KTEST_ASSERT_STR_EQ(buf, "ok\n");
    kfree(t);
}

KTEST(console, other_control_characters_ignored_tab_kept)
{
    tld_t *t = tld_create();
    KTEST_ASSERT(t);
    char buf[64];
    type(t, "a\x1b[A\tb\x01\n");
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 6);
    KTEST_ASSERT_STR_EQ(buf, "a[A\tb\n");
    kfree(t);
}

KTEST(console, raw_mode_passes_bytes_without_echo)
{
    tld_t *t = tld_create();
    KTEST_ASSERT(t);
    char buf[64];
    type(t, "par");
    ldisc_set_raw(&t->ld, true); /* the partial line is handed over */
    KTEST_ASSERT_EQ(type(t, "\x03\r\x7f\x04z\n"), 0);
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 9);
    KTEST_ASSERT(memcmp(buf, "par\x03\r\x7f\x04z\n", 9) == 0);
    KTEST_ASSERT_STR_EQ(t->echo, "par");
    ldisc_set_raw(&t->ld, false);
    type(t, "q\r");
    KTEST_ASSERT_EQ(take(t, buf, sizeof(buf)), 2);
    KTEST_ASSERT_STR_EQ(buf, "q\n");
    kfree(t);
}

KTEST(console, full_line_rings_bell_newline_still_fits)
{
    tld_t *t = tld_create();
    KTEST_ASSERT(t);
    for (unsigned i = 0; i < LDISC_LINE_MAX - 1; i++)
        ldisc_input(&t->ld, 'x');
    t->echo_len = 0;
    ldisc_input(&t->ld, 'y'); /* no room: the last byte is kept for the newline */
    KTEST_ASSERT_STR_EQ(t->echo, "\a");
    ldisc_input(&t->ld, '\n');
    char *buf = kmalloc(LDISC_LINE_MAX + 16);
    KTEST_ASSERT(buf);
    int64_t n = ldisc_read(&t->ld, buf, LDISC_LINE_MAX + 16);
    bool newline_last = n > 0 && buf[n - 1] == '\n';
    kfree(buf);
    kfree(t);
    KTEST_ASSERT_EQ(n, LDISC_LINE_MAX);
    KTEST_ASSERT(newline_last);
}

/* ---------------------------------------------------------------- the devices */

static int64_t write_str(file_t *f, const char *s)
{
    return file_write(f, s, strlen(s));
}

static int64_t read_text(const char *path, char *buf, size_t size)
{
    file_t *f;
    int err = vfs_open(path, "sys:/", &f);
    if (err)
        return err;
    int64_t n = file_read(f, buf, size - 1);
    file_unref(f);
    buf[n > 0 ? n : 0] = 0;
    return n;
}

KTEST(console, typed_line_reaches_blocking_read)
{
    file_t *f;
    char buf[64];
    KTEST_ASSERT_EQ(vfs_open("sys:/console?nonblock", "sys:/", &f), 0);
    KTEST_ASSERT_EQ(file_read(f, buf, sizeof(buf)), -EAGAIN);
    file_poll_t *none = 0;
    KTEST_ASSERT_EQ(poll_file(f, none), POLL_WRITE);
    file_unref(f);
    KTEST_ASSERT_EQ(vfs_open("sys:/console", "sys:/", &f), 0);
    console_input("hello\r", 6); /* the console thread takes it from here */
    int64_t n = file_read(f, buf, sizeof(buf) - 1);
    KTEST_ASSERT_EQ(n, 6);
    buf[n] = 0;
    KTEST_ASSERT_STR_EQ(buf, "hello\n");
    console_input("\x04", 1);
    KTEST_ASSERT_EQ(file_read(f, buf, sizeof(buf)), 0); /* ^D: end of file */
    file_unref(f);
}

KTEST(console, consctl_raw_held_while_open)
{
    char buf[64];
    file_t *ctl, *con;
    KTEST_ASSERT(read_text("sys:/consctl", buf, sizeof(buf)) > 0);
    KTEST_ASSERT_STR_EQ(buf, "mode cooked\nfg none\n");
    KTEST_ASSERT_EQ(vfs_open("sys:/consctl", "sys:/", &ctl), 0);
    KTEST_ASSERT_EQ(write_str(ctl, "rawon\n"), 6);
    read_text("sys:/consctl", buf, sizeof(buf));
    KTEST_ASSERT_STR_EQ(buf, "mode raw\nfg none\n");
    KTEST_ASSERT_EQ(vfs_open("sys:/console", "sys:/", &con), 0);
    console_input("k", 1);
    int64_t n = file_read(con, buf, sizeof(buf)); /* raw: no newline needed */
    KTEST_ASSERT_EQ(n, 1);
    KTEST_ASSERT_EQ(buf[0], 'k');
    KTEST_ASSERT_EQ(write_str(ctl, "rawoff"), 6);
    read_text("sys:/consctl", buf, sizeof(buf));
    KTEST_ASSERT_STR_EQ(buf, "mode cooked\nfg none\n");
    KTEST_ASSERT_EQ(write_str(ctl, "rawon"), 5);
    file_unref(ctl); /* closing ends raw mode */
    read_text("sys:/consctl", buf, sizeof(buf));
    file_unref(con);
    KTEST_ASSERT_STR_EQ(buf, "mode cooked\nfg none\n");
}

KTEST(console, consctl_rejects_bad_commands)
{
    file_t *ctl;
    char buf[64];
    KTEST_ASSERT_EQ(vfs_open("sys:/consctl", "sys:/", &ctl), 0);
    const char *bad[] = {"", "raw", "rawon x", "fg", "fg ", "fg x", "fg 0", "fg 12a", "fg  5", "fg none 3",
                         "fg -1", "fg 99999999999999999999", "echo", "rawonrawoff"};
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int64_t r = write_str(ctl, bad[i]);
        if (r != -EINVAL)
            file_unref(ctl);
        KTEST_ASSERT_EQ(r, -EINVAL);
    }
    int64_t missing = write_str(ctl, "fg 999999");
    if (missing != -ESRCH)
        file_unref(ctl);
    KTEST_ASSERT_EQ(missing, -ESRCH); /* no such process */
    int64_t nul = file_write(ctl, "raw\0on", 6);
    int64_t none = write_str(ctl, "fg none");
    file_unref(ctl);
    KTEST_ASSERT_EQ(nul, -EINVAL);
    KTEST_ASSERT_EQ(none, 7);
    read_text("sys:/consctl", buf, sizeof(buf));
    KTEST_ASSERT_STR_EQ(buf, "mode cooked\nfg none\n"); /* nothing changed */
}

/* ---------------------------------------------------------------- the keyboard */

static size_t key(uint8_t code, uint16_t mods, char *out)
{
    input_key_event_t ev = {INPUT_KEY_PRESS, code, mods};
    return keymap_translate(&ev, out);
}

KTEST(console, keymap_letters_digits_shift_caps)
{
    char out[KEYMAP_MAX];
    KTEST_ASSERT_EQ(key(KEY_A, 0, out), 1);
    KTEST_ASSERT_EQ(out[0], 'a');
    KTEST_ASSERT(key(KEY_Z, INPUT_MOD_SHIFT, out) == 1 && out[0] == 'Z');
    KTEST_ASSERT(key(KEY_Z, INPUT_MOD_CAPS, out) == 1 && out[0] == 'Z');
    KTEST_ASSERT(key(KEY_Z, INPUT_MOD_CAPS | INPUT_MOD_SHIFT, out) == 1 && out[0] == 'z');
    KTEST_ASSERT(key(KEY_1, 0, out) == 1 && out[0] == '1');
    KTEST_ASSERT(key(KEY_1, INPUT_MOD_CAPS, out) == 1 && out[0] == '1'); /* caps: letters only */
    KTEST_ASSERT(key(KEY_0, INPUT_MOD_SHIFT, out) == 1 && out[0] == ')');
    KTEST_ASSERT(key(KEY_SLASH, 0, out) == 1 && out[0] == '/');
    KTEST_ASSERT(key(KEY_APOSTROPHE, INPUT_MOD_SHIFT, out) == 1 && out[0] == '"');
    KTEST_ASSERT(key(KEY_BACKSLASH, INPUT_MOD_SHIFT, out) == 1 && out[0] == '|');
    KTEST_ASSERT(key(KEY_ENTER, 0, out) == 1 && out[0] == '\r');
    KTEST_ASSERT(key(KEY_BACKSPACE, 0, out) == 1 && out[0] == 0x7f);
    KTEST_ASSERT(key(KEY_SPACE, INPUT_MOD_SHIFT, out) == 1 && out[0] == ' ');
}

KTEST(console, keymap_ctrl_special_and_silent_keys)
{
    char out[KEYMAP_MAX];
    KTEST_ASSERT(key(KEY_A + 2, INPUT_MOD_CTRL, out) == 1 && out[0] == 0x03); /* ^C */
    KTEST_ASSERT(key(KEY_A + 3, INPUT_MOD_CTRL | INPUT_MOD_SHIFT, out) == 1 && out[0] == 0x04);
    KTEST_ASSERT(key(KEY_LEFTBRACKET, INPUT_MOD_CTRL, out) == 1 && out[0] == 0x1b);
    KTEST_ASSERT_EQ(key(KEY_UP, 0, out), 3);
    KTEST_ASSERT(memcmp(out, "\x1b[A", 3) == 0);
    KTEST_ASSERT_EQ(key(KEY_LEFT, INPUT_MOD_CTRL, out), 3);
    KTEST_ASSERT(memcmp(out, "\x1b[D", 3) == 0);
    KTEST_ASSERT_EQ(key(KEY_DELETE, 0, out), 4);
    KTEST_ASSERT(memcmp(out, "\x1b[3~", 4) == 0);
    KTEST_ASSERT_EQ(key(KEY_LEFTSHIFT, INPUT_MOD_SHIFT, out), 0);
    KTEST_ASSERT_EQ(key(KEY_F1, 0, out), 0);
    KTEST_ASSERT_EQ(key(KEY_A, INPUT_MOD_ALT, out), 0);
    KTEST_ASSERT_EQ(key(0x32, 0, out), 0); /* the non-US # key: nothing on a US layout */
    input_key_event_t up = {INPUT_KEY_RELEASE, KEY_A, 0};
    KTEST_ASSERT_EQ(keymap_translate(&up, out), 0);
}
