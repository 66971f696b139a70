/*
 * file.c - the core of FILE (internal/file.h): the recursive stream lock, the list of
 * open streams, buffers and modes, and the byte-moving primitives every stdio function
 * is built on: _std_file_read/_write/_getc/_ungetc/_flush. Opening, closing and
 * positioning are in file_open.c; character and line functions in file_io.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include "internal/file.h"
#include "internal/tcb.h"

static FILE std_in = { .fd = STDIN_FILENO, .can_read = true, .is_std = true };
static FILE std_out = { .fd = STDOUT_FILENO, .can_write = true, .is_std = true };
static FILE std_err = { .fd = STDERR_FILENO, .can_write = true, .is_std = true,
                        .mode = _IONBF, .mode_set = true };

FILE *stdin = &std_in;
FILE *stdout = &std_out;
FILE *stderr = &std_err;

static std_lock_t list_lock = STD_LOCK_INIT;
static FILE *list_head; /* list_lock: the streams fopen() and fdopen() made */

void _std_file_lock(FILE *f)
{
    void *self = _std_tcb();
    if (__atomic_load_n(&f->owner, __ATOMIC_RELAXED) == self) {
        f->depth++;
        return;
    }
    _std_lock(&f->lock);
    __atomic_store_n(&f->owner, self, __ATOMIC_RELAXED);
    f->depth = 1;
}

void _std_file_unlock(FILE *f)
{
    if (--f->depth == 0) {
        __atomic_store_n(&f->owner, NULL, __ATOMIC_RELAXED);
        _std_unlock(&f->lock);
    }
}

void _std_file_list_add(FILE *f)
{
    _std_lock(&list_lock);
    f->prev = NULL;
    f->next = list_head;
    if (list_head != NULL)
        list_head->prev = f;
    list_head = f;
    _std_unlock(&list_lock);
}

void _std_file_list_remove(FILE *f)
{
    _std_lock(&list_lock);
    if (f->prev != NULL)
        f->prev->next = f->next;
    else
        list_head = f->next;
    if (f->next != NULL)
        f->next->prev = f->prev;
    _std_unlock(&list_lock);
}

/*
 * The mode of a stream nobody chose one for: stdout is line-buffered unless it is a
 * regular file (one that can seek), so a console, pipe or socket sees whole lines at
 * once; everything else is fully buffered (stderr is unbuffered from the start).
 */
static int default_mode(FILE *f)
{
    if (f != &std_out)
        return _IOFBF;
    int saved = errno;
    int mode = seek(f->fd, 0, SEEK_CUR) == ERR ? _IOLBF : _IOFBF;
    errno = saved;
    return mode;
}

/* Give @f a buffer before its first transfer; falls back to unbuffered without memory. */
static void setup_buffer(FILE *f)
{
    if (f->buf != NULL)
        return;
    if (!f->mode_set) {
        f->mode = default_mode(f);
        f->mode_set = true;
    }
    if (f->mode != _IONBF) {
        f->buf = malloc(BUFSIZ);
        f->size = BUFSIZ;
        f->buf_owned = f->buf != NULL;
    }
    if (f->buf == NULL) {
        f->mode = _IONBF;
        f->buf = &f->one;
        f->size = 1;
    }
}

static void set_error(FILE *f, int err)
{
    f->error = true;
    errno = err;
}

/* Write all of @data straight to the descriptor. @return the count written. */
static size_t write_fd(FILE *f, const char *data, size_t n)
{
    size_t done = 0;
    while (done < n) {
        int64_t w = write(f->fd, data + done, n - done);
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            f->error = true;
            break;
        }
        done += (size_t)w;
    }
    return done;
}

int _std_file_flush(FILE *f)
{
    if (f->state == FILE_READING) {
        /* Give back the read-ahead, so the descriptor is where the reader is. */
        int64_t back = (int64_t)(f->rend - f->rpos + f->npushed);
        if (back > 0 && seek(f->fd, -back, SEEK_CUR) == ERR && errno != ESPIPE) {
            f->error = true;
            return EOF;
        }
        f->rpos = f->rend = f->npushed = 0;
        f->state = FILE_IDLE;
        return 0;
    }
    if (f->state != FILE_WRITING)
        return 0;
    size_t done = write_fd(f, f->buf, f->wpos);
    if (done < f->wpos) {
        memmove(f->buf, f->buf + done, f->wpos - done);
        f->wpos -= done;
        return EOF;
    }
    f->wpos = 0;
    f->state = FILE_IDLE;
    return 0;
}

/* Make @f ready for a transfer in @state. @return 0, or EOF (error, or wrong mode). */
static int prepare(FILE *f, file_state_t state)
{
    if (f->fd == ERR || (state == FILE_READING ? !f->can_read : !f->can_write)) {
        set_error(f, EBADF);
        return EOF;
    }
    setup_buffer(f);
    if (f->state != state && f->state != FILE_IDLE && _std_file_flush(f) == EOF)
        return EOF;
    f->state = state;
    return 0;
}

/* After a failed flush: of @done bytes copied in, those still buffered are not written. */
static size_t taken(FILE *f, size_t done)
{
    return done > f->wpos ? done - f->wpos : 0;
}

size_t _std_file_write(FILE *f, const void *data, size_t n)
{
    if (n == 0 || prepare(f, FILE_WRITING) == EOF)
        return 0;
    const char *s = data;
    if (f->mode == _IONBF || n >= f->size) {
        if (_std_file_flush(f) == EOF)
            return 0;
        f->state = FILE_WRITING;
        return write_fd(f, s, n);
    }
    size_t done = 0;
    while (done < n) {
        size_t room = f->size - f->wpos, copy = n - done < room ? n - done : room;
        memcpy(f->buf + f->wpos, s + done, copy);
        f->wpos += copy;
        done += copy;
        if (f->wpos == f->size && _std_file_flush(f) == EOF)
            return taken(f, done);
        f->state = FILE_WRITING;
    }
    if (f->mode == _IOLBF && memchr(s, '\n', n) != NULL && _std_file_flush(f) == EOF)
        return taken(f, n);
    return n;
}

/* Refill the read buffer. @return the byte count now buffered, 0 at end or error. */
static size_t refill(FILE *f)
{
    if (f == &std_in) {
        /* A prompt written without a newline must show before we wait for input. */
        _std_file_lock(&std_out);
        if (std_out.state == FILE_WRITING)
            _std_file_flush(&std_out);
        _std_file_unlock(&std_out);
    }
    int64_t n = read(f->fd, f->buf, f->size);
    f->rpos = 0;
    f->rend = n > 0 ? (size_t)n : 0;
    if (n == 0)
        f->eof = true;
    else if (n < 0)
        f->error = true;
    return f->rend;
}

int _std_file_getc(FILE *f)
{
    if (prepare(f, FILE_READING) == EOF)
        return EOF;
    if (f->npushed > 0)
        return f->pushed[--f->npushed];
    if (f->eof)
        return EOF;
    if (f->rpos == f->rend && refill(f) == 0)
        return EOF;
    return (unsigned char)f->buf[f->rpos++];
}

int _std_file_ungetc(int c, FILE *f)
{
    if (c == EOF || f->npushed == FILE_PUSHBACK || prepare(f, FILE_READING) == EOF)
        return EOF;
    f->pushed[f->npushed++] = (unsigned char)c;
    f->eof = false;
    return (unsigned char)c;
}

size_t _std_file_read(FILE *f, void *data, size_t n)
{
    if (n == 0 || prepare(f, FILE_READING) == EOF)
        return 0;
    char *d = data;
    size_t done = 0;
    for (; done < n && f->npushed > 0; done++)
        d[done] = (char)f->pushed[--f->npushed];
    while (done < n && !f->eof) {
        if (f->rpos == f->rend) {
            if (n - done >= f->size) { /* a big read goes straight to the caller */
                int64_t r = read(f->fd, d + done, n - done);
                if (r <= 0) {
                    f->eof = r == 0;
                    f->error = r < 0;
                    break;
                }
                done += (size_t)r;
                continue;
            }
            if (refill(f) == 0)
                break;
        }
        size_t avail = f->rend - f->rpos, copy = n - done < avail ? n - done : avail;
        memcpy(d + done, f->buf + f->rpos, copy);
        f->rpos += copy;
        done += copy;
    }
    return done;
}

/* Flush @f for _std_file_flush_all(). */
static void flush_one(FILE *f, bool at_exit)
{
    void *self = _std_tcb();
    if (!at_exit || __atomic_load_n(&f->owner, __ATOMIC_RELAXED) == self) {
        fflush(f);
    } else if (_std_trylock(&f->lock)) {
        if (f->state == FILE_WRITING)
            _std_file_flush(f);
        _std_unlock(&f->lock);
    }
}

void _std_file_flush_all(bool at_exit)
{
    flush_one(stdout, at_exit);
    flush_one(stderr, at_exit);
    _std_lock(&list_lock);
    for (FILE *f = list_head; f != NULL; f = f->next)
        flush_one(f, at_exit);
    _std_unlock(&list_lock);
}

int fflush(FILE *f)
{
    if (f == NULL) {
        _std_file_flush_all(false);
        return 0;
    }
    _std_file_lock(f);
    int rc = f->state == FILE_WRITING ? _std_file_flush(f) : 0;
    _std_file_unlock(f);
    return rc;
}

int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
    if ((mode != _IOFBF && mode != _IOLBF && mode != _IONBF) || (buf != NULL && size == 0)) {
        errno = EINVAL;
        return ERR;
    }
    _std_file_lock(f);
    int rc = _std_file_flush(f) == EOF ? ERR : 0;
    if (rc == 0) {
        if (f->buf_owned)
            free(f->buf);
        f->buf = NULL;
        f->buf_owned = false;
        f->mode = mode;
        f->mode_set = true;
        if (mode != _IONBF && buf != NULL) {
            f->buf = buf;
            f->size = size;
        } else if (mode != _IONBF && size > 0 && (f->buf = malloc(size)) != NULL) {
            f->size = size;
            f->buf_owned = true;
        }
    }
    _std_file_unlock(f);
    return rc;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
    setvbuf(f, buf, buf != NULL ? _IOFBF : _IONBF, BUFSIZ);
}

void setlinebuf(FILE *f)
{
    setvbuf(f, NULL, _IOLBF, 0);
}
