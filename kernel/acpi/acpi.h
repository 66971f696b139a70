/*
 * acpi.h - the ACPI static tables the kernel needs before it can drive any hardware:
 * the RSDP and XSDT/RSDT (which tables exist), the MADT (CPUs, I/O APICs, ISA IRQ
 * overrides, NMI wiring), the HPET table and the FADT (PM timer, reset register, CMOS
 * century, legacy devices). acpi_init() validates every table once at boot and keeps
 * only the ones that pass; the parsers below also work on any buffer, so tests feed
 * them synthetic tables. AML (the DSDT's contents) is out of scope. The consumers live
 * in arch/x86_64/ (apic, ioapic, hpet, smp) and time/.
 */
#ifndef ACPI_ACPI_H
#define ACPI_ACPI_H

#include <stdint.h>

/* ---------------------------------------------------------------- firmware layouts */

/** Root System Description Pointer (ACPI 6.5, 5.2.5.3); fields after rsdt_phys exist from revision 2. */
typedef struct __attribute__((packed)) acpi_rsdp {
    char signature[8];     /**< "RSD PTR " */
    uint8_t checksum;      /**< the first 20 bytes sum to 0 */
    char oem_id[6];
    uint8_t revision;      /**< 0 = ACPI 1.0 (20 bytes), 2 = ACPI 2.0+ */
    uint32_t rsdt_phys;
    uint32_t length;       /**< bytes of the whole structure (revision >= 2) */
    uint64_t xsdt_phys;    /**< revision >= 2 */
    uint8_t ext_checksum;  /**< all `length` bytes sum to 0 (revision >= 2) */
    uint8_t reserved[3];
} acpi_rsdp_t;

/** The header every System Description Table starts with (ACPI 6.5, 5.2.6). */
typedef struct __attribute__((packed)) acpi_header {
    char signature[4];     /**< e.g. "APIC", "FACP", "HPET" */
    uint32_t length;       /**< bytes of the whole table, header included */
    uint8_t revision;
    uint8_t checksum;      /**< all `length` bytes sum to 0 */
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    uint32_t creator_id;
    uint32_t creator_revision;
} acpi_header_t;

/** Generic Address Structure (ACPI 6.5, 5.2.3.2): where a register lives. */
typedef struct __attribute__((packed)) acpi_gas {
    uint8_t space;         /**< ACPI_GAS_MEMORY, ACPI_GAS_IO, ... */
    uint8_t bit_width;
    uint8_t bit_offset;
    uint8_t access_size;   /**< 0 undefined, 1 byte, 2 word, 3 dword, 4 qword */
    uint64_t address;
} acpi_gas_t;

#define ACPI_GAS_MEMORY 0      /**< system memory space */
#define ACPI_GAS_IO 1          /**< system I/O (port) space */
#define ACPI_GAS_PCI_CONFIG 2  /**< PCI configuration space */

/** MADT fixed part (ACPI 6.5, 5.2.12); variable-length entries follow. */
typedef struct __attribute__((packed)) acpi_madt {
    acpi_header_t header;  /**< signature "APIC" */
    uint32_t lapic_phys;   /**< 32-bit local APIC address (see entry type 5) */
    uint32_t flags;        /**< ACPI_MADT_PCAT_COMPAT */
} acpi_madt_t;

/** The two bytes every MADT entry starts with. */
typedef struct __attribute__((packed)) acpi_madt_entry {
    uint8_t type;          /**< ACPI_MADT_* entry type */
    uint8_t length;        /**< bytes of the entry, these two included */
} acpi_madt_entry_t;

#define ACPI_MADT_LAPIC 0          /**< Processor Local APIC */
#define ACPI_MADT_IOAPIC 1         /**< I/O APIC */
#define ACPI_MADT_OVERRIDE 2       /**< Interrupt Source Override */
#define ACPI_MADT_NMI_SOURCE 3     /**< NMI Source (not recorded) */
#define ACPI_MADT_LAPIC_NMI 4      /**< Local APIC NMI */
#define ACPI_MADT_LAPIC_ADDR 5     /**< Local APIC Address Override */
#define ACPI_MADT_X2APIC 9         /**< Processor Local x2APIC */
#define ACPI_MADT_X2APIC_NMI 10    /**< Local x2APIC NMI */

#define ACPI_MADT_PCAT_COMPAT 0x1u /**< MADT flags: the machine also has dual 8259 PICs */
#define ACPI_CPU_ENABLED 0x1u      /**< local (x2)APIC flags: the CPU is usable now */
#define ACPI_CPU_ONLINE_CAPABLE 0x2u /**< local (x2)APIC flags: the CPU can be brought online */

/** Entry type 0, 8 bytes. */
typedef struct __attribute__((packed)) acpi_madt_lapic {
    acpi_madt_entry_t entry;
    uint8_t uid;           /**< ACPI processor UID */
    uint8_t apic_id;
    uint32_t flags;        /**< ACPI_CPU_ENABLED, ACPI_CPU_ONLINE_CAPABLE */
} acpi_madt_lapic_t;

/** Entry type 1, 12 bytes. */
typedef struct __attribute__((packed)) acpi_madt_ioapic {
    acpi_madt_entry_t entry;
    uint8_t id;
    uint8_t reserved;
    uint32_t address;      /**< physical MMIO base */
    uint32_t gsi_base;     /**< first global system interrupt it serves */
} acpi_madt_ioapic_t;

/** Entry type 2, 10 bytes. */
typedef struct __attribute__((packed)) acpi_madt_override {
    acpi_madt_entry_t entry;
    uint8_t bus;           /**< 0 = ISA */
    uint8_t source;        /**< the bus-relative IRQ */
    uint32_t gsi;
    uint16_t flags;        /**< ACPI_IRQ_* polarity and trigger mode */
} acpi_madt_override_t;

/** Entry type 4, 6 bytes. */
typedef struct __attribute__((packed)) acpi_madt_lapic_nmi {
    acpi_madt_entry_t entry;
    uint8_t uid;           /**< ACPI processor UID, 0xff = every processor */
    uint16_t flags;        /**< ACPI_IRQ_* */
    uint8_t lint;          /**< LINT0 or LINT1 */
} acpi_madt_lapic_nmi_t;

/** Entry type 5, 12 bytes. */
typedef struct __attribute__((packed)) acpi_madt_lapic_addr {
    acpi_madt_entry_t entry;
    uint16_t reserved;
    uint64_t address;      /**< 64-bit local APIC address, replaces acpi_madt_t.lapic_phys */
} acpi_madt_lapic_addr_t;

/** Entry type 9, 16 bytes. */
typedef struct __attribute__((packed)) acpi_madt_x2apic {
    acpi_madt_entry_t entry;
    uint16_t reserved;
    uint32_t x2apic_id;
    uint32_t flags;        /**< as acpi_madt_lapic_t.flags */
    uint32_t uid;
} acpi_madt_x2apic_t;

/** Entry type 10, 12 bytes. */
typedef struct __attribute__((packed)) acpi_madt_x2apic_nmi {
    acpi_madt_entry_t entry;
    uint16_t flags;
    uint32_t uid;          /**< 0xffffffff = every processor */
    uint8_t lint;
    uint8_t reserved[3];
} acpi_madt_x2apic_nmi_t;

/* MPS INTI flags, used by overrides and NMI entries. 0 means "conforms to the bus". */
#define ACPI_IRQ_POLARITY_MASK 0x3u
#define ACPI_IRQ_ACTIVE_HIGH 0x1u
#define ACPI_IRQ_ACTIVE_LOW 0x3u
#define ACPI_IRQ_TRIGGER_MASK 0xcu
#define ACPI_IRQ_EDGE 0x4u
#define ACPI_IRQ_LEVEL 0xcu

/** HPET description table (IA-PC HPET specification 1.0a, 3.2.4), 56 bytes. */
typedef struct __attribute__((packed)) acpi_hpet_table {
    acpi_header_t header;  /**< signature "HPET" */
    uint32_t block_id;     /**< hardware revision, comparator count, vendor */
    acpi_gas_t base;       /**< the register block; must be in memory space */
    uint8_t number;        /**< HPET sequence number */
    uint16_t min_tick;     /**< minimum periodic clock tick */
    uint8_t page_protection;
} acpi_hpet_table_t;

/**
 * Fixed ACPI Description Table (ACPI 6.5, 5.2.9), 276 bytes. Older firmware provides a
 * shorter table (116 bytes for revision 1): fields past header.length do not exist.
 */
typedef struct __attribute__((packed)) acpi_fadt {
    acpi_header_t header;  /**< signature "FACP" */
    uint32_t firmware_ctrl;
    uint32_t dsdt;
    uint8_t reserved0;
    uint8_t pm_profile;
    uint16_t sci_int;
    uint32_t smi_cmd;
    uint8_t acpi_enable, acpi_disable, s4bios_req, pstate_cnt;
    uint32_t pm1a_evt_blk, pm1b_evt_blk, pm1a_cnt_blk, pm1b_cnt_blk, pm2_cnt_blk;
    uint32_t pm_tmr_blk;   /**< I/O port of the PM timer, 0 = none */
    uint32_t gpe0_blk, gpe1_blk;
    uint8_t pm1_evt_len, pm1_cnt_len, pm2_cnt_len;
    uint8_t pm_tmr_len;    /**< 4 when there is a PM timer */
    uint8_t gpe0_blk_len, gpe1_blk_len, gpe1_base, cst_cnt;
    uint16_t p_lvl2_lat, p_lvl3_lat, flush_size, flush_stride;
    uint8_t duty_offset, duty_width, day_alrm, mon_alrm;
    uint8_t century;       /**< CMOS index of the century register, 0 = none */
    uint16_t iapc_boot_arch; /**< ACPI_BOOT_* (revision >= 2) */
    uint8_t reserved1;
    uint32_t flags;        /**< ACPI_FADT_* */
    acpi_gas_t reset_reg;  /**< revision >= 2 */
    uint8_t reset_value;
    uint16_t arm_boot_arch;
    uint8_t minor_version;
    uint64_t x_firmware_ctrl;
    uint64_t x_dsdt;       /**< 64-bit DSDT address; wins over dsdt when non-zero */
    acpi_gas_t x_pm1a_evt_blk, x_pm1b_evt_blk, x_pm1a_cnt_blk, x_pm1b_cnt_blk, x_pm2_cnt_blk;
    acpi_gas_t x_pm_tmr_blk; /**< wins over pm_tmr_blk when its address is non-zero */
    acpi_gas_t x_gpe0_blk, x_gpe1_blk, sleep_control, sleep_status;
    uint64_t hypervisor_id;
} acpi_fadt_t;

#define ACPI_FADT_TMR_VAL_EXT (1u << 8)   /**< FADT flags: the PM timer counts 32 bits, not 24 */
#define ACPI_FADT_RESET_REG_SUP (1u << 10) /**< FADT flags: reset_reg is usable */
#define ACPI_FADT_HW_REDUCED (1u << 20)   /**< FADT flags: hardware-reduced ACPI */

#define ACPI_BOOT_LEGACY_DEVICES (1u << 0) /**< IA-PC boot flags: LPC/ISA devices exist */
#define ACPI_BOOT_8042 (1u << 1)           /**< IA-PC boot flags: an 8042 keyboard controller */
#define ACPI_BOOT_VGA_ABSENT (1u << 2)     /**< IA-PC boot flags: do not probe VGA */
#define ACPI_BOOT_MSI_ABSENT (1u << 3)     /**< IA-PC boot flags: MSI must not be enabled */
#define ACPI_BOOT_ASPM_CONTROLS (1u << 4)  /**< IA-PC boot flags: OSPM must not touch ASPM */
#define ACPI_BOOT_RTC_ABSENT (1u << 5)     /**< IA-PC boot flags: no CMOS RTC */

/* ---------------------------------------------------------------- what we keep */

#define ACPI_MAX_TABLES 64     /**< tables remembered by acpi_init(), root and DSDT included */
#define ACPI_MAX_CPUS 64       /**< CPUs recorded from the MADT */
#define ACPI_MAX_IOAPICS 8     /**< I/O APICs recorded */
#define ACPI_MAX_OVERRIDES 32  /**< interrupt source overrides recorded */
#define ACPI_MAX_NMIS 16       /**< local APIC NMI entries recorded */
#define ACPI_TABLE_MAX_LEN (16u << 20) /**< a table this long or longer is not believed */
#define ACPI_UID_ALL 0xffffffffu /**< acpi_nmi_t.uid: the entry applies to every CPU */

/** One CPU from the MADT (a local APIC or x2APIC entry that is enabled or online-capable). */
typedef struct acpi_cpu {
    uint32_t uid;          /**< ACPI processor UID */
    uint32_t apic_id;      /**< local APIC (or x2APIC) id */
    uint32_t flags;        /**< ACPI_CPU_ENABLED, ACPI_CPU_ONLINE_CAPABLE */
} acpi_cpu_t;

/** One I/O APIC from the MADT. */
typedef struct acpi_ioapic {
    uint32_t id;
    uint32_t phys;         /**< MMIO base */
    uint32_t gsi_base;
} acpi_ioapic_t;

/** One interrupt source override: bus IRQ `irq` arrives on `gsi`. */
typedef struct acpi_override {
    uint8_t bus;           /**< 0 = ISA */
    uint8_t irq;
    uint16_t flags;        /**< ACPI_IRQ_* */
    uint32_t gsi;
} acpi_override_t;

/** One local APIC NMI connection (entry type 4 or 10). */
typedef struct acpi_nmi {
    uint32_t uid;          /**< processor UID or ACPI_UID_ALL */
    uint16_t flags;        /**< ACPI_IRQ_* */
    uint8_t lint;          /**< 0 or 1 */
} acpi_nmi_t;

/** What the MADT says, in fixed arrays; entries past a maximum are counted in `dropped`. */
typedef struct acpi_madt_info {
    uint64_t lapic_phys;   /**< local APIC base, the type 5 override applied */
    uint32_t flags;        /**< ACPI_MADT_PCAT_COMPAT */
    unsigned cpu_count, ioapic_count, override_count, nmi_count;
    unsigned dropped;      /**< entries ignored because their array was full */
    acpi_cpu_t cpus[ACPI_MAX_CPUS];
    acpi_ioapic_t ioapics[ACPI_MAX_IOAPICS];
    acpi_override_t overrides[ACPI_MAX_OVERRIDES];
    acpi_nmi_t nmis[ACPI_MAX_NMIS];
} acpi_madt_info_t;

/** What the kernel takes from the FADT. Fields the firmware's FADT is too short for are 0. */
typedef struct acpi_fadt_info {
    uint8_t revision;      /**< FADT revision */
    uint8_t century;       /**< CMOS RTC index of the century register, 0 = none */
    uint16_t boot_flags;   /**< raw ACPI_BOOT_* flags (0 for a revision 1 FADT) */
    uint8_t has_8042;      /**< 1: an 8042 is present (assumed for a revision 1 FADT) */
    uint8_t vga_absent;    /**< 1: the firmware says not to probe VGA */
    uint8_t rtc_absent;    /**< 1: there is no CMOS RTC */
    uint8_t has_reset;     /**< 1: reset_reg and reset_value are usable */
    uint16_t sci_irq;      /**< the SCI, as an ISA IRQ (acpi_irq_to_gsi() applies) */
    uint32_t flags;        /**< ACPI_FADT_* fixed feature flags */
    acpi_gas_t pm_timer;   /**< the PM timer (address 0 = none); I/O space for the legacy block */
    uint8_t pm_timer_32bit; /**< 1: it counts 32 bits, else 24 */
    acpi_gas_t reset_reg;  /**< where to write reset_value to reset the machine */
    uint8_t reset_value;
    uint64_t dsdt_phys;    /**< physical address of a valid DSDT, 0 if none or invalid */
} acpi_fadt_info_t;

/* ---------------------------------------------------------------- boot-time discovery */

/**
 * Finds and validates the ACPI tables, then parses the MADT, FADT and HPET tables into
 * static storage read by the accessors below, and logs one summary line. The RSDP is
 * checked (signature, checksum, extended checksum for revision >= 2); the XSDT is used
 * when the revision is >= 2 and its address non-zero (the RSDT if the XSDT is invalid),
 * else the RSDT. Every table it lists is validated (acpi_table_valid()); a bad one is
 * logged with log_warn and skipped. A successful call is remembered: later calls return
 * 0 at once, so it is safe to call twice (kmain and the tests).
 * @param rsdp_phys  physical address of the RSDP (boot_info_t.rsdp), 0 if none.
 * @return 0; -ENOENT if rsdp_phys is 0; -EINVAL if the RSDP is invalid or neither root
 * table is valid (nothing is recorded then, and a later call tries again).
 * Locking: none; call on the boot CPU before other CPUs run or anything reads the
 * results (they are immutable afterwards). Does not sleep.
 * Time: O(total bytes of all tables) for the checksums.
 */
int acpi_init(uint64_t rsdp_phys);

/**
 * The index-th valid table (0 = first) with signature sig, as acpi_init() recorded
 * them: the root table ("XSDT" or "RSDT"), every table it lists that passed validation,
 * and the DSDT if it is valid.
 * @param sig    four signature characters (no NUL needed).
 * @param index  which one among tables with that signature.
 * @return a direct-map pointer to the table's header, or NULL if there is no such table
 * or acpi_init() has not succeeded. Never sleeps. Locking: none (the list is immutable
 * after init). Time: O(tables).
 */
const acpi_header_t *acpi_find(const char sig[4], unsigned index);

/**
 * The parsed MADT.
 * @return the static description, or NULL if acpi_init() has not succeeded or found no
 * usable MADT. A MADT whose entries stop being well formed still yields the entries
 * before the bad one. Never sleeps. Locking: none (immutable after init). Time: O(1).
 */
const acpi_madt_info_t *acpi_madt(void);

/**
 * Translates an ISA IRQ to the global system interrupt it arrives on, applying the
 * MADT's interrupt source overrides for bus 0.
 * @param irq    ISA IRQ, 0..15.
 * @param flags  if not NULL, receives the override's ACPI_IRQ_* flags, or 0 ("conforms
 *               to ISA": active high, edge) when there is no override.
 * @return the GSI: the override's, else irq itself (also before acpi_init()).
 * Errors: none. Never sleeps. Locking: none. Time: O(overrides).
 */
uint32_t acpi_irq_to_gsi(uint8_t irq, uint16_t *flags);

/**
 * The first HPET's register block.
 * @param base_phys  receives its physical address on success; untouched otherwise.
 * @return 0; -ENOENT if there is no valid HPET table, it is too short, or its block is
 * not in memory space (address space id 0) or has address 0.
 * Never sleeps. Locking: none. Time: O(tables).
 */
int acpi_hpet(uint64_t *base_phys);

/**
 * What the FADT says about the platform.
 * @return the static description, or NULL if there is no valid FADT (or acpi_init()
 * has not succeeded). Never sleeps. Locking: none (immutable after init). Time: O(1).
 */
const acpi_fadt_info_t *acpi_fadt(void);

/* ---------------------------------------------------------------- pure parsers (testable) */

/**
 * Checks an RSDP: signature "RSD PTR ", the checksum of the first 20 bytes, and for
 * revision >= 2 a length in [36, 4096) and the extended checksum over that length.
 * @param rsdp  at least 20 readable bytes; for revision >= 2, `length` readable bytes.
 * @return 0 if valid; -EINVAL otherwise. Never sleeps. Locking: none. Time: O(length).
 */
int acpi_rsdp_valid(const acpi_rsdp_t *rsdp);

/**
 * Checks a table header and checksum: the signature is four printable ASCII
 * characters, 36 <= length <= max_len and length < ACPI_TABLE_MAX_LEN, and all length
 * bytes sum to 0 (mod 256).
 * @param h        the table; its 36-byte header must be readable, and `length` bytes
 *                 when length <= max_len.
 * @param max_len  how many bytes at h the caller can vouch for (the buffer size).
 * @return 0 if valid; -EINVAL for a bad signature or length; -EIO for a bad checksum.
 * Never sleeps. Locking: none. Time: O(length).
 */
int acpi_table_valid(const acpi_header_t *h, uint64_t max_len);

/**
 * Walks the root table of an RSDP and lists the physical addresses of the valid tables
 * it points to, the root table first. A table that fails acpi_table_valid() or lies
 * outside the direct map is logged with log_warn and skipped; tables past max are
 * logged and dropped.
 * @param rsdp_phys  physical address of the RSDP.
 * @param tables     receives up to max physical addresses.
 * @param max        capacity of tables (at least 1).
 * @param count      receives how many were stored (0 on error).
 * @return 0; -ENOENT if rsdp_phys is 0; -EINVAL if the RSDP is invalid or no valid root
 * table (XSDT, then RSDT) exists. Never sleeps. Locking: none.
 * Time: O(total bytes of the tables).
 */
int acpi_scan(uint64_t rsdp_phys, uint64_t *tables, unsigned max, unsigned *count);

/**
 * Extracts what acpi_fadt_info_t holds from a FADT (FACP). Fields past header.length
 * (an older, shorter FADT) read as 0; the IA-PC boot flags exist only from revision 2,
 * so a revision 1 FADT gets boot_flags 0 and has_8042 1. The PM timer is the 64-bit
 * X_PM_TMR_BLK when its address is non-zero, else the I/O port PM_TMR_BLK when
 * PM_TMR_LEN is 4. The reset register counts only if RESET_REG_SUP is set, its address
 * is non-zero and it is in memory, I/O or PCI configuration space. dsdt_phys is X_DSDT
 * when non-zero, else DSDT; the DSDT itself is not looked at here.
 * @param fadt  a table whose header.length bytes are readable (validate it first).
 * @param out   receives the description (cleared first).
 * @return 0; -EINVAL if the signature is not "FACP" or the table is shorter than the
 * 116 bytes of the first FADT revision. Never sleeps. Locking: none. Time: O(1).
 */
int acpi_fadt_parse(const acpi_header_t *fadt, acpi_fadt_info_t *out);

/**
 * Parses a MADT into out (cleared first). Entries are walked by their length bytes: an
 * entry shorter than 2 bytes, shorter than its type requires, or running past
 * header.length stops the walk. Unknown entry types are skipped. Disabled CPUs (neither
 * enabled nor online-capable) and a second entry for the same APIC id are not
 * recorded; entries past a fixed maximum are counted in out->dropped and logged.
 * @param madt  a table whose header.length bytes are readable (check it with
 *              acpi_table_valid() first; the checksum is not looked at here).
 * @param out   receives the description.
 * @return 0; -EINVAL if the signature is not "APIC", the table is shorter than 44
 * bytes, or an entry is malformed (out then holds every entry before the bad one).
 * Never sleeps. Locking: none. Time: O(length + CPUs^2) (the duplicate check, with
 * CPUs <= ACPI_MAX_CPUS).
 */
int acpi_madt_parse(const acpi_header_t *madt, acpi_madt_info_t *out);

#endif
