/*
 * fb.c - the framebuffer device sys:/fb0 (dev/fb.h). The geometry is copied from the
 * boot information once and never changes, so the callbacks need no lock. mmap hands
 * out the physical frames page by page to syscall/sys_mem.c, which maps them as device
 * memory (neither VMM_OWNED nor VMM_SHARED: nothing is freed or counted on unmap).
 */
#include "dev/fb.h"
#include <abi/errno.h>
#include <abi/fb.h>
#include "fs/sysfs.h"
#include "lib/string.h"
#include "log/log.h"
#include "mm/pmm.h"

static boot_framebuffer_t fb; /* written once by fb_init, then immutable */

static int64_t fb_ioctl(sysfs_file_t *f, uint64_t req, void *karg, size_t size)
{
    (void)f;
    if (req != FB_IOCTL_INFO)
        return -ENOTTY;
    if (size != sizeof(fb_info_t))
        return -EINVAL;
    fb_info_t info = {
        .width = fb.width,
        .height = fb.height,
        .pitch = fb.pitch,
        .bpp = 32,
        .format = fb.format,
        .size = fb.size,
    };
    memcpy(karg, &info, sizeof(info));
    return 0;
}

static int fb_mmap(sysfs_file_t *f, uint64_t page, uint64_t pages, uint64_t *phys)
{
    (void)f;
    uint64_t fb_pages = (fb.size + PAGE_SIZE - 1) / PAGE_SIZE;
    if (fb.base & (PAGE_SIZE - 1))
        return -ENODEV;
    if (pages == 0 || pages > fb_pages || page >= pages)
        return -EINVAL;
    *phys = fb.base + page * PAGE_SIZE;
    return 0;
}

static const sysfs_ops_t fb_ops = {.ioctl = fb_ioctl, .mmap = fb_mmap};

void fb_init(const boot_info_t *bi)
{
    if (bi->fb.format == BOOT_FB_NONE || !bi->fb.base || !bi->fb.size) {
        log_info("fb: no framebuffer");
        return;
    }
    fb = bi->fb;
    if (fb.base & (PAGE_SIZE - 1))
        log_warn("fb: framebuffer base not page aligned: sys:/fb0 cannot be mapped");
    if (sysfs_add_file(sysfs_root(), "fb0", &fb_ops, NULL) != 0)
        log_error("fb: cannot create sys:/fb0");
}
