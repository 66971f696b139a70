/*
 * fs.c - fs_init(): the filesystems of a running kernel, in mount order. The RAM disk
 * is the ustar archive of the repository's root/ folder (tools and mk/image.mk build
 * it; the loader places it in memory and boot_info says where).
 */
#include "fs/fs.h"
#include "fs/ramfs.h"
#include "fs/sysfs.h"
#include "fs/sysfs_std.h"
#include "fs/vfs.h"
#include "log/log.h"
#include "mm/layout.h"

static volatile int fs_done; /* atomic: set by the first fs_init */

static void fs_mount_home(const boot_info_t *bi)
{
    vnode_t *home = ramfs_create();
    if (!home) {
        log_error("fs: no memory for home:");
        return;
    }
    if (!bi || !bi->ramdisk.base || !bi->ramdisk.size)
        log_error("fs: no RAM disk, home: is empty");
    else if (ramfs_load_tar(home, PHYS_TO_VIRT(bi->ramdisk.base), bi->ramdisk.size))
        log_error("fs: RAM disk unusable, home: may be incomplete");
    if (vfs_mount("home", home))
        log_error("fs: cannot mount home:");
    vfs_vnode_unref(home);
}

void fs_init(const boot_info_t *bi)
{
    if (__atomic_exchange_n(&fs_done, 1, __ATOMIC_ACQ_REL))
        return;
    vfs_init();              /* the namespace lock */
    fs_mount_home(bi);       /* home: from the RAM disk */
    sysfs_init();            /* the sys: tree */
    sysfs_std_init();        /* sys:/zero, null, klog */
    if (vfs_mount("sys", sysfs_root_vnode()))
        log_error("fs: cannot mount sys:");
    log_info("fs: home: (%lu KiB of files) and sys: mounted", ramfs_data_bytes() >> 10);
}
