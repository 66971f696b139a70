/*
 * utils.c - the user-space suite `utils`: the shell utilities of programs/ (cat, ls,
 * grep, ps, top, ...) run as they would be from a shell. Each case spawns
 * home:/bin/<name> with its standard input read from a file and its standard output
 * and error written to files, waits for it, and checks the bytes it printed and its
 * exit status: the normal output, the options, and every error path (a missing file,
 * a bad option or argument: one line on stderr naming the culprit, status "1" or
 * "2"). `--help` is checked for every program. Pipelines (`yes | head`) use a real
 * pipe. Scratch files live under home:/usr/ut-*. Run by init in test mode; the
 * harness is tests/user/utest.h. libutil's time formatting is checked directly.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "util.h"
#include "utest.h"

#define IO_DIR "home:/usr/ut-io"
#define IN IO_DIR "/in"
#define OUT IO_DIR "/out"
#define ERRF IO_DIR "/err"
#define D "home:/usr/ut" /* the scratch tree each case starts afresh */

/* What the last run left: the exit status, standard output and standard error. */
static struct {
    char status[MAX_STATUS];
    char out[32768];
    char err[2048];
} R;

/* ---------------------------------------------------------------- helpers */

/* Writes @text to a fresh file @path. */
static bool put(const char *path, const char *text)
{
    fd_t fd = openf("%s?create&truncate", path);
    if (fd == ERR)
        return false;
    size_t n = strlen(text);
    bool ok = write(fd, text, n) == (int64_t)n;
    close(fd);
    return ok;
}

/* Starts home:/bin/@args[0] with @args and the descriptors @fds; its pid, or ERR. */
static pid_t start(const char **args, const spawn_fd_t *fds)
{
    char path[64];
    const char *argv[MAX_ARGS];
    int n = 0;
    snprintf(path, sizeof(path), "home:/bin/%s", args[0]);
    argv[n++] = path;
    while (args[n] != NULL && n < MAX_ARGS - 1) {
        argv[n] = args[n];
        n++;
    }
    argv[n] = NULL;
    return spawn(argv, fds, NULL, NULL);
}

/* Runs @args with @input (NULL: empty) as its standard input; the results in R. */
static bool run_v(const char *input, const char **args)
{
    memset(&R, 0, sizeof(R));
    if (!put(IN, input ? input : ""))
        return false;
    fd_t in = open(IN), out = open(OUT "?create&truncate"), err = open(ERRF "?create&truncate");
    bool ok = in != ERR && out != ERR && err != ERR;
    spawn_fd_t fds[] = { { 0, in }, { 1, out }, { 2, err }, { SPAWN_FD_END, 0 } };
    pid_t pid = ok ? start(args, fds) : ERR;
    close(in);
    close(out);
    close(err);
    ok = pid != ERR && utest_wait(pid, R.status, sizeof(R.status)) >= 0;
    return ok && utest_slurp(OUT, R.out, sizeof(R.out)) >= 0 && utest_slurp(ERRF, R.err, sizeof(R.err)) >= 0;
}

/* RUN(input, "prog", "arg", ...): run_v() with a NULL-terminated list. */
#define RUN(input, ...) run_v((input), (const char *[]){ __VA_ARGS__, NULL })

/* Asserts the last run ended with @want_status and printed @want_out and @want_err. */
#define EXPECT(want_status, want_out, want_err)                                        \
    do {                                                                               \
        UTEST_ASSERT_STR_EQ(R.status, want_status);                                    \
        UTEST_ASSERT_STR_EQ(R.out, want_out);                                          \
        UTEST_ASSERT_STR_EQ(R.err, want_err);                                          \
    } while (0)

/* Removes @path and everything under it (our own walk, not rm's). */
static void wipe(const char *path)
{
    stat_t st;
    if (stat(path, &st) == ERR)
        return;
    if (st.type == STAT_DIR) {
        size_t n;
        dirent_t *e = util_dir_read(path, &n);
        for (size_t i = 0; e != NULL && i < n; i++) {
            char *child = util_path_join(path, e[i].name);
            if (child != NULL)
                wipe(child);
            free(child);
        }
        free(e);
    }
    remove(path);
}

/* A fresh, empty scratch directory D. */
static bool fresh(void)
{
    wipe(D);
    return mkdir(D) == 0;
}

static bool exists(const char *path)
{
    stat_t st;
    return stat(path, &st) == 0;
}

/* The programs this suite covers, for the --help and bad-option cases. */
static const char *const programs[] = {
    "cat", "echo", "ls", "mkdir", "rm", "touch", "cp", "mv", "grep", "wc", "head", "tail",
    "ps", "kill", "top", "sleep", "uptime", "date", "clear", "hexdump", "dmesg", "true",
    "false", "seq", "yes", "tee", "stat", "sort", "uniq", "env",
};
#define NPROGRAMS (sizeof(programs) / sizeof(programs[0]))

/* ---------------------------------------------------------------- every program */

UTEST(help_every_program)
{
    char want[64];
    for (size_t i = 0; i < NPROGRAMS; i++) {
        UTEST_ASSERT(RUN(NULL, programs[i], "--help"));
        snprintf(want, sizeof(want), "usage: %s", programs[i]);
        if (strcmp(R.status, "0") != 0 || strncmp(R.out, want, strlen(want)) != 0 || R.err[0] != '\0') {
            UTEST_FAIL("%s --help: status %s, out \"%.40s\", err \"%.60s\"", programs[i], R.status, R.out,
                       R.err);
            return;
        }
    }
}

/* Every program in home:/bin, not only the utilities, answers --help with its usage
 * (Lua, third-party and unmodified, prints it on stderr after naming the option). */
UTEST(help_everything_in_bin)
{
    size_t n;
    dirent_t *e = util_dir_read("home:/bin", &n);
    UTEST_ASSERT(e != NULL && n > NPROGRAMS);
    char want[80];
    for (size_t i = 0; i < n; i++) {
        if (e[i].type == STAT_DIR)
            continue;
        const char *name = e[i].name;
        bool ok = RUN(NULL, name, "--help");
        snprintf(want, sizeof(want), "usage: %s", name);
        if (ok && strcmp(name, "lua") == 0)
            ok = strstr(R.err, "usage: ") != NULL;
        else if (ok)
            ok = strcmp(R.status, "0") == 0 && strncmp(R.out, want, strlen(want)) == 0;
        if (!ok) {
            UTEST_FAIL("%s --help: status %s, out \"%.40s\", err \"%.60s\"", name, R.status, R.out, R.err);
            break;
        }
    }
    free(e);
}

UTEST(bad_option_every_program)
{
    char want[64];
    /* echo prints -Z, seq reads it as a number, true/false/yes take no options */
    static const char *const skip[] = { "echo", "seq", "true", "false", "yes" };
    for (size_t i = 0; i < NPROGRAMS; i++) {
        bool skipped = false;
        for (size_t k = 0; k < sizeof(skip) / sizeof(skip[0]); k++)
            skipped |= strcmp(programs[i], skip[k]) == 0;
        if (skipped)
            continue;
        UTEST_ASSERT(RUN(NULL, programs[i], "-Z", "x"));
        snprintf(want, sizeof(want), "%s: -Z: unknown option\n", programs[i]);
        if (strcmp(R.status, "2") != 0 || strcmp(R.err, want) != 0 || R.out[0] != '\0') {
            UTEST_FAIL("%s -Z: status %s, err \"%.60s\"", programs[i], R.status, R.err);
            return;
        }
    }
    UTEST_ASSERT(RUN(NULL, "ls", "--bogus"));
    EXPECT("2", "", "ls: --bogus: unknown option\n");
}

UTEST(missing_option_argument)
{
    UTEST_ASSERT(RUN(NULL, "head", "-n"));
    EXPECT("2", "", "head: -n: missing argument\n");
    UTEST_ASSERT(RUN(NULL, "tail", "-n", "ten"));
    EXPECT("2", "", "tail: -n: ten: not a number\n");
}

/* ---------------------------------------------------------------- cat, echo */

UTEST(cat_files_and_stdin)
{
    UTEST_ASSERT(fresh() && put(D "/a", "alpha\n") && put(D "/b", "beta"));
    UTEST_ASSERT(RUN(NULL, "cat", D "/a", D "/b"));
    EXPECT("0", "alpha\nbeta", "");
    UTEST_ASSERT(RUN("from stdin\n", "cat"));
    EXPECT("0", "from stdin\n", "");
    UTEST_ASSERT(RUN("-middle-", "cat", D "/a", "-", D "/b"));
    EXPECT("0", "alpha\n-middle-beta", "");
}

UTEST(cat_missing_file)
{
    UTEST_ASSERT(fresh() && put(D "/a", "A"));
    UTEST_ASSERT(RUN(NULL, "cat", "home:/nope"));
    EXPECT("1", "", "cat: home:/nope: no such file or directory\n");
    /* the others are still copied */
    UTEST_ASSERT(RUN(NULL, "cat", D "/a", D "/missing", D "/a"));
    EXPECT("1", "AA", "cat: " D "/missing: no such file or directory\n");
    UTEST_ASSERT(RUN(NULL, "cat", D));
    EXPECT("1", "", "cat: " D ": is a directory\n");
}

UTEST(cat_large_file)
{
    static char big[20001];
    for (int i = 0; i < 20000; i++)
        big[i] = (char)('a' + i % 26);
    big[20000] = '\0';
    UTEST_ASSERT(fresh() && put(D "/big", big));
    UTEST_ASSERT(RUN(NULL, "cat", D "/big"));
    UTEST_ASSERT_STR_EQ(R.status, "0");
    UTEST_ASSERT_EQ(strlen(R.out), 20000);
    UTEST_ASSERT(memcmp(R.out, big, 20000) == 0);
}

UTEST(echo_arguments)
{
    UTEST_ASSERT(RUN(NULL, "echo", "hello", "big", "world"));
    EXPECT("0", "hello big world\n", "");
    UTEST_ASSERT(RUN(NULL, "echo", "-n", "no newline"));
    EXPECT("0", "no newline", "");
    UTEST_ASSERT(RUN(NULL, "echo"));
    EXPECT("0", "\n", "");
    UTEST_ASSERT(RUN(NULL, "echo", "-x", "a--help"));
    EXPECT("0", "-x a--help\n", "");
}

/* ---------------------------------------------------------------- ls */

/* D with files a (3 bytes), b (0), .hidden and a directory sub holding one file. */
static bool ls_tree(void)
{
    return fresh() && put(D "/b", "") && put(D "/a", "abc") && put(D "/.hidden", "h") &&
           mkdir(D "/sub") == 0 && put(D "/sub/x", "xx");
}

UTEST(ls_names_sorted)
{
    UTEST_ASSERT(ls_tree());
    UTEST_ASSERT(RUN(NULL, "ls", D));
    EXPECT("0", "a\nb\nsub\n", "");
    UTEST_ASSERT(RUN(NULL, "ls", "-a", D));
    EXPECT("0", ".hidden\na\nb\nsub\n", "");
}

UTEST(ls_long)
{
    UTEST_ASSERT(ls_tree());
    UTEST_ASSERT(RUN(NULL, "ls", "-l", D));
    EXPECT("0",
           "f          3 a\n"
           "f          0 b\n"
           "d          1 sub\n",
           "");
    UTEST_ASSERT(RUN(NULL, "ls", "-la", D "/sub/x"));
    EXPECT("0", "f          2 " D "/sub/x\n", "");
    UTEST_ASSERT(RUN(NULL, "ls", "-l", "sys:/null"));
    EXPECT("0", "c          0 sys:/null\n", "");
}

UTEST(ls_several_and_missing)
{
    UTEST_ASSERT(ls_tree());
    UTEST_ASSERT(RUN(NULL, "ls", D "/sub", D "/a", D "/nope"));
    EXPECT("1", D "/sub:\nx\n" D "/a\n", "ls: " D "/nope: no such file or directory\n");
}

/* ---------------------------------------------------------------- mkdir, rm, touch */

UTEST(mkdir_plain_and_errors)
{
    stat_t st;
    UTEST_ASSERT(fresh());
    UTEST_ASSERT(RUN(NULL, "mkdir", D "/one", D "/two"));
    EXPECT("0", "", "");
    UTEST_ASSERT(stat(D "/two", &st) == 0 && st.type == STAT_DIR);
    UTEST_ASSERT(RUN(NULL, "mkdir", D "/one"));
    EXPECT("1", "", "mkdir: " D "/one: file exists\n");
    UTEST_ASSERT(RUN(NULL, "mkdir", D "/no/such"));
    EXPECT("1", "", "mkdir: " D "/no/such: no such file or directory\n");
    UTEST_ASSERT(RUN(NULL, "mkdir"));
    EXPECT("2", "", "mkdir: missing directory name\n");
}

UTEST(mkdir_parents)
{
    stat_t st;
    UTEST_ASSERT(fresh());
    UTEST_ASSERT(RUN(NULL, "mkdir", "-p", D "/p/q/r"));
    EXPECT("0", "", "");
    UTEST_ASSERT(stat(D "/p/q/r", &st) == 0 && st.type == STAT_DIR);
    UTEST_ASSERT(RUN(NULL, "mkdir", "-p", D "/p/q/r", D "/p/q2"));
    EXPECT("0", "", "");
    UTEST_ASSERT(exists(D "/p/q2"));
    /* a file in the way */
    UTEST_ASSERT(put(D "/f", "x"));
    UTEST_ASSERT(RUN(NULL, "mkdir", "-p", D "/f/g"));
    EXPECT("1", "", "mkdir: " D "/f: file exists\n");
}

UTEST(rm_files_and_force)
{
    UTEST_ASSERT(fresh() && put(D "/a", "1") && put(D "/b", "2"));
    UTEST_ASSERT(RUN(NULL, "rm", D "/a", D "/b"));
    EXPECT("0", "", "");
    UTEST_ASSERT(!exists(D "/a") && !exists(D "/b"));
    UTEST_ASSERT(RUN(NULL, "rm", D "/a"));
    EXPECT("1", "", "rm: " D "/a: no such file or directory\n");
    UTEST_ASSERT(RUN(NULL, "rm", "-f", D "/a"));
    EXPECT("0", "", "");
    UTEST_ASSERT(RUN(NULL, "rm"));
    EXPECT("2", "", "rm: missing file name\n");
}

UTEST(rm_directories)
{
    UTEST_ASSERT(fresh() && mkdir(D "/t") == 0 && mkdir(D "/t/u") == 0 && put(D "/t/u/f", "f") &&
                 put(D "/t/g", "g"));
    UTEST_ASSERT(RUN(NULL, "rm", D "/t"));
    EXPECT("1", "", "rm: " D "/t: is a directory (use -r)\n");
    UTEST_ASSERT(exists(D "/t/u/f"));
    UTEST_ASSERT(RUN(NULL, "rm", "-r", D "/t"));
    EXPECT("0", "", "");
    UTEST_ASSERT(!exists(D "/t"));
    UTEST_ASSERT(RUN(NULL, "rm", "-rf", "home:/"));
    EXPECT("1", "", "rm: home:/: refusing to remove a label's root\n");
    UTEST_ASSERT(exists("home:/bin/rm"));
    UTEST_ASSERT(RUN(NULL, "rm", "-r", "sys:/zero"));
    UTEST_ASSERT_STR_EQ(R.status, "1");
    UTEST_ASSERT_STR_EQ(R.err, "rm: sys:/zero: operation not permitted\n");
}

UTEST(touch_creates_and_restamps)
{
    stat_t before, after;
    char buf[16];
    UTEST_ASSERT(fresh() && put(D "/old", "keep"));
    UTEST_ASSERT(stat(D "/old", &before) == 0);
    UTEST_ASSERT(RUN(NULL, "touch", D "/new", D "/old"));
    EXPECT("0", "", "");
    UTEST_ASSERT(stat(D "/new", &after) == 0 && after.type == STAT_FILE && after.size == 0);
    UTEST_ASSERT(stat(D "/old", &after) == 0);
    UTEST_ASSERT(after.modified_ns >= before.modified_ns);
    UTEST_ASSERT(utest_slurp(D "/old", buf, sizeof(buf)) == 4);
    UTEST_ASSERT_STR_EQ(buf, "keep");
    UTEST_ASSERT(RUN(NULL, "touch", D "/no/file"));
    EXPECT("1", "", "touch: " D "/no/file: no such file or directory\n");
    UTEST_ASSERT(RUN(NULL, "touch"));
    EXPECT("2", "", "touch: missing file name\n");
}

/* ---------------------------------------------------------------- cp, mv */

UTEST(cp_files)
{
    char buf[64];
    UTEST_ASSERT(fresh() && put(D "/a", "content A") && put(D "/b", "B") && mkdir(D "/d") == 0);
    UTEST_ASSERT(RUN(NULL, "cp", D "/a", D "/c"));
    EXPECT("0", "", "");
    UTEST_ASSERT(utest_slurp(D "/c", buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "content A");
    UTEST_ASSERT(RUN(NULL, "cp", D "/b", D "/c")); /* replaces, truncated */
    UTEST_ASSERT(utest_slurp(D "/c", buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "B");
    UTEST_ASSERT(RUN(NULL, "cp", D "/a", D "/b", D "/d"));
    EXPECT("0", "", "");
    UTEST_ASSERT(exists(D "/d/a") && exists(D "/d/b"));
}

UTEST(cp_errors)
{
    UTEST_ASSERT(fresh() && put(D "/a", "A") && mkdir(D "/d") == 0);
    UTEST_ASSERT(RUN(NULL, "cp", D "/nope", D "/x"));
    EXPECT("1", "", "cp: " D "/nope: no such file or directory\n");
    UTEST_ASSERT(RUN(NULL, "cp", D "/a"));
    EXPECT("2", "", "cp: missing destination\n");
    UTEST_ASSERT(RUN(NULL, "cp", D "/a", D "/a", D "/a"));
    EXPECT("2", "", "cp: " D "/a: not a directory\n");
    UTEST_ASSERT(RUN(NULL, "cp", D "/d", D "/e"));
    EXPECT("1", "", "cp: " D "/d: is a directory (use -r)\n");
    UTEST_ASSERT(RUN(NULL, "cp", D "/a", D "/no/b"));
    EXPECT("1", "", "cp: " D "/no/b: no such file or directory\n");
}

UTEST(cp_recursive)
{
    char buf[16];
    UTEST_ASSERT(fresh() && mkdir(D "/src") == 0 && mkdir(D "/src/in") == 0 && put(D "/src/f", "F") &&
                 put(D "/src/in/g", "G"));
    UTEST_ASSERT(RUN(NULL, "cp", "-r", D "/src", D "/dst"));
    EXPECT("0", "", "");
    UTEST_ASSERT(utest_slurp(D "/dst/in/g", buf, sizeof(buf)) == 1);
    UTEST_ASSERT_STR_EQ(buf, "G");
    UTEST_ASSERT(utest_slurp(D "/dst/f", buf, sizeof(buf)) == 1);
    UTEST_ASSERT(RUN(NULL, "cp", "-r", D "/src", D "/src/in"));
    EXPECT("1", "", "cp: " D "/src: cannot copy a directory into itself\n");
}

UTEST(mv_rename_and_into_dir)
{
    char buf[16];
    UTEST_ASSERT(fresh() && put(D "/a", "A") && put(D "/b", "B") && mkdir(D "/d") == 0);
    UTEST_ASSERT(RUN(NULL, "mv", D "/a", D "/a2"));
    EXPECT("0", "", "");
    UTEST_ASSERT(!exists(D "/a") && utest_slurp(D "/a2", buf, sizeof(buf)) == 1);
    UTEST_ASSERT(RUN(NULL, "mv", D "/a2", D "/b", D "/d"));
    EXPECT("0", "", "");
    UTEST_ASSERT(exists(D "/d/a2") && exists(D "/d/b") && !exists(D "/b"));
    UTEST_ASSERT(RUN(NULL, "mv", D "/gone", D "/x"));
    EXPECT("1", "", "mv: " D "/gone: no such file or directory\n");
    UTEST_ASSERT(RUN(NULL, "mv", D "/d/b", D "/no/b"));
    EXPECT("1", "", "mv: " D "/no/b: no such file or directory\n");
    UTEST_ASSERT(RUN(NULL, "mv"));
    EXPECT("2", "", "mv: missing source and destination\n");
}

/* ---------------------------------------------------------------- grep */

static const char grep_text[] = "abc\naXc\nabbbc\nac\nA.C\nzzz\n";

/* A pattern and the lines of grep_text it selects. */
typedef struct grep_case {
    const char *pattern, *selected;
} grep_case_t;

/* Runs grep on grep_text for each case; status "0" with the lines, or "1" for none. */
static bool grep_cases(const grep_case_t *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *want_status = cases[i].selected[0] ? "0" : "1";
        if (!RUN(grep_text, "grep", cases[i].pattern) || strcmp(R.status, want_status) != 0 ||
            strcmp(R.out, cases[i].selected) != 0 || R.err[0] != '\0') {
            UTEST_FAIL("grep '%s': status %s, out \"%s\", err \"%s\"", cases[i].pattern, R.status, R.out,
                       R.err);
            return false;
        }
    }
    return true;
}

UTEST(grep_literal_and_status)
{
    static const grep_case_t cases[] = { { "bb", "abbbc\n" }, { "nothing", "" }, { "^$", "" } };
    UTEST_ASSERT(grep_cases(cases, sizeof(cases) / sizeof(cases[0])));
}

UTEST(grep_dot_star_plus_quest)
{
    static const grep_case_t cases[] = {
        { "a.c", "abc\naXc\n" },    { "ab*c", "abc\nabbbc\nac\n" },        { "ab+c", "abc\nabbbc\n" },
        { "ab?c", "abc\nac\n" },     { "a.*c", "abc\naXc\nabbbc\nac\n" },    { "z?z?z?z", "zzz\n" },
    };
    UTEST_ASSERT(grep_cases(cases, sizeof(cases) / sizeof(cases[0])));
}

UTEST(grep_anchors_classes_escapes)
{
    static const grep_case_t cases[] = {
        { "^a[A-Z]c$", "aXc\n" }, { "[^b]c$", "aXc\nac\n" },     { "A\\.C", "A.C\n" },
        { "^z+$", "zzz\n" },      { "[].]", "A.C\n" },             { "^[a-c]+$", "abc\nabbbc\nac\n" },
        { "c$", "abc\naXc\nabbbc\nac\n" },
    };
    UTEST_ASSERT(grep_cases(cases, sizeof(cases) / sizeof(cases[0])));
    UTEST_ASSERT(RUN("x$y\n", "grep", "x\\$"));
    EXPECT("0", "x$y\n", "");
}

UTEST(grep_options)
{
    UTEST_ASSERT(RUN(grep_text, "grep", "-i", "axc"));
    EXPECT("0", "aXc\n", "");
    UTEST_ASSERT(RUN(grep_text, "grep", "-i", "^A.C$"));
    EXPECT("0", "abc\naXc\nA.C\n", "");
    UTEST_ASSERT(RUN(grep_text, "grep", "-v", "c"));
    EXPECT("0", "A.C\nzzz\n", "");
    UTEST_ASSERT(RUN(grep_text, "grep", "-n", "b"));
    EXPECT("0", "1:abc\n3:abbbc\n", "");
    UTEST_ASSERT(RUN(grep_text, "grep", "-c", "a"));
    EXPECT("0", "4\n", "");
    UTEST_ASSERT(RUN(grep_text, "grep", "-vc", "a"));
    EXPECT("0", "2\n", "");
}

UTEST(grep_files_and_errors)
{
    UTEST_ASSERT(fresh() && put(D "/one", "red\nblue\n") && put(D "/two", "green\nred\n"));
    UTEST_ASSERT(RUN(NULL, "grep", "red", D "/one", D "/two"));
    EXPECT("0", D "/one:red\n" D "/two:red\n", "");
    UTEST_ASSERT(RUN(NULL, "grep", "-c", "e", D "/one", D "/two"));
    EXPECT("0", D "/one:2\n" D "/two:2\n", "");
    UTEST_ASSERT(RUN(NULL, "grep", "red", D "/none", D "/one"));
    EXPECT("2", D "/one:red\n", "grep: " D "/none: no such file or directory\n");
    UTEST_ASSERT(RUN(NULL, "grep", "[abc", D "/one"));
    EXPECT("2", "", "grep: [abc: unterminated [\n");
    UTEST_ASSERT(RUN(NULL, "grep", "*a"));
    EXPECT("2", "", "grep: *a: nothing to repeat\n");
    UTEST_ASSERT(RUN(NULL, "grep"));
    EXPECT("2", "", "grep: missing pattern\n");
}

/* Many stars and no match: backtracking must not go exponential (60 s limit). */
UTEST(grep_stars_stay_polynomial)
{
    static char text[600];
    memset(text, 'a', 500);
    strcpy(text + 500, "\n");
    UTEST_ASSERT(RUN(text, "grep", "-c", "a*a*a*a*a*a*a*a*b"));
    EXPECT("1", "0\n", "");
    UTEST_ASSERT(RUN(text, "grep", "-c", "^a*a*a*a*a*a*a*a*$"));
    EXPECT("0", "1\n", "");
}

UTEST(grep_long_line)
{
    static char text[30000];
    memset(text, 'q', 25000);
    strcpy(text + 25000, "NEEDLE\nshort\n");
    UTEST_ASSERT(RUN(text, "grep", "-c", "q*NEEDLE$"));
    EXPECT("0", "1\n", "");
}

/* ---------------------------------------------------------------- wc, head, tail */

UTEST(wc_counts)
{
    UTEST_ASSERT(fresh() && put(D "/w", "one two\n three\n\nfour") && put(D "/v", "x\n"));
    UTEST_ASSERT(RUN(NULL, "wc", D "/w"));
    EXPECT("0", "3 4 20 " D "/w\n", "");
    UTEST_ASSERT(RUN("a b\nc\n", "wc", "-l"));
    EXPECT("0", "2\n", "");
    UTEST_ASSERT(RUN("a b\nc\n", "wc", "-wc"));
    EXPECT("0", "3 6\n", "");
    UTEST_ASSERT(RUN(NULL, "wc", "-l", D "/w", D "/v"));
    EXPECT("0", "3 " D "/w\n1 " D "/v\n4 total\n", "");
    UTEST_ASSERT(RUN(NULL, "wc", D "/nope"));
    EXPECT("1", "", "wc: " D "/nope: no such file or directory\n");
}

static const char twelve[] = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";

UTEST(head_lines)
{
    UTEST_ASSERT(RUN(twelve, "head"));
    EXPECT("0", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "");
    UTEST_ASSERT(RUN(twelve, "head", "-n", "2"));
    EXPECT("0", "1\n2\n", "");
    UTEST_ASSERT(RUN(twelve, "head", "-n0"));
    EXPECT("0", "", "");
    UTEST_ASSERT(RUN("no newline", "head", "-n", "5"));
    EXPECT("0", "no newline", "");
    UTEST_ASSERT(fresh() && put(D "/a", "a1\na2\n") && put(D "/b", "b1\n"));
    UTEST_ASSERT(RUN(NULL, "head", "-n", "1", D "/a", D "/b"));
    EXPECT("0", "==> " D "/a <==\na1\n\n==> " D "/b <==\nb1\n", "");
    UTEST_ASSERT(RUN(NULL, "head", D "/nope"));
    EXPECT("1", "", "head: " D "/nope: no such file or directory\n");
}

UTEST(tail_lines)
{
    UTEST_ASSERT(RUN(twelve, "tail"));
    EXPECT("0", "3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "");
    UTEST_ASSERT(RUN(twelve, "tail", "-n", "2"));
    EXPECT("0", "11\n12\n", "");
    UTEST_ASSERT(RUN(twelve, "tail", "-n", "0"));
    EXPECT("0", "", "");
    UTEST_ASSERT(RUN("a\nb\nc", "tail", "-n", "2"));
    EXPECT("0", "b\nc", "");
    UTEST_ASSERT(RUN("a\nb\n", "tail", "-n", "99"));
    EXPECT("0", "a\nb\n", "");
    UTEST_ASSERT(RUN(NULL, "tail", D "/nope"));
    EXPECT("1", "", "tail: " D "/nope: no such file or directory\n");
}

/* yes | head -n 3 through a real pipe: head stops, yes fails to write and ends. */
UTEST(yes_into_head_pipe)
{
    fd_t p[2];
    char status[MAX_STATUS];
    UTEST_ASSERT(open2("sys:/pipe/new", p) == 0);
    fd_t out = open(OUT "?create&truncate");
    UTEST_ASSERT(out != ERR);
    spawn_fd_t yes_fds[] = { { 1, p[1] }, { SPAWN_FD_END, 0 } };
    spawn_fd_t head_fds[] = { { 0, p[0] }, { 1, out }, { SPAWN_FD_END, 0 } };
    pid_t yes = start((const char *[]){ "yes", "a", "b", NULL }, yes_fds);
    pid_t head = start((const char *[]){ "head", "-n", "3", NULL }, head_fds);
    close(p[0]);
    close(p[1]);
    close(out);
    UTEST_ASSERT(yes != ERR && head != ERR);
    UTEST_ASSERT(utest_wait(head, status, sizeof(status)) >= 0);
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT(utest_wait(yes, status, sizeof(status)) >= 0);
    UTEST_ASSERT_STR_EQ(status, "1");
    UTEST_ASSERT(utest_slurp(OUT, R.out, sizeof(R.out)) >= 0);
    UTEST_ASSERT_STR_EQ(R.out, "a b\na b\na b\n");
}

/* ---------------------------------------------------------------- processes */

/* The line of @pid in ps-style output @out, copied into @line; false if none. */
static bool find_pid_line(const char *out, pid_t pid, char *line, size_t size)
{
    for (const char *p = out; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        long long got;
        if (sscanf(p, "%lld", &got) == 1 && got == pid) {
            snprintf(line, size, "%.*s", (int)len, p);
            return true;
        }
        p += len + (nl != NULL);
    }
    return false;
}

UTEST(ps_lists_us_and_itself)
{
    char line[128], state[16], name[64];
    long long pid, parent;
    unsigned threads;
    UTEST_ASSERT(RUN(NULL, "ps"));
    UTEST_ASSERT_STR_EQ(R.status, "0");
    UTEST_ASSERT_STR_EQ(R.err, "");
    UTEST_ASSERT(strncmp(R.out, "  PID  PPID STATE   THR NAME\n", 29) == 0);
    UTEST_ASSERT(find_pid_line(R.out, getpid(), line, sizeof(line)));
    UTEST_ASSERT_EQ(sscanf(line, "%lld %lld %15s %u %63s", &pid, &parent, state, &threads, name), 5);
    UTEST_ASSERT_STR_EQ(state, "running");
    UTEST_ASSERT_STR_EQ(name, "utils");
    UTEST_ASSERT(parent > 0);
    /* ps's own line: a child of ours */
    bool found = false;
    for (const char *p = strchr(R.out, '\n'); p && !found; p = strchr(p + 1, '\n'))
        found = sscanf(p + 1, "%lld %lld %15s %u %63s", &pid, &parent, state, &threads, name) == 5 &&
                strcmp(name, "ps") == 0 && parent == getpid();
    UTEST_ASSERT(found);
    UTEST_ASSERT(RUN(NULL, "ps", "extra"));
    EXPECT("2", "", "ps: extra: unexpected argument\n");
}

UTEST(proc_parent_file)
{
    char buf[32], want[32];
    pid_t child = start((const char *[]){ "sleep", "100", NULL }, NULL);
    UTEST_ASSERT(child != ERR);
    snprintf(want, sizeof(want), "%lld\n", (long long)getpid());
    char path[64];
    snprintf(path, sizeof(path), "sys:/proc/%lld/parent", (long long)child);
    int64_t n = utest_slurp(path, buf, sizeof(buf));
    fd_t ctl = openf("sys:/proc/%lld/ctl", (long long)child);
    if (ctl != ERR) {
        write(ctl, "kill", 4);
        close(ctl);
    }
    char status[MAX_STATUS];
    utest_wait(child, status, sizeof(status)); /* collect it */
    UTEST_ASSERT(n > 0);
    UTEST_ASSERT_STR_EQ(buf, want);
    UTEST_ASSERT_STR_EQ(status, "kill");
}

UTEST(kill_sends_notes)
{
    /* the kernel lets only a process and its ancestors send it notes: kill itself */
    UTEST_ASSERT(RUN(NULL, "kill", "self"));
    EXPECT("kill", "", "");
    UTEST_ASSERT(RUN(NULL, "kill", "-n", "interrupt", "self"));
    EXPECT("interrupt", "", "");
    UTEST_ASSERT(RUN(NULL, "kill", "-n", "custom note here", "self"));
    EXPECT("custom note here", "", "");
}

UTEST(kill_sibling_refused)
{
    char pid_text[24], want[96], status[MAX_STATUS];
    pid_t sleeper = start((const char *[]){ "sleep", "100", NULL }, NULL);
    UTEST_ASSERT(sleeper != ERR);
    snprintf(pid_text, sizeof(pid_text), "%lld", (long long)sleeper);
    bool ran = RUN(NULL, "kill", pid_text);
    fd_t note = openf("sys:/proc/%s/note", pid_text); /* we, its parent, may */
    bool killed = note != ERR && write(note, "by parent", 9) == 9;
    close(note);
    UTEST_ASSERT(utest_wait(sleeper, status, sizeof(status)) >= 0);
    UTEST_ASSERT(ran && killed);
    snprintf(want, sizeof(want), "kill: %s: access denied\n", pid_text);
    EXPECT("1", "", want);
    UTEST_ASSERT_STR_EQ(status, "by parent"); /* our note ended it, not the refused one */
}

UTEST(kill_errors)
{
    UTEST_ASSERT(RUN(NULL, "kill", "999999"));
    EXPECT("1", "", "kill: 999999: no such process\n");
    UTEST_ASSERT(RUN(NULL, "kill", "abc"));
    EXPECT("2", "", "kill: abc: not a process id\n");
    UTEST_ASSERT(RUN(NULL, "kill"));
    EXPECT("2", "", "kill: missing process id\n");
    UTEST_ASSERT(RUN(NULL, "kill", "-n"));
    EXPECT("2", "", "kill: -n: missing argument\n");
}

UTEST(top_one_view)
{
    char line[128];
    UTEST_ASSERT(RUN(NULL, "top", "-n", "1"));
    UTEST_ASSERT_STR_EQ(R.status, "0");
    UTEST_ASSERT_STR_EQ(R.err, "");
    UTEST_ASSERT(strncmp(R.out, "top - up ", 9) == 0);
    UTEST_ASSERT(strstr(R.out, "\nmemory: ") != NULL);
    UTEST_ASSERT(strstr(R.out, "\ncpu0 ") != NULL);
    UTEST_ASSERT(strstr(R.out, "% busy") != NULL);
    UTEST_ASSERT(strstr(R.out, "\n  PID  PPID STATE   THR NAME\n") != NULL);
    UTEST_ASSERT(find_pid_line(R.out, getpid(), line, sizeof(line)));
    UTEST_ASSERT(strstr(line, " utils") != NULL);
    UTEST_ASSERT(strchr(R.out, '\x1b') == NULL); /* -n: no screen clearing */
    UTEST_ASSERT(RUN(NULL, "top", "-n", "0"));
    EXPECT("2", "", "top: -n: 0: at least 1\n");
}

/* ---------------------------------------------------------------- time */

UTEST(sleep_waits_at_least)
{
    uint64_t t0 = uptime();
    UTEST_ASSERT(RUN(NULL, "sleep", "0.05"));
    uint64_t took = uptime() - t0;
    EXPECT("0", "", "");
    UTEST_ASSERT(took >= 50 * NS_PER_MS);
    UTEST_ASSERT(RUN(NULL, "sleep", "1.x"));
    EXPECT("2", "", "sleep: 1.x: not a number of seconds\n");
    UTEST_ASSERT(RUN(NULL, "sleep"));
    EXPECT("2", "", "sleep: missing time\n");
    UTEST_ASSERT(RUN(NULL, "sleep", "1", "2"));
    EXPECT("2", "", "sleep: 2: unexpected argument\n");
}

UTEST(env_prints_sets_and_runs)
{
    UTEST_ASSERT(RUN(NULL, "env", "-i", "A=1", "B=two words"));
    EXPECT("0", "A=1\nB=two words\n", "");
    UTEST_ASSERT(RUN(NULL, "env", "-i", "X=42", "env"));
    EXPECT("0", "X=42\n", ""); /* the command inherits exactly the changed environment */
    UTEST_ASSERT(RUN(NULL, "env", "-i", "false"));
    EXPECT("1", "", ""); /* the command's exit status is env's */
    UTEST_ASSERT(RUN(NULL, "env", "-i", "home:/bin/echo", "hi"));
    EXPECT("0", "hi\n", "");
}

UTEST(env_errors)
{
    UTEST_ASSERT(RUN(NULL, "env", "-i", "no-such-program"));
    UTEST_ASSERT_STR_EQ(R.status, "1");
    UTEST_ASSERT(strstr(R.err, "env: no-such-program: ") == R.err);
    UTEST_ASSERT(RUN(NULL, "env", "=x"));
    EXPECT("2", "", "env: cannot set =x\n");
}

UTEST(uptime_format)
{
    unsigned long long h, m, s;
    size_t procs;
    uint64_t before = uptime() / NS_PER_SEC;
    UTEST_ASSERT(RUN(NULL, "uptime"));
    uint64_t after = uptime() / NS_PER_SEC;
    UTEST_ASSERT_STR_EQ(R.status, "0");
    UTEST_ASSERT_EQ(sscanf(R.out, "up %llu:%llu:%llu, %zu processes", &h, &m, &s, &procs), 4);
    uint64_t secs = h * 3600 + m * 60 + s;
    UTEST_ASSERT(secs >= before && secs <= after);
    UTEST_ASSERT(procs >= 3); /* init, us, uptime */
    UTEST_ASSERT(RUN(NULL, "uptime", "x"));
    EXPECT("2", "", "uptime: x: unexpected argument\n");
}

UTEST(format_time_known_dates)
{
    char buf[UTIL_TIME_MAX];
    util_format_time(0, buf);
    UTEST_ASSERT_STR_EQ(buf, "1970-01-01T00:00:00Z");
    util_format_time(951782400ull * NS_PER_SEC, buf);
    UTEST_ASSERT_STR_EQ(buf, "2000-02-29T00:00:00Z");
    util_format_time(946684799ull * NS_PER_SEC + 999999999, buf);
    UTEST_ASSERT_STR_EQ(buf, "1999-12-31T23:59:59Z");
    util_format_time(1709251200ull * NS_PER_SEC, buf);
    UTEST_ASSERT_STR_EQ(buf, "2024-03-01T00:00:00Z");
    util_format_time(4107587696ull * NS_PER_SEC, buf);
    UTEST_ASSERT_STR_EQ(buf, "2100-03-01T12:34:56Z");
}

UTEST(date_now)
{
    char lo[UTIL_TIME_MAX], hi[UTIL_TIME_MAX], got[UTIL_TIME_MAX + 2];
    util_format_time(epoch(), lo);
    UTEST_ASSERT(RUN(NULL, "date"));
    util_format_time(epoch(), hi);
    UTEST_ASSERT_STR_EQ(R.status, "0");
    UTEST_ASSERT_EQ(strlen(R.out), 21);
    UTEST_ASSERT_EQ(R.out[20], '\n');
    snprintf(got, sizeof(got), "%.20s", R.out);
    UTEST_ASSERT(strcmp(lo, got) <= 0 && strcmp(got, hi) <= 0); /* ISO 8601 sorts as text */
    unsigned long long secs;
    uint64_t before = epoch() / NS_PER_SEC;
    UTEST_ASSERT(RUN(NULL, "date", "-s"));
    uint64_t after = epoch() / NS_PER_SEC;
    UTEST_ASSERT_EQ(sscanf(R.out, "%llu", &secs), 1);
    UTEST_ASSERT(secs >= before && secs <= after);
    UTEST_ASSERT(RUN(NULL, "date", "now"));
    EXPECT("2", "", "date: now: unexpected argument\n");
}

/* ---------------------------------------------------------------- small ones */

UTEST(clear_true_false)
{
    UTEST_ASSERT(RUN(NULL, "clear"));
    EXPECT("0", "\x1b[H\x1b[2J", "");
    UTEST_ASSERT(RUN(NULL, "true"));
    EXPECT("0", "", "");
    UTEST_ASSERT(RUN(NULL, "false"));
    EXPECT("1", "", "");
}

UTEST(hexdump_canonical)
{
    static const char data[] = "Hello, world!\n\x00\x01\x7f\xff" "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    UTEST_ASSERT(fresh());
    fd_t fd = open(D "/bin?create");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(write(fd, data, sizeof(data) - 1), 44);
    close(fd);
    UTEST_ASSERT(RUN(NULL, "hexdump", "-C", D "/bin"));
    EXPECT("0",
           "00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 01  |Hello, world!...|\n"
           "00000010  7f ff 41 42 43 44 45 46  47 48 49 4a 4b 4c 4d 4e  |..ABCDEFGHIJKLMN|\n"
           "00000020  4f 50 51 52 53 54 55 56  57 58 59 5a              |OPQRSTUVWXYZ|\n"
           "0000002c\n",
           "");
    UTEST_ASSERT(RUN("Hello there", "hexdump", "-n", "5"));
    EXPECT("0", "00000000  48 65 6c 6c 6f                                    |Hello|\n00000005\n", "");
    UTEST_ASSERT(RUN("", "hexdump"));
    EXPECT("0", "", "");
    UTEST_ASSERT(RUN(NULL, "hexdump", D "/nope"));
    EXPECT("1", "", "hexdump: " D "/nope: no such file or directory\n");
}

UTEST(dmesg_prints_klog)
{
    UTEST_ASSERT(RUN(NULL, "dmesg"));
    UTEST_ASSERT_STR_EQ(R.status, "0");
    UTEST_ASSERT_STR_EQ(R.err, "");
    UTEST_ASSERT(R.out[0] == '[');
    UTEST_ASSERT(strchr(R.out, '\n') != NULL);
    UTEST_ASSERT(RUN(NULL, "dmesg", "x"));
    EXPECT("2", "", "dmesg: x: unexpected argument\n");
}

UTEST(seq_forms)
{
    UTEST_ASSERT(RUN(NULL, "seq", "3"));
    EXPECT("0", "1\n2\n3\n", "");
    UTEST_ASSERT(RUN(NULL, "seq", "-1", "1"));
    EXPECT("0", "-1\n0\n1\n", "");
    UTEST_ASSERT(RUN(NULL, "seq", "10", "-4", "1"));
    EXPECT("0", "10\n6\n2\n", "");
    UTEST_ASSERT(RUN(NULL, "seq", "5", "1"));
    EXPECT("0", "", "");
    UTEST_ASSERT(RUN(NULL, "seq", "1", "0", "3"));
    EXPECT("2", "", "seq: 0: the step must not be zero\n");
    UTEST_ASSERT(RUN(NULL, "seq", "x"));
    EXPECT("2", "", "seq: x: not an integer\n");
    UTEST_ASSERT(RUN(NULL, "seq"));
    EXPECT("2", "", "seq: missing last number\n");
}

UTEST(tee_copies)
{
    char buf[64];
    UTEST_ASSERT(fresh() && put(D "/old", "old\n"));
    UTEST_ASSERT(RUN("line\n", "tee", D "/t1", D "/t2"));
    EXPECT("0", "line\n", "");
    UTEST_ASSERT(utest_slurp(D "/t1", buf, sizeof(buf)) == 5);
    UTEST_ASSERT_STR_EQ(buf, "line\n");
    UTEST_ASSERT(utest_slurp(D "/t2", buf, sizeof(buf)) == 5);
    UTEST_ASSERT(RUN("more\n", "tee", "-a", D "/old"));
    EXPECT("0", "more\n", "");
    UTEST_ASSERT(utest_slurp(D "/old", buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "old\nmore\n");
    UTEST_ASSERT(RUN("x", "tee", D "/no/f", D "/t1"));
    EXPECT("1", "x", "tee: " D "/no/f: no such file or directory\n");
    UTEST_ASSERT(utest_slurp(D "/t1", buf, sizeof(buf)) == 1);
}

UTEST(stat_fields)
{
    char lo[UTIL_TIME_MAX], want[256];
    UTEST_ASSERT(fresh() && put(D "/s", "12345"));
    stat_t st;
    UTEST_ASSERT(stat(D "/s", &st) == 0);
    util_format_time(st.modified_ns, lo);
    UTEST_ASSERT(RUN(NULL, "stat", D "/s"));
    UTEST_ASSERT_STR_EQ(R.status, "0");
    snprintf(want, sizeof(want), "path: " D "/s\nkind: file\nsize: 5\nlinks: 1\ncreated: ");
    UTEST_ASSERT(strncmp(R.out, want, strlen(want)) == 0);
    snprintf(want, sizeof(want), "\nmodified: %s\n", lo);
    UTEST_ASSERT(strstr(R.out, want) != NULL);
    UTEST_ASSERT(RUN(NULL, "stat", D, D "/nope"));
    UTEST_ASSERT_STR_EQ(R.status, "1");
    static const char dir_head[] = "path: " D "\nkind: directory\nsize: 1\n";
    UTEST_ASSERT(strncmp(R.out, dir_head, strlen(dir_head)) == 0);
    UTEST_ASSERT_STR_EQ(R.err, "stat: " D "/nope: no such file or directory\n");
}

UTEST(sort_orders)
{
    UTEST_ASSERT(RUN("pear\napple\nfig\napple\n", "sort"));
    EXPECT("0", "apple\napple\nfig\npear\n", "");
    UTEST_ASSERT(RUN("pear\napple\nfig\napple\n", "sort", "-ru"));
    EXPECT("0", "pear\nfig\napple\n", "");
    UTEST_ASSERT(RUN("10\n9\n-3\n100\n", "sort", "-n"));
    EXPECT("0", "-3\n9\n10\n100\n", "");
    UTEST_ASSERT(fresh() && put(D "/a", "b\n") && put(D "/b", "a\nc"));
    UTEST_ASSERT(RUN(NULL, "sort", D "/a", D "/b"));
    EXPECT("0", "a\nb\nc\n", "");
    UTEST_ASSERT(RUN(NULL, "sort", D "/nope"));
    EXPECT("1", "", "sort: " D "/nope: no such file or directory\n");
}

UTEST(uniq_runs)
{
    static const char in[] = "a\na\nb\nc\nc\nc\na\n";
    UTEST_ASSERT(RUN(in, "uniq"));
    EXPECT("0", "a\nb\nc\na\n", "");
    UTEST_ASSERT(RUN(in, "uniq", "-c"));
    EXPECT("0", "      2 a\n      1 b\n      3 c\n      1 a\n", "");
    UTEST_ASSERT(RUN(in, "uniq", "-d"));
    EXPECT("0", "a\nc\n", "");
    UTEST_ASSERT(RUN(in, "uniq", "-u"));
    EXPECT("0", "b\na\n", "");
    UTEST_ASSERT(RUN(NULL, "uniq", D "/nope"));
    EXPECT("1", "", "uniq: " D "/nope: no such file or directory\n");
    UTEST_ASSERT(RUN(NULL, "uniq", "a", "b"));
    EXPECT("2", "", "uniq: b: unexpected argument\n");
}

int main(void)
{
    UTEST_BEGIN("utils");
    mkdir(IO_DIR);
    UTEST_RUN(help_every_program);
    UTEST_RUN(help_everything_in_bin);
    UTEST_RUN(bad_option_every_program);
    UTEST_RUN(missing_option_argument);
    UTEST_RUN(cat_files_and_stdin);
    UTEST_RUN(cat_missing_file);
    UTEST_RUN(cat_large_file);
    UTEST_RUN(echo_arguments);
    UTEST_RUN(ls_names_sorted);
    UTEST_RUN(ls_long);
    UTEST_RUN(ls_several_and_missing);
    UTEST_RUN(mkdir_plain_and_errors);
    UTEST_RUN(mkdir_parents);
    UTEST_RUN(rm_files_and_force);
    UTEST_RUN(rm_directories);
    UTEST_RUN(touch_creates_and_restamps);
    UTEST_RUN(cp_files);
    UTEST_RUN(cp_errors);
    UTEST_RUN(cp_recursive);
    UTEST_RUN(mv_rename_and_into_dir);
    UTEST_RUN(grep_literal_and_status);
    UTEST_RUN(grep_dot_star_plus_quest);
    UTEST_RUN(grep_anchors_classes_escapes);
    UTEST_RUN(grep_options);
    UTEST_RUN(grep_files_and_errors);
    UTEST_RUN(grep_stars_stay_polynomial);
    UTEST_RUN(grep_long_line);
    UTEST_RUN(wc_counts);
    UTEST_RUN(head_lines);
    UTEST_RUN(tail_lines);
    UTEST_RUN(yes_into_head_pipe);
    UTEST_RUN(ps_lists_us_and_itself);
    UTEST_RUN(proc_parent_file);
    UTEST_RUN(kill_sends_notes);
    UTEST_RUN(kill_sibling_refused);
    UTEST_RUN(kill_errors);
    UTEST_RUN(top_one_view);
    UTEST_RUN(sleep_waits_at_least);
    UTEST_RUN(env_prints_sets_and_runs);
    UTEST_RUN(env_errors);
    UTEST_RUN(uptime_format);
    UTEST_RUN(format_time_known_dates);
    UTEST_RUN(date_now);
    UTEST_RUN(clear_true_false);
    UTEST_RUN(hexdump_canonical);
    UTEST_RUN(dmesg_prints_klog);
    UTEST_RUN(seq_forms);
    UTEST_RUN(tee_copies);
    UTEST_RUN(stat_fields);
    UTEST_RUN(sort_orders);
    UTEST_RUN(uniq_runs);
    wipe(D);
    wipe(IO_DIR);
    return UTEST_END();
}
