/*
 * bufcache.h - a few same-sized kmalloc buffers kept for reuse. Buffers above the slab
 * sizes come from mapped kernel pages, and freeing them costs an unmap and a TLB
 * shootdown on every CPU; hot paths (path arguments, I/O bounce buffers, spawn's
 * scratch) take and give back through a cache instead.
 */
#ifndef MM_BUFCACHE_H
#define MM_BUFCACHE_H

#include <stddef.h>
#include "sync/spinlock.h"

#define BUFCACHE_SLOTS 8

/** A cache of buffers of one size. Initialise with BUFCACHE_INIT(size). */
typedef struct bufcache {
    spinlock_t lock;
    size_t size;                 /**< immutable: bytes per buffer */
    unsigned count;              /**< lock */
    void *bufs[BUFCACHE_SLOTS];  /**< lock */
} bufcache_t;

#define BUFCACHE_INIT(sz) {SPINLOCK_INIT, (sz), 0, {0}}

/** A buffer of c->size bytes (contents undefined), or NULL. Locking: c->lock. O(1). */
void *bufcache_get(bufcache_t *c);
/** Gives b (from bufcache_get, or NULL) back; frees it if the cache is full. O(1). */
void bufcache_put(bufcache_t *c, void *b);
/** Frees every cached buffer (leak checks). No spinlock may be held. O(slots). */
void bufcache_trim(bufcache_t *c);

#endif
