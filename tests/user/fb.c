/*
 * fb.c - the user-space suite `fb`: the framebuffer device sys:/fb0 (kernel/dev/fb.c).
 * FB_IOCTL_INFO gives a sane geometry (at least 640x480, 32 bpp, pitch and size large
 * enough), a wrong size is EINVAL, an unknown request ENOTTY, read and write EINVAL;
 * mmap maps the pixels (a pattern written to the first and last rows reads back),
 * munmap leaves the free page count as it was (device frames are never freed into the
 * page allocator), and a mapping longer than the framebuffer is EINVAL. The kernel
 * console keeps drawing on the same pixels, so nothing here prints while it checks them.
 * Run by init in test mode; the harness is tests/user/utest.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/io.h>
#include <abi/fb.h>
#include "utest.h"

#define PAGE 4096ull

/* errno of a call expected to fail, or -1 if it succeeded. */
#define FAILS_WITH(call) ((call) == ERR ? errno : -1)

/* Opens sys:/fb0 and reads its geometry; the descriptor, or ERR. */
static fd_t fb_open(fb_info_t *info)
{
    fd_t fd = open("sys:/fb0");
    if (fd != ERR && ioctl(fd, FB_IOCTL_INFO, info, sizeof(*info)) != 0) {
        close(fd);
        return ERR;
    }
    return fd;
}

static uint64_t fb_map_len(const fb_info_t *info)
{
    return (info->size + PAGE - 1) & ~(PAGE - 1);
}

/* free_pages of sys:/stat/mem, or 0 if it cannot be read. */
static unsigned long long free_pages(void)
{
    char buf[512];
    unsigned long long total = 0, free = 0;
    fd_t fd = open("sys:/stat/mem");
    if (fd == ERR)
        return 0;
    int64_t n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    if (sscanf(buf, "total_pages %llu\nfree_pages %llu\n", &total, &free) != 2)
        return 0;
    return free;
}

UTEST(info_sane)
{
    fb_info_t info;
    memset(&info, 0xff, sizeof(info));
    fd_t fd = fb_open(&info);
    UTEST_ASSERT(fd != ERR);
    close(fd);
    UTEST_ASSERT(info.width >= 640 && info.height >= 480);
    UTEST_ASSERT_EQ(info.bpp, 32);
    UTEST_ASSERT(info.format == FB_FORMAT_BGRX || info.format == FB_FORMAT_RGBX);
    UTEST_ASSERT(info.pitch >= info.width * 4);
    UTEST_ASSERT(info.size >= (uint64_t)info.pitch * info.height);
    UTEST_ASSERT_EQ(info.reserved, 0);
}

UTEST(ioctl_wrong_size_einval)
{
    fb_info_t info[2];
    fd_t fd = open("sys:/fb0");
    UTEST_ASSERT(fd != ERR);
    int small = FAILS_WITH(ioctl(fd, FB_IOCTL_INFO, info, sizeof(info[0]) - 4));
    int big = FAILS_WITH(ioctl(fd, FB_IOCTL_INFO, info, sizeof(info)));
    close(fd);
    UTEST_ASSERT_EQ(small, EINVAL);
    UTEST_ASSERT_EQ(big, EINVAL);
}

UTEST(ioctl_unknown_enotty)
{
    fb_info_t info;
    fd_t fd = open("sys:/fb0");
    UTEST_ASSERT(fd != ERR);
    int err = FAILS_WITH(ioctl(fd, FB_IOCTL_INFO + 1, &info, sizeof(info)));
    close(fd);
    UTEST_ASSERT_EQ(err, ENOTTY);
}

UTEST(read_write_einval)
{
    char buf[16] = {0};
    fd_t fd = open("sys:/fb0");
    UTEST_ASSERT(fd != ERR);
    int r = FAILS_WITH(read(fd, buf, sizeof(buf)));
    int w = FAILS_WITH(write(fd, buf, sizeof(buf)));
    close(fd);
    UTEST_ASSERT_EQ(r, EINVAL);
    UTEST_ASSERT_EQ(w, EINVAL);
}

UTEST(mmap_rows_roundtrip)
{
    fb_info_t info;
    fd_t fd = fb_open(&info);
    UTEST_ASSERT(fd != ERR);
    uint64_t len = fb_map_len(&info);
    uint8_t *px = mmap(fd, NULL, len, PROT_READ | PROT_WRITE);
    close(fd); /* the mapping outlives the descriptor */
    UTEST_ASSERT(px != NULL);
    uint32_t *first = (uint32_t *)px;
    uint32_t *last = (uint32_t *)(px + (uint64_t)(info.height - 1) * info.pitch);
    for (uint32_t x = 0; x < info.width; x++) {
        first[x] = 0x00ff0000u ^ (x * 2654435761u & 0x00ffffffu);
        last[x] = 0x000000ffu ^ (x * 40503u & 0x00ffffffu);
    }
    uint32_t bad = 0;
    for (uint32_t x = 0; x < info.width; x++)
        bad += (first[x] != (0x00ff0000u ^ (x * 2654435761u & 0x00ffffffu))) +
               (last[x] != (0x000000ffu ^ (x * 40503u & 0x00ffffffu)));
    for (uint32_t x = 0; x < info.width; x++)
        first[x] = last[x] = 0; /* leave the screen black there */
    UTEST_ASSERT_EQ(munmap(px, len), 0);
    UTEST_ASSERT_EQ(bad, 0);
}

/*
 * One mapping cycle: 1 if the free page count stayed put across mmap, touch and munmap.
 * The count is system-wide, so other CPUs' work (the reaper, slab growth) can move it;
 * the caller retries, a real leak moves it every time.
 */
static int fb_cycle_keeps_free_pages(fd_t fd, uint8_t *px, uint64_t len)
{
    unsigned long long before = free_pages();
    uint8_t *again = mmap(fd, px, len, PROT_READ | PROT_WRITE);
    unsigned long long during = free_pages();
    if (again != px)
        return 0;
    px[0] = 0;
    px[len - 1] = 0;
    if (munmap(px, len) != 0)
        return 0;
    unsigned long long after = free_pages();
    return before > 0 && during == before && after == before;
}

UTEST(munmap_keeps_free_pages)
{
    fb_info_t info;
    fd_t fd = fb_open(&info);
    UTEST_ASSERT(fd != ERR);
    uint64_t len = fb_map_len(&info);
    /* A first mapping builds the page tables the second one reuses (tables stay). */
    uint8_t *px = mmap(fd, NULL, len, PROT_READ | PROT_WRITE);
    UTEST_ASSERT(px != NULL);
    UTEST_ASSERT_EQ(munmap(px, len), 0);
    int kept = 0;
    for (int attempt = 0; attempt < 8 && !kept; attempt++)
        kept = fb_cycle_keeps_free_pages(fd, px, len);
    close(fd);
    UTEST_ASSERT(kept); /* no RAM behind a device mapping, none freed by munmap */
}

UTEST(mmap_too_long_einval)
{
    fb_info_t info;
    fd_t fd = fb_open(&info);
    UTEST_ASSERT(fd != ERR);
    uint64_t len = fb_map_len(&info);
    errno = 0;
    void *p = mmap(fd, NULL, len + PAGE, PROT_READ | PROT_WRITE);
    int err = errno;
    void *q = mmap(fd, NULL, len + 1, PROT_READ);
    int err2 = errno;
    close(fd);
    UTEST_ASSERT(p == NULL);
    UTEST_ASSERT_EQ(err, EINVAL);
    UTEST_ASSERT(q == NULL);
    UTEST_ASSERT_EQ(err2, EINVAL);
}

UTEST(mmap_partial_and_zero_still_work)
{
    fb_info_t info;
    fd_t fd = fb_open(&info);
    UTEST_ASSERT(fd != ERR);
    uint32_t *px = mmap(fd, NULL, 1, PROT_READ); /* one page, read only */
    close(fd);
    UTEST_ASSERT(px != NULL);
    volatile uint32_t v = px[0];
    (void)v;
    UTEST_ASSERT_EQ(munmap(px, 1), 0);
    fd_t zero = open("sys:/zero");
    UTEST_ASSERT(zero != ERR);
    uint8_t *z = mmap(zero, NULL, 2 * PAGE, PROT_READ | PROT_WRITE);
    close(zero);
    UTEST_ASSERT(z != NULL);
    UTEST_ASSERT_EQ(z[0] | z[2 * PAGE - 1], 0);
    z[5] = 7;
    UTEST_ASSERT_EQ(munmap(z, 2 * PAGE), 0);
}

int main(void)
{
    UTEST_BEGIN("fb");
    UTEST_RUN(info_sane);
    UTEST_RUN(ioctl_wrong_size_einval);
    UTEST_RUN(ioctl_unknown_enotty);
    UTEST_RUN(read_write_einval);
    UTEST_RUN(mmap_rows_roundtrip);
    UTEST_RUN(munmap_keeps_free_pages);
    UTEST_RUN(mmap_too_long_einval);
    UTEST_RUN(mmap_partial_and_zero_still_work);
    return UTEST_END();
}
