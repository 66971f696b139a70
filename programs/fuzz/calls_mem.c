/*
 * calls_mem.c - the fuzzer's memory calls. Each thread owns an arena (fuzz.h) where it
 * maps, unmaps and protects random ranges; everything else it touches through mmap is
 * either a fresh mapping it unmaps again or a range the kernel must refuse. Its fixed
 * pages (a buffer of random bytes, a read-only page, a page followed by a hole) give
 * gen.c its valid, read-only and edge pointers.
 */
#include <abi/errno.h>
#include <string.h>
#include <sys/io.h>
#include "calls.h"

#define PTR(p) ((uint64_t)(uintptr_t)(p))
#define PAGE 4096ull
#define ARENA_MAPPED_MAX (16ull << 20) /* clear the arena beyond this */

bool mem_setup(fuzz_thread_t *t)
{
    t->arena = FUZZ_ARENA_BASE + (uint64_t)t->index * FUZZ_ARENA_STRIDE;
    t->buf = mmap(fuzz_zero_fd, NULL, FUZZ_BUF_SIZE, PROT_READ | PROT_WRITE);
    t->ro_page = mmap(fuzz_zero_fd, NULL, PAGE, PROT_READ | PROT_WRITE);
    uint8_t *edge = mmap(fuzz_zero_fd, NULL, 2 * PAGE, PROT_READ | PROT_WRITE);
    if (!t->buf || !t->ro_page || !edge)
        return false;
    gen_bytes(&t->rng, t->buf, FUZZ_BUF_SIZE);
    gen_bytes(&t->rng, t->ro_page, PAGE);
    if (mprotect(t->ro_page, PAGE, PROT_READ) != 0 || munmap(edge + PAGE, PAGE) != 0)
        return false;
    t->edge = edge + PAGE - 1;
    return true;
}

void mem_teardown(fuzz_thread_t *t)
{
    FUZZ_CALL3(SYS_munmap, t->arena, FUZZ_ARENA_SIZE, 0);
}

/* A page-aligned address in the arena and a length that stays inside it: at most
 * @most pages, now and then up to the arena's end. */
static void arena_range(fuzz_thread_t *t, uint64_t *addr, uint64_t *len, uint64_t most)
{
    fuzz_rng_t *r = &t->rng;
    uint64_t pages = FUZZ_ARENA_SIZE / PAGE, first = rng_below(r, pages);
    uint64_t room = pages - first, n = rng_one_in(r, 8) ? room : (room < most ? room : most);
    *addr = t->arena + first * PAGE;
    *len = (1 + rng_below(r, n)) * PAGE - (rng_one_in(r, 4) ? rng_below(r, PAGE) : 0);
}

/* A range the kernel must refuse: unaligned, empty, kernel, wrapping or non-canonical. */
static void bad_range(fuzz_thread_t *t, uint64_t *addr, uint64_t *len)
{
    fuzz_rng_t *r = &t->rng;
    switch (rng_below(r, 6)) {
    case 0: *addr = t->arena + 1 + rng_below(r, PAGE - 1); *len = PAGE; break;
    case 1: *addr = t->arena; *len = 0; break;
    case 2: *addr = 0xffff800000000000ull + rng_below(r, 1 << 20) * PAGE; *len = PAGE; break;
    case 3: *addr = 0x00007ffffffff000ull; *len = 2 * PAGE + rng_below(r, 1ull << 40); break;
    case 4: *addr = 0x0000800000000000ull + rng_below(r, 1 << 20) * PAGE; *len = PAGE; break;
    default: *addr = PAGE - 1; *len = PAGE * (1 + rng_below(r, 16)); break;
    }
}

static void arena_clear(fuzz_thread_t *t)
{
    fuzz_do(t, SYS_munmap, t->arena, FUZZ_ARENA_SIZE, 0, 0, 0, 0);
    t->arena_mapped = 0;
}

static fd_t mmap_fd(fuzz_thread_t *t)
{
    switch (rng_below(&t->rng, 4)) {
    case 0: case 1: return fuzz_zero_fd;
    case 2: return pool_pick(t)->fd;
    default: return gen_fd(t, true);
    }
}

void op_mmap(fuzz_thread_t *t)
{
    fuzz_rng_t *r = &t->rng;
    uint64_t hint = 0, len, prot = rng_below(r, 10) < 9 ? rng_below(r, 8) : gen_int(r);
    int kind = (int)rng_below(r, 8);
    if (kind < 2)
        len = PAGE * (1 + rng_below(r, 16));        /* at the kernel's next free address */
    else if (kind < 6)
        arena_range(t, &hint, &len, 16);            /* in the arena: may overlap (EEXIST) */
    else
        bad_range(t, &hint, &len);
    if (kind >= 2 && kind < 6 && len > 256 * PAGE)
        len = 256 * PAGE;                           /* every page is zeroed: keep it cheap */
    if (t->arena_mapped > ARENA_MAPPED_MAX)
        arena_clear(t);
    fd_t fd = mmap_fd(t);
    bool huge = kind == 2 && rng_one_in(r, 8);
    if (huge) /* more than the machine has: must fail at once, taking nothing */
        len = FUZZ_ARENA_STRIDE - (hint - t->arena);
    int64_t rc = fuzz_do(t, SYS_mmap, (uint64_t)fd, hint, len, prot, 0, 0);
    if (huge && fd == fuzz_zero_fd && prot < 8 && rc != -ENOMEM && rc != -EEXIST)
        fuzz_fail(t, "mmap of %#lx bytes at %#lx returned %ld, not -ENOMEM", len, hint, rc);
    if (rc < 0)
        return;
    if (hint && (uint64_t)rc != hint)
        fuzz_fail(t, "mmap at %#lx returned %#lx", hint, rc);
    if (kind >= 6 || prot > 7)
        fuzz_fail(t, "mmap(%ld, %#lx, %#lx, prot %#lx) succeeded", fd, hint, len, prot);
    if (hint) {
        t->arena_mapped += len;
        return;
    }
    if ((prot & PROT_WRITE) && fd == fuzz_zero_fd && rng_one_in(r, 2))
        memset((void *)(uintptr_t)rc, 0x5a, len < PAGE ? len : PAGE);
    fuzz_do(t, SYS_munmap, (uint64_t)rc, len, 0, 0, 0, 0);
}

void op_munmap(fuzz_thread_t *t)
{
    uint64_t addr, len;
    int kind = (int)rng_below(&t->rng, 16);
    if (kind == 0) {
        arena_clear(t);
        return;
    }
    if (kind < 12)
        arena_range(t, &addr, &len, 64);
    else
        bad_range(t, &addr, &len);
    if (kind == 1) /* from inside the arena to the end of this thread's terabyte */
        len = t->arena + FUZZ_ARENA_STRIDE - addr;
    int64_t rc = fuzz_do(t, SYS_munmap, addr, len, 0, 0, 0, 0);
    if (kind >= 12 && rc == 0)
        fuzz_fail(t, "munmap(%#lx, %#lx) succeeded", addr, len);
}

void op_mprotect(fuzz_thread_t *t)
{
    uint64_t addr, len, prot = rng_below(&t->rng, 10) < 9 ? rng_below(&t->rng, 8) : gen_int(&t->rng);
    int kind = (int)rng_below(&t->rng, 16);
    if (kind < 12)
        arena_range(t, &addr, &len, 64);
    else
        bad_range(t, &addr, &len);
    int64_t rc = fuzz_do(t, SYS_mprotect, addr, len, prot, 0, 0, 0);
    if ((kind >= 12 || prot > 7) && rc == 0)
        fuzz_fail(t, "mprotect(%#lx, %#lx, %#lx) succeeded", addr, len, prot);
}
