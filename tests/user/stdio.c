/*
 * stdio.c - FILE streams, in the user-space suite `libstd` (case names start with
 * file_): round trips through home: files in every mode, the three buffering modes
 * observed through a second descriptor, ungetc, fseek/ftell, fscanf, getline, pipes
 * through fdopen, tmpfile, freopen, perror, one stream shared by threads, and the
 * error paths (a missing file, a bad mode, the wrong direction). Scratch files are
 * home:/usr/stdio-* and are removed. Children and the environment are in libc.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define F1 "home:/usr/stdio-1"
#define F2 "home:/usr/stdio-2"

/* The size of the file @path (stat), or -1. */
static int64_t file_size(const char *path)
{
    stat_t st;
    return stat(path, &st) == ERR ? -1 : (int64_t)st.size;
}

/* Write @text to @path with plain system calls (truncating). */
static bool put_text(const char *path, const char *text)
{
    fd_t fd = openf("%s?create&truncate", path);
    if (fd == ERR)
        return false;
    bool ok = write(fd, text, strlen(text)) == (int64_t)strlen(text);
    close(fd);
    return ok;
}

UTEST(file_write_read_roundtrip)
{
    FILE *f = fopen(F1, "w");
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT(fputs("first line\n", f) >= 0);
    UTEST_ASSERT_EQ(fprintf(f, "%d %s %x\n", 42, "second", 255), 13);
    UTEST_ASSERT_EQ(fputc('Z', f), 'Z');
    UTEST_ASSERT_EQ(fwrite("xyz\n", 1, 4, f), 4);
    UTEST_ASSERT_EQ(fclose(f), 0);
    char line[64];
    f = fopen(F1, "r");
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT(fgets(line, sizeof(line), f) == line);
    UTEST_ASSERT_STR_EQ(line, "first line\n");
    UTEST_ASSERT(fgets(line, sizeof(line), f) != NULL);
    UTEST_ASSERT_STR_EQ(line, "42 second ff\n");
    UTEST_ASSERT_EQ(fgetc(f), 'Z');
    char rest[16] = { 0 };
    UTEST_ASSERT_EQ(fread(rest, 1, sizeof(rest), f), 4);
    UTEST_ASSERT_STR_EQ(rest, "xyz\n");
    UTEST_ASSERT(feof(f));
    UTEST_ASSERT(!ferror(f));
    UTEST_ASSERT(fgets(line, sizeof(line), f) == NULL);
    fclose(f);
    remove(F1);
}

UTEST(file_fopen_missing_is_enoent)
{
    errno = 0;
    UTEST_ASSERT(fopen("home:/usr/stdio-missing", "r") == NULL);
    UTEST_ASSERT_EQ(errno, ENOENT);
    errno = 0;
    UTEST_ASSERT(fopen("home:/usr/no-such-dir/x", "w") == NULL);
    UTEST_ASSERT_EQ(errno, ENOENT);
    UTEST_ASSERT(file_size("home:/usr/stdio-missing") == -1); /* "r" created nothing */
}

UTEST(file_fopen_bad_mode_is_einval)
{
    const char *modes[] = { "", "z", "rw", "r+q", "ax", "+r" };
    for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
        errno = 0;
        UTEST_ASSERT(fopen(F1, modes[i]) == NULL);
        UTEST_ASSERT_EQ(errno, EINVAL);
    }
    errno = 0;
    UTEST_ASSERT(fopen(F1, NULL) == NULL);
    UTEST_ASSERT_EQ(errno, EINVAL);
    UTEST_ASSERT(file_size(F1) == -1);
    errno = 0;
    UTEST_ASSERT(fdopen(0, "q") == NULL);
    UTEST_ASSERT_EQ(errno, EINVAL);
}

UTEST(file_bad_flag_in_path_is_einval)
{
    errno = 0;
    UTEST_ASSERT(fopen(F1 "?bogus", "w") == NULL);
    UTEST_ASSERT_EQ(errno, EINVAL);
    errno = 0;
    UTEST_ASSERT(fopen(F1 "?create", "w") == NULL); /* "w" adds create: repeated */
    UTEST_ASSERT_EQ(errno, EINVAL);
    FILE *f = fopen(F1 "?create", "r+"); /* a flag of our own with a mode that adds none */
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT_EQ(fputs("ok", f), 0);
    fclose(f);
    UTEST_ASSERT_EQ(file_size(F1), 2);
    remove(F1);
}

UTEST(file_append_modes)
{
    FILE *f = fopen(F1, "w");
    UTEST_ASSERT(f != NULL);
    fputs("ab", f);
    fclose(f);
    f = fopen(F1, "a");
    UTEST_ASSERT(f != NULL);
    fputs("cd", f);
    fclose(f);
    f = fopen(F1, "a+");
    UTEST_ASSERT(f != NULL);
    fputs("ef", f);
    UTEST_ASSERT_EQ(fseek(f, 0, SEEK_SET), 0);
    char buf[16] = { 0 };
    UTEST_ASSERT_EQ(fread(buf, 1, sizeof(buf) - 1, f), 6);
    UTEST_ASSERT_STR_EQ(buf, "abcdef");
    fseek(f, 0, SEEK_SET);
    fputs("gh", f); /* append: at the end whatever the position */
    fclose(f);
    UTEST_ASSERT_EQ(file_size(F1), 8);
    remove(F1);
}

UTEST(file_r_plus_keeps_and_w_truncates)
{
    UTEST_ASSERT(put_text(F1, "0123456789"));
    FILE *f = fopen(F1, "r+");
    UTEST_ASSERT(f != NULL);
    fputs("ab", f);
    fclose(f);
    char buf[32];
    UTEST_ASSERT(utest_slurp(F1, buf, sizeof(buf)) == 10);
    UTEST_ASSERT_STR_EQ(buf, "ab23456789");
    f = fopen(F1, "w+");
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT_EQ(file_size(F1), 0);
    fputs("xy", f);
    rewind(f);
    UTEST_ASSERT_EQ(fgetc(f), 'x');
    fclose(f);
    remove(F1);
}

UTEST(file_exclusive_mode_is_eexist)
{
    UTEST_ASSERT(put_text(F1, "here"));
    errno = 0;
    UTEST_ASSERT(fopen(F1, "wx") == NULL);
    UTEST_ASSERT_EQ(errno, EEXIST);
    UTEST_ASSERT_EQ(file_size(F1), 4); /* not truncated */
    remove(F1);
    FILE *f = fopen(F1, "wbx");
    UTEST_ASSERT(f != NULL);
    fclose(f);
    remove(F1);
}

UTEST(file_wrong_direction_is_ebadf)
{
    UTEST_ASSERT(put_text(F1, "data"));
    FILE *f = fopen(F1, "r");
    UTEST_ASSERT(f != NULL);
    errno = 0;
    UTEST_ASSERT_EQ(fputc('x', f), EOF);
    UTEST_ASSERT_EQ(errno, EBADF);
    UTEST_ASSERT(ferror(f));
    clearerr(f);
    UTEST_ASSERT(!ferror(f));
    UTEST_ASSERT_EQ(fgetc(f), 'd');
    fclose(f);
    f = fopen(F1, "a");
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT_EQ(fgetc(f), EOF);
    UTEST_ASSERT(ferror(f));
    UTEST_ASSERT(!feof(f));
    fclose(f);
    UTEST_ASSERT_EQ(file_size(F1), 4);
    remove(F1);
}

UTEST(file_ungetc)
{
    UTEST_ASSERT(put_text(F1, "abc"));
    FILE *f = fopen(F1, "r");
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT_EQ(fgetc(f), 'a');
    UTEST_ASSERT_EQ(ungetc('z', f), 'z');
    UTEST_ASSERT_EQ(ftell(f), 0);
    UTEST_ASSERT_EQ(fgetc(f), 'z');
    UTEST_ASSERT_EQ(fgetc(f), 'b');
    UTEST_ASSERT_EQ(ungetc(EOF, f), EOF);
    UTEST_ASSERT_EQ(fgetc(f), 'c');
    UTEST_ASSERT_EQ(fgetc(f), EOF);
    UTEST_ASSERT(feof(f));
    UTEST_ASSERT_EQ(ungetc('q', f), 'q'); /* clears end of file */
    UTEST_ASSERT(!feof(f));
    UTEST_ASSERT_EQ(fgetc(f), 'q');
    UTEST_ASSERT_EQ(ungetc('1', f), '1');
    UTEST_ASSERT_EQ(fseek(f, 1, SEEK_SET), 0); /* a seek drops what was pushed back */
    UTEST_ASSERT_EQ(fgetc(f), 'b');
    fclose(f);
    remove(F1);
}

UTEST(file_fseek_ftell)
{
    FILE *f = fopen(F1, "w+");
    UTEST_ASSERT(f != NULL);
    for (int i = 0; i < 100; i++)
        fputc('0' + i % 10, f);
    UTEST_ASSERT_EQ(ftell(f), 100); /* counts what is still buffered */
    UTEST_ASSERT_EQ(fseek(f, 10, SEEK_SET), 0);
    UTEST_ASSERT_EQ(fgetc(f), '0');
    UTEST_ASSERT_EQ(ftell(f), 11);
    UTEST_ASSERT_EQ(fseek(f, -5, SEEK_END), 0);
    UTEST_ASSERT_EQ(fgetc(f), '5');
    UTEST_ASSERT_EQ(fseek(f, -3, SEEK_CUR), 0);
    UTEST_ASSERT_EQ(ftell(f), 93);
    fpos_t pos;
    UTEST_ASSERT_EQ(fgetpos(f, &pos), 0);
    UTEST_ASSERT_EQ(fgetc(f), '3');
    fputc('X', f); /* reading then writing at the reader's position */
    UTEST_ASSERT_EQ(fsetpos(f, &pos), 0);
    UTEST_ASSERT_EQ(fgetc(f), '3');
    UTEST_ASSERT_EQ(fgetc(f), 'X');
    errno = 0;
    UTEST_ASSERT_EQ(fseek(f, -1000, SEEK_SET), ERR);
    UTEST_ASSERT_EQ(errno, EINVAL);
    rewind(f);
    UTEST_ASSERT_EQ(ftell(f), 0);
    fclose(f);
    UTEST_ASSERT_EQ(file_size(F1), 100);
    remove(F1);
}

UTEST(file_full_buffering_holds_output)
{
    FILE *f = fopen(F1, "w");
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT_EQ(setvbuf(f, NULL, _IOFBF, 64), 0);
    fputs("line one\nline two\n", f);
    UTEST_ASSERT_EQ(file_size(F1), 0); /* newlines do not flush a fully buffered stream */
    UTEST_ASSERT_EQ(fflush(f), 0);
    UTEST_ASSERT_EQ(file_size(F1), 18);
    for (int i = 0; i < 70; i++) /* more than the buffer: some goes out by itself */
        fputc('x', f);
    UTEST_ASSERT(file_size(F1) >= 18 + 64);
    fclose(f);
    UTEST_ASSERT_EQ(file_size(F1), 88);
    remove(F1);
}

UTEST(file_line_buffering_flushes_at_newline)
{
    FILE *f = fopen(F1, "w");
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT_EQ(setvbuf(f, NULL, _IOLBF, 0), 0);
    fputs("ab", f);
    UTEST_ASSERT_EQ(file_size(F1), 0);
    fputs("c\nd", f); /* the newline sends the whole buffer */
    UTEST_ASSERT_EQ(file_size(F1), 5);
    fputs("e", f);
    UTEST_ASSERT_EQ(file_size(F1), 5);
    fclose(f);
    UTEST_ASSERT_EQ(file_size(F1), 6);
    remove(F1);
}

UTEST(file_unbuffered_writes_at_once)
{
    FILE *f = fopen(F1, "w");
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT_EQ(setvbuf(f, NULL, _IONBF, 0), 0);
    fputc('a', f);
    UTEST_ASSERT_EQ(file_size(F1), 1);
    fprintf(f, "%05d", 42);
    UTEST_ASSERT_EQ(file_size(F1), 6);
    fclose(f);
    char buf[16];
    utest_slurp(F1, buf, sizeof(buf));
    UTEST_ASSERT_STR_EQ(buf, "a00042");
    errno = 0;
    UTEST_ASSERT_EQ(setvbuf(stdout, NULL, 7, 0), ERR);
    UTEST_ASSERT_EQ(errno, EINVAL);
    remove(F1);
}

UTEST(file_setvbuf_caller_buffer)
{
    static char small[16];
    FILE *f = fopen(F1, "w+");
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT_EQ(setvbuf(f, small, _IOFBF, sizeof(small)), 0);
    for (int i = 0; i < 40; i++)
        fputc('a' + i % 26, f);
    rewind(f);
    char buf[64] = { 0 };
    UTEST_ASSERT_EQ(fread(buf, 1, sizeof(buf), f), 40);
    UTEST_ASSERT(memcmp(buf, "abcdefghijklmnopqrstuvwxyzabcdefghijklmn", 40) == 0);
    fclose(f);
    remove(F1);
}

UTEST(file_fscanf)
{
    UTEST_ASSERT(put_text(F1, "12 abc 0x1f\n -7 42rest\n"));
    FILE *f = fopen(F1, "r");
    UTEST_ASSERT(f != NULL);
    int a = 0, b = 0, c = 0;
    unsigned x = 0;
    char word[8];
    UTEST_ASSERT_EQ(fscanf(f, "%d %7s %x %d", &a, word, &x, &b), 4);
    UTEST_ASSERT_EQ(a, 12);
    UTEST_ASSERT_STR_EQ(word, "abc");
    UTEST_ASSERT_EQ(x, 31);
    UTEST_ASSERT_EQ(b, -7);
    UTEST_ASSERT_EQ(fscanf(f, "%d", &c), 1);
    UTEST_ASSERT_EQ(c, 42);
    char rest[16];
    UTEST_ASSERT(fgets(rest, sizeof(rest), f) != NULL); /* fscanf left "rest" unread */
    UTEST_ASSERT_STR_EQ(rest, "rest\n");
    UTEST_ASSERT_EQ(fscanf(f, "%d", &c), EOF);
    fclose(f);
    UTEST_ASSERT(put_text(F1, "abc"));
    f = fopen(F1, "r");
    UTEST_ASSERT_EQ(fscanf(f, "%d", &c), 0); /* a matching failure, not EOF */
    UTEST_ASSERT_EQ(fgetc(f), 'a');
    fclose(f);
    remove(F1);
}

UTEST(file_getline)
{
    FILE *f = fopen(F1, "w+");
    UTEST_ASSERT(f != NULL);
    fputs("short\n\n", f);
    for (int i = 0; i < 1000; i++)
        fputc('L', f);
    fputs("\nno newline", f);
    rewind(f);
    char *line = NULL;
    size_t cap = 0;
    UTEST_ASSERT_EQ(getline(&line, &cap, f), 6);
    UTEST_ASSERT_STR_EQ(line, "short\n");
    UTEST_ASSERT_EQ(getline(&line, &cap, f), 1);
    UTEST_ASSERT_EQ(getline(&line, &cap, f), 1001);
    UTEST_ASSERT(cap >= 1002);
    UTEST_ASSERT_EQ(line[999], 'L');
    UTEST_ASSERT_EQ(getline(&line, &cap, f), 10);
    UTEST_ASSERT_STR_EQ(line, "no newline");
    UTEST_ASSERT_EQ(getline(&line, &cap, f), ERR);
    rewind(f);
    UTEST_ASSERT_EQ(getdelim(&line, &cap, 'o', f), 3);
    UTEST_ASSERT_STR_EQ(line, "sho");
    errno = 0;
    UTEST_ASSERT_EQ(getline(NULL, &cap, f), ERR);
    UTEST_ASSERT_EQ(errno, EINVAL);
    free(line);
    fclose(f);
    remove(F1);
}

UTEST(file_fread_fwrite_large)
{
    enum { N = 20000 };
    static unsigned char out[N], in[N];
    for (int i = 0; i < N; i++)
        out[i] = (unsigned char)(i * 7 + i / 256);
    FILE *f = fopen(F1, "w");
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT_EQ(fwrite(out, 1, 100, f), 100);
    UTEST_ASSERT_EQ(fwrite(out + 100, 100, (N - 100) / 100, f), (N - 100) / 100);
    fclose(f);
    UTEST_ASSERT_EQ(file_size(F1), N);
    f = fopen(F1, "rb");
    UTEST_ASSERT(f != NULL);
    size_t got = 0, n;
    while ((n = fread(in + got, 1, 777 < N - got ? 777 : N - got, f)) > 0)
        got += n;
    UTEST_ASSERT_EQ(got, N);
    UTEST_ASSERT(memcmp(in, out, N) == 0);
    UTEST_ASSERT_EQ(fread(in, 4, 1, f), 0);
    UTEST_ASSERT(feof(f));
    fclose(f);
    remove(F1);
}

UTEST(file_feof_sticks_until_clearerr)
{
    UTEST_ASSERT(put_text(F1, "a"));
    FILE *f = fopen(F1, "r");
    UTEST_ASSERT_EQ(fgetc(f), 'a');
    UTEST_ASSERT_EQ(fgetc(f), EOF);
    UTEST_ASSERT(feof(f));
    fd_t fd = open(F1 "?append");
    write(fd, "b", 1);
    close(fd);
    UTEST_ASSERT_EQ(fgetc(f), EOF); /* the indicator is sticky */
    clearerr(f);
    UTEST_ASSERT(!feof(f));
    UTEST_ASSERT_EQ(fgetc(f), 'b');
    fclose(f);
    remove(F1);
}

UTEST(file_tmpfile)
{
    FILE *f = tmpfile();
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT_EQ(fprintf(f, "temporary %d", 7), 11);
    rewind(f);
    char buf[32];
    UTEST_ASSERT(fgets(buf, sizeof(buf), f) != NULL);
    UTEST_ASSERT_STR_EQ(buf, "temporary 7");
    UTEST_ASSERT_EQ(fclose(f), 0);
    char a[L_tmpnam], b[L_tmpnam];
    UTEST_ASSERT(strcmp(tmpnam(a), tmpnam(b)) != 0);
    UTEST_ASSERT(file_size(a) == -1);
}

UTEST(file_fdopen_pipe)
{
    fd_t p[2];
    UTEST_ASSERT(open2("sys:/pipe/new", p) == 0);
    FILE *w = fdopen(p[1], "w");
    FILE *r = fdopen(p[0], "r");
    UTEST_ASSERT(w != NULL && r != NULL);
    UTEST_ASSERT_EQ(fileno(w), p[1]);
    fprintf(w, "through a pipe %d\nsecond\n", 1);
    errno = 0;
    UTEST_ASSERT_EQ(ftell(w), ERR);
    UTEST_ASSERT_EQ(errno, ESPIPE);
    UTEST_ASSERT_EQ(fclose(w), 0); /* flushes, then closes the write end */
    char line[64];
    UTEST_ASSERT(fgets(line, sizeof(line), r) != NULL);
    UTEST_ASSERT_STR_EQ(line, "through a pipe 1\n");
    UTEST_ASSERT(fgets(line, sizeof(line), r) != NULL);
    UTEST_ASSERT(fgets(line, sizeof(line), r) == NULL);
    UTEST_ASSERT(feof(r));
    fclose(r);
    errno = 0;
    UTEST_ASSERT(fdopen(-3, "r") == NULL);
    UTEST_ASSERT_EQ(errno, EBADF);
}

UTEST(file_freopen)
{
    UTEST_ASSERT(put_text(F1, "one"));
    UTEST_ASSERT(put_text(F2, "two"));
    FILE *f = fopen(F1, "r");
    UTEST_ASSERT(f != NULL);
    UTEST_ASSERT_EQ(fgetc(f), 'o');
    UTEST_ASSERT(freopen(F2, "r", f) == f);
    UTEST_ASSERT_EQ(fgetc(f), 't');
    UTEST_ASSERT(freopen(NULL, "r+", f) == f); /* same file, now writable too */
    UTEST_ASSERT_EQ(fputc('!', f), '!');
    UTEST_ASSERT_EQ(fflush(f), 0);
    errno = 0;
    UTEST_ASSERT(freopen("home:/usr/stdio-missing", "r", f) == NULL); /* and f is closed */
    UTEST_ASSERT_EQ(errno, ENOENT);
    char buf[8];
    utest_slurp(F2, buf, sizeof(buf));
    UTEST_ASSERT_STR_EQ(buf, "t!o");
    remove(F1);
    remove(F2);
}

UTEST(file_remove_rename)
{
    UTEST_ASSERT(put_text(F1, "r"));
    UTEST_ASSERT_EQ(rename(F1, F2), 0);
    UTEST_ASSERT_EQ(file_size(F1), -1);
    UTEST_ASSERT_EQ(file_size(F2), 1);
    UTEST_ASSERT_EQ(remove(F2), 0);
    errno = 0;
    UTEST_ASSERT_EQ(remove(F2), ERR);
    UTEST_ASSERT_EQ(errno, ENOENT);
}

UTEST(file_fgets_splits_long_lines)
{
    UTEST_ASSERT(put_text(F1, "abcdefg\nh"));
    FILE *f = fopen(F1, "r");
    char buf[4];
    UTEST_ASSERT(fgets(buf, sizeof(buf), f) != NULL);
    UTEST_ASSERT_STR_EQ(buf, "abc");
    UTEST_ASSERT(fgets(buf, sizeof(buf), f) != NULL);
    UTEST_ASSERT_STR_EQ(buf, "def");
    UTEST_ASSERT(fgets(buf, sizeof(buf), f) != NULL);
    UTEST_ASSERT_STR_EQ(buf, "g\n");
    UTEST_ASSERT(fgets(buf, 1, f) == NULL || buf[0] == '\0');
    UTEST_ASSERT(fgets(buf, sizeof(buf), f) != NULL);
    UTEST_ASSERT_STR_EQ(buf, "h");
    UTEST_ASSERT(fgets(buf, 0, f) == NULL);
    fclose(f);
    remove(F1);
}

UTEST(file_perror_to_stderr)
{
    fd_t saved = dup(2);
    fd_t fd = open(F1 "?create&truncate");
    UTEST_ASSERT(saved != ERR && fd != ERR);
    dup2(fd, 2);
    errno = ENOENT;
    perror("stdio-test");
    errno = EINVAL;
    perror(NULL);
    dup2(saved, 2);
    close(saved);
    close(fd);
    char buf[128];
    utest_slurp(F1, buf, sizeof(buf));
    UTEST_ASSERT_STR_EQ(buf, "stdio-test: no such file or directory\ninvalid argument\n");
    remove(F1);
}

/* ---- one stream, several threads: every line arrives whole ---- */

#define WRITERS 4
#define LINES 200

static FILE *shared_file;
static int writers_done;

static void writer(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < LINES; i++)
        fprintf(shared_file, "writer %ld line %03d end\n", id, i);
    __atomic_add_fetch(&writers_done, 1, __ATOMIC_RELEASE);
}

UTEST(file_stream_shared_by_threads)
{
    shared_file = fopen(F1, "w+");
    UTEST_ASSERT(shared_file != NULL);
    setvbuf(shared_file, NULL, _IOFBF, 100); /* a small buffer: many flushes mid-way */
    writers_done = 0;
    for (long i = 0; i < WRITERS; i++)
        UTEST_ASSERT(thread_create(writer, (void *)i) != ERR);
    while (__atomic_load_n(&writers_done, __ATOMIC_ACQUIRE) < WRITERS)
        sleep(NS_PER_MS);
    rewind(shared_file);
    int counts[WRITERS] = { 0 }, lines = 0;
    long id;
    int n;
    char line[64];
    while (fgets(line, sizeof(line), shared_file) != NULL) {
        lines++;
        UTEST_ASSERT(sscanf(line, "writer %ld line %d end\n", &id, &n) == 2);
        UTEST_ASSERT(id >= 0 && id < WRITERS);
        UTEST_ASSERT_EQ(n, counts[id]); /* each writer's lines in its order */
        counts[id]++;
    }
    UTEST_ASSERT_EQ(lines, WRITERS * LINES);
    fclose(shared_file);
    remove(F1);
}

UTEST(file_stdout_is_a_stream)
{
    UTEST_ASSERT_EQ(fileno(stdout), 1);
    UTEST_ASSERT_EQ(fileno(stdin), 0);
    UTEST_ASSERT_EQ(fileno(stderr), 2);
    UTEST_ASSERT_EQ(fflush(stdout), 0);
    UTEST_ASSERT_EQ(fflush(NULL), 0);
}

int main(void)
{
    UTEST_BEGIN("libstd");
    UTEST_RUN(file_write_read_roundtrip);
    UTEST_RUN(file_fopen_missing_is_enoent);
    UTEST_RUN(file_fopen_bad_mode_is_einval);
    UTEST_RUN(file_bad_flag_in_path_is_einval);
    UTEST_RUN(file_append_modes);
    UTEST_RUN(file_r_plus_keeps_and_w_truncates);
    UTEST_RUN(file_exclusive_mode_is_eexist);
    UTEST_RUN(file_wrong_direction_is_ebadf);
    UTEST_RUN(file_ungetc);
    UTEST_RUN(file_fseek_ftell);
    UTEST_RUN(file_full_buffering_holds_output);
    UTEST_RUN(file_line_buffering_flushes_at_newline);
    UTEST_RUN(file_unbuffered_writes_at_once);
    UTEST_RUN(file_setvbuf_caller_buffer);
    UTEST_RUN(file_fscanf);
    UTEST_RUN(file_getline);
    UTEST_RUN(file_fread_fwrite_large);
    UTEST_RUN(file_feof_sticks_until_clearerr);
    UTEST_RUN(file_tmpfile);
    UTEST_RUN(file_fdopen_pipe);
    UTEST_RUN(file_freopen);
    UTEST_RUN(file_remove_rename);
    UTEST_RUN(file_fgets_splits_long_lines);
    UTEST_RUN(file_perror_to_stderr);
    UTEST_RUN(file_stream_shared_by_threads);
    UTEST_RUN(file_stdout_is_a_stream);
    return UTEST_END();
}
