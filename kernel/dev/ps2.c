/*
 * ps2.c - the 8042 PS/2 controller driver and its two event devices (see ps2.h).
 * Bring-up polls the controller with interrupts of both ports off; then the IRQ 1 and
 * IRQ 12 handlers (boot CPU, interrupts off) drain the output buffer, tell keyboard
 * bytes from mouse bytes by the status register's aux bit, feed the decoders and push
 * records into the rings, waking readers; key presses are also typed on the console
 * (dev/keymap.h, dev/console.h). Readers sleep on a ring's waitq under its spinlock. Port I/O is arch/x86_64/cpu.h, routing arch/x86_64/ioapic.h.
 */
#include "ps2.h"
#include <abi/errno.h>
#include "acpi/acpi.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/ioapic.h"
#include "arch/x86_64/lapic.h"
#include "arch/x86_64/trap.h"
#include "dev/console.h"
#include "dev/keymap.h"
#include "fs/path.h"
#include "fs/sysfs.h"
#include "fs/poll.h"
#include "lib/string.h"
#include "log/log.h"
#include "sched/cpu.h"
#include "sync/spinlock.h"
#include "sync/waitq.h"
#include "time/clock.h"

#define PS2_DATA 0x60
#define PS2_STATUS 0x64 /* read */
#define PS2_CMD 0x64    /* write */

#define STATUS_OUT_FULL 0x01
#define STATUS_IN_FULL 0x02
#define STATUS_AUX 0x20

#define CFG_IRQ1 0x01
#define CFG_IRQ12 0x02
#define CFG_CLK1_OFF 0x10
#define CFG_CLK2_OFF 0x20
#define CFG_TRANSLATE 0x40

#define TIMEOUT_NS 100000000ull /* 100 ms per byte */
#define DRAIN_MAX 64            /* bytes one interrupt takes at most */

/* Modifier keys held (ps2_kbd_state_t.held). */
#define HELD_LSHIFT 0x01
#define HELD_RSHIFT 0x02
#define HELD_LCTRL 0x04
#define HELD_RCTRL 0x08
#define HELD_LALT 0x10
#define HELD_RALT 0x20

/* ------------------------------------------------------------------ decoders */

#define L(c) (KEY_A + ((c) - 'a'))

/* Set 1 make code -> key code (0: none). */
static const uint8_t set1_keys[0x59] = {
    [0x01] = KEY_ESCAPE, [0x02] = KEY_1, [0x03] = KEY_1 + 1, [0x04] = KEY_1 + 2, [0x05] = KEY_1 + 3,
    [0x06] = KEY_1 + 4, [0x07] = KEY_1 + 5, [0x08] = KEY_1 + 6, [0x09] = KEY_1 + 7, [0x0a] = KEY_9,
    [0x0b] = KEY_0, [0x0c] = KEY_MINUS, [0x0d] = KEY_EQUAL, [0x0e] = KEY_BACKSPACE, [0x0f] = KEY_TAB,
    [0x10] = L('q'), [0x11] = L('w'), [0x12] = L('e'), [0x13] = L('r'), [0x14] = L('t'),
    [0x15] = L('y'), [0x16] = L('u'), [0x17] = L('i'), [0x18] = L('o'), [0x19] = L('p'),
    [0x1a] = KEY_LEFTBRACKET, [0x1b] = KEY_RIGHTBRACKET, [0x1c] = KEY_ENTER, [0x1d] = KEY_LEFTCTRL,
    [0x1e] = L('a'), [0x1f] = L('s'), [0x20] = L('d'), [0x21] = L('f'), [0x22] = L('g'),
    [0x23] = L('h'), [0x24] = L('j'), [0x25] = L('k'), [0x26] = L('l'), [0x27] = KEY_SEMICOLON,
    [0x28] = KEY_APOSTROPHE, [0x29] = KEY_GRAVE, [0x2a] = KEY_LEFTSHIFT, [0x2b] = KEY_BACKSLASH,
    [0x2c] = L('z'), [0x2d] = L('x'), [0x2e] = L('c'), [0x2f] = L('v'), [0x30] = L('b'),
    [0x31] = L('n'), [0x32] = L('m'), [0x33] = KEY_COMMA, [0x34] = KEY_DOT, [0x35] = KEY_SLASH,
    [0x36] = KEY_RIGHTSHIFT, [0x38] = KEY_LEFTALT, [0x39] = KEY_SPACE, [0x3a] = KEY_CAPSLOCK,
    [0x3b] = KEY_F1, [0x3c] = KEY_F1 + 1, [0x3d] = KEY_F1 + 2, [0x3e] = KEY_F1 + 3,
    [0x3f] = KEY_F1 + 4, [0x40] = KEY_F1 + 5, [0x41] = KEY_F1 + 6, [0x42] = KEY_F1 + 7,
    [0x43] = KEY_F1 + 8, [0x44] = KEY_F1 + 9, [0x57] = KEY_F1 + 10, [0x58] = KEY_F12,
};

/* Set 1 make code after 0xE0 -> key code (0: none, e.g. the fake shifts 0x2A/0x36). */
static uint8_t set1_extended(uint8_t code)
{
    switch (code) {
    case 0x1c: return KEY_ENTER;     /* keypad enter */
    case 0x1d: return KEY_RIGHTCTRL;
    case 0x35: return KEY_SLASH;     /* keypad / */
    case 0x38: return KEY_RIGHTALT;
    case 0x47: return KEY_HOME;
    case 0x48: return KEY_UP;
    case 0x49: return KEY_PAGEUP;
    case 0x4b: return KEY_LEFT;
    case 0x4d: return KEY_RIGHT;
    case 0x4f: return KEY_END;
    case 0x50: return KEY_DOWN;
    case 0x51: return KEY_PAGEDOWN;
    case 0x52: return KEY_INSERT;
    case 0x53: return KEY_DELETE;
    default: return KEY_NONE;
    }
}

static uint8_t held_bit(uint8_t key)
{
    switch (key) {
    case KEY_LEFTSHIFT: return HELD_LSHIFT;
    case KEY_RIGHTSHIFT: return HELD_RSHIFT;
    case KEY_LEFTCTRL: return HELD_LCTRL;
    case KEY_RIGHTCTRL: return HELD_RCTRL;
    case KEY_LEFTALT: return HELD_LALT;
    case KEY_RIGHTALT: return HELD_RALT;
    default: return 0;
    }
}

static uint16_t modifiers(const ps2_kbd_state_t *s)
{
    uint16_t m = 0;
    if (s->held & (HELD_LSHIFT | HELD_RSHIFT))
        m |= INPUT_MOD_SHIFT;
    if (s->held & (HELD_LCTRL | HELD_RCTRL))
        m |= INPUT_MOD_CTRL;
    if (s->held & (HELD_LALT | HELD_RALT))
        m |= INPUT_MOD_ALT;
    if (s->caps)
        m |= INPUT_MOD_CAPS;
    return m;
}

bool ps2_kbd_decode(ps2_kbd_state_t *s, uint8_t byte, input_key_event_t *out)
{
    if (s->skip) { /* the rest of E1 1D 45 E1 9D C5 */
        s->skip--;
        return false;
    }
    if (byte == 0xe0) {
        s->extended = 1;
        return false;
    }
    if (byte == 0xe1) {
        s->skip = 5;
        s->extended = 0;
        return false;
    }
    bool ext = s->extended;
    s->extended = 0;
    if (byte == 0x00 || byte == 0xee || byte == 0xfa || byte == 0xfe || byte == 0xff)
        return false; /* errors, echo, ACK, resend: controller talk, not keys */
    bool release = byte & 0x80;
    uint8_t code = byte & 0x7f;
    uint8_t key = ext ? set1_extended(code) : code < sizeof(set1_keys) ? set1_keys[code] : KEY_NONE;
    if (key == KEY_NONE)
        return false;
    uint8_t bit = held_bit(key);
    if (release)
        s->held &= (uint8_t)~bit;
    else
        s->held |= bit;
    if (key == KEY_CAPSLOCK && !release)
        s->caps ^= 1;
    out->type = release ? INPUT_KEY_RELEASE : INPUT_KEY_PRESS;
    out->keycode = key;
    out->modifiers = modifiers(s);
    return true;
}

/* A 9-bit two's complement movement; an overflowed axis counts as no movement. */
static int16_t axis(uint8_t low, bool negative, bool overflow)
{
    if (overflow)
        return 0;
    return (int16_t)(negative ? (int)low - 256 : (int)low);
}

bool ps2_mouse_decode(ps2_mouse_state_t *s, uint8_t byte, input_mouse_event_t *out)
{
    if (s->count == 0 && !(byte & 0x08))
        return false; /* not a first byte: wait for one to resynchronise */
    s->bytes[s->count++] = byte;
    if (s->count < 3)
        return false;
    s->count = 0;
    uint8_t b0 = s->bytes[0];
    out->dx = axis(s->bytes[1], b0 & 0x10, b0 & 0x40);
    out->dy = (int16_t)-axis(s->bytes[2], b0 & 0x20, b0 & 0x80);
    out->buttons = b0 & (INPUT_BUTTON_LEFT | INPUT_BUTTON_RIGHT | INPUT_BUTTON_MIDDLE);
    out->pad = 0;
    return true;
}

/* ------------------------------------------------------------------ rings */

/** A ring of fixed-size records with its readers. */
typedef struct ps2_ring {
    spinlock_t lock;     /* protects everything below */
    waitq_t readers;
    size_t rec;          /* immutable: record size */
    unsigned head, count;
    uint64_t dropped;
    uint8_t buf[PS2_RING_EVENTS * sizeof(input_mouse_event_t)];
} ps2_ring_t;

static ps2_ring_t kbd_ring = {.lock = SPINLOCK_INIT, .rec = sizeof(input_key_event_t)};
static ps2_ring_t mouse_ring = {.lock = SPINLOCK_INIT, .rec = sizeof(input_mouse_event_t)};
static ps2_kbd_state_t kbd_state;     /* IRQ handlers only (boot CPU, interrupts off) */
static ps2_mouse_state_t mouse_state; /* IRQ handlers only */

static void ring_push(ps2_ring_t *r, const void *rec)
{
    spinlock_lock(&r->lock);
    if (r->count == PS2_RING_EVENTS) { /* full: the oldest goes */
        r->head = (r->head + 1) % PS2_RING_EVENTS;
        r->count--;
        r->dropped++;
    }
    unsigned slot = (r->head + r->count) % PS2_RING_EVENTS;
    memcpy(r->buf + slot * r->rec, rec, r->rec);
    r->count++;
    spinlock_unlock(&r->lock);
    waitq_wake_all(&r->readers);
}

static bool ring_nonempty(void *arg)
{
    return ((ps2_ring_t *)arg)->count != 0;
}

static int64_t ring_read(sysfs_file_t *f, void *buf, size_t size, uint64_t offset)
{
    ps2_ring_t *r = f->priv;
    (void)offset;
    if (size < r->rec)
        return -EINVAL;
    spinlock_lock(&r->lock);
    if (r->count == 0) {
        int err = (f->file->flags & PATH_FLAG_NONBLOCK) ? -EAGAIN
                                                         : waitq_wait(&r->readers, &r->lock, ring_nonempty, r, 0);
        if (err && r->count == 0) {
            spinlock_unlock(&r->lock);
            return err;
        }
    }
    size_t n = 0;
    for (; r->count && (n + 1) * r->rec <= size; n++) {
        memcpy((uint8_t *)buf + n * r->rec, r->buf + r->head * r->rec, r->rec);
        r->head = (r->head + 1) % PS2_RING_EVENTS;
        r->count--;
    }
    spinlock_unlock(&r->lock);
    return (int64_t)(n * r->rec);
}

/* Writes stay NULL: -EINVAL, as sysfs documents. */
/* Readable while an event is queued; ring_push wakes readers after queuing one. */
static int ring_poll(sysfs_file_t *f, file_poll_t *wait)
{
    ps2_ring_t *r = f->priv;
    spinlock_lock(&r->lock);
    int mask = r->count ? POLL_READ : 0;
    poll_register(wait, &r->readers);
    spinlock_unlock(&r->lock);
    return mask;
}

static const sysfs_ops_t ring_ops = {.read = ring_read, .poll = ring_poll};

uint64_t ps2_dropped(bool mouse)
{
    ps2_ring_t *r = mouse ? &mouse_ring : &kbd_ring;
    spinlock_lock(&r->lock);
    uint64_t d = r->dropped;
    spinlock_unlock(&r->lock);
    return d;
}

/* ------------------------------------------------------------------ interrupts */

static void ps2_irq(trap_frame_t *frame)
{
    (void)frame;
    for (int i = 0; i < DRAIN_MAX; i++) {
        uint8_t st = cpu_inb(PS2_STATUS);
        if (!(st & STATUS_OUT_FULL))
            break;
        uint8_t byte = cpu_inb(PS2_DATA);
        if (st & STATUS_AUX) {
            input_mouse_event_t m;
            if (ps2_mouse_decode(&mouse_state, byte, &m))
                ring_push(&mouse_ring, &m);
        } else {
            input_key_event_t k;
            if (ps2_kbd_decode(&kbd_state, byte, &k)) {
                ring_push(&kbd_ring, &k);
                char typed[KEYMAP_MAX];
                size_t n = keymap_translate(&k, typed);
                if (n)
                    console_input(typed, n); /* the keyboard types on the console too */
            }
        }
    }
    lapic_eoi();
}

/* ------------------------------------------------------------------ controller */

static bool wait_status(uint8_t mask, bool set)
{
    uint64_t deadline = clock_ns() + TIMEOUT_NS;
    while (((cpu_inb(PS2_STATUS) & mask) != 0) != set)
        if (clock_ns() > deadline)
            return false;
    return true;
}

static bool ctl_write(uint16_t port, uint8_t v)
{
    if (!wait_status(STATUS_IN_FULL, false))
        return false;
    cpu_outb(port, v);
    return true;
}

static int ctl_read(void)
{
    return wait_status(STATUS_OUT_FULL, true) ? cpu_inb(PS2_DATA) : -ETIMEDOUT;
}

static void ctl_flush(void)
{
    for (int i = 0; i < 256 && (cpu_inb(PS2_STATUS) & STATUS_OUT_FULL); i++)
        (void)cpu_inb(PS2_DATA);
}

/* A controller command with a reply byte; -ETIMEDOUT without one. */
static int ctl_query(uint8_t cmd)
{
    return ctl_write(PS2_CMD, cmd) ? ctl_read() : -ETIMEDOUT;
}

/* Sends a device command (through port 2 if @aux) and waits for its ACK. */
static bool dev_command(bool aux, uint8_t cmd)
{
    for (int tries = 0; tries < 3; tries++) {
        if ((aux && !ctl_write(PS2_CMD, 0xd4)) || !ctl_write(PS2_DATA, cmd))
            return false;
        int r;
        while ((r = ctl_read()) >= 0 && r != 0xfa && r != 0xfe)
            ; /* skip stray bytes */
        if (r == 0xfa)
            return true;
        if (r < 0)
            return false;
    }
    return false;
}

static bool controller_present(void)
{
    const acpi_fadt_info_t *fadt = acpi_fadt();
    if (fadt && fadt->has_8042)
        return true;
    if (cpu_inb(PS2_STATUS) == 0xff) /* floating bus */
        return false;
    return ctl_query(0xaa) == 0x55;   /* self-test */
}

/* Disables both ports, flushes, sets the configuration; false if the controller is mute. */
static bool controller_setup(bool *aux)
{
    if (!ctl_write(PS2_CMD, 0xad) || !ctl_write(PS2_CMD, 0xa7))
        return false;
    ctl_flush();
    int cfg = ctl_query(0x20);
    if (cfg < 0)
        return false;
    cfg = (cfg & ~(CFG_IRQ1 | CFG_IRQ12)) | CFG_TRANSLATE;
    if (!ctl_write(PS2_CMD, 0x60) || !ctl_write(PS2_DATA, (uint8_t)cfg))
        return false;
    *aux = ctl_query(0xa9) == 0x00; /* port 2 interface test */
    if (!ctl_write(PS2_CMD, 0xae) || (*aux && !ctl_write(PS2_CMD, 0xa8)))
        return false;
    return true;
}

static void controller_enable_irqs(bool aux)
{
    int cfg = ctl_query(0x20);
    if (cfg < 0)
        return;
    cfg = (cfg | CFG_IRQ1 | CFG_TRANSLATE) & ~CFG_CLK1_OFF;
    if (aux)
        cfg = (cfg | CFG_IRQ12) & ~CFG_CLK2_OFF;
    if (ctl_write(PS2_CMD, 0x60))
        ctl_write(PS2_DATA, (uint8_t)cfg);
    ctl_flush();
}

static void ps2_devices_create(bool aux)
{
    sysfs_dir_t *kbd = sysfs_mkdir(sysfs_root(), "kbd");
    if (!kbd || sysfs_add_file(kbd, "ps2", &ring_ops, &kbd_ring) != 0)
        log_error("ps2: cannot create sys:/kbd/ps2");
    if (!aux)
        return;
    sysfs_dir_t *mouse = sysfs_mkdir(sysfs_root(), "mouse");
    if (!mouse || sysfs_add_file(mouse, "ps2", &ring_ops, &mouse_ring) != 0)
        log_error("ps2: cannot create sys:/mouse/ps2");
}

void ps2_init(void)
{
    waitq_init(&kbd_ring.readers);
    waitq_init(&mouse_ring.readers);
    bool aux = false;
    if (!controller_present() || !controller_setup(&aux)) {
        log_info("ps2: no 8042 controller");
        return;
    }
    if (!dev_command(false, 0xf4))
        log_warn("ps2: keyboard did not acknowledge enable");
    if (aux && (!dev_command(true, 0xf6) || !dev_command(true, 0xf4))) {
        log_warn("ps2: mouse did not acknowledge defaults/enable");
        aux = false;
    }
    trap_set_handler(IOAPIC_VECTOR_BASE + 1, ps2_irq);
    trap_set_handler(IOAPIC_VECTOR_BASE + 12, ps2_irq);
    controller_enable_irqs(aux);
    uint32_t boot_apic = cpu_get(0)->apic_id;
    if (ioapic_route_isa(1, IOAPIC_VECTOR_BASE + 1, boot_apic) != 0 ||
        (aux && ioapic_route_isa(12, IOAPIC_VECTOR_BASE + 12, boot_apic) != 0))
        log_warn("ps2: IRQ routing failed");
    ps2_devices_create(aux);
    log_info("ps2: keyboard%s (scan-code set 1 via translation)", aux ? " and mouse" : "");
}
