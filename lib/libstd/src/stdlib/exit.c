/*
 * exit.c - how a process ends from libstd: exit() (atexit functions, then every stream
 * flushed, then the status as a decimal string to process_exit()), _Exit(), abort() and _std_panic() for libstd's
 * own broken invariants. The kernel side is process_exit in include/abi/syscall.h.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "internal/file.h"
#include "internal/lock.h"
#include "internal/panic.h"
#include "internal/syscall.h"

#define ATEXIT_MAX 32

/* A stack of functions to run at exit: one for exit(), one for quick_exit(). */
typedef struct exit_fns {
    std_lock_t lock;
    void (*fns[ATEXIT_MAX])(void); /* lock */
    int count;                     /* lock */
} exit_fns_t;

static exit_fns_t at_exit = { STD_LOCK_INIT, { 0 }, 0 };
static exit_fns_t at_quick_exit_fns = { STD_LOCK_INIT, { 0 }, 0 };

static int fns_push(exit_fns_t *t, void (*fn)(void))
{
    int result = -1;
    _std_lock(&t->lock);
    if (t->count < ATEXIT_MAX) {
        t->fns[t->count++] = fn;
        result = 0;
    }
    _std_unlock(&t->lock);
    return result;
}

/* Pop one function at a time, so one registered while exiting still runs. */
static void fns_run(exit_fns_t *t)
{
    for (;;) {
        _std_lock(&t->lock);
        void (*fn)(void) = t->count > 0 ? t->fns[--t->count] : NULL;
        _std_unlock(&t->lock);
        if (fn == NULL)
            return;
        fn();
    }
}

int atexit(void (*fn)(void))
{
    return fns_push(&at_exit, fn);
}

int at_quick_exit(void (*fn)(void))
{
    return fns_push(&at_quick_exit_fns, fn);
}

/* Write @value in decimal into @buf (at least 12 bytes). */
static void format_status(int value, char *buf)
{
    char digits[12];
    int n = 0;
    unsigned magnitude = value < 0 ? 0u - (unsigned)value : (unsigned)value;
    do {
        digits[n++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    if (value < 0)
        *buf++ = '-';
    while (n > 0)
        *buf++ = digits[--n];
    *buf = '\0';
}

_Noreturn void _Exit(int status)
{
    char buf[12];
    format_status(status, buf);
    process_exit(buf);
}

_Noreturn void exit(int status)
{
    fns_run(&at_exit);
    _std_file_flush_all(true);
    _Exit(status);
}

_Noreturn void quick_exit(int status)
{
    fns_run(&at_quick_exit_fns);
    _Exit(status);
}

/* Defined by src/signal/signal.c, which a program links only if it uses signal(). */
extern void _std_signal_abort(void) __attribute__((weak));

_Noreturn void abort(void)
{
    if (_std_signal_abort != NULL)
        _std_signal_abort();
    process_exit("abort");
}

_Noreturn void _std_panic(const char *msg)
{
    /* Raw system calls: errno (the FS base) or the heap may be what is broken. */
    _sys_write(STDERR_FILENO, _SYS_PTR(msg), strlen(msg));
    _sys_write(STDERR_FILENO, _SYS_PTR("\n"), 1);
    process_exit(msg);
}
