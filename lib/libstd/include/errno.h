/*
 * errno.h - the per-thread error number. The codes are the kernel's (include/abi/errno.h).
 *
 * Every thread's FS base points at its thread control block (lib/libstd/src/internal/
 * tcb.h), whose first word is its own address and whose errno field sits at
 * _STD_TCB_ERRNO_OFFSET; `errno` reads the self-pointer at %fs:0 and names that field,
 * so it is an ordinary lvalue (&errno works) private to the calling thread.
 */
#ifndef LIBSTD_ERRNO_H
#define LIBSTD_ERRNO_H

#include <abi/errno.h>

/* Codes of the C library alone (C requires them; the kernel never returns them). */
#define EDOM 33   /**< an argument outside a math function's domain */
#define EILSEQ 84 /**< an invalid multibyte sequence */

/** Byte offset of the errno field in the thread control block (checked in tcb.h). */
#define _STD_TCB_ERRNO_OFFSET 8

/**
 * The address of the calling thread's errno. Never fails once crt0 has installed the
 * main thread's control block (before any constructor or main() runs).
 */
static inline int *_std_errno_location(void)
{
    char *tcb;
    /* Not volatile: the FS base never changes under a running thread. */
    __asm__("mov %%fs:0, %0" : "=r"(tcb));
    return (int *)(tcb + _STD_TCB_ERRNO_OFFSET);
}

/** The calling thread's last error code (an E* value); 0 at thread start. */
#define errno (*_std_errno_location())

#endif
