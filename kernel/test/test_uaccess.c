/*
 * test_uaccess.c - the kernel side of user space: the ELF checks (every malformed header
 * is -ENOEXEC) and the user-memory access layer (kernel addresses, wrapping ranges and
 * unmapped pages give -EFAULT instead of a fault).
 */
#include "test/ktest.h"
#include <abi/elf.h>
#include <abi/errno.h>
#include "lib/string.h"
#include "mm/layout.h"
#include "mm/user.h"
#include "mm/vmm.h"
#include "proc/elf.h"

static uint8_t image[8192];

/* A minimal valid executable: one RX segment at 0x400000 holding the whole file. */
static elf64_ehdr_t *make_elf(void)
{
    memset(image, 0, sizeof(image));
    elf64_ehdr_t *eh = (elf64_ehdr_t *)image;
    memcpy(eh->ident, "\x7f" "ELF", 4);
    eh->ident[4] = ELF_CLASS64;
    eh->ident[5] = ELF_DATA_LSB;
    eh->ident[6] = 1;
    eh->type = ELF_TYPE_EXEC;
    eh->machine = ELF_MACHINE_X86_64;
    eh->version = 1;
    eh->entry = 0x400100;
    eh->phoff = sizeof(*eh);
    eh->phentsize = sizeof(elf64_phdr_t);
    eh->phnum = 1;
    eh->ehsize = sizeof(*eh);
    elf64_phdr_t *ph = (elf64_phdr_t *)(image + eh->phoff);
    ph->type = ELF_PT_LOAD;
    ph->flags = ELF_PF_R | ELF_PF_X;
    ph->offset = 0;
    ph->vaddr = 0x400000;
    ph->filesz = sizeof(image);
    ph->memsz = sizeof(image);
    return eh;
}

static elf64_phdr_t *phdr(void)
{
    return (elf64_phdr_t *)(image + sizeof(elf64_ehdr_t));
}

KTEST(elf, valid_image_accepted)
{
    make_elf();
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), 0);
}

KTEST(elf, bad_identity_rejected)
{
    make_elf()->ident[0] = 0;
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
    make_elf()->ident[4] = 1; /* 32-bit */
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
    make_elf()->machine = 3; /* i386 */
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
    make_elf()->type = 3; /* shared object */
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
}

KTEST(elf, truncated_rejected)
{
    make_elf();
    KTEST_ASSERT_EQ(elf_check(image, 40), -ENOEXEC);           /* shorter than the header */
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image) - 1), -ENOEXEC); /* segment past the end */
    make_elf()->phnum = 0xffff;
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
    make_elf()->phoff = sizeof(image) - 8;
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
}

KTEST(elf, segments_checked)
{
    make_elf();
    phdr()->vaddr = 0xffffffff80000000ull; /* the kernel half */
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
    make_elf();
    phdr()->vaddr = 0x00007ffffffff000ull; /* runs past the end of user space */
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
    make_elf();
    phdr()->flags = ELF_PF_R | ELF_PF_W | ELF_PF_X;
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
    make_elf();
    phdr()->filesz = phdr()->memsz + 1;
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
    make_elf();
    phdr()->offset = 1; /* vaddr and offset disagree modulo the page size */
    phdr()->filesz = 16;
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
}

KTEST(elf, entry_must_be_executable)
{
    make_elf()->entry = 0x500000;
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
    make_elf();
    phdr()->flags = ELF_PF_R | ELF_PF_W;
    KTEST_ASSERT_EQ(elf_check(image, sizeof(image)), -ENOEXEC);
}

KTEST(uaccess, kernel_and_wrapping_ranges_refused)
{
    uint64_t v = 0;
    KTEST_ASSERT_EQ(user_copy_from(&v, UPTR(&v), 8), -EFAULT); /* a kernel address */
    KTEST_ASSERT_EQ(user_copy_to(UPTR(0xffffffff80000000ull), &v, 8), -EFAULT);
    KTEST_ASSERT_EQ(user_copy_from(&v, UPTR(LAYOUT_USER_END - 4), 8), -EFAULT); /* crosses into the hole */
    KTEST_ASSERT_EQ(user_copy_from(&v, UPTR(~0ull - 3), 8), -EFAULT);          /* wraps */
    KTEST_ASSERT_EQ(user_copy_from(&v, UPTR(0), 8), -EFAULT);                   /* NULL page */
    KTEST_ASSERT(!user_range_ok(0x1000, ~0ull));
}

KTEST(uaccess, unmapped_page_is_efault_not_a_crash)
{
    vmm_space_t s;
    KTEST_ASSERT_EQ(vmm_space_init(&s), 0);
    paddr_t f = pmm_alloc_zeroed();
    KTEST_ASSERT_EQ(vmm_map(&s, 0x400000, f, VMM_USER | VMM_WRITE | VMM_OWNED), 0);
    char buf[32];
    uint64_t flags = cpu_flags();
    cpu_cli(); /* stay on this CPU with s loaded */
    vmm_space_switch(&s);
    int ok_write = user_copy_to(UPTR(0x400ff0), "hello", 6);
    int ok_read = user_copy_from(buf, UPTR(0x400ff0), 6);
    int across = user_copy_from(buf, UPTR(0x400ff8), 16); /* runs into the unmapped next page */
    int unmapped = user_copy_to(UPTR(0x800000), buf, 4);
    int64_t str = user_string(buf, UPTR(0x400ff0), sizeof(buf));
    int64_t str_bad = user_string(buf, UPTR(0x401000), sizeof(buf));
    vmm_space_switch(vmm_kernel_space());
    if (flags & CPU_FLAG_IF)
        cpu_sti();
    vmm_space_deinit(&s);
    KTEST_ASSERT_EQ(ok_write, 0);
    KTEST_ASSERT_EQ(ok_read, 0);
    KTEST_ASSERT_EQ(across, -EFAULT);
    KTEST_ASSERT_EQ(unmapped, -EFAULT);
    KTEST_ASSERT_EQ(str, 5);
    KTEST_ASSERT_EQ(str_bad, -EFAULT);
}

KTEST(uaccess, overlong_string_refused)
{
    vmm_space_t s;
    KTEST_ASSERT_EQ(vmm_space_init(&s), 0);
    paddr_t f = pmm_alloc();
    memset(PHYS_TO_VIRT(f), 'a', PAGE_SIZE);
    KTEST_ASSERT_EQ(vmm_map(&s, 0x400000, f, VMM_USER | VMM_WRITE | VMM_OWNED), 0);
    char buf[64];
    uint64_t flags = cpu_flags();
    cpu_cli();
    vmm_space_switch(&s);
    int64_t rc = user_string(buf, UPTR(0x400000), sizeof(buf));
    vmm_space_switch(vmm_kernel_space());
    if (flags & CPU_FLAG_IF)
        cpu_sti();
    vmm_space_deinit(&s);
    KTEST_ASSERT_EQ(rc, -ENAMETOOLONG);
}
