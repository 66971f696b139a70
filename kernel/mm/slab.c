/*
 * slab.c - object caches. A slab is one PMM frame seen through the direct map: slab_t at
 * its start, then per_slab slots of `stride` bytes from offset `first`. A slot is
 * [pre zone][object][post zone]; with KERNEL_DEBUG the pre zone is a state tag byte and
 * red-zone bytes, the post zone (at least 8 bytes) red zone; without it both are empty.
 * A free object holds the free-list link in its first 8 bytes, then (debug) poison.
 * Cache descriptors are objects of slab_meta, a static cache set up on first use.
 * Frames come from mm/pmm.c; mm/kmalloc.c puts size classes on top.
 */
#include "slab.h"
#include "lib/hot.h"
#include <abi/errno.h>
#include "debug/panic.h"
#include "lib/list.h"
#include "lib/string.h"
#include "mm/layout.h"
#include "mm/pmm.h"
#include "sync/spinlock.h"

#define SLAB_MAGIC 0x534c4142b10c5eedull /* stored xored with the header's address */
#define SLAB_LINK sizeof(void *)         /* free-list link at the start of a free object */
#define SLAB_PRE_ZONE 16                 /* debug: state tag + red zone, before aligning */
#define SLAB_POST_ZONE 8                 /* debug: least red zone after an object */
#define SLAB_DEBUG (KERNEL_DEBUG != 0)

enum { SLAB_STATE_FREE = 0x46, SLAB_STATE_USED = 0x55 }; /* debug: first byte of a slot */

/** The header at the start of every slab frame. */
typedef struct slab {
    uint64_t magic;      /* immutable: SLAB_MAGIC ^ address of this header; 0 once released */
    slab_cache_t *cache; /* immutable: the owning cache */
    list_node_t link;    /* cache->lock: on the cache's partial, full or empty list */
    void *free;          /* cache->lock: first free object, NULL when the slab is full */
    size_t in_use;       /* cache->lock: live objects */
} slab_t;

/** Where things are in a slab of one cache. */
typedef struct slab_layout {
    size_t size;     /* object bytes (>= SLAB_LINK) */
    size_t pre;      /* slot bytes before the object */
    size_t stride;   /* bytes per slot */
    size_t first;    /* offset of slot 0 in the frame */
    size_t per_slab; /* slots per slab (>= 1) */
} slab_layout_t;

struct slab_cache {
    spinlock_t lock;          /* protects everything below marked lock */
    list_t partial;           /* lock: slabs with live and free objects */
    list_t full;              /* lock: slabs without a free object */
    list_t empty;             /* lock: slabs without a live object, kept for reuse */
    size_t empty_count;       /* lock: length of empty, <= SLAB_KEEP_EMPTY */
    size_t slab_count;        /* lock: slabs held, empty ones included */
    size_t in_use;            /* lock: live objects */
    slab_layout_t l;          /* immutable */
    char name[SLAB_NAME_MAX]; /* immutable */
};

static slab_cache_t slab_meta;                    /* the cache of caches; slab_meta_setup() */
static spinlock_t slab_meta_lock = SPINLOCK_INIT; /* serialises setting up slab_meta */
static int slab_meta_ready;                       /* slab_meta_lock: slab_meta is set up */

static size_t round_up(size_t v, size_t a)
{
    return (v + a - 1) & ~(a - 1);
}

static int slab_layout(slab_layout_t *l, size_t size, size_t align)
{
    if (size == 0 || size > SLAB_MAX_SIZE || align > SLAB_MAX_ALIGN || (align & (align - 1)))
        return -EINVAL;
    align = align < 8 ? 8 : align;
    l->size = size < SLAB_LINK ? SLAB_LINK : size;
    l->pre = SLAB_DEBUG ? round_up(SLAB_PRE_ZONE, align) : 0;
    l->stride = round_up(l->pre + l->size + (SLAB_DEBUG ? SLAB_POST_ZONE : 0), align);
    l->first = round_up(sizeof(slab_t), align);
    l->per_slab = (PAGE_SIZE - l->first) / l->stride;
    return l->per_slab ? 0 : -EINVAL;
}

static void slab_cache_setup(slab_cache_t *c, const char *name, const slab_layout_t *l)
{
    memset(c, 0, sizeof(*c));
    list_init(&c->partial);
    list_init(&c->full);
    list_init(&c->empty);
    c->l = *l;
    strlcpy(c->name, name, sizeof(c->name));
}

static void slab_meta_setup(void)
{
    spinlock_lock(&slab_meta_lock);
    if (!slab_meta_ready) {
        slab_layout_t l;
        slab_layout(&l, sizeof(slab_cache_t), 8);
        slab_cache_setup(&slab_meta, "slab_cache", &l);
        slab_meta_ready = 1;
    }
    spinlock_unlock(&slab_meta_lock);
}

/* ---- addresses and debug checks ---- */

static slab_t *slab_header(const void *obj)
{
    uint64_t a = (uint64_t)obj;
    if (a < LAYOUT_DIRECT_BASE || a >= LAYOUT_DIRECT_BASE + LAYOUT_DIRECT_SIZE)
        return NULL;
    slab_t *s = (slab_t *)(a & ~(PAGE_SIZE - 1));
    return s->magic == (SLAB_MAGIC ^ (uint64_t)s) ? s : NULL;
}

/* The slab of c whose slot starts at obj, or NULL. */
HOT_PATH static slab_t *slab_find(const slab_cache_t *c, const void *obj)
{
    slab_t *s = slab_header(obj);
    if (!s || s->cache != c)
        return NULL;
    uint64_t start = (uint64_t)s + c->l.first + c->l.pre, a = (uint64_t)obj;
    if (a < start || (a - start) % c->l.stride || (a - start) / c->l.stride >= c->l.per_slab)
        return NULL;
    return s;
}

static uint8_t *slab_state(const slab_cache_t *c, const void *obj)
{
    return (uint8_t *)obj - c->l.pre;
}

/* Offset of the first byte in p[0..n) that is not v, or n. */
static size_t bytes_differ(const uint8_t *p, uint8_t v, size_t n)
{
    size_t i = 0;
    while (i < n && p[i] == v)
        i++;
    return i;
}

/* Debug: whether obj's state tag is valid and both red zones are intact. */
static int slab_zones_ok(const slab_cache_t *c, const uint8_t *obj)
{
    const uint8_t *slot = slab_state(c, obj);
    size_t post = c->l.stride - c->l.pre - c->l.size;
    if (*slot != SLAB_STATE_FREE && *slot != SLAB_STATE_USED)
        return 0;
    return bytes_differ(slot + 1, SLAB_RED_ZONE, c->l.pre - 1) == c->l.pre - 1 &&
           bytes_differ(obj + c->l.size, SLAB_RED_ZONE, post) == post;
}

/* Debug: whether next is a valid free-list successor within slab s (NULL included). */
static int slab_link_ok(const slab_cache_t *c, const slab_t *s, const void *next)
{
    return !next || (slab_find(c, next) == s && *slab_state(c, next) == SLAB_STATE_FREE);
}

/* Debug: whether a free object's link and poison are untouched. */
static int slab_free_intact(const slab_cache_t *c, const slab_t *s, const uint8_t *obj)
{
    size_t n = c->l.size - SLAB_LINK;
    return slab_link_ok(c, s, *(void *const *)obj) &&
           bytes_differ(obj + SLAB_LINK, SLAB_POISON_FREE, n) == n;
}

static int slab_check_object_locked(slab_cache_t *c, const void *obj)
{
    slab_t *s = slab_find(c, obj);
    if (!s)
        return -EINVAL;
    if (!SLAB_DEBUG)
        return 0;
    if (!slab_zones_ok(c, obj))
        return -EFAULT;
    if (*slab_state(c, obj) == SLAB_STATE_FREE && !slab_free_intact(c, s, obj))
        return -EFAULT;
    return 0;
}

static int slab_check_free_locked(slab_cache_t *c, const void *obj)
{
    if (!slab_find(c, obj))
        return -EINVAL;
    if (!SLAB_DEBUG)
        return 0;
    if (!slab_zones_ok(c, obj))
        return -EFAULT;
    return *slab_state(c, obj) == SLAB_STATE_FREE ? -ENOENT : 0;
}

int slab_check_object(slab_cache_t *c, const void *obj)
{
    spinlock_lock(&c->lock);
    int err = slab_check_object_locked(c, obj);
    spinlock_unlock(&c->lock);
    return err;
}

int slab_check_free(slab_cache_t *c, const void *obj)
{
    spinlock_lock(&c->lock);
    int err = slab_check_free_locked(c, obj);
    spinlock_unlock(&c->lock);
    return err;
}

/* ---- slabs ---- */

/* Debug: tag obj free and poison it (the link is written by the caller). */
static void slab_poison(const slab_cache_t *c, uint8_t *obj)
{
    if (!SLAB_DEBUG)
        return;
    *slab_state(c, obj) = SLAB_STATE_FREE;
    memset(obj + SLAB_LINK, SLAB_POISON_FREE, c->l.size - SLAB_LINK);
}

/* A fresh slab for c with every slot free, or NULL. Called without c's lock. The frame
 * is zeroed whole although only the header and links need writing: it may have held
 * code (firmware, a process's text), and an emulator that keeps translations of that
 * code (QEMU's TCG) would send every later write to the page through its slow
 * self-modifying-code path until every old instruction byte is overwritten
 * (docs/design/memory.md, "Recycled code frames"). */
static slab_t *slab_grow(slab_cache_t *c)
{
    paddr_t f = pmm_alloc_zeroed();
    if (!f)
        return NULL;
    slab_t *s = PHYS_TO_VIRT(f);
    uint8_t *base = (uint8_t *)s + c->l.first;
    s->magic = SLAB_MAGIC ^ (uint64_t)s;
    s->cache = c;
    s->free = NULL;
    s->in_use = 0;
    list_init(&s->link);
    if (SLAB_DEBUG)
        memset(base, SLAB_RED_ZONE, c->l.per_slab * c->l.stride);
    for (size_t i = c->l.per_slab; i-- > 0;) {
        uint8_t *obj = base + i * c->l.stride + c->l.pre;
        slab_poison(c, obj);
        *(void **)obj = s->free;
        s->free = obj;
    }
    return s;
}

/* Hands a slab's frame back; the header is wiped so stale pointers are not taken for it. */
static void slab_release(slab_t *s)
{
    s->magic = 0;
    pmm_free(VIRT_TO_PHYS(s));
}

/* A slab of c with a free object, or NULL if a new one is needed. Called with c's lock. */
static slab_t *slab_pick(slab_cache_t *c)
{
    list_node_t *n = list_first(&c->partial);
    if (n)
        return LIST_CONTAINER(n, slab_t, link);
    n = list_pop_front(&c->empty);
    if (!n)
        return NULL;
    c->empty_count--;
    list_push_front(&c->partial, n);
    return LIST_CONTAINER(n, slab_t, link);
}

/* Pops an object off s (which has one). Called with c's lock. */
static void *slab_take(slab_cache_t *c, slab_t *s)
{
    uint8_t *obj = s->free;
    void *next = *(void **)obj;
    if (SLAB_DEBUG && (*slab_state(c, obj) != SLAB_STATE_FREE || !slab_link_ok(c, s, next)))
        panic("slab: free list of cache %s corrupted at %p (written after free?)", c->name, (void *)obj);
    if (SLAB_DEBUG)
        *slab_state(c, obj) = SLAB_STATE_USED;
    s->free = next;
    s->in_use++;
    c->in_use++;
    if (!next) {
        list_remove(&s->link);
        list_push_front(&c->full, &s->link);
    }
    return obj;
}

/* Debug: checks a just-allocated object's poison and red zones, then fills it. */
static void slab_hand_out(const slab_cache_t *c, uint8_t *obj)
{
    if (!SLAB_DEBUG)
        return;
    size_t n = c->l.size - SLAB_LINK, bad = bytes_differ(obj + SLAB_LINK, SLAB_POISON_FREE, n);
    if (bad != n)
        panic("slab: object %p of cache %s written after free (poison damaged at offset %zu)", (void *)obj,
              c->name, SLAB_LINK + bad);
    if (!slab_zones_ok(c, obj))
        panic("slab: red zone of free object %p in cache %s corrupted", (void *)obj, c->name);
    memset(obj, SLAB_POISON_ALLOC, c->l.size);
}

HOT_PATH void *slab_alloc(slab_cache_t *c)
{
    spinlock_lock(&c->lock);
    slab_t *s = slab_pick(c);
    if (!s) {
        spinlock_unlock(&c->lock);
        s = slab_grow(c); /* outside the lock: setting up a slab is O(objects per slab) */
        if (!s)
            return NULL;
        spinlock_lock(&c->lock);
        c->slab_count++;
        list_push_front(&c->partial, &s->link);
    }
    uint8_t *obj = slab_take(c, s);
    spinlock_unlock(&c->lock);
    slab_hand_out(c, obj);
    return obj;
}

void *slab_zalloc(slab_cache_t *c)
{
    void *obj = slab_alloc(c);
    if (obj)
        memset(obj, 0, c->l.size);
    return obj;
}

static __attribute__((noreturn)) void slab_fail(const slab_cache_t *c, const void *obj, int err)
{
    if (err == -ENOENT)
        panic("slab: double free of %p in cache %s", obj, c->name);
    if (err == -EFAULT)
        panic("slab: red zone of %p in cache %s corrupted (overflow or underflow)", obj, c->name);
    panic("slab: free of %p, which is not an object of cache %s", obj, c->name);
}

/* Moves s to the list its new fill level calls for; returns it if its frame must go back
 * to the PMM. Called with c's lock. */
static slab_t *slab_settle(slab_cache_t *c, slab_t *s, int was_full)
{
    if (s->in_use == 0) {
        list_remove(&s->link);
        if (c->empty_count < SLAB_KEEP_EMPTY) {
            list_push_front(&c->empty, &s->link);
            c->empty_count++;
            return NULL;
        }
        c->slab_count--;
        return s;
    }
    if (was_full) {
        list_remove(&s->link);
        list_push_front(&c->partial, &s->link);
    }
    return NULL;
}

HOT_PATH void slab_free(slab_cache_t *c, void *obj)
{
    if (!obj)
        return;
    spinlock_lock(&c->lock);
    int err = slab_check_free_locked(c, obj);
    if (err) {
        spinlock_unlock(&c->lock);
        slab_fail(c, obj, err);
    }
    slab_t *s = slab_header(obj);
    int was_full = s->free == NULL;
    slab_poison(c, obj);
    *(void **)obj = s->free;
    s->free = obj;
    s->in_use--;
    c->in_use--;
    slab_t *gone = slab_settle(c, s, was_full);
    spinlock_unlock(&c->lock);
    if (gone)
        slab_release(gone);
}

/* ---- caches ---- */

slab_cache_t *slab_cache_create(const char *name, size_t size, size_t align)
{
    slab_layout_t l;
    if (!name || slab_layout(&l, size, align))
        return NULL;
    slab_meta_setup();
    slab_cache_t *c = slab_alloc(&slab_meta);
    if (c)
        slab_cache_setup(c, name, &l);
    return c;
}

size_t slab_cache_shrink(slab_cache_t *c)
{
    list_t gone;
    size_t n = 0;
    list_init(&gone);
    spinlock_lock(&c->lock);
    for (list_node_t *e; (e = list_pop_front(&c->empty)); n++)
        list_push_back(&gone, e);
    c->empty_count = 0;
    c->slab_count -= n;
    spinlock_unlock(&c->lock);
    for (list_node_t *e; (e = list_pop_front(&gone));)
        slab_release(LIST_CONTAINER(e, slab_t, link));
    return n;
}

void slab_cache_destroy(slab_cache_t *c)
{
    if (c == &slab_meta)
        panic("slab: the cache of caches cannot be destroyed");
    spinlock_lock(&c->lock);
    size_t live = c->in_use;
    spinlock_unlock(&c->lock);
    if (live)
        panic("slab: destroying cache %s with %zu objects still allocated", c->name, live);
    slab_cache_shrink(c);
    if (c->slab_count)
        panic("slab: cache %s holds %zu slabs without live objects", c->name, c->slab_count);
    slab_free(&slab_meta, c);
}

HOT_PATH slab_cache_t *slab_cache_of(const void *obj)
{
    slab_t *s = slab_header(obj);
    return s ? s->cache : NULL;
}

HOT_PATH size_t slab_cache_size(const slab_cache_t *c)
{
    return c->l.size;
}

const char *slab_cache_name(const slab_cache_t *c)
{
    return c->name;
}

void slab_cache_stats(slab_cache_t *c, size_t *in_use, size_t *slabs)
{
    spinlock_lock(&c->lock);
    if (in_use)
        *in_use = c->in_use;
    if (slabs)
        *slabs = c->slab_count;
    spinlock_unlock(&c->lock);
}
