/*
 * file.h - the FILE of stdio.h (src/stdio/file*.c): one open stream over a descriptor,
 * with its buffer, pushed-back bytes, indicators and a recursive lock.
 *
 * A stream is in one of three states: idle, reading (buf[rpos..rend) holds bytes read
 * ahead from the descriptor) or writing (buf[0..wpos) holds bytes not yet written).
 * Switching between reading and writing first flushes the written bytes, or seeks the
 * descriptor back over the read-ahead ones, so the descriptor's offset and the
 * stream's position agree. Every public function takes the stream's lock; the
 * _std_file_* functions below expect the caller to hold it.
 */
#ifndef LIBSTD_INTERNAL_FILE_H
#define LIBSTD_INTERNAL_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "internal/lock.h"

#define FILE_PUSHBACK 8 /* bytes ungetc() can push back (C promises 1) */

/** How a stream is being used now. */
typedef enum { FILE_IDLE, FILE_READING, FILE_WRITING } file_state_t;

/** An open stream. Fields below `lock` are protected by it. */
struct std_file {
    std_lock_t lock;           /**< the stream's lock (recursive through owner/depth) */
    void *owner;               /**< atomic: the TCB of the thread holding lock, or NULL */
    unsigned depth;            /**< lock: how many times owner holds it */
    fd_t fd;                   /**< lock: the descriptor, ERR once closed */
    bool can_read, can_write;  /**< lock: from the open mode */
    bool eof, error;           /**< lock: the end-of-file and error indicators */
    bool mode_set;             /**< lock: setvbuf() chose the mode (else it is decided at first use) */
    bool buf_owned;            /**< lock: buf was malloc()ed here */
    int mode;                  /**< lock: _IOFBF, _IOLBF or _IONBF */
    file_state_t state;        /**< lock */
    char *buf;                 /**< lock: the buffer, NULL until first use */
    size_t size;               /**< lock: its size */
    size_t rpos, rend;         /**< lock: unread bytes while reading */
    size_t wpos;               /**< lock: unwritten bytes while writing */
    unsigned char pushed[FILE_PUSHBACK]; /**< lock: ungetc() bytes, the last one on top */
    size_t npushed;            /**< lock */
    char one;                  /**< lock: the one-byte buffer of an unbuffered stream */
    bool is_std;               /**< immutable: stdin, stdout or stderr (static, never freed) */
    struct std_file *prev, *next; /**< the open-streams list (its own lock in file.c) */
};

/** Take @f's lock (recursive: the holder may take it again). */
void _std_file_lock(FILE *f);

/** Release @f's lock once. */
void _std_file_unlock(FILE *f);

/** Read one byte. @return it, or EOF (the indicators say which). Caller holds the lock. */
int _std_file_getc(FILE *f);

/** Push @c back. @return @c, or EOF if it is EOF or there is no room. Lock held. */
int _std_file_ungetc(int c, FILE *f);

/** Write @n bytes. @return how many were taken (< @n after an error). Lock held. */
size_t _std_file_write(FILE *f, const void *data, size_t n);

/** Read up to @n bytes. @return how many were read. Lock held. */
size_t _std_file_read(FILE *f, void *data, size_t n);

/** Write out buffered bytes. @return 0, or EOF with errno and the error indicator. Lock held. */
int _std_file_flush(FILE *f);

/**
 * fflush() every open stream. With @at_exit, a stream another thread holds locked
 * (say, blocked reading a pipe) is skipped rather than waited for, so exit() cannot
 * hang on it.
 */
void _std_file_flush_all(bool at_exit);

#endif
