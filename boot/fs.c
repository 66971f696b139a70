/*
 * fs.c - reading whole files from the EFI System Partition the loader was started from.
 * Each file is read with one Read call into pages the kernel will own, so the RAM disk
 * arrives with one large transfer rather than many small ones.
 */
#include "loader.h"

static const efi_guid_t loaded_image_guid = {0x5b1b31a1, 0x9562, 0x11d2,
                                             {0x8e, 0x3f, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b}};
static const efi_guid_t simple_fs_guid = {0x964e5b22, 0x6459, 0x11d2,
                                          {0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b}};
static const efi_guid_t file_info_guid = {0x09576e92, 0x6d3f, 0x11d2,
                                          {0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b}};

static efi_file_t *fs_root(void)
{
    static efi_file_t *root;
    efi_loaded_image_t *image;
    efi_simple_fs_t *fs;
    if (root)
        return root;
    if (EFI_IS_ERROR(g_st->boot_services->handle_protocol(g_image, &loaded_image_guid, (void **)&image)))
        return 0;
    if (EFI_IS_ERROR(g_st->boot_services->handle_protocol(image->device, &simple_fs_guid, (void **)&fs)))
        return 0;
    if (EFI_IS_ERROR(fs->open_volume(fs, &root)))
        root = 0;
    return root;
}

efi_status_t fs_read_file(const char16_t *path, boot_blob_t *out)
{
    efi_file_t *root = fs_root(), *file;
    uint64_t info_buf[64];
    uint64_t size = sizeof(info_buf);
    if (!root)
        return EFI_UNSUPPORTED;
    efi_status_t st = root->open(root, &file, path, EFI_FILE_MODE_READ, 0);
    if (EFI_IS_ERROR(st))
        return st;
    st = file->get_info(file, &file_info_guid, &size, info_buf);
    if (!EFI_IS_ERROR(st)) {
        out->size = ((efi_file_info_t *)info_buf)->file_size;
        out->base = mem_alloc_pages(PAGES(out->size) + 1);
        size = out->size;
        st = out->base ? file->read(file, &size, (void *)out->base) : EFI_ERR(9);
        if (!EFI_IS_ERROR(st) && size != out->size)
            st = EFI_LOAD_ERROR;
    }
    file->close(file);
    return st;
}
