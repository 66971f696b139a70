/*
 * lex.c - the shell's lexer (shell.h): one pass over a line that removes quotes and
 * cuts words and operators. A variable reference is left in its word as LEX_VAR_START
 * name LEX_VAR_END and replaced by lex_expand() only when its command runs (so
 * `set X=1; echo $X` sees the new value); values are never split or re-scanned.
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
    bool quoted;  /* some part was quoted: keep the word even if it expands to nothing */
    bool started; /* a word is open */
} wordbuf_t;

/** The lexer's state over one line. */
typedef struct lexer {
    const char *p;
    tokens_t *out;
    char *err;
    size_t errlen;
} lexer_t;

static int fail(lexer_t *lx, const char *msg)
{
    snprintf(lx->err, lx->errlen, "%s", msg);
    return -1;
}

static int push(lexer_t *lx, tok_kind_t kind, const char *word, bool quoted)
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
    t->items[t->count++] = (token_t){kind, copy, quoted};
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
    int rc = push(lx, TOK_WORD, w->text, w->quoted);
    w->len = 0;
    w->quoted = w->started = false;
    return rc;
}

/* $NAME, ${NAME}, $?, $$, $! at lx->p (just after the '$'); a lone '$' stays. */
static int expand(lexer_t *lx, wordbuf_t *w)
{
    char name[64];
    size_t n = 0;
    const char *p = lx->p;
    if (*p == '?' || *p == '$' || *p == '!') {
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
    if (!strchr("?$!", name[0]) && !vars_name_ok(name))
        return fail(lx, "bad ${...} expansion");
    char ref[sizeof(name) + 2];
    int len = snprintf(ref, sizeof(ref), "%c%s%c", LEX_VAR_START, name, LEX_VAR_END);
    return put(lx, w, ref, (size_t)len);
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
            *rc = push(lx, ops[i].kind, NULL, false);
            return 1;
        }
    }
    return 0;
}

static int lex_step(lexer_t *lx, wordbuf_t *w)
{
    char c = *lx->p;
    int rc = 0;
    if (c == LEX_VAR_START || c == LEX_VAR_END)
        return fail(lx, "control character in the line");
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

int lex_line(const char *line, tokens_t *out, char *err, size_t errlen)
{
    static wordbuf_t w; /* big: kept off the stack */
    w.len = 0;
    w.quoted = w.started = false;
    lexer_t lx = {line, out, err, errlen};
    while (*lx.p) {
        if (lex_step(&lx, &w))
            return -1;
    }
    if (end_word(&lx, &w) || push(&lx, TOK_END, NULL, false))
        return -1;
    return 0;
}

char *lex_expand(const char *word, var_lookup_t lookup)
{
    size_t cap = strlen(word) + 1, len = 0;
    char *out = malloc(cap);
    for (const char *p = word; out && *p;) {
        const char *piece = p, *next;
        size_t n;
        if (*p == LEX_VAR_START) {
            const char *end = strchr(p, LEX_VAR_END);
            char name[64];
            snprintf(name, sizeof(name), "%.*s", (int)(end - p - 1), p + 1);
            piece = lookup(name);
            piece = piece ? piece : "";
            n = strlen(piece);
            next = end + 1;
        } else {
            n = strcspn(p, (char[]){LEX_VAR_START, 0});
            next = p + n;
        }
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            char *more = realloc(out, cap);
            if (!more)
                free(out);
            out = more;
        }
        if (out)
            memcpy(out + len, piece, n);
        len += n;
        p = next;
    }
    if (out)
        out[len] = '\0';
    return out;
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
