/*
 * test_vfs.c - the VFS, ramfs, sysfs and descriptor tables, through the calls the
 * system-call layer makes (vfs_*, file_*, fdtable_*). Most tests work in a scratch
 * ramfs mounted at "vt:" and end by checking that the heap and ramfs's data pages are
 * back where they started; the RAM-disk tests read the real home:, the sys: tests the
 * real sys:. fs_init() is called here because kmain does not mount anything yet.
 */
#include "test/ktest.h"
#include <abi/boot_info.h>
#include <abi/errno.h>
#include "fs/fdtable.h"
#include "fs/fs.h"
#include "fs/ramfs.h"
#include "fs/sysfs.h"
#include "fs/vfs.h"
#include "lib/fmt.h"
#include "lib/string.h"
#include "log/log.h"
#include "mm/kmalloc.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"
#include "test/test_util.h"
#include "time/clock.h"

extern const boot_info_t *kmain_boot_info;

#define CWD "vt:/"

static size_t heap_start, data_start;
static uint64_t threads_start;

/* Mounts an empty ramfs at vt: and records the heap and ramfs usage to return to. */
static int scratch_begin(void)
{
    fs_init(kmain_boot_info);
    vfs_unmount("vt"); /* left over by a failed test */
    test_quiesce();
    threads_start = thread_count();
    vfs_trim();
    heap_start = kmalloc_usage();
    data_start = ramfs_data_bytes();
    vnode_t *root = ramfs_create();
    if (!root)
        return -ENOMEM;
    int rc = vfs_mount("vt", root);
    vfs_vnode_unref(root);
    return rc;
}

/* Unmounts vt: and says whether everything it used was freed. */
static bool scratch_end_clean(void)
{
    vfs_unmount("vt");
    test_wait_threads(threads_start);
    vfs_trim();
    if (kmalloc_usage() != heap_start || ramfs_data_bytes() != data_start)
        log_info("vfs-ktest: heap %lu -> %lu, ramfs data %lu -> %lu", (uint64_t)heap_start,
                 (uint64_t)kmalloc_usage(), (uint64_t)data_start, (uint64_t)ramfs_data_bytes());
    return kmalloc_usage() == heap_start && ramfs_data_bytes() == data_start;
}

static file_t *open_ok(const char *path)
{
    file_t *f = NULL;
    return vfs_open(path, CWD, &f) ? NULL : f;
}

static int open_rc(const char *path)
{
    file_t *f = NULL;
    int rc = vfs_open(path, CWD, &f);
    if (!rc)
        file_unref(f);
    return rc;
}

/* Writes @text as the whole content of @path (created as needed). */
static int64_t put(const char *path, const char *text)
{
    char p[128];
    fmt_snprintf(p, sizeof(p), "%s?create&truncate", path);
    file_t *f = open_ok(p);
    if (!f)
        return -1;
    int64_t n = file_write(f, text, strlen(text));
    file_unref(f);
    return n;
}

/* Reads @path whole into @buf (NUL-terminated); returns the length or -errno. */
static int64_t get(const char *path, char *buf, size_t size)
{
    file_t *f;
    int rc = vfs_open(path, CWD, &f);
    if (rc)
        return rc;
    int64_t n = file_read(f, buf, size - 1);
    file_unref(f);
    buf[n < 0 ? 0 : n] = '\0';
    return n;
}

static uint64_t stat_field(const char *path, int which)
{
    stat_t st;
    if (vfs_stat(path, CWD, &st))
        return (uint64_t)-1;
    return which == 0 ? st.size : which == 1 ? st.type : st.links;
}
#define SIZE_OF(p) stat_field((p), 0)
#define TYPE_OF(p) stat_field((p), 1)
#define LINKS_OF(p) stat_field((p), 2)

/* ---------------------------------------------------------------- files */

KTEST(vfs, create_write_read)
{
    char buf[32] = {0};
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    file_t *f = open_ok("a.txt?create");
    KTEST_ASSERT(f);
    KTEST_ASSERT_EQ(file_write(f, "hello world", 11), 11);
    KTEST_ASSERT_EQ(file_seek(f, 0, SEEK_SET), 0);
    KTEST_ASSERT_EQ(file_read(f, buf, sizeof(buf)), 11);
    KTEST_ASSERT_STR_EQ(buf, "hello world");
    KTEST_ASSERT_EQ(file_read(f, buf, sizeof(buf)), 0); /* end of file */
    file_unref(f);
    KTEST_ASSERT_EQ(SIZE_OF("vt:/a.txt"), 11);
    KTEST_ASSERT_EQ(TYPE_OF("/a.txt"), STAT_FILE);
    KTEST_ASSERT_EQ(LINKS_OF("a.txt"), 1);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, seek_origins_and_errors)
{
    char buf[8] = {0};
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(put("s", "0123456789"), 10);
    file_t *f = open_ok("s");
    KTEST_ASSERT(f);
    KTEST_ASSERT_EQ(file_seek(f, 4, SEEK_SET), 4);
    KTEST_ASSERT_EQ(file_seek(f, 2, SEEK_CUR), 6);
    KTEST_ASSERT_EQ(file_read(f, buf, 2), 2);
    KTEST_ASSERT_STR_EQ(buf, "67");
    KTEST_ASSERT_EQ(file_seek(f, -3, SEEK_END), 7);
    KTEST_ASSERT_EQ(file_seek(f, -11, SEEK_END), -EINVAL);
    KTEST_ASSERT_EQ(file_seek(f, 0, 3), -EINVAL);
    KTEST_ASSERT_EQ(file_seek(f, INT64_MAX, SEEK_CUR), -EINVAL); /* overflow */
    KTEST_ASSERT_EQ(file_seek(f, 0, SEEK_CUR), 7);                /* unchanged by errors */
    file_unref(f);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, truncate_flag_empties)
{
    char buf[16];
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(put("t", "abcdef"), 6);
    KTEST_ASSERT_EQ(open_rc("t?truncate"), 0);
    KTEST_ASSERT_EQ(SIZE_OF("t"), 0);
    KTEST_ASSERT_EQ(get("t", buf, sizeof(buf)), 0);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, append_writes_at_end)
{
    char buf[16];
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(put("l", "abc"), 3);
    file_t *f = open_ok("l?append");
    KTEST_ASSERT(f);
    KTEST_ASSERT_EQ(file_seek(f, 0, SEEK_SET), 0);
    KTEST_ASSERT_EQ(file_write(f, "def", 3), 3);
    KTEST_ASSERT_EQ(file_seek(f, 0, SEEK_CUR), 6);
    file_unref(f);
    KTEST_ASSERT_EQ(get("l", buf, sizeof(buf)), 6);
    KTEST_ASSERT_STR_EQ(buf, "abcdef");
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, grow_and_shrink_frees_chunks)
{
    static char big[5 * 4096 + 100];
    char b = 0;
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = (char)('a' + i % 23);
    file_t *f = open_ok("g?create");
    KTEST_ASSERT(f);
    KTEST_ASSERT_EQ(file_write(f, big, sizeof(big)), sizeof(big));
    KTEST_ASSERT_EQ(ramfs_data_bytes(), data_start + 6 * RAMFS_CHUNK);
    KTEST_ASSERT_EQ(f->node->ops->truncate(f->node, 4097), 0); /* shrink to 2 chunks */
    KTEST_ASSERT_EQ(ramfs_data_bytes(), data_start + 2 * RAMFS_CHUNK);
    KTEST_ASSERT_EQ(f->node->ops->truncate(f->node, 10000), 0); /* grow: a hole */
    KTEST_ASSERT_EQ(file_seek(f, 4096, SEEK_SET), 4096);
    KTEST_ASSERT_EQ(file_read(f, &b, 1), 1);
    KTEST_ASSERT_EQ(b, big[4096]);
    KTEST_ASSERT_EQ(file_read(f, &b, 1), 1);
    KTEST_ASSERT_EQ(b, 0); /* cut bytes do not come back */
    file_unref(f);
    KTEST_ASSERT_EQ(open_rc("g?truncate"), 0);
    KTEST_ASSERT_EQ(ramfs_data_bytes(), data_start);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, hole_reads_zeros_and_costs_nothing)
{
    static char buf[3 * 4096 + 8];
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    file_t *f = open_ok("h?create");
    KTEST_ASSERT(f);
    KTEST_ASSERT_EQ(file_seek(f, 3 * 4096 + 5, SEEK_SET), 3 * 4096 + 5);
    KTEST_ASSERT_EQ(file_write(f, "x", 1), 1);
    KTEST_ASSERT_EQ(ramfs_data_bytes(), data_start + RAMFS_CHUNK);
    KTEST_ASSERT_EQ(file_seek(f, 0, SEEK_SET), 0);
    memset(buf, 0x55, sizeof(buf));
    KTEST_ASSERT_EQ(file_read(f, buf, sizeof(buf)), 3 * 4096 + 6);
    for (size_t i = 0; i < 3 * 4096 + 5; i++)
        KTEST_ASSERT_EQ(buf[i], 0);
    KTEST_ASSERT_EQ(buf[3 * 4096 + 5], 'x');
    file_unref(f);
    KTEST_ASSERT(scratch_end_clean());
}

#define APPENDS_PER_CPU 100

static void append_worker(void *arg)
{
    char rec[9];
    file_t *f = open_ok("log?append");
    for (unsigned i = 0; f && i < APPENDS_PER_CPU; i++) {
        fmt_snprintf(rec, sizeof(rec), "<%02u:%03u>", (unsigned)(uint64_t)arg % 100, i);
        file_write(f, rec, 8);
    }
    file_unref(f);
}

KTEST(vfs, concurrent_appends_stay_whole)
{
    char rec[8];
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(open_rc("log?create"), 0);
    test_on_each_cpu(append_worker, THREAD_PRIO_NORMAL);
    KTEST_ASSERT_EQ(SIZE_OF("log"), (uint64_t)cpu_count() * APPENDS_PER_CPU * 8);
    file_t *f = open_ok("log");
    KTEST_ASSERT(f);
    while (file_read(f, rec, 8) == 8)
        KTEST_ASSERT(rec[0] == '<' && rec[3] == ':' && rec[7] == '>'); /* no interleaving */
    file_unref(f);
    KTEST_ASSERT(scratch_end_clean());
}

/* ---------------------------------------------------------------- directories and names */

KTEST(vfs, directory_listing_sorted)
{
    dirent_t d[8];
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(vfs_mkdir("d", CWD), 0);
    KTEST_ASSERT_EQ(put("d/b", "2"), 1);
    KTEST_ASSERT_EQ(put("d/a", "1"), 1);
    KTEST_ASSERT_EQ(put("d/c", "3"), 1);
    KTEST_ASSERT_EQ(vfs_mkdir("d/sub", CWD), 0);
    KTEST_ASSERT_EQ(SIZE_OF("d"), 4);
    file_t *f = open_ok("d?directory");
    KTEST_ASSERT(f);
    KTEST_ASSERT_EQ(file_getdirent(f, d, 2), 2);
    KTEST_ASSERT_STR_EQ(d[0].name, "a");
    KTEST_ASSERT_STR_EQ(d[1].name, "b");
    KTEST_ASSERT_EQ(file_getdirent(f, d, 8), 2);
    KTEST_ASSERT_STR_EQ(d[0].name, "c");
    KTEST_ASSERT_EQ(d[0].type, STAT_FILE);
    KTEST_ASSERT_STR_EQ(d[1].name, "sub");
    KTEST_ASSERT_EQ(d[1].type, STAT_DIR);
    KTEST_ASSERT_EQ(file_getdirent(f, d, 8), 0); /* the end */
    KTEST_ASSERT_EQ(file_seek(f, 0, SEEK_SET), 0);
    KTEST_ASSERT_EQ(file_getdirent(f, d, 8), 4);
    KTEST_ASSERT_EQ(file_read(f, d, 1), -EISDIR);
    KTEST_ASSERT_EQ(file_write(f, "x", 1), -EISDIR);
    file_unref(f);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, mkdir_and_its_errors)
{
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(vfs_mkdir("m", CWD), 0);
    KTEST_ASSERT_EQ(TYPE_OF("m"), STAT_DIR);
    KTEST_ASSERT_EQ(vfs_mkdir("m", CWD), -EEXIST);
    KTEST_ASSERT_EQ(vfs_mkdir("vt:/", CWD), -EEXIST);
    KTEST_ASSERT_EQ(vfs_mkdir("nope/x", CWD), -ENOENT);
    KTEST_ASSERT_EQ(put("f", "x"), 1);
    KTEST_ASSERT_EQ(vfs_mkdir("f/x", CWD), -ENOTDIR);
    KTEST_ASSERT_EQ(vfs_mkdir("m2?create", CWD), -EINVAL); /* flags only for open */
    KTEST_ASSERT_EQ(vfs_mkdir("nolabel:/x", CWD), -ENOENT);
    KTEST_ASSERT_EQ(open_rc("n?create&directory"), 0);   /* open can make directories too */
    KTEST_ASSERT_EQ(TYPE_OF("n"), STAT_DIR);
    KTEST_ASSERT_EQ(open_rc("n?create&directory&exclusive"), -EEXIST);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, open_errors)
{
    static char longpath[MAX_PATH + 2];
    char name[MAX_NAME + 2];
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(put("f", "x"), 1);
    KTEST_ASSERT_EQ(vfs_mkdir("d", CWD), 0);
    KTEST_ASSERT_EQ(open_rc("missing"), -ENOENT);
    KTEST_ASSERT_EQ(open_rc("f?directory"), -ENOTDIR);
    KTEST_ASSERT_EQ(open_rc("f/x"), -ENOTDIR);
    KTEST_ASSERT_EQ(open_rc("f/x?create"), -ENOTDIR);
    KTEST_ASSERT_EQ(open_rc("f?create&exclusive"), -EEXIST);
    KTEST_ASSERT_EQ(open_rc("d?truncate"), -EISDIR);
    KTEST_ASSERT_EQ(open_rc("d?append"), -EISDIR);
    KTEST_ASSERT_EQ(open_rc("f?bogus"), -EINVAL);
    KTEST_ASSERT_EQ(open_rc("a//b"), -EINVAL);
    KTEST_ASSERT_EQ(open_rc("nolabel:/f"), -ENOENT);
    memset(name, 'n', MAX_NAME + 1);
    name[MAX_NAME + 1] = '\0';
    KTEST_ASSERT_EQ(open_rc(name), -ENAMETOOLONG);
    memset(longpath, 'a', sizeof(longpath) - 1);
    KTEST_ASSERT_EQ(open_rc(longpath), -ENAMETOOLONG);
    file_t *f = open_ok("f");
    KTEST_ASSERT(f);
    dirent_t de;
    KTEST_ASSERT_EQ(file_getdirent(f, &de, 1), -ENOTDIR);
    KTEST_ASSERT_EQ(file_ioctl(f, 1, NULL, 0), -ENOTTY);
    file_t *two[2];
    KTEST_ASSERT_EQ(vfs_open2("f", CWD, two), -EINVAL); /* a plain file has no two ends */
    file_unref(f);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, remove_and_its_errors)
{
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(vfs_mkdir("d", CWD), 0);
    KTEST_ASSERT_EQ(put("d/f", "x"), 1);
    KTEST_ASSERT_EQ(vfs_remove("d", CWD), -ENOTEMPTY);
    KTEST_ASSERT_EQ(vfs_remove("d/f", CWD), 0);
    KTEST_ASSERT_EQ(vfs_stat("d/f", CWD, &(stat_t){0}), -ENOENT);
    KTEST_ASSERT_EQ(vfs_remove("d/f", CWD), -ENOENT);
    KTEST_ASSERT_EQ(vfs_remove("d/f/g", CWD), -ENOENT);
    KTEST_ASSERT_EQ(vfs_remove("d", CWD), 0);
    KTEST_ASSERT_EQ(vfs_remove("vt:/", CWD), -EBUSY);
    KTEST_ASSERT_EQ(vfs_remove("/", CWD), -EBUSY);
    KTEST_ASSERT_EQ(vfs_remove("..", CWD), -EBUSY);
    KTEST_ASSERT_EQ(vfs_remove("home:/", CWD), -EBUSY);
    KTEST_ASSERT_EQ(SIZE_OF("vt:/"), 0);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, rename_moves_and_replaces)
{
    char buf[16];
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(vfs_mkdir("d", CWD), 0);
    KTEST_ASSERT_EQ(put("a", "alpha"), 5);
    KTEST_ASSERT_EQ(put("d/b", "beta"), 4);
    KTEST_ASSERT_EQ(vfs_rename("a", "d/a2", CWD), 0);
    KTEST_ASSERT_EQ(open_rc("a"), -ENOENT);
    KTEST_ASSERT_EQ(get("d/a2", buf, sizeof(buf)), 5);
    KTEST_ASSERT_EQ(vfs_rename("d/a2", "d/b", CWD), 0); /* replaces b, which is freed */
    KTEST_ASSERT_EQ(get("d/b", buf, sizeof(buf)), 5);
    KTEST_ASSERT_STR_EQ(buf, "alpha");
    KTEST_ASSERT_EQ(SIZE_OF("d"), 1);
    KTEST_ASSERT_EQ(vfs_rename("d", "e", CWD), 0); /* a directory with its contents */
    KTEST_ASSERT_EQ(get("e/b", buf, sizeof(buf)), 5);
    KTEST_ASSERT_EQ(vfs_rename("e/b", "vt:/e/./b", CWD), 0); /* onto itself: nothing */
    KTEST_ASSERT_EQ(get("e/b", buf, sizeof(buf)), 5);
    KTEST_ASSERT_EQ(vfs_mkdir("empty", CWD), 0);
    KTEST_ASSERT_EQ(vfs_mkdir("e2", CWD), 0);
    KTEST_ASSERT_EQ(vfs_rename("e", "e2", CWD), 0); /* onto an empty directory */
    KTEST_ASSERT_EQ(get("e2/b", buf, sizeof(buf)), 5);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, rename_errors)
{
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(vfs_mkdir("d", CWD), 0);
    KTEST_ASSERT_EQ(vfs_mkdir("d/sub", CWD), 0);
    KTEST_ASSERT_EQ(vfs_mkdir("full", CWD), 0);
    KTEST_ASSERT_EQ(put("full/x", "x"), 1);
    KTEST_ASSERT_EQ(put("f", "x"), 1);
    KTEST_ASSERT_EQ(vfs_rename("f", "home:/usr/f", CWD), -EXDEV);
    KTEST_ASSERT_EQ(vfs_rename("d", "d/sub/d", CWD), -EINVAL);
    KTEST_ASSERT_EQ(vfs_rename("d", "d", CWD), 0);
    KTEST_ASSERT_EQ(vfs_rename("missing", "x", CWD), -ENOENT);
    KTEST_ASSERT_EQ(vfs_rename("f", "nodir/x", CWD), -ENOENT);
    KTEST_ASSERT_EQ(vfs_rename("f", "f/x", CWD), -ENOTDIR);
    KTEST_ASSERT_EQ(vfs_rename("f", "d", CWD), -EISDIR);
    KTEST_ASSERT_EQ(vfs_rename("d", "f", CWD), -ENOTDIR);
    KTEST_ASSERT_EQ(vfs_rename("d", "full", CWD), -ENOTEMPTY);
    KTEST_ASSERT_EQ(vfs_rename("vt:/", "x", CWD), -EBUSY);
    KTEST_ASSERT_EQ(vfs_rename("d", "/", CWD), -EBUSY);
    KTEST_ASSERT_EQ(TYPE_OF("d/sub"), STAT_DIR); /* nothing moved */
    KTEST_ASSERT_EQ(TYPE_OF("f"), STAT_FILE);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, link_and_its_errors)
{
    char buf[16];
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(put("a", "one"), 3);
    KTEST_ASSERT_EQ(vfs_mkdir("d", CWD), 0);
    KTEST_ASSERT_EQ(vfs_link("a", "d/b", CWD), 0);
    KTEST_ASSERT_EQ(LINKS_OF("a"), 2);
    KTEST_ASSERT_EQ(put("d/b", "two"), 3); /* one file, two names */
    KTEST_ASSERT_EQ(get("a", buf, sizeof(buf)), 3);
    KTEST_ASSERT_STR_EQ(buf, "two");
    KTEST_ASSERT_EQ(vfs_rename("a", "d/b", CWD), 0); /* two links of one file: nothing */
    KTEST_ASSERT_EQ(LINKS_OF("a"), 2);
    KTEST_ASSERT_EQ(vfs_remove("a", CWD), 0);
    KTEST_ASSERT_EQ(LINKS_OF("d/b"), 1);
    KTEST_ASSERT_EQ(get("d/b", buf, sizeof(buf)), 3);
    KTEST_ASSERT_EQ(vfs_link("d", "d2", CWD), -EPERM);
    KTEST_ASSERT_EQ(vfs_link("d/b", "home:/usr/b", CWD), -EXDEV);
    KTEST_ASSERT_EQ(vfs_link("d/b", "d/b", CWD), -EEXIST);
    KTEST_ASSERT_EQ(vfs_link("missing", "m", CWD), -ENOENT);
    KTEST_ASSERT_EQ(vfs_link("d/b", "nodir/b", CWD), -ENOENT);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, removed_open_file_lives_until_close)
{
    static char data[3 * 4096];
    char buf[8];
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    memset(data, 'r', sizeof(data));
    file_t *f = open_ok("doomed?create");
    KTEST_ASSERT(f);
    KTEST_ASSERT_EQ(file_write(f, data, sizeof(data)), sizeof(data));
    KTEST_ASSERT_EQ(vfs_remove("doomed", CWD), 0);
    KTEST_ASSERT_EQ(open_rc("doomed"), -ENOENT);
    KTEST_ASSERT_EQ(file_seek(f, 4096, SEEK_SET), 4096);
    KTEST_ASSERT_EQ(file_read(f, buf, 4), 4);
    KTEST_ASSERT_EQ(buf[3], 'r');
    KTEST_ASSERT_EQ(file_write(f, "more", 4), 4); /* still writable */
    KTEST_ASSERT_EQ(ramfs_data_bytes(), data_start + 3 * RAMFS_CHUNK);
    file_unref(f); /* the last reference: data and node go now */
    KTEST_ASSERT_EQ(ramfs_data_bytes(), data_start);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, chdir_check_normalizes)
{
    char out[MAX_PATH + 1];
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(vfs_mkdir("d", CWD), 0);
    KTEST_ASSERT_EQ(vfs_mkdir("d/sub", CWD), 0);
    KTEST_ASSERT_EQ(put("d/f", "x"), 1);
    KTEST_ASSERT_EQ(vfs_chdir_check("d/../d/./sub/", CWD, out), 0);
    KTEST_ASSERT_STR_EQ(out, "vt:/d/sub");
    KTEST_ASSERT_EQ(vfs_chdir_check("..", "vt:/d/sub", out), 0);
    KTEST_ASSERT_STR_EQ(out, "vt:/d");
    KTEST_ASSERT_EQ(vfs_chdir_check("d/f", CWD, out), -ENOTDIR);
    KTEST_ASSERT_EQ(vfs_chdir_check("d/none", CWD, out), -ENOENT);
    KTEST_ASSERT_EQ(vfs_chdir_check("d?directory", CWD, out), -EINVAL);
    KTEST_ASSERT_STR_EQ(out, "vt:/d"); /* untouched by errors */
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, stat_fields_and_times)
{
    stat_t st;
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    KTEST_ASSERT_EQ(put("f", "12345"), 5);
    KTEST_ASSERT_EQ(vfs_stat("f", CWD, &st), 0);
    KTEST_ASSERT_EQ(st.type, STAT_FILE);
    KTEST_ASSERT_EQ(st.size, 5);
    KTEST_ASSERT_EQ(st.links, 1);
    KTEST_ASSERT(st.created_ns > 0 && st.modified_ns >= st.created_ns);
    uint64_t before = st.modified_ns;
    KTEST_ASSERT_EQ(put("f", "123456"), 6);
    KTEST_ASSERT_EQ(vfs_stat("f", CWD, &st), 0);
    KTEST_ASSERT(st.modified_ns >= before);
    KTEST_ASSERT_EQ(vfs_stat("vt:/", CWD, &st), 0);
    KTEST_ASSERT_EQ(st.type, STAT_DIR);
    KTEST_ASSERT_EQ(st.size, 1);
    KTEST_ASSERT_EQ(st.links, 1);
    KTEST_ASSERT(scratch_end_clean());
}

KTEST(vfs, deep_tree_freed_on_unmount)
{
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    char *cwd = kmalloc(2 * (MAX_PATH + 1)), *next = cwd + MAX_PATH + 1;
    KTEST_ASSERT(cwd);
    strlcpy(cwd, CWD, MAX_PATH + 1);
    for (int i = 0; i < 300; i++) { /* each level becomes the cwd of the next */
        KTEST_ASSERT_EQ(vfs_mkdir("x", cwd), 0);
        KTEST_ASSERT_EQ(vfs_chdir_check("x", cwd, next), 0);
        strlcpy(cwd, next, MAX_PATH + 1);
    }
    KTEST_ASSERT_EQ(strlen(cwd), 4 + 300 * 2 - 1); /* "vt:/x/x/.../x" */
    kfree(cwd);
    KTEST_ASSERT(scratch_end_clean()); /* 300 levels torn down without recursion */
}

/* ---------------------------------------------------------------- the RAM disk (home:) */

KTEST(vfs, ramdisk_readme_present)
{
    static const char want[] = "This folder becomes home:";
    char buf[64];
    fs_init(kmain_boot_info);
    KTEST_ASSERT(vfs_is_mounted("home"));
    int64_t n = get("home:/README", buf, sizeof(buf));
    KTEST_ASSERT(n >= (int64_t)sizeof(want) - 1);
    KTEST_ASSERT(!memcmp(buf, want, sizeof(want) - 1));
    KTEST_ASSERT_EQ(TYPE_OF("home:/README"), STAT_FILE);
}

KTEST(vfs, ramdisk_layout)
{
    static const char *const dirs[] = {"home:/bin", "home:/cfg", "home:/data", "home:/usr", "home:/tests"};
    fs_init(kmain_boot_info);
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
        KTEST_ASSERT_EQ(TYPE_OF(dirs[i]), STAT_DIR);
    KTEST_ASSERT_EQ(TYPE_OF("home:/"), STAT_DIR);
}

/* ---------------------------------------------------------------- sys: */

KTEST(vfs, sys_zero)
{
    char buf[100];
    fs_init(kmain_boot_info);
    file_t *f = open_ok("sys:/zero");
    KTEST_ASSERT(f);
    memset(buf, 0xff, sizeof(buf));
    KTEST_ASSERT_EQ(file_read(f, buf, sizeof(buf)), sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i++)
        KTEST_ASSERT_EQ(buf[i], 0);
    KTEST_ASSERT_EQ(file_write(f, "discard me", 10), 10);
    KTEST_ASSERT(file_is_zero(f));
    KTEST_ASSERT_EQ(file_seek(f, 0, SEEK_END), -EINVAL);
    file_unref(f);
    KTEST_ASSERT_EQ(TYPE_OF("sys:/zero"), STAT_DEVICE);
}

KTEST(vfs, sys_null)
{
    char buf[16];
    fs_init(kmain_boot_info);
    file_t *f = open_ok("sys:/null?truncate"); /* truncate means nothing to a device */
    KTEST_ASSERT(f);
    KTEST_ASSERT_EQ(file_read(f, buf, sizeof(buf)), 0);
    KTEST_ASSERT_EQ(file_write(f, "gone", 4), 4);
    KTEST_ASSERT(!file_is_zero(f));
    file_unref(f);
}

KTEST(vfs, sys_tree_is_read_only)
{
    fs_init(kmain_boot_info);
    KTEST_ASSERT_EQ(open_rc("sys:/new?create"), -EPERM);
    KTEST_ASSERT_EQ(vfs_mkdir("sys:/d", CWD), -EPERM);
    KTEST_ASSERT_EQ(vfs_remove("sys:/zero", CWD), -EPERM);
    KTEST_ASSERT_EQ(vfs_rename("sys:/zero", "sys:/zero2", CWD), -EPERM);
    KTEST_ASSERT_EQ(vfs_link("sys:/zero", "sys:/z", CWD), -EPERM);
    KTEST_ASSERT_EQ(vfs_remove("sys:/", CWD), -EBUSY);
    KTEST_ASSERT_EQ(TYPE_OF("sys:/zero"), STAT_DEVICE);
}

/* Reads sys:/klog (nonblock) whole into a new buffer; returns its length. */
static size_t klog_slurp(char **out)
{
    size_t cap = 1 << 20, len = 0;
    char *buf = kmalloc(cap);
    file_t *f = open_ok("sys:/klog?nonblock");
    int64_t n = 1;
    while (buf && f && len < cap - 1 && (n = file_read(f, buf + len, 700)) > 0) /* odd chunks split lines */
        len += (size_t)n;
    file_unref(f);
    if (buf)
        buf[len] = '\0';
    *out = buf;
    return len;
}

static bool contains(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (!memcmp(hay + i, needle, n))
            return true;
    return false;
}

KTEST(vfs, sys_klog_has_a_new_line)
{
    char want[64], *log;
    uint64_t tag = clock_ns();
    fs_init(kmain_boot_info);
    log_info("vfs-ktest klog marker %lu", tag);
    fmt_snprintf(want, sizeof(want), "] vfs-ktest klog marker %lu\n", tag);
    size_t len = klog_slurp(&log);
    KTEST_ASSERT(log);
    bool found = contains(log, len, want), starts = log[0] == '[';
    kfree(log);
    KTEST_ASSERT(starts);
    KTEST_ASSERT(found);
}

static volatile uint64_t late_tag;

static void klog_late_writer(void *arg)
{
    (void)arg;
    sched_sleep(50000000);
    log_info("vfs-ktest late line %lu", late_tag);
}

KTEST(vfs, sys_klog_blocking_read_waits)
{
    enum { KEEP = 64, CHUNK = 2048 };
    static char buf[KEEP + CHUNK];
    char want[64];
    size_t keep = 0;
    bool found = false;
    fs_init(kmain_boot_info);
    late_tag = clock_ns();
    fmt_snprintf(want, sizeof(want), "] vfs-ktest late line %lu\n", late_tag);
    file_t *f = open_ok("sys:/klog");
    KTEST_ASSERT(f);
    thread_t *t = thread_create("ktest-klog", klog_late_writer, NULL, THREAD_PRIO_NORMAL);
    KTEST_ASSERT(t);
    while (!found) { /* reaching the end must wait for the late line, not return 0 */
        int64_t n = file_read(f, buf + keep, CHUNK);
        if (n <= 0)
            break;
        size_t total = keep + (size_t)n;
        found = contains(buf, total, want);
        keep = total < KEEP ? total : KEEP;
        memmove(buf, buf + total - keep, keep);
    }
    thread_join(t);
    file_unref(f);
    KTEST_ASSERT(found);
}

/* A sys: file that counts what happens to it. */
typedef struct probe {
    int opens, closes;
} probe_t;

static probe_t probe;

static int probe_open(sysfs_file_t *f)
{
    ((probe_t *)f->priv)->opens++;
    f->data = kmalloc(32); /* per-open data: close must free it */
    return f->data ? 0 : -ENOMEM;
}

static int64_t probe_read(sysfs_file_t *f, void *kbuf, size_t size, uint64_t offset)
{
    static const char text[] = "probe";
    (void)f;
    if (offset >= 5)
        return 0;
    size_t k = size < 5 - offset ? size : 5 - offset;
    memcpy(kbuf, text + offset, k);
    return (int64_t)k;
}

static void probe_close(sysfs_file_t *f)
{
    ((probe_t *)f->priv)->closes++;
    kfree(f->data);
}

static const sysfs_ops_t probe_ops = {.open = probe_open, .read = probe_read, .close = probe_close};

KTEST(vfs, sysfs_remove_with_open_file)
{
    char buf[8] = {0};
    dirent_t de[2];
    fs_init(kmain_boot_info);
    test_quiesce();
    vfs_trim();
    size_t heap = kmalloc_usage();
    probe = (probe_t){0};
    sysfs_dir_t *d = sysfs_mkdir(sysfs_root(), "vfsktest");
    KTEST_ASSERT(d);
    sysfs_dir_t *sub = sysfs_mkdir(d, "sub");
    KTEST_ASSERT(sub);
    KTEST_ASSERT(!sysfs_mkdir(d, "sub"));
    KTEST_ASSERT_EQ(sysfs_add_file(sub, "probe", &probe_ops, &probe), 0);
    KTEST_ASSERT_EQ(sysfs_add_file(sub, "probe", &probe_ops, &probe), -EEXIST);
    KTEST_ASSERT_EQ(sysfs_add_file(sub, "a/b", &probe_ops, &probe), -EINVAL);
    file_t *f = open_ok("sys:/vfsktest/sub/probe");
    KTEST_ASSERT(f);
    KTEST_ASSERT_EQ(file_read(f, buf, 3), 3);
    KTEST_ASSERT_EQ(file_read(f, buf + 3, 8), 2);
    KTEST_ASSERT_STR_EQ(buf, "probe");
    KTEST_ASSERT_EQ(file_read(f, buf, 8), 0);
    KTEST_ASSERT_EQ(file_seek(f, 1, SEEK_SET), 1);
    KTEST_ASSERT_EQ(file_read(f, buf, 1), 1);
    KTEST_ASSERT_EQ(buf[0], 'r');
    file_t *dir = open_ok("sys:/vfsktest");
    KTEST_ASSERT(dir);
    KTEST_ASSERT_EQ(file_getdirent(dir, de, 2), 1);
    KTEST_ASSERT_STR_EQ(de[0].name, "sub");
    sysfs_remove(d);
    KTEST_ASSERT_EQ(probe.closes, 1); /* removal closed the open itself */
    KTEST_ASSERT_EQ(file_read(f, buf, 4), -EIO);
    KTEST_ASSERT_EQ(file_ioctl(f, 0, NULL, 0), -EIO);
    KTEST_ASSERT_EQ(open_rc("sys:/vfsktest/sub/probe"), -ENOENT);
    file_unref(f);
    file_unref(dir);
    KTEST_ASSERT_EQ(probe.opens, 1);
    KTEST_ASSERT_EQ(probe.closes, 1); /* and not again at the last close */
    vfs_trim();
    KTEST_ASSERT_EQ(kmalloc_usage(), heap);
}

/* A file whose read stays inside its callback for a while, counting who is inside. */
static volatile uint32_t slow_inside, slow_reads, slow_stop;

static int64_t slow_read(sysfs_file_t *f, void *kbuf, size_t size, uint64_t offset)
{
    (void)f, (void)offset;
    __atomic_add_fetch(&slow_inside, 1, __ATOMIC_SEQ_CST);
    uint64_t until = clock_ns() + 200000; /* 0.2 ms */
    while (clock_ns() < until)
        cpu_pause();
    __atomic_add_fetch(&slow_reads, 1, __ATOMIC_RELAXED);
    __atomic_sub_fetch(&slow_inside, 1, __ATOMIC_SEQ_CST);
    if (size)
        ((char *)kbuf)[0] = 's';
    return size ? 1 : 0;
}

static const sysfs_ops_t slow_ops = {.read = slow_read};

static void slow_reader(void *arg)
{
    file_t *f = arg;
    char c;
    while (!__atomic_load_n(&slow_stop, __ATOMIC_ACQUIRE) && file_read(f, &c, 1) == 1)
        ;
}

/* Callbacks enter without a lock: removal must still wait for every one in flight and
 * let none start after it. Four threads read in a loop while the file goes away. */
KTEST(vfs, sysfs_removal_waits_for_running_callbacks)
{
    fs_init(kmain_boot_info);
    slow_inside = slow_reads = slow_stop = 0;
    sysfs_dir_t *d = sysfs_mkdir(sysfs_root(), "vfsktest3");
    KTEST_ASSERT(d);
    KTEST_ASSERT_EQ(sysfs_add_file(d, "slow", &slow_ops, NULL), 0);
    file_t *f = open_ok("sys:/vfsktest3/slow");
    KTEST_ASSERT(f);
    thread_t *t[4];
    for (int i = 0; i < 4; i++)
        KTEST_ASSERT((t[i] = thread_create("ktest-sysfs", slow_reader, f, THREAD_PRIO_NORMAL)) != NULL);
    uint64_t until = clock_ns() + 2000000000ull; /* until the readers have been at it */
    while (__atomic_load_n(&slow_reads, __ATOMIC_RELAXED) < 20 && clock_ns() < until)
        sched_sleep(1000000);
    KTEST_ASSERT(__atomic_load_n(&slow_reads, __ATOMIC_RELAXED) > 0);
    sysfs_remove(d);
    uint32_t inside = __atomic_load_n(&slow_inside, __ATOMIC_SEQ_CST), reads = slow_reads;
    char c;
    KTEST_ASSERT_EQ(file_read(f, &c, 1), -EIO);
    sched_sleep(2000000);
    KTEST_ASSERT_EQ(slow_reads, reads); /* nothing entered after the removal */
    __atomic_store_n(&slow_stop, 1, __ATOMIC_RELEASE);
    for (int i = 0; i < 4; i++)
        thread_join(t[i]);
    file_unref(f);
    KTEST_ASSERT_EQ(inside, 0); /* none was still running when removal returned */
}

KTEST(vfs, sysfs_remove_file)
{
    char buf[8];
    fs_init(kmain_boot_info);
    test_quiesce();
    vfs_trim();
    size_t heap = kmalloc_usage();
    probe = (probe_t){0};
    sysfs_dir_t *d = sysfs_mkdir(sysfs_root(), "vfsktest2");
    KTEST_ASSERT(d);
    KTEST_ASSERT(sysfs_mkdir(d, "sub"));
    KTEST_ASSERT_EQ(sysfs_add_file(d, "p", &probe_ops, &probe), 0);
    file_t *f = open_ok("sys:/vfsktest2/p");
    KTEST_ASSERT(f);
    KTEST_ASSERT_EQ(sysfs_remove_file(d, "sub"), -EISDIR);
    KTEST_ASSERT_EQ(sysfs_remove_file(d, "p"), 0);
    KTEST_ASSERT_EQ(sysfs_remove_file(d, "p"), -ENOENT);
    KTEST_ASSERT_EQ(file_read(f, buf, 4), -EIO);
    KTEST_ASSERT_EQ(probe.closes, 1);
    file_unref(f);
    sysfs_remove(d);
    KTEST_ASSERT_EQ(TYPE_OF("sys:/vfsktest2"), (uint64_t)-1);
    vfs_trim();
    KTEST_ASSERT_EQ(kmalloc_usage(), heap);
}

/* ---------------------------------------------------------------- descriptor tables */

static fdtable_t fdt_a, fdt_b, fdt_c; /* about 1 KiB each: not on the stack */

KTEST(vfs, fdtable_lowest_free_and_emfile)
{
    fs_init(kmain_boot_info);
    file_t *f = open_ok("sys:/null");
    KTEST_ASSERT(f);
    fdtable_init(&fdt_a);
    for (fd_t i = 0; i < 3; i++)
        KTEST_ASSERT_EQ(fdtable_alloc(&fdt_a, f), i);
    KTEST_ASSERT_EQ(fdtable_close(&fdt_a, 1), 0);
    KTEST_ASSERT_EQ(fdtable_close(&fdt_a, 1), -EBADF);
    KTEST_ASSERT_EQ(fdtable_close(&fdt_a, -1), -EBADF);
    KTEST_ASSERT_EQ(fdtable_close(&fdt_a, MAX_FDS), -EBADF);
    KTEST_ASSERT_EQ(fdtable_alloc(&fdt_a, f), 1); /* the lowest free slot again */
    for (fd_t i = 3; i < MAX_FDS; i++)
        KTEST_ASSERT_EQ(fdtable_alloc(&fdt_a, f), i);
    KTEST_ASSERT_EQ(fdtable_alloc(&fdt_a, f), -EMFILE);
    KTEST_ASSERT_EQ(fdtable_dup(&fdt_a, 0), -EMFILE);
    KTEST_ASSERT_EQ(f->refs, MAX_FDS + 1);
    fdtable_deinit(&fdt_a);
    KTEST_ASSERT_EQ(f->refs, 1);
    file_unref(f);
}

KTEST(vfs, fdtable_dup_dup2_and_ebadf)
{
    fs_init(kmain_boot_info);
    file_t *a = open_ok("sys:/null"), *b = open_ok("sys:/zero");
    KTEST_ASSERT(a && b);
    fdtable_init(&fdt_a);
    KTEST_ASSERT_EQ(fdtable_alloc(&fdt_a, a), 0);
    KTEST_ASSERT_EQ(fdtable_alloc(&fdt_a, b), 1);
    KTEST_ASSERT_EQ(fdtable_dup(&fdt_a, 0), 2);
    file_t *g = fdtable_get(&fdt_a, 2);
    KTEST_ASSERT(g == a);
    file_unref(g);
    KTEST_ASSERT_EQ(fdtable_dup(&fdt_a, 5), -EBADF);
    KTEST_ASSERT_EQ(fdtable_dup(&fdt_a, -1), -EBADF);
    KTEST_ASSERT_EQ(fdtable_dup2(&fdt_a, 1, 0), 0); /* closes 0 first */
    g = fdtable_get(&fdt_a, 0);
    KTEST_ASSERT(g == b);
    file_unref(g);
    KTEST_ASSERT_EQ(a->refs, 2); /* ours and slot 2 */
    KTEST_ASSERT_EQ(fdtable_dup2(&fdt_a, 1, 1), 1);
    KTEST_ASSERT_EQ(fdtable_dup2(&fdt_a, 7, 3), -EBADF);
    KTEST_ASSERT_EQ(fdtable_dup2(&fdt_a, 0, MAX_FDS), -EBADF);
    KTEST_ASSERT_EQ(fdtable_dup2(&fdt_a, -1, 0), -EBADF);
    KTEST_ASSERT(!fdtable_get(&fdt_a, 3));
    KTEST_ASSERT(!fdtable_get(&fdt_a, MAX_FDS));
    KTEST_ASSERT_EQ(fdtable_set(&fdt_a, 9, a), 0);
    KTEST_ASSERT_EQ(fdtable_set(&fdt_a, MAX_FDS, a), -EBADF);
    g = fdtable_get(&fdt_a, 9);
    KTEST_ASSERT(g == a);
    file_unref(g);
    fdtable_deinit(&fdt_a);
    KTEST_ASSERT_EQ(a->refs, 1);
    KTEST_ASSERT_EQ(b->refs, 1);
    file_unref(a);
    file_unref(b);
}

KTEST(vfs, fdtable_copy_from_pairs)
{
    static const spawn_fd_t good[] = {{0, 3}, {4, 0}, {SPAWN_FD_END, 0}};
    static const spawn_fd_t closed[] = {{5, 9}}, twice[] = {{6, 0}, {6, 1}}, range[] = {{MAX_FDS, 0}};
    fs_init(kmain_boot_info);
    file_t *a = open_ok("sys:/null"), *b = open_ok("sys:/zero");
    KTEST_ASSERT(a && b);
    fdtable_init(&fdt_a);
    fdtable_init(&fdt_b);
    fdtable_init(&fdt_c);
    KTEST_ASSERT_EQ(fdtable_alloc(&fdt_a, a), 0);
    KTEST_ASSERT_EQ(fdtable_alloc(&fdt_a, b), 1);
    KTEST_ASSERT_EQ(fdtable_set(&fdt_a, 3, b), 0);
    KTEST_ASSERT_EQ(fdtable_copy_from(&fdt_b, &fdt_a, good, 3), 0);
    KTEST_ASSERT(fdt_b.files[0] == b && fdt_b.files[4] == a && !fdt_b.files[1]);
    KTEST_ASSERT_EQ(fdtable_copy_from(&fdt_b, &fdt_a, closed, 1), -EBADF);
    KTEST_ASSERT_EQ(fdtable_copy_from(&fdt_b, &fdt_a, twice, 2), -EINVAL);
    KTEST_ASSERT_EQ(fdtable_copy_from(&fdt_b, &fdt_a, range, 1), -EBADF);
    KTEST_ASSERT_EQ(fdtable_copy_from(&fdt_b, &fdt_a, good, MAX_FDS + 1), -EINVAL);
    KTEST_ASSERT(!fdt_b.files[5] && !fdt_b.files[6]); /* errors change nothing */
    KTEST_ASSERT_EQ(fdtable_copy_from(&fdt_c, &fdt_a, NULL, 0), 0); /* 0, 1, 2 if open */
    KTEST_ASSERT(fdt_c.files[0] == a && fdt_c.files[1] == b && !fdt_c.files[2]);
    fdtable_deinit(&fdt_a);
    fdtable_deinit(&fdt_b);
    fdtable_deinit(&fdt_c);
    KTEST_ASSERT_EQ(a->refs, 1);
    KTEST_ASSERT_EQ(b->refs, 1);
    file_unref(a);
    file_unref(b);
}

/* ---------------------------------------------------------------- the tar loader */

static uint8_t tarbuf[16384];

static void tar_checksum(uint8_t *h)
{
    unsigned sum = 0;
    memset(h + 148, ' ', 8);
    for (int i = 0; i < 512; i++)
        sum += h[i];
    fmt_snprintf((char *)h + 148, 8, "%06o", sum);
    h[155] = ' ';
}

/* Appends a ustar member at @off; returns the offset after it. */
static size_t tar_add(size_t off, const char *name, char type, const char *data, size_t len)
{
    uint8_t *h = tarbuf + off;
    memset(h, 0, 512 + (len + 511) / 512 * 512);
    strlcpy((char *)h, name, 100);
    memcpy(h + 100, "0000644", 8);
    fmt_snprintf((char *)h + 124, 12, "%011lo", len);
    memcpy(h + 136, "00000000001", 12);
    h[156] = (uint8_t)type;
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    if (len)
        memcpy(h + 512, data, len);
    tar_checksum(h);
    return off + 512 + (len + 511) / 512 * 512;
}

KTEST(vfs, tar_loads_files_and_dirs)
{
    char buf[16];
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    size_t n = tar_add(0, "./", '5', NULL, 0);
    n = tar_add(n, "./dir/", '5', NULL, 0);
    n = tar_add(n, "./dir/f.txt", '0', "abc", 3);
    n = tar_add(n, "top", '0', "hello", 5);
    n = tar_add(n, "x/y/z.txt", '0', "deep", 4); /* parents not listed */
    n = tar_add(n, "./dir/f.txt", '0', "again", 5); /* a later copy wins */
    n = tar_add(n, "./ln", '2', NULL, 0);          /* symbolic links are skipped */
    memset(tarbuf + n, 0, 1024);
    vnode_t *root = ramfs_create();
    KTEST_ASSERT(root);
    KTEST_ASSERT_EQ(ramfs_load_tar(root, tarbuf, n + 1024), 0);
    KTEST_ASSERT_EQ(vfs_mount("vt2", root), 0);
    vfs_vnode_unref(root);
    KTEST_ASSERT_EQ(get("vt2:/dir/f.txt", buf, sizeof(buf)), 5);
    KTEST_ASSERT_STR_EQ(buf, "again");
    KTEST_ASSERT_EQ(get("vt2:/top", buf, sizeof(buf)), 5);
    KTEST_ASSERT_EQ(get("vt2:/x/y/z.txt", buf, sizeof(buf)), 4);
    KTEST_ASSERT_STR_EQ(buf, "deep");
    KTEST_ASSERT_EQ(open_rc("vt2:/ln"), -ENOENT);
    KTEST_ASSERT_EQ(SIZE_OF("vt2:/"), 3);
    stat_t st;
    KTEST_ASSERT_EQ(vfs_stat("vt2:/top", CWD, &st), 0);
    KTEST_ASSERT_EQ(st.modified_ns, 1000000000ull); /* the archive's mtime, 1 s */
    KTEST_ASSERT_EQ(vfs_unmount("vt2"), 0);
    KTEST_ASSERT(scratch_end_clean());
}

/* Loads tarbuf[0..size) into a fresh root: the result, and whether the root stayed empty. */
static int tar_try(size_t size, bool *empty)
{
    vnode_t *root = ramfs_create();
    if (!root)
        return -ENOMEM;
    int rc = ramfs_load_tar(root, tarbuf, size);
    *empty = root->nentries == 0;
    vfs_vnode_unref(root);
    return rc;
}

KTEST(vfs, tar_rejects_damaged_archives)
{
    static char data[1000];
    bool empty;
    KTEST_ASSERT_EQ(scratch_begin(), 0);
    memset(data, 'd', sizeof(data));
    size_t n = tar_add(0, "a/", '5', NULL, 0);
    n = tar_add(n, "a/f", '0', data, sizeof(data)); /* data at 1024..2023 */
    KTEST_ASSERT_EQ(tar_try(n, &empty), 0);
    KTEST_ASSERT(!empty);
    tarbuf[513] ^= 1; /* second header's name: checksum mismatch */
    KTEST_ASSERT_EQ(tar_try(n, &empty), -EINVAL);
    KTEST_ASSERT(empty); /* checked whole before anything was added */
    tarbuf[513] ^= 1;
    KTEST_ASSERT_EQ(tar_try(1500, &empty), -EINVAL); /* data cut short */
    KTEST_ASSERT_EQ(tar_try(700, &empty), -EINVAL);  /* header cut short */
    KTEST_ASSERT(empty);
    tarbuf[512 + 124] = '9'; /* not octal */
    tar_checksum(tarbuf + 512);
    KTEST_ASSERT_EQ(tar_try(n, &empty), -EINVAL);
    tar_add(512, "a/../../evil", '0', data, sizeof(data));
    KTEST_ASSERT_EQ(tar_try(n, &empty), -EINVAL);
    tar_add(512, "a/f", '0', data, sizeof(data));
    memcpy(tarbuf + 512 + 257, "nope!", 5);
    tar_checksum(tarbuf + 512);
    KTEST_ASSERT_EQ(tar_try(n, &empty), -EINVAL);
    KTEST_ASSERT(empty);
    n = tar_add(0, "a", '0', "x", 1);
    n = tar_add(n, "a/f", '0', "y", 1); /* sound archive, but its path runs through a file */
    KTEST_ASSERT_EQ(tar_try(n, &empty), -EINVAL);
    KTEST_ASSERT(scratch_end_clean()); /* nothing leaked by any rejection */
}
