/*
 * test_list.c - host tests for kernel/lib/list.h (suite "list").
 *
 * Builds lists of small items with embedded nodes and checks order, removal, the
 * self-linked state of removed nodes and iteration, through both links: every check
 * of the forward order also walks the list backward.
 */
#include <criterion/criterion.h>

#include "lib/list.h"

struct item {
    int value;
    list_node_t link;
};

/* Assert that @head holds exactly the values @want[0..n), in order both ways. */
static void expect_values(const list_t *head, const int *want, size_t n)
{
    const list_node_t *node = head->next;

    cr_assert_eq(list_length(head), n);
    for (size_t i = 0; i < n; i++, node = node->next)
        cr_assert_eq(LIST_CONTAINER(node, struct item, link)->value, want[i], "at %zu", i);
    cr_assert_eq(node, head);
    node = head->prev;
    for (size_t i = n; i-- > 0; node = node->prev)
        cr_assert_eq(LIST_CONTAINER(node, struct item, link)->value, want[i], "back %zu", i);
    cr_assert_eq(node, head);
}

static void init_items(struct item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        items[i].value = (int)i;
        list_init(&items[i].link);
    }
}

Test(list, empty_list)
{
    list_t head;

    list_init(&head);
    cr_assert(list_is_empty(&head));
    cr_assert_eq(list_length(&head), 0);
    cr_assert_null(list_first(&head));
    cr_assert_null(list_pop_front(&head));
    cr_assert(list_is_empty(&head));
}

Test(list, push_back_and_front_order)
{
    list_t head;
    struct item items[4];
    static const int want[] = { 3, 1, 0, 2 };

    list_init(&head);
    init_items(items, 4);
    list_push_back(&head, &items[0].link);
    list_push_front(&head, &items[1].link);
    list_push_back(&head, &items[2].link);
    list_push_front(&head, &items[3].link);
    cr_assert_not(list_is_empty(&head));
    cr_assert_eq(list_first(&head), &items[3].link);
    expect_values(&head, want, 4);
}

Test(list, remove_leaves_node_self_linked)
{
    list_t head;
    struct item items[3];
    static const int want[] = { 0, 2 };

    list_init(&head);
    init_items(items, 3);
    for (int i = 0; i < 3; i++)
        list_push_back(&head, &items[i].link);
    list_remove(&items[1].link);
    expect_values(&head, want, 2);
    cr_assert_eq(items[1].link.next, &items[1].link);
    cr_assert_eq(items[1].link.prev, &items[1].link);
    list_remove(&items[1].link); /* removing again changes nothing */
    expect_values(&head, want, 2);
}

Test(list, pop_front_drains_in_order)
{
    list_t head;
    struct item items[5];
    list_node_t *node;

    list_init(&head);
    init_items(items, 5);
    for (int i = 0; i < 5; i++)
        list_push_back(&head, &items[i].link);
    for (int i = 0; i < 5; i++) {
        node = list_pop_front(&head);
        cr_assert_eq(node, &items[i].link);
        cr_assert_eq(node->next, node);
        cr_assert_eq(list_length(&head), (size_t)(4 - i));
    }
    cr_assert_null(list_pop_front(&head));
    cr_assert(list_is_empty(&head));
}

Test(list, for_each_visits_all)
{
    list_t head;
    struct item items[6];
    list_node_t *node;
    int sum = 0, count = 0;

    list_init(&head);
    init_items(items, 6);
    for (int i = 0; i < 6; i++)
        list_push_back(&head, &items[i].link);
    list_for_each(node, &head) {
        cr_assert_eq(LIST_CONTAINER(node, struct item, link)->value, count);
        sum += LIST_CONTAINER(node, struct item, link)->value;
        count++;
    }
    cr_assert_eq(count, 6);
    cr_assert_eq(sum, 15);
}

Test(list, for_each_safe_allows_removal)
{
    list_t head;
    struct item items[7];
    list_node_t *node, *tmp;
    static const int want[] = { 1, 3, 5 };

    list_init(&head);
    init_items(items, 7);
    for (int i = 0; i < 7; i++)
        list_push_back(&head, &items[i].link);
    list_for_each_safe(node, tmp, &head) {
        if (LIST_CONTAINER(node, struct item, link)->value % 2 == 0)
            list_remove(node);
    }
    expect_values(&head, want, 3);
    list_for_each_safe(node, tmp, &head)
        list_remove(node);
    cr_assert(list_is_empty(&head));
}

Test(list, container_of_non_first_member)
{
    struct item it = { .value = 99 };

    cr_assert_eq(LIST_CONTAINER(&it.link, struct item, link), &it);
    cr_assert_eq(LIST_CONTAINER(&it.link, struct item, link)->value, 99);
}
