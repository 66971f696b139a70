/*
 * path.h - path names: "label:/a/b?flags" text in, a normalized absolute path out.
 *
 * Pure code (no allocation, no locks, no kernel services), so the same path.c is built
 * into the kernel and into the host tests (tests/host/test_path.c). The VFS (fs/vfs.h)
 * parses every path it is given with path_parse() and walks the components; the rules
 * are those of ../shared/spec/interface.md, with the open points decided in path_parse().
 */
#ifndef FS_PATH_H
#define FS_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#ifdef HOST_TEST
#define pid_t abi_pid_t /* the host tests' C library has its own pid_t */
#endif
#include <abi/types.h>
#ifdef HOST_TEST
#undef pid_t
#endif

/** Open flags written after '?' in a path (path_t.flags). */
#define PATH_FLAG_NONBLOCK 0x01u  /**< "nonblock": reads and writes never sleep */
#define PATH_FLAG_CREATE 0x02u    /**< "create": make the file if it is missing */
#define PATH_FLAG_EXCLUSIVE 0x04u /**< "exclusive": with create, fail if it exists */
#define PATH_FLAG_TRUNCATE 0x08u  /**< "truncate": empty the file on open */
#define PATH_FLAG_APPEND 0x10u    /**< "append": every write goes to the end */
#define PATH_FLAG_DIRECTORY 0x20u /**< "directory": must be (with create: make) a directory */
#define PATH_FLAG_ALL 0x3fu

/** Most components a path of MAX_PATH bytes can have ("l:/a/b/..." uses 2 bytes each). */
#define PATH_MAX_COMPONENTS (MAX_PATH / 2)

/**
 * A parsed, normalized, absolute path. About 8 KiB: allocate it (kmalloc), do not put
 * it on a kernel stack. Not shared: whoever owns it serialises access (no lock).
 */
typedef struct path {
    char label[MAX_LABEL + 1];           /**< the label, NUL-terminated, no ':' */
    char buf[MAX_PATH + 1];              /**< the components, each NUL-terminated, in order */
    uint16_t comp[PATH_MAX_COMPONENTS];  /**< offset in buf of component i, i < count */
    uint32_t count;                      /**< number of components; 0 for the label's root */
    uint32_t flags;                      /**< PATH_FLAG_* from the "?..." part */
} path_t;

/**
 * Parses @input (@len bytes, not necessarily NUL-terminated) and resolves it against
 * @cwd into *@out.
 *
 * Syntax: `label:/a/b` is absolute; `/a/b` is absolute on @cwd's label; anything else is
 * relative to @cwd. A label is 1..MAX_LABEL characters of [a-z0-9_]; in a relative path
 * a ':' in the first component is read as the end of a label (name such a file
 * `./a:b`). Components are 1..MAX_NAME bytes without '/', '?', '&', NUL or control
 * characters (below 0x20, and 0x7f); bytes >= 0x80 are allowed. `.` is dropped and `..`
 * removes the previous component, never climbing above the label's root (lexically:
 * there are no symbolic links). Decisions beyond the interface page:
 *  - an empty component (`a//b`, `home://`) is EINVAL, not collapsed;
 *  - one trailing '/' after a component is allowed and ignored (`usr/` is `usr`);
 *  - the empty path (also `?create` alone) is EINVAL; `label:` without '/' is EINVAL.
 * Flags: after the first '?', names separated by '&' from nonblock, create, exclusive,
 * truncate, append, directory. An unknown, empty or repeated flag, or `exclusive`
 * without `create`, is EINVAL. The MAX_PATH limit applies to all of @input, flags
 * included, and to the normalized result "label:/a/b".
 *
 * @param input  the path text (kernel memory).
 * @param len    bytes of @input.
 * @param cwd    the current directory, an absolute normalized NUL-terminated path
 *               "label:/a/b" without flags; used only when @input has no label (may
 *               then be NULL if @input has one).
 * @param out    receives the result; must not overlap @input or @cwd. Undefined on error.
 * @return 0, or
 *   -ENAMETOOLONG  @len > MAX_PATH, a component longer than MAX_NAME, or a result
 *                  longer than MAX_PATH;
 *   -EINVAL        any other malformed input (see above), a NUL inside @len bytes, or a
 *                  needed @cwd that is NULL or not an absolute normalized path.
 * When the input has several faults, the first one met scanning left to right is
 * reported, except that the length of @input is checked first and that of the result last.
 * Locking: none. Does not sleep. Time: O(len + strlen(cwd)).
 */
int path_parse(const char *input, size_t len, const char *cwd, path_t *out);

/**
 * Writes @p as "label:/a/b" ("label:/" for a root) into @buf of @size bytes,
 * NUL-terminated. Flags are not written.
 * @return the length written (without the NUL), or -ENAMETOOLONG if it does not fit
 *         (then @buf holds an empty string when @size > 0).
 * Locking: none. Does not sleep. Time: O(length).
 */
int path_format(const path_t *p, char *buf, size_t size);

/**
 * Component @i of @p (NUL-terminated, inside p->buf), or NULL if @i >= p->count.
 * Locking: none. O(1).
 */
const char *path_component(const path_t *p, size_t i);

/** The last component of @p, or NULL for a root. Locking: none. O(1). */
const char *path_last(const path_t *p);

/**
 * Turns @p into its parent by dropping the last component. The dropped name stays in
 * p->buf, so a pointer from path_last() taken before the call stays valid until @p is
 * parsed into again.
 * @return 0, or -EINVAL if @p is a root (it has no parent). Locking: none. O(1).
 */
int path_parent(path_t *p);

/**
 * Whether @inner is @outer or lies below it (same label, @outer's components a prefix
 * of @inner's). Locking: none. Time: O(length of @outer).
 */
bool path_is_within(const path_t *inner, const path_t *outer);

/**
 * Whether the @len bytes at @name form a valid component: 1..MAX_NAME bytes, none of
 * them '/', '?', '&', NUL or a control character, and not "." or "..".
 * Locking: none. Time: O(len).
 */
bool path_name_is_valid(const char *name, size_t len);

/** Whether the @len bytes at @label form a valid label (1..MAX_LABEL of [a-z0-9_]). O(len). */
bool path_label_is_valid(const char *label, size_t len);

#endif
