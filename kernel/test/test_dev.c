/*
 * test_dev.c - suite `dev`: sys:/stat/cpu and sys:/stat/mem read through the VFS and
 * parsed (line count = cpu_count, free <= total), the PS/2 keyboard decoder (set 1:
 * plain, released, extended 0xE0 and Pause sequences, modifier and caps-lock state)
 * and mouse decoder (sign and overflow bits, resynchronisation) as pure functions,
 * and a nonblock read of an empty sys:/kbd/ps2. Devices: kernel/dev/stat.c, ps2.c.
 */
#include <abi/errno.h>
#include "dev/ps2.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "sched/cpu.h"
#include "test/ktest.h"

/* Reads all of @path (NUL-terminated) into buf; returns the length or -errno. */
static int64_t read_all(const char *path, char *buf, size_t size)
{
    file_t *f;
    int err = vfs_open(path, "sys:/", &f);
    if (err)
        return err;
    int64_t len = 0, n;
    while ((n = file_read(f, buf + len, size - 1 - (size_t)len)) > 0)
        len += n;
    file_unref(f);
    if (n < 0)
        return n;
    buf[len] = '\0';
    return len;
}

/* The number after "@key " in text, or UINT64_MAX if missing. */
static uint64_t field(const char *text, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = text; *p; p++) {
        if ((p == text || p[-1] == '\n' || p[-1] == ' ') && strncmp(p, key, kl) == 0 && p[kl] == ' ') {
            uint64_t v;
            if (string_to_u64(p + kl + 1, 10, &v, NULL) == 0)
                return v;
        }
    }
    return UINT64_MAX;
}

KTEST(dev, stat_mem_consistent)
{
    static char buf[512];
    KTEST_ASSERT(read_all("sys:/stat/mem", buf, sizeof(buf)) > 0);
    uint64_t total = field(buf, "total_pages"), freep = field(buf, "free_pages");
    uint64_t reserved = field(buf, "reserved_pages"), heap = field(buf, "kernel_heap_bytes");
    KTEST_ASSERT(total != UINT64_MAX && freep != UINT64_MAX);
    KTEST_ASSERT(reserved != UINT64_MAX && heap != UINT64_MAX);
    KTEST_ASSERT(freep <= total);
    KTEST_ASSERT(total > 0 && heap > 0);
    KTEST_ASSERT_EQ(total, pmm_total_count());
}

KTEST(dev, stat_cpu_lines)
{
    static char buf[4096];
    KTEST_ASSERT(read_all("sys:/stat/cpu", buf, sizeof(buf)) > 0);
    unsigned lines = 0;
    for (const char *p = buf; *p; p++)
        lines += *p == '\n';
    KTEST_ASSERT_EQ(lines, cpu_count());
    KTEST_ASSERT(strncmp(buf, "cpu0 busy_ns ", 13) == 0);
    KTEST_ASSERT(field(buf, "idle_ns") != UINT64_MAX);
    KTEST_ASSERT(field(buf, "timer_irqs") != UINT64_MAX);
    KTEST_ASSERT(field(buf, "switches") > 0);
    KTEST_ASSERT(field(buf, "busy_ns") > 0); /* this thread is running on some CPU */
}

/* Feeds @n bytes; returns the events produced into @ev. */
static unsigned feed(ps2_kbd_state_t *s, const uint8_t *bytes, unsigned n, input_key_event_t *ev)
{
    unsigned k = 0;
    for (unsigned i = 0; i < n; i++)
        if (ps2_kbd_decode(s, bytes[i], &ev[k]))
            k++;
    return k;
}

KTEST(dev, kbd_decode_plain_and_shift)
{
    ps2_kbd_state_t s = {0};
    input_key_event_t ev[8];
    /* a, shift down, a, a up, shift up, enter */
    const uint8_t seq[] = {0x1e, 0x9e, 0x2a, 0x1e, 0x9e, 0xaa, 0x1c};
    KTEST_ASSERT_EQ(feed(&s, seq, sizeof(seq), ev), 7);
    KTEST_ASSERT(ev[0].type == INPUT_KEY_PRESS && ev[0].keycode == KEY_A && ev[0].modifiers == 0);
    KTEST_ASSERT(ev[1].type == INPUT_KEY_RELEASE && ev[1].keycode == KEY_A);
    KTEST_ASSERT(ev[2].keycode == KEY_LEFTSHIFT && ev[2].modifiers == INPUT_MOD_SHIFT);
    KTEST_ASSERT(ev[3].keycode == KEY_A && ev[3].modifiers == INPUT_MOD_SHIFT);
    KTEST_ASSERT(ev[5].type == INPUT_KEY_RELEASE && ev[5].keycode == KEY_LEFTSHIFT && ev[5].modifiers == 0);
    KTEST_ASSERT(ev[6].keycode == KEY_ENTER && ev[6].type == INPUT_KEY_PRESS);
    const uint8_t digits[] = {0x02, 0x0b, 0x0e, 0x0f, 0x01, 0x3b, 0x58, 0x39, 0x35};
    const uint8_t want[] = {KEY_1, KEY_0, KEY_BACKSPACE, KEY_TAB, KEY_ESCAPE, KEY_F1, KEY_F12, KEY_SPACE, KEY_SLASH};
    for (unsigned i = 0; i < sizeof(digits); i++) {
        KTEST_ASSERT(ps2_kbd_decode(&s, digits[i], &ev[0]));
        KTEST_ASSERT_EQ(ev[0].keycode, want[i]);
    }
}

KTEST(dev, kbd_decode_extended_and_modifiers)
{
    ps2_kbd_state_t s = {0};
    input_key_event_t ev[8];
    /* right ctrl down, up arrow down+up, right alt down, right ctrl up, right alt up */
    const uint8_t seq[] = {0xe0, 0x1d, 0xe0, 0x48, 0xe0, 0xc8, 0xe0, 0x38, 0xe0, 0x9d, 0xe0, 0xb8};
    KTEST_ASSERT_EQ(feed(&s, seq, sizeof(seq), ev), 6);
    KTEST_ASSERT(ev[0].keycode == KEY_RIGHTCTRL && ev[0].modifiers == INPUT_MOD_CTRL);
    KTEST_ASSERT(ev[1].keycode == KEY_UP && ev[1].type == INPUT_KEY_PRESS && ev[1].modifiers == INPUT_MOD_CTRL);
    KTEST_ASSERT(ev[2].keycode == KEY_UP && ev[2].type == INPUT_KEY_RELEASE);
    KTEST_ASSERT(ev[3].keycode == KEY_RIGHTALT && ev[3].modifiers == (INPUT_MOD_CTRL | INPUT_MOD_ALT));
    KTEST_ASSERT(ev[4].type == INPUT_KEY_RELEASE && ev[4].modifiers == INPUT_MOD_ALT);
    KTEST_ASSERT(ev[5].modifiers == 0);
    /* 0x48 without the prefix is keypad 8: no code. Fake shifts E0 2A / E0 AA: nothing. */
    const uint8_t quiet[] = {0x48, 0xe0, 0x2a, 0xe0, 0xaa, 0xfa, 0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5};
    KTEST_ASSERT_EQ(feed(&s, quiet, sizeof(quiet), ev), 0);
    /* caps lock toggles on press only; the left arrow still decodes after Pause */
    const uint8_t caps[] = {0x3a, 0xba, 0xe0, 0x4b, 0x3a, 0xba};
    KTEST_ASSERT_EQ(feed(&s, caps, sizeof(caps), ev), 5);
    KTEST_ASSERT(ev[0].modifiers == INPUT_MOD_CAPS && ev[1].modifiers == INPUT_MOD_CAPS);
    KTEST_ASSERT(ev[2].keycode == KEY_LEFT && ev[2].modifiers == INPUT_MOD_CAPS);
    KTEST_ASSERT(ev[3].modifiers == 0 && ev[4].modifiers == 0);
}

KTEST(dev, mouse_decode_packets)
{
    ps2_mouse_state_t s = {0};
    input_mouse_event_t m;
    /* left button, dx +5, dy +3 (up) -> screen dy -3 */
    KTEST_ASSERT(!ps2_mouse_decode(&s, 0x09, &m));
    KTEST_ASSERT(!ps2_mouse_decode(&s, 0x05, &m));
    KTEST_ASSERT(ps2_mouse_decode(&s, 0x03, &m));
    KTEST_ASSERT(m.dx == 5 && m.dy == -3 && m.buttons == INPUT_BUTTON_LEFT && m.pad == 0);
    /* x and y negative: dx -2 (0xfe), dy -256 (0x00 with sign) -> screen +256; right+middle */
    const uint8_t p2[] = {0x08 | 0x10 | 0x20 | 0x06, 0xfe, 0x00};
    for (int i = 0; i < 2; i++)
        KTEST_ASSERT(!ps2_mouse_decode(&s, p2[i], &m));
    KTEST_ASSERT(ps2_mouse_decode(&s, p2[2], &m));
    KTEST_ASSERT(m.dx == -2 && m.dy == 256 && m.buttons == (INPUT_BUTTON_RIGHT | INPUT_BUTTON_MIDDLE));
    /* overflow on both axes: movement dropped, buttons kept */
    const uint8_t p3[] = {0x08 | 0x40 | 0x80 | 0x01, 0x7f, 0x7f};
    KTEST_ASSERT(!ps2_mouse_decode(&s, p3[0], &m) && !ps2_mouse_decode(&s, p3[1], &m));
    KTEST_ASSERT(ps2_mouse_decode(&s, p3[2], &m));
    KTEST_ASSERT(m.dx == 0 && m.dy == 0 && m.buttons == INPUT_BUTTON_LEFT);
    /* a byte without bit 3 at a packet start is skipped (resynchronisation) */
    KTEST_ASSERT(!ps2_mouse_decode(&s, 0x01, &m));
    KTEST_ASSERT(!ps2_mouse_decode(&s, 0x08, &m) && !ps2_mouse_decode(&s, 0x01, &m));
    KTEST_ASSERT(ps2_mouse_decode(&s, 0x01, &m));
    KTEST_ASSERT(m.dx == 1 && m.dy == -1 && m.buttons == 0);
}

KTEST(dev, kbd_nonblock_empty_eagain)
{
    file_t *f;
    KTEST_ASSERT_EQ(vfs_open("sys:/kbd/ps2?nonblock", "sys:/", &f), 0);
    input_key_event_t ev[4];
    KTEST_ASSERT_EQ(file_read(f, ev, sizeof(ev)), -EAGAIN);
    KTEST_ASSERT_EQ(file_read(f, ev, 1), -EINVAL);
    KTEST_ASSERT_EQ(file_write(f, ev, sizeof(ev)), -EINVAL);
    file_unref(f);
}

KTEST(dev, mouse_nonblock_empty_eagain)
{
    file_t *f;
    KTEST_ASSERT_EQ(vfs_open("sys:/mouse/ps2?nonblock", "sys:/", &f), 0);
    input_mouse_event_t ev[2];
    KTEST_ASSERT_EQ(file_read(f, ev, sizeof(ev)), -EAGAIN);
    KTEST_ASSERT_EQ(file_read(f, ev, sizeof(ev[0]) - 1), -EINVAL);
    file_unref(f);
}
