/*
 * spawn.c - building a new process: read the executable whole, check it, map it, build
 * the stack (argument and environment strings, then the argv and envp arrays, rsp
 * 16-byte aligned), give it its descriptors and its first thread. Every step that can
 * fail comes before the thread starts; a failure destroys the unfinished process.
 */
#include "spawn.h"
#include <abi/errno.h>
#include "fs/vfs.h"
#include "lib/string.h"
#include "mm/bufcache.h"
#include "mm/kmalloc.h"
#include "mm/layout.h"
#include "mm/user.h"
#include "proc/elf.h"
#include "proc/procfs.h"
#include "sched/thread.h"

#define SPAWN_IMAGE_CACHED (256u << 10) /* programs up to this size reuse one buffer */
static bufcache_t image_bufs = BUFCACHE_INIT(SPAWN_IMAGE_CACHED);

static void spawn_image_put(uint8_t *buf, size_t size)
{
    if (size <= SPAWN_IMAGE_CACHED)
        bufcache_put(&image_bufs, buf);
    else
        kfree(buf);
}

void spawn_trim(void)
{
    bufcache_trim(&image_bufs);
}

/* Reads the executable at path into a buffer (give it back with spawn_image_put). */
static int spawn_read_image(const char *path, const char *cwd, uint8_t **out, size_t *size)
{
    stat_t st;
    int rc = vfs_stat(path, cwd, &st);
    if (rc)
        return rc;
    if (st.type == STAT_DIR)
        return -EISDIR;
    if (st.size > SPAWN_MAX_IMAGE)
        return -E2BIG;
    if (st.size < 64)
        return -ENOEXEC;
    file_t *f;
    if ((rc = vfs_open(path, cwd, &f)))
        return rc;
    uint8_t *buf = st.size <= SPAWN_IMAGE_CACHED ? bufcache_get(&image_bufs) : kmalloc(st.size);
    int64_t got = buf ? file_read(f, buf, st.size) : -ENOMEM;
    file_unref(f);
    if (got != (int64_t)st.size) {
        spawn_image_put(buf, st.size);
        return got < 0 ? (int)got : -ENOEXEC;
    }
    *out = buf;
    *size = st.size;
    return 0;
}

/* Copies len bytes to the new process's address at (mapped pages; each byte's page is
 * looked up, since the range may cross pages). */
static void spawn_stack_put(process_t *p, uint64_t at, const void *src, size_t len)
{
    for (size_t k = 0; k < len; k++) {
        paddr_t phys;
        vmm_query(&p->space, at + k, &phys, 0);
        *((char *)PHYS_TO_VIRT(phys) + ((at + k) & (PAGE_SIZE - 1))) = ((const char *)src)[k];
    }
}

/* Pushes n strings below *sp, storing their user addresses in ptrs[0..n-1]. */
static void spawn_stack_strings(process_t *p, const char **strv, size_t n, uint64_t *sp, uint64_t *ptrs)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(strv[i]) + 1;
        *sp -= len;
        spawn_stack_put(p, *sp, strv[i], len);
        ptrs[i] = *sp;
    }
}

/*
 * Maps the stack and copies to its top the argument strings, the environment strings,
 * then the argv array (argc pointers and a NULL) followed at once by the envp array
 * (envc pointers and a NULL), so envp == argv + argc + 1 (as in the System V ABI).
 */
static int spawn_build_stack(process_t *p, const spawn_req_t *req, uint64_t *rsp, uint64_t *argv_at)
{
    uint64_t base = SPAWN_STACK_TOP - SPAWN_STACK_PAGES * PAGE_SIZE;
    for (uint64_t i = 0; i < SPAWN_STACK_PAGES; i++) {
        paddr_t f = pmm_alloc_zeroed();
        if (!f || vmm_map(&p->space, base + i * PAGE_SIZE, f, VMM_USER | VMM_WRITE | VMM_OWNED)) {
            if (f)
                pmm_free(f);
            return -ENOMEM;
        }
    }
    uint64_t sp = SPAWN_STACK_TOP, ptrs[MAX_ARGS + 1 + MAX_ENV + 1];
    size_t nptrs = req->argc + 1 + req->envc + 1;
    spawn_stack_strings(p, req->argv, req->argc, &sp, ptrs);
    ptrs[req->argc] = 0;
    spawn_stack_strings(p, req->envp, req->envc, &sp, ptrs + req->argc + 1);
    ptrs[nptrs - 1] = 0;
    sp = (sp - nptrs * 8) & ~15ull;
    spawn_stack_put(p, sp, ptrs, nptrs * 8);
    *argv_at = sp;
    *rsp = sp - 8; /* as if called: rsp + 8 is 16-byte aligned at entry */
    return 0;
}

static int spawn_fds(process_t *child, process_t *parent, const spawn_req_t *req)
{
    static const spawn_fd_t std[3] = {{0, 0}, {1, 1}, {2, 2}};
    const spawn_fd_t *pairs = req->fds ? req->fds : std;
    size_t n = req->fds ? req->fd_count : 3;
    for (int i = 0; !parent && i < 3; i++) {
        int rc = req->std[i] ? fdtable_set(&child->fds, i, req->std[i]) : 0;
        if (rc)
            return rc;
    }
    if (!parent)
        return 0;
    for (size_t i = 0; i < n; i++) {
        file_t *f = fdtable_get(&parent->fds, pairs[i].parent);
        if (!f) {
            if (!req->fds)
                continue; /* the default set copies what exists */
            return -EBADF;
        }
        int rc = fdtable_set(&child->fds, pairs[i].child, f);
        file_unref(f);
        if (rc)
            return rc;
    }
    return 0;
}

static int spawn_cmdline(process_t *p, const spawn_req_t *req)
{
    size_t len = 0;
    for (size_t i = 0; i < req->argc; i++)
        len += strlen(req->argv[i]) + 1;
    p->cmdline = kmalloc(len);
    if (!p->cmdline)
        return -ENOMEM;
    p->cmdline_len = len;
    for (size_t i = 0, at = 0; i < req->argc; i++) {
        size_t l = strlen(req->argv[i]) + 1;
        memcpy(p->cmdline + at, req->argv[i], l);
        at += l;
    }
    return 0;
}

pid_t spawn_process(process_t *parent, const spawn_req_t *req)
{
    char cwd[MAX_PATH + 1];
    const char *pcwd = req->parent_cwd ? req->parent_cwd : "home:/";
    int rc = req->cwd ? vfs_chdir_check(req->cwd, pcwd, cwd) : 0;
    if (rc)
        return rc;
    uint8_t *image = 0;
    size_t size = 0;
    if ((rc = spawn_read_image(req->argv[0], pcwd, &image, &size)))
        return rc;
    rc = elf_check(image, size);
    process_t *p = rc ? 0 : process_create(parent, req->cwd ? cwd : pcwd);
    if (!rc && !p)
        rc = -ENOMEM;
    uint64_t entry = 0, rsp = 0, argv_at = 0;
    if (!rc)
        rc = elf_load(&p->space, image, size, &entry);
    spawn_image_put(image, size);
    if (!rc)
        rc = spawn_build_stack(p, req, &rsp, &argv_at);
    if (!rc)
        rc = spawn_fds(p, parent, req);
    if (!rc)
        rc = spawn_cmdline(p, req);
    if (!rc) {
        p->prio = req->prio;
        rc = procfs_add(p);
    }
    if (!rc)
        rc = process_start_thread(p, entry, rsp, req->argc, argv_at, 0, 0);
    if (rc) {
        if (p)
            process_abandon(p);
        return rc;
    }
    pid_t pid = p->pid;
    process_unref(p); /* the creator's reference; the parent's stays */
    return pid;
}
