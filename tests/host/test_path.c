/*
 * test_path.c - host tests for kernel/fs/path.c (suite "path").
 *
 * Every rule of path_parse() is exercised through its public result: the normalized
 * text from path_format(), the component count and the flags, and every error it can
 * return (EINVAL for each kind of malformed input, ENAMETOOLONG for each length limit).
 * The path_t is static: at about 8 KiB it is the size the kernel allocates, not stacks.
 */
#include <criterion/criterion.h>
#include <abi/errno.h>

#include "fs/path.h"

static path_t P;
static char text[2 * MAX_PATH];

/* Parses the NUL-terminated @in against @cwd; on success leaves the formatted result in text. */
static int parse(const char *in, const char *cwd)
{
    int rc = path_parse(in, __builtin_strlen(in), cwd, &P);
    text[0] = '\0';
    if (rc == 0)
        cr_assert_geq(path_format(&P, text, sizeof(text)), 0);
    return rc;
}

static void expect(const char *in, const char *cwd, const char *want)
{
    cr_assert_eq(parse(in, cwd), 0, "parse(\"%s\", \"%s\") failed", in, cwd ? cwd : "(null)");
    cr_assert_str_eq(text, want, "parse(\"%s\")", in);
}

static void expect_err(const char *in, const char *cwd, int err)
{
    cr_assert_eq(parse(in, cwd), -err, "parse(\"%s\") should fail with %d", in, err);
}

/* Fills buf with "label:/" and components of @comp_len bytes until it is @total bytes. */
static void make_long(char *buf, const char *label, size_t comp_len, size_t total)
{
    size_t n = (size_t)__builtin_sprintf(buf, "%s:/", label), c = 0;
    while (n < total) {
        if (c == comp_len) {
            buf[n++] = '/';
            c = 0;
        } else {
            buf[n++] = 'x';
            c++;
        }
    }
    if (buf[n - 1] == '/')
        buf[n - 1] = 'y';
    buf[n] = '\0';
}

Test(path, absolute_with_label)
{
    expect("home:/usr/a.txt", "sys:/", "home:/usr/a.txt");
    cr_assert_eq(P.count, 2);
    cr_assert_eq(P.flags, 0);
    cr_assert_str_eq(P.label, "home");
    cr_assert_str_eq(path_component(&P, 0), "usr");
    cr_assert_str_eq(path_last(&P), "a.txt");
    cr_assert_null(path_component(&P, 2));
}

Test(path, label_root_has_no_parent)
{
    expect("home:/", NULL, "home:/");
    cr_assert_eq(P.count, 0);
    cr_assert_null(path_last(&P));
    cr_assert_eq(path_parent(&P), -EINVAL);
}

Test(path, slash_is_absolute_on_cwd_label)
{
    expect("/bin/sh", "sys:/proc/7", "sys:/bin/sh");
    expect("/", "sys:/proc/7", "sys:/");
}

Test(path, relative_joins_cwd)
{
    expect("a/b", "home:/usr", "home:/usr/a/b");
    expect("a", "home:/", "home:/a");
    expect(".", "home:/usr", "home:/usr");
}

Test(path, dot_and_dotdot_resolved)
{
    expect("./a/../b/./c", "home:/usr", "home:/usr/b/c");
    expect("../x", "home:/a/b", "home:/a/x");
    expect("x/y/../../z", "home:/a", "home:/a/z");
    expect("home:/a/b/../../c/..", NULL, "home:/");
}

Test(path, dotdot_never_climbs_above_root)
{
    expect("../../../x", "home:/a", "home:/x");
    expect("home:/..", NULL, "home:/");
    expect("/../../a/..", "sys:/p", "sys:/");
    expect("../..", "home:/", "home:/");
}

Test(path, one_trailing_slash_ignored)
{
    expect("usr/", "home:/", "home:/usr");
    expect("home:/usr/", NULL, "home:/usr");
    expect_err("usr//", "home:/", EINVAL);
}

Test(path, flags_parsed)
{
    expect("a.txt?create&truncate", "home:/usr", "home:/usr/a.txt");
    cr_assert_eq(P.flags, PATH_FLAG_CREATE | PATH_FLAG_TRUNCATE);
    cr_assert_eq(parse("sys:/net/local/new?nonblock", NULL), 0);
    cr_assert_eq(P.flags, PATH_FLAG_NONBLOCK);
}

Test(path, every_flag_at_once)
{
    cr_assert_eq(parse("home:/d?nonblock&create&exclusive&truncate&append&directory", NULL), 0);
    cr_assert_eq(P.flags, PATH_FLAG_ALL);
}

Test(path, unknown_flag_einval)
{
    expect_err("a?creat", "home:/", EINVAL);
    expect_err("a?Create", "home:/", EINVAL);
    expect_err("a?create?append", "home:/", EINVAL); /* a second '?' is part of a flag */
}

Test(path, empty_flag_einval)
{
    expect_err("a?", "home:/", EINVAL);
    expect_err("a?create&", "home:/", EINVAL);
    expect_err("a?&create", "home:/", EINVAL);
    expect_err("a?create&&append", "home:/", EINVAL);
}

Test(path, repeated_flag_einval)
{
    expect_err("a?create&create", "home:/", EINVAL);
    expect_err("a?append&nonblock&append", "home:/", EINVAL);
}

Test(path, exclusive_needs_create)
{
    expect_err("a?exclusive", "home:/", EINVAL);
    cr_assert_eq(parse("a?exclusive&create", "home:/"), 0);
    cr_assert_eq(P.flags, PATH_FLAG_CREATE | PATH_FLAG_EXCLUSIVE);
}

Test(path, empty_component_einval)
{
    expect_err("a//b", "home:/", EINVAL);
    expect_err("home://", NULL, EINVAL);
    expect_err("//", "home:/", EINVAL);
    expect_err("home:/a//", NULL, EINVAL);
}

Test(path, empty_path_einval)
{
    expect_err("", "home:/", EINVAL);
    expect_err("?create", "home:/", EINVAL);
}

Test(path, bad_label_einval)
{
    expect_err("Home:/a", NULL, EINVAL);
    expect_err(":/a", NULL, EINVAL);
    expect_err("a-b:/x", NULL, EINVAL);
    expect_err("home:", NULL, EINVAL);
    expect_err("home:a", NULL, EINVAL);
    expect_err("abcdefghijabcdefghijabcdefghij12:/", NULL, EINVAL); /* 32 characters */
    expect("abcdefghijabcdefghijabcdefghij1:/", NULL, "abcdefghijabcdefghijabcdefghij1:/");
}

Test(path, colon_only_marks_a_label_at_the_start)
{
    expect("home:/a:b", NULL, "home:/a:b");
    expect("./a:b", "home:/", "home:/a:b");
    expect_err("a:b", "home:/", EINVAL);
}

Test(path, bad_bytes_einval)
{
    expect_err("a\nb", "home:/", EINVAL);
    expect_err("a\x7f", "home:/", EINVAL);
    expect_err("a&b", "home:/", EINVAL);
    expect_err("home:/\x01", NULL, EINVAL);
    cr_assert_eq(path_parse("ab\0c", 4, "home:/", &P), -EINVAL); /* NUL inside the length */
    expect("caf\xc3\xa9", "home:/", "home:/caf\xc3\xa9");           /* UTF-8 is fine */
}

Test(path, component_length_limit)
{
    char name[MAX_NAME + 2];
    __builtin_memset(name, 'n', sizeof(name));
    name[MAX_NAME] = '\0';
    cr_assert_eq(parse(name, "home:/"), 0);
    cr_assert_eq(__builtin_strlen(path_last(&P)), MAX_NAME);
    name[MAX_NAME] = 'n';
    name[MAX_NAME + 1] = '\0';
    expect_err(name, "home:/", ENAMETOOLONG);
}

Test(path, input_length_limit)
{
    static char buf[MAX_PATH + 8];
    make_long(buf, "home", 100, MAX_PATH);
    cr_assert_eq(parse(buf, NULL), 0);
    cr_assert_eq(__builtin_strlen(text), MAX_PATH);
    make_long(buf, "home", 100, MAX_PATH + 1);
    expect_err(buf, NULL, ENAMETOOLONG);
}

Test(path, flags_count_toward_the_limit)
{
    static char buf[MAX_PATH + 16];
    make_long(buf, "home", 100, MAX_PATH - 3);
    __builtin_strcat(buf, "?append");
    expect_err(buf, NULL, ENAMETOOLONG);
}

Test(path, result_length_limit)
{
    static char cwd[MAX_PATH + 8];
    make_long(cwd, "home", 200, MAX_PATH - 4);
    expect_err("abcd", cwd, ENAMETOOLONG); /* 4090 + "/abcd" */
    cr_assert_eq(parse("abc", cwd), 0);    /* exactly MAX_PATH */
    cr_assert_eq(__builtin_strlen(text), MAX_PATH);
    cr_assert_eq(parse("long/../../x", cwd), 0); /* cancelled components cost nothing */
}

Test(path, many_components)
{
    static char buf[MAX_PATH + 8];
    make_long(buf, "h", 1, MAX_PATH);
    cr_assert_eq(parse(buf, NULL), 0);
    cr_assert_eq(P.count, (MAX_PATH - 3) / 2 + 1);
    cr_assert_str_eq(text, buf);
}

Test(path, bad_cwd_einval)
{
    expect_err("a", NULL, EINVAL);
    expect_err("a", "usr", EINVAL);
    expect_err("/a", "/usr", EINVAL);
    expect_err("a", "home:/x/../y", EINVAL);
    expect_err("a", "home:/x?create", EINVAL);
    expect("home:/a", "garbage", "home:/a"); /* a labelled path ignores cwd */
}

Test(path, format_too_small)
{
    char small[8];
    cr_assert_eq(parse("home:/usr/a", NULL), 0);
    cr_assert_eq(path_format(&P, small, sizeof(small)), -ENAMETOOLONG);
    cr_assert_str_eq(small, "");
    char exact[12];
    cr_assert_eq(path_format(&P, exact, sizeof(exact)), 11);
    cr_assert_str_eq(exact, "home:/usr/a");
}

Test(path, parent_keeps_last_name)
{
    cr_assert_eq(parse("home:/usr/a", NULL), 0);
    const char *last = path_last(&P);
    cr_assert_eq(path_parent(&P), 0);
    cr_assert_str_eq(last, "a");
    cr_assert_eq(path_format(&P, text, sizeof(text)), 9);
    cr_assert_str_eq(text, "home:/usr");
}

Test(path, within)
{
    static path_t a, b;
    cr_assert_eq(path_parse("home:/a/b", 9, NULL, &a), 0);
    cr_assert_eq(path_parse("home:/a", 7, NULL, &b), 0);
    cr_assert(path_is_within(&a, &b));
    cr_assert(path_is_within(&a, &a));
    cr_assert(!path_is_within(&b, &a));
    cr_assert_eq(path_parse("home:/ab", 8, NULL, &a), 0);
    cr_assert(!path_is_within(&a, &b));
    cr_assert_eq(path_parse("sys:/a", 6, NULL, &a), 0);
    cr_assert(!path_is_within(&a, &b));
}

Test(path, name_and_label_checks)
{
    cr_assert(path_name_is_valid("ok.txt", 6));
    cr_assert(!path_name_is_valid(".", 1));
    cr_assert(!path_name_is_valid("..", 2));
    cr_assert(!path_name_is_valid("", 0));
    cr_assert(!path_name_is_valid("a/b", 3));
    cr_assert(path_label_is_valid("tmp_2", 5));
    cr_assert(!path_label_is_valid("", 0));
    cr_assert(!path_label_is_valid("TMP", 3));
}
