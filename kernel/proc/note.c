/*
 * note.c - note queues and their delivery. Delivery saves the interrupted user context
 * (a trap_frame_t) and the note text on the thread's user stack, below a 128-byte gap,
 * and starts the handler with rdi = the text and rsi = the saved context. noted() reads
 * that context back, checks it (user code and stack selectors, no privileged flags,
 * a user rip) and resumes it through iret. One note at a time per thread. A thread
 * whose stack cannot take the handler frame leaves the note queued for the next.
 */
#include "note.h"
#include "lib/hot.h"
#include <abi/errno.h>
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/lapic.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/layout.h"
#include "mm/user.h"
#include "sched/cpu.h"
#include "sched/sched.h"
#include "sched/thread.h"

#define RFLAGS_USER_MASK 0xcd5ull /* CF PF AF ZF SF TF DF OF: what user code may set */

int note_post(process_t *p, const char *text, size_t len)
{
    if (len == 0 || len >= MAX_STATUS || strnlen(text, len) != len)
        return -EINVAL;
    char (*queue)[MAX_STATUS] = p->notes ? 0 : kzalloc(NOTE_QUEUE * MAX_STATUS);
    spinlock_lock(&p->lock);
    if (!p->notes)
        p->notes = queue, queue = 0;
    if (!p->notes) {
        spinlock_unlock(&p->lock);
        return -ENOMEM;
    }
    if (p->exiting || p->note_count == NOTE_QUEUE) {
        int full = !p->exiting;
        p->notes_dropped += full;
        spinlock_unlock(&p->lock);
        kfree(queue);
        return full ? -EOVERFLOW : 0;
    }
    char *slot = p->notes[(p->note_head + p->note_count++) % NOTE_QUEUE];
    memcpy(slot, text, len);
    slot[len] = 0;
    list_node_t *n;
    list_for_each(n, &p->threads)
    {
        thread_t *t = LIST_CONTAINER(n, thread_t, proc_node);
        if (t == thread_current())
            continue;
        sched_wake(t, WAKE_INTERRUPT); /* a blocked system call returns EINTR */
        cpu_t *c = t->cpu;
        if (c && c->current == t && c != cpu_current())
            lapic_send_ipi(c->apic_id, LAPIC_VECTOR_RESCHED); /* out of user mode now */
    }
    spinlock_unlock(&p->lock);
    kfree(queue); /* another note allocated the queue first */
    return 0;
}

/* Takes the oldest note into out; 0 if none. */
static int note_take(process_t *p, char *out, uint64_t *handler)
{
    spinlock_lock(&p->lock);
    int have = p->note_count > 0;
    if (have) {
        strlcpy(out, p->notes[p->note_head], MAX_STATUS);
        p->note_head = (p->note_head + 1) % NOTE_QUEUE;
        p->note_count--;
    }
    *handler = p->note_handler;
    spinlock_unlock(&p->lock);
    return have;
}

/* Puts @text back as the oldest note. 0, or -EOVERFLOW if newer notes filled the queue. */
static int note_untake(process_t *p, const char *text)
{
    spinlock_lock(&p->lock);
    int full = p->note_count == NOTE_QUEUE;
    if (!full) {
        p->note_head = (p->note_head + NOTE_QUEUE - 1) % NOTE_QUEUE;
        strlcpy(p->notes[p->note_head], text, MAX_STATUS);
        p->note_count++;
    }
    spinlock_unlock(&p->lock);
    return full ? -EOVERFLOW : 0;
}

HOT_PATH int note_deliver(trap_frame_t *f)
{
    thread_t *t = thread_current();
    process_t *p = t->process;
    char text[MAX_STATUS];
    uint64_t handler;
    if (!p || t->note_ctx || !__atomic_load_n(&p->note_count, __ATOMIC_ACQUIRE) || !note_take(p, text, &handler))
        return 0;
    if (!handler || strcmp(text, "kill") == 0)
        process_exit(text);
    size_t len = strlen(text) + 1;
    uint64_t sp = (f->rsp - 128 - len) & ~15ull; /* below the red zone */
    uint64_t ctx = (sp - sizeof(*f)) & ~15ull;
    uint64_t new_rsp = ctx - 8; /* as if called */
    if (user_copy_to(UPTR(sp), text, len) || user_copy_to(UPTR(ctx), f, sizeof(*f))) {
        /* no usable stack in this thread (libstd's thread_exit unmaps its stack one
         * call before the thread ends): the note waits for another thread or a later
         * return; it ends the process only if it cannot wait */
        if (note_untake(p, text))
            process_exit(text);
        return 0;
    }
    t->note_ctx = ctx;
    f->rip = handler;
    f->rdi = sp;
    f->rsi = ctx;
    f->rsp = new_rsp;
    f->rflags = (f->rflags & RFLAGS_USER_MASK & ~(1ull << 10)) | 0x202; /* DF clear, IF on */
    return 1;
}

int note_set_handler(uint64_t handler)
{
    if (handler && !user_range_ok(handler, 1))
        return -EFAULT;
    process_t *p = thread_current()->process;
    spinlock_lock(&p->lock);
    p->note_handler = handler;
    spinlock_unlock(&p->lock);
    return 0;
}

int note_return(trap_frame_t *f)
{
    thread_t *t = thread_current();
    trap_frame_t saved;
    if (!t->note_ctx)
        return -EINVAL;
    if (user_copy_from(&saved, UPTR(t->note_ctx), sizeof(saved)))
        return -EFAULT;
    if (saved.rip >= LAYOUT_USER_END || saved.rsp >= LAYOUT_USER_END)
        return -EFAULT;
    t->note_ctx = 0;
    saved.cs = GDT_USER_CODE;
    saved.ss = GDT_USER_DATA;
    saved.rflags = (saved.rflags & RFLAGS_USER_MASK) | 0x202;
    saved.vector = f->vector;
    saved.error = 0;
    *f = saved;
    return 0;
}
