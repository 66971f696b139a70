/*
 * lex.c - the shell's lexer (shell.h): one pass over a line that removes quotes,
 * expands variables and cuts words and operators. A word grows in a buffer; an
 * expansion is copied into it whole, so values are never split or re-scanned.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "shell.h"

/** A word being built. */
typedef struct wordbuf {
    char text[SHELL_LINE_MAX + 1];
    size_t len;
    bool quoted;  /* some part was quoted: keep the word even if empty */
    bool started; /* a word is open */
} wordbuf_t;

/** The lexer's state over one line. */
typedef struct lexer {
    const char *p;
    var_lookup_t lookup;
    tokens_t *out;
    char *err;
    size_t errlen;
} lexer_t;

static int fail(lexer_t *lx, const char *msg)
{
    snprintf(lx->err, lx->errlen, "%s", msg);
    return -1;
}

static int push(lexer_t *lx, tok_kind_t kind, const char *word)
{
    tokens_t *t = lx->out;
    if (t->count == t->capacity) {
        size_t cap = t->capacity ? t->capacity * 2 : 16;
        token_t *items = realloc(t->items, cap * sizeof(*items));
        if (!items)
            return fail(lx, "out of memory");
        t->items = items;
        t->capacity = cap;
    }
    char *copy = word ? strdup(word) : NULL;
    if (word && !copy)
        return fail(lx, "out of memory");
    t->items[t->count++] = (token_t){kind, copy};
    return 0;
}

static int put(lexer_t *lx, wordbuf_t *w, const char *s, size_t n)
{
    if (w->len + n > SHELL_LINE_MAX)
        return fail(lx, "word too long");
    memcpy(w->text + w->len, s, n);
    w->len += n;
    w->started = true;
    return 0;
}

static int end_word(lexer_t *lx, wordbuf_t *w)
{
    if (!w->started)
        return 0;
    w->text[w->len] = '\0';
    int rc = (w->len || w->quoted) ? push(lx, TOK_WORD, w->text) : 0;
    w->len = 0;
    w->quoted = w->started = false;
    return rc;
}

/* $NAME, ${NAME}, $?, $$ at lx->p (just after the '$'); a lone '$' stays. */
static int expand(lexer_t *lx, wordbuf_t *w)
{
    char name[64];
    size_t n = 0;
    const char *p = lx->p;
    if (*p == '?' || *p == '$') {
        name[n++] = *p++;
    } else if (*p == '{') {
        const char *close = strchr(p, '}');
        if (!close || close == p + 1 || (size_t)(close - p - 1) >= sizeof(name))
            return fail(lx, "bad ${...} expansion");
        n = (size_t)(close - p - 1);
        memcpy(name, p + 1, n);
        p = close + 1;
    } else {
        while ((isalnum((unsigned char)*p) || *p == '_') && n + 1 < sizeof(name))
            name[n++] = *p++;
    }
    name[n] = '\0';
    lx->p = p;
    if (n == 0)
        return put(lx, w, "$", 1);
    if (name[0] != '?' && name[0] != '$' && !vars_name_ok(name))
        return fail(lx, "bad ${...} expansion");
    const char *v = lx->lookup(name);
    w->started = true;
    return v ? put(lx, w, v, strlen(v)) : 0;
}

static int single_quoted(lexer_t *lx, wordbuf_t *w)
{
    const char *close = strchr(lx->p, '\'');
    if (!close)
        return fail(lx, "unterminated '");
    w->quoted = true;
    int rc = put(lx, w, lx->p, (size_t)(close - lx->p));
    lx->p = close + 1;
    return rc;
}

/* The character a backslash escape inside "..." stands for, or 0 to keep both. */
static char dq_escape(char c)
{
    switch (c) {
    case '"': case '\\': case '$': case '`': return c;
    case 'n': return '\n';
    case 't': return '\t';
    default: return 0;
    }
}

static int double_quoted(lexer_t *lx, wordbuf_t *w)
{
    w->quoted = true;
    w->started = true;
    for (;;) {
        char c = *lx->p++;
        int rc = 0;
        if (c == '\0')
            return fail(lx, "unterminated \"");
        if (c == '"')
            return 0;
        if (c == '$') {
            rc = expand(lx, w);
        } else if (c == '\\' && *lx->p && dq_escape(*lx->p)) {
            char e = dq_escape(*lx->p++);
            rc = put(lx, w, &e, 1);
        } else {
            rc = put(lx, w, &c, 1);
        }
        if (rc)
            return rc;
    }
}

/* An operator at lx->p: pushes it and returns 1, or 0 if there is none. */
static int operator(lexer_t *lx, int *rc)
{
    static const struct { const char *text; tok_kind_t kind; } ops[] = {
        {"&&", TOK_AND}, {"||", TOK_OR}, {">>", TOK_GTGT}, {"|", TOK_PIPE},
        {"&", TOK_AMP}, {";", TOK_SEMI}, {"<", TOK_LT}, {">", TOK_GT},
    };
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        size_t n = strlen(ops[i].text);
        if (strncmp(lx->p, ops[i].text, n) == 0) {
            lx->p += n;
            *rc = push(lx, ops[i].kind, NULL);
            return 1;
        }
    }
    return 0;
}

static int lex_step(lexer_t *lx, wordbuf_t *w)
{
    char c = *lx->p;
    int rc = 0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        lx->p++;
        return end_word(lx, w);
    }
    if (c == '#' && !w->started) {
        lx->p += strlen(lx->p);
        return 0;
    }
    if (strchr("|&;<>", c)) {
        if ((rc = end_word(lx, w)))
            return rc;
        operator(lx, &rc);
        return rc;
    }
    lx->p++;
    if (c == '\'')
        return single_quoted(lx, w);
    if (c == '"')
        return double_quoted(lx, w);
    if (c == '$')
        return expand(lx, w);
    if (c == '\\' && *lx->p) {
        w->quoted = true;
        return put(lx, w, lx->p++, 1);
    }
    return put(lx, w, &c, 1);
}

int lex_line(const char *line, var_lookup_t lookup, tokens_t *out, char *err, size_t errlen)
{
    static wordbuf_t w; /* big: kept off the stack */
    w.len = 0;
    w.quoted = w.started = false;
    lexer_t lx = {line, lookup, out, err, errlen};
    while (*lx.p) {
        if (lex_step(&lx, &w))
            return -1;
    }
    if (end_word(&lx, &w) || push(&lx, TOK_END, NULL))
        return -1;
    return 0;
}

void lex_free(tokens_t *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->items[i].word);
    free(t->items);
    t->items = NULL;
    t->count = t->capacity = 0;
}

const char *lex_kind_name(tok_kind_t kind)
{
    static const char *names[] = {"word", "|", "||", "&&", "&", ";", "<", ">", ">>", "end of line"};
    return names[kind];
}
