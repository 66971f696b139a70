/*
 * test_acpi.c - the ACPI tables: what QEMU's firmware really provides (RSDP, XSDT, MADT
 * with the boot CPU and the I/O APIC, the IRQ0 override, HPET, FADT and DSDT), and the
 * validators and parsers on synthetic tables built in static buffers: bad checksums and
 * lengths rejected, malformed MADT entries stopped, full lists capped. The code under
 * test is kernel/acpi/acpi.c.
 */
#include "test/ktest.h"
#include <abi/errno.h>
#include "acpi/acpi.h"
#include "arch/x86_64/cpu.h"
#include "lib/string.h"
#include "mm/layout.h"

extern const boot_info_t *kmain_boot_info;

static uint8_t scratch[2048] __attribute__((aligned(16))); /* synthetic tables, one test at a time */
static acpi_madt_info_t parsed;                           /* too big for a test's stack */

/* Runs acpi_init() unless kmain already did; every real-table test starts with it. */
static int tables_ready(void)
{
    return acpi_madt() != NULL || acpi_init(kmain_boot_info->rsdp) == 0;
}

static uint8_t byte_sum(const void *p, uint64_t n)
{
    const uint8_t *b = p;
    uint8_t s = 0;
    while (n--)
        s = (uint8_t)(s + *b++);
    return s;
}

/* The physical address of a kernel image object (the image is contiguous in RAM). */
static uint64_t image_phys(const void *v)
{
    return (uint64_t)v - LAYOUT_KERNEL_BASE + kmain_boot_info->kernel_phys;
}

static acpi_header_t *table_start(void *at, const char *sig, uint32_t len)
{
    acpi_header_t *h = at;
    memset(h, 0, len);
    memcpy(h->signature, sig, 4);
    memcpy(h->oem_id, "PWTEST", 6);
    h->length = len;
    h->revision = 1;
    return h;
}

static void table_seal(acpi_header_t *h)
{
    h->checksum = 0;
    h->checksum = (uint8_t)(0 - byte_sum(h, h->length));
}

/* A MADT with no entries yet, local APIC at 0xfee00000, PC-AT compatible. */
static acpi_header_t *madt_start(void)
{
    acpi_madt_t *m = (acpi_madt_t *)table_start(scratch, "APIC", sizeof(acpi_madt_t));
    m->lapic_phys = 0xfee00000u;
    m->flags = ACPI_MADT_PCAT_COMPAT;
    return &m->header;
}

static void madt_put(acpi_header_t *h, const void *entry, uint32_t len)
{
    memcpy((uint8_t *)h + h->length, entry, len);
    h->length += len;
}

static void madt_put_cpu(acpi_header_t *h, uint8_t uid, uint8_t apic_id, uint32_t flags)
{
    acpi_madt_lapic_t e = {{ACPI_MADT_LAPIC, sizeof(e)}, uid, apic_id, flags};
    madt_put(h, &e, sizeof(e));
}

static void madt_put_ioapic(acpi_header_t *h, uint8_t id, uint32_t phys, uint32_t gsi_base)
{
    acpi_madt_ioapic_t e = {{ACPI_MADT_IOAPIC, sizeof(e)}, id, 0, phys, gsi_base};
    madt_put(h, &e, sizeof(e));
}

/* ---------------------------------------------------------------- the real tables */

KTEST(acpi, rsdp_valid)
{
    KTEST_ASSERT(tables_ready());
    const acpi_rsdp_t *r = PHYS_TO_VIRT(kmain_boot_info->rsdp);
    KTEST_ASSERT_EQ(acpi_rsdp_valid(r), 0);
    KTEST_ASSERT(r->revision >= 2); /* OVMF publishes an ACPI 2.0+ RSDP */
}

KTEST(acpi, xsdt_present)
{
    KTEST_ASSERT(tables_ready());
    const acpi_rsdp_t *r = PHYS_TO_VIRT(kmain_boot_info->rsdp);
    const acpi_header_t *x = acpi_find("XSDT", 0);
    KTEST_ASSERT(x != NULL);
    KTEST_ASSERT_EQ(VIRT_TO_PHYS(x), r->xsdt_phys);
    KTEST_ASSERT_EQ(acpi_table_valid(x, x->length), 0);
    KTEST_ASSERT(acpi_find("RSDT", 0) == NULL); /* only the root actually used is listed */
}

KTEST(acpi, find_by_index)
{
    KTEST_ASSERT(tables_ready());
    const acpi_header_t *madt = acpi_find("APIC", 0);
    KTEST_ASSERT(madt != NULL);
    KTEST_ASSERT_EQ(memcmp(madt->signature, "APIC", 4), 0);
    KTEST_ASSERT_EQ(acpi_table_valid(madt, madt->length), 0);
    KTEST_ASSERT(acpi_find("APIC", 1) == NULL);
    KTEST_ASSERT(acpi_find("ZZZZ", 0) == NULL);
}

KTEST(acpi, init_idempotent)
{
    KTEST_ASSERT(tables_ready());
    const acpi_madt_info_t *before = acpi_madt();
    unsigned cpus = before->cpu_count;
    KTEST_ASSERT_EQ(acpi_init(kmain_boot_info->rsdp), 0);
    KTEST_ASSERT(acpi_madt() == before);
    KTEST_ASSERT_EQ(acpi_madt()->cpu_count, cpus);
    KTEST_ASSERT(acpi_find("APIC", 1) == NULL); /* nothing was listed twice */
}

KTEST(acpi, madt_lists_bsp)
{
    uint32_t r[4];
    KTEST_ASSERT(tables_ready());
    const acpi_madt_info_t *m = acpi_madt();
    KTEST_ASSERT(m != NULL);
    KTEST_ASSERT(m->cpu_count >= 1);
    cpu_cpuid(1, 0, r);
    uint32_t bsp = r[1] >> 24;
    int found = 0;
    for (unsigned i = 0; i < m->cpu_count; i++)
        found |= m->cpus[i].apic_id == bsp && (m->cpus[i].flags & ACPI_CPU_ENABLED);
    KTEST_ASSERT(found);
    KTEST_ASSERT_EQ(m->lapic_phys, 0xfee00000u);
    KTEST_ASSERT_EQ(m->dropped, 0);
}

KTEST(acpi, madt_ioapic_at_fec00000)
{
    KTEST_ASSERT(tables_ready());
    const acpi_madt_info_t *m = acpi_madt();
    KTEST_ASSERT(m != NULL);
    KTEST_ASSERT(m->ioapic_count >= 1);
    KTEST_ASSERT_EQ(m->ioapics[0].phys, 0xfec00000u);
    KTEST_ASSERT_EQ(m->ioapics[0].gsi_base, 0);
}

KTEST(acpi, irq0_overridden_to_gsi2)
{
    uint16_t flags = 0xffff;
    KTEST_ASSERT(tables_ready());
    KTEST_ASSERT_EQ(acpi_irq_to_gsi(0, &flags), 2);    /* the PIT is wired to I/O APIC pin 2 */
    KTEST_ASSERT_EQ(flags & ~(ACPI_IRQ_POLARITY_MASK | ACPI_IRQ_TRIGGER_MASK), 0);
    KTEST_ASSERT_EQ(acpi_irq_to_gsi(1, &flags), 1);    /* the keyboard has no override */
    KTEST_ASSERT_EQ(flags, 0);
    KTEST_ASSERT_EQ(acpi_irq_to_gsi(1, NULL), 1);
}

KTEST(acpi, hpet_at_fed00000)
{
    uint64_t base = 0;
    KTEST_ASSERT(tables_ready());
    KTEST_ASSERT_EQ(acpi_hpet(&base), 0);
    KTEST_ASSERT_EQ(base, 0xfed00000u);
}

KTEST(acpi, fadt_has_dsdt)
{
    KTEST_ASSERT(tables_ready());
    const acpi_fadt_info_t *f = acpi_fadt();
    KTEST_ASSERT(f != NULL);
    KTEST_ASSERT(f->dsdt_phys != 0);
    const acpi_header_t *dsdt = acpi_find("DSDT", 0);
    KTEST_ASSERT(dsdt != NULL);
    KTEST_ASSERT_EQ(VIRT_TO_PHYS(dsdt), f->dsdt_phys);
    KTEST_ASSERT(f->pm_timer.address != 0); /* both QEMU chipsets have an ACPI PM timer */
    KTEST_ASSERT(f->century != 0);          /* and a century byte in the CMOS */
}

/* ---------------------------------------------------------------- synthetic tables */

KTEST(acpi, table_bad_checksum_rejected)
{
    acpi_header_t *h = table_start(scratch, "TEST", 64);
    scratch[50] = 0x5a;
    table_seal(h);
    KTEST_ASSERT_EQ(acpi_table_valid(h, sizeof(scratch)), 0);
    scratch[50] ^= 0x01; /* one flipped bit anywhere in the body */
    KTEST_ASSERT_EQ(acpi_table_valid(h, sizeof(scratch)), -EIO);
    scratch[50] ^= 0x01;
    h->oem_revision = 7; /* and in the header */
    KTEST_ASSERT_EQ(acpi_table_valid(h, sizeof(scratch)), -EIO);
}

KTEST(acpi, table_bad_length_rejected)
{
    acpi_header_t *h = table_start(scratch, "TEST", 64);
    table_seal(h);
    KTEST_ASSERT_EQ(acpi_table_valid(h, 63), -EINVAL); /* longer than the buffer */
    h->length = 20;                                     /* shorter than a header */
    table_seal(h);
    KTEST_ASSERT_EQ(acpi_table_valid(h, sizeof(scratch)), -EINVAL);
    h->length = ACPI_TABLE_MAX_LEN; /* absurd; never summed, so no overrun */
    KTEST_ASSERT_EQ(acpi_table_valid(h, UINT64_MAX), -EINVAL);
    h->length = 64;
    h->signature[2] = '\n';
    table_seal(h);
    KTEST_ASSERT_EQ(acpi_table_valid(h, sizeof(scratch)), -EINVAL);
}

KTEST(acpi, rsdp_checksums_checked)
{
    acpi_rsdp_t *r = (acpi_rsdp_t *)scratch;
    memset(r, 0, sizeof(*r));
    memcpy(r->signature, "RSD PTR ", 8);
    r->revision = 2;
    r->length = sizeof(*r);
    r->xsdt_phys = 0x12345678;
    r->checksum = (uint8_t)(0 - byte_sum(r, 20));
    r->ext_checksum = (uint8_t)(0 - byte_sum(r, sizeof(*r)));
    KTEST_ASSERT_EQ(acpi_rsdp_valid(r), 0);
    r->xsdt_phys++; /* outside the first 20 bytes: only the extended checksum sees it */
    KTEST_ASSERT_EQ(acpi_rsdp_valid(r), -EINVAL);
    r->revision = 0; /* ACPI 1.0 ignores everything after byte 20 ... */
    r->checksum = (uint8_t)(r->checksum + 2);
    KTEST_ASSERT_EQ(acpi_rsdp_valid(r), 0);
    r->rsdt_phys++; /* ... but not the first 20 */
    KTEST_ASSERT_EQ(acpi_rsdp_valid(r), -EINVAL);
}

KTEST(acpi, madt_zero_length_entry_stops)
{
    acpi_header_t *h = madt_start();
    uint8_t zero[2] = {0x7f, 0}; /* an unknown type: only the length says where the next is */
    madt_put_cpu(h, 0, 0, ACPI_CPU_ENABLED);
    madt_put_ioapic(h, 1, 0xfec00000u, 0);
    madt_put(h, zero, sizeof(zero));
    madt_put_cpu(h, 1, 1, ACPI_CPU_ENABLED); /* never reached */
    table_seal(h);
    KTEST_ASSERT_EQ(acpi_madt_parse(h, &parsed), -EINVAL);
    KTEST_ASSERT_EQ(parsed.cpu_count, 1);
    KTEST_ASSERT_EQ(parsed.ioapic_count, 1);
    KTEST_ASSERT_EQ(parsed.ioapics[0].phys, 0xfec00000u);
    KTEST_ASSERT_EQ(parsed.lapic_phys, 0xfee00000u);
}

KTEST(acpi, madt_entry_past_end_stops)
{
    acpi_header_t *h = madt_start();
    madt_put_ioapic(h, 1, 0xfec00000u, 0);
    madt_put_cpu(h, 0, 0, ACPI_CPU_ENABLED);
    h->length -= 4; /* the table now ends inside the CPU entry */
    table_seal(h);
    KTEST_ASSERT_EQ(acpi_madt_parse(h, &parsed), -EINVAL);
    KTEST_ASSERT_EQ(parsed.ioapic_count, 1);
    KTEST_ASSERT_EQ(parsed.cpu_count, 0);
    h->length = sizeof(acpi_madt_t) + 1; /* a lone type byte, no length byte */
    KTEST_ASSERT_EQ(acpi_madt_parse(h, &parsed), -EINVAL);
    h = madt_start();
    uint8_t short_cpu[4] = {ACPI_MADT_LAPIC, 4, 0, 0}; /* shorter than a CPU entry must be */
    madt_put(h, short_cpu, sizeof(short_cpu));
    KTEST_ASSERT_EQ(acpi_madt_parse(h, &parsed), -EINVAL);
    KTEST_ASSERT_EQ(parsed.cpu_count, 0);
}

KTEST(acpi, madt_too_many_cpus_capped)
{
    acpi_header_t *h = madt_start();
    for (unsigned i = 0; i < ACPI_MAX_CPUS + 6; i++)
        madt_put_cpu(h, (uint8_t)i, (uint8_t)i, ACPI_CPU_ENABLED);
    madt_put_ioapic(h, 2, 0xfec01000u, 24); /* after the excess: still recorded */
    KTEST_ASSERT(h->length <= sizeof(scratch));
    table_seal(h);
    KTEST_ASSERT_EQ(acpi_madt_parse(h, &parsed), 0);
    KTEST_ASSERT_EQ(parsed.cpu_count, ACPI_MAX_CPUS);
    KTEST_ASSERT_EQ(parsed.dropped, 6);
    KTEST_ASSERT_EQ(parsed.cpus[ACPI_MAX_CPUS - 1].apic_id, ACPI_MAX_CPUS - 1);
    KTEST_ASSERT_EQ(parsed.ioapic_count, 1);
    KTEST_ASSERT_EQ(parsed.ioapics[0].gsi_base, 24);
}

KTEST(acpi, madt_entry_kinds)
{
    acpi_header_t *h = madt_start();
    acpi_madt_x2apic_t x2 = {{ACPI_MADT_X2APIC, sizeof(x2)}, 0, 300, ACPI_CPU_ENABLED, 42};
    acpi_madt_x2apic_t x2dup = {{ACPI_MADT_X2APIC, sizeof(x2dup)}, 0, 1, ACPI_CPU_ENABLED, 1};
    acpi_madt_override_t iso = {{ACPI_MADT_OVERRIDE, sizeof(iso)}, 0, 9, 20,
                                ACPI_IRQ_LEVEL | ACPI_IRQ_ACTIVE_LOW};
    acpi_madt_lapic_nmi_t nmi = {{ACPI_MADT_LAPIC_NMI, sizeof(nmi)}, 0xff, ACPI_IRQ_EDGE, 1};
    acpi_madt_lapic_addr_t addr = {{ACPI_MADT_LAPIC_ADDR, sizeof(addr)}, 0, 0x100000000ull};
    uint8_t unknown[3] = {0x7f, 3, 0xaa};
    madt_put_cpu(h, 0, 0, 0);                       /* disabled: not listed */
    madt_put_cpu(h, 1, 1, ACPI_CPU_ONLINE_CAPABLE); /* can be started: listed */
    madt_put(h, &x2, sizeof(x2));
    madt_put(h, &x2dup, sizeof(x2dup));             /* same APIC id again: once only */
    madt_put(h, unknown, sizeof(unknown));          /* skipped by its length */
    madt_put(h, &iso, sizeof(iso));
    madt_put(h, &nmi, sizeof(nmi));
    madt_put(h, &addr, sizeof(addr));
    KTEST_ASSERT_EQ(acpi_madt_parse(h, &parsed), 0);
    KTEST_ASSERT_EQ(parsed.cpu_count, 2);
    KTEST_ASSERT_EQ(parsed.cpus[0].apic_id, 1);
    KTEST_ASSERT_EQ(parsed.cpus[1].apic_id, 300);
    KTEST_ASSERT_EQ(parsed.cpus[1].uid, 42);
    KTEST_ASSERT_EQ(parsed.override_count, 1);
    KTEST_ASSERT_EQ(parsed.overrides[0].irq, 9);
    KTEST_ASSERT_EQ(parsed.overrides[0].gsi, 20);
    KTEST_ASSERT_EQ(parsed.overrides[0].flags, ACPI_IRQ_LEVEL | ACPI_IRQ_ACTIVE_LOW);
    KTEST_ASSERT_EQ(parsed.nmi_count, 1);
    KTEST_ASSERT_EQ(parsed.nmis[0].uid, ACPI_UID_ALL);
    KTEST_ASSERT_EQ(parsed.nmis[0].lint, 1);
    KTEST_ASSERT_EQ(parsed.lapic_phys, 0x100000000ull);
    KTEST_ASSERT_EQ(parsed.flags, ACPI_MADT_PCAT_COMPAT);
    memcpy(h->signature, "APIX", 4);
    KTEST_ASSERT_EQ(acpi_madt_parse(h, &parsed), -EINVAL);
}

KTEST(acpi, fadt_revision1_and_later)
{
    acpi_fadt_t *f = (acpi_fadt_t *)table_start(scratch, "FACP", 116);
    acpi_fadt_info_t info;
    f->dsdt = 0x1234000;
    f->pm_tmr_blk = 0x408;
    f->pm_tmr_len = 4;
    f->century = 0x32;
    f->flags = ACPI_FADT_RESET_REG_SUP; /* a revision 1 table has no reset register to use */
    f->reset_reg.address = 0xcf9;       /* lies past the table's 116 bytes: must not be read */
    KTEST_ASSERT_EQ(acpi_fadt_parse(&f->header, &info), 0);
    KTEST_ASSERT_EQ(info.dsdt_phys, 0x1234000);
    KTEST_ASSERT_EQ(info.pm_timer.space, ACPI_GAS_IO);
    KTEST_ASSERT_EQ(info.pm_timer.address, 0x408);
    KTEST_ASSERT_EQ(info.century, 0x32);
    KTEST_ASSERT_EQ(info.has_8042, 1);
    KTEST_ASSERT_EQ(info.has_reset, 0);
    f->header.length = sizeof(acpi_fadt_t);
    f->header.revision = 3;
    f->iapc_boot_arch = ACPI_BOOT_VGA_ABSENT | ACPI_BOOT_RTC_ABSENT;
    f->reset_reg.space = ACPI_GAS_IO;
    f->reset_value = 6;
    f->x_dsdt = 0x2000000000ull;
    KTEST_ASSERT_EQ(acpi_fadt_parse(&f->header, &info), 0);
    KTEST_ASSERT_EQ(info.dsdt_phys, 0x2000000000ull);
    KTEST_ASSERT(info.has_reset && info.reset_reg.address == 0xcf9 && info.reset_value == 6);
    KTEST_ASSERT(!info.has_8042 && info.vga_absent && info.rtc_absent);
    f->header.length = 100;
    KTEST_ASSERT_EQ(acpi_fadt_parse(&f->header, &info), -EINVAL);
}

/* A synthetic RSDP -> XSDT -> {good table, table with a bad checksum}, in RAM. */
static uint64_t build_firmware(uint64_t *good_phys)
{
    acpi_rsdp_t *r = (acpi_rsdp_t *)scratch;
    acpi_header_t *x = table_start(scratch + 64, "XSDT", sizeof(acpi_header_t) + 16);
    acpi_header_t *good = table_start(scratch + 256, "GOOD", 40);
    acpi_header_t *bad = table_start(scratch + 512, "BAD!", 40);
    uint64_t entries[2] = {image_phys(good), image_phys(bad)};
    table_seal(good);
    table_seal(bad);
    bad->creator_id++;
    memcpy(x + 1, entries, sizeof(entries));
    table_seal(x);
    memset(r, 0, sizeof(*r));
    memcpy(r->signature, "RSD PTR ", 8);
    r->revision = 2;
    r->length = sizeof(*r);
    r->xsdt_phys = image_phys(x);
    r->checksum = (uint8_t)(0 - byte_sum(r, 20));
    r->ext_checksum = (uint8_t)(0 - byte_sum(r, sizeof(*r)));
    *good_phys = entries[0];
    return image_phys(r);
}

KTEST(acpi, scan_skips_bad_table)
{
    uint64_t tables[4], good;
    unsigned count = 99;
    uint64_t rsdp = build_firmware(&good);
    KTEST_ASSERT_EQ(acpi_scan(rsdp, tables, 4, &count), 0);
    KTEST_ASSERT_EQ(count, 2); /* the XSDT and the good table; the bad one skipped */
    KTEST_ASSERT_EQ(tables[0], image_phys(scratch + 64));
    KTEST_ASSERT_EQ(tables[1], good);
    KTEST_ASSERT_EQ(acpi_scan(rsdp, tables, 1, &count), 0); /* no room: the rest dropped */
    KTEST_ASSERT_EQ(count, 1);
    KTEST_ASSERT_EQ(acpi_scan(0, tables, 4, &count), -ENOENT);
    scratch[64 + 20]++; /* break the XSDT; there is no RSDT to fall back on */
    KTEST_ASSERT_EQ(acpi_scan(rsdp, tables, 4, &count), -EINVAL);
    KTEST_ASSERT_EQ(count, 0);
    scratch[12]++; /* break the RSDP itself */
    KTEST_ASSERT_EQ(acpi_scan(rsdp, tables, 4, &count), -EINVAL);
}
