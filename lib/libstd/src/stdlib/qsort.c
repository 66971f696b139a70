/*
 * qsort.c - qsort (introsort) and bsearch. qsort partitions around a median of three,
 * recurses into the smaller side and loops on the larger (O(log n) stack), finishes
 * short runs with insertion sort, and falls back to heapsort when the recursion gets
 * deeper than 2 log2 n, so the worst case stays O(n log n). No allocation.
 */
#include <stdint.h>
#include <stdlib.h>

#define INSERTION_MAX 12

/* The array being sorted. */
typedef struct sort {
    char *base;
    size_t size;
    int (*cmp)(const void *, const void *);
} sort_t;

static char *at(const sort_t *s, size_t i)
{
    return s->base + i * s->size;
}

static int cmp_at(const sort_t *s, size_t i, size_t j)
{
    return s->cmp(at(s, i), at(s, j));
}

static void swap(const sort_t *s, size_t i, size_t j)
{
    char *a = at(s, i), *b = at(s, j);
    for (size_t k = 0; k < s->size; k++) {
        char t = a[k];
        a[k] = b[k];
        b[k] = t;
    }
}

static void insertion_sort(const sort_t *s, size_t lo, size_t hi)
{
    for (size_t i = lo + 1; i < hi; i++) {
        for (size_t j = i; j > lo && cmp_at(s, j - 1, j) > 0; j--)
            swap(s, j - 1, j);
    }
}

static void sift_down(const sort_t *s, size_t lo, size_t root, size_t n)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && cmp_at(s, lo + child, lo + child + 1) < 0)
            child++;
        if (cmp_at(s, lo + root, lo + child) >= 0)
            return;
        swap(s, lo + root, lo + child);
    }
}

static void heap_sort(const sort_t *s, size_t lo, size_t hi)
{
    size_t n = hi - lo;
    for (size_t i = n / 2; i-- > 0;)
        sift_down(s, lo, i, n);
    for (size_t end = n - 1; end > 0; end--) {
        swap(s, lo, lo + end);
        sift_down(s, lo, 0, end);
    }
}

/* Order lo, mid, hi-1 so the median sits at mid; then move it to lo as the pivot. */
static void choose_pivot(const sort_t *s, size_t lo, size_t hi)
{
    size_t mid = lo + (hi - lo) / 2, last = hi - 1;
    if (cmp_at(s, mid, lo) < 0)
        swap(s, mid, lo);
    if (cmp_at(s, last, mid) < 0) {
        swap(s, last, mid);
        if (cmp_at(s, mid, lo) < 0)
            swap(s, mid, lo);
    }
    swap(s, lo, mid);
}

/* Hoare partition around the pivot at lo; returns p with [lo, p) <= pivot <= [p, hi). */
static size_t partition(const sort_t *s, size_t lo, size_t hi)
{
    size_t i = lo, j = hi;
    for (;;) {
        do
            i++;
        while (i < hi && cmp_at(s, i, lo) < 0);
        do
            j--;
        while (cmp_at(s, j, lo) > 0);
        if (i >= j)
            break;
        swap(s, i, j);
    }
    swap(s, lo, j);
    return j;
}

static void intro_sort(const sort_t *s, size_t lo, size_t hi, unsigned depth)
{
    while (hi - lo > INSERTION_MAX) {
        if (depth-- == 0) {
            heap_sort(s, lo, hi);
            return;
        }
        choose_pivot(s, lo, hi);
        size_t p = partition(s, lo, hi);
        if (p - lo < hi - p - 1) {
            intro_sort(s, lo, p, depth);
            lo = p + 1;
        } else {
            intro_sort(s, p + 1, hi, depth);
            hi = p;
        }
    }
    insertion_sort(s, lo, hi);
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n < 2 || size == 0)
        return;
    sort_t s = { base, size, cmp };
    unsigned depth = 2 * (64 - (unsigned)__builtin_clzll(n));
    intro_sort(&s, 0, n, depth);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *))
{
    const char *lo = base;
    while (n > 0) {
        const char *mid = lo + (n / 2) * size;
        int c = cmp(key, mid);
        if (c == 0)
            return (void *)mid;
        if (c > 0) {
            lo = mid + size;
            n -= n / 2 + 1;
        } else {
            n /= 2;
        }
    }
    return NULL;
}
