/*
 * test_fb.c - suite `dev`, the framebuffer device sys:/fb0 (kernel/dev/fb.c): the
 * FB_IOCTL_INFO geometry matches what the loader handed over, wrong sizes, unknown
 * requests, read and write fail as documented, and the mmap hook gives the physical
 * frames of the framebuffer for lengths up to its size and -EINVAL beyond. Without a
 * framebuffer the file must not exist. The mapping itself is tested from user space
 * (tests/user/fb.c).
 */
#include <abi/errno.h>
#include <abi/fb.h>
#include "fs/file.h"
#include "fs/vfs.h"
#include "mm/pmm.h"
#include "test/ktest.h"

extern const boot_info_t *kmain_boot_info;

static bool have_fb(void)
{
    const boot_framebuffer_t *fb = &kmain_boot_info->fb;
    return fb->format != BOOT_FB_NONE && fb->base && fb->size;
}

KTEST(dev, fb_info_matches_boot)
{
    const boot_framebuffer_t *bfb = &kmain_boot_info->fb;
    file_t *f = NULL;
    int rc = vfs_open("sys:/fb0", "sys:/", &f);
    if (!have_fb()) {
        KTEST_ASSERT_EQ(rc, -ENOENT);
        return;
    }
    KTEST_ASSERT_EQ(rc, 0);
    fb_info_t info;
    KTEST_ASSERT_EQ(file_ioctl(f, FB_IOCTL_INFO, &info, sizeof(info)), 0);
    KTEST_ASSERT_EQ(info.width, bfb->width);
    KTEST_ASSERT_EQ(info.height, bfb->height);
    KTEST_ASSERT_EQ(info.pitch, bfb->pitch);
    KTEST_ASSERT_EQ(info.format, bfb->format);
    KTEST_ASSERT_EQ(info.size, bfb->size);
    KTEST_ASSERT_EQ(info.bpp, 32);
    KTEST_ASSERT_EQ(info.reserved, 0);
    file_unref(f);
}

KTEST(dev, fb_errors)
{
    file_t *f = NULL;
    if (!have_fb())
        return;
    KTEST_ASSERT_EQ(vfs_open("sys:/fb0", "sys:/", &f), 0);
    fb_info_t info[2];
    KTEST_ASSERT_EQ(file_ioctl(f, FB_IOCTL_INFO, info, sizeof(info[0]) - 1), -EINVAL);
    KTEST_ASSERT_EQ(file_ioctl(f, FB_IOCTL_INFO, info, sizeof(info)), -EINVAL);
    KTEST_ASSERT_EQ(file_ioctl(f, 0x1234, info, sizeof(info[0])), -ENOTTY);
    char b[4] = {0};
    KTEST_ASSERT_EQ(file_read(f, b, sizeof(b)), -EINVAL);
    KTEST_ASSERT_EQ(file_write(f, b, sizeof(b)), -EINVAL);
    file_unref(f);
}

KTEST(dev, fb_mmap_frames)
{
    const boot_framebuffer_t *bfb = &kmain_boot_info->fb;
    file_t *f = NULL;
    if (!have_fb() || (bfb->base & (PAGE_SIZE - 1)))
        return;
    KTEST_ASSERT_EQ(vfs_open("sys:/fb0", "sys:/", &f), 0);
    KTEST_ASSERT(f->ops->mmap != NULL);
    uint64_t pages = (bfb->size + PAGE_SIZE - 1) / PAGE_SIZE, phys = 0;
    KTEST_ASSERT_EQ(f->ops->mmap(f, 0, pages, &phys), 0);
    KTEST_ASSERT_EQ(phys, bfb->base);
    KTEST_ASSERT_EQ(f->ops->mmap(f, pages - 1, pages, &phys), 0);
    KTEST_ASSERT_EQ(phys, bfb->base + (pages - 1) * PAGE_SIZE);
    KTEST_ASSERT_EQ(f->ops->mmap(f, 0, pages + 1, &phys), -EINVAL);
    KTEST_ASSERT_EQ(f->ops->mmap(f, pages, pages, &phys), -EINVAL);
    file_unref(f);
    KTEST_ASSERT_EQ(vfs_open("sys:/zero", "sys:/", &f), 0); /* a sys: file with no mmap callback */
    KTEST_ASSERT_EQ(f->ops->mmap(f, 0, 1, &phys), -ENODEV);
    file_unref(f);
}
