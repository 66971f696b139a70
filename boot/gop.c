/*
 * gop.c - choosing a graphics mode through the Graphics Output Protocol: the mode equal
 * to the configured resolution, else the largest one that fits inside it, else the
 * firmware's current mode. Only 32-bit RGB/BGR linear modes are acceptable.
 */
#include "loader.h"

static const efi_guid_t gop_guid = {0x9042a9de, 0x23dc, 0x4a38, {0x96, 0xfb, 0x7a, 0xde, 0xd0, 0x80, 0x51, 0x6a}};

static int gop_usable(const efi_gop_mode_info_t *mi)
{
    return mi->format == EFI_PIXEL_BGRX || mi->format == EFI_PIXEL_RGBX;
}

static uint32_t gop_pick(efi_gop_t *gop, const boot_config_t *cfg)
{
    uint32_t best = gop->mode->mode;
    uint64_t best_area = 0;
    for (uint32_t m = 0; m < gop->mode->max_mode; m++) {
        efi_gop_mode_info_t *mi;
        uint64_t size;
        if (EFI_IS_ERROR(gop->query_mode(gop, m, &size, &mi)) || !gop_usable(mi))
            continue;
        if (mi->width == cfg->want_width && mi->height == cfg->want_height)
            return m;
        uint64_t area = (uint64_t)mi->width * mi->height;
        if (mi->width <= cfg->want_width && mi->height <= cfg->want_height && area > best_area) {
            best = m;
            best_area = area;
        }
    }
    return best;
}

efi_status_t gop_setup(const boot_config_t *cfg, boot_framebuffer_t *fb)
{
    efi_gop_t *gop;
    if (EFI_IS_ERROR(g_st->boot_services->locate_protocol(&gop_guid, 0, (void **)&gop)))
        return con_fail("no graphics output (GOP) found\n");
    uint32_t mode = gop_pick(gop, cfg);
    if (mode != gop->mode->mode && EFI_IS_ERROR(gop->set_mode(gop, mode)))
        con_printf("patchwork-boot: could not set graphics mode %u, keeping the current one\n", mode);
    const efi_gop_mode_info_t *mi = gop->mode->info;
    if (!gop_usable(mi))
        return con_fail("graphics mode %u has no linear 32-bit framebuffer\n", gop->mode->mode);
    fb->base = gop->mode->fb_base;
    fb->size = gop->mode->fb_size;
    fb->width = mi->width;
    fb->height = mi->height;
    fb->pitch = mi->pixels_per_line * 4;
    fb->format = mi->format == EFI_PIXEL_BGRX ? BOOT_FB_BGRX : BOOT_FB_RGBX;
    return EFI_SUCCESS;
}
