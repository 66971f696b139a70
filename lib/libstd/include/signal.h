/*
 * signal.h - C's signals, mapped onto notes (src/signal/signal.c; notes: sys/proc.h).
 *
 * A note's first word selects the signal: "interrupt" SIGINT, "terminate" SIGTERM,
 * "abort" SIGABRT, "pagefault" and "gpfault" SIGSEGV, "divbyzero" and "simd" SIGFPE,
 * "illegal" SIGILL. "kill" is SIGKILL and cannot be caught (the kernel ends the
 * process). signal() with a handler installs libstd's note handler with notify(); a
 * note for a signal whose action is SIG_IGN is dropped (the process resumes), and one
 * with SIG_DFL, or of a kind no signal matches, ends the process with the note as its
 * exit status, as without a handler. Returning from a handler of a fault (SIGSEGV,
 * SIGFPE, SIGILL) retries the faulting instruction. notify() and signal() share the
 * process's one note handler: the last call wins.
 * raise() runs the action in the calling thread, synchronously; with SIG_DFL it ends
 * the process with the signal's note text as status.
 */
#ifndef LIBSTD_SIGNAL_H
#define LIBSTD_SIGNAL_H

/** A type a handler may write atomically. */
typedef volatile int sig_atomic_t;

#define SIGINT 2
#define SIGILL 4
#define SIGABRT 6
#define SIGFPE 8
#define SIGKILL 9
#define SIGSEGV 11
#define SIGTERM 15
#define _NSIG 16

typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

/**
 * Set the action for @sig to @handler: a function, SIG_IGN or SIG_DFL. Actions stay
 * installed after a note is handled.
 * @return the previous action, or SIG_ERR with errno EINVAL (@sig is not one of the
 * signals above, or SIGKILL) or from notify().
 */
sighandler_t signal(int sig, sighandler_t handler);

/**
 * Run @sig's action now in the calling thread (the handler returns before raise()
 * does; SIG_DFL ends the process with the signal's note text as its status).
 * @return 0, or nonzero with errno EINVAL if @sig is not a signal above.
 */
int raise(int sig);

#endif
