/*
 * mem.c - the user-space suite `mem`: mmap of sys:/zero (zeroed pages, also when pages
 * are reused; writes that persist; hints honoured exactly or refused), munmap and
 * mprotect with their error paths, what cannot be mapped (other files, bad
 * descriptors, bad protections, kernel or wrapping ranges), futex on good and bad
 * words, and malloc of a big block. Whether a page is mapped is observed without
 * touching it: futex() on an unmapped word fails with EFAULT, and so does a read()
 * into it. Run by init in test mode (programs/init); the harness is tests/user/utest.h.
 */
#include <abi/syscall.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/io.h>
#include <sys/proc.h>
#include "utest.h"

#define PAGE 4096
#define KERNEL_PTR ((void *)0xffffffff80000000ull)
#define DIRECT_MAP_PTR ((void *)0xffff800000000000ull)
#define NON_CANONICAL_PTR ((void *)0x0000800000000000ull)
#define UNMAPPED_PTR ((void *)0x7000000000ull)
#define LAST_USER_PAGE ((void *)0x7ffffffff000ull)
#define RW (PROT_READ | PROT_WRITE)
/* Hints far from where mmap(NULL) puts things (it counts up from 0x100000000000). */
#define HINT_A ((char *)0x300000000000ull)
#define HINT_B ((char *)0x300000100000ull)
#define HINT_C ((char *)0x300000200000ull)
#define HINT_D ((char *)0x300000300000ull)

/* End the case unless @expr gives ERR with errno @code. */
#define ASSERT_FAILS(expr, code)                                                       \
    do {                                                                               \
        errno = 0;                                                                     \
        long long r_ = (long long)(expr);                                              \
        int e_ = errno;                                                                \
        if (r_ != ERR || e_ != (code)) {                                               \
            UTEST_FAIL("line %d: %s gave %lld errno %d, want ERR errno %d", __LINE__,  \
                       #expr, r_, e_, (int)(code));                                    \
            return;                                                                    \
        }                                                                              \
    } while (0)

/* End the case unless the pointer call @expr gives NULL with errno @code. */
#define ASSERT_NULL(expr, code)                                                        \
    do {                                                                               \
        errno = 0;                                                                     \
        void *p_ = (expr);                                                             \
        int e_ = errno;                                                                \
        if (p_ != NULL || e_ != (code)) {                                              \
            UTEST_FAIL("line %d: %s gave %p errno %d, want NULL errno %d", __LINE__,   \
                       #expr, p_, e_, (int)(code));                                    \
            return;                                                                    \
        }                                                                              \
    } while (0)

static fd_t zero_fd = ERR; /* sys:/zero, opened by main() */

/*
 * Whether the page holding @addr is mapped, asked without touching it: FUTEX_WAKE on
 * an unmapped word fails with EFAULT, on a mapped one wakes nobody and returns 0.
 * Returns 1 mapped, 0 unmapped, -1 anything else.
 */
static int mapped(const void *addr)
{
    errno = 0;
    int64_t r = futex((uint32_t *)((uintptr_t)addr & ~(uintptr_t)3), 1, FUTEX_WAKE, 0);
    if (r == 0)
        return 1;
    return r == ERR && errno == EFAULT ? 0 : -1;
}

/* The first index in @p[0..n) whose byte is not @v, or n. */
static size_t first_not(const unsigned char *p, size_t n, unsigned char v)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != v)
            return i;
    }
    return n;
}

/* ---------------------------------------------------------------- mmap of sys:/zero */

UTEST(zero_pages_read_zero)
{
    size_t len = 64 * 1024;
    unsigned char *p = mmap(zero_fd, NULL, len, RW);
    UTEST_ASSERT(p != NULL);
    UTEST_ASSERT_EQ((uintptr_t)p % PAGE, 0);
    UTEST_ASSERT((uintptr_t)p < 0x800000000000ull);
    UTEST_ASSERT_EQ(first_not(p, len, 0), len);
    UTEST_ASSERT_EQ(munmap(p, len), 0);
    /* a read-only mapping reads zero as well */
    p = mmap(zero_fd, NULL, 2 * PAGE, PROT_READ);
    UTEST_ASSERT(p != NULL);
    UTEST_ASSERT_EQ(first_not(p, 2 * PAGE, 0), 2 * PAGE);
    UTEST_ASSERT_EQ(munmap(p, 2 * PAGE), 0);
}

UTEST(writes_persist)
{
    size_t len = 8 * PAGE;
    unsigned char *a = mmap(zero_fd, NULL, len, RW);
    unsigned char *b = mmap(zero_fd, NULL, len, RW);
    UTEST_ASSERT(a != NULL && b != NULL);
    UTEST_ASSERT(a + len <= b || b + len <= a); /* no overlap */
    for (size_t i = 0; i < len; i++) {
        a[i] = (unsigned char)(i * 7 + 1);
        b[i] = (unsigned char)(i * 13 + 5);
    }
    for (size_t i = 0; i < len; i++) {
        if (a[i] != (unsigned char)(i * 7 + 1) || b[i] != (unsigned char)(i * 13 + 5)) {
            UTEST_FAIL("byte %zu changed", i);
            return;
        }
    }
    /* the kernel sees the same bytes: write a out to a file, read it back into b */
    fd_t f = open("home:/usr/mem_persist?create&truncate");
    UTEST_ASSERT(f >= 0);
    UTEST_ASSERT_EQ(write(f, a, len), len);
    UTEST_ASSERT_EQ(seek(f, 0, SEEK_SET), 0);
    UTEST_ASSERT_EQ(read(f, b, len), len);
    UTEST_ASSERT(memcmp(a, b, len) == 0);
    UTEST_ASSERT_EQ(close(f), 0);
    UTEST_ASSERT_EQ(remove("home:/usr/mem_persist"), 0);
    /* reading sys:/zero into a mapping clears it through the kernel */
    UTEST_ASSERT_EQ(read(zero_fd, a + 100, 3 * PAGE), 3 * PAGE);
    UTEST_ASSERT_EQ(first_not(a + 100, 3 * PAGE, 0), 3 * PAGE);
    UTEST_ASSERT_EQ(a[99], (unsigned char)(99 * 7 + 1));
    UTEST_ASSERT_EQ(a[100 + 3 * PAGE], (unsigned char)((100 + 3 * PAGE) * 7 + 1));
    UTEST_ASSERT_EQ(munmap(a, len), 0);
    UTEST_ASSERT_EQ(munmap(b, len), 0);
}

UTEST(reused_pages_are_zeroed)
{
    size_t len = 16 * PAGE;
    for (int round = 0; round < 3; round++) {
        unsigned char *p = mmap(zero_fd, HINT_A, len, RW);
        UTEST_ASSERT(p == (unsigned char *)HINT_A);
        size_t bad = first_not(p, len, 0);
        if (bad != len) {
            UTEST_FAIL("round %d: byte %zu is 0x%x, not 0", round, bad, p[bad]);
            return;
        }
        memset(p, 0xa5, len);
        UTEST_ASSERT_EQ(munmap(p, len), 0);
        UTEST_ASSERT_EQ(mapped(p), 0);
    }
}

UTEST(hint_exact_and_occupied)
{
    char *p = mmap(zero_fd, HINT_B, 2 * PAGE, RW);
    UTEST_ASSERT(p == HINT_B);
    p[0] = 'x';
    p[2 * PAGE - 1] = 'y';
    /* taken: the same range, a range overlapping it, and the program's own image */
    ASSERT_NULL(mmap(zero_fd, HINT_B, PAGE, RW), EEXIST);
    ASSERT_NULL(mmap(zero_fd, HINT_B + PAGE, PAGE, RW), EEXIST);
    ASSERT_NULL(mmap(zero_fd, HINT_B - PAGE, 2 * PAGE, RW), EEXIST);
    ASSERT_NULL(mmap(zero_fd, (void *)0x400000, PAGE, RW), EEXIST);
    /* the refused calls mapped nothing and changed nothing */
    UTEST_ASSERT_EQ(mapped(HINT_B - PAGE), 0);
    UTEST_ASSERT_EQ(p[0], 'x');
    UTEST_ASSERT_EQ(p[2 * PAGE - 1], 'y');
    UTEST_ASSERT_EQ(mapped(HINT_B + 2 * PAGE), 0);
    UTEST_ASSERT_EQ(munmap(p, 2 * PAGE), 0);
    /* the very last user page can be mapped; one more is past the end */
    unsigned char *last = mmap(zero_fd, LAST_USER_PAGE, PAGE, RW);
    UTEST_ASSERT(last == LAST_USER_PAGE);
    last[PAGE - 1] = 0x5a;
    UTEST_ASSERT_EQ(last[PAGE - 1], 0x5a);
    UTEST_ASSERT_EQ(munmap(last, PAGE), 0);
    ASSERT_NULL(mmap(zero_fd, LAST_USER_PAGE, 2 * PAGE, RW), EFAULT);
    UTEST_ASSERT_EQ(mapped(LAST_USER_PAGE), 0);
}

UTEST(length_rounding)
{
    char *p = mmap(zero_fd, HINT_C, 1, RW);
    UTEST_ASSERT(p == HINT_C);
    p[PAGE - 1] = 1; /* the whole page is there */
    UTEST_ASSERT_EQ(mapped(p + PAGE), 0);
    UTEST_ASSERT_EQ(munmap(p, 1), 0); /* rounded up as well */
    UTEST_ASSERT_EQ(mapped(p), 0);
    p = mmap(zero_fd, HINT_C, PAGE + 1, RW);
    UTEST_ASSERT(p == HINT_C);
    UTEST_ASSERT_EQ(mapped(p + PAGE), 1);
    UTEST_ASSERT_EQ(mapped(p + 2 * PAGE), 0);
    UTEST_ASSERT_EQ(munmap(p, 2 * PAGE), 0);
}

UTEST(mmap_bad_arguments)
{
    ASSERT_NULL(mmap(zero_fd, NULL, 0, RW), EINVAL);
    ASSERT_NULL(mmap(zero_fd, HINT_D, 0, RW), EINVAL);
    ASSERT_NULL(mmap(zero_fd, HINT_D + 1, PAGE, RW), EINVAL);
    ASSERT_NULL(mmap(zero_fd, HINT_D + PAGE / 2, PAGE, RW), EINVAL);
    ASSERT_NULL(mmap(zero_fd, NULL, (1ull << 40) + PAGE, RW), EINVAL); /* over 1 TiB */
    ASSERT_NULL(mmap(zero_fd, NULL, (size_t)0 - PAGE, RW), EINVAL);     /* would wrap */
    ASSERT_NULL(mmap(zero_fd, HINT_D, (size_t)0 - PAGE, RW), EINVAL);
    ASSERT_NULL(mmap(zero_fd, NULL, PAGE, 8), EINVAL);
    ASSERT_NULL(mmap(zero_fd, NULL, PAGE, RW | 0x10), EINVAL);
    ASSERT_NULL(mmap(zero_fd, NULL, PAGE, (int)0x80000000), EINVAL);
    ASSERT_NULL(mmap(zero_fd, NULL, PAGE, -1), EINVAL);
    UTEST_ASSERT_EQ(mapped(HINT_D), 0);
}

UTEST(mmap_kernel_ranges)
{
    ASSERT_NULL(mmap(zero_fd, KERNEL_PTR, PAGE, RW), EFAULT);
    ASSERT_NULL(mmap(zero_fd, DIRECT_MAP_PTR, PAGE, RW), EFAULT);
    ASSERT_NULL(mmap(zero_fd, NON_CANONICAL_PTR, PAGE, RW), EFAULT);
    ASSERT_NULL(mmap(zero_fd, (void *)0xfffffffffffff000ull, PAGE, RW), EFAULT);
    /* a user hint whose range crosses the end of user space */
    ASSERT_NULL(mmap(zero_fd, (void *)0x7fffffff0000ull, 0x100000, RW), EFAULT);
    ASSERT_NULL(mmap(zero_fd, (void *)0x7f8000000000ull, 1ull << 40, RW), EFAULT);
    UTEST_ASSERT_EQ(mapped((void *)0x7fffffff0000ull), 0); /* nothing half-made */
}

UTEST(mmap_not_mappable)
{
    fd_t n = open("sys:/null");
    fd_t d = open("home:/");
    fd_t f = open("home:/usr/mem_file?create&truncate");
    UTEST_ASSERT(n >= 0 && d >= 0 && f >= 0);
    UTEST_ASSERT_EQ(write(f, "data", 4), 4);
    ASSERT_NULL(mmap(n, NULL, PAGE, RW), ENODEV);
    ASSERT_NULL(mmap(d, NULL, PAGE, RW), ENODEV);
    ASSERT_NULL(mmap(f, NULL, PAGE, RW), ENODEV);
    ASSERT_NULL(mmap(-1, NULL, PAGE, RW), EBADF);
    ASSERT_NULL(mmap(9999, NULL, PAGE, RW), EBADF);
    ASSERT_NULL(mmap(MAX_FDS, NULL, PAGE, RW), EBADF);
    UTEST_ASSERT_EQ(close(n), 0);
    ASSERT_NULL(mmap(n, NULL, PAGE, RW), EBADF); /* closed */
    /* a second sys:/zero descriptor works like the first */
    fd_t z = open("sys:/zero");
    UTEST_ASSERT(z >= 0);
    unsigned char *p = mmap(z, NULL, PAGE, RW);
    UTEST_ASSERT(p != NULL);
    UTEST_ASSERT_EQ(close(z), 0);
    p[10] = 10; /* the mapping outlives the descriptor */
    UTEST_ASSERT_EQ(p[10], 10);
    UTEST_ASSERT_EQ(munmap(p, PAGE), 0);
    close(d);
    close(f);
    UTEST_ASSERT_EQ(remove("home:/usr/mem_file"), 0);
}

/* ---------------------------------------------------------------- munmap, mprotect */

UTEST(munmap_semantics)
{
    char *p = mmap(zero_fd, NULL, 4 * PAGE, RW);
    UTEST_ASSERT(p != NULL);
    memset(p, 1, 4 * PAGE);
    UTEST_ASSERT_EQ(mapped(p), 1);
    UTEST_ASSERT_EQ(munmap(p, 4 * PAGE), 0);
    for (int i = 0; i < 4; i++)
        UTEST_ASSERT_EQ(mapped(p + i * PAGE), 0);
    /* the kernel cannot reach it either */
    ASSERT_FAILS(read(zero_fd, p, 16), EFAULT);
    ASSERT_FAILS(write(zero_fd, p + PAGE, 16), EFAULT);
    /* unmapping again, or a range never mapped, is not an error */
    UTEST_ASSERT_EQ(munmap(p, 4 * PAGE), 0);
    UTEST_ASSERT_EQ(munmap(UNMAPPED_PTR, 16 * PAGE), 0);
    /* bad ranges */
    ASSERT_FAILS(munmap(p + 1, PAGE), EINVAL);
    ASSERT_FAILS(munmap(p, 0), EINVAL);
    ASSERT_FAILS(munmap(p, (size_t)0 - PAGE), EINVAL);
    ASSERT_FAILS(munmap(KERNEL_PTR, PAGE), EFAULT);
    ASSERT_FAILS(munmap(DIRECT_MAP_PTR, PAGE), EFAULT);
    ASSERT_FAILS(munmap(LAST_USER_PAGE, 2 * PAGE), EFAULT);
    ASSERT_FAILS(munmap(NULL, PAGE), EFAULT);
}

UTEST(munmap_partial)
{
    unsigned char *p = mmap(zero_fd, NULL, 3 * PAGE, RW);
    UTEST_ASSERT(p != NULL);
    memset(p, 0x11, PAGE);
    memset(p + PAGE, 0x22, PAGE);
    memset(p + 2 * PAGE, 0x33, PAGE);
    UTEST_ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
    UTEST_ASSERT_EQ(mapped(p), 1);
    UTEST_ASSERT_EQ(mapped(p + PAGE), 0);
    UTEST_ASSERT_EQ(mapped(p + 2 * PAGE), 1);
    UTEST_ASSERT_EQ(first_not(p, PAGE, 0x11), PAGE);
    UTEST_ASSERT_EQ(first_not(p + 2 * PAGE, PAGE, 0x33), PAGE);
    UTEST_ASSERT_EQ(munmap(p, 3 * PAGE), 0); /* with the hole in it */
    UTEST_ASSERT_EQ(mapped(p), 0);
    UTEST_ASSERT_EQ(mapped(p + 2 * PAGE), 0);
}

static const char rodata_word[16] __attribute__((aligned(16))) = "read only data";

UTEST(readonly_memory_refuses_kernel_writes)
{
    /* the program's rodata: the kernel may read it but never write it for us */
    fd_t n = open("sys:/null");
    UTEST_ASSERT(n >= 0);
    UTEST_ASSERT_EQ(write(n, rodata_word, sizeof(rodata_word)), sizeof(rodata_word));
    ASSERT_FAILS(read(zero_fd, (void *)rodata_word, 4), EFAULT);
    UTEST_ASSERT_STR_EQ(rodata_word, "read only data");
    close(n);
}

UTEST(mprotect_readonly_then_back)
{
    unsigned char *p = mmap(zero_fd, NULL, 2 * PAGE, RW);
    UTEST_ASSERT(p != NULL);
    memset(p, 0x77, 2 * PAGE);
    UTEST_ASSERT_EQ(mprotect(p, PAGE, PROT_READ), 0);
    /* readable, contents kept; a kernel write into it fails; the next page is untouched */
    UTEST_ASSERT_EQ(first_not(p, 2 * PAGE, 0x77), 2 * PAGE);
    ASSERT_FAILS(read(zero_fd, p, 16), EFAULT);
    UTEST_ASSERT_EQ(p[0], 0x77);
    UTEST_ASSERT_EQ(read(zero_fd, p + PAGE, 16), 16);
    UTEST_ASSERT_EQ(p[PAGE], 0);
    /* back to writable */
    UTEST_ASSERT_EQ(mprotect(p, PAGE, RW), 0);
    UTEST_ASSERT_EQ(read(zero_fd, p, 16), 16);
    UTEST_ASSERT_EQ(first_not(p, 16, 0), 16);
    p[100] = 0x42;
    UTEST_ASSERT_EQ(p[100], 0x42);
    UTEST_ASSERT_EQ(p[16], 0x77);
    /* a length that is not a page multiple covers the whole last page */
    UTEST_ASSERT_EQ(mprotect(p, PAGE + 1, PROT_READ), 0);
    ASSERT_FAILS(read(zero_fd, p + PAGE + 100, 1), EFAULT);
    UTEST_ASSERT_EQ(mprotect(p, 2 * PAGE, RW | PROT_EXEC), 0);
    UTEST_ASSERT_EQ(read(zero_fd, p + PAGE + 100, 1), 1);
    UTEST_ASSERT_EQ(munmap(p, 2 * PAGE), 0);
}

UTEST(mprotect_errors)
{
    unsigned char *p = mmap(zero_fd, NULL, 2 * PAGE, RW);
    UTEST_ASSERT(p != NULL);
    ASSERT_FAILS(mprotect(p, PAGE, 8), EINVAL);
    ASSERT_FAILS(mprotect(p, PAGE, -1), EINVAL);
    ASSERT_FAILS(mprotect(p + 1, PAGE, PROT_READ), EINVAL);
    ASSERT_FAILS(mprotect(p, 0, PROT_READ), EINVAL);
    ASSERT_FAILS(mprotect(KERNEL_PTR, PAGE, PROT_READ), EFAULT);
    ASSERT_FAILS(mprotect(NON_CANONICAL_PTR, PAGE, PROT_READ), EFAULT);
    ASSERT_FAILS(mprotect(UNMAPPED_PTR, PAGE, PROT_READ), EFAULT); /* not mapped */
    /* partly mapped: fails and changes nothing */
    UTEST_ASSERT_EQ(munmap(p + PAGE, PAGE), 0);
    ASSERT_FAILS(mprotect(p, 2 * PAGE, PROT_READ), EFAULT);
    UTEST_ASSERT_EQ(read(zero_fd, p, 16), 16); /* still writable */
    UTEST_ASSERT_EQ(mapped(p + PAGE), 0);       /* and nothing was mapped */
    /* nothing failed along the way for the good page */
    p[0] = 3;
    UTEST_ASSERT_EQ(p[0], 3);
    UTEST_ASSERT_EQ(munmap(p, PAGE), 0);
}

/* ---------------------------------------------------------------- futex */

UTEST(futex_bad_addresses)
{
    static uint32_t words[2] __attribute__((aligned(8)));
    char *w = (char *)words;
    ASSERT_FAILS(futex(KERNEL_PTR, 0, FUTEX_WAIT, NS_PER_MS), EFAULT);
    ASSERT_FAILS(futex(KERNEL_PTR, 1, FUTEX_WAKE, 0), EFAULT);
    ASSERT_FAILS(futex(DIRECT_MAP_PTR, 0, FUTEX_WAIT, NS_PER_MS), EFAULT);
    ASSERT_FAILS(futex(NON_CANONICAL_PTR, 0, FUTEX_WAKE, 0), EFAULT);
    ASSERT_FAILS(futex(NULL, 0, FUTEX_WAIT, NS_PER_MS), EFAULT);
    ASSERT_FAILS(futex(UNMAPPED_PTR, 0, FUTEX_WAIT, NS_PER_MS), EFAULT);
    ASSERT_FAILS(futex(UNMAPPED_PTR, 1, FUTEX_WAKE, 0), EFAULT);
    ASSERT_FAILS(futex((uint32_t *)(w + 1), 0, FUTEX_WAIT, NS_PER_MS), EFAULT);
    ASSERT_FAILS(futex((uint32_t *)(w + 2), 0, FUTEX_WAKE, 0), EFAULT);
    ASSERT_FAILS(futex((uint32_t *)(w + 3), 0, FUTEX_WAIT, NS_PER_MS), EFAULT);
    ASSERT_FAILS(futex((uint32_t *)((char *)LAST_USER_PAGE + PAGE - 2), 0, FUTEX_WAKE, 0), EFAULT);
    /* the aligned word itself is fine */
    UTEST_ASSERT_EQ(futex(&words[1], 1, FUTEX_WAKE, 0), 0);
    /* a read-only word can be waited on */
    ASSERT_FAILS(futex((uint32_t *)rodata_word, 0, FUTEX_WAIT, NS_PER_MS), EAGAIN);
}

UTEST(futex_value_differs)
{
    static uint32_t word = 5;
    uint64_t t0 = uptime();
    ASSERT_FAILS(futex(&word, 4, FUTEX_WAIT, FUTEX_FOREVER), EAGAIN);
    ASSERT_FAILS(futex(&word, 0, FUTEX_WAIT, 10 * NS_PER_SEC), EAGAIN);
    ASSERT_FAILS(futex(&word, 0xffffffffu, FUTEX_WAIT, FUTEX_FOREVER), EAGAIN);
    UTEST_ASSERT(uptime() - t0 < 5 * NS_PER_SEC); /* none of them slept */
    UTEST_ASSERT_EQ(word, 5);
}

UTEST(futex_timeout)
{
    static uint32_t word = 9;
    for (int i = 0; i < 2; i++) {
        uint64_t t0 = uptime();
        ASSERT_FAILS(futex(&word, 9, FUTEX_WAIT, 10 * NS_PER_MS), ETIMEDOUT);
        uint64_t d = uptime() - t0;
        if (d < 10 * NS_PER_MS || d >= 2 * NS_PER_SEC) {
            UTEST_FAIL("a 10 ms futex wait took %llu ns", (unsigned long long)d);
            return;
        }
    }
    /* a 1 ns timeout times out as well */
    ASSERT_FAILS(futex(&word, 9, FUTEX_WAIT, 1), ETIMEDOUT);
}

UTEST(futex_ops)
{
    static uint32_t word;
    ASSERT_FAILS(futex(&word, 0, 2, 0), EINVAL);
    ASSERT_FAILS(futex(&word, 0, -1, 0), EINVAL);
    ASSERT_FAILS(futex(&word, 0, 1000, 0), EINVAL);
    UTEST_ASSERT_EQ(futex(&word, 1, FUTEX_WAKE, 0), 0);       /* nobody waits */
    UTEST_ASSERT_EQ(futex(&word, INT_MAX, FUTEX_WAKE, 0), 0);
    UTEST_ASSERT_EQ(futex(&word, 0, FUTEX_WAKE, 0), 0);
}

/* ---------------------------------------------------------------- bigger users */

UTEST(malloc_one_mib)
{
    size_t len = 1 << 20;
    unsigned char *p = malloc(len);
    UTEST_ASSERT(p != NULL);
    UTEST_ASSERT_EQ((uintptr_t)p % 16, 0);
    for (size_t i = 0; i < len; i++)
        p[i] = (unsigned char)(i ^ (i >> 8) ^ (i >> 16));
    for (size_t i = 0; i < len; i++) {
        if (p[i] != (unsigned char)(i ^ (i >> 8) ^ (i >> 16))) {
            UTEST_FAIL("byte %zu changed", i);
            return;
        }
    }
    free(p);
    unsigned char *z = calloc(len, 1);
    UTEST_ASSERT(z != NULL);
    UTEST_ASSERT_EQ(first_not(z, len, 0), len);
    free(z);
}

UTEST(map_unmap_cycles)
{
    size_t len = 16 * PAGE;
    for (int i = 0; i < 200; i++) {
        unsigned char *p = mmap(zero_fd, NULL, len, RW);
        if (p == NULL) {
            UTEST_FAIL("cycle %d: mmap failed, errno %d", i, errno);
            return;
        }
        size_t bad = first_not(p, len, 0);
        if (bad != len) {
            UTEST_FAIL("cycle %d: byte %zu is 0x%x", i, bad, p[bad]);
            return;
        }
        memset(p, 0xee, len);
        if (munmap(p, len) != 0) {
            UTEST_FAIL("cycle %d: munmap failed, errno %d", i, errno);
            return;
        }
        if (mapped(p) != 0 || mapped(p + len - PAGE) != 0) {
            UTEST_FAIL("cycle %d: still mapped after munmap", i);
            return;
        }
    }
}

int main(void)
{
    UTEST_BEGIN("mem");
    zero_fd = open("sys:/zero");
    if (zero_fd == ERR) {
        printf("not ok mem/open_zero: errno %d\n", errno);
        return 1;
    }
    UTEST_RUN(zero_pages_read_zero);
    UTEST_RUN(writes_persist);
    UTEST_RUN(reused_pages_are_zeroed);
    UTEST_RUN(hint_exact_and_occupied);
    UTEST_RUN(length_rounding);
    UTEST_RUN(mmap_bad_arguments);
    UTEST_RUN(mmap_kernel_ranges);
    UTEST_RUN(mmap_not_mappable);
    UTEST_RUN(munmap_semantics);
    UTEST_RUN(munmap_partial);
    UTEST_RUN(readonly_memory_refuses_kernel_writes);
    UTEST_RUN(mprotect_readonly_then_back);
    UTEST_RUN(mprotect_errors);
    UTEST_RUN(futex_bad_addresses);
    UTEST_RUN(futex_value_differs);
    UTEST_RUN(futex_timeout);
    UTEST_RUN(futex_ops);
    UTEST_RUN(malloc_one_mib);
    UTEST_RUN(map_unmap_cycles);
    close(zero_fd);
    return UTEST_END();
}
