/*
 * input.h - the records user space reads from the input devices (kernel <-> user ABI).
 * sys:/kbd/<name> yields input_key_event_t records (4 bytes each), sys:/mouse/<name>
 * yields input_mouse_event_t records (6 bytes each); a read returns only whole records.
 * Key codes are Patchwork's own, numbered like USB HID usage page 7 so that they do
 * not depend on the keyboard's scan-code set. The PS/2 driver is kernel/dev/ps2.c.
 */
#ifndef ABI_INPUT_H
#define ABI_INPUT_H

#include <stdint.h>

/** input_key_event_t.type */
#define INPUT_KEY_PRESS 1   /**< key went down (repeats while held, as the keyboard sends) */
#define INPUT_KEY_RELEASE 2 /**< key went up */

/** input_key_event_t.modifiers: the state after this event is applied. */
#define INPUT_MOD_SHIFT 0x0001 /**< either shift held */
#define INPUT_MOD_CTRL 0x0002  /**< either ctrl held */
#define INPUT_MOD_ALT 0x0004   /**< either alt held (AltGr counts as alt) */
#define INPUT_MOD_CAPS 0x0008  /**< caps lock is on (toggled by each caps-lock press) */

/** One key event: 4 bytes, no padding. */
typedef struct input_key_event {
    uint8_t type;       /**< INPUT_KEY_PRESS or INPUT_KEY_RELEASE */
    uint8_t keycode;    /**< KEY_* */
    uint16_t modifiers; /**< INPUT_MOD_* */
} input_key_event_t;

/** input_mouse_event_t.buttons: buttons held after this movement. */
#define INPUT_BUTTON_LEFT 0x01
#define INPUT_BUTTON_RIGHT 0x02
#define INPUT_BUTTON_MIDDLE 0x04

/**
 * One mouse movement: 6 bytes. dx grows to the right, dy grows downwards (screen
 * direction; PS/2 itself counts up). An axis whose counter overflowed reports 0.
 */
typedef struct input_mouse_event {
    int16_t dx;
    int16_t dy;
    uint8_t buttons; /**< INPUT_BUTTON_* */
    uint8_t pad;     /**< 0 */
} input_mouse_event_t;

/* Key codes (USB HID usage page 7 numbering). KEY_NONE is never reported. */
#define KEY_NONE 0x00
#define KEY_A 0x04 /**< KEY_A + n is the (n+1)-th letter, up to KEY_Z */
#define KEY_Z 0x1d
#define KEY_1 0x1e /**< KEY_1 .. KEY_9 are consecutive, then KEY_0 */
#define KEY_9 0x26
#define KEY_0 0x27
#define KEY_ENTER 0x28
#define KEY_ESCAPE 0x29
#define KEY_BACKSPACE 0x2a
#define KEY_TAB 0x2b
#define KEY_SPACE 0x2c
#define KEY_MINUS 0x2d
#define KEY_EQUAL 0x2e
#define KEY_LEFTBRACKET 0x2f
#define KEY_RIGHTBRACKET 0x30
#define KEY_BACKSLASH 0x31
#define KEY_SEMICOLON 0x33
#define KEY_APOSTROPHE 0x34
#define KEY_GRAVE 0x35
#define KEY_COMMA 0x36
#define KEY_DOT 0x37
#define KEY_SLASH 0x38
#define KEY_CAPSLOCK 0x39
#define KEY_F1 0x3a /**< KEY_F1 .. KEY_F12 are consecutive */
#define KEY_F12 0x45
#define KEY_INSERT 0x49
#define KEY_HOME 0x4a
#define KEY_PAGEUP 0x4b
#define KEY_DELETE 0x4c
#define KEY_END 0x4d
#define KEY_PAGEDOWN 0x4e
#define KEY_RIGHT 0x4f
#define KEY_LEFT 0x50
#define KEY_DOWN 0x51
#define KEY_UP 0x52
#define KEY_LEFTCTRL 0xe0
#define KEY_LEFTSHIFT 0xe1
#define KEY_LEFTALT 0xe2
#define KEY_RIGHTCTRL 0xe4
#define KEY_RIGHTSHIFT 0xe5
#define KEY_RIGHTALT 0xe6

_Static_assert(sizeof(input_key_event_t) == 4, "key event is 4 bytes");
_Static_assert(sizeof(input_mouse_event_t) == 6, "mouse event is 6 bytes");

#endif
