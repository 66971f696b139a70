/*
 * path.c - parsing and normalizing path names (fs/path.h).
 *
 * Two passes over the input: the first checks the syntax of everything (label,
 * components, flags) and of the current directory; the second builds the result right
 * to left, counting pending `..` so a component followed by enough `..` is never
 * copied. Building backwards needs no stack of components, so the whole job runs in the
 * output structure with no allocation. Also built into the host tests (HOST_TEST).
 */
#include "fs/path.h"
#include <abi/errno.h>
#include "lib/string.h"

static const struct {
    const char *name;
    size_t len;
    uint32_t flag;
} path_flag_names[] = {
    {"nonblock", 8, PATH_FLAG_NONBLOCK}, {"create", 6, PATH_FLAG_CREATE},
    {"exclusive", 9, PATH_FLAG_EXCLUSIVE}, {"truncate", 8, PATH_FLAG_TRUNCATE},
    {"append", 6, PATH_FLAG_APPEND},     {"directory", 9, PATH_FLAG_DIRECTORY},
};

/* The parts of a path's text before its flags. */
typedef struct path_text {
    const char *label; /* NULL when the text has none */
    size_t label_len;
    const char *rest;  /* the components, '/'-separated, no leading or trailing '/' */
    size_t rest_len;
    bool absolute;
} path_text_t;

static bool byte_is_bad(unsigned char c)
{
    return c < 0x20 || c == 0x7f || c == '/' || c == '?' || c == '&';
}

static bool is_dot(const char *s, size_t len)
{
    return len == 1 && s[0] == '.';
}

static bool is_dotdot(const char *s, size_t len)
{
    return len == 2 && s[0] == '.' && s[1] == '.';
}

bool path_label_is_valid(const char *label, size_t len)
{
    if (len == 0 || len > MAX_LABEL)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = label[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

/* One component: 0, -EINVAL (empty, bad byte) or -ENAMETOOLONG, whichever comes first. */
static int check_component(const char *s, size_t len)
{
    if (len == 0)
        return -EINVAL;
    for (size_t i = 0; i < len; i++) {
        if (i == MAX_NAME)
            return -ENAMETOOLONG;
        if (byte_is_bad((unsigned char)s[i]))
            return -EINVAL;
    }
    return 0;
}

bool path_name_is_valid(const char *name, size_t len)
{
    return check_component(name, len) == 0 && !is_dot(name, len) && !is_dotdot(name, len);
}

/* Every component of s[0..n); with @normalized, "." and ".." are refused as well. */
static int check_components(const char *s, size_t n, bool normalized)
{
    size_t start = 0;
    if (n == 0)
        return 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '/')
            continue;
        int rc = check_component(s + start, i - start);
        if (rc)
            return rc;
        if (normalized && (is_dot(s + start, i - start) || is_dotdot(s + start, i - start)))
            return -EINVAL;
        start = i + 1;
    }
    return 0;
}

/* Splits s[0..n) into label, absoluteness and component text, and checks all of it. */
static int split_text(const char *s, size_t n, bool normalized, path_text_t *t)
{
    size_t i = 0;
    t->label = NULL;
    t->label_len = 0;
    t->absolute = true;
    if (n == 0)
        return -EINVAL;
    while (i < n && s[i] != ':' && s[i] != '/')
        i++;
    if (i < n && s[i] == ':') {
        if (!path_label_is_valid(s, i) || i + 1 >= n || s[i + 1] != '/')
            return -EINVAL;
        t->label = s;
        t->label_len = i;
        t->rest = s + i + 2;
        t->rest_len = n - i - 2;
    } else if (s[0] == '/') {
        t->rest = s + 1;
        t->rest_len = n - 1;
    } else {
        t->absolute = false;
        t->rest = s;
        t->rest_len = n;
    }
    if (t->rest_len >= 2 && t->rest[t->rest_len - 1] == '/')
        t->rest_len--; /* one trailing slash after a component is allowed */
    return check_components(t->rest, t->rest_len, normalized);
}

/* The first '?' in s[0..n): where the flags start. */
static const char *find_question(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '?')
            return s + i;
    return NULL;
}

static uint32_t flag_lookup(const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof(path_flag_names) / sizeof(path_flag_names[0]); i++)
        if (path_flag_names[i].len == len && !memcmp(path_flag_names[i].name, s, len))
            return path_flag_names[i].flag;
    return 0;
}

static int parse_flags(const char *s, size_t len, uint32_t *out)
{
    uint32_t flags = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '&')
            continue;
        uint32_t f = flag_lookup(s + start, i - start);
        if (!f || (flags & f))
            return -EINVAL;
        flags |= f;
        start = i + 1;
    }
    if ((flags & PATH_FLAG_EXCLUSIVE) && !(flags & PATH_FLAG_CREATE))
        return -EINVAL;
    *out = flags;
    return 0;
}

/* The output under construction: kept components are stored right to left at the end
 * of out->buf, starting at pos; skip counts `..` not yet matched by a component. */
typedef struct path_builder {
    path_t *out;
    size_t pos;
    size_t skip;
} path_builder_t;

/* Walks the components of s[0..n) right to left, keeping those no `..` cancels. */
static int build_reverse(path_builder_t *b, const char *s, size_t n)
{
    size_t end = n;
    while (end > 0) {
        size_t start = end;
        while (start > 0 && s[start - 1] != '/')
            start--;
        size_t len = end - start;
        if (is_dotdot(s + start, len)) {
            b->skip++;
        } else if (!is_dot(s + start, len)) {
            if (b->skip) {
                b->skip--;
            } else {
                if (b->pos < len + 1)
                    return -ENAMETOOLONG;
                b->pos -= len + 1;
                memcpy(b->out->buf + b->pos, s + start, len);
                b->out->buf[b->pos + len] = '\0';
                b->out->count++;
            }
        }
        end = start ? start - 1 : 0;
    }
    return 0;
}

/* Moves the components to the start of buf, records their offsets and the label. */
static int build_finish(path_builder_t *b, const char *label, size_t label_len)
{
    path_t *p = b->out;
    size_t used = sizeof(p->buf) - b->pos;
    size_t total = label_len + 2 + (p->count ? used - 1 : 0); /* "label:/" + "a/b" */
    if (total > MAX_PATH)
        return -ENAMETOOLONG;
    memmove(p->buf, p->buf + b->pos, used);
    for (size_t i = 0, off = 0; i < p->count; i++) {
        p->comp[i] = (uint16_t)off;
        off += strlen(p->buf + off) + 1;
    }
    memcpy(p->label, label, label_len);
    p->label[label_len] = '\0';
    return 0;
}

int path_parse(const char *input, size_t len, const char *cwd, path_t *out)
{
    path_text_t in, wd;
    if (len > MAX_PATH)
        return -ENAMETOOLONG;
    const char *q = find_question(input, len);
    size_t plen = q ? (size_t)(q - input) : len;
    int rc = split_text(input, plen, false, &in);
    out->flags = 0;
    if (!rc && q)
        rc = parse_flags(q + 1, len - plen - 1, &out->flags);
    if (rc)
        return rc;
    if (!in.label) {
        size_t n = cwd ? strnlen(cwd, MAX_PATH + 1) : 0;
        if (!cwd || n > MAX_PATH || split_text(cwd, n, true, &wd) || !wd.label)
            return -EINVAL;
    }
    path_builder_t b = {out, sizeof(out->buf), 0};
    out->count = 0;
    rc = build_reverse(&b, in.rest, in.rest_len);
    if (!rc && !in.absolute)
        rc = build_reverse(&b, wd.rest, wd.rest_len); /* leftover `..` stop at the root */
    if (rc)
        return rc;
    return in.label ? build_finish(&b, in.label, in.label_len) : build_finish(&b, wd.label, wd.label_len);
}

/* Appends s[0..n) to buf at *pos if it fits with a NUL after it. */
static bool put(char *buf, size_t size, size_t *pos, const char *s, size_t n)
{
    if (*pos + n >= size)
        return false;
    memcpy(buf + *pos, s, n);
    *pos += n;
    buf[*pos] = '\0';
    return true;
}

int path_format(const path_t *p, char *buf, size_t size)
{
    size_t pos = 0;
    bool ok = put(buf, size, &pos, p->label, strlen(p->label)) && put(buf, size, &pos, ":/", 2);
    for (uint32_t i = 0; ok && i < p->count; i++) {
        const char *c = p->buf + p->comp[i];
        ok = (i == 0 || put(buf, size, &pos, "/", 1)) && put(buf, size, &pos, c, strlen(c));
    }
    if (!ok) {
        if (size)
            buf[0] = '\0';
        return -ENAMETOOLONG;
    }
    return (int)pos;
}

const char *path_component(const path_t *p, size_t i)
{
    return i < p->count ? p->buf + p->comp[i] : NULL;
}

const char *path_last(const path_t *p)
{
    return p->count ? p->buf + p->comp[p->count - 1] : NULL;
}

int path_parent(path_t *p)
{
    if (!p->count)
        return -EINVAL;
    p->count--;
    return 0;
}

bool path_is_within(const path_t *inner, const path_t *outer)
{
    if (strcmp(inner->label, outer->label) || outer->count > inner->count)
        return false;
    for (uint32_t i = 0; i < outer->count; i++)
        if (strcmp(inner->buf + inner->comp[i], outer->buf + outer->comp[i]))
            return false;
    return true;
}
