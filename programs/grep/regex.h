/*
 * regex.h - grep's small regular-expression engine. A pattern is a sequence of atoms
 * (a character, `.`, a bracket class `[a-z]` / `[^0-9]`, or `\c` for a literal c),
 * each optionally followed by `*`, `+` or `?`, with `^` at the start and `$` at the end
 * anchoring the match. Every atom compiles to a 256-bit set of the bytes it accepts,
 * so case folding is done once at compile time; matching backtracks (regex.c).
 */
#ifndef GREP_REGEX_H
#define GREP_REGEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** One atom: the bytes it accepts and how often it may repeat. */
typedef struct regex_atom {
    uint8_t set[32]; /**< bit c set: byte c matches */
    char repeat;     /**< '1' once, '*', '+' or '?' */
} regex_atom_t;

/** A compiled pattern. */
typedef struct regex {
    regex_atom_t *atoms; /**< malloc()ed */
    size_t count;        /**< atoms */
    bool anchor_start;   /**< the pattern began with '^' */
    bool anchor_end;     /**< the pattern ended with '$' */
} regex_t;

/**
 * Compile @pattern into @re (ASCII letters of either case match each other if
 * @icase). @return NULL, or a message saying what is wrong ("unterminated [",
 * "nothing to repeat", "trailing \\", "out of memory"); @re is then empty.
 */
const char *regex_compile(regex_t *re, const char *pattern, bool icase);

/**
 * True if @re matches anywhere in @text[0, @len). Time: O(atoms * len^2) at worst
 * (failed (atom, position) pairs are remembered in atoms * len bits, malloc()ed).
 */
bool regex_match(const regex_t *re, const char *text, size_t len);

/** Free what regex_compile() allocated. */
void regex_free(regex_t *re);

#endif
