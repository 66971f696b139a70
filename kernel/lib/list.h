/*
 * list.h - intrusive circular doubly linked lists (header only).
 *
 * A list_node_t is embedded in the object it links; the list head is a node of the
 * same type whose prev/next point at the last/first element, or at itself when the
 * list is empty. LIST_CONTAINER() gets from a node back to its object. No allocation,
 * no locking: the owner of a list serialises access to it.
 */
#ifndef LIB_LIST_H
#define LIB_LIST_H

#include <stdbool.h>
#include <stddef.h>

/** A link in an intrusive list; also used as the list head. */
typedef struct list_node {
    struct list_node *prev; /**< previous node, or the head; protected by the owner */
    struct list_node *next; /**< next node, or the head; protected by the owner */
} list_node_t;

/** A list head: a node that links the first and last elements. */
typedef list_node_t list_t;

/** The object of type @type whose member @member is the node @ptr. */
#define LIST_CONTAINER(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))

/** Iterate @node over every element of @head; the body must not remove @node. */
#define list_for_each(node, head) \
    for ((node) = (head)->next; (node) != (head); (node) = (node)->next)

/** Like list_for_each(), but the body may remove @node; @tmp holds the next node. */
#define list_for_each_safe(node, tmp, head)                                  \
    for ((node) = (head)->next, (tmp) = (node)->next; (node) != (head);      \
         (node) = (tmp), (tmp) = (node)->next)

/**
 * Make @node an empty list head or an unlinked (self-linked) node.
 * Locking: none, caller serialises. Time: O(1).
 */
static inline void list_init(list_node_t *node)
{
    node->prev = node;
    node->next = node;
}

/**
 * Whether the list @head has no elements (also: whether a node is unlinked).
 * @return true if empty. Locking: none, caller serialises. Time: O(1).
 */
static inline bool list_is_empty(const list_t *head)
{
    return head->next == head;
}

/* Link @node between the adjacent nodes @prev and @next. */
static inline void list_link_between(list_node_t *node, list_node_t *prev, list_node_t *next)
{
    node->prev = prev;
    node->next = next;
    prev->next = node;
    next->prev = node;
}

/**
 * Append the unlinked @node at the end of @head.
 * Locking: none, caller serialises. Time: O(1).
 */
static inline void list_push_back(list_t *head, list_node_t *node)
{
    list_link_between(node, head->prev, head);
}

/**
 * Insert the unlinked @node at the front of @head.
 * Locking: none, caller serialises. Time: O(1).
 */
static inline void list_push_front(list_t *head, list_node_t *node)
{
    list_link_between(node, head, head->next);
}

/**
 * Unlink @node from whatever list holds it and leave it self-linked, so removing it
 * again is harmless. Locking: none, caller serialises. Time: O(1).
 */
static inline void list_remove(list_node_t *node)
{
    node->prev->next = node->next;
    node->next->prev = node->prev;
    list_init(node);
}

/**
 * The first element of @head without removing it.
 * @return the node, or NULL if the list is empty. Locking: none, caller serialises.
 * Time: O(1).
 */
static inline list_node_t *list_first(const list_t *head)
{
    return list_is_empty(head) ? NULL : head->next;
}

/**
 * Remove and return the first element of @head (left self-linked).
 * @return the node, or NULL if the list is empty. Locking: none, caller serialises.
 * Time: O(1).
 */
static inline list_node_t *list_pop_front(list_t *head)
{
    list_node_t *node = list_first(head);

    if (node)
        list_remove(node);
    return node;
}

/**
 * Count the elements of @head.
 * @return the number of elements. Locking: none, caller serialises. Time: O(n).
 */
static inline size_t list_length(const list_t *head)
{
    size_t n = 0;

    for (const list_node_t *node = head->next; node != head; node = node->next)
        n++;
    return n;
}

#endif
