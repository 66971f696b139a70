/*
 * regex.c - compiling and matching the patterns of regex.h. Compiling turns each atom
 * into a byte set; matching tries each start position and backtracks over the
 * repetition counts of `*`, `+` and `?`, longest first, remembering which (atom,
 * position) pairs failed so no pair is tried twice.
 */
#include "regex.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void set_add(uint8_t *set, unsigned c, bool icase)
{
    set[c / 8] |= (uint8_t)(1u << (c % 8));
    if (icase && isalpha((int)c)) {
        unsigned other = islower((int)c) ? (unsigned)toupper((int)c) : (unsigned)tolower((int)c);
        set[other / 8] |= (uint8_t)(1u << (other % 8));
    }
}

static bool set_has(const uint8_t *set, unsigned char c)
{
    return set[c / 8] & (1u << (c % 8));
}

/* Parses the class at @p (just after '['): fills @set, returns the byte after ']'. */
static const char *parse_class(const char *p, uint8_t *set, bool icase, const char **error)
{
    bool negate = *p == '^';
    p += negate;
    bool first = true;
    for (; *p != ']' || first; first = false) {
        if (*p == '\0' || (*p == '\\' && p[1] == '\0')) {
            *error = "unterminated [";
            return NULL;
        }
        if (*p == '\\')
            p++;
        unsigned lo = (unsigned char)*p++, hi = lo;
        if (p[0] == '-' && p[1] != ']' && p[1] != '\0') {
            p += 1 + (p[1] == '\\' && p[2] != '\0');
            hi = (unsigned char)*p++;
        }
        for (unsigned c = lo; c <= hi; c++)
            set_add(set, c, icase);
    }
    if (negate)
        for (int i = 0; i < 32; i++)
            set[i] = (uint8_t)~set[i];
    return p + 1;
}

/* Parses one atom at @p into @a; returns the byte after it (and its repeat mark). */
static const char *parse_atom(const char *p, regex_atom_t *a, bool icase, const char **error)
{
    memset(a, 0, sizeof(*a));
    a->repeat = '1';
    if (*p == '*' || *p == '+' || *p == '?') {
        *error = "nothing to repeat";
        return NULL;
    }
    if (*p == '.') {
        memset(a->set, 0xff, sizeof(a->set));
        p++;
    } else if (*p == '[') {
        if ((p = parse_class(p + 1, a->set, icase, error)) == NULL)
            return NULL;
    } else {
        if (*p == '\\' && *++p == '\0') {
            *error = "trailing \\";
            return NULL;
        }
        set_add(a->set, (unsigned char)*p++, icase);
    }
    if (*p == '*' || *p == '+' || *p == '?')
        a->repeat = *p++;
    return p;
}

const char *regex_compile(regex_t *re, const char *pattern, bool icase)
{
    const char *error = NULL;
    size_t len = strlen(pattern);
    *re = (regex_t){ .anchor_start = pattern[0] == '^' };
    const char *p = pattern + re->anchor_start;
    /* '$' anchors only as the last byte, and not when escaped ("\$") */
    const char *end = pattern + len;
    if (end > p && end[-1] == '$' && (end - 1 == p || end[-2] != '\\')) {
        re->anchor_end = true;
        end--;
    }
    re->atoms = malloc((len + 1) * sizeof(regex_atom_t));
    if (re->atoms == NULL)
        return "out of memory";
    while (p < end) {
        p = parse_atom(p, &re->atoms[re->count], icase, &error);
        if (p == NULL || p > end) { /* p > end: a class or escape swallowed the '$' */
            regex_free(re);
            return error ? error : "unterminated [";
        }
        re->count++;
    }
    return NULL;
}

/* One match attempt over a text: the pattern, the text's end, and the memo of
 * (atom, position) pairs already known to fail, one bit each, so backtracking over
 * several repetitions stays polynomial (each pair is tried once). */
typedef struct matcher {
    const regex_t *re;
    const char *text, *end;
    uint8_t *failed; /* (re->count + 1) * (len + 1) bits, or NULL: no memo */
} matcher_t;

static bool memo_test_and_set(matcher_t *m, size_t a, const char *t)
{
    if (m->failed == NULL)
        return false;
    size_t bit = a * (size_t)(m->end - m->text + 1) + (size_t)(t - m->text);
    bool seen = m->failed[bit / 8] & (1u << (bit % 8));
    m->failed[bit / 8] |= (uint8_t)(1u << (bit % 8));
    return seen;
}

/* Does the pattern from atom @a on match at @t? */
static bool match_here(matcher_t *m, size_t a, const char *t)
{
    const regex_t *re = m->re;
    if (a == re->count)
        return !re->anchor_end || t == m->end;
    if (memo_test_and_set(m, a, t))
        return false; /* tried before, and it failed (a success ends the search) */
    const regex_atom_t *atom = &re->atoms[a];
    if (atom->repeat == '1')
        return t < m->end && set_has(atom->set, (unsigned char)*t) && match_here(m, a + 1, t + 1);
    size_t max = 0;
    while (t + max < m->end && set_has(atom->set, (unsigned char)t[max]) && (atom->repeat != '?' || max < 1))
        max++;
    size_t min = atom->repeat == '+' ? 1 : 0;
    for (size_t k = max + 1; k-- > min;)
        if (match_here(m, a + 1, t + k))
            return true;
    return false;
}

bool regex_match(const regex_t *re, const char *text, size_t len)
{
    size_t bits = (re->count + 1) * (len + 1);
    matcher_t m = { re, text, text + len, calloc(bits / 8 + 1, 1) }; /* NULL: slower, same answer */
    bool found = false;
    if (re->anchor_start)
        found = match_here(&m, 0, text);
    for (const char *t = text; !re->anchor_start && !found && t <= m.end; t++)
        found = match_here(&m, 0, t);
    free(m.failed);
    return found;
}

void regex_free(regex_t *re)
{
    free(re->atoms);
    *re = (regex_t){ 0 };
}
