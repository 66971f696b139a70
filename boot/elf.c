/*
 * elf.c - checking the kernel's ELF64 file and copying its loadable segments into one
 * contiguous run of physical pages. paging.c then maps that run at BOOT_KERNEL_BASE.
 * Every header field is checked against the file's size before it is used.
 */
#include <abi/elf.h>
#include "loader.h"

#define KERNEL_MAX_SPAN (256ull << 20)

static efi_status_t elf_check_header(const boot_blob_t *file, const elf64_ehdr_t *eh)
{
    if (file->size < sizeof(*eh) || *(const uint32_t *)eh->ident != ELF_MAGIC)
        return con_fail("kernel.elf is not an ELF file\n");
    if (eh->ident[4] != ELF_CLASS64 || eh->ident[5] != ELF_DATA_LSB || eh->machine != ELF_MACHINE_X86_64 ||
        eh->type != ELF_TYPE_EXEC)
        return con_fail("kernel.elf is not an x86_64 ELF64 executable\n");
    if (eh->phentsize != sizeof(elf64_phdr_t) || eh->phnum == 0 || eh->phoff > file->size ||
        (uint64_t)eh->phnum * sizeof(elf64_phdr_t) > file->size - eh->phoff)
        return con_fail("kernel.elf has a bad program header table\n");
    return EFI_SUCCESS;
}

static efi_status_t elf_span(const boot_blob_t *file, const elf64_phdr_t *ph, unsigned n, uint64_t *lo,
                             uint64_t *hi)
{
    *lo = ~0ull;
    *hi = 0;
    for (unsigned i = 0; i < n; i++) {
        if (ph[i].type != ELF_PT_LOAD)
            continue;
        if (ph[i].filesz > ph[i].memsz || ph[i].offset > file->size || ph[i].filesz > file->size - ph[i].offset ||
            ph[i].vaddr < BOOT_KERNEL_BASE || ph[i].memsz > KERNEL_MAX_SPAN ||
            ph[i].vaddr + ph[i].memsz < ph[i].vaddr)
            return con_fail("kernel.elf segment %u is malformed or outside the kernel half\n", i);
        if (ph[i].vaddr < *lo)
            *lo = ph[i].vaddr;
        if (ph[i].vaddr + ph[i].memsz > *hi)
            *hi = ph[i].vaddr + ph[i].memsz;
    }
    if (*lo != BOOT_KERNEL_BASE || *hi - *lo > KERNEL_MAX_SPAN)
        return con_fail("kernel.elf must be linked at 0x%lx and be under 256 MiB\n", BOOT_KERNEL_BASE);
    return EFI_SUCCESS;
}

efi_status_t elf_load_kernel(const boot_blob_t *file, boot_info_t *info, uint64_t *entry)
{
    const elf64_ehdr_t *eh = (const elf64_ehdr_t *)file->base;
    efi_status_t st = elf_check_header(file, eh);
    if (EFI_IS_ERROR(st))
        return st;
    const elf64_phdr_t *ph = (const elf64_phdr_t *)(file->base + eh->phoff);
    uint64_t lo, hi;
    st = elf_span(file, ph, eh->phnum, &lo, &hi);
    if (EFI_IS_ERROR(st))
        return st;
    if (eh->entry < lo || eh->entry >= hi)
        return con_fail("kernel.elf entry point 0x%lx is outside its segments\n", eh->entry);
    info->kernel_size = PAGES(hi - lo) * PAGE_SIZE;
    info->kernel_phys = mem_alloc_pages(PAGES(hi - lo));
    if (!info->kernel_phys)
        return con_fail("no memory for the kernel image (%lu bytes)\n", hi - lo);
    mem_zero((void *)info->kernel_phys, info->kernel_size); /* .bss and the gaps */
    for (unsigned i = 0; i < eh->phnum; i++)
        if (ph[i].type == ELF_PT_LOAD)
            mem_copy((void *)(info->kernel_phys + ph[i].vaddr - lo), (const void *)(file->base + ph[i].offset),
                     ph[i].filesz);
    *entry = eh->entry;
    return EFI_SUCCESS;
}
