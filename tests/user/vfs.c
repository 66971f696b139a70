/*
 * vfs.c - the user-space suite `vfs`: files on home: through the system calls (create,
 * read, write, the three seek origins, the truncate/append/exclusive flags, growth to
 * 1 MiB and back), directories (mkdir, getdirent listings, removal rules), rename and
 * link (counts, EXDEV across labels), a removed file that is still open, stat of files,
 * directories and sys: devices, chdir and relative names, and the constant files of
 * sys: (zero, null, klog). Scratch files live under home:/usr/vfs-* and are removed.
 * Run by init in test mode; the harness is tests/user/utest.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define MIB (1024 * 1024)

/* Writes @text to a fresh file @path (created or emptied). Returns the count or ERR. */
static int64_t put(const char *path, const char *text)
{
    char full[MAX_PATH + 1];
    snprintf(full, sizeof(full), "%s?create&truncate", path);
    fd_t fd = open(full);
    if (fd == ERR)
        return ERR;
    int64_t n = write(fd, text, strlen(text));
    close(fd);
    return n;
}

/* Reads the whole of @path (at most size - 1 bytes) into @buf, NUL-terminated.
 * Returns the count or ERR. */
static int64_t get(const char *path, char *buf, size_t size)
{
    fd_t fd = open(path);
    if (fd == ERR)
        return ERR;
    size_t got = 0;
    int64_t n;
    while (got < size - 1 && (n = read(fd, buf + got, size - 1 - got)) > 0)
        got += (size_t)n;
    close(fd);
    buf[got] = '\0';
    return (int64_t)got;
}

/* errno of a call expected to fail, or -1 if it succeeded. */
#define FAILS_WITH(call) ((call) == ERR ? errno : -1)

static int64_t size_of(const char *path)
{
    stat_t st;
    return stat(path, &st) == ERR ? ERR : (int64_t)st.size;
}

/* ---------------------------------------------------------------- files */

UTEST(home_file_create_write_read)
{
    char buf[32];
    remove("home:/usr/vfs-a");
    fd_t fd = open("home:/usr/vfs-a?create");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(write(fd, "hello world", 11), 11);
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 0); /* the offset is at the end */
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_SET), 0);
    memset(buf, 0, sizeof(buf));
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 11);
    UTEST_ASSERT_STR_EQ(buf, "hello world");
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 0);
    UTEST_ASSERT_EQ(close(fd), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(close(fd)), EBADF);
    /* a second open starts at offset 0 and sees the same bytes */
    UTEST_ASSERT_EQ(get("home:/usr/vfs-a", buf, sizeof(buf)), 11);
    UTEST_ASSERT_STR_EQ(buf, "hello world");
    stat_t st;
    UTEST_ASSERT_EQ(stat("home:/usr/vfs-a", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_FILE);
    UTEST_ASSERT_EQ(st.size, 11);
    UTEST_ASSERT_EQ(st.links, 1);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-a"), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/usr/vfs-a")), ENOENT);
}

UTEST(seek_origins)
{
    char buf[32];
    fd_t fd = open("home:/usr/vfs-seek?create&truncate");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(write(fd, "0123456789", 10), 10);
    UTEST_ASSERT_EQ(seek(fd, 3, SEEK_SET), 3);
    UTEST_ASSERT_EQ(read(fd, buf, 2), 2);
    UTEST_ASSERT(memcmp(buf, "34", 2) == 0);
    UTEST_ASSERT_EQ(seek(fd, -1, SEEK_CUR), 4);
    UTEST_ASSERT_EQ(read(fd, buf, 1), 1);
    UTEST_ASSERT_EQ(buf[0], '4');
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_CUR), 5);
    UTEST_ASSERT_EQ(seek(fd, -2, SEEK_END), 8);
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 2);
    UTEST_ASSERT(memcmp(buf, "89", 2) == 0);
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_END), 10);
    /* errors leave the offset alone */
    UTEST_ASSERT_EQ(FAILS_WITH(seek(fd, -11, SEEK_END)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(seek(fd, -1, SEEK_SET)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(seek(fd, 0, 3)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(seek(fd, 0, -1)), EINVAL);
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_CUR), 10);
    /* past the end: a write there leaves a hole that reads as zeros */
    UTEST_ASSERT_EQ(seek(fd, 20, SEEK_SET), 20);
    UTEST_ASSERT_EQ(read(fd, buf, 4), 0);
    UTEST_ASSERT_EQ(write(fd, "x", 1), 1);
    UTEST_ASSERT_EQ(size_of("home:/usr/vfs-seek"), 21);
    UTEST_ASSERT_EQ(seek(fd, 9, SEEK_SET), 9);
    memset(buf, 0x55, sizeof(buf));
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 12);
    UTEST_ASSERT_EQ(buf[0], '9');
    for (int i = 1; i < 11; i++)
        UTEST_ASSERT_EQ(buf[i], 0);
    UTEST_ASSERT_EQ(buf[11], 'x');
    UTEST_ASSERT_EQ(close(fd), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(seek(fd, 0, SEEK_SET)), EBADF);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-seek"), 0);
}

UTEST(truncate_flag)
{
    char buf[16];
    UTEST_ASSERT_EQ(put("home:/usr/vfs-trunc", "abcdef"), 6);
    fd_t fd = open("home:/usr/vfs-trunc"); /* no flag: the data stays */
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(size_of("home:/usr/vfs-trunc"), 6);
    close(fd);
    fd = open("home:/usr/vfs-trunc?truncate");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(size_of("home:/usr/vfs-trunc"), 0);
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 0);
    UTEST_ASSERT_EQ(write(fd, "xy", 2), 2);
    close(fd);
    UTEST_ASSERT_EQ(get("home:/usr/vfs-trunc", buf, sizeof(buf)), 2);
    UTEST_ASSERT_STR_EQ(buf, "xy");
    /* truncate without create on a missing file creates nothing */
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/usr/vfs-trunc-missing?truncate")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/usr/vfs-trunc-missing", &(stat_t){0})), ENOENT);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-trunc"), 0);
}

UTEST(append_flag)
{
    char buf[16];
    UTEST_ASSERT_EQ(put("home:/usr/vfs-app", "abc"), 3);
    fd_t a = open("home:/usr/vfs-app?append");
    fd_t b = open("home:/usr/vfs-app");
    UTEST_ASSERT(a != ERR && b != ERR);
    UTEST_ASSERT_EQ(seek(a, 0, SEEK_SET), 0);
    UTEST_ASSERT_EQ(write(a, "de", 2), 2); /* at the end despite the seek */
    UTEST_ASSERT_EQ(seek(a, 0, SEEK_CUR), 5);
    UTEST_ASSERT_EQ(write(b, "X", 1), 1); /* flags are per open file: b writes at 0 */
    UTEST_ASSERT_EQ(write(a, "f", 1), 1);
    close(a);
    close(b);
    UTEST_ASSERT_EQ(get("home:/usr/vfs-app", buf, sizeof(buf)), 6);
    UTEST_ASSERT_STR_EQ(buf, "Xbcdef");
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-app"), 0);
}

UTEST(exclusive_create)
{
    remove("home:/usr/vfs-excl");
    fd_t fd = open("home:/usr/vfs-excl?create&exclusive");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(write(fd, "1", 1), 1);
    close(fd);
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/usr/vfs-excl?create&exclusive")), EEXIST);
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/usr/vfs-excl?exclusive&create&truncate")), EEXIST);
    UTEST_ASSERT_EQ(size_of("home:/usr/vfs-excl"), 1); /* the refused truncate did nothing */
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/usr/vfs-excl?exclusive")), EINVAL); /* needs create */
    fd = open("home:/usr/vfs-excl?create"); /* create alone opens the existing file */
    UTEST_ASSERT(fd != ERR);
    close(fd);
    UTEST_ASSERT_EQ(size_of("home:/usr/vfs-excl"), 1);
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/usr/vfs-missing")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/usr/vfs-nodir/f?create")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/usr/vfs-excl/f?create")), ENOTDIR);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-excl"), 0);
}

/* ---------------------------------------------------------------- directories */

UTEST(mkdir_and_listing)
{
    dirent_t e[8];
    remove("home:/usr/vfs-dir/b");
    remove("home:/usr/vfs-dir/a");
    remove("home:/usr/vfs-dir/c");
    remove("home:/usr/vfs-dir");
    UTEST_ASSERT_EQ(mkdir("home:/usr/vfs-dir"), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir("home:/usr/vfs-dir")), EEXIST);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir("home:/usr/vfs-nodir/sub")), ENOENT);
    fd_t d = open("home:/usr/vfs-dir");
    UTEST_ASSERT(d != ERR);
    UTEST_ASSERT_EQ(getdirent(d, e, 8), 0); /* empty: no "." or ".." entries */
    close(d);
    UTEST_ASSERT_EQ(put("home:/usr/vfs-dir/b", "bb"), 2);
    UTEST_ASSERT_EQ(put("home:/usr/vfs-dir/a", "a"), 1);
    UTEST_ASSERT_EQ(mkdir("home:/usr/vfs-dir/c"), 0);
    stat_t st;
    UTEST_ASSERT_EQ(stat("home:/usr/vfs-dir", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_DIR);
    UTEST_ASSERT_EQ(st.size, 3); /* entries */
    d = open("home:/usr/vfs-dir");
    UTEST_ASSERT(d != ERR);
    memset(e, 0x7e, sizeof(e));
    UTEST_ASSERT_EQ(getdirent(d, e, 8), 3);
    UTEST_ASSERT_STR_EQ(e[0].name, "a");
    UTEST_ASSERT_EQ(e[0].type, STAT_FILE);
    UTEST_ASSERT_STR_EQ(e[1].name, "b");
    UTEST_ASSERT_EQ(e[1].type, STAT_FILE);
    UTEST_ASSERT_STR_EQ(e[2].name, "c");
    UTEST_ASSERT_EQ(e[2].type, STAT_DIR);
    UTEST_ASSERT_EQ(getdirent(d, e, 8), 0);
    close(d);
    /* one entry at a time continues where the last call stopped */
    d = open("home:/usr/vfs-dir?directory");
    UTEST_ASSERT(d != ERR);
    const char *want[] = { "a", "b", "c" };
    for (int i = 0; i < 3; i++) {
        UTEST_ASSERT_EQ(getdirent(d, e, 1), 1);
        UTEST_ASSERT_STR_EQ(e[0].name, want[i]);
    }
    UTEST_ASSERT_EQ(getdirent(d, e, 1), 0);
    close(d);
    /* a file is not a directory */
    fd_t f = open("home:/usr/vfs-dir/a");
    UTEST_ASSERT(f != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(getdirent(f, e, 1)), ENOTDIR);
    close(f);
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/usr/vfs-dir/a?directory")), ENOTDIR);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir("home:/usr/vfs-dir/a/x")), ENOTDIR);
    UTEST_ASSERT_EQ(FAILS_WITH(getdirent(MAX_FDS - 1, e, 1)), EBADF);
    /* open with create&directory makes a directory */
    d = open("home:/usr/vfs-dir/c/made?create&directory");
    UTEST_ASSERT(d != ERR);
    close(d);
    UTEST_ASSERT_EQ(stat("home:/usr/vfs-dir/c/made", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_DIR);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-dir/c/made"), 0);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-dir/a"), 0);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-dir/b"), 0);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-dir/c"), 0);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-dir"), 0);
}

UTEST(home_root_listing)
{
    static dirent_t e[64];
    fd_t d = open("home:/");
    UTEST_ASSERT(d != ERR);
    int64_t n = getdirent(d, e, 64);
    close(d);
    UTEST_ASSERT(n >= 6);
    const struct {
        const char *name;
        uint32_t type;
    } want[] = { { "README", STAT_FILE }, { "bin", STAT_DIR }, { "cfg", STAT_DIR },
                 { "data", STAT_DIR },    { "tests", STAT_DIR }, { "usr", STAT_DIR } };
    for (size_t w = 0; w < sizeof(want) / sizeof(want[0]); w++) {
        int64_t i = 0;
        while (i < n && strcmp(e[i].name, want[w].name) != 0)
            i++;
        if (i == n) {
            UTEST_FAIL("home:/ has no %s", want[w].name);
            return;
        }
        UTEST_ASSERT_EQ(e[i].type, want[w].type);
    }
    for (int64_t i = 1; i < n; i++) /* sorted by name */
        UTEST_ASSERT(strcmp(e[i - 1].name, e[i].name) < 0);
}

UTEST(remove_errors)
{
    UTEST_ASSERT_EQ(mkdir("home:/usr/vfs-full"), 0);
    UTEST_ASSERT_EQ(put("home:/usr/vfs-full/f", "x"), 1);
    UTEST_ASSERT_EQ(FAILS_WITH(remove("home:/usr/vfs-full")), ENOTEMPTY);
    UTEST_ASSERT_EQ(size_of("home:/usr/vfs-full/f"), 1); /* nothing went */
    UTEST_ASSERT_EQ(FAILS_WITH(remove("home:/usr/vfs-missing")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(remove("home:/usr/vfs-nodir/x")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(remove("home:/usr/vfs-full/f/x")), ENOTDIR);
    UTEST_ASSERT_EQ(FAILS_WITH(remove("home:/")), EBUSY);
    UTEST_ASSERT_EQ(FAILS_WITH(remove("home:/usr/vfs-full/f?truncate")), EINVAL);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-full/f"), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(remove("home:/usr/vfs-full/f")), ENOENT);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-full"), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/usr/vfs-full", &(stat_t){0})), ENOENT);
}

UTEST(sys_refuses_new_names)
{
    UTEST_ASSERT_EQ(FAILS_WITH(open("sys:/vfs-new?create")), EPERM);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir("sys:/vfs-dir")), EPERM);
    UTEST_ASSERT_EQ(FAILS_WITH(remove("sys:/zero")), EPERM);
    UTEST_ASSERT_EQ(FAILS_WITH(rename("sys:/zero", "sys:/zero2")), EPERM);
    UTEST_ASSERT_EQ(FAILS_WITH(remove("sys:/")), EBUSY);
    stat_t st;
    UTEST_ASSERT_EQ(stat("sys:/zero", &st), 0); /* still there */
    UTEST_ASSERT_EQ(FAILS_WITH(stat("sys:/vfs-new", &st)), ENOENT);
}

/* ---------------------------------------------------------------- names */

UTEST(rename_within_label)
{
    char buf[16];
    remove("home:/usr/vfs-r2");
    UTEST_ASSERT_EQ(put("home:/usr/vfs-r1", "data"), 4);
    UTEST_ASSERT_EQ(rename("home:/usr/vfs-r1", "home:/usr/vfs-r2"), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/usr/vfs-r1", &(stat_t){0})), ENOENT);
    UTEST_ASSERT_EQ(get("home:/usr/vfs-r2", buf, sizeof(buf)), 4);
    UTEST_ASSERT_STR_EQ(buf, "data");
    /* over an existing file: it is replaced */
    UTEST_ASSERT_EQ(put("home:/usr/vfs-r3", "other text"), 10);
    UTEST_ASSERT_EQ(rename("home:/usr/vfs-r2", "home:/usr/vfs-r3"), 0);
    UTEST_ASSERT_EQ(get("home:/usr/vfs-r3", buf, sizeof(buf)), 4);
    UTEST_ASSERT_STR_EQ(buf, "data");
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/usr/vfs-r2", &(stat_t){0})), ENOENT);
    /* into a directory and back, and a directory with its contents */
    UTEST_ASSERT_EQ(mkdir("home:/usr/vfs-rd"), 0);
    UTEST_ASSERT_EQ(rename("home:/usr/vfs-r3", "home:/usr/vfs-rd/moved"), 0);
    UTEST_ASSERT_EQ(rename("home:/usr/vfs-rd", "home:/usr/vfs-rd2"), 0);
    UTEST_ASSERT_EQ(get("home:/usr/vfs-rd2/moved", buf, sizeof(buf)), 4);
    /* errors */
    UTEST_ASSERT_EQ(FAILS_WITH(rename("home:/usr/vfs-rd2", "home:/usr/vfs-rd2/sub")), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(rename("home:/usr/vfs-missing", "home:/usr/vfs-x")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(rename("home:/usr/vfs-rd2/moved", "home:/usr/vfs-rd2")), EISDIR);
    UTEST_ASSERT_EQ(FAILS_WITH(rename("home:/usr/vfs-rd2/moved", "home:/usr/vfs-nodir/x")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(rename("home:/", "home:/usr/vfs-root")), EBUSY);
    UTEST_ASSERT_EQ(get("home:/usr/vfs-rd2/moved", buf, sizeof(buf)), 4); /* still there */
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-rd2/moved"), 0);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-rd2"), 0);
}

UTEST(rename_link_across_labels)
{
    UTEST_ASSERT_EQ(put("home:/usr/vfs-x", "x"), 1);
    UTEST_ASSERT_EQ(FAILS_WITH(rename("home:/usr/vfs-x", "sys:/vfs-x")), EXDEV);
    UTEST_ASSERT_EQ(FAILS_WITH(rename("sys:/zero", "home:/usr/vfs-zero")), EXDEV);
    UTEST_ASSERT_EQ(FAILS_WITH(link("home:/usr/vfs-x", "sys:/vfs-x")), EXDEV);
    UTEST_ASSERT_EQ(FAILS_WITH(link("sys:/zero", "home:/usr/vfs-zero")), EXDEV);
    UTEST_ASSERT_EQ(size_of("home:/usr/vfs-x"), 1);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/usr/vfs-zero", &(stat_t){0})), ENOENT);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-x"), 0);
}

UTEST(link_counts)
{
    char buf[16];
    stat_t st;
    remove("home:/usr/vfs-l2");
    UTEST_ASSERT_EQ(put("home:/usr/vfs-l1", "one"), 3);
    UTEST_ASSERT_EQ(stat("home:/usr/vfs-l1", &st), 0);
    UTEST_ASSERT_EQ(st.links, 1);
    UTEST_ASSERT_EQ(link("home:/usr/vfs-l1", "home:/usr/vfs-l2"), 0);
    UTEST_ASSERT_EQ(stat("home:/usr/vfs-l1", &st), 0);
    UTEST_ASSERT_EQ(st.links, 2);
    UTEST_ASSERT_EQ(stat("home:/usr/vfs-l2", &st), 0);
    UTEST_ASSERT_EQ(st.links, 2);
    UTEST_ASSERT_EQ(put("home:/usr/vfs-l2", "two!"), 4); /* one file, two names */
    UTEST_ASSERT_EQ(get("home:/usr/vfs-l1", buf, sizeof(buf)), 4);
    UTEST_ASSERT_STR_EQ(buf, "two!");
    UTEST_ASSERT_EQ(FAILS_WITH(link("home:/usr/vfs-l1", "home:/usr/vfs-l2")), EEXIST);
    UTEST_ASSERT_EQ(FAILS_WITH(link("home:/usr/vfs-missing", "home:/usr/vfs-l3")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(link("home:/usr", "home:/usr/vfs-l3")), EPERM); /* directories */
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/usr/vfs-l3", &st)), ENOENT);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-l1"), 0);
    UTEST_ASSERT_EQ(stat("home:/usr/vfs-l2", &st), 0);
    UTEST_ASSERT_EQ(st.links, 1);
    UTEST_ASSERT_EQ(get("home:/usr/vfs-l2", buf, sizeof(buf)), 4);
    UTEST_ASSERT_STR_EQ(buf, "two!");
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-l2"), 0);
}

UTEST(removed_file_open_until_close)
{
    char buf[32];
    fd_t fd = open("home:/usr/vfs-doomed?create&truncate");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(write(fd, "still here", 10), 10);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-doomed"), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/usr/vfs-doomed")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/usr/vfs-doomed", &(stat_t){0})), ENOENT);
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_SET), 0);
    memset(buf, 0, sizeof(buf));
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 10);
    UTEST_ASSERT_STR_EQ(buf, "still here");
    UTEST_ASSERT_EQ(write(fd, "!", 1), 1); /* still writable */
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_END), 11);
    /* a new file of the same name is a different file */
    UTEST_ASSERT_EQ(put("home:/usr/vfs-doomed", "new"), 3);
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_SET), 0);
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 11);
    UTEST_ASSERT(memcmp(buf, "still here!", 11) == 0);
    UTEST_ASSERT_EQ(close(fd), 0);
    UTEST_ASSERT_EQ(get("home:/usr/vfs-doomed", buf, sizeof(buf)), 3);
    UTEST_ASSERT_STR_EQ(buf, "new");
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-doomed"), 0);
}

/* ---------------------------------------------------------------- stat */

UTEST(stat_kinds)
{
    stat_t st;
    uint64_t before = epoch();
    UTEST_ASSERT_EQ(put("home:/usr/vfs-st", "12345"), 5);
    uint64_t after = epoch();
    memset(&st, 0xee, sizeof(st));
    UTEST_ASSERT_EQ(stat("home:/usr/vfs-st", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_FILE);
    UTEST_ASSERT_EQ(st.size, 5);
    UTEST_ASSERT_EQ(st.links, 1);
    UTEST_ASSERT(st.created_ns >= before - NS_PER_SEC && st.created_ns <= after + NS_PER_SEC);
    UTEST_ASSERT(st.modified_ns >= st.created_ns && st.modified_ns <= after + NS_PER_SEC);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-st"), 0);
    UTEST_ASSERT_EQ(stat("home:/usr", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_DIR);
    UTEST_ASSERT_EQ(stat("home:/", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_DIR);
    UTEST_ASSERT_EQ(stat("home:/bin/tproc", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_FILE);
    UTEST_ASSERT(st.size > 4096);
    UTEST_ASSERT_EQ(stat("sys:/", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_DIR);
    const char *devices[] = { "sys:/zero", "sys:/null", "sys:/klog", "sys:/console" };
    for (size_t i = 0; i < 4; i++) {
        UTEST_ASSERT_EQ(stat(devices[i], &st), 0);
        if (st.type != STAT_DEVICE) {
            UTEST_FAIL("%s has type %u, not a device", devices[i], st.type);
            return;
        }
    }
    UTEST_ASSERT_EQ(stat("sys:/proc", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_DIR);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/usr/vfs-none", &st)), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/README/x", &st)), ENOTDIR);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/README?nonblock", &st)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/README", NULL)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/README", (stat_t *)0xffffffff80000000ull)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(stat(NULL, &st)), EFAULT);
}

UTEST(directory_read_write_eisdir)
{
    char buf[8];
    fd_t d = open("home:/usr");
    UTEST_ASSERT(d != ERR);
    UTEST_ASSERT_EQ(FAILS_WITH(read(d, buf, sizeof(buf))), EISDIR);
    UTEST_ASSERT_EQ(FAILS_WITH(write(d, "x", 1)), EISDIR);
    close(d);
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/usr?truncate")), EISDIR);
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/usr?append")), EISDIR);
    UTEST_ASSERT_EQ(FAILS_WITH(open("home:/?truncate")), EISDIR);
    UTEST_ASSERT_EQ(stat("home:/usr", &(stat_t){0}), 0);
}

UTEST(grow_to_1mib_and_shrink)
{
    static unsigned char block[64 * 1024], back[64 * 1024];
    fd_t fd = open("home:/usr/vfs-big?create&truncate");
    UTEST_ASSERT(fd != ERR);
    for (int i = 0; i < MIB / (int)sizeof(block); i++) {
        for (size_t k = 0; k < sizeof(block); k++)
            block[k] = (unsigned char)(k * 7 + (size_t)i * 13 + (k >> 8));
        UTEST_ASSERT_EQ(write(fd, block, sizeof(block)), sizeof(block));
    }
    UTEST_ASSERT_EQ(size_of("home:/usr/vfs-big"), MIB);
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_END), MIB);
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_SET), 0);
    for (int i = 0; i < MIB / (int)sizeof(block); i++) {
        UTEST_ASSERT_EQ(read(fd, back, sizeof(back)), sizeof(back));
        for (size_t k = 0; k < sizeof(back); k++) {
            if (back[k] != (unsigned char)(k * 7 + (size_t)i * 13 + (k >> 8))) {
                UTEST_FAIL("byte %zu of block %d is %u", k, i, back[k]);
                return;
            }
        }
    }
    UTEST_ASSERT_EQ(read(fd, back, sizeof(back)), 0);
    /* one read of the whole MiB in one call */
    unsigned char *all = malloc(MIB + 100);
    UTEST_ASSERT(all != NULL);
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_SET), 0);
    UTEST_ASSERT_EQ(read(fd, all, MIB + 100), MIB);
    UTEST_ASSERT(memcmp(all + MIB - sizeof(back), back, sizeof(back)) == 0);
    free(all);
    close(fd);
    /* shrink: truncate to nothing, then grow a little again */
    fd = open("home:/usr/vfs-big?truncate");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(size_of("home:/usr/vfs-big"), 0);
    UTEST_ASSERT_EQ(read(fd, back, 16), 0);
    UTEST_ASSERT_EQ(seek(fd, 5000, SEEK_SET), 5000);
    UTEST_ASSERT_EQ(write(fd, "z", 1), 1);
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_SET), 0);
    memset(back, 0xff, 5001);
    UTEST_ASSERT_EQ(read(fd, back, sizeof(back)), 5001); /* old data is gone: zeros */
    for (int k = 0; k < 5000; k++)
        UTEST_ASSERT_EQ(back[k], 0);
    UTEST_ASSERT_EQ(back[5000], 'z');
    close(fd);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-big"), 0);
}

UTEST(bad_buffers_and_descriptors)
{
    char buf[8];
    fd_t fd = open("home:/usr/vfs-bad?create&truncate");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(write(fd, "abcd", 4), 4);
    UTEST_ASSERT_EQ(FAILS_WITH(write(fd, NULL, 4)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(write(fd, (void *)0xffffffff80000000ull, 4)), EFAULT);
    UTEST_ASSERT_EQ(seek(fd, 0, SEEK_SET), 0);
    UTEST_ASSERT_EQ(FAILS_WITH(read(fd, (void *)0xffff800000000000ull, 4)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(read(fd, (void *)0x10, 4)), EFAULT);
    UTEST_ASSERT_EQ(size_of("home:/usr/vfs-bad"), 4);
    UTEST_ASSERT_EQ(read(fd, buf, 0), 0);
    UTEST_ASSERT_EQ(write(fd, buf, 0), 0);
    close(fd);
    UTEST_ASSERT_EQ(FAILS_WITH(read(fd, buf, 1)), EBADF);
    UTEST_ASSERT_EQ(FAILS_WITH(write(fd, buf, 1)), EBADF);
    UTEST_ASSERT_EQ(FAILS_WITH(read(MAX_FDS, buf, 1)), EBADF);
    UTEST_ASSERT_EQ(FAILS_WITH(write(-1, buf, 1)), EBADF);
    UTEST_ASSERT_EQ(remove("home:/usr/vfs-bad"), 0);
}

/* ---------------------------------------------------------------- cwd */

/* The current directory as sys:/proc/self/cwd tells it. */
static int64_t read_cwd(char *buf, size_t size)
{
    return get("sys:/proc/self/cwd", buf, size);
}

UTEST(chdir_then_relative)
{
    char buf[64], start[MAX_PATH + 1];
    UTEST_ASSERT(read_cwd(start, sizeof(start)) > 0);
    UTEST_ASSERT_EQ(mkdir("home:/usr/vfs-cd"), 0);
    UTEST_ASSERT_EQ(chdir("home:/usr/vfs-cd"), 0);
    UTEST_ASSERT(read_cwd(buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, "home:/usr/vfs-cd");
    bool ok = put("rel", "relative") == 8;
    ok = ok && size_of("home:/usr/vfs-cd/rel") == 8 && size_of("./rel") == 8 &&
         size_of("../vfs-cd/rel") == 8 && size_of("/usr/vfs-cd/rel") == 8;
    ok = ok && chdir("..") == 0 && read_cwd(buf, sizeof(buf)) > 0 && !strcmp(buf, "home:/usr");
    ok = ok && size_of("vfs-cd/rel") == 8;
    ok = ok && chdir("vfs-cd/rel") == ERR && errno == ENOTDIR;
    ok = ok && chdir("vfs-cd/none") == ERR && errno == ENOENT;
    ok = ok && chdir("vfs-cd?directory") == ERR && errno == EINVAL;
    ok = ok && read_cwd(buf, sizeof(buf)) > 0 && !strcmp(buf, "home:/usr"); /* unchanged */
    ok = ok && chdir("sys:/") == 0 && read_cwd(buf, sizeof(buf)) > 0 && !strcmp(buf, "sys:/");
    ok = ok && size_of("home:/usr/vfs-cd/rel") == 8;
    int saved = errno;
    chdir(start); /* always back, whatever failed */
    remove("home:/usr/vfs-cd/rel");
    remove("home:/usr/vfs-cd");
    if (!ok) {
        UTEST_FAIL("chdir sequence failed: cwd %s errno %d", buf, saved);
        return;
    }
    UTEST_ASSERT(read_cwd(buf, sizeof(buf)) > 0);
    UTEST_ASSERT_STR_EQ(buf, start);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/usr/vfs-cd", &(stat_t){0})), ENOENT);
}

/* ---------------------------------------------------------------- sys: */

UTEST(sys_zero_reads_zeros)
{
    static unsigned char buf[10000];
    fd_t fd = open("sys:/zero");
    UTEST_ASSERT(fd != ERR);
    memset(buf, 0xa5, sizeof(buf));
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i++)
        UTEST_ASSERT_EQ(buf[i], 0);
    memset(buf, 0xa5, 10);
    UTEST_ASSERT_EQ(read(fd, buf, 3), 3);
    UTEST_ASSERT(buf[0] == 0 && buf[2] == 0 && buf[3] == 0xa5); /* exactly 3 */
    UTEST_ASSERT_EQ(write(fd, "ignored", 7), 7);
    UTEST_ASSERT_EQ(FAILS_WITH(getdirent(fd, (dirent_t *)buf, 1)), ENOTDIR);
    close(fd);
}

UTEST(sys_null_reads_eof)
{
    char buf[16] = "unchanged";
    fd_t fd = open("sys:/null");
    UTEST_ASSERT(fd != ERR);
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 0);
    UTEST_ASSERT_STR_EQ(buf, "unchanged");
    UTEST_ASSERT_EQ(write(fd, "swallowed", 9), 9);
    UTEST_ASSERT_EQ(read(fd, buf, sizeof(buf)), 0);
    close(fd);
}

UTEST(sys_klog_nonblock)
{
    static char buf[4096];
    fd_t fd = open("sys:/klog?nonblock");
    UTEST_ASSERT(fd != ERR);
    int64_t total = 0, n;
    bool first = true, starts_ok = false, has_newline = false;
    /* a nonblocking reader gets what is there, then 0: the loop must end */
    for (int rounds = 0; rounds < 100000 && (n = read(fd, buf, sizeof(buf))) > 0; rounds++) {
        if (first)
            starts_ok = buf[0] == '[';
        first = false;
        has_newline = has_newline || memchr(buf, '\n', (size_t)n) != NULL;
        total += n;
    }
    UTEST_ASSERT_EQ(n, 0);
    close(fd);
    UTEST_ASSERT(total > 0);
    UTEST_ASSERT(starts_ok);
    UTEST_ASSERT(has_newline);
    /* a small buffer gets whole lines over several reads: "[    s.micro] text\n" */
    fd = open("sys:/klog?nonblock");
    UTEST_ASSERT(fd != ERR);
    char line[256];
    size_t len = 0;
    while (len < sizeof(line) - 1 && read(fd, line + len, 1) == 1 && line[len] != '\n')
        len++;
    close(fd);
    line[len] = '\0';
    UTEST_ASSERT(len > 16);
    UTEST_ASSERT_EQ(line[0], '[');
    char *close_bracket = strchr(line, ']');
    UTEST_ASSERT(close_bracket != NULL && close_bracket[1] == ' ');
    UTEST_ASSERT(strchr(line, '.') != NULL && strchr(line, '.') < close_bracket);
    fd = open("sys:/klog?nonblock");
    UTEST_ASSERT(fd != ERR);
    int64_t w = write(fd, "x", 1);
    int saved = errno;
    close(fd);
    UTEST_ASSERT_EQ(w, ERR); /* the log is read-only */
    UTEST_ASSERT_EQ(saved, EINVAL);
}

int main(void)
{
    UTEST_BEGIN("vfs");
    UTEST_RUN(home_file_create_write_read);
    UTEST_RUN(seek_origins);
    UTEST_RUN(truncate_flag);
    UTEST_RUN(append_flag);
    UTEST_RUN(exclusive_create);
    UTEST_RUN(mkdir_and_listing);
    UTEST_RUN(home_root_listing);
    UTEST_RUN(remove_errors);
    UTEST_RUN(sys_refuses_new_names);
    UTEST_RUN(rename_within_label);
    UTEST_RUN(rename_link_across_labels);
    UTEST_RUN(link_counts);
    UTEST_RUN(removed_file_open_until_close);
    UTEST_RUN(stat_kinds);
    UTEST_RUN(directory_read_write_eisdir);
    UTEST_RUN(grow_to_1mib_and_shrink);
    UTEST_RUN(bad_buffers_and_descriptors);
    UTEST_RUN(chdir_then_relative);
    UTEST_RUN(sys_zero_reads_zeros);
    UTEST_RUN(sys_null_reads_eof);
    UTEST_RUN(sys_klog_nonblock);
    return UTEST_END();
}
