/*
 * vfs.c - the virtual filesystem (fs/vfs.h): mount table, vnode lifetime, directories
 * and the path operations.
 *
 * A directory is a sorted array of pointers to entries {node, name}, so a lookup is a
 * binary search and a listing walks the array by index. Every entry holds a reference
 * on its node; open files hold one too, so a removed file lives on until its last
 * close. One namespace rwlock covers all directories and the mount table: lookups share
 * it, every change of a name takes it exclusively, which makes rename's checks (loops,
 * emptiness) trivially consistent. Each operation validates everything and allocates
 * what it needs before it changes anything, so an error leaves no trace.
 */
#include "fs/vfs.h"
#include <abi/errno.h>
#include "arch/x86_64/cpu.h"
#include "lib/string.h"
#include "mm/bufcache.h"
#include "mm/kmalloc.h"
#include "time/clock.h"

/* One name in a directory. */
typedef struct vfs_entry {
    vnode_t *node; /* a reference */
    char name[];   /* NUL-terminated */
} vfs_entry_t;

/* One mounted label. */
typedef struct vfs_mount {
    char label[MAX_LABEL + 1]; /* empty: a free slot */
    vnode_t *root;             /* a reference */
} vfs_mount_t;

static rwlock_t ns_lock;                     /* the namespace lock */
static vfs_mount_t mounts[VFS_MAX_MOUNTS];   /* ns_lock */
static volatile int vfs_state;               /* 0 new, 1 initialising, 2 ready (atomic) */
static const file_ops_t vfs_dir_fops;

void vfs_init(void)
{
    int expect = 0;
    if (__atomic_load_n(&vfs_state, __ATOMIC_ACQUIRE) == 2)
        return;
    if (__atomic_compare_exchange_n(&vfs_state, &expect, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        rwlock_init(&ns_lock);
        __atomic_store_n(&vfs_state, 2, __ATOMIC_RELEASE);
    }
    while (__atomic_load_n(&vfs_state, __ATOMIC_ACQUIRE) != 2)
        cpu_pause();
}

/* ---------------------------------------------------------------- vnodes */

vnode_t *vfs_vnode_create(uint32_t type, const vnode_ops_t *ops, const file_ops_t *fops, void *priv)
{
    vnode_t *n = kzalloc(sizeof(*n));
    if (!n)
        return NULL;
    n->type = type;
    n->refs = 1;
    mutex_init(&n->lock);
    n->created_ns = n->modified_ns = clock_epoch_ns();
    n->ops = ops;
    n->fops = type == STAT_DIR ? &vfs_dir_fops : fops;
    n->priv = priv;
    return n;
}

void vfs_vnode_ref(vnode_t *node)
{
    __atomic_add_fetch(&node->refs, 1, __ATOMIC_RELAXED);
}

static bool vnode_drop(vnode_t *n)
{
    return __atomic_sub_fetch(&n->refs, 1, __ATOMIC_ACQ_REL) == 0;
}

void vfs_vnode_unref(vnode_t *node)
{
    vnode_t *dead = NULL;
    if (node && vnode_drop(node)) {
        node->free_next = NULL;
        dead = node;
    }
    while (dead) { /* a list, not recursion: a directory tree may be thousands deep */
        vnode_t *n = dead;
        dead = n->free_next;
        for (uint32_t i = 0; i < n->nentries; i++) {
            vnode_t *child = n->entries[i]->node;
            kfree(n->entries[i]);
            if (vnode_drop(child)) {
                child->free_next = dead;
                dead = child;
            }
        }
        kfree(n->entries);
        if (n->ops && n->ops->destroy)
            n->ops->destroy(n);
        kfree(n);
    }
}

uint64_t vfs_vnode_size(vnode_t *node)
{
    uint64_t size;
    vfs_init();
    if (node->type == STAT_DIR) {
        rwlock_read_lock(&ns_lock);
        size = node->nentries;
        rwlock_read_unlock(&ns_lock);
    } else {
        mutex_lock(&node->lock);
        size = node->size;
        mutex_unlock(&node->lock);
    }
    return size;
}

static void vnode_touch(vnode_t *n)
{
    mutex_lock(&n->lock);
    n->modified_ns = clock_epoch_ns();
    mutex_unlock(&n->lock);
}

/* ---------------------------------------------------------------- directories (ns_lock held) */

/* Binary search for @name: true if found; *at is its index or where it would go. */
static bool dir_find(const vnode_t *dir, const char *name, uint32_t *at)
{
    uint32_t lo = 0, hi = dir->nentries;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, dir->entries[mid]->name);
        if (c == 0) {
            *at = mid;
            return true;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    *at = lo;
    return false;
}

/* The node named @name in @dir, borrowed (valid while ns_lock is held), or NULL. */
static vnode_t *dir_get(const vnode_t *dir, const char *name)
{
    uint32_t at;
    return dir->type == STAT_DIR && dir_find(dir, name, &at) ? dir->entries[at]->node : NULL;
}

static int dir_reserve(vnode_t *dir)
{
    if (dir->nentries < dir->capacity)
        return 0;
    uint32_t cap = dir->capacity ? dir->capacity * 2 : 8;
    vfs_entry_t **e = krealloc(dir->entries, cap * sizeof(*e));
    if (!e)
        return -ENOMEM;
    dir->entries = e;
    dir->capacity = cap;
    return 0;
}

/* Adds @name -> @node (a new reference and link); -EEXIST or -ENOMEM change nothing. */
static int dir_insert(vnode_t *dir, const char *name, vnode_t *node)
{
    uint32_t at;
    if (dir_find(dir, name, &at))
        return -EEXIST;
    size_t len = strlen(name);
    vfs_entry_t *e = kmalloc(sizeof(*e) + len + 1);
    if (!e || dir_reserve(dir)) {
        kfree(e);
        return -ENOMEM;
    }
    memcpy(e->name, name, len + 1);
    e->node = node;
    vfs_vnode_ref(node);
    node->links++;
    memmove(&dir->entries[at + 1], &dir->entries[at], (dir->nentries - at) * sizeof(*dir->entries));
    dir->entries[at] = e;
    dir->nentries++;
    vnode_touch(dir);
    return 0;
}

/* Removes entry @at and returns its node with the entry's reference (caller unrefs it,
 * preferably after dropping ns_lock, so teardown runs outside the lock). */
static vnode_t *dir_take(vnode_t *dir, uint32_t at)
{
    vfs_entry_t *e = dir->entries[at];
    vnode_t *node = e->node;
    kfree(e);
    memmove(&dir->entries[at], &dir->entries[at + 1], (dir->nentries - at - 1) * sizeof(*dir->entries));
    node->links--;
    if (--dir->nentries == 0) { /* an empty directory holds no memory */
        kfree(dir->entries);
        dir->entries = NULL;
        dir->capacity = 0;
    }
    vnode_touch(dir);
    return node;
}

/* Points entry @at at @node; returns the node it named before, with its reference. */
static vnode_t *dir_replace(vnode_t *dir, uint32_t at, vnode_t *node)
{
    vnode_t *old = dir->entries[at]->node;
    vfs_vnode_ref(node);
    node->links++;
    old->links--;
    dir->entries[at]->node = node;
    vnode_touch(dir);
    return old;
}

static int64_t dir_getdirent(file_t *f, dirent_t *kbuf, size_t n, uint64_t *offset)
{
    vnode_t *d = f->node;
    size_t i = 0;
    rwlock_read_lock(&ns_lock);
    for (; i < n && *offset < d->nentries; i++, (*offset)++) {
        const vfs_entry_t *e = d->entries[*offset];
        memset(&kbuf[i], 0, sizeof(kbuf[i])); /* no stale kernel bytes after the name */
        kbuf[i].type = e->node->type;
        strlcpy(kbuf[i].name, e->name, sizeof(kbuf[i].name));
    }
    rwlock_read_unlock(&ns_lock);
    return (int64_t)i;
}

static const file_ops_t vfs_dir_fops = {.getdirent = dir_getdirent};

int vfs_dir_link(vnode_t *dir, const char *name, vnode_t *node)
{
    if (!path_name_is_valid(name, strnlen(name, MAX_NAME + 1)))
        return -EINVAL;
    vfs_init();
    rwlock_write_lock(&ns_lock);
    int rc = dir->type == STAT_DIR ? dir_insert(dir, name, node) : -ENOTDIR;
    rwlock_write_unlock(&ns_lock);
    return rc;
}

vnode_t *vfs_dir_lookup(vnode_t *dir, const char *name)
{
    vfs_init();
    rwlock_read_lock(&ns_lock);
    vnode_t *n = dir_get(dir, name);
    if (n)
        vfs_vnode_ref(n);
    rwlock_read_unlock(&ns_lock);
    return n;
}

int vfs_dir_unlink(vnode_t *dir, const char *name)
{
    uint32_t at;
    vnode_t *victim = NULL;
    vfs_init();
    rwlock_write_lock(&ns_lock);
    int rc = dir->type != STAT_DIR ? -ENOTDIR : !dir_find(dir, name, &at) ? -ENOENT : 0;
    if (!rc)
        victim = dir_take(dir, at);
    rwlock_write_unlock(&ns_lock);
    vfs_vnode_unref(victim);
    return rc;
}

/* ---------------------------------------------------------------- mounts */

/* The root mounted at @label (borrowed), or NULL. ns_lock held. */
static vnode_t *mount_root(const char *label)
{
    for (int i = 0; i < VFS_MAX_MOUNTS; i++)
        if (mounts[i].root && !strcmp(mounts[i].label, label))
            return mounts[i].root;
    return NULL;
}

static vfs_mount_t *mount_free_slot(void)
{
    for (int i = 0; i < VFS_MAX_MOUNTS; i++)
        if (!mounts[i].root)
            return &mounts[i];
    return NULL;
}

int vfs_mount(const char *label, vnode_t *root)
{
    size_t len = strnlen(label, MAX_LABEL + 1);
    if (!path_label_is_valid(label, len) || !root || root->type != STAT_DIR)
        return -EINVAL;
    vfs_init();
    rwlock_write_lock(&ns_lock);
    vfs_mount_t *m = mount_root(label) ? NULL : mount_free_slot();
    int rc = mount_root(label) ? -EEXIST : !m ? -ENOSPC : 0;
    if (!rc) {
        memcpy(m->label, label, len + 1);
        m->root = root;
        vfs_vnode_ref(root);
        root->links++;
    }
    rwlock_write_unlock(&ns_lock);
    return rc;
}

int vfs_unmount(const char *label)
{
    vnode_t *root = NULL;
    vfs_init();
    rwlock_write_lock(&ns_lock);
    for (int i = 0; i < VFS_MAX_MOUNTS && !root; i++) {
        if (mounts[i].root && !strcmp(mounts[i].label, label)) {
            root = mounts[i].root;
            root->links--;
            mounts[i].root = NULL;
            mounts[i].label[0] = '\0';
        }
    }
    rwlock_write_unlock(&ns_lock);
    vfs_vnode_unref(root);
    return root ? 0 : -ENOENT;
}

bool vfs_is_mounted(const char *label)
{
    vfs_init();
    rwlock_read_lock(&ns_lock);
    bool found = mount_root(label) != NULL;
    rwlock_read_unlock(&ns_lock);
    return found;
}

/* ---------------------------------------------------------------- lookup */

/* A path_t is about 8 KiB, past the slab sizes: buffers are reused (mm/bufcache.h). */
static bufcache_t path_bufs = BUFCACHE_INIT(sizeof(path_t));

static path_t *path_buf_get(void)
{
    return bufcache_get(&path_bufs);
}

static void path_buf_put(path_t *p)
{
    bufcache_put(&path_bufs, p);
}

void vfs_trim(void)
{
    bufcache_trim(&path_bufs);
}

/* Allocates and fills a path_t; flags are allowed only when @flags_ok. */
static int parse(const char *path, const char *cwd, bool flags_ok, path_t **out)
{
    size_t len = strnlen(path, MAX_PATH + 1);
    if (len > MAX_PATH)
        return -ENAMETOOLONG;
    path_t *p = path_buf_get();
    if (!p)
        return -ENOMEM;
    int rc = path_parse(path, len, cwd, p);
    if (!rc && !flags_ok && p->flags)
        rc = -EINVAL;
    if (rc) {
        path_buf_put(p);
        return rc;
    }
    vfs_init();
    *out = p;
    return 0;
}

/* The node reached by @p's first @depth components, borrowed. ns_lock held. */
static int walk(const path_t *p, uint32_t depth, vnode_t **out)
{
    vnode_t *n = mount_root(p->label);
    if (!n)
        return -ENOENT;
    for (uint32_t i = 0; i < depth; i++) {
        if (n->type != STAT_DIR)
            return -ENOTDIR;
        n = dir_get(n, path_component(p, i));
        if (!n)
            return -ENOENT;
    }
    *out = n;
    return 0;
}

/* The directory holding @p's last component. ns_lock held; @p is not a root. */
static int walk_parent(const path_t *p, vnode_t **dir)
{
    int rc = walk(p, p->count - 1, dir);
    if (!rc && (*dir)->type != STAT_DIR)
        rc = -ENOTDIR;
    return rc;
}

/* Makes a node of @type named @name in @dir; *out is borrowed (the entry holds it). */
static int create_in(vnode_t *dir, const char *name, uint32_t type, vnode_t **out)
{
    if (!dir->ops || !dir->ops->create)
        return -EPERM;
    vnode_t *node = dir->ops->create(dir, type);
    if (!node)
        return -ENOMEM;
    int rc = dir_insert(dir, name, node);
    vfs_vnode_unref(node); /* the entry's reference keeps it, or it goes away now */
    if (!rc)
        *out = node;
    return rc;
}

/* ---------------------------------------------------------------- open */

static int open_lookup_create(const path_t *p, vnode_t **out)
{
    vnode_t *dir;
    int rc = p->count ? walk_parent(p, &dir) : walk(p, 0, out);
    if (rc || !p->count)
        return rc ? rc : (p->flags & PATH_FLAG_EXCLUSIVE) ? -EEXIST : 0;
    *out = dir_get(dir, path_last(p));
    if (*out)
        return (p->flags & PATH_FLAG_EXCLUSIVE) ? -EEXIST : 0;
    return create_in(dir, path_last(p), (p->flags & PATH_FLAG_DIRECTORY) ? STAT_DIR : STAT_FILE, out);
}

static int open_check(const vnode_t *n, uint32_t flags)
{
    if ((flags & PATH_FLAG_DIRECTORY) && n->type != STAT_DIR)
        return -ENOTDIR;
    if (n->type == STAT_DIR && (flags & (PATH_FLAG_TRUNCATE | PATH_FLAG_APPEND)))
        return -EISDIR;
    return 0;
}

/* Finds (or with `create`, makes) the node of @p; returns it with a new reference. */
static int open_lookup(const path_t *p, bool may_create, vnode_t **out)
{
    bool create = may_create && (p->flags & PATH_FLAG_CREATE);
    if (create)
        rwlock_write_lock(&ns_lock);
    else
        rwlock_read_lock(&ns_lock);
    int rc = create ? open_lookup_create(p, out) : walk(p, p->count, out);
    if (!rc)
        rc = open_check(*out, p->flags);
    if (!rc)
        vfs_vnode_ref(*out);
    if (create)
        rwlock_write_unlock(&ns_lock);
    else
        rwlock_read_unlock(&ns_lock);
    return rc;
}

/* Frees a file whose open failed: no close hook, just the node reference. */
static void open_discard(file_t *f)
{
    if (f) {
        vfs_vnode_unref(f->node);
        kfree(f);
    }
}

static void open_attach(file_t *f, vnode_t *node)
{
    f->node = node;
    f->ops = node->fops;
}

int vfs_open(const char *path, const char *cwd, file_t **out)
{
    path_t *p;
    vnode_t *node;
    int rc = parse(path, cwd, true, &p);
    if (rc)
        return rc;
    file_t *f = file_create(NULL, p->flags);
    rc = f ? open_lookup(p, true, &node) : -ENOMEM;
    path_buf_put(p);
    if (rc) {
        open_discard(f);
        return rc;
    }
    open_attach(f, node);
    if ((f->flags & PATH_FLAG_TRUNCATE) && node->type == STAT_FILE && node->ops->truncate)
        rc = node->ops->truncate(node, 0);
    if (!rc && f->ops && f->ops->open)
        rc = f->ops->open(f);
    if (rc)
        open_discard(f);
    else
        *out = f;
    return rc;
}

int vfs_open2(const char *path, const char *cwd, file_t *out[2])
{
    path_t *p;
    vnode_t *node;
    int rc = parse(path, cwd, true, &p);
    if (rc)
        return rc;
    file_t *f[2] = {file_create(NULL, p->flags), file_create(NULL, p->flags)};
    rc = f[0] && f[1] ? open_lookup(p, false, &node) : -ENOMEM;
    path_buf_put(p);
    if (!rc && (!node->fops || !node->fops->open2)) {
        vfs_vnode_unref(node);
        rc = -EINVAL;
    }
    if (!rc) {
        vfs_vnode_ref(node);
        open_attach(f[0], node);
        open_attach(f[1], node);
        rc = node->fops->open2(f);
    }
    if (rc) {
        open_discard(f[0]);
        open_discard(f[1]);
        return rc;
    }
    out[0] = f[0];
    out[1] = f[1];
    return 0;
}

/* ---------------------------------------------------------------- names */

static void stat_fill(vnode_t *n, stat_t *out)
{
    memset(out, 0, sizeof(*out));
    out->type = n->type;
    out->links = n->links;
    mutex_lock(&n->lock);
    out->size = n->type == STAT_DIR ? n->nentries : n->size;
    out->created_ns = n->created_ns;
    out->modified_ns = n->modified_ns;
    mutex_unlock(&n->lock);
}

int vfs_stat(const char *path, const char *cwd, stat_t *out)
{
    path_t *p;
    vnode_t *n;
    int rc = parse(path, cwd, false, &p);
    if (rc)
        return rc;
    rwlock_read_lock(&ns_lock);
    rc = walk(p, p->count, &n);
    if (!rc)
        stat_fill(n, out);
    rwlock_read_unlock(&ns_lock);
    path_buf_put(p);
    return rc;
}

int vfs_mkdir(const char *path, const char *cwd)
{
    path_t *p;
    vnode_t *dir, *n;
    int rc = parse(path, cwd, false, &p);
    if (rc)
        return rc;
    rwlock_write_lock(&ns_lock);
    rc = p->count ? walk_parent(p, &dir) : walk(p, 0, &n);
    if (!rc && !p->count)
        rc = -EEXIST;
    else if (!rc && dir_get(dir, path_last(p)))
        rc = -EEXIST;
    else if (!rc)
        rc = create_in(dir, path_last(p), STAT_DIR, &n);
    rwlock_write_unlock(&ns_lock);
    path_buf_put(p);
    return rc;
}

/* Checks and performs a removal; returns the removed node for unref after unlocking. */
static int remove_locked(const path_t *p, vnode_t **victim)
{
    vnode_t *dir;
    uint32_t at;
    if (!p->count) {
        vnode_t *root;
        int rc = walk(p, 0, &root);
        return rc ? rc : -EBUSY;
    }
    int rc = walk_parent(p, &dir);
    if (rc)
        return rc;
    if (!dir_find(dir, path_last(p), &at))
        return -ENOENT;
    if (!dir->ops || !dir->ops->create)
        return -EPERM;
    vnode_t *n = dir->entries[at]->node;
    if (n->type == STAT_DIR && n->nentries)
        return -ENOTEMPTY;
    *victim = dir_take(dir, at);
    return 0;
}

int vfs_remove(const char *path, const char *cwd)
{
    path_t *p;
    vnode_t *victim = NULL;
    int rc = parse(path, cwd, false, &p);
    if (rc)
        return rc;
    rwlock_write_lock(&ns_lock);
    rc = remove_locked(p, &victim);
    rwlock_write_unlock(&ns_lock);
    path_buf_put(p);
    vfs_vnode_unref(victim);
    return rc;
}

/* Parses two paths, which must share a label. */
static int parse_pair(const char *a, const char *b, const char *cwd, path_t **pa, path_t **pb)
{
    int rc = parse(a, cwd, false, pa);
    if (rc)
        return rc;
    rc = parse(b, cwd, false, pb);
    if (!rc && strcmp((*pa)->label, (*pb)->label)) {
        path_buf_put(*pb);
        rc = -EXDEV;
    }
    if (rc)
        path_buf_put(*pa);
    return rc;
}

/* What a rename of @an over @bn (maybe NULL) would break, or 0. */
static int rename_check(const path_t *a, const path_t *b, vnode_t *an, vnode_t *bn)
{
    if (an->type == STAT_DIR && path_is_within(b, a))
        return -EINVAL;
    if (bn && bn->type == STAT_DIR && an->type != STAT_DIR)
        return -EISDIR;
    if (bn && bn->type != STAT_DIR && an->type == STAT_DIR)
        return -ENOTDIR;
    if (bn && bn->type == STAT_DIR && bn->nentries)
        return -ENOTEMPTY;
    return 0;
}

/* The rename itself; *old gets a replaced node to unref after unlocking. */
static int rename_locked(const path_t *a, const path_t *b, vnode_t **old, vnode_t **moved)
{
    vnode_t *ad, *bd, *an;
    uint32_t at_a, at_b;
    int rc;
    if (!a->count || !b->count) /* a label's root can be neither moved nor replaced */
        return (rc = walk(a, a->count, &an)) ? rc : -EBUSY;
    rc = walk_parent(a, &ad);
    if (!rc && !(an = dir_get(ad, path_last(a))))
        rc = -ENOENT;
    if (!rc)
        rc = walk_parent(b, &bd);
    if (rc)
        return rc;
    if (!ad->ops || !ad->ops->create || !bd->ops || !bd->ops->create)
        return -EPERM;
    bool exists = dir_find(bd, path_last(b), &at_b);
    vnode_t *bn = exists ? bd->entries[at_b]->node : NULL;
    if (bn == an)
        return 0; /* the same name, or two links of one file */
    if ((rc = rename_check(a, b, an, bn)))
        return rc;
    if (exists)
        *old = dir_replace(bd, at_b, an);
    else if ((rc = dir_insert(bd, path_last(b), an)))
        return rc;
    dir_find(ad, path_last(a), &at_a); /* the insert may have moved it */
    *moved = dir_take(ad, at_a);
    return 0;
}

int vfs_rename(const char *from, const char *to, const char *cwd)
{
    path_t *a, *b;
    vnode_t *old = NULL, *moved = NULL;
    int rc = parse_pair(from, to, cwd, &a, &b);
    if (rc)
        return rc;
    rwlock_write_lock(&ns_lock);
    rc = rename_locked(a, b, &old, &moved);
    rwlock_write_unlock(&ns_lock);
    path_buf_put(a);
    path_buf_put(b);
    vfs_vnode_unref(old);
    vfs_vnode_unref(moved); /* the old entry's reference; the new entry holds its own */
    return rc;
}

static int link_locked(const path_t *a, const path_t *b)
{
    vnode_t *an, *bd;
    int rc = walk(a, a->count, &an);
    if (rc)
        return rc;
    if (an->type == STAT_DIR)
        return -EPERM;
    if (!b->count)
        return -EEXIST;
    if ((rc = walk_parent(b, &bd)))
        return rc;
    if (dir_get(bd, path_last(b)))
        return -EEXIST;
    if (!bd->ops || !bd->ops->create)
        return -EPERM;
    return dir_insert(bd, path_last(b), an);
}

int vfs_link(const char *from, const char *to, const char *cwd)
{
    path_t *a, *b;
    int rc = parse_pair(from, to, cwd, &a, &b);
    if (rc)
        return rc;
    rwlock_write_lock(&ns_lock);
    rc = link_locked(a, b);
    rwlock_write_unlock(&ns_lock);
    path_buf_put(a);
    path_buf_put(b);
    return rc;
}

int vfs_chdir_check(const char *path, const char *cwd, char out[MAX_PATH + 1])
{
    path_t *p;
    vnode_t *n;
    int rc = parse(path, cwd, false, &p);
    if (rc)
        return rc;
    rwlock_read_lock(&ns_lock);
    rc = walk(p, p->count, &n);
    if (!rc && n->type != STAT_DIR)
        rc = -ENOTDIR;
    rwlock_read_unlock(&ns_lock);
    if (!rc)
        path_format(p, out, MAX_PATH + 1); /* a parsed path always fits */
    path_buf_put(p);
    return rc;
}
