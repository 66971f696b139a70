/*
 * test_lib.c - the kernel library run inside the kernel (the same code the host tests
 * cover, here built with the kernel's flags: no SIMD, red zone off, -mcmodel=kernel).
 */
#include "test/ktest.h"
#include "lib/bitmap.h"
#include "lib/fmt.h"
#include "lib/list.h"
#include "lib/string.h"

KTEST(lib, string_basics)
{
    char buf[16];
    KTEST_ASSERT_EQ(strlen("patchwork"), 9);
    KTEST_ASSERT(strcmp("abc", "abd") < 0);
    KTEST_ASSERT_EQ(strlcpy(buf, "a long string here", sizeof(buf)), 18);
    KTEST_ASSERT_STR_EQ(buf, "a long string h");
    memset(buf, 'x', 8);
    memmove(buf + 1, buf, 7);
    KTEST_ASSERT_EQ(memcmp(buf, "xxxxxxxx", 8), 0);
}

KTEST(lib, string_to_u64)
{
    uint64_t v;
    const char *end;
    KTEST_ASSERT_EQ(string_to_u64("0x1f", 0, &v, &end), 0);
    KTEST_ASSERT_EQ(v, 31);
    KTEST_ASSERT(string_to_u64("18446744073709551616", 10, &v, &end) < 0);
    KTEST_ASSERT(string_to_u64("zz", 10, &v, &end) < 0);
}

KTEST(lib, fmt_integers)
{
    char buf[64];
    fmt_snprintf(buf, sizeof(buf), "%d|%5u|%-4x|%08lx|%s|%c", -42, 7u, 0xabu, 0xdeadbeeful, "ok", 'z');
    KTEST_ASSERT_STR_EQ(buf, "-42|    7|ab  |deadbeef|ok|z");
    KTEST_ASSERT_EQ(fmt_snprintf(buf, 4, "%s", "truncated"), 9);
    KTEST_ASSERT_STR_EQ(buf, "tru");
    fmt_snprintf(buf, sizeof(buf), "%ld %lu", (long)INT64_MIN, UINT64_MAX);
    KTEST_ASSERT_STR_EQ(buf, "-9223372036854775808 18446744073709551615");
}

typedef struct item {
    int value;
    list_node_t node;
} item_t;

KTEST(lib, list_order)
{
    list_t head;
    item_t items[4];
    list_init(&head);
    for (int i = 0; i < 4; i++) {
        items[i].value = i;
        list_push_back(&head, &items[i].node);
    }
    list_remove(&items[1].node);
    KTEST_ASSERT_EQ(list_length(&head), 3);
    int expect[] = {0, 2, 3};
    for (int i = 0; i < 3; i++)
        KTEST_ASSERT_EQ(LIST_CONTAINER(list_pop_front(&head), item_t, node)->value, expect[i]);
    KTEST_ASSERT(list_is_empty(&head));
}

KTEST(lib, bitmap_runs)
{
    uint64_t bits[4] = {0};
    bitmap_set_range(bits, 0, 70);
    KTEST_ASSERT_EQ(bitmap_find_first_clear(bits, 256), 70);
    KTEST_ASSERT_EQ(bitmap_find_clear_run(bits, 256, 64, 64), 128);
    bitmap_clear(bits, 5);
    KTEST_ASSERT(!bitmap_test(bits, 5));
    KTEST_ASSERT_EQ(bitmap_find_first_clear(bits, 256), 5);
}
