/*
 * tcb.h - the thread control block: one per thread, reached through the FS base.
 *
 * crt0 (src/crt/start.c) installs a static one for the main thread with set_tls();
 * thread_create() (src/proc/thread.c) puts each new thread's at the top of the mapping
 * that also holds its stack, so thread_exit() frees both with one munmap. The first
 * word is the block's own address, as in the x86_64 ELF TLS layout, so %fs:0 yields a
 * normal pointer; errno.h depends on the offset of `err`.
 */
#ifndef LIBSTD_INTERNAL_TCB_H
#define LIBSTD_INTERNAL_TCB_H

#include <errno.h>
#include <stddef.h>

/** Thread-specific storage keys per process (threads.h TSS_MAX). */
#define STD_TSS_MAX 64

/** A thread control block. Only its own thread touches it after creation. */
typedef struct std_tcb {
    struct std_tcb *self;    /**< immutable: this block's address (%fs:0) */
    int err;                 /**< errno of this thread */
    int reserved;
    void (*entry)(void *);   /**< immutable: what thread_create() runs, NULL for main */
    void *arg;               /**< immutable: its argument */
    void *map_base;          /**< immutable: mapping holding stack and TCB, NULL for main */
    size_t map_size;         /**< immutable: its length in bytes, 0 for main */
    void *thrd;              /**< the C11 thread (src/threads/thrd.c), NULL until asked */
    void *tss[STD_TSS_MAX];  /**< tss_set() values of this thread */
} std_tcb_t;

_Static_assert(offsetof(std_tcb_t, err) == _STD_TCB_ERRNO_OFFSET,
               "errno.h's _STD_TCB_ERRNO_OFFSET does not match std_tcb_t");

/** The calling thread's control block. */
static inline std_tcb_t *_std_tcb(void)
{
    std_tcb_t *tcb;
    __asm__("mov %%fs:0, %0" : "=r"(tcb));
    return tcb;
}

#endif
