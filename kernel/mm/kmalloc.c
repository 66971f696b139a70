/*
 * kmalloc.c - the kernel heap on top of slab caches (small) and vmm_kalloc (large).
 * A large block is [guard page][header | data ... | red zone up to the page end]: the
 * pointer handed out is the header's address + sizeof(header), so it sits at a fixed
 * offset in a kernel-area page, and its header's magic is xored with its own address.
 * A freed large block is unmapped, which makes a double free visible to vmm_query().
 */
#include "kmalloc.h"
#include "lib/hot.h"
#include <abi/errno.h>
#include "debug/panic.h"
#include "lib/string.h"
#include "mm/layout.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "sync/spinlock.h"

#define KMALLOC_LARGE_MAGIC 0x4b4d4c4152474521ull /* stored xored with the header's address */
#define KMALLOC_GUARD_PAGES 1
#define KMALLOC_DEBUG (KERNEL_DEBUG != 0)

/** The header at the start of a large block's first page. */
typedef struct kmalloc_large {
    uint64_t magic; /* KMALLOC_LARGE_MAGIC ^ address of this header */
    uint64_t size;  /* owner: bytes asked for (krealloc may change it in place) */
    uint64_t pages; /* immutable: pages mapped, header included */
    uint64_t check; /* ~(magic ^ size ^ pages): notices a damaged header */
} kmalloc_large_t;

static const char *const kmalloc_names[KMALLOC_CLASSES] = {
    "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
    "kmalloc-256", "kmalloc-512", "kmalloc-1024", "kmalloc-2048",
};

static slab_cache_t *kmalloc_caches[KMALLOC_CLASSES]; /* written once by kmalloc_init */
static spinlock_t kmalloc_init_lock = SPINLOCK_INIT;  /* serialises kmalloc_init */
static int kmalloc_ready;                             /* atomic: caches are set up */
static size_t kmalloc_bytes;                          /* atomic: kmalloc_usage() */

void kmalloc_init(void)
{
    if (__atomic_load_n(&kmalloc_ready, __ATOMIC_ACQUIRE))
        return;
    spinlock_lock(&kmalloc_init_lock);
    for (int i = 0; !kmalloc_ready && i < KMALLOC_CLASSES; i++) {
        kmalloc_caches[i] = slab_cache_create(kmalloc_names[i], (size_t)KMALLOC_MIN_SMALL << i, KMALLOC_ALIGN);
        if (!kmalloc_caches[i])
            panic("kmalloc: cannot create cache %s", kmalloc_names[i]);
    }
    __atomic_store_n(&kmalloc_ready, 1, __ATOMIC_RELEASE);
    spinlock_unlock(&kmalloc_init_lock);
}

/* The size class for size (<= KMALLOC_MAX_SMALL): ceil(log2(size)) - 4, at least 0. */
static int kmalloc_class(size_t size)
{
    return size <= KMALLOC_MIN_SMALL ? 0 : 64 - __builtin_clzl(size - 1) - 4;
}

/* The class index of cache c, or -1 if c is not a kmalloc cache. O(KMALLOC_CLASSES). */
static int kmalloc_class_of(const slab_cache_t *c)
{
    for (int i = 0; c && i < KMALLOC_CLASSES; i++)
        if (kmalloc_caches[i] == c)
            return i;
    return -1;
}

static void kmalloc_account(size_t add, size_t sub)
{
    __atomic_fetch_add(&kmalloc_bytes, add - sub, __ATOMIC_RELAXED);
}

static int kmalloc_is_direct(const void *p)
{
    return (uint64_t)p >= LAYOUT_DIRECT_BASE && (uint64_t)p < LAYOUT_DIRECT_BASE + LAYOUT_DIRECT_SIZE;
}

static int kmalloc_is_karea(const void *p)
{
    return (uint64_t)p >= LAYOUT_KAREA_BASE && (uint64_t)p < LAYOUT_KAREA_BASE + LAYOUT_KAREA_SIZE;
}

/* ---- large blocks ---- */

static uint64_t kmalloc_large_sum(const kmalloc_large_t *h)
{
    return ~(h->magic ^ h->size ^ h->pages);
}

static uint8_t *kmalloc_large_tail(const kmalloc_large_t *h, size_t *len)
{
    uint8_t *end = (uint8_t *)h + h->pages * PAGE_SIZE, *tail = (uint8_t *)(h + 1) + h->size;
    *len = (size_t)(end - tail);
    return tail;
}

/* Debug: fills the bytes after the data up to the page end with red zone. */
static void kmalloc_large_seal(kmalloc_large_t *h)
{
    size_t len;
    uint8_t *tail = kmalloc_large_tail(h, &len);
    if (KMALLOC_DEBUG)
        memset(tail, SLAB_RED_ZONE, len);
}

static void kmalloc_large_set_size(kmalloc_large_t *h, size_t size)
{
    h->size = size;
    h->check = kmalloc_large_sum(h);
    kmalloc_large_seal(h);
}

static void *kmalloc_large(size_t size, int zero)
{
    if (size > SIZE_MAX - sizeof(kmalloc_large_t) - PAGE_SIZE)
        return NULL;
    size_t pages = (size + sizeof(kmalloc_large_t) + PAGE_SIZE - 1) / PAGE_SIZE;
    kmalloc_large_t *h = vmm_kalloc(pages, KMALLOC_GUARD_PAGES);
    if (!h)
        return NULL;
    h->magic = KMALLOC_LARGE_MAGIC ^ (uint64_t)h;
    h->pages = pages;
    kmalloc_large_set_size(h, size);
    if (KMALLOC_DEBUG && !zero)
        memset(h + 1, SLAB_POISON_ALLOC, size); /* vmm_kalloc's frames are zeroed already */
    kmalloc_account(size, 0);
    return h + 1;
}

static int kmalloc_large_check(const void *p, kmalloc_large_t **out)
{
    kmalloc_large_t *h = (kmalloc_large_t *)p - 1;
    if (((uint64_t)h & (PAGE_SIZE - 1)) != 0)
        return -EINVAL;
    if (vmm_query(vmm_kernel_space(), (uint64_t)h, NULL, NULL) != 0)
        return -ENOENT; /* unmapped: freed already (or never handed out) */
    if (h->magic != (KMALLOC_LARGE_MAGIC ^ (uint64_t)h) || h->check != kmalloc_large_sum(h) ||
        h->size > h->pages * PAGE_SIZE - sizeof(*h))
        return -EINVAL;
    size_t len;
    const uint8_t *tail = kmalloc_large_tail(h, &len);
    for (size_t i = 0; KMALLOC_DEBUG && i < len; i++)
        if (tail[i] != SLAB_RED_ZONE)
            return -EFAULT;
    *out = h;
    return 0;
}

static void kmalloc_large_free(kmalloc_large_t *h)
{
    size_t size = h->size, pages = h->pages;
    h->magic = 0;
    vmm_kfree(h, pages, KMALLOC_GUARD_PAGES);
    kmalloc_account(0, size);
}

/* ---- the interface ---- */

/* FIXME: a small block's red zone starts at the end of its size class, so an overflow
 * into the class slack (byte 200 of a 200-byte block in kmalloc-256) goes unnoticed. */
HOT_PATH static void *kmalloc_alloc(size_t size, int zero)
{
    kmalloc_init();
    if (size > KMALLOC_MAX_SMALL)
        return kmalloc_large(size, zero);
    slab_cache_t *c = kmalloc_caches[kmalloc_class(size)];
    void *p = zero ? slab_zalloc(c) : slab_alloc(c);
    if (p)
        kmalloc_account(slab_cache_size(c), 0);
    return p;
}

void *kmalloc(size_t size)
{
    return kmalloc_alloc(size, 0);
}

void *kzalloc(size_t size)
{
    return kmalloc_alloc(size, 1);
}

int kmalloc_check(const void *p)
{
    kmalloc_large_t *h;
    if (!p)
        return 0;
    if (kmalloc_is_karea(p))
        return kmalloc_large_check(p, &h);
    if (!kmalloc_is_direct(p))
        return -EINVAL;
    slab_cache_t *c = slab_cache_of(p);
    return kmalloc_class_of(c) < 0 ? -EINVAL : slab_check_free(c, p);
}

static __attribute__((noreturn)) void kmalloc_fail(const char *what, const void *p, int err)
{
    if (err == -ENOENT)
        panic("%s of %p: block already freed (double free)", what, p);
    if (err == -EFAULT)
        panic("%s of %p: red zone after the block overwritten (overflow)", what, p);
    panic("%s of %p: not a block the heap handed out", what, p);
}

/* The slab cache of the small block p, after checking p is a kmalloc object; panics. */
static slab_cache_t *kmalloc_small_cache(const char *what, const void *p)
{
    slab_cache_t *c = kmalloc_is_direct(p) ? slab_cache_of(p) : NULL;
    if (kmalloc_class_of(c) < 0)
        kmalloc_fail(what, p, -EINVAL);
    return c;
}

HOT_PATH void kfree(void *p)
{
    kmalloc_large_t *h;
    if (!p)
        return;
    if (kmalloc_is_karea(p)) {
        int err = kmalloc_large_check(p, &h);
        if (err)
            kmalloc_fail("kfree", p, err);
        kmalloc_large_free(h);
        return;
    }
    slab_cache_t *c = kmalloc_small_cache("kfree", p);
    slab_free(c, p); /* panics, naming the cache, on a double free or bad red zone */
    kmalloc_account(0, slab_cache_size(c));
}

size_t kmalloc_size(const void *p)
{
    int err = kmalloc_check(p);
    if (err)
        kmalloc_fail("kmalloc_size", p, err);
    if (!p)
        return 0;
    if (kmalloc_is_karea(p))
        return ((const kmalloc_large_t *)p - 1)->size;
    return slab_cache_size(slab_cache_of(p));
}

/* Resizes p without moving it if its backing allows; returns whether it did. */
static int kmalloc_resize_in_place(void *p, size_t old, size_t size)
{
    if (!kmalloc_is_karea(p))
        return size <= KMALLOC_MAX_SMALL && kmalloc_class(size) == kmalloc_class(old);
    kmalloc_large_t *h = (kmalloc_large_t *)p - 1;
    if (size <= KMALLOC_MAX_SMALL || size > h->pages * PAGE_SIZE - sizeof(*h) ||
        (size + sizeof(*h) + PAGE_SIZE - 1) / PAGE_SIZE != h->pages)
        return 0;
    kmalloc_large_set_size(h, size);
    kmalloc_account(size, old);
    return 1;
}

void *krealloc(void *p, size_t size)
{
    if (!p)
        return kmalloc(size);
    if (size == 0) {
        kfree(p);
        return NULL;
    }
    size_t old = kmalloc_size(p);
    if (kmalloc_resize_in_place(p, old, size))
        return p;
    void *n = kmalloc(size);
    if (!n)
        return NULL;
    memcpy(n, p, old < size ? old : size);
    kfree(p);
    return n;
}

size_t kmalloc_usage(void)
{
    return __atomic_load_n(&kmalloc_bytes, __ATOMIC_RELAXED);
}

size_t kmalloc_trim(void)
{
    size_t n = 0;
    kmalloc_init();
    for (int i = 0; i < KMALLOC_CLASSES; i++)
        n += slab_cache_shrink(kmalloc_caches[i]);
    return n;
}
