/*
 * shell_unit.c - suite `shell_unit`: the shell's pure parts as functions, built into
 * this test from their sources (programs/shell/): the lexer (tokens, quoting, variable
 * marks, comments, errors), lex_expand, the parser (pipelines, redirections, joins,
 * background, syntax errors), shell variables and the line editor's keys and history.
 * The whole shell as a program is tested by the suite `shell` (tests/user/shell.c).
 */
#include "../../programs/shell/edit.c"
#include "../../programs/shell/lex.c"
#include "../../programs/shell/parse.c"
#include "../../programs/shell/vars.c"
#include "utest.h"

static tokens_t toks;
static cmdlist_t list;
static char err[SHELL_ERR_MAX];

/* Lexes @line into toks (freed first); its result. */
static int lex(const char *line)
{
    lex_free(&toks);
    err[0] = '\0';
    return lex_line(line, &toks, err, sizeof(err));
}

/* Lexes and parses @line into list; 0 or -1 (err says why). */
static int parse(const char *line)
{
    parse_free(&list);
    if (lex(line))
        return -1;
    return parse_tokens(&toks, &list, err, sizeof(err));
}

UTEST(lex_operators_and_words)
{
    UTEST_ASSERT_EQ(lex("a|b||c&&d&e;f<g>h>>i"), 0);
    const tok_kind_t want[] = {TOK_WORD, TOK_PIPE, TOK_WORD, TOK_OR, TOK_WORD, TOK_AND, TOK_WORD, TOK_AMP,
                               TOK_WORD, TOK_SEMI, TOK_WORD, TOK_LT, TOK_WORD, TOK_GT, TOK_WORD, TOK_GTGT,
                               TOK_WORD, TOK_END};
    UTEST_ASSERT_EQ(toks.count, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < toks.count; i++)
        UTEST_ASSERT_EQ(toks.items[i].kind, want[i]);
    UTEST_ASSERT_STR_EQ(toks.items[16].word, "i");
}

UTEST(lex_quotes_escapes_and_variable_marks)
{
    UTEST_ASSERT_EQ(lex("x\"$A b\"'$B c' \\$C ${D}e \"\" \\;"), 0);
    UTEST_ASSERT_EQ(toks.count, 6);
    UTEST_ASSERT_STR_EQ(toks.items[0].word, "x\x01" "A\x02 b$B c");
    UTEST_ASSERT(toks.items[0].quoted);
    UTEST_ASSERT_STR_EQ(toks.items[1].word, "$C");
    UTEST_ASSERT_STR_EQ(toks.items[2].word, "\x01" "D\x02" "e");
    UTEST_ASSERT(!toks.items[2].quoted);
    UTEST_ASSERT_STR_EQ(toks.items[3].word, ""); /* "" is a word */
    UTEST_ASSERT(toks.items[3].quoted);
    UTEST_ASSERT_STR_EQ(toks.items[4].word, ";");
}

UTEST(lex_comments_and_specials)
{
    UTEST_ASSERT_EQ(lex("echo a#b # c | d"), 0);
    UTEST_ASSERT_EQ(toks.count, 3);
    UTEST_ASSERT_STR_EQ(toks.items[1].word, "a#b");
    UTEST_ASSERT_EQ(lex("$? $$ $! $ x$"), 0);
    UTEST_ASSERT_STR_EQ(toks.items[0].word, "\x01?\x02");
    UTEST_ASSERT_STR_EQ(toks.items[1].word, "\x01$\x02");
    UTEST_ASSERT_STR_EQ(toks.items[2].word, "\x01!\x02");
    UTEST_ASSERT_STR_EQ(toks.items[3].word, "$");
    UTEST_ASSERT_STR_EQ(toks.items[4].word, "x$");
}

UTEST(lex_errors)
{
    const char *bad[] = {"echo 'x", "echo \"x", "echo ${", "echo ${}", "echo ${a-b}", "a\x01"};
    const char *why[] = {"unterminated '", "unterminated \"", "bad ${...} expansion", "bad ${...} expansion",
                         "bad ${...} expansion", "control character in the line"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        UTEST_ASSERT_EQ(lex(bad[i]), -1);
        UTEST_ASSERT_STR_EQ(err, why[i]);
    }
}

static const char *lookup(const char *name)
{
    return strcmp(name, "A") == 0 ? "one two" : strcmp(name, "E") == 0 ? "" : NULL;
}

UTEST(expand_values_whole)
{
    char *s = lex_expand("<\x01" "A\x02|\x01" "E\x02|\x01" "U\x02>", lookup);
    UTEST_ASSERT(s != NULL);
    bool same = strcmp(s, "<one two||>") == 0;
    free(s);
    UTEST_ASSERT(same);
}

UTEST(parse_pipelines_redirections_and_joins)
{
    UTEST_ASSERT_EQ(parse("a x | b > f < g && c >> h &"), 0);
    UTEST_ASSERT_EQ(list.count, 2);
    pipeline_t *p = &list.items[0];
    UTEST_ASSERT_EQ(p->ncmds, 2);
    UTEST_ASSERT_EQ(p->join, JOIN_ALWAYS);
    UTEST_ASSERT(!p->background);
    UTEST_ASSERT_EQ(p->cmds[0].argc, 2);
    UTEST_ASSERT(p->cmds[0].argv[2] == NULL);
    UTEST_ASSERT_EQ(p->cmds[1].nredirs, 2);
    UTEST_ASSERT_EQ(p->cmds[1].redirs[0].kind, TOK_GT);
    UTEST_ASSERT_STR_EQ(p->cmds[1].redirs[1].path, "g");
    UTEST_ASSERT_STR_EQ(p->text, "a x | b");
    p = &list.items[1];
    UTEST_ASSERT_EQ(p->join, JOIN_AND);
    UTEST_ASSERT(p->background);
    UTEST_ASSERT_EQ(p->cmds[0].redirs[0].kind, TOK_GTGT);
    UTEST_ASSERT_EQ(parse("a || b; c ;"), 0);
    UTEST_ASSERT_EQ(list.count, 3);
    UTEST_ASSERT_EQ(list.items[1].join, JOIN_OR);
    UTEST_ASSERT_EQ(list.items[2].join, JOIN_ALWAYS);
    UTEST_ASSERT_EQ(parse(""), 0);
    UTEST_ASSERT_EQ(list.count, 0);
}

UTEST(parse_syntax_errors)
{
    const char *bad[] = {"| a", "a |", "a && || b", "a ;; b", "> f", "a > ", "a < |", "a &&", "& a"};
    const char *why[] = {"syntax error near '|'", "syntax error: unexpected end of line",
                         "syntax error near '||'", "syntax error near ';'", "syntax error: redirection without a command",
                         "syntax error: unexpected end of line", "syntax error near '|'",
                         "syntax error: unexpected end of line", "syntax error near '&'"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        UTEST_ASSERT_EQ(parse(bad[i]), -1);
        UTEST_ASSERT_STR_EQ(err, why[i]);
        UTEST_ASSERT_EQ(list.count, 0);
    }
}

UTEST(variables)
{
    UTEST_ASSERT_EQ(vars_init(), 0);
    UTEST_ASSERT_STR_EQ(vars_get("PATH"), "home:/bin");
    UTEST_ASSERT_EQ(vars_set("B", "2"), 0);
    UTEST_ASSERT_EQ(vars_set("A", "1"), 0);
    UTEST_ASSERT_EQ(vars_set("A", "3"), 0);
    UTEST_ASSERT_STR_EQ(vars_get("A"), "3");
    UTEST_ASSERT(vars_get("AB") == NULL);
    vars_unset("A");
    UTEST_ASSERT(vars_get("A") == NULL);
    UTEST_ASSERT_STR_EQ(vars_get("B"), "2");
    UTEST_ASSERT_EQ(vars_set("1x", "v"), -1);
    UTEST_ASSERT_EQ(vars_set("a-b", "v"), -1);
    UTEST_ASSERT_EQ(vars_set("", "v"), -1);
    UTEST_ASSERT(vars_name_ok("_x9"));
    vars_set_status("pagefault");
    UTEST_ASSERT_STR_EQ(vars_get("?"), "pagefault");
    vars_set_background(42);
    UTEST_ASSERT_STR_EQ(vars_get("!"), "42");
}

static edit_t ed;

/* Types @keys into the editor; the last result. */
static edit_result_t keys(const char *k)
{
    edit_result_t r = EDIT_MORE;
    for (; *k; k++)
        r = edit_key(&ed, (unsigned char)*k);
    return r;
}

UTEST(editor_keys)
{
    edit_start(&ed);
    UTEST_ASSERT_EQ(keys("helo"), EDIT_MORE);
    UTEST_ASSERT_EQ(keys("\x1b[D" "l\x1b[C!"), EDIT_MORE); /* left, insert, right */
    UTEST_ASSERT_STR_EQ(ed.buf, "hello!");
    keys("\x01" ">\x05<");                                   /* ^A ^E */
    UTEST_ASSERT_STR_EQ(ed.buf, ">hello!<");
    keys("\x1b[H\x1b[3~\x1bOF\x7f");                          /* home, delete, end, backspace */
    UTEST_ASSERT_STR_EQ(ed.buf, "hello!");
    keys("\x02\x02\x0b");                                    /* ^B ^B ^K */
    UTEST_ASSERT_STR_EQ(ed.buf, "hell");
    keys(" one  two\x17\x17\x7f");                          /* ^W ^W, backspace */
    UTEST_ASSERT_STR_EQ(ed.buf, "hell");
    keys("\x02\x15");                                        /* ^B ^U */
    UTEST_ASSERT_STR_EQ(ed.buf, "l");
    UTEST_ASSERT_EQ(ed.cur, 0);
    keys("\x04");                                            /* ^D on a non-empty line deletes */
    UTEST_ASSERT_STR_EQ(ed.buf, "");
    UTEST_ASSERT_EQ(keys("\x04"), EDIT_EOF);
    UTEST_ASSERT_EQ(keys("x\x03"), EDIT_CANCEL);
    edit_start(&ed);
    UTEST_ASSERT_EQ(keys("a\tb\r"), EDIT_DONE);
    UTEST_ASSERT_STR_EQ(ed.buf, "a b");
}

UTEST(editor_history)
{
    edit_t *e = &ed;
    edit_history_add(e, "one");
    edit_history_add(e, "two");
    edit_history_add(e, "two"); /* a repeat is kept once */
    edit_history_add(e, "");
    UTEST_ASSERT_EQ(e->nhist, 2);
    edit_start(e);
    keys("new");
    keys("\x1b[A");
    UTEST_ASSERT_STR_EQ(e->buf, "two");
    keys("\x1b[A\x1b[A"); /* the oldest stays */
    UTEST_ASSERT_STR_EQ(e->buf, "one");
    keys("\x1b[B\x1b[B");
    UTEST_ASSERT_STR_EQ(e->buf, "new"); /* the line being typed comes back */
    for (int i = 0; i < EDIT_HISTORY + 10; i++) {
        char line[16];
        snprintf(line, sizeof(line), "l%d", i);
        edit_history_add(e, line);
    }
    UTEST_ASSERT_EQ(e->nhist, EDIT_HISTORY);
    UTEST_ASSERT_STR_EQ(e->hist[0], "l10");
}

int main(void)
{
    UTEST_BEGIN("shell_unit");
    UTEST_RUN(lex_operators_and_words);
    UTEST_RUN(lex_quotes_escapes_and_variable_marks);
    UTEST_RUN(lex_comments_and_specials);
    UTEST_RUN(lex_errors);
    UTEST_RUN(expand_values_whole);
    UTEST_RUN(parse_pipelines_redirections_and_joins);
    UTEST_RUN(parse_syntax_errors);
    UTEST_RUN(variables);
    UTEST_RUN(editor_keys);
    UTEST_RUN(editor_history);
    lex_free(&toks);
    parse_free(&list);
    return UTEST_END();
}
