/*
 * slab.h - object caches: fixed-size kernel objects carved out of 4 KiB frames.
 *
 * Each slab is one PMM frame reached through the direct map: a small header at the start
 * (so the owning slab of any object is its address rounded down to 4 KiB), then equal
 * slots; free slots are chained through their first 8 bytes. A cache keeps partial, full
 * and empty slab lists and at most SLAB_KEEP_EMPTY empty slabs. With KERNEL_DEBUG every
 * slot carries red zones and a state tag, and free objects are poisoned. kmalloc.c
 * builds the general-purpose heap on top; pmm.c supplies the frames.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <stddef.h>
#include <stdint.h>

#ifndef KERNEL_DEBUG
#define KERNEL_DEBUG 1 /**< red zones, poisoning, double-free checks; -DKERNEL_DEBUG=0 drops them */
#endif

#define SLAB_MAX_SIZE 2048     /**< largest object a cache holds (bigger: kmalloc's page path) */
#define SLAB_MAX_ALIGN 512     /**< largest alignment a cache honours */
#define SLAB_NAME_MAX 24       /**< cache names are truncated to this (with the NUL) */
#define SLAB_KEEP_EMPTY 1      /**< empty slabs a cache keeps instead of freeing them */

#define SLAB_POISON_FREE 0x6b  /**< debug: fills a free object (after its free-list link) */
#define SLAB_POISON_ALLOC 0xa5 /**< debug: fills an object handed out by slab_alloc() */
#define SLAB_RED_ZONE 0xbb     /**< debug: fills the guard bytes around each object */

/** An object cache; opaque, allocated from the static cache of caches. */
typedef struct slab_cache slab_cache_t;

/**
 * Creates a cache of objects of @size bytes aligned to @align.
 * @param name  shown in panics and statistics; copied (truncated to SLAB_NAME_MAX - 1).
 * @param size  object size, 1..SLAB_MAX_SIZE; sizes below 8 are rounded up to 8 (a free
 *              object holds the free-list link).
 * @param align 0 (meaning 8) or a power of two up to SLAB_MAX_ALIGN; 8 at least.
 * @return the cache, or NULL if size or align is out of range, name is NULL, or there
 *         is no frame for the cache's own descriptor (out of memory).
 * Locking: takes the cache-of-caches lock. Does not sleep. O(1).
 */
slab_cache_t *slab_cache_create(const char *name, size_t size, size_t align);

/**
 * Destroys @c, returning its cached empty slabs to the PMM. Every object must have been
 * freed: a cache with live objects panics (a leak is a kernel bug). The cache of caches
 * itself cannot be destroyed (panics).
 * Locking: takes c's lock, then the cache-of-caches lock. Does not sleep. O(empty slabs).
 */
void slab_cache_destroy(slab_cache_t *c);

/**
 * Allocates one object from @c. Contents: SLAB_POISON_ALLOC bytes with KERNEL_DEBUG,
 * otherwise undefined (use slab_zalloc() for zeroes).
 * @return the object (aligned to the cache's alignment), or NULL if no frame is left.
 * Panics (KERNEL_DEBUG) if the free object was written after it was freed (poison or
 * free-list link damaged) or its red zones were overwritten.
 * Locking: takes c's lock (interrupts off while held); may take the PMM lock. Does not
 * sleep; callable with other spinlocks held. O(1), plus O(size) checking and filling
 * with KERNEL_DEBUG, plus O(objects per slab) when a new slab is set up.
 */
void *slab_alloc(slab_cache_t *c);

/** Like slab_alloc() but the object is zero-filled. Same errors, locking and cost + O(size). */
void *slab_zalloc(slab_cache_t *c);

/**
 * Frees @obj back to @c; NULL is a no-op. Panics, naming the cache and the address, if
 * slab_check_free() reports an error: a pointer that is not an object of c, a corrupted
 * red zone (KERNEL_DEBUG) or a double free (KERNEL_DEBUG). When its slab becomes empty
 * the slab is kept (up to SLAB_KEEP_EMPTY per cache) or its frame goes back to the PMM.
 * Locking: takes c's lock; may take the PMM lock. Does not sleep. O(1), plus O(size)
 * checking and poisoning with KERNEL_DEBUG.
 */
void slab_free(slab_cache_t *c, void *obj);

/**
 * Checks what slab_free() checks, without freeing or panicking.
 * @return 0 if @obj is a live object of @c with intact red zones; -EINVAL if it is not
 *         the start of an object slot of c; -EFAULT if a red zone or the state tag is
 *         corrupted (KERNEL_DEBUG); -ENOENT if the object is already free (KERNEL_DEBUG:
 *         freeing it would be a double free). Without KERNEL_DEBUG only -EINVAL is found.
 * @p obj must be readable if it lies in the direct map (it is only read).
 * Locking: takes c's lock. Does not sleep. O(1), plus O(size) with KERNEL_DEBUG.
 */
int slab_check_free(slab_cache_t *c, const void *obj);

/**
 * Checks one object slot of @c, live or free, for damage.
 * @return 0 if intact; -EINVAL if @obj is not the start of an object slot of c; -EFAULT
 *         (KERNEL_DEBUG) if a red zone or the state tag is corrupted, or if the object is
 *         free and its poison was overwritten (a write after free).
 * Locking: takes c's lock. Does not sleep. O(1), plus O(size) with KERNEL_DEBUG.
 */
int slab_check_object(slab_cache_t *c, const void *obj);

/**
 * The cache that owns @obj, found from the slab header at obj rounded down to 4 KiB.
 * @return the cache, or NULL if @obj is outside the direct map or its frame is not a
 *         slab. Does not check that obj is the start of a slot (slab_check_free() does).
 * Locking: none (the header is immutable while the slab holds objects). O(1).
 */
slab_cache_t *slab_cache_of(const void *obj);

/** The object size of @c (the size given at creation, at least 8). Immutable. O(1). */
size_t slab_cache_size(const slab_cache_t *c);

/** The (truncated) name of @c. Immutable. O(1). */
const char *slab_cache_name(const slab_cache_t *c);

/**
 * Reports @c's live objects in *@in_use and its slabs (frames held, empty ones
 * included) in *@slabs; either pointer may be NULL.
 * Locking: takes c's lock. Does not sleep. O(1).
 */
void slab_cache_stats(slab_cache_t *c, size_t *in_use, size_t *slabs);

/**
 * Returns every empty slab @c holds to the PMM (the ones kept for reuse).
 * @return the number of frames released.
 * Locking: takes c's lock, then the PMM lock (after dropping c's). Does not sleep.
 * O(empty slabs), at most SLAB_KEEP_EMPTY.
 */
size_t slab_cache_shrink(slab_cache_t *c);

#endif
