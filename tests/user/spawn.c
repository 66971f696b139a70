/*
 * spawn.c - the user-space suite `spawn`: starting programs with spawn(argv, fds, cwd,
 * attr). The descriptor map (default 0/1/2, a file as the child's 1, only the listed
 * descriptors), argument passing, the child's current directory, the priority
 * attribute, every refusal spawn itself reports (missing file, directory, text, corrupt
 * or truncated ELF, bad argv, bad descriptors), children that fault (the exit status
 * names the fault and where; we go on), and 500 spawns in a row. The child is
 * home:/bin/tproc (programs/tproc). Scratch files live under home:/usr/spawn-*.
 * Run by init in test mode; the harness is tests/user/utest.h.
 */
#include <abi/elf.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define TPROC "home:/bin/tproc"
#define OUT "home:/usr/spawn-out"

/* errno of a call expected to fail, or -1 if it succeeded. */
#define FAILS_WITH(call) ((call) == ERR ? errno : -1)

/* ---------------------------------------------------------------- helpers */

static pid_t tracked[64];
static int ntracked;

/* spawn() that remembers the child, so it is killed and collected after the case. */
static pid_t start(const char **argv, const spawn_fd_t *fds, const char *cwd, const spawn_attr_t *attr)
{
    pid_t pid = spawn(argv, fds, cwd, attr);
    if (pid != ERR && ntracked < 64)
        tracked[ntracked++] = pid;
    return pid;
}

/* Kills and collects every child the last case started. */
static void cleanup(void)
{
    char status[MAX_STATUS];
    for (int i = 0; i < ntracked; i++) {
        fd_t fd = openf("sys:/proc/%lld/ctl", (long long)tracked[i]);
        if (fd == ERR)
            continue; /* already collected */
        write(fd, "kill", 4);
        close(fd);
        utest_wait(tracked[i], status, sizeof(status));
    }
    ntracked = 0;
}

/* Runs @argv with @fds/@cwd/@attr and waits: its status in @status, or false. */
static bool run(const char **argv, const spawn_fd_t *fds, const char *cwd, const spawn_attr_t *attr,
                char *status, size_t size)
{
    pid_t pid = start(argv, fds, cwd, attr);
    return pid != ERR && utest_wait(pid, status, size) >= 0;
}

/* Runs @argv with its descriptor 1 on a fresh file OUT; the file's contents in @out. */
static bool run_capture(const char **argv, const char *cwd, char *status, size_t ssize, char *out,
                        size_t osize)
{
    fd_t fd = open(OUT "?create&truncate");
    if (fd == ERR)
        return false;
    spawn_fd_t fds[] = { { 1, fd }, { SPAWN_FD_END, 0 } };
    bool ok = run(argv, fds, cwd, NULL, status, ssize);
    close(fd);
    ok = ok && utest_slurp(OUT, out, osize) >= 0;
    remove(OUT);
    return ok;
}

/* Writes @n bytes of @data to a fresh file @path. */
static bool put_bytes(const char *path, const void *data, size_t n)
{
    char full[MAX_PATH + 1];
    snprintf(full, sizeof(full), "%s?create&truncate", path);
    fd_t fd = open(full);
    if (fd == ERR)
        return false;
    bool ok = write(fd, data, n) == (int64_t)n;
    close(fd);
    return ok;
}

/* The whole of home:/bin/tproc, malloc()ed; its size in *size. */
static unsigned char *tproc_image(size_t *size)
{
    stat_t st;
    if (stat(TPROC, &st) == ERR)
        return NULL;
    unsigned char *img = malloc(st.size);
    fd_t fd = open(TPROC);
    if (img == NULL || fd == ERR || read(fd, img, st.size) != (int64_t)st.size) {
        free(img);
        img = NULL;
    }
    if (fd != ERR)
        close(fd);
    *size = st.size;
    return img;
}

/* ---------------------------------------------------------------- descriptors */

UTEST(default_fds)
{
    char status[MAX_STATUS];
    const char *argv[] = { TPROC, "hello", NULL };
    /* tproc hello exits "0" only if its write of "hello\n" to descriptor 1 worked */
    UTEST_ASSERT(run(argv, NULL, NULL, NULL, status, sizeof(status)));
    UTEST_ASSERT_STR_EQ(status, "0");
    const char *argv2[] = { TPROC, "write", "2", "", NULL }; /* fd 2 is there too */
    UTEST_ASSERT(run(argv2, NULL, NULL, NULL, status, sizeof(status)));
    UTEST_ASSERT_STR_EQ(status, "0");
}

UTEST(fd_map_to_file)
{
    char status[MAX_STATUS], out[64];
    const char *argv[] = { TPROC, "hello", NULL };
    UTEST_ASSERT(run_capture(argv, NULL, status, sizeof(status), out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_STR_EQ(out, "hello\n");
}

UTEST(fd_map_only_listed)
{
    char status[MAX_STATUS], out[64];
    fd_t fd = open(OUT "?create&truncate");
    UTEST_ASSERT(fd != ERR);
    /* our descriptor fd appears as the child's 5; its 1 and 2 are not open */
    spawn_fd_t fds[] = { { 5, fd }, { SPAWN_FD_END, 0 } };
    const char *w5[] = { TPROC, "write", "5", "five", NULL };
    const char *w1[] = { TPROC, "write", "1", "one", NULL };
    const char *w2[] = { TPROC, "write", "2", "two", NULL };
    bool ok5 = run(w5, fds, NULL, NULL, status, sizeof(status));
    char s5[MAX_STATUS];
    strlcpy(s5, status, sizeof(s5));
    bool ok1 = run(w1, fds, NULL, NULL, status, sizeof(status));
    char s1[MAX_STATUS];
    strlcpy(s1, status, sizeof(s1));
    bool ok2 = run(w2, fds, NULL, NULL, status, sizeof(status));
    /* one file as two descriptors of the child, sharing the offset */
    spawn_fd_t twice[] = { { 1, fd }, { 7, fd }, { SPAWN_FD_END, 0 } };
    const char *w7[] = { TPROC, "write", "7", "seven", NULL };
    char s7[MAX_STATUS];
    bool ok7 = run(w7, twice, NULL, NULL, s7, sizeof(s7));
    close(fd);
    int64_t n = utest_slurp(OUT, out, sizeof(out));
    remove(OUT);
    UTEST_ASSERT(ok5 && ok1 && ok2 && ok7);
    UTEST_ASSERT_STR_EQ(s5, "0");
    UTEST_ASSERT_STR_EQ(s1, "7"); /* tproc: the write failed */
    UTEST_ASSERT_STR_EQ(status, "7");
    UTEST_ASSERT_STR_EQ(s7, "0");
    UTEST_ASSERT_EQ(n, 9);
    UTEST_ASSERT_STR_EQ(out, "fiveseven"); /* the offset is shared with ours too */
}

UTEST(fd_map_errors)
{
    const char *argv[] = { TPROC, "exit", "0", NULL };
    spawn_fd_t closed[] = { { 1, MAX_FDS - 1 }, { SPAWN_FD_END, 0 } }; /* not open here */
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, closed, NULL, NULL)), EBADF);
    spawn_fd_t parent_range[] = { { 1, 5000 }, { SPAWN_FD_END, 0 } };
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, parent_range, NULL, NULL)), EBADF);
    spawn_fd_t child_range[] = { { MAX_FDS, 1 }, { SPAWN_FD_END, 0 } };
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, child_range, NULL, NULL)), EINVAL);
    spawn_fd_t child_neg[] = { { -5, 1 }, { SPAWN_FD_END, 0 } };
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, child_neg, NULL, NULL)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, (const spawn_fd_t *)0x10, NULL, NULL)), EFAULT);
    /* an empty map is allowed: a child with no descriptors at all */
    spawn_fd_t none[] = { { SPAWN_FD_END, 0 } };
    char status[MAX_STATUS];
    const char *hello[] = { TPROC, "hello", NULL };
    UTEST_ASSERT(run(hello, none, NULL, NULL, status, sizeof(status)));
    UTEST_ASSERT_STR_EQ(status, "1"); /* its printf failed */
}

/* ---------------------------------------------------------------- argv, cwd, attr */

UTEST(argv_passing)
{
    char status[MAX_STATUS], out[256];
    const char *argv[] = { TPROC, "args", "a", "b c", "", "\xc3\xa9", NULL };
    UTEST_ASSERT(run_capture(argv, NULL, status, sizeof(status), out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_STR_EQ(out, "argc=6 [" TPROC "] [args] [a] [b c] [] [\xc3\xa9]\n");
    /* the most arguments there may be */
    const char *many[MAX_ARGS + 2];
    many[0] = TPROC;
    many[1] = "args";
    for (int i = 2; i < MAX_ARGS; i++)
        many[i] = "x";
    many[MAX_ARGS] = NULL;
    static char big[1024];
    UTEST_ASSERT(run_capture(many, NULL, status, sizeof(status), big, sizeof(big)));
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT(strncmp(big, "argc=64 ", 8) == 0);
    many[MAX_ARGS] = "x"; /* one more */
    many[MAX_ARGS + 1] = NULL;
    UTEST_ASSERT_EQ(FAILS_WITH(start(many, NULL, NULL, NULL)), E2BIG);
}

UTEST(argv_bytes_limit)
{
    static char huge[MAX_ARGS_BYTES + 16];
    memset(huge, 'h', sizeof(huge) - 1);
    const char *argv[] = { TPROC, "exit", huge, NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, NULL, NULL)), E2BIG);
    /* a long argument that fits is passed whole */
    char status[MAX_STATUS], out[8192];
    memset(huge, 'h', 5000);
    huge[5000] = '\0';
    const char *args[] = { TPROC, "args", huge, NULL };
    UTEST_ASSERT(run_capture(args, NULL, status, sizeof(status), out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_EQ(strlen(out), strlen("argc=3 [" TPROC "] [args] []\n") + 5000);
}

UTEST(argv_invalid)
{
    const char *empty[] = { NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(empty, NULL, NULL, NULL)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(start(NULL, NULL, NULL, NULL)), EFAULT); /* a bad pointer */
    const char *bad_string[] = { TPROC, (const char *)0x10, NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(bad_string, NULL, NULL, NULL)), EFAULT);
    const char *kernel_string[] = { (const char *)0xffffffff80000000ull, NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(kernel_string, NULL, NULL, NULL)), EFAULT);
    UTEST_ASSERT_EQ(FAILS_WITH(start((const char **)0xffff800000001000ull, NULL, NULL, NULL)), EFAULT);
    const char *flags[] = { TPROC "?nonblock", "hello", NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(flags, NULL, NULL, NULL)), EINVAL);
    const char *empty_path[] = { "", NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(empty_path, NULL, NULL, NULL)), EINVAL);
}

UTEST(cwd_argument)
{
    char status[MAX_STATUS], out[MAX_PATH + 2];
    const char *argv[] = { TPROC, "cwd", NULL };
    UTEST_ASSERT(run_capture(argv, "home:/usr", status, sizeof(status), out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT_STR_EQ(out, "home:/usr\n");
    UTEST_ASSERT(run_capture(argv, "home:/usr/../bin/./", status, sizeof(status), out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(out, "home:/bin\n"); /* normalized */
    UTEST_ASSERT(run_capture(argv, "sys:/proc", status, sizeof(status), out, sizeof(out)));
    UTEST_ASSERT_STR_EQ(out, "sys:/proc\n");
    /* NULL: ours; relative: against ours */
    char mine[MAX_PATH + 1];
    UTEST_ASSERT(utest_slurp("sys:/proc/self/cwd", mine, sizeof(mine)) > 0);
    UTEST_ASSERT_EQ(chdir("home:/data"), 0);
    bool a = run_capture(argv, NULL, status, sizeof(status), out, sizeof(out));
    char first[64];
    strlcpy(first, out, sizeof(first));
    bool b = run_capture(argv, "../cfg", status, sizeof(status), out, sizeof(out));
    int e = FAILS_WITH(start(argv, NULL, "nothere", NULL));
    UTEST_ASSERT_EQ(chdir(mine), 0);
    UTEST_ASSERT(a && b);
    UTEST_ASSERT_STR_EQ(first, "home:/data\n");
    UTEST_ASSERT_STR_EQ(out, "home:/cfg\n");
    UTEST_ASSERT_EQ(e, ENOENT);
    /* errors */
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, "home:/nothere", NULL)), ENOENT);
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, "home:/README", NULL)), ENOTDIR);
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, "home:/usr?directory", NULL)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, "Bad:/", NULL)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, (const char *)0x10, NULL)), EFAULT);
    static char longcwd[MAX_PATH + 2];
    memset(longcwd, 'c', sizeof(longcwd) - 1); /* MAX_PATH + 1 bytes */
    memcpy(longcwd, "home:/", 6);
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, longcwd, NULL)), ENAMETOOLONG);
    longcwd[MAX_PATH] = '\0'; /* MAX_PATH bytes: a name too long, but the path is fine */
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, longcwd, NULL)), ENAMETOOLONG);
    for (int i = 200; i < MAX_PATH; i += 200)
        longcwd[i] = '/';
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, longcwd, NULL)), ENOENT);
}

UTEST(priority_attribute)
{
    char status[MAX_STATUS];
    const char *argv[] = { TPROC, "exit", "0", NULL };
    spawn_attr_t too_high = { .priority = 32 }, negative = { .priority = -1 };
    spawn_attr_t flags = { .priority = 16, .flags = 1 };
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, NULL, &too_high)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, NULL, &negative)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, NULL, &flags)), EINVAL);
    UTEST_ASSERT_EQ(FAILS_WITH(start(argv, NULL, NULL, (const spawn_attr_t *)0x10)), EFAULT);
    spawn_attr_t lowest = { .priority = 0 }, highest = { .priority = 31 };
    UTEST_ASSERT(run(argv, NULL, NULL, &lowest, status, sizeof(status)));
    UTEST_ASSERT_STR_EQ(status, "0");
    UTEST_ASSERT(run(argv, NULL, NULL, &highest, status, sizeof(status)));
    UTEST_ASSERT_STR_EQ(status, "0");
}

/* ---------------------------------------------------------------- what is not a program */

UTEST(missing_executable)
{
    const char *a[] = { "home:/bin/no-such-program", NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(a, NULL, NULL, NULL)), ENOENT);
    const char *b[] = { "home:/nodir/tproc", NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(b, NULL, NULL, NULL)), ENOENT);
    const char *c[] = { "nolabel:/tproc", NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(c, NULL, NULL, NULL)), ENOENT);
    const char *d[] = { "home:/README/tproc", NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(d, NULL, NULL, NULL)), ENOTDIR);
    /* relative names are found from our current directory */
    char status[MAX_STATUS], mine[MAX_PATH + 1];
    UTEST_ASSERT(utest_slurp("sys:/proc/self/cwd", mine, sizeof(mine)) > 0);
    UTEST_ASSERT_EQ(chdir("home:/bin"), 0);
    const char *rel[] = { "tproc", "exit", "rel", NULL };
    bool ok = run(rel, NULL, NULL, NULL, status, sizeof(status));
    const char *relmiss[] = { "no-such-program", NULL };
    int e = FAILS_WITH(start(relmiss, NULL, NULL, NULL));
    UTEST_ASSERT_EQ(chdir(mine), 0);
    UTEST_ASSERT(ok);
    UTEST_ASSERT_STR_EQ(status, "rel");
    UTEST_ASSERT_EQ(e, ENOENT);
}

UTEST(directory_is_not_executable)
{
    const char *a[] = { "home:/bin", NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(a, NULL, NULL, NULL)), EISDIR);
    const char *b[] = { "home:/", NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(b, NULL, NULL, NULL)), EISDIR);
    const char *c[] = { "sys:/proc", NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(c, NULL, NULL, NULL)), EISDIR);
}

UTEST(text_is_not_executable)
{
    const char *text = "#!/bin/sh\necho this is a shell script, not an ELF executable at all\n";
    UTEST_ASSERT(strlen(text) > 64);
    UTEST_ASSERT(put_bytes("home:/usr/spawn-text", text, strlen(text)));
    const char *a[] = { "home:/usr/spawn-text", NULL };
    int e1 = FAILS_WITH(start(a, NULL, NULL, NULL));
    UTEST_ASSERT(put_bytes("home:/usr/spawn-text", "hi\n", 3)); /* shorter than a header */
    int e2 = FAILS_WITH(start(a, NULL, NULL, NULL));
    UTEST_ASSERT(put_bytes("home:/usr/spawn-text", "", 0));
    int e3 = FAILS_WITH(start(a, NULL, NULL, NULL)); /* empty */
    remove("home:/usr/spawn-text");
    UTEST_ASSERT_EQ(e1, ENOEXEC);
    UTEST_ASSERT_EQ(e2, ENOEXEC);
    UTEST_ASSERT_EQ(e3, ENOEXEC);
    const char *dev[] = { "sys:/zero", NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(dev, NULL, NULL, NULL)), ENOEXEC);
    const char *readme[] = { "home:/README", NULL };
    UTEST_ASSERT_EQ(FAILS_WITH(start(readme, NULL, NULL, NULL)), ENOEXEC);
}

/* Writes @img (@n bytes) as home:/usr/spawn-elf and spawns it as `exit ran`: errno of
 * the failure, -1 if it started (then @status gets its exit status). */
static int try_image(const void *img, size_t n, char *status, size_t size)
{
    const char *argv[] = { "home:/usr/spawn-elf", "exit", "ran", NULL };
    status[0] = '\0';
    if (!put_bytes("home:/usr/spawn-elf", img, n))
        return -2;
    pid_t pid = start(argv, NULL, NULL, NULL);
    int e = errno;
    if (pid != ERR)
        utest_wait(pid, status, size);
    remove("home:/usr/spawn-elf");
    return pid == ERR ? e : -1;
}

UTEST(corrupt_elf)
{
    char status[MAX_STATUS] = "";
    size_t size;
    unsigned char *img = tproc_image(&size);
    UTEST_ASSERT(img != NULL);
    UTEST_ASSERT(size > 8192);
    unsigned char *copy = malloc(size);
    UTEST_ASSERT(copy != NULL);
    const elf64_ehdr_t *eh = (const elf64_ehdr_t *)img;
    const elf64_phdr_t *iph = (const elf64_phdr_t *)(img + eh->phoff);
    elf64_ehdr_t *ch = (elf64_ehdr_t *)copy;
    elf64_phdr_t *ph = (elf64_phdr_t *)(copy + eh->phoff);
    /* where the loaded part of the file ends, and the first loadable segment (text) */
    size_t loaded_end = 0;
    int text = -1;
    for (int i = 0; i < eh->phnum; i++) {
        if (iph[i].type != ELF_PT_LOAD)
            continue;
        if (text < 0)
            text = i;
        if (iph[i].offset + iph[i].filesz > loaded_end)
            loaded_end = (size_t)(iph[i].offset + iph[i].filesz);
    }
    int e_exact = -3, e_cut = -3, e_wx = -3, e_kernel = -3, e_filesz = -3;
    char s_exact[MAX_STATUS] = "", s_trunc[MAX_STATUS] = "";
    int e_field[7];
    if (text >= 0 && loaded_end <= size) {
        /* the controls: an exact copy runs, and so does one cut right after its segments */
        e_exact = try_image(img, size, s_exact, sizeof(s_exact));
        e_cut = try_image(img, loaded_end, s_trunc, sizeof(s_trunc));
        /* one byte less, and every segment cannot be read whole */
        e_field[0] = try_image(img, loaded_end - 1, status, sizeof(status));
        /* one field wrong at a time */
        for (int i = 1; i < 7; i++) {
            memcpy(copy, img, size);
            switch (i) {
            case 1: ch->ident[4] = 1; break;     /* 32-bit */
            case 2: ch->machine = 3; break;      /* i386 */
            case 3: ch->type = 3; break;         /* shared object */
            case 4: ch->phentsize = 32; break;
            case 5: ch->phoff = size - 8; break; /* the table runs past the end */
            case 6: ch->entry = 0x10; break;     /* outside every executable segment */
            }
            e_field[i] = try_image(copy, size, status, sizeof(status));
        }
        memcpy(copy, img, size);
        ph[text].flags |= ELF_PF_W | ELF_PF_X;
        e_wx = try_image(copy, size, status, sizeof(status));
        memcpy(copy, img, size);
        ph[text].vaddr = 0xffffffff80000000ull;
        e_kernel = try_image(copy, size, status, sizeof(status));
        memcpy(copy, img, size);
        ph[text].filesz = ph[text].memsz = size * 4; /* more file than there is */
        e_filesz = try_image(copy, size, status, sizeof(status));
    }
    free(copy);
    free(img);
    UTEST_ASSERT(text >= 0 && loaded_end <= size);
    UTEST_ASSERT_EQ(e_exact, -1);
    UTEST_ASSERT_STR_EQ(s_exact, "ran");
    UTEST_ASSERT_EQ(e_cut, -1);
    UTEST_ASSERT_STR_EQ(s_trunc, "ran");
    const char *what[] = { "cut short", "class", "machine", "type", "phentsize", "phoff", "entry" };
    for (int i = 0; i < 7; i++) {
        if (e_field[i] != ENOEXEC) {
            UTEST_FAIL("%s: errno %d, not ENOEXEC", what[i], e_field[i]);
            return;
        }
    }
    UTEST_ASSERT_EQ(e_wx, ENOEXEC);
    UTEST_ASSERT_EQ(e_kernel, ENOEXEC);
    UTEST_ASSERT_EQ(e_filesz, ENOEXEC);
}

UTEST(garbage_after_magic)
{
    char status[MAX_STATUS];
    static unsigned char junk[4096];
    memset(junk, 0xa7, sizeof(junk));
    memcpy(junk, "\x7f" "ELF", 4);
    UTEST_ASSERT_EQ(try_image(junk, sizeof(junk), status, sizeof(status)), ENOEXEC);
    /* a right ident (64-bit, little-endian) with garbage after it */
    memcpy(junk, "\x7f" "ELF\x02\x01\x01", 7);
    UTEST_ASSERT_EQ(try_image(junk, sizeof(junk), status, sizeof(status)), ENOEXEC);
    /* a header of zeros after the ident */
    memset(junk + 16, 0, sizeof(junk) - 16);
    UTEST_ASSERT_EQ(try_image(junk, sizeof(junk), status, sizeof(status)), ENOEXEC);
    UTEST_ASSERT_EQ(try_image(junk, 64, status, sizeof(status)), ENOEXEC);
    UTEST_ASSERT_EQ(FAILS_WITH(stat("home:/usr/spawn-elf", &(stat_t){0})), ENOENT);
}

/* ---------------------------------------------------------------- faults */

/* The hexadecimal number after "ip 0x" in @status, or 0. */
static uint64_t status_ip(const char *status)
{
    const char *ip = strstr(status, "ip 0x");
    return ip ? strtoull(ip + 5, NULL, 16) : 0;
}

/* True if @ip lies in tproc's text (linked at 0x400000, a few pages). */
static bool ip_in_text(uint64_t ip)
{
    return ip >= 0x400000 && ip < 0x400000 + (1u << 20);
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

UTEST(fault_null_dereference)
{
    char status[MAX_STATUS];
    const char *argv[] = { TPROC, "null", NULL };
    UTEST_ASSERT(run(argv, NULL, NULL, NULL, status, sizeof(status)));
    if (!starts_with(status, "pagefault at 0x0 ip 0x") || !strstr(status, "not present")) {
        UTEST_FAIL("status \"%s\"", status);
        return;
    }
    UTEST_ASSERT(ip_in_text(status_ip(status)));
    const char *end = status + strlen(status) - strlen(" not present");
    UTEST_ASSERT_STR_EQ(end, " not present");
}

UTEST(fault_divide_by_zero)
{
    char status[MAX_STATUS];
    const char *argv[] = { TPROC, "div", NULL };
    UTEST_ASSERT(run(argv, NULL, NULL, NULL, status, sizeof(status)));
    if (!starts_with(status, "divbyzero ip 0x")) {
        UTEST_FAIL("status \"%s\"", status);
        return;
    }
    UTEST_ASSERT(ip_in_text(status_ip(status)));
    UTEST_ASSERT(strchr(status + 15, ' ') == NULL); /* nothing after the address */
}

UTEST(fault_illegal_instruction)
{
    char status[MAX_STATUS];
    const char *argv[] = { TPROC, "ud", NULL };
    UTEST_ASSERT(run(argv, NULL, NULL, NULL, status, sizeof(status)));
    if (!starts_with(status, "illegal ip 0x")) {
        UTEST_FAIL("status \"%s\"", status);
        return;
    }
    UTEST_ASSERT(ip_in_text(status_ip(status)));
}

UTEST(fault_kernel_write)
{
    char status[MAX_STATUS];
    const char *argv[] = { TPROC, "kernel", NULL };
    UTEST_ASSERT(run(argv, NULL, NULL, NULL, status, sizeof(status)));
    if (!starts_with(status, "pagefault at 0xffffffff80000000 ip 0x")) {
        UTEST_FAIL("status \"%s\"", status);
        return;
    }
    UTEST_ASSERT(ip_in_text(status_ip(status)));
    /* and the kernel is still there: a file we wrote before reads back */
    stat_t st;
    UTEST_ASSERT_EQ(stat("home:/bin/tproc", &st), 0);
}

UTEST(we_survive_faulting_children)
{
    /* several faulting children at once, then a normal one */
    char status[MAX_STATUS];
    const char *kinds[] = { "null", "div", "ud", "kernel", "null", "div" };
    pid_t pids[6];
    for (int i = 0; i < 6; i++) {
        const char *argv[] = { TPROC, kinds[i], NULL };
        pids[i] = start(argv, NULL, NULL, NULL);
        UTEST_ASSERT(pids[i] != ERR);
    }
    for (int i = 0; i < 6; i++) {
        UTEST_ASSERT(utest_wait(pids[i], status, sizeof(status)) > 0);
        UTEST_ASSERT(strstr(status, " ip 0x") != NULL);
    }
    const char *ok[] = { TPROC, "exit", "fine", NULL };
    UTEST_ASSERT(run(ok, NULL, NULL, NULL, status, sizeof(status)));
    UTEST_ASSERT_STR_EQ(status, "fine");
}

/* ---------------------------------------------------------------- many */

UTEST(spawn_500_in_a_row)
{
    char status[MAX_STATUS];
    const char *argv[] = { TPROC, "exit", "0", NULL };
    pid_t last = 0;
    for (int i = 0; i < 500; i++) {
        pid_t pid = spawn(argv, NULL, NULL, NULL);
        if (pid == ERR) {
            UTEST_FAIL("spawn %d failed: %s", i, strerror(errno));
            return;
        }
        if (pid <= last) {
            UTEST_FAIL("spawn %d gave pid %lld after %lld", i, (long long)pid, (long long)last);
            return;
        }
        last = pid;
        int64_t n = utest_wait(pid, status, sizeof(status));
        if (n != 1 || strcmp(status, "0") != 0) {
            UTEST_FAIL("child %d (pid %lld): %lld \"%s\" errno %d", i, (long long)pid, (long long)n,
                       n >= 0 ? status : "", errno);
            return;
        }
    }
    /* the last one is gone once collected, and spawning still works */
    char path[64];
    snprintf(path, sizeof(path), "sys:/proc/%lld", (long long)last);
    stat_t st;
    uint64_t deadline = uptime() + 10 * NS_PER_SEC;
    while (stat(path, &st) == 0 && uptime() < deadline)
        sleep(5 * NS_PER_MS);
    UTEST_ASSERT_EQ(FAILS_WITH(stat(path, &st)), ENOENT);
    const char *hello[] = { TPROC, "exit", "after", NULL };
    UTEST_ASSERT(run(hello, NULL, NULL, NULL, status, sizeof(status)));
    UTEST_ASSERT_STR_EQ(status, "after");
}

/* Runs a case, then kills and collects whatever children it left. */
#define RUN(name)                                                                      \
    do {                                                                               \
        UTEST_RUN(name);                                                               \
        cleanup();                                                                     \
    } while (0)

int main(void)
{
    UTEST_BEGIN("spawn");
    RUN(default_fds);
    RUN(fd_map_to_file);
    RUN(fd_map_only_listed);
    RUN(fd_map_errors);
    RUN(argv_passing);
    RUN(argv_bytes_limit);
    RUN(argv_invalid);
    RUN(cwd_argument);
    RUN(priority_attribute);
    RUN(missing_executable);
    RUN(directory_is_not_executable);
    RUN(text_is_not_executable);
    RUN(corrupt_elf);
    RUN(garbage_after_magic);
    RUN(fault_null_dereference);
    RUN(fault_divide_by_zero);
    RUN(fault_illegal_instruction);
    RUN(fault_kernel_write);
    RUN(we_survive_faulting_children);
    RUN(spawn_500_in_a_row);
    return UTEST_END();
}
