/*
 * keymap.c - key events to terminal bytes (dev/keymap.h): two tables (plain and
 * shifted) for the printable keys, caps lock flipping letters only, ctrl turning a
 * letter (and [ \ ]) into its control byte, and a switch for the special keys.
 */
#include "dev/keymap.h"
#include <stdbool.h>
#include "lib/string.h"

/* Printable keys from KEY_1 (0x1e) to KEY_SLASH (0x38): plain, then with shift. */
#define FIRST KEY_1
static const char plain[] = "1234567890\r\x1b\x7f\t -=[]\\\0;'`,./";
static const char shifted[] = "!@#$%^&*()\r\x1b\x7f\t _+{}|\0:\"~<>?";

static size_t special(uint8_t key, char *out)
{
    const char *seq;
    switch (key) {
    case KEY_UP: seq = "\x1b[A"; break;
    case KEY_DOWN: seq = "\x1b[B"; break;
    case KEY_RIGHT: seq = "\x1b[C"; break;
    case KEY_LEFT: seq = "\x1b[D"; break;
    case KEY_HOME: seq = "\x1b[H"; break;
    case KEY_END: seq = "\x1b[F"; break;
    case KEY_INSERT: seq = "\x1b[2~"; break;
    case KEY_DELETE: seq = "\x1b[3~"; break;
    case KEY_PAGEUP: seq = "\x1b[5~"; break;
    case KEY_PAGEDOWN: seq = "\x1b[6~"; break;
    default: return 0;
    }
    size_t n = strlen(seq);
    memcpy(out, seq, n);
    return n;
}

size_t keymap_translate(const input_key_event_t *ev, char *out)
{
    uint8_t key = ev->keycode;
    uint16_t mods = ev->modifiers;
    if (ev->type != INPUT_KEY_PRESS || (mods & INPUT_MOD_ALT))
        return 0;
    bool shift = mods & INPUT_MOD_SHIFT, ctrl = mods & INPUT_MOD_CTRL;
    char c;
    if (key >= KEY_A && key <= KEY_Z) {
        bool upper = shift != !!(mods & INPUT_MOD_CAPS);
        c = (char)((upper ? 'A' : 'a') + (key - KEY_A));
    } else if (key >= FIRST && key < FIRST + sizeof(plain) - 1) {
        c = (shift ? shifted : plain)[key - FIRST];
    } else {
        return special(key, out);
    }
    if (c == 0)
        return 0;
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (ctrl && (letter || c == '[' || c == '\\' || c == ']'))
        c = (char)(c & 0x1f); /* ^A..^Z, ^[ (ESC), ^\, ^] */
    out[0] = c;
    return 1;
}
