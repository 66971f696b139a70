/*
 * parse.c - the shell's parser (shell.h): tokens to a list of pipelines. Recursive
 * descent over the token array; commands borrow their words from the tokens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "shell.h"

/** The parser's state. */
typedef struct parser {
    const token_t *t;
    size_t pos;
    char *err;
    size_t errlen;
} parser_t;

static tok_kind_t peek(const parser_t *p)
{
    return p->t[p->pos].kind;
}

static int syntax_error(parser_t *p)
{
    tok_kind_t k = peek(p);
    if (k == TOK_END)
        snprintf(p->err, p->errlen, "syntax error: unexpected end of line");
    else
        snprintf(p->err, p->errlen, "syntax error near '%s'", lex_kind_name(k));
    return -1;
}

static int nomem(parser_t *p)
{
    snprintf(p->err, p->errlen, "out of memory");
    return -1;
}

/* Grows an array of @size-byte items to hold one more; false without memory. */
static bool grow(void **items, int count, size_t size)
{
    if (count & (count - 1) && count) /* capacity = next power of two */
        return true;
    void *more = realloc(*items, (size_t)(count ? count * 2 : 1) * size);
    if (!more)
        return false;
    *items = more;
    return true;
}

static int parse_command(parser_t *p, command_t *c)
{
    memset(c, 0, sizeof(*c));
    for (;;) {
        tok_kind_t k = peek(p);
        if (k == TOK_WORD) {
            if (!grow((void **)&c->argv, c->argc + 1, sizeof(char *)) || /* room for the NULL too */
                !grow((void **)&c->quoted, c->argc, sizeof(bool)))
                return nomem(p);
            c->quoted[c->argc] = p->t[p->pos].quoted;
            c->argv[c->argc++] = p->t[p->pos++].word;
        } else if (k == TOK_LT || k == TOK_GT || k == TOK_GTGT) {
            p->pos++;
            if (peek(p) != TOK_WORD)
                return syntax_error(p);
            if (!grow((void **)&c->redirs, c->nredirs, sizeof(redir_t)))
                return nomem(p);
            c->redirs[c->nredirs++] = (redir_t){k, p->t[p->pos++].word};
        } else {
            break;
        }
    }
    if (c->argc == 0 && c->nredirs) {
        snprintf(p->err, p->errlen, "syntax error: redirection without a command");
        return -1;
    }
    if (c->argc == 0)
        return syntax_error(p);
    c->argv[c->argc] = NULL;
    return 0;
}

static void command_free(command_t *c)
{
    free(c->argv);
    free(c->quoted);
    free(c->redirs);
}

/* The words of the pipeline, for job listings (variables shown as ${NAME}). */
static char *pipeline_text(const pipeline_t *pl)
{
    size_t len = 1;
    for (int i = 0; i < pl->ncmds; i++)
        for (int j = 0; j < pl->cmds[i].argc; j++)
            len += strlen(pl->cmds[i].argv[j]) + 3;
    char *s = malloc(len * 2);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = 0; i < pl->ncmds; i++) {
        if (i)
            strcat(s, " | ");
        for (int j = 0; j < pl->cmds[i].argc; j++) {
            if (j)
                strcat(s, " ");
            for (const char *w = pl->cmds[i].argv[j]; *w; w++)
                strcat(s, *w == LEX_VAR_START ? "${" : *w == LEX_VAR_END ? "}" : (char[]){*w, 0});
        }
    }
    return s;
}

static int parse_pipeline(parser_t *p, pipeline_t *pl)
{
    for (;;) {
        if (!grow((void **)&pl->cmds, pl->ncmds, sizeof(command_t)))
            return nomem(p);
        if (parse_command(p, &pl->cmds[pl->ncmds++]))
            return -1;
        if (peek(p) != TOK_PIPE)
            break;
        p->pos++;
    }
    pl->text = pipeline_text(pl);
    return pl->text ? 0 : nomem(p);
}

int parse_tokens(const tokens_t *toks, cmdlist_t *out, char *err, size_t errlen)
{
    parser_t p = {toks->items, 0, err, errlen};
    memset(out, 0, sizeof(*out));
    join_t join = JOIN_ALWAYS;
    while (peek(&p) != TOK_END) {
        if (!grow((void **)&out->items, out->count, sizeof(pipeline_t)))
            return nomem(&p), parse_free(out), -1;
        pipeline_t *pl = &out->items[out->count++];
        memset(pl, 0, sizeof(*pl));
        pl->join = join;
        if (parse_pipeline(&p, pl))
            return parse_free(out), -1;
        tok_kind_t k = peek(&p);
        if (k == TOK_END)
            break;
        if (k != TOK_SEMI && k != TOK_AMP && k != TOK_AND && k != TOK_OR)
            return syntax_error(&p), parse_free(out), -1;
        p.pos++;
        pl->background = k == TOK_AMP;
        join = k == TOK_AND ? JOIN_AND : k == TOK_OR ? JOIN_OR : JOIN_ALWAYS;
        if (join != JOIN_ALWAYS && peek(&p) == TOK_END)
            return syntax_error(&p), parse_free(out), -1;
    }
    return 0;
}

void parse_free(cmdlist_t *l)
{
    for (int i = 0; i < l->count; i++) {
        for (int j = 0; j < l->items[i].ncmds; j++)
            command_free(&l->items[i].cmds[j]);
        free(l->items[i].cmds);
        free(l->items[i].text);
    }
    free(l->items);
    l->items = NULL;
    l->count = 0;
}
