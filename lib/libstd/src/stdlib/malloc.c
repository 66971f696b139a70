/*
 * malloc.c - the user-space allocator: malloc, calloc, realloc, free.
 *
 * Every block starts with a 16-byte header (so payloads are 16-byte aligned). Blocks of
 * up to HEAP_SMALL_MAX bytes come in 40 size classes, four per power of two (at most
 * 25% rounding waste); a freed small block goes on its class's free list and is reused,
 * never returned to the kernel. When a list is empty a block is carved from the current
 * 256 KiB region of sys:/zero memory (internal/anon.h). Bigger blocks are mapped and
 * unmapped one by one. One futex lock (internal/lock.h) guards the lists and the region.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal/anon.h"
#include "internal/lock.h"
#include "internal/panic.h"

#define HEAP_HEADER 16
#define HEAP_CLASSES 40
#define HEAP_SMALL_MAX 32768
#define HEAP_REGION (256 * 1024)
#define HEAP_MAGIC_USED 0x64657375u /* "used" */
#define HEAP_MAGIC_FREE 0x65657266u /* "free" */
#define HEAP_MAGIC_BIG 0x21676962u  /* "big!" */

/* The header before every payload. */
typedef struct heap_block {
    uint32_t magic;  /* HEAP_MAGIC_*: small blocks change it under heap_lock */
    uint32_t cls;    /* immutable: size class of a small block */
    uint64_t length; /* immutable: mapping length of a big block */
} heap_block_t;

_Static_assert(sizeof(heap_block_t) == HEAP_HEADER, "heap header must stay 16 bytes");

/* A free small block: its payload holds the link. */
typedef struct heap_free {
    struct heap_free *next;
} heap_free_t;

static std_lock_t heap_lock = STD_LOCK_INIT;
static heap_free_t *free_lists[HEAP_CLASSES]; /* heap_lock */
static char *region_next, *region_end;        /* heap_lock: the uncarved rest of a region */

/* Classes 0-7 are 16..128 in steps of 16; then four per power of two up to 32 KiB. */
static unsigned class_of(size_t n)
{
    if (n <= 128)
        return n == 0 ? 0 : (unsigned)((n + 15) / 16 - 1);
    size_t s = n - 1;
    unsigned bit = 63 - (unsigned)__builtin_clzll(s);
    unsigned quarter = (unsigned)(s >> (bit - 2)) & 3;
    return 8 + (bit - 7) * 4 + quarter;
}

static size_t class_size(unsigned cls)
{
    if (cls < 8)
        return (cls + 1) * 16;
    unsigned k = cls - 8;
    return (size_t)(5 + k % 4) << (7 + k / 4 - 2);
}

static heap_block_t *header_of(void *p)
{
    return (heap_block_t *)((char *)p - HEAP_HEADER);
}

static void push_free(heap_block_t *b, unsigned cls)
{
    b->magic = HEAP_MAGIC_FREE;
    b->cls = cls;
    heap_free_t *f = (heap_free_t *)(b + 1);
    f->next = free_lists[cls];
    free_lists[cls] = f;
}

/* Before leaving a region, hand its rest to the free lists, biggest classes first. */
static void spill_region(void)
{
    for (unsigned cls = HEAP_CLASSES; cls-- > 0;) {
        size_t need = HEAP_HEADER + class_size(cls);
        while ((size_t)(region_end - region_next) >= need) {
            push_free((heap_block_t *)region_next, cls);
            region_next += need;
        }
    }
}

/* A new block of class @cls from the current region (or a new one). heap_lock held. */
static heap_block_t *carve(unsigned cls)
{
    size_t need = HEAP_HEADER + class_size(cls);
    if ((size_t)(region_end - region_next) < need) {
        char *region = _std_anon_map(HEAP_REGION);
        if (region == NULL)
            return NULL;
        spill_region();
        region_next = region;
        region_end = region + HEAP_REGION;
    }
    heap_block_t *b = (heap_block_t *)region_next;
    region_next += need;
    b->cls = cls;
    return b;
}

/* Pop a block of class @cls, or carve one. heap_lock held. */
static heap_block_t *take(unsigned cls)
{
    heap_free_t *f = free_lists[cls];
    if (f == NULL)
        return carve(cls);
    heap_block_t *b = header_of(f);
    if (b->magic != HEAP_MAGIC_FREE || b->cls != cls)
        _std_panic("abort: malloc: heap corrupted");
    free_lists[cls] = f->next;
    return b;
}

static void *small_alloc(size_t n)
{
    _std_lock(&heap_lock);
    heap_block_t *b = take(class_of(n));
    if (b != NULL)
        b->magic = HEAP_MAGIC_USED;
    _std_unlock(&heap_lock);
    return b ? b + 1 : NULL;
}

static void *big_alloc(size_t n)
{
    if (n > SIZE_MAX - HEAP_HEADER - STD_PAGE_SIZE) {
        errno = ENOMEM;
        return NULL;
    }
    size_t length = (n + HEAP_HEADER + STD_PAGE_SIZE - 1) & ~(STD_PAGE_SIZE - 1);
    heap_block_t *b = _std_anon_map(length);
    if (b == NULL)
        return NULL;
    b->magic = HEAP_MAGIC_BIG;
    b->length = length;
    return b + 1;
}

void *malloc(size_t size)
{
    return size <= HEAP_SMALL_MAX ? small_alloc(size) : big_alloc(size);
}

void *calloc(size_t n, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(n, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = malloc(total);
    /* A big block is a fresh mapping, and the kernel zeroes every page it hands out. */
    if (p != NULL && total <= HEAP_SMALL_MAX)
        memset(p, 0, total);
    return p;
}

/* Payload bytes the block of @p can hold; panics if @p is not a live block. */
static size_t capacity(void *p)
{
    heap_block_t *b = header_of(p);
    if (b->magic == HEAP_MAGIC_BIG)
        return b->length - HEAP_HEADER;
    if (b->magic == HEAP_MAGIC_USED && b->cls < HEAP_CLASSES)
        return class_size(b->cls);
    _std_panic(b->magic == HEAP_MAGIC_FREE ? "abort: realloc: block already freed"
                                           : "abort: realloc: invalid pointer");
}

void *realloc(void *p, size_t size)
{
    if (p == NULL)
        return malloc(size);
    size_t have = capacity(p);
    /* Keep the block if it fits, unless that would pin a big mapping mostly unused. */
    if (size <= have && (have <= HEAP_SMALL_MAX || size >= have / 2))
        return p;
    void *q = malloc(size);
    if (q == NULL)
        return size <= have ? p : NULL;
    memcpy(q, p, size < have ? size : have);
    free(p);
    return q;
}

static void free_small(heap_block_t *b)
{
    _std_lock(&heap_lock);
    uint32_t magic = b->magic;
    if (magic == HEAP_MAGIC_USED && b->cls < HEAP_CLASSES)
        push_free(b, b->cls);
    _std_unlock(&heap_lock);
    if (magic == HEAP_MAGIC_FREE)
        _std_panic("abort: free: double free");
    if (magic != HEAP_MAGIC_USED)
        _std_panic("abort: free: invalid pointer");
}

void free(void *p)
{
    if (p == NULL)
        return;
    heap_block_t *b = header_of(p);
    if (b->magic == HEAP_MAGIC_BIG) {
        b->magic = 0;
        _std_anon_unmap(b, b->length);
        return;
    }
    free_small(b);
}
