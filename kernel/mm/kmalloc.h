/*
 * kmalloc.h - the kernel heap: blocks of any size.
 *
 * Requests up to KMALLOC_MAX_SMALL bytes come from eight power-of-two slab caches
 * ("kmalloc-16" .. "kmalloc-2048", mm/slab.h); bigger ones are whole pages from
 * vmm_kalloc() (mm/vmm.h) behind an unmapped guard page, with a header at the start of
 * the first page that records the size. kfree() tells the two apart in O(1) by address:
 * slab objects live in the direct map, large blocks in the kernel area.
 */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include <stddef.h>
#include "mm/slab.h"

#define KMALLOC_ALIGN 16       /**< every block is aligned to at least this */
#define KMALLOC_MIN_SMALL 16   /**< the smallest size class */
#define KMALLOC_MAX_SMALL 2048 /**< the largest size class; bigger requests get pages */
#define KMALLOC_CLASSES 8      /**< 16, 32, ..., 2048 */

/**
 * Creates the size-class caches. Idempotent and safe to race (kmalloc() calls it on
 * first use), but meant to be called once at boot after vmm_init().
 * Panics if the caches cannot be created (no memory at boot).
 * Locking: takes the kmalloc init lock, then the slab cache-of-caches lock. O(1).
 */
void kmalloc_init(void);

/**
 * Allocates @size bytes, aligned to KMALLOC_ALIGN. Size 0 gets the smallest class (a
 * unique pointer that kfree() accepts). Contents: with KERNEL_DEBUG filled with
 * SLAB_POISON_ALLOC (0xa5), otherwise undefined.
 * @return the block, or NULL when out of memory or when @size is too large to represent
 *         (size arithmetic would overflow, or more than the kernel area's largest block).
 * Locking: small sizes take one slab cache lock (callable with spinlocks held and from
 * interrupt handlers); large sizes take the vmm area and kernel space locks and must
 * not be made with interrupts disabled. Does not sleep.
 * Time: O(1) for small sizes (+ O(size) debug fill); O(pages) for large ones.
 */
void *kmalloc(size_t size);

/** kmalloc() with the block zero-filled. Same errors, locking and cost (+ O(size)). */
void *kzalloc(size_t size);

/**
 * Frees a block from kmalloc(), kzalloc() or krealloc(); NULL is a no-op.
 * Panics with the address and the reason if kmalloc_check() would report an error:
 * a pointer the heap never handed out, a double free, or (KERNEL_DEBUG) a corrupted
 * red zone.
 * Locking: as kmalloc(); freeing a large block flushes TLBs on every CPU (IPIs), so it
 * must be done with no spinlock held and interrupts enabled. Does not sleep.
 * Time: O(1) (+ O(size) debug checks) for small blocks, O(pages) for large ones.
 */
void kfree(void *p);

/**
 * Resizes @p to @size bytes, keeping the first min(old, new) bytes. krealloc(NULL, n)
 * is kmalloc(n); krealloc(p, 0) frees p and returns NULL. The block stays in place
 * when the new size needs the same size class or the same number of pages.
 * @return the (possibly moved) block, or NULL when out of memory or @size is too large,
 *         in which case @p is untouched and still owned by the caller.
 * Panics like kfree() if @p is not a live block. Locking: as kmalloc() and kfree().
 * Time: O(1) in place, otherwise O(size) copy + the allocation and free.
 */
void *krealloc(void *p, size_t size);

/**
 * The usable size of the live block @p: its size class for small blocks, the size asked
 * for (or resized to) for large ones; 0 for NULL. Panics like kfree() if @p is not a
 * live block. Locking: as kmalloc_check(). O(1) (+ O(size) debug checks).
 */
size_t kmalloc_size(const void *p);

/**
 * Checks @p the way kfree() does, without freeing or panicking.
 * @return 0 if @p is NULL or a live heap block; -EINVAL if the heap never handed @p
 *         out (not a block start, a foreign slab object, a damaged block header);
 *         -ENOENT if the block is already free (KERNEL_DEBUG for small blocks; large
 *         blocks are unmapped when freed, so always); -EFAULT (KERNEL_DEBUG) if a red
 *         zone next to the block was overwritten (for small blocks the zones sit
 *         before the block and after its size class, for large ones after the size).
 * @p must be readable if it lies in the direct map.
 * Locking: takes one slab cache lock or the kernel space lock. Does not sleep.
 * O(1) (+ O(size) with KERNEL_DEBUG).
 */
int kmalloc_check(const void *p);

/**
 * Bytes held by live blocks (size classes for small blocks, requested sizes for large
 * ones), for leak checks. Lock-free read, racy while others allocate. O(1).
 */
size_t kmalloc_usage(void);

/**
 * Returns every empty slab kept by the size classes to the PMM, so that a leak check
 * can compare pmm_free_count() exactly.
 * @return the number of frames released.
 * Locking: takes each class's lock in turn, then the PMM lock. Does not sleep.
 * O(KMALLOC_CLASSES * SLAB_KEEP_EMPTY).
 */
size_t kmalloc_trim(void);

#endif
