/*
 * path.c - the user-space suite `path`: how the kernel reads path names given to the
 * system calls (kernel/fs/path.c): the three forms (label:/a, /a on the current
 * directory's label, relative), `.` and `..` (never above a label's root), labels
 * (syntax errors are EINVAL, unmounted labels ENOENT), the length limits (255-byte
 * components, 4096-byte paths: ENAMETOOLONG), forbidden bytes and empty components
 * (EINVAL), and the open flags after `?` (unknown, repeated, empty: EINVAL; only open
 * takes flags). Scratch files live under home:/usr/path-* and are removed.
 * Run by init in test mode; the harness is tests/user/utest.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

/* errno of a call expected to fail, or -1 if it succeeded. */
#define FAILS_WITH(call) ((call) == ERR ? errno : -1)

/* Size of what @path names, or ERR with errno. */
static int64_t size_of(const char *path)
{
    stat_t st;
    return stat(path, &st) == ERR ? ERR : (int64_t)st.size;
}

/* errno of stat(@path), or -1 if it succeeded. */
static int stat_errno(const char *path)
{
    stat_t st;
    return FAILS_WITH(stat(path, &st));
}

/* errno of open(@path), or -1 if it succeeded (the descriptor is closed again). */
static int open_errno(const char *path)
{
    fd_t fd = open(path);
    if (fd == ERR)
        return errno;
    close(fd);
    return -1;
}

/* Makes @path hold @text. Returns the count written or ERR. */
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

/* The current directory, from sys:/proc/self/cwd, into @buf. */
static bool get_cwd(char *buf, size_t size)
{
    fd_t fd = open("sys:/proc/self/cwd");
    if (fd == ERR)
        return false;
    int64_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        return false;
    buf[n] = '\0';
    return true;
}

static char start_cwd[MAX_PATH + 1];

/* Goes back to the directory the suite started in; false if that failed. */
static bool restore_cwd(void)
{
    return chdir(start_cwd) == 0;
}

/* ---------------------------------------------------------------- forms */

UTEST(three_forms)
{
    UTEST_ASSERT_EQ(put("home:/usr/path-f", "seven!!"), 7);
    UTEST_ASSERT_EQ(chdir("home:/usr"), 0);
    int64_t abs = size_of("home:/usr/path-f");
    int64_t onlabel = size_of("/usr/path-f");
    int64_t rel = size_of("path-f");
    int64_t rel_dot = size_of("./path-f");
    UTEST_ASSERT_EQ(chdir("sys:/"), 0); /* now "/usr/..." is on sys: */
    int onsys_errno = stat_errno("/usr/path-f");
    int rel_errno = stat_errno("path-f");
    stat_t st;
    int zero_rc = stat("/zero", &st);
    int zero_type = (int)st.type;
    int64_t abs_again = size_of("home:/usr/path-f");
    UTEST_ASSERT(restore_cwd());
    UTEST_ASSERT_EQ(abs, 7);
    UTEST_ASSERT_EQ(onlabel, 7);
    UTEST_ASSERT_EQ(rel, 7);
    UTEST_ASSERT_EQ(rel_dot, 7);
    UTEST_ASSERT_EQ(onsys_errno, ENOENT);
    UTEST_ASSERT_EQ(rel_errno, ENOENT);
    UTEST_ASSERT_EQ(zero_rc, 0);
    UTEST_ASSERT_EQ(zero_type, STAT_DEVICE);
    UTEST_ASSERT_EQ(abs_again, 7);
    UTEST_ASSERT_EQ(remove("home:/usr/path-f"), 0);
}

UTEST(dot_and_dotdot)
{
    stat_t st;
    UTEST_ASSERT_EQ(put("home:/usr/path-d", "abc"), 3);
    UTEST_ASSERT_EQ(size_of("home:/usr/./path-d"), 3);
    UTEST_ASSERT_EQ(size_of("home:/usr/../usr/path-d"), 3);
    UTEST_ASSERT_EQ(size_of("home:/bin/../usr/./path-d"), 3);
    UTEST_ASSERT_EQ(size_of("home:/./usr/.././usr/path-d/"), 3); /* one trailing slash */
    int64_t readme = size_of("home:/README");
    UTEST_ASSERT(readme > 0);
    /* `..` never climbs above the label's root */
    UTEST_ASSERT_EQ(size_of("home:/../../README"), readme);
    UTEST_ASSERT_EQ(size_of("home:/usr/../../../../README"), readme);
    UTEST_ASSERT_EQ(size_of("/../README"), readme); /* start_cwd is on home: */
    UTEST_ASSERT_EQ(stat("home:/..", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_DIR);
    UTEST_ASSERT_EQ(FAILS_WITH(remove("home:/..")), EBUSY);        /* it is the root */
    UTEST_ASSERT_EQ(FAILS_WITH(remove("home:/usr/..")), EBUSY);    /* so is this */
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir("home:/usr/.")), EEXIST);     /* home:/usr */
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir("home:/usr/path-d/..")), EEXIST);
    /* relative `..` from a deep directory stops at the root too */
    char cwd[64];
    UTEST_ASSERT_EQ(chdir("home:/usr"), 0);
    int64_t rel = size_of("../../../README");
    int64_t rel2 = size_of("../usr/path-d");
    int rc = chdir("../../..");
    bool got = get_cwd(cwd, sizeof(cwd));
    UTEST_ASSERT(restore_cwd());
    UTEST_ASSERT_EQ(rel, readme);
    UTEST_ASSERT_EQ(rel2, 3);
    UTEST_ASSERT_EQ(rc, 0);
    UTEST_ASSERT(got);
    UTEST_ASSERT_STR_EQ(cwd, "home:/");
    UTEST_ASSERT_EQ(remove("home:/usr/path-d"), 0);
}

UTEST(chdir_normalizes)
{
    char cwd[64];
    UTEST_ASSERT_EQ(chdir("home:/usr/./../bin/"), 0);
    bool a = get_cwd(cwd, sizeof(cwd));
    char first[64];
    strlcpy(first, cwd, sizeof(first));
    int rc = chdir("sys:/proc/self/..");
    bool b = get_cwd(cwd, sizeof(cwd));
    UTEST_ASSERT(restore_cwd());
    UTEST_ASSERT(a && b);
    UTEST_ASSERT_STR_EQ(first, "home:/bin");
    UTEST_ASSERT_EQ(rc, 0);
    UTEST_ASSERT_STR_EQ(cwd, "sys:/proc");
}

/* ---------------------------------------------------------------- labels */

UTEST(bad_labels)
{
    UTEST_ASSERT_EQ(stat_errno("Home:/README"), EINVAL);   /* uppercase */
    UTEST_ASSERT_EQ(stat_errno("HOME:/README"), EINVAL);
    UTEST_ASSERT_EQ(stat_errno("ho-me:/README"), EINVAL);  /* '-' is not allowed */
    UTEST_ASSERT_EQ(stat_errno("ho.me:/README"), EINVAL);
    UTEST_ASSERT_EQ(stat_errno(":/README"), EINVAL);       /* empty */
    UTEST_ASSERT_EQ(stat_errno("home:README"), EINVAL);    /* no '/' after ':' */
    UTEST_ASSERT_EQ(stat_errno("home:"), EINVAL);
    UTEST_ASSERT_EQ(stat_errno(""), EINVAL);               /* nothing at all */
    char label[64];
    memset(label, 'a', 32);
    strcpy(label + 32, ":/x"); /* 32 characters: one too many */
    UTEST_ASSERT_EQ(stat_errno(label), EINVAL);
    UTEST_ASSERT_EQ(open_errno(label), EINVAL);
    memset(label, 'a', 31);
    strcpy(label + 31, ":/x"); /* 31 characters: well formed, just not mounted */
    UTEST_ASSERT_EQ(stat_errno(label), ENOENT);
    UTEST_ASSERT_EQ(open_errno("Home:/README"), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir("Bad:/x")), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(chdir("home")), ENOENT); /* no ':': a relative name */
}

UTEST(unknown_label)
{
    UTEST_ASSERT_EQ(stat_errno("nolabel:/x"), ENOENT);
    UTEST_ASSERT_EQ(stat_errno("nolabel:/"), ENOENT);
    UTEST_ASSERT_EQ(stat_errno("tmp_9:/"), ENOENT);
    UTEST_ASSERT_EQ(open_errno("nolabel:/x?create"), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir("nolabel:/x")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(remove("nolabel:/x")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(chdir("nolabel:/")), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(rename("home:/README", "nolabel:/x")), EXDEV);
    /* the good labels */
    stat_t st;
    UTEST_ASSERT_EQ(stat("home:/", &st), 0);
    UTEST_ASSERT_EQ(stat("sys:/", &st), 0);
}

/* ---------------------------------------------------------------- lengths */

UTEST(component_length)
{
    static char path[MAX_PATH + 64];
    char name[MAX_NAME + 2];
    memset(name, 'n', MAX_NAME);
    name[MAX_NAME] = '\0'; /* 255 bytes: the longest name */
    snprintf(path, sizeof(path), "home:/usr/%s", name);
    UTEST_ASSERT_EQ(put(path, "long"), 4);
    UTEST_ASSERT_EQ(size_of(path), 4);
    fd_t d = open("home:/usr");
    UTEST_ASSERT(d != ERR);
    static dirent_t e[64];
    int64_t n, found = 0;
    while ((n = getdirent(d, e, 64)) > 0)
        for (int64_t i = 0; i < n; i++)
            found += strcmp(e[i].name, name) == 0;
    close(d);
    UTEST_ASSERT_EQ(found, 1); /* listed whole */
    UTEST_ASSERT_EQ(remove(path), 0);
    strcat(name, "n"); /* 256 bytes */
    snprintf(path, sizeof(path), "home:/usr/%s", name);
    UTEST_ASSERT_EQ(stat_errno(path), ENAMETOOLONG);
    UTEST_ASSERT_EQ(open_errno(path), ENAMETOOLONG);
    strcat(path, "?create");
    UTEST_ASSERT_EQ(open_errno(path), ENAMETOOLONG);
    snprintf(path, sizeof(path), "home:/usr/%s/x", name); /* in the middle */
    UTEST_ASSERT_EQ(stat_errno(path), ENAMETOOLONG);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir(name)), ENAMETOOLONG); /* relative */
    snprintf(path, sizeof(path), "home:/usr/%.255s", name);
    UTEST_ASSERT_EQ(stat_errno(path), ENOENT); /* nothing was created by the failures */
}

/* A path of exactly @len bytes naming something missing under home:/usr:
 * "home:/usr/" then 200-byte components and a last, shorter one. */
static void build_long_path(char *buf, size_t len)
{
    size_t pos = (size_t)snprintf(buf, len + 1, "home:/usr/path-missing");
    while (pos < len) {
        buf[pos++] = '/';
        size_t k = len - pos < 200 ? len - pos : 200;
        if (k == 0) { /* never end on a '/' followed by nothing */
            buf[pos - 1] = 'x';
            break;
        }
        memset(buf + pos, 'p', k);
        pos += k;
    }
    buf[len] = '\0';
}

UTEST(whole_path_length)
{
    static char path[MAX_PATH + 64];
    build_long_path(path, MAX_PATH - 1);
    UTEST_ASSERT_EQ(strlen(path), MAX_PATH - 1);
    UTEST_ASSERT_EQ(stat_errno(path), ENOENT); /* parsed, then not found */
    build_long_path(path, MAX_PATH);
    UTEST_ASSERT_EQ(strlen(path), MAX_PATH);
    UTEST_ASSERT_EQ(stat_errno(path), ENOENT); /* 4096 bytes is still a path */
    build_long_path(path, MAX_PATH + 1);
    UTEST_ASSERT_EQ(strlen(path), MAX_PATH + 1);
    UTEST_ASSERT_EQ(stat_errno(path), ENAMETOOLONG);
    UTEST_ASSERT_EQ(open_errno(path), ENAMETOOLONG);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir(path)), ENAMETOOLONG);
    UTEST_ASSERT_EQ(FAILS_WITH(chdir(path)), ENAMETOOLONG);
    /* the text counts, even when `..` would make the result short */
    size_t pos = (size_t)snprintf(path, sizeof(path), "home:/usr");
    while (pos + 3 <= MAX_PATH + 10)
        pos += (size_t)snprintf(path + pos, sizeof(path) - pos, "/..");
    UTEST_ASSERT(strlen(path) > MAX_PATH);
    UTEST_ASSERT_EQ(stat_errno(path), ENAMETOOLONG);
    /* and a short text is fine however many `..` it has */
    path[MAX_PATH - 200] = '\0';
    if (path[strlen(path) - 1] == '/')
        strcat(path, "..");
    while (path[strlen(path) - 1] == '.' && path[strlen(path) - 2] == '/') /* "/." */
        strcat(path, ".");
    UTEST_ASSERT_EQ(size_of(path), size_of("home:/"));
}

UTEST(relative_path_too_long_after_cwd)
{
    /* a relative path that fits alone but not joined to the current directory */
    static char rel[MAX_PATH + 8];
    char dir[300];
    memset(dir, 'q', 250);
    dir[250] = '\0';
    char full[400];
    snprintf(full, sizeof(full), "home:/usr/%s", dir);
    remove(full);
    UTEST_ASSERT_EQ(mkdir(full), 0);
    size_t pos = 0;
    while (pos + 201 <= MAX_PATH - 40) {
        memset(rel + pos, 'r', 200);
        rel[pos + 200] = '/';
        pos += 201;
    }
    memset(rel + pos, 'r', 20);
    rel[pos + 20] = '\0';
    UTEST_ASSERT(strlen(rel) <= MAX_PATH);
    int rc = chdir(full);
    int e = stat_errno(rel); /* home:/usr/qqq.../rrr... is longer than 4096 */
    int e2 = stat_errno("ok");
    UTEST_ASSERT(restore_cwd());
    remove(full);
    UTEST_ASSERT_EQ(rc, 0);
    UTEST_ASSERT_EQ(e, ENAMETOOLONG);
    UTEST_ASSERT_EQ(e2, ENOENT);
}

/* ---------------------------------------------------------------- bytes and components */

UTEST(forbidden_bytes)
{
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-a&b?create"), EINVAL); /* '&' in the name */
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-a&b"), EINVAL);
    UTEST_ASSERT_EQ(stat_errno("home:/usr/path-a&b"), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir("home:/usr/path-a&b")), EINVAL);
    /* a '?' ends the name: what follows must be flags */
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-a?b"), EINVAL);
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-a?b?create"), EINVAL);
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-a?create?truncate"), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir("home:/usr/path-a?b")), EINVAL);
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-\tx?create"), EINVAL);  /* control bytes */
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-\x1bx?create"), EINVAL);
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-\x7fx?create"), EINVAL);
    UTEST_ASSERT_EQ(open_errno("home:/usr/\x01/x"), EINVAL);
    /* none of them made anything */
    UTEST_ASSERT_EQ(stat_errno("home:/usr/path-a"), ENOENT);
    /* bytes above 0x7f and punctuation are fine */
    UTEST_ASSERT_EQ(put("home:/usr/path-\xc3\xa9 x:y!", "u"), 1);
    UTEST_ASSERT_EQ(size_of("home:/usr/path-\xc3\xa9 x:y!"), 1);
    UTEST_ASSERT_EQ(remove("home:/usr/path-\xc3\xa9 x:y!"), 0);
}

UTEST(empty_components)
{
    UTEST_ASSERT_EQ(stat_errno("home:/usr//README"), EINVAL);
    UTEST_ASSERT_EQ(stat_errno("home://usr"), EINVAL);
    UTEST_ASSERT_EQ(stat_errno("home:/usr//"), EINVAL);       /* only one trailing '/' */
    UTEST_ASSERT_EQ(stat_errno("home://"), EINVAL);
    UTEST_ASSERT_EQ(stat_errno("//usr"), EINVAL);
    UTEST_ASSERT_EQ(open_errno("a//b"), EINVAL);
    UTEST_ASSERT_EQ(open_errno("a//b?create"), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir("home:/usr//path-e")), EINVAL);
    UTEST_ASSERT_EQ(stat_errno("home:/usr/path-e"), ENOENT);
    stat_t st; /* while one trailing slash is allowed */
    UTEST_ASSERT_EQ(stat("home:/usr/", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_DIR);
    UTEST_ASSERT_EQ(stat("home:/", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_DIR);
}

/* ---------------------------------------------------------------- flags */

UTEST(flag_errors)
{
    remove("home:/usr/path-x");
    const char *bad[] = {
        "home:/usr/path-x?",                 /* empty */
        "home:/usr/path-x?create&",          /* empty last */
        "home:/usr/path-x?&create",          /* empty first */
        "home:/usr/path-x?create&&truncate", /* empty middle */
        "home:/usr/path-x?create&create",    /* repeated */
        "home:/usr/path-x?truncate&create&truncate",
        "home:/usr/path-x?bogus",            /* unknown */
        "home:/usr/path-x?create&bogus",
        "home:/usr/path-x?Create",           /* case matters */
        "home:/usr/path-x?create ",          /* no spaces */
        "home:/usr/path-x?creat",            /* no prefixes */
        "home:/usr/path-x?createx",
        "home:/usr/path-x?exclusive",        /* exclusive needs create */
        "?create",                           /* no name */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int e = open_errno(bad[i]);
        if (e != EINVAL) {
            UTEST_FAIL("open(\"%s\") gave %d, not EINVAL", bad[i], e);
            return;
        }
    }
    UTEST_ASSERT_EQ(stat_errno("home:/usr/path-x"), ENOENT); /* nothing was created */
}

UTEST(flags_only_for_open)
{
    UTEST_ASSERT_EQ(put("home:/usr/path-g", "g"), 1);
    UTEST_ASSERT_EQ(stat_errno("home:/usr/path-g?nonblock"), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir("home:/usr/path-h?create")), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(remove("home:/usr/path-g?create")), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(chdir("home:/usr?directory")), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(rename("home:/usr/path-g?append", "home:/usr/path-h")), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(rename("home:/usr/path-g", "home:/usr/path-h?create")), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(link("home:/usr/path-g", "home:/usr/path-h?create")), EINVAL);
    UTEST_ASSERT_EQ(size_of("home:/usr/path-g"), 1); /* nothing moved or went */
    UTEST_ASSERT_EQ(stat_errno("home:/usr/path-h"), ENOENT);
    UTEST_ASSERT_EQ(remove("home:/usr/path-g"), 0);
}

UTEST(valid_flag_sets)
{
    remove("home:/usr/path-v");
    /* any order, every known flag */
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-v?truncate&create"), -1);
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-v?nonblock"), -1);
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-v?append&nonblock&truncate"), -1);
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-v?create&exclusive"), EEXIST);
    UTEST_ASSERT_EQ(remove("home:/usr/path-v"), 0);
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-v?exclusive&create&append&truncate&nonblock"), -1);
    UTEST_ASSERT_EQ(remove("home:/usr/path-v"), 0);
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-v?directory&create"), -1);
    stat_t st;
    UTEST_ASSERT_EQ(stat("home:/usr/path-v", &st), 0);
    UTEST_ASSERT_EQ(st.type, STAT_DIR);
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-v?directory"), -1);
    UTEST_ASSERT_EQ(open_errno("home:/usr/path-v/?directory"), -1);
    UTEST_ASSERT_EQ(remove("home:/usr/path-v"), 0);
    /* flags apply to the relative form too */
    char cwd[64];
    UTEST_ASSERT(get_cwd(cwd, sizeof(cwd)));
    UTEST_ASSERT_EQ(chdir("home:/usr"), 0);
    int e1 = open_errno("path-w?create");
    int e2 = open_errno("path-w?create&exclusive");
    int e3 = FAILS_WITH(remove("path-w"));
    UTEST_ASSERT(restore_cwd());
    UTEST_ASSERT_EQ(e1, -1);
    UTEST_ASSERT_EQ(e2, EEXIST);
    UTEST_ASSERT_EQ(e3, -1);
}

UTEST(proc_self_rewrite)
{
    char name[64];
    stat_t a, b;
    UTEST_ASSERT_EQ(stat("sys:/proc/self", &a), 0);
    UTEST_ASSERT_EQ(a.type, STAT_DIR);
    snprintf(name, sizeof(name), "sys:/proc/%lld", (long long)getpid());
    UTEST_ASSERT(strlen(name) <= 14); /* the rewrite below never lengthens the path */
    UTEST_ASSERT_EQ(stat(name, &b), 0);
    UTEST_ASSERT_EQ(a.size, b.size);
    UTEST_ASSERT_EQ(stat("sys:/proc/self/", &a), 0);
    UTEST_ASSERT_EQ(stat("sys:/proc/self/status", &a), 0);
    UTEST_ASSERT_EQ(a.type, STAT_DEVICE);
    UTEST_ASSERT_EQ(stat_errno("sys:/proc/selfish"), ENOENT); /* only the whole word */
    UTEST_ASSERT_EQ(stat_errno("sys:/proc/sel"), ENOENT);
    UTEST_ASSERT_EQ(open_errno("sys:/proc/self?bogus"), EINVAL);
    /* a long name through "self" is rewritten whole: "sys:/proc/self/./././..." */
    static char path[MAX_PATH + 8];
    size_t pos = (size_t)snprintf(path, sizeof(path), "sys:/proc/self");
    while (pos + 2 <= MAX_PATH - 6)
        pos += (size_t)snprintf(path + pos, sizeof(path) - pos, "/.");
    strcat(path, "/cwd");
    UTEST_ASSERT(strlen(path) > MAX_PATH - 8 && strlen(path) < MAX_PATH);
    UTEST_ASSERT_EQ(stat(path, &a), 0);
    UTEST_ASSERT_EQ(a.type, STAT_DEVICE);
}

UTEST(bad_path_pointers)
{
    stat_t st;
    UTEST_ASSERT_EQ(FAILS_WITH(open(NULL)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(open((const char *)0xffffffff80000000ull)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(stat((const char *)1, &st)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(mkdir((const char *)0x800000000000ull)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(rename("home:/README", NULL)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(chdir(NULL)), EFAULT);
    /* a name running into an unmapped page */
    fd_t z = open("sys:/zero");
    UTEST_ASSERT(z != ERR);
    char *page = mmap(z, NULL, 8192, PROT_READ | PROT_WRITE);
    close(z);
    UTEST_ASSERT(page != NULL);
    UTEST_ASSERT_EQ(munmap(page + 4096, 4096), 0);
    memset(page, 'a', 4096); /* no NUL before the hole, which is closer than MAX_PATH */
    memcpy(page + 100, "home:/", 6);
    UTEST_ASSERT_EQ(FAILS_WITH(stat(page + 100, &st)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(open(page + 4095)), EFAULT); /* one byte, then the hole */
    memcpy(page + 4090, "/READ", 6); /* ...unless the NUL is inside: "home:/aaa.../READ" */
    page[4095] = '\0';
    UTEST_ASSERT_EQ(FAILS_WITH(stat(page + 4000, &st)), ENOENT); /* "aaa.../READ", relative */
    munmap(page, 4096);
    UTEST_ASSERT_EQ(stat("home:/README", &st), 0);
}

int main(void)
{
    UTEST_BEGIN("path");
    if (!get_cwd(start_cwd, sizeof(start_cwd)))
        strlcpy(start_cwd, "home:/", sizeof(start_cwd));
    UTEST_RUN(three_forms);
    UTEST_RUN(dot_and_dotdot);
    UTEST_RUN(chdir_normalizes);
    UTEST_RUN(bad_labels);
    UTEST_RUN(unknown_label);
    UTEST_RUN(component_length);
    UTEST_RUN(whole_path_length);
    UTEST_RUN(relative_path_too_long_after_cwd);
    UTEST_RUN(forbidden_bytes);
    UTEST_RUN(empty_components);
    UTEST_RUN(flag_errors);
    UTEST_RUN(flags_only_for_open);
    UTEST_RUN(valid_flag_sets);
    UTEST_RUN(proc_self_rewrite);
    UTEST_RUN(bad_path_pointers);
    return UTEST_END();
}
