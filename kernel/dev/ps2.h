/*
 * ps2.h - the 8042 PS/2 controller: keyboard (port 1, ISA IRQ 1) and mouse (port 2,
 * ISA IRQ 12), both routed through the I/O APIC to the boot CPU. The controller's
 * scan-code translation is left ON, so the keyboard's bytes arrive as scan-code set 1
 * (make codes 0x01-0x58, release = make | 0x80, 0xE0 prefix for the extended keys,
 * 0xE1 for Pause, which is ignored). The mouse uses the default 3-byte packets.
 * Events go to rings of PS2_RING_EVENTS records read through sys:/kbd/ps2
 * (include/abi/input.h input_key_event_t) and sys:/mouse/ps2 (input_mouse_event_t); a
 * full ring drops its oldest record and counts the drop. The decoders are pure state
 * machines, exported for the tests (kernel/test/test_dev.c).
 */
#ifndef DEV_PS2_H
#define DEV_PS2_H

#include <stdbool.h>
#include <stdint.h>
#include <abi/input.h>

#define PS2_RING_EVENTS 256 /**< records each ring holds before dropping the oldest */

/** Keyboard decoder state (set 1). Zero-initialised = no prefix, nothing held. */
typedef struct ps2_kbd_state {
    uint8_t extended; /**< the previous byte was 0xE0 */
    uint8_t skip;     /**< bytes of an 0xE1 (Pause) sequence still to ignore */
    uint8_t held;     /**< PS2_HELD_* bits: modifier keys down */
    uint8_t caps;     /**< caps lock on */
} ps2_kbd_state_t;

/** Mouse decoder state. Zero-initialised = waiting for a packet's first byte. */
typedef struct ps2_mouse_state {
    uint8_t bytes[3];
    uint8_t count; /**< bytes of the current packet received */
} ps2_mouse_state_t;

/**
 * Feeds one set-1 scan-code byte to the keyboard decoder.
 * @return true when the byte completed a key event, written to @out (its modifiers
 *         are the state after the event); false for prefixes, controller replies
 *         (0x00, 0xAA after 0xE0 fake shifts, 0xEE, 0xFA, 0xFE, 0xFF), keys without a
 *         code in include/abi/input.h, and Pause.
 * Locking: none (the caller owns @s). Never sleeps. O(1).
 */
bool ps2_kbd_decode(ps2_kbd_state_t *s, uint8_t byte, input_key_event_t *out);

/**
 * Feeds one byte of a 3-byte mouse packet to the decoder. A first byte without its
 * always-one bit 3 is dropped (resynchronisation). dy is turned to screen direction;
 * an axis with its overflow bit set reports 0 (the buttons still count).
 * @return true when the byte completed a packet, written to @out.
 * Locking: none (the caller owns @s). Never sleeps. O(1).
 */
bool ps2_mouse_decode(ps2_mouse_state_t *s, uint8_t byte, input_mouse_event_t *out);

/**
 * Finds the 8042 (the FADT's flag, or a controller self-test when the FADT denies it),
 * configures it, enables the keyboard and mouse and their interrupts, and creates
 * sys:/kbd/ps2 and sys:/mouse/ps2 (sys:/mouse/ps2 only if the aux port works). Without
 * a controller nothing is created (logged). Once, at boot after fs_init() and
 * apic_init(). Locking: boot CPU, before the IRQs are routed. May sleep (sysfs).
 * O(1) (polls the controller with ~100 ms timeouts per command).
 */
void ps2_init(void);

/** Records dropped so far because a ring was full: keyboard (@mouse false) or mouse. O(1). */
uint64_t ps2_dropped(bool mouse);

#endif
