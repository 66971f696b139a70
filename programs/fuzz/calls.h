/*
 * calls.h - what the fuzzer's call files share: each thread's descriptor pool
 * (calls.c) and the operations that live in calls_mem.c, calls_misc.c and child.c.
 * Every function here runs on the thread that owns @t.
 */
#ifndef FUZZ_CALLS_H
#define FUZZ_CALLS_H

#include "fuzz.h"

/** The index of an empty slot of @t's pool, or -1. */
int pool_free_slot(fuzz_thread_t *t);
/** Put @fd in @t's pool, closing a random one first if the pool is full. */
void pool_add(fuzz_thread_t *t, fd_t fd, unsigned flags);
/** A random slot of @t's pool (maybe empty: fd -1). */
fuzz_fd_t *pool_pick(fuzz_thread_t *t);

/** mmap of anonymous memory, shared memory, the framebuffer or junk, in the arena or not. */
void op_mmap(fuzz_thread_t *t);
/** munmap of a random range of the arena, or of a bad range. */
void op_munmap(fuzz_thread_t *t);
/** mprotect of a random range of the arena, or of a bad range. */
void op_mprotect(fuzz_thread_t *t);
/** Set up @t's buffer, read-only page, edge page; false if out of memory. */
bool mem_setup(fuzz_thread_t *t);
/** Unmap @t's arena. */
void mem_teardown(fuzz_thread_t *t);

/** A short-lived thread that makes a few calls and exits. */
void op_thread_life(fuzz_thread_t *t);
/** A harmless note to ourselves (our handler counts it; blocked calls return EINTR). */
void op_self_note(fuzz_thread_t *t);
/** A local socket: ctl commands, connect, accept, data. */
void op_socket(fuzz_thread_t *t);

/** child_spawn() */
void op_spawn(fuzz_thread_t *t);
/** child_poke() */
void op_poke(fuzz_thread_t *t);
/** child_poke_ancestor() */
void op_ancestor(fuzz_thread_t *t);

#endif
