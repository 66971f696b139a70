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

static std_lock_t atexit_lock = STD_LOCK_INIT;
static void (*atexit_fns[ATEXIT_MAX])(void); /* atexit_lock */
static int atexit_count;                      /* atexit_lock */

int atexit(void (*fn)(void))
{
    int result = -1;
    _std_lock(&atexit_lock);
    if (atexit_count < ATEXIT_MAX) {
        atexit_fns[atexit_count++] = fn;
        result = 0;
    }
    _std_unlock(&atexit_lock);
    return result;
}

/* Pop one function at a time, so one registered while exiting still runs. */
static void run_atexit(void)
{
    for (;;) {
        _std_lock(&atexit_lock);
        void (*fn)(void) = atexit_count > 0 ? atexit_fns[--atexit_count] : NULL;
        _std_unlock(&atexit_lock);
        if (fn == NULL)
            return;
        fn();
    }
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
    run_atexit();
    _std_file_flush_all(true);
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
