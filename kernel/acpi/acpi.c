/*
 * acpi.c - finding, validating and parsing the ACPI static tables (see acpi.h).
 * Firmware data is never trusted: every address is checked against the direct map and
 * every table's length and checksum before a byte of its body is read, and a bad table
 * is logged and skipped. acpi_init() runs once on the boot CPU and fills static state
 * that is read-only afterwards; the parsers (acpi_madt_parse, acpi_fadt_parse) are pure
 * and work on any buffer. Consumers: arch/x86_64/ (APICs, HPET, SMP) and time/.
 */
#include "acpi.h"
#include <abi/errno.h>
#include "lib/fmt.h"
#include "lib/string.h"
#include "log/log.h"
#include "mm/layout.h"

#define RSDP_V1_LEN 20u
#define RSDP_MAX_LEN 4096u
#define FADT_MIN_LEN 116u /* the whole FADT of revision 1 (ACPI 1.0) */

_Static_assert(sizeof(acpi_rsdp_t) == 36, "RSDP layout");
_Static_assert(sizeof(acpi_header_t) == 36, "SDT header layout");
_Static_assert(sizeof(acpi_gas_t) == 12, "GAS layout");
_Static_assert(sizeof(acpi_madt_t) == 44, "MADT layout");
_Static_assert(sizeof(acpi_madt_lapic_t) == 8 && sizeof(acpi_madt_ioapic_t) == 12, "MADT entries");
_Static_assert(sizeof(acpi_madt_override_t) == 10 && sizeof(acpi_madt_lapic_nmi_t) == 6, "MADT entries");
_Static_assert(sizeof(acpi_madt_lapic_addr_t) == 12 && sizeof(acpi_madt_x2apic_t) == 16, "MADT entries");
_Static_assert(sizeof(acpi_madt_x2apic_nmi_t) == 12, "MADT entries");
_Static_assert(sizeof(acpi_hpet_table_t) == 56, "HPET layout");
_Static_assert(sizeof(acpi_fadt_t) == 276, "FADT layout");

/* Written once by acpi_init() on the boot CPU, read-only afterwards. */
static uint64_t acpi_tables[ACPI_MAX_TABLES]; /* physical addresses of valid tables */
static unsigned acpi_table_count;
static int acpi_ready;
static acpi_madt_info_t acpi_madt_data;
static int acpi_have_madt;
static acpi_fadt_info_t acpi_fadt_data;
static int acpi_have_fadt;

/* The smallest length each MADT entry type we read can have (0: any length >= 2). */
static const uint8_t madt_min_len[] = {
    [ACPI_MADT_LAPIC] = sizeof(acpi_madt_lapic_t),
    [ACPI_MADT_IOAPIC] = sizeof(acpi_madt_ioapic_t),
    [ACPI_MADT_OVERRIDE] = sizeof(acpi_madt_override_t),
    [ACPI_MADT_LAPIC_NMI] = sizeof(acpi_madt_lapic_nmi_t),
    [ACPI_MADT_LAPIC_ADDR] = sizeof(acpi_madt_lapic_addr_t),
    [ACPI_MADT_X2APIC] = sizeof(acpi_madt_x2apic_t),
    [ACPI_MADT_X2APIC_NMI] = sizeof(acpi_madt_x2apic_nmi_t),
};

/* ---------------------------------------------------------------- validation */

static uint8_t sum_bytes(const void *p, uint64_t n)
{
    const uint8_t *b = p;
    uint8_t s = 0;
    while (n--)
        s = (uint8_t)(s + *b++);
    return s;
}

/* A printable copy of a signature for log lines (firmware bytes may be anything). */
static void sig_text(const char *sig, char out[5])
{
    for (int i = 0; i < 4; i++)
        out[i] = sig[i] >= 0x20 && sig[i] < 0x7f ? sig[i] : '?';
    out[4] = 0;
}

/* Whether [phys, phys + len) is inside the direct map. FIXME: the loader maps only up
 * to the top of RAM (at least 4 GiB); a bogus address above that but below 512 GiB
 * would still fault, until the VMM can tell us what is mapped. */
static int phys_ok(uint64_t phys, uint64_t len)
{
    return phys != 0 && phys < LAYOUT_DIRECT_SIZE && len <= LAYOUT_DIRECT_SIZE - phys;
}

int acpi_rsdp_valid(const acpi_rsdp_t *rsdp)
{
    if (memcmp(rsdp->signature, "RSD PTR ", 8) != 0 || sum_bytes(rsdp, RSDP_V1_LEN) != 0)
        return -EINVAL;
    if (rsdp->revision < 2)
        return 0;
    if (rsdp->length < sizeof(acpi_rsdp_t) || rsdp->length >= RSDP_MAX_LEN)
        return -EINVAL;
    return sum_bytes(rsdp, rsdp->length) == 0 ? 0 : -EINVAL;
}

int acpi_table_valid(const acpi_header_t *h, uint64_t max_len)
{
    for (int i = 0; i < 4; i++)
        if (h->signature[i] < 0x20 || h->signature[i] >= 0x7f)
            return -EINVAL;
    if (h->length < sizeof(acpi_header_t) || h->length > max_len || h->length >= ACPI_TABLE_MAX_LEN)
        return -EINVAL;
    return sum_bytes(h, h->length) == 0 ? 0 : -EIO;
}

/* The table at phys if it is valid (and has signature want, unless want is NULL);
 * otherwise logs why and returns NULL. */
static const acpi_header_t *table_map(uint64_t phys, const char *want)
{
    char sig[5] = "????";
    if (!phys_ok(phys, sizeof(acpi_header_t))) {
        log_warn("acpi: table %s at 0x%lx is outside memory, ignored", want ? want : sig, phys);
        return NULL;
    }
    const acpi_header_t *h = PHYS_TO_VIRT(phys);
    sig_text(h->signature, sig);
    int rc = acpi_table_valid(h, LAYOUT_DIRECT_SIZE - phys);
    if (rc == -EIO)
        log_warn("acpi: table %s at 0x%lx has a bad checksum, ignored", sig, phys);
    else if (rc)
        log_warn("acpi: table %s at 0x%lx has a bad header (length %u), ignored", sig, phys, h->length);
    else if (want && memcmp(h->signature, want, 4) != 0)
        log_warn("acpi: table %s at 0x%lx should be %s, ignored", sig, phys, want);
    else
        return h;
    return NULL;
}

/* ---------------------------------------------------------------- the root table */

static const acpi_header_t *root_table(const acpi_rsdp_t *r)
{
    if (r->revision >= 2 && r->xsdt_phys) {
        const acpi_header_t *x = table_map(r->xsdt_phys, "XSDT");
        if (x)
            return x;
        if (r->rsdt_phys)
            log_warn("acpi: no usable XSDT, trying the RSDT");
    }
    return r->rsdt_phys ? table_map(r->rsdt_phys, "RSDT") : NULL;
}

/* Entry i of the root table: 8-byte addresses in the XSDT, 4-byte in the RSDT. The
 * XSDT's entries start at offset 36, so they are not 8-byte aligned. */
static uint64_t root_entry(const acpi_header_t *root, unsigned i, unsigned size)
{
    uint64_t v = 0;
    memcpy(&v, (const uint8_t *)root + sizeof(*root) + (uint64_t)i * size, size);
    return v;
}

static int list_has(const uint64_t *tables, unsigned count, uint64_t phys)
{
    for (unsigned i = 0; i < count; i++)
        if (tables[i] == phys)
            return 1;
    return 0;
}

/* Appends the valid table at phys to the list unless it is there already or full. */
static void list_add(uint64_t phys, uint64_t *tables, unsigned max, unsigned *count)
{
    if (list_has(tables, *count, phys) || !table_map(phys, NULL))
        return;
    if (*count == max) {
        log_warn("acpi: more than %u tables, the one at 0x%lx ignored", max, phys);
        return;
    }
    tables[(*count)++] = phys;
}

int acpi_scan(uint64_t rsdp_phys, uint64_t *tables, unsigned max, unsigned *count)
{
    *count = 0;
    if (!rsdp_phys)
        return -ENOENT;
    if (!phys_ok(rsdp_phys, RSDP_MAX_LEN) || acpi_rsdp_valid(PHYS_TO_VIRT(rsdp_phys)) != 0) {
        log_warn("acpi: the RSDP at 0x%lx is invalid", rsdp_phys);
        return -EINVAL;
    }
    const acpi_header_t *root = root_table(PHYS_TO_VIRT(rsdp_phys));
    if (!root)
        return -EINVAL;
    tables[(*count)++] = VIRT_TO_PHYS(root);
    unsigned size = root->signature[0] == 'X' ? 8 : 4;
    unsigned n = (root->length - (unsigned)sizeof(*root)) / size;
    for (unsigned i = 0; i < n; i++)
        list_add(root_entry(root, i, size), tables, max, count);
    return 0;
}

const acpi_header_t *acpi_find(const char sig[4], unsigned index)
{
    for (unsigned i = 0; i < acpi_table_count; i++) {
        const acpi_header_t *h = PHYS_TO_VIRT(acpi_tables[i]);
        if (memcmp(h->signature, sig, 4) == 0 && index-- == 0)
            return h;
    }
    return NULL;
}

/* ---------------------------------------------------------------- MADT */

static void madt_add_cpu(acpi_madt_info_t *out, uint32_t uid, uint32_t apic_id, uint32_t flags)
{
    if (!(flags & (ACPI_CPU_ENABLED | ACPI_CPU_ONLINE_CAPABLE)))
        return;
    /* Firmware may list a CPU both as a local APIC and as an x2APIC. */
    for (unsigned i = 0; i < out->cpu_count; i++)
        if (out->cpus[i].apic_id == apic_id)
            return;
    if (out->cpu_count == ACPI_MAX_CPUS) {
        out->dropped++;
        return;
    }
    out->cpus[out->cpu_count++] = (acpi_cpu_t){.uid = uid, .apic_id = apic_id, .flags = flags};
}

static void madt_add_ioapic(acpi_madt_info_t *out, const acpi_madt_ioapic_t *e)
{
    if (out->ioapic_count == ACPI_MAX_IOAPICS) {
        out->dropped++;
        return;
    }
    out->ioapics[out->ioapic_count++] =
        (acpi_ioapic_t){.id = e->id, .phys = e->address, .gsi_base = e->gsi_base};
}

static void madt_add_override(acpi_madt_info_t *out, const acpi_madt_override_t *e)
{
    if (out->override_count == ACPI_MAX_OVERRIDES) {
        out->dropped++;
        return;
    }
    out->overrides[out->override_count++] =
        (acpi_override_t){.bus = e->bus, .irq = e->source, .flags = e->flags, .gsi = e->gsi};
}

static void madt_add_nmi(acpi_madt_info_t *out, uint32_t uid, uint16_t flags, uint8_t lint)
{
    if (out->nmi_count == ACPI_MAX_NMIS) {
        out->dropped++;
        return;
    }
    out->nmis[out->nmi_count++] = (acpi_nmi_t){.uid = uid, .flags = flags, .lint = lint};
}

static void madt_entry(const acpi_madt_entry_t *e, acpi_madt_info_t *out)
{
    const acpi_madt_lapic_t *lapic = (const void *)e;
    const acpi_madt_x2apic_t *x2apic = (const void *)e;
    const acpi_madt_lapic_nmi_t *nmi = (const void *)e;
    const acpi_madt_x2apic_nmi_t *x2nmi = (const void *)e;
    switch (e->type) {
    case ACPI_MADT_LAPIC:
        madt_add_cpu(out, lapic->uid, lapic->apic_id, lapic->flags);
        break;
    case ACPI_MADT_X2APIC:
        madt_add_cpu(out, x2apic->uid, x2apic->x2apic_id, x2apic->flags);
        break;
    case ACPI_MADT_IOAPIC:
        madt_add_ioapic(out, (const void *)e);
        break;
    case ACPI_MADT_OVERRIDE:
        madt_add_override(out, (const void *)e);
        break;
    case ACPI_MADT_LAPIC_NMI:
        madt_add_nmi(out, nmi->uid == 0xff ? ACPI_UID_ALL : nmi->uid, nmi->flags, nmi->lint);
        break;
    case ACPI_MADT_X2APIC_NMI:
        madt_add_nmi(out, x2nmi->uid, x2nmi->flags, x2nmi->lint);
        break;
    case ACPI_MADT_LAPIC_ADDR:
        out->lapic_phys = ((const acpi_madt_lapic_addr_t *)(const void *)e)->address;
        break;
    default: /* other types (NMI sources, GIC, ...) are not needed here */
        break;
    }
}

/* Whether the entry at offset off of a total-byte MADT is whole and long enough for its
 * type; this is what keeps a malformed table from looping or reading past its end. */
static int madt_entry_ok(const uint8_t *madt, uint32_t off, uint32_t total)
{
    if (total - off < sizeof(acpi_madt_entry_t))
        return 0;
    const acpi_madt_entry_t *e = (const void *)(madt + off);
    uint8_t min = e->type < sizeof(madt_min_len) ? madt_min_len[e->type] : 0;
    return e->length >= sizeof(*e) && e->length >= min && e->length <= total - off;
}

int acpi_madt_parse(const acpi_header_t *madt, acpi_madt_info_t *out)
{
    memset(out, 0, sizeof(*out));
    if (memcmp(madt->signature, "APIC", 4) != 0 || madt->length < sizeof(acpi_madt_t))
        return -EINVAL;
    const acpi_madt_t *m = (const void *)madt;
    const uint8_t *bytes = (const void *)madt;
    int rc = 0;
    out->lapic_phys = m->lapic_phys;
    out->flags = m->flags;
    for (uint32_t off = sizeof(*m); off < madt->length;) {
        if (!madt_entry_ok(bytes, off, madt->length)) {
            log_warn("acpi: MADT entry at offset %u is malformed, the rest ignored", off);
            rc = -EINVAL;
            break;
        }
        madt_entry((const void *)(bytes + off), out);
        off += bytes[off + 1];
    }
    if (out->dropped)
        log_warn("acpi: MADT has more entries than fit (%u CPUs, %u I/O APICs, %u overrides, "
                 "%u NMIs): %u ignored",
                 ACPI_MAX_CPUS, ACPI_MAX_IOAPICS, ACPI_MAX_OVERRIDES, ACPI_MAX_NMIS, out->dropped);
    return rc;
}

const acpi_madt_info_t *acpi_madt(void)
{
    return acpi_have_madt ? &acpi_madt_data : NULL;
}

uint32_t acpi_irq_to_gsi(uint8_t irq, uint16_t *flags)
{
    const acpi_madt_info_t *m = acpi_madt();
    for (unsigned i = 0; m && i < m->override_count; i++) {
        if (m->overrides[i].bus == 0 && m->overrides[i].irq == irq) {
            if (flags)
                *flags = m->overrides[i].flags;
            return m->overrides[i].gsi;
        }
    }
    if (flags)
        *flags = 0;
    return irq;
}

/* ---------------------------------------------------------------- HPET and FADT */

int acpi_hpet(uint64_t *base_phys)
{
    const acpi_header_t *h = acpi_find("HPET", 0);
    if (!h || h->length < sizeof(acpi_hpet_table_t))
        return -ENOENT;
    const acpi_hpet_table_t *t = (const void *)h;
    if (t->base.space != ACPI_GAS_MEMORY || t->base.address == 0)
        return -ENOENT;
    *base_phys = t->base.address;
    return 0;
}

static void fadt_boot_flags(const acpi_fadt_t *f, acpi_fadt_info_t *out)
{
    /* The IA-PC boot flags were reserved before revision 2: assume a legacy PC then. */
    if (f->header.revision < 2) {
        out->has_8042 = 1;
        return;
    }
    out->boot_flags = f->iapc_boot_arch;
    out->has_8042 = !!(f->iapc_boot_arch & ACPI_BOOT_8042);
    out->vga_absent = !!(f->iapc_boot_arch & ACPI_BOOT_VGA_ABSENT);
    out->rtc_absent = !!(f->iapc_boot_arch & ACPI_BOOT_RTC_ABSENT);
}

static void fadt_pm_timer(const acpi_fadt_t *f, acpi_fadt_info_t *out)
{
    if (f->x_pm_tmr_blk.address)
        out->pm_timer = f->x_pm_tmr_blk;
    else if (f->pm_tmr_blk && f->pm_tmr_len == 4)
        out->pm_timer = (acpi_gas_t){.space = ACPI_GAS_IO, .bit_width = 32, .access_size = 3,
                                     .address = f->pm_tmr_blk};
    out->pm_timer_32bit = out->pm_timer.address && (f->flags & ACPI_FADT_TMR_VAL_EXT);
}

static void fadt_reset(const acpi_fadt_t *f, acpi_fadt_info_t *out)
{
    if (!(f->flags & ACPI_FADT_RESET_REG_SUP) || f->reset_reg.address == 0 ||
        f->reset_reg.space > ACPI_GAS_PCI_CONFIG)
        return;
    out->has_reset = 1;
    out->reset_reg = f->reset_reg;
    out->reset_value = f->reset_value;
}

int acpi_fadt_parse(const acpi_header_t *fadt, acpi_fadt_info_t *out)
{
    acpi_fadt_t f;
    memset(out, 0, sizeof(*out));
    if (memcmp(fadt->signature, "FACP", 4) != 0 || fadt->length < FADT_MIN_LEN)
        return -EINVAL;
    /* A shorter (older) FADT lacks the later fields: they read as 0 from the copy. */
    memset(&f, 0, sizeof(f));
    memcpy(&f, fadt, fadt->length < sizeof(f) ? fadt->length : sizeof(f));
    out->revision = f.header.revision;
    out->century = f.century;
    out->sci_irq = f.sci_int;
    out->flags = f.flags;
    fadt_boot_flags(&f, out);
    fadt_pm_timer(&f, out);
    fadt_reset(&f, out);
    out->dsdt_phys = f.x_dsdt ? f.x_dsdt : f.dsdt;
    return 0;
}

const acpi_fadt_info_t *acpi_fadt(void)
{
    return acpi_have_fadt ? &acpi_fadt_data : NULL;
}

/* ---------------------------------------------------------------- acpi_init */

/* The FADT, and the DSDT it points to (which the root table does not list). */
static void init_fadt(void)
{
    const acpi_header_t *h = acpi_find("FACP", 0);
    if (!h || acpi_fadt_parse(h, &acpi_fadt_data) != 0) {
        log_warn("acpi: no usable FADT");
        return;
    }
    acpi_have_fadt = 1;
    uint64_t dsdt = acpi_fadt_data.dsdt_phys;
    if (!dsdt || !table_map(dsdt, "DSDT")) {
        acpi_fadt_data.dsdt_phys = 0;
        return;
    }
    list_add(dsdt, acpi_tables, ACPI_MAX_TABLES, &acpi_table_count);
}

static void init_madt(void)
{
    const acpi_header_t *h = acpi_find("APIC", 0);
    if (!h) {
        log_warn("acpi: no MADT: no APIC information");
        return;
    }
    /* A malformed entry is logged by the parser; the entries before it still count. */
    acpi_madt_parse(h, &acpi_madt_data);
    acpi_have_madt = h->length >= sizeof(acpi_madt_t);
}

static void init_summary(void)
{
    char list[ACPI_MAX_TABLES * 5 + 1] = "";
    size_t used = 0;
    for (unsigned i = 0; i < acpi_table_count && used < sizeof(list); i++) {
        char sig[5];
        sig_text(((const acpi_header_t *)PHYS_TO_VIRT(acpi_tables[i]))->signature, sig);
        used += (size_t)fmt_snprintf(list + used, sizeof(list) - used, " %s", sig);
    }
    log_info("acpi: %u tables:%s", acpi_table_count, list);
    const acpi_madt_info_t *m = acpi_madt();
    uint64_t hpet = 0;
    acpi_hpet(&hpet);
    log_info("acpi: %u CPUs, I/O APIC at 0x%x (%u in all), HPET at 0x%lx", m ? m->cpu_count : 0,
             m && m->ioapic_count ? m->ioapics[0].phys : 0, m ? m->ioapic_count : 0, hpet);
}

int acpi_init(uint64_t rsdp_phys)
{
    if (acpi_ready)
        return 0;
    if (!rsdp_phys) {
        log_warn("acpi: no RSDP from the loader: no ACPI tables");
        return -ENOENT;
    }
    int rc = acpi_scan(rsdp_phys, acpi_tables, ACPI_MAX_TABLES, &acpi_table_count);
    if (rc) {
        log_error("acpi: no usable root table (error %d)", rc);
        return rc;
    }
    acpi_ready = 1;
    init_fadt();
    init_madt();
    init_summary();
    return 0;
}
