/*
 * bufcache.c - the buffer caches of bufcache.h: a small LIFO stack per cache.
 */
#include "bufcache.h"
#include "mm/kmalloc.h"

static void *bufcache_pop(bufcache_t *c)
{
    void *b = 0;
    spinlock_lock(&c->lock);
    if (c->count)
        b = c->bufs[--c->count];
    spinlock_unlock(&c->lock);
    return b;
}

void *bufcache_get(bufcache_t *c)
{
    void *b = bufcache_pop(c);
    return b ? b : kmalloc(c->size);
}

void bufcache_put(bufcache_t *c, void *b)
{
    if (!b)
        return;
    spinlock_lock(&c->lock);
    if (c->count < BUFCACHE_SLOTS) {
        c->bufs[c->count++] = b;
        b = 0;
    }
    spinlock_unlock(&c->lock);
    kfree(b);
}

void bufcache_trim(bufcache_t *c)
{
    void *b;
    while ((b = bufcache_pop(c)))
        kfree(b);
}
