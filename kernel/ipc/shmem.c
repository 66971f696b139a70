/*
 * shmem.c - shared memory objects (ipc/shmem.h).
 *
 * An object counts its references: `opens` (opens of sys:/shmem/new that made it and
 * of sys:/shmem/<id>) and `maps` (page-table entries, in any address space, that map
 * one of its frames). Its frames are allocated zeroed by the first mmap, which fixes
 * its size, and stay while either count is non-zero, so an unmapped object that is
 * still open keeps its contents. When both reach zero the frames are freed at once and
 * the object goes to the reaper thread, which removes sys:/shmem/<id> and frees it:
 * the last close may run inside a sysfs callback of that very file, where removing it
 * would wait for itself, and the vmm release hook may not sleep.
 *
 * Unmapping finds the object from a frame in O(1): mappings carry VMM_SHARED (an
 * available PTE bit), and a hash table keyed by frame address (one entry per frame of
 * every live object, SHMEM_BUCKETS chains) gives the back-reference. One spinlock,
 * shmem_lock, guards the table and every object's counts; each object's mutex
 * serialises the allocation of its frames. Lock order: object mutex, shmem_lock, pmm.
 */
#include "ipc/shmem.h"
#include <abi/errno.h>
#include "arch/x86_64/cpu.h"
#include "debug/panic.h"
#include "dev/random.h"
#include "fs/sysfs.h"
#include "lib/fmt.h"
#include "lib/list.h"
#include "lib/string.h"
#include "mm/kmalloc.h"
#include "mm/vmm.h"
#include "sched/thread.h"
#include "sync/mutex.h"
#include "sync/spinlock.h"
#include "sync/waitq.h"

#define SHMEM_BUCKET_BITS 14
#define SHMEM_BUCKETS (1u << SHMEM_BUCKET_BITS)

struct shmem;

/* One frame of an object, linked in its hash chain. */
typedef struct shmem_page {
    paddr_t frame;            /* immutable once linked */
    struct shmem *obj;        /* immutable once linked */
    struct shmem_page *next;  /* shmem_lock */
} shmem_page_t;

typedef struct shmem {
    char name[SHMEM_ID_LEN + 1]; /* immutable: the id in hex */
    mutex_t map_lock;            /* serialises the first mmap (allocation) */
    shmem_page_t *pages;         /* shmem_lock (set once under map_lock): npages entries */
    uint64_t npages;             /* shmem_lock: 0 until the first mmap */
    uint64_t opens;              /* shmem_lock: open files */
    uint64_t maps;               /* shmem_lock: mapped pages, all spaces */
    bool dead;                   /* shmem_lock: both counts reached zero */
    list_node_t reap_node;       /* shmem_lock: link in reap_list once dead */
} shmem_t;

static spinlock_t shmem_lock = SPINLOCK_INIT;
static shmem_page_t *buckets[SHMEM_BUCKETS]; /* shmem_lock: frame -> page entry */
static list_t reap_list;                     /* shmem_lock: dead objects */
static waitq_t reap_wq;
static sysfs_dir_t *shmem_dir;               /* written once by shmem_init */
static volatile uint64_t shmem_alive;        /* atomic */
static const sysfs_ops_t shmem_new_ops, shmem_obj_ops;

/* ---------------------------------------------------------------- frame table */

static uint32_t bucket_of(paddr_t frame)
{
    return (uint32_t)(((frame >> PAGE_SHIFT) * 0x9e3779b97f4a7c15ull) >> (64 - SHMEM_BUCKET_BITS));
}

/* shmem_lock held. */
static void table_unlink(shmem_page_t *pg)
{
    shmem_page_t **at = &buckets[bucket_of(pg->frame)];
    while (*at != pg)
        at = &(*at)->next;
    *at = pg->next;
}

/* ---------------------------------------------------------------- lifetime */

static bool reap_pending(void *arg)
{
    (void)arg;
    return !list_is_empty(&reap_list);
}

static void reaper(void *arg)
{
    (void)arg;
    for (;;) {
        spinlock_lock(&shmem_lock);
        while (waitq_wait(&reap_wq, &shmem_lock, reap_pending, 0, 0))
            ;
        shmem_t *o = LIST_CONTAINER(list_pop_front(&reap_list), shmem_t, reap_node);
        spinlock_unlock(&shmem_lock);
        sysfs_remove_file(shmem_dir, o->name); /* waits for callbacks still running */
        kfree(o->pages);
        kfree(o);
        __atomic_sub_fetch(&shmem_alive, 1, __ATOMIC_RELAXED);
    }
}

/* Drops @opens and @maps references; the last one frees the frames and queues the object
 * for the reaper. Never sleeps. O(1), or O(pages) for the last reference. */
static void obj_unref(shmem_t *o, uint64_t opens, uint64_t maps)
{
    spinlock_lock(&shmem_lock);
    o->opens -= opens;
    o->maps -= maps;
    bool last = o->opens == 0 && o->maps == 0 && !o->dead;
    if (last) {
        o->dead = true;
        for (uint64_t i = 0; i < o->npages; i++)
            table_unlink(&o->pages[i]);
    }
    spinlock_unlock(&shmem_lock);
    if (!last)
        return;
    for (uint64_t i = 0; i < o->npages; i++) /* nobody maps them any more */
        pmm_free(o->pages[i].frame);
    spinlock_lock(&shmem_lock);
    list_push_back(&reap_list, &o->reap_node);
    waitq_wake_one(&reap_wq);
    spinlock_unlock(&shmem_lock);
}

/* vmm's hook for an unmapped VMM_SHARED frame. */
static void shmem_release(paddr_t frame)
{
    spinlock_lock(&shmem_lock);
    shmem_page_t *pg = buckets[bucket_of(frame)];
    while (pg && pg->frame != frame)
        pg = pg->next;
    spinlock_unlock(&shmem_lock);
    if (!pg)
        panic("shmem: unmapped shared frame %lx has no object", frame);
    obj_unref(pg->obj, 0, 1); /* pg stays valid: this mapping's reference kept it */
}

/* A new object with one open, its file in sys:/shmem; NULL when out of memory. */
static shmem_t *obj_create(void)
{
    shmem_t *o = kzalloc(sizeof(*o));
    if (!o)
        return NULL;
    mutex_init(&o->map_lock);
    o->opens = 1;
    for (int tries = 0; tries < 4; tries++) {
        fmt_snprintf(o->name, sizeof(o->name), "%016lx", random_u64());
        int rc = sysfs_add_file(shmem_dir, o->name, &shmem_obj_ops, o);
        if (rc == 0) {
            __atomic_add_fetch(&shmem_alive, 1, __ATOMIC_RELAXED);
            return o;
        }
        if (rc != -EEXIST)
            break;
    }
    kfree(o);
    return NULL;
}

/* ---------------------------------------------------------------- mapping */

/* Allocates @pages zeroed frames for @o and links them. map_lock held. 0 or -ENOMEM. */
static int obj_populate(shmem_t *o, uint64_t pages)
{
    shmem_page_t *pg = kzalloc(pages * sizeof(*pg));
    if (!pg)
        return -ENOMEM;
    for (uint64_t i = 0; i < pages; i++) {
        pg[i].obj = o;
        pg[i].frame = pmm_alloc_zeroed();
        if (!pg[i].frame) {
            while (i--)
                pmm_free(pg[i].frame);
            kfree(pg);
            return -ENOMEM;
        }
    }
    spinlock_lock(&shmem_lock);
    for (uint64_t i = 0; i < pages; i++) {
        uint32_t b = bucket_of(pg[i].frame);
        pg[i].next = buckets[b];
        buckets[b] = &pg[i];
    }
    o->pages = pg;
    o->npages = pages;
    spinlock_unlock(&shmem_lock);
    return 0;
}

/* The object behind an open of sys:/shmem/new or sys:/shmem/<id>, or NULL. Its sysfs
 * open callback stored it in the sysfs_file_t, which is f->priv for sys: files. */
static shmem_t *obj_of(file_t *f)
{
    if (!sysfs_file_is(f, &shmem_new_ops) && !sysfs_file_is(f, &shmem_obj_ops))
        return NULL;
    return ((sysfs_file_t *)f->priv)->data;
}

int shmem_reserve(file_t *f, uint64_t pages)
{
    shmem_t *o = obj_of(f);
    if (!o)
        return -ENODEV;
    if (pages == 0)
        return -EINVAL;
    mutex_lock(&o->map_lock);
    int rc = o->npages ? 0 : obj_populate(o, pages);
    spinlock_lock(&shmem_lock);
    if (!rc && o->dead)
        rc = -EIO;
    else if (!rc && pages > o->npages)
        rc = -EINVAL;
    if (!rc)
        o->maps += pages;
    spinlock_unlock(&shmem_lock);
    mutex_unlock(&o->map_lock);
    return rc;
}

paddr_t shmem_frame(file_t *f, uint64_t i)
{
    return obj_of(f)->pages[i].frame; /* fixed while the caller's reservation lasts */
}

void shmem_unreserve(file_t *f, uint64_t pages)
{
    shmem_t *o = obj_of(f);
    if (o && pages)
        obj_unref(o, 0, pages);
}

uint64_t shmem_count(void)
{
    return __atomic_load_n(&shmem_alive, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------- sys:/shmem */

static int shmem_new_open(sysfs_file_t *f)
{
    shmem_t *o = obj_create();
    if (!o)
        return -ENOMEM;
    f->data = o;
    return 0;
}

static int64_t shmem_new_read(sysfs_file_t *f, void *kbuf, size_t size, uint64_t offset)
{
    shmem_t *o = f->data;
    if (offset >= SHMEM_ID_LEN)
        return 0;
    size_t n = SHMEM_ID_LEN - offset < size ? SHMEM_ID_LEN - offset : size;
    memcpy(kbuf, o->name + offset, n);
    return (int64_t)n;
}

static void shmem_close(sysfs_file_t *f)
{
    obj_unref(f->data, 1, 0);
}

static int shmem_obj_open(sysfs_file_t *f)
{
    shmem_t *o = f->priv; /* valid: the reaper removes this file before freeing o */
    spinlock_lock(&shmem_lock);
    bool alive = !o->dead;
    if (alive)
        o->opens++;
    spinlock_unlock(&shmem_lock);
    if (!alive)
        return -ENOENT;
    f->data = o;
    return 0;
}

static const sysfs_ops_t shmem_new_ops = {
    .open = shmem_new_open, .read = shmem_new_read, .close = shmem_close};
static const sysfs_ops_t shmem_obj_ops = {.open = shmem_obj_open, .close = shmem_close};

void shmem_init(void)
{
    list_init(&reap_list);
    waitq_init(&reap_wq);
    vmm_set_shared_release(shmem_release);
    shmem_dir = sysfs_mkdir(sysfs_root(), "shmem");
    thread_t *t = thread_create("shmem-reaper", reaper, 0, THREAD_PRIO_NORMAL);
    if (!shmem_dir || !t || sysfs_add_file(shmem_dir, "new", &shmem_new_ops, NULL))
        panic("shmem: cannot create sys:/shmem");
    thread_unref(t);
}
