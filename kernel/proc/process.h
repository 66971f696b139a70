/*
 * process.h - processes: an address space, a descriptor table, a current directory,
 * arguments, an exit status (a string) and threads; processes form a tree.
 *
 * Lifetime: a process is referenced by each of its threads, by its parent (until the
 * parent has collected the exit status or exited itself) and by open sys:/proc files.
 * When the last thread ends, the address space and descriptors are released at once;
 * the process_t itself stays (state exited, status readable) until the last reference.
 */
#ifndef PROC_PROCESS_H
#define PROC_PROCESS_H

#include <stdint.h>
#include <abi/types.h>
#include "fs/fdtable.h"
#include "lib/list.h"
#include "mm/vmm.h"
#include "sync/mutex.h"
#include "sync/waitq.h"

struct thread;

/** A process. */
typedef struct process {
    pid_t pid;                    /**< immutable */
    struct process *parent;       /**< process tree lock; NULL once the parent is gone */
    list_node_t sibling;          /**< process tree lock: link in parent->children */
    list_t children;              /**< process tree lock */
    list_node_t all_node;         /**< process tree lock: link in the list of all processes */
    vmm_space_t space;            /**< its own lock; released when the last thread ends */
    mutex_t mm_lock;              /**< serialises mmap/munmap/mprotect */
    uint64_t mmap_next;           /**< mm_lock: next free address for mmap */
    fdtable_t fds;                /**< its own lock */
    spinlock_t lock;              /**< protects cwd, status, threads, exiting */
    char *cwd;                    /**< lock: kmalloc'd, replaced whole by process_set_cwd */
    char *cmdline;                /**< immutable: arguments, NUL separated */
    size_t cmdline_len;           /**< immutable */
    char status[MAX_STATUS];      /**< lock: exit status, valid once exited */
    volatile int exiting;         /**< atomic: threads must end at their next kernel exit */
    volatile int exited;          /**< atomic: every thread has ended */
    unsigned thread_count;        /**< lock: live threads */
    list_t threads;               /**< lock: thread_t.proc_node */
    waitq_t exit_wq;              /**< waiters for exited */
    int prio;                     /**< lock: priority of new threads */
    volatile uint32_t refs;       /**< atomic */
    struct sysfs_dir *dir;        /**< immutable once published: `sys:/proc/<pid>` */
    uint64_t note_handler;        /**< lock: user address of the notify() handler, 0 = none */
    char (*notes)[MAX_STATUS];    /**< lock: the note queue, allocated by the first note */
    unsigned note_head;           /**< lock */
    volatile unsigned note_count; /**< lock (atomic reads on the return path) */
    uint64_t notes_dropped;       /**< lock: notes refused because the queue was full */
} process_t;

/** Sets up process bookkeeping (pid 0 is the kernel). Once. */
void process_init(void);
/**
 * Creates an empty process (no threads) as a child of parent (NULL: no parent) with
 * cwd. Returns it with one reference for the caller (the parent's), or NULL (ENOMEM).
 */
process_t *process_create(process_t *parent, const char *cwd);
/** Copies p's current directory into out (MAX_PATH + 1 bytes). Locking: p->lock. O(length). */
void process_get_cwd(process_t *p, char *out);
/** Makes cwd (normalized) p's current directory. 0 or -ENOMEM. Locking: p->lock. O(length). */
int process_set_cwd(process_t *p, const char *cwd);
/** Destroys a process that never started a thread (a failed spawn), dropping both references. */
void process_abandon(process_t *p);
/** Adds a user thread to p starting at rip with rsp, rdi, rsi, FS base tls. 0 or -ENOMEM. */
int process_start_thread(process_t *p, uint64_t rip, uint64_t rsp, uint64_t rdi, uint64_t rsi, uint64_t tls,
                         struct thread **out);
/** Ends the calling thread's process with status (first status wins). Never returns. */
__attribute__((noreturn)) void process_exit(const char *status);
/** Makes p end with status: its threads stop at their next kernel exit. O(threads). */
void process_kill(process_t *p, const char *status);
/** Ends the calling user thread; the last one finishes the process. Never returns. */
__attribute__((noreturn)) void process_thread_exit(void);
/** Checks on the way back to user mode whether the thread must end (process exiting). */
void process_check_exit(void);
/** Waits until p has exited (timeout_ns 0: forever). 0, -ETIMEDOUT or -EINTR. May sleep. */
int process_wait(process_t *p, uint64_t timeout_ns);
/**
 * Called when the parent has read p's exit status: p leaves the process tree and its
 * parent's reference is dropped. Returns 1 if the caller was p's parent and p had exited.
 */
int process_collect(process_t *p);
/** The calling thread's process, or NULL for kernel threads. O(1). */
process_t *process_current(void);
/** Finds a live or exited-but-referenced process by pid, with a new reference. O(processes). */
process_t *process_find(pid_t pid);
/** 1 if a is b or one of b's ancestors. Locking: takes the tree lock. O(depth). */
int process_is_ancestor(process_t *a, process_t *b);
/** The pid of p's parent, 0 once it has none (never had, exited or collected p).
 *  Locking: takes the tree lock. O(1). */
pid_t process_parent_pid(process_t *p);
/** Sets the priority of p's threads and of its future threads (0..31). O(threads). */
void process_set_prio(process_t *p, int prio);
/** Reference counting. The last unref frees the process_t (via procfs_release). */
void process_ref(process_t *p);
void process_unref(process_t *p);
/**
 * A new reference unless the last one is already gone (the process_t is then on its
 * way to the reaper and must not come back). 1 if referenced, else 0. Lock-free.
 */
int process_tryref(process_t *p);
/** Processes in existence (not yet freed). O(1). */
uint64_t process_count(void);

#endif
