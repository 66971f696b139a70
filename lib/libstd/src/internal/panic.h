/*
 * panic.h - how libstd reports a broken invariant of its own (a corrupted heap, a
 * failed set_tls at start-up): src/stdlib/exit.c. The message becomes the exit
 * status, so init and the shell print it.
 */
#ifndef LIBSTD_INTERNAL_PANIC_H
#define LIBSTD_INTERNAL_PANIC_H

/**
 * Write "@msg\n" to descriptor 2 and end the process with @msg as its exit status.
 * Uses no heap and no errno. Never returns.
 */
_Noreturn void _std_panic(const char *msg);

#endif
