/*
 * signal.c - signal() and raise() on notes (include/signal.h). One table maps signal
 * numbers to note kinds; the actions are atomic pointers, so a note handler running
 * on any thread sees a consistent action.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/proc.h>

/* A note kind and its signal; the first entry of a signal is what raise() sends. */
static const struct {
    const char *kind;
    int sig;
} kinds[] = {
    { "interrupt", SIGINT }, { "terminate", SIGTERM }, { "abort", SIGABRT },
    { "pagefault", SIGSEGV }, { "gpfault", SIGSEGV }, { "divbyzero", SIGFPE },
    { "simd", SIGFPE }, { "illegal", SIGILL }, { "kill", SIGKILL },
};

static sighandler_t actions[_NSIG]; /* atomic */

static bool sig_is_valid(int sig)
{
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (kinds[i].sig == sig)
            return true;
    }
    return false;
}

/* The signal of a note, from its first word; 0 if none matches. */
static int sig_of_note(const char *note)
{
    size_t len = strcspn(note, " ");
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (strlen(kinds[i].kind) == len && strncmp(kinds[i].kind, note, len) == 0)
            return kinds[i].sig;
    }
    return 0;
}

static const char *note_of_sig(int sig)
{
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (kinds[i].sig == sig)
            return kinds[i].kind;
    }
    return "signal";
}

/* Run @sig's action; @note is the exit status if the action is the default one. */
static void run_action(int sig, const char *note)
{
    sighandler_t h = sig > 0 ? __atomic_load_n(&actions[sig], __ATOMIC_ACQUIRE) : SIG_DFL;
    if (h == SIG_IGN)
        return;
    if (h == SIG_DFL)
        process_exit(note);
    h(sig);
}

static void note_dispatch(const char *note)
{
    run_action(sig_of_note(note), note);
}

sighandler_t signal(int sig, sighandler_t handler)
{
    if (!sig_is_valid(sig) || sig == SIGKILL || handler == SIG_ERR) {
        errno = EINVAL;
        return SIG_ERR;
    }
    if (handler != SIG_DFL && notify(note_dispatch) == ERR)
        return SIG_ERR;
    return __atomic_exchange_n(&actions[sig], handler, __ATOMIC_ACQ_REL);
}

int raise(int sig)
{
    if (!sig_is_valid(sig)) {
        errno = EINVAL;
        return -1;
    }
    if (sig == SIGKILL)
        process_exit("kill");
    run_action(sig, note_of_sig(sig));
    return 0;
}

/* abort() (src/stdlib/exit.c) runs a SIGABRT handler when this file is linked in. */
void _std_signal_abort(void);
void _std_signal_abort(void)
{
    sighandler_t h = __atomic_load_n(&actions[SIGABRT], __ATOMIC_ACQUIRE);
    if (h != SIG_DFL && h != SIG_IGN)
        h(SIGABRT);
}
