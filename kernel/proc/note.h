/*
 * note.h - notes, Plan 9's signals: short strings posted to a process (by writing
 * sys:/proc/<pid>/note, or by the kernel for a fault). A process that registered a
 * handler with notify() has one of its threads interrupted on its way back to user mode
 * (a blocked system call returns EINTR; a thread running on another CPU is pulled out
 * by an IPI) and run the handler with the note's text; noted() resumes where it was.
 * Without a handler, or for "kill", the process ends with the note as its status.
 */
#ifndef PROC_NOTE_H
#define PROC_NOTE_H

#include <stdint.h>
#include "arch/x86_64/trap.h"
#include "proc/process.h"

#define NOTE_QUEUE 16 /**< pending notes per process; more are dropped and counted */

/**
 * Queues text (1..MAX_STATUS-1 bytes) for p and interrupts its threads. Returns 0,
 * -EINVAL (empty or too long) or -EOVERFLOW (the queue was full: the note is dropped,
 * and the drop counted). Locking: p->lock, then run-queue locks. O(threads).
 */
int note_post(process_t *p, const char *text, size_t len);
/**
 * On the way back to user mode with frame f: delivers a pending note to the calling
 * thread (handler frame on its user stack) or ends the process (no handler, or "kill").
 * If the thread's stack cannot take the handler frame, the note stays queued for
 * another thread or a later return (the process ends only if the queue refilled).
 * Returns 1 if f was rewritten (the return must use iret), else 0. May not return
 * (process exit). Locking: takes p->lock. O(note length).
 */
int note_deliver(trap_frame_t *f);
/** notify(handler): 0 removes the handler. 0 or -EFAULT. */
int note_set_handler(uint64_t handler);
/** noted(): restores the context saved at delivery into f. 0 or -EINVAL/-EFAULT. */
int note_return(trap_frame_t *f);

#endif
