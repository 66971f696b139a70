/*
 * efi.h - the slice of the UEFI specification the loader uses, written from the spec.
 *
 * Only the tables and protocols the loader calls are declared; members it never calls
 * stay as opaque pointers so the layouts still line up. All UEFI calls use the
 * Microsoft x64 ABI, which is clang's default for the x86_64-windows target.
 */
#ifndef BOOT_EFI_H
#define BOOT_EFI_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t efi_status_t;
typedef void *efi_handle_t;
typedef void *efi_event_t;
typedef uint16_t char16_t;

#define EFI_ERR(n) (0x8000000000000000ull | (n))
#define EFI_SUCCESS 0
#define EFI_LOAD_ERROR EFI_ERR(1)
#define EFI_INVALID_PARAMETER EFI_ERR(2)
#define EFI_UNSUPPORTED EFI_ERR(3)
#define EFI_BUFFER_TOO_SMALL EFI_ERR(5)
#define EFI_NOT_FOUND EFI_ERR(14)
#define EFI_IS_ERROR(s) (((s) >> 63) != 0)

typedef struct efi_guid {
    uint32_t a;
    uint16_t b, c;
    uint8_t d[8];
} efi_guid_t;

typedef struct efi_table_header {
    uint64_t signature;
    uint32_t revision, header_size, crc32, reserved;
} efi_table_header_t;

/* Simple text output. */
typedef struct efi_text_out {
    efi_status_t (*reset)(struct efi_text_out *, uint8_t);
    efi_status_t (*output_string)(struct efi_text_out *, const char16_t *);
    void *test_string, *query_mode, *set_mode, *set_attribute;
    efi_status_t (*clear_screen)(struct efi_text_out *);
    void *set_cursor_position, *enable_cursor, *mode;
} efi_text_out_t;

typedef struct efi_input_key {
    uint16_t scan_code;
    char16_t unicode_char;
} efi_input_key_t;

typedef struct efi_text_in {
    void *reset;
    efi_status_t (*read_key)(struct efi_text_in *, efi_input_key_t *);
    efi_event_t wait_for_key;
} efi_text_in_t;

/* Memory. */
typedef enum efi_alloc_type { EFI_ALLOCATE_ANY = 0, EFI_ALLOCATE_MAX = 1, EFI_ALLOCATE_AT = 2 } efi_alloc_type_t;

enum efi_memory_type {
    EFI_RESERVED = 0, EFI_LOADER_CODE, EFI_LOADER_DATA, EFI_BS_CODE, EFI_BS_DATA,
    EFI_RT_CODE, EFI_RT_DATA, EFI_CONVENTIONAL, EFI_UNUSABLE, EFI_ACPI_RECLAIM,
    EFI_ACPI_NVS, EFI_MMIO, EFI_MMIO_PORT, EFI_PAL_CODE, EFI_PERSISTENT,
};

typedef struct efi_memory_descriptor {
    uint32_t type;
    uint32_t pad;
    uint64_t phys_start, virt_start, pages, attribute;
} efi_memory_descriptor_t;

typedef struct efi_boot_services {
    efi_table_header_t hdr;
    void *raise_tpl, *restore_tpl;
    efi_status_t (*allocate_pages)(efi_alloc_type_t, uint32_t, uint64_t, uint64_t *);
    efi_status_t (*free_pages)(uint64_t, uint64_t);
    efi_status_t (*get_memory_map)(uint64_t *, efi_memory_descriptor_t *, uint64_t *, uint64_t *,
                                   uint32_t *);
    efi_status_t (*allocate_pool)(uint32_t, uint64_t, void **);
    efi_status_t (*free_pool)(void *);
    void *create_event, *set_timer;
    efi_status_t (*wait_for_event)(uint64_t, efi_event_t *, uint64_t *);
    void *signal_event, *close_event, *check_event;
    void *install_protocol, *reinstall_protocol, *uninstall_protocol;
    efi_status_t (*handle_protocol)(efi_handle_t, const efi_guid_t *, void **);
    void *reserved, *register_protocol_notify, *locate_handle, *locate_device_path;
    void *install_configuration_table;
    void *load_image, *start_image, *exit, *unload_image;
    efi_status_t (*exit_boot_services)(efi_handle_t, uint64_t);
    void *get_next_monotonic_count, *stall;
    efi_status_t (*set_watchdog_timer)(uint64_t, uint64_t, uint64_t, const char16_t *);
    void *connect_controller, *disconnect_controller;
    void *open_protocol, *close_protocol, *open_protocol_information;
    void *protocols_per_handle, *locate_handle_buffer;
    efi_status_t (*locate_protocol)(const efi_guid_t *, void *, void **);
    void *install_multiple, *uninstall_multiple;
    void *calculate_crc32, *copy_mem, *set_mem, *create_event_ex;
} efi_boot_services_t;

typedef struct efi_configuration_table {
    efi_guid_t guid;
    void *table;
} efi_configuration_table_t;

typedef struct efi_system_table {
    efi_table_header_t hdr;
    const char16_t *firmware_vendor;
    uint32_t firmware_revision;
    efi_handle_t console_in_handle;
    efi_text_in_t *con_in;
    efi_handle_t console_out_handle;
    efi_text_out_t *con_out;
    efi_handle_t stderr_handle;
    efi_text_out_t *std_err;
    void *runtime_services;
    efi_boot_services_t *boot_services;
    uint64_t table_count;
    efi_configuration_table_t *tables;
} efi_system_table_t;

/* Loaded image. */
typedef struct efi_loaded_image {
    uint32_t revision;
    efi_handle_t parent;
    efi_system_table_t *system_table;
    efi_handle_t device;
    void *file_path, *reserved;
    uint32_t options_size;
    void *options;
    void *image_base;
    uint64_t image_size;
    uint32_t code_type, data_type;
    void *unload;
} efi_loaded_image_t;

/* Files. */
#define EFI_FILE_MODE_READ 1ull

typedef struct efi_file {
    uint64_t revision;
    efi_status_t (*open)(struct efi_file *, struct efi_file **, const char16_t *, uint64_t, uint64_t);
    efi_status_t (*close)(struct efi_file *);
    void *delete_file;
    efi_status_t (*read)(struct efi_file *, uint64_t *, void *);
    void *write, *get_position, *set_position;
    efi_status_t (*get_info)(struct efi_file *, const efi_guid_t *, uint64_t *, void *);
    void *set_info, *flush;
} efi_file_t;

typedef struct efi_file_info {
    uint64_t size, file_size, physical_size;
    uint8_t times[48];
    uint64_t attribute;
    char16_t name[];
} efi_file_info_t;

typedef struct efi_simple_fs {
    uint64_t revision;
    efi_status_t (*open_volume)(struct efi_simple_fs *, efi_file_t **);
} efi_simple_fs_t;

/* Graphics output. */
typedef enum efi_pixel_format {
    EFI_PIXEL_RGBX = 0, EFI_PIXEL_BGRX = 1, EFI_PIXEL_BITMASK = 2, EFI_PIXEL_BLT_ONLY = 3,
} efi_pixel_format_t;

typedef struct efi_gop_mode_info {
    uint32_t version, width, height;
    uint32_t format;
    uint32_t masks[4];
    uint32_t pixels_per_line;
} efi_gop_mode_info_t;

typedef struct efi_gop_mode {
    uint32_t max_mode, mode;
    efi_gop_mode_info_t *info;
    uint64_t info_size;
    uint64_t fb_base, fb_size;
} efi_gop_mode_t;

typedef struct efi_gop {
    efi_status_t (*query_mode)(struct efi_gop *, uint32_t, uint64_t *, efi_gop_mode_info_t **);
    efi_status_t (*set_mode)(struct efi_gop *, uint32_t);
    void *blt;
    efi_gop_mode_t *mode;
} efi_gop_t;

#endif
