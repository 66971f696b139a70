/*
 * test_path.c - the kernel build of fs/path.c (suite "path"): the same parser the host
 * tests cover exhaustively (tests/host/test_path.c), checked here as compiled with the
 * kernel's flags and string routines.
 */
#include "test/ktest.h"
#include <abi/errno.h>
#include "fs/path.h"
#include "lib/string.h"

static path_t P, Q; /* 8 KiB each: static, not on the test thread's stack */
static char text[MAX_PATH + 1];

static int parse(const char *in, const char *cwd)
{
    int rc = path_parse(in, strlen(in), cwd, &P);
    text[0] = '\0';
    if (!rc)
        path_format(&P, text, sizeof(text));
    return rc;
}

KTEST(path, normalizes_against_cwd)
{
    KTEST_ASSERT_EQ(parse("a/./b/../c/", "home:/usr"), 0);
    KTEST_ASSERT_STR_EQ(text, "home:/usr/a/c");
    KTEST_ASSERT_EQ(P.count, 3);
    KTEST_ASSERT_EQ(parse("/bin", "sys:/proc"), 0);
    KTEST_ASSERT_STR_EQ(text, "sys:/bin");
    KTEST_ASSERT_EQ(parse("../../..", "home:/a"), 0);
    KTEST_ASSERT_STR_EQ(text, "home:/");
    KTEST_ASSERT_EQ(P.count, 0);
}

KTEST(path, flags)
{
    KTEST_ASSERT_EQ(parse("home:/f?create&exclusive&nonblock", NULL), 0);
    KTEST_ASSERT_EQ(P.flags, PATH_FLAG_CREATE | PATH_FLAG_EXCLUSIVE | PATH_FLAG_NONBLOCK);
    KTEST_ASSERT_EQ(parse("home:/f?exclusive", NULL), -EINVAL);
    KTEST_ASSERT_EQ(parse("home:/f?append&append", NULL), -EINVAL);
    KTEST_ASSERT_EQ(parse("home:/f?", NULL), -EINVAL);
}

KTEST(path, errors)
{
    char name[MAX_NAME + 2];
    memset(name, 'x', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    KTEST_ASSERT_EQ(parse(name, "home:/"), -ENAMETOOLONG);
    KTEST_ASSERT_EQ(parse("a//b", "home:/"), -EINVAL);
    KTEST_ASSERT_EQ(parse("HOME:/a", NULL), -EINVAL);
    KTEST_ASSERT_EQ(parse("a\tb", "home:/"), -EINVAL);
    KTEST_ASSERT_EQ(parse("a", NULL), -EINVAL);
    KTEST_ASSERT_EQ(path_parse("x", MAX_PATH + 1, "home:/", &P), -ENAMETOOLONG);
}

KTEST(path, parent_last_and_within)
{
    KTEST_ASSERT_EQ(path_parse("home:/a/b", 9, NULL, &Q), 0);
    KTEST_ASSERT_EQ(parse("home:/a/b/c", NULL), 0);
    KTEST_ASSERT(path_is_within(&P, &Q));
    const char *last = path_last(&P);
    KTEST_ASSERT_EQ(path_parent(&P), 0);
    KTEST_ASSERT_STR_EQ(last, "c");
    KTEST_ASSERT_EQ(path_format(&P, text, sizeof(text)), 9);
    KTEST_ASSERT_STR_EQ(text, "home:/a/b");
    KTEST_ASSERT_EQ(path_format(&P, text, 5), -ENAMETOOLONG);
}
