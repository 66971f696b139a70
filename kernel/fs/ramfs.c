/*
 * ramfs.c - the in-memory filesystem (fs/ramfs.h): chunked file data, the vnode and
 * file hooks the VFS calls, and the ustar loader for the RAM disk.
 *
 * Invariants, under the vnode's lock: chunks exist only below ceil(size / RAMFS_CHUNK),
 * and every byte of a chunk past the size is zero, so growing a file (by a write past
 * the end or by truncate) never needs to clear old memory. The tar loader makes two
 * passes: the first checks the whole archive, the second builds the tree.
 */
#include "fs/ramfs.h"
#include <abi/errno.h>
#include "lib/string.h"
#include "log/log.h"
#include "mm/kmalloc.h"
#include "mm/layout.h"
#include "mm/pmm.h"
#include "time/clock.h"

/* A file's data (vnode priv), under the vnode's lock. */
typedef struct ramfs_data {
    uint8_t **chunks; /* slots; NULL slots are holes */
    size_t slots;     /* entries in chunks */
} ramfs_data_t;

static volatile size_t ramfs_bytes; /* atomic: chunk bytes held by every ramfs */

static const vnode_ops_t ramfs_vops;
static const file_ops_t ramfs_fops;

size_t ramfs_data_bytes(void)
{
    return __atomic_load_n(&ramfs_bytes, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------- chunks */

static uint8_t *chunk_alloc(void)
{
    paddr_t frame = pmm_alloc_zeroed();
    if (!frame)
        return NULL;
    __atomic_add_fetch(&ramfs_bytes, RAMFS_CHUNK, __ATOMIC_RELAXED);
    return PHYS_TO_VIRT(frame);
}

static void chunk_free(uint8_t *chunk)
{
    if (chunk) {
        pmm_free(VIRT_TO_PHYS(chunk));
        __atomic_sub_fetch(&ramfs_bytes, RAMFS_CHUNK, __ATOMIC_RELAXED);
    }
}

static size_t chunks_for(uint64_t size)
{
    return (size_t)((size + RAMFS_CHUNK - 1) / RAMFS_CHUNK);
}

/* Makes room for @need slots, doubling so a growing file resizes O(log n) times. */
static int slots_reserve(ramfs_data_t *d, size_t need)
{
    if (need <= d->slots)
        return 0;
    size_t cap = d->slots * 2 > need ? d->slots * 2 : need;
    uint8_t **c = krealloc(d->chunks, cap * sizeof(*c));
    if (!c)
        return -ENOMEM;
    memset(c + d->slots, 0, (cap - d->slots) * sizeof(*c));
    d->chunks = c;
    d->slots = cap;
    return 0;
}

/* Gives back slots beyond @need once three quarters of them are unused. */
static void slots_shrink(ramfs_data_t *d, size_t need)
{
    if (need == 0) {
        kfree(d->chunks);
        d->chunks = NULL;
        d->slots = 0;
    } else if (need < d->slots / 4) {
        uint8_t **c = krealloc(d->chunks, need * sizeof(*c));
        if (c) { /* keeping the larger array is harmless */
            d->chunks = c;
            d->slots = need;
        }
    }
}

static void copy_out(const ramfs_data_t *d, uint64_t off, uint8_t *dst, size_t n)
{
    while (n) {
        size_t i = (size_t)(off / RAMFS_CHUNK), in = (size_t)(off % RAMFS_CHUNK);
        size_t k = n < RAMFS_CHUNK - in ? n : RAMFS_CHUNK - in;
        if (i < d->slots && d->chunks[i])
            memcpy(dst, d->chunks[i] + in, k);
        else
            memset(dst, 0, k);
        dst += k;
        off += k;
        n -= k;
    }
}

/* Writes up to @n bytes at @off; stops early only when a chunk cannot be had. */
static size_t copy_in(ramfs_data_t *d, uint64_t off, const uint8_t *src, size_t n)
{
    size_t done = 0;
    while (done < n) {
        size_t i = (size_t)(off / RAMFS_CHUNK), in = (size_t)(off % RAMFS_CHUNK);
        size_t k = n - done < RAMFS_CHUNK - in ? n - done : RAMFS_CHUNK - in;
        if (!d->chunks[i] && !(d->chunks[i] = chunk_alloc()))
            break;
        memcpy(d->chunks[i] + in, src + done, k);
        done += k;
        off += k;
    }
    return done;
}

/* ---------------------------------------------------------------- node data (v->lock held) */

static int64_t write_locked(vnode_t *v, uint64_t off, const void *src, size_t n)
{
    ramfs_data_t *d = v->priv;
    if (n == 0)
        return 0;
    if (off >= RAMFS_MAX_FILE || n > RAMFS_MAX_FILE - off)
        return -EFBIG;
    if (slots_reserve(d, chunks_for(off + n)))
        return -ENOMEM;
    size_t done = copy_in(d, off, src, n);
    if (done == 0)
        return -ENOMEM;
    if (off + done > v->size)
        v->size = off + done;
    v->modified_ns = clock_epoch_ns();
    return (int64_t)done;
}

static void truncate_locked(vnode_t *v, uint64_t size)
{
    ramfs_data_t *d = v->priv;
    if (size < v->size) {
        size_t keep = chunks_for(size);
        for (size_t i = keep; i < d->slots; i++) {
            chunk_free(d->chunks[i]);
            d->chunks[i] = NULL;
        }
        if (size % RAMFS_CHUNK && keep <= d->slots && d->chunks[keep - 1]) /* zero past the end */
            memset(d->chunks[keep - 1] + size % RAMFS_CHUNK, 0, RAMFS_CHUNK - size % RAMFS_CHUNK);
        slots_shrink(d, keep);
    }
    v->size = size;
    v->modified_ns = clock_epoch_ns();
}

/* ---------------------------------------------------------------- hooks */

static int ramfs_truncate(vnode_t *v, uint64_t size)
{
    if (size > RAMFS_MAX_FILE)
        return -EFBIG;
    mutex_lock(&v->lock);
    truncate_locked(v, size);
    mutex_unlock(&v->lock);
    return 0;
}

static void ramfs_destroy(vnode_t *v)
{
    ramfs_data_t *d = v->priv;
    if (!d)
        return;
    for (size_t i = 0; i < d->slots; i++)
        chunk_free(d->chunks[i]);
    kfree(d->chunks);
    kfree(d);
}

static vnode_t *ramfs_node_create(uint32_t type)
{
    ramfs_data_t *d = NULL;
    if (type == STAT_FILE && !(d = kzalloc(sizeof(*d))))
        return NULL;
    vnode_t *v = vfs_vnode_create(type, &ramfs_vops, &ramfs_fops, d);
    if (!v)
        kfree(d);
    return v;
}

static vnode_t *ramfs_create_hook(vnode_t *dir, uint32_t type)
{
    (void)dir;
    return ramfs_node_create(type);
}

static int64_t ramfs_read(file_t *f, void *kbuf, size_t n, uint64_t *offset)
{
    vnode_t *v = f->node;
    size_t got = 0;
    mutex_lock(&v->lock);
    if (*offset < v->size) {
        got = v->size - *offset < n ? (size_t)(v->size - *offset) : n;
        copy_out(v->priv, *offset, kbuf, got);
    }
    mutex_unlock(&v->lock);
    *offset += got;
    return (int64_t)got;
}

static int64_t ramfs_write(file_t *f, const void *kbuf, size_t n, uint64_t *offset)
{
    vnode_t *v = f->node;
    mutex_lock(&v->lock);
    if (f->flags & PATH_FLAG_APPEND)
        *offset = v->size; /* under the lock, so concurrent appends never overlap */
    int64_t r = write_locked(v, *offset, kbuf, n);
    mutex_unlock(&v->lock);
    if (r > 0)
        *offset += (uint64_t)r;
    return r;
}

static const vnode_ops_t ramfs_vops = {
    .create = ramfs_create_hook,
    .truncate = ramfs_truncate,
    .destroy = ramfs_destroy,
};

static const file_ops_t ramfs_fops = {
    .read = ramfs_read,
    .write = ramfs_write,
};

vnode_t *ramfs_create(void)
{
    return ramfs_node_create(STAT_DIR);
}

/* ---------------------------------------------------------------- ustar */

#define TAR_BLOCK 512
#define TAR_NAME_MAX (155 + 1 + 100)

typedef struct tar_header {
    char name[100], mode[8], uid[8], gid[8], size[12], mtime[12], chksum[8];
    char typeflag, linkname[100], magic[6], version[2], uname[32], gname[32];
    char devmajor[8], devminor[8], prefix[155], pad[12];
} tar_header_t;

_Static_assert(sizeof(tar_header_t) == TAR_BLOCK, "ustar header is one block");

/* One archive member as the loader sees it. */
typedef struct tar_item {
    char name[TAR_NAME_MAX + 1]; /* normalized: no "./" or '/' at either end; "" = root */
    char type;                   /* '0' file, '5' directory, anything else is skipped */
    const uint8_t *data;
    uint64_t size, mtime;
} tar_item_t;

typedef struct tar_iter {
    const uint8_t *base;
    size_t size, off;
} tar_iter_t;

/* An octal field: optional leading spaces, digits, then NUL/space or the field's end. */
static int tar_octal(const char *s, size_t n, uint64_t *out)
{
    size_t i = 0;
    uint64_t v = 0;
    while (i < n && s[i] == ' ')
        i++;
    size_t start = i;
    for (; i < n && s[i] >= '0' && s[i] <= '7'; i++) {
        if (v >> 60)
            return -EINVAL;
        v = v * 8 + (uint64_t)(s[i] - '0');
    }
    if (i == start || (i < n && s[i] != '\0' && s[i] != ' '))
        return -EINVAL;
    *out = v;
    return 0;
}

static bool tar_checksum_ok(const tar_header_t *h)
{
    const uint8_t *b = (const uint8_t *)h;
    uint64_t want, sum = 0;
    int64_t ssum = 0; /* some old writers summed signed chars */
    if (tar_octal(h->chksum, sizeof(h->chksum), &want))
        return false;
    for (size_t i = 0; i < TAR_BLOCK; i++) {
        bool in_field = i >= offsetof(tar_header_t, chksum) && i < offsetof(tar_header_t, typeflag);
        sum += in_field ? ' ' : b[i];
        ssum += in_field ? ' ' : (int8_t)b[i];
    }
    return sum == want || (uint64_t)ssum == want;
}

static bool tar_block_is_zero(const uint8_t *b)
{
    for (size_t i = 0; i < TAR_BLOCK; i++)
        if (b[i])
            return false;
    return true;
}

/* Joins prefix and name, drops "./" and '/' at the start and one '/' at the end. */
static void tar_join_name(const tar_header_t *h, char *out)
{
    size_t n = 0, plen = strnlen(h->prefix, sizeof(h->prefix));
    size_t len = strnlen(h->name, sizeof(h->name));
    memcpy(out, h->prefix, plen);
    n = plen;
    if (plen)
        out[n++] = '/';
    memcpy(out + n, h->name, len);
    n += len;
    out[n] = '\0';
    char *s = out;
    while ((s[0] == '.' && s[1] == '/') || s[0] == '/')
        s += s[0] == '/' ? 1 : 2;
    n = strlen(s);
    if (n && s[n - 1] == '/')
        s[--n] = '\0';
    if (n == 1 && s[0] == '.')
        n = 0;
    memmove(out, s, n);
    out[n] = '\0';
}

/* Every component of a normalized name is valid (the empty name is the root). */
static bool tar_name_ok(const char *name)
{
    size_t start = 0, len = strlen(name);
    for (size_t i = 0; len && i <= len; i++) {
        if (i < len && name[i] != '/')
            continue;
        if (!path_name_is_valid(name + start, i - start))
            return false;
        start = i + 1;
    }
    return true;
}

/* The next member: 1 and *item, 0 at the end, -EINVAL for a damaged archive. */
static int tar_next(tar_iter_t *it, tar_item_t *item)
{
    if (it->off == it->size)
        return 0;
    if (it->size - it->off < TAR_BLOCK)
        return -EINVAL;
    const tar_header_t *h = (const tar_header_t *)(it->base + it->off);
    if (tar_block_is_zero((const uint8_t *)h))
        return 0;
    if (memcmp(h->magic, "ustar", 5) || !tar_checksum_ok(h) || tar_octal(h->size, sizeof(h->size), &item->size) ||
        tar_octal(h->mtime, sizeof(h->mtime), &item->mtime))
        return -EINVAL;
    size_t avail = it->size - it->off - TAR_BLOCK;
    if (item->size > avail || item->size > RAMFS_MAX_FILE)
        return -EINVAL;
    item->type = h->typeflag == '\0' ? '0' : h->typeflag;
    item->data = it->base + it->off + TAR_BLOCK;
    tar_join_name(h, item->name);
    if ((item->type == '0' || item->type == '5') && !tar_name_ok(item->name))
        return -EINVAL;
    if (item->type == '0' && !item->name[0])
        return -EINVAL;
    size_t padded = (size_t)((item->size + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK);
    it->off += TAR_BLOCK + (padded < avail ? padded : avail);
    return 1;
}

/* The directory @name in @dir, made if missing; returned with a reference. */
static int tar_subdir(vnode_t *dir, const char *name, vnode_t **out)
{
    vnode_t *next = vfs_dir_lookup(dir, name);
    int rc = 0;
    if (!next) {
        if (!(next = ramfs_node_create(STAT_DIR)))
            return -ENOMEM;
        rc = vfs_dir_link(dir, name, next);
    } else if (next->type != STAT_DIR) {
        rc = -EINVAL; /* the path runs through a file */
    }
    if (rc)
        vfs_vnode_unref(next);
    else
        *out = next;
    return rc;
}

/* The directory at @path ('/'-separated, "" = @root), made as needed, with a new
 * reference. @path is modified while walking and restored. */
static int tar_dir(vnode_t *root, char *path, vnode_t **out)
{
    vnode_t *dir = root, *next;
    vfs_vnode_ref(dir);
    for (char *c = path; *c;) {
        char *slash = strchr(c, '/');
        if (slash)
            *slash = '\0';
        int rc = tar_subdir(dir, c, &next);
        if (slash)
            *slash = '/';
        vfs_vnode_unref(dir);
        if (rc)
            return rc;
        dir = next;
        c = slash ? slash + 1 : c + strlen(c);
    }
    *out = dir;
    return 0;
}

/* The file @name in @dir, replacing an earlier one's contents; a new reference. */
static int tar_file_node(vnode_t *dir, const char *name, vnode_t **out)
{
    vnode_t *v = vfs_dir_lookup(dir, name);
    int rc = 0;
    if (v && v->type != STAT_FILE)
        rc = -EINVAL;
    else if (v)
        rc = ramfs_truncate(v, 0);
    else if (!(v = ramfs_node_create(STAT_FILE)))
        rc = -ENOMEM;
    else
        rc = vfs_dir_link(dir, name, v);
    if (rc)
        vfs_vnode_unref(v);
    else
        *out = v;
    return rc;
}

static void tar_set_times(vnode_t *v, uint64_t mtime)
{
    mutex_lock(&v->lock);
    v->created_ns = v->modified_ns = mtime * 1000000000ull;
    mutex_unlock(&v->lock);
}

static int tar_load_file(vnode_t *root, tar_item_t *item)
{
    vnode_t *dir, *v;
    char *slash = strrchr(item->name, '/');
    if (slash)
        *slash = '\0'; /* name = parent path, slash + 1 = file name */
    int rc = tar_dir(root, slash ? item->name : "", &dir);
    if (!rc) {
        rc = tar_file_node(dir, slash ? slash + 1 : item->name, &v);
        vfs_vnode_unref(dir);
    }
    if (rc)
        return rc;
    mutex_lock(&v->lock);
    int64_t w = write_locked(v, 0, item->data, (size_t)item->size);
    mutex_unlock(&v->lock);
    tar_set_times(v, item->mtime);
    vfs_vnode_unref(v);
    if (w < 0)
        return (int)w;
    return (uint64_t)w == item->size ? 0 : -ENOMEM;
}

static int tar_load_item(vnode_t *root, tar_item_t *item)
{
    vnode_t *dir;
    if (item->type == '0')
        return tar_load_file(root, item);
    if (item->type != '5')
        return 0;
    int rc = tar_dir(root, item->name, &dir);
    if (!rc) {
        tar_set_times(dir, item->mtime);
        vfs_vnode_unref(dir);
    }
    return rc;
}

int ramfs_load_tar(vnode_t *root, const void *tar, size_t size)
{
    tar_item_t *item = kmalloc(sizeof(*item));
    tar_iter_t it = {tar, size, 0};
    int rc;
    if (!item)
        return -ENOMEM;
    while ((rc = tar_next(&it, item)) > 0)
        ; /* pass 1: the whole archive must be sound before anything is added */
    if (!rc)
        it.off = 0;
    while (!rc && (rc = tar_next(&it, item)) > 0)
        rc = tar_load_item(root, item);
    kfree(item);
    if (rc < 0)
        log_warn("ramfs: archive rejected (%d) at byte %lu", rc, it.off);
    return rc < 0 ? rc : 0;
}
