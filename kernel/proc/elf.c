/*
 * elf.c - the ELF64 loader for user programs. Segments must lie in user space above
 * the first page, not overlap, keep vaddr and offset congruent modulo the page size,
 * and not be writable and executable at once; the entry point must be in an executable
 * segment. Pages are fresh zeroed frames owned by the mapping.
 */
#include "elf.h"
#include <abi/elf.h>
#include <abi/errno.h>
#include "lib/string.h"
#include "mm/layout.h"
#include "mm/user.h"

static int elf_check_segment(const elf64_phdr_t *ph, size_t size)
{
    if (ph->filesz > ph->memsz || ph->offset > size || ph->filesz > size - ph->offset)
        return -ENOEXEC;
    if (ph->memsz == 0 || !user_range_ok(ph->vaddr, ph->memsz) || ph->vaddr < 0x10000)
        return -ENOEXEC;
    if ((ph->vaddr & (PAGE_SIZE - 1)) != (ph->offset & (PAGE_SIZE - 1)))
        return -ENOEXEC;
    if ((ph->flags & ELF_PF_W) && (ph->flags & ELF_PF_X))
        return -ENOEXEC;
    return 0;
}

static int elf_overlap(const elf64_phdr_t *a, const elf64_phdr_t *b)
{
    uint64_t a0 = a->vaddr & ~(PAGE_SIZE - 1), a1 = a->vaddr + a->memsz;
    uint64_t b0 = b->vaddr & ~(PAGE_SIZE - 1), b1 = b->vaddr + b->memsz;
    return a0 < b1 && b0 < a1;
}

int elf_check(const uint8_t *image, size_t size)
{
    const elf64_ehdr_t *eh = (const elf64_ehdr_t *)image;
    if (size < sizeof(*eh) || *(const uint32_t *)eh->ident != ELF_MAGIC || eh->ident[4] != ELF_CLASS64 ||
        eh->ident[5] != ELF_DATA_LSB || eh->type != ELF_TYPE_EXEC || eh->machine != ELF_MACHINE_X86_64)
        return -ENOEXEC;
    if (eh->phentsize != sizeof(elf64_phdr_t) || eh->phnum == 0 || eh->phnum > ELF_MAX_SEGMENTS ||
        eh->phoff > size || (uint64_t)eh->phnum * sizeof(elf64_phdr_t) > size - eh->phoff)
        return -ENOEXEC;
    const elf64_phdr_t *ph = (const elf64_phdr_t *)(image + eh->phoff);
    int entry_ok = 0;
    for (unsigned i = 0; i < eh->phnum; i++) {
        if (ph[i].type != ELF_PT_LOAD)
            continue;
        if (elf_check_segment(&ph[i], size))
            return -ENOEXEC;
        for (unsigned j = 0; j < i; j++)
            if (ph[j].type == ELF_PT_LOAD && elf_overlap(&ph[i], &ph[j]))
                return -ENOEXEC;
        if ((ph[i].flags & ELF_PF_X) && eh->entry >= ph[i].vaddr && eh->entry < ph[i].vaddr + ph[i].memsz)
            entry_ok = 1;
    }
    return entry_ok ? 0 : -ENOEXEC;
}

static unsigned elf_prot(uint32_t flags)
{
    return VMM_USER | VMM_OWNED | ((flags & ELF_PF_W) ? VMM_WRITE : 0) | ((flags & ELF_PF_X) ? VMM_EXEC : 0);
}

static int elf_map_segment(vmm_space_t *s, const uint8_t *image, const elf64_phdr_t *ph)
{
    uint64_t start = ph->vaddr & ~(PAGE_SIZE - 1), end = ph->vaddr + ph->memsz;
    for (uint64_t va = start; va < end; va += PAGE_SIZE) {
        paddr_t f = pmm_alloc_zeroed();
        if (!f)
            return -ENOMEM;
        /* the part of the file that lands in this page */
        uint64_t lo = va > ph->vaddr ? va : ph->vaddr, hi = va + PAGE_SIZE;
        uint64_t file_end = ph->vaddr + ph->filesz;
        if (hi > file_end)
            hi = file_end;
        if (lo < hi)
            memcpy((uint8_t *)PHYS_TO_VIRT(f) + (lo - va), image + ph->offset + (lo - ph->vaddr), hi - lo);
        if (vmm_map(s, va, f, elf_prot(ph->flags))) {
            pmm_free(f);
            return -ENOMEM;
        }
    }
    return 0;
}

int elf_load(vmm_space_t *s, const uint8_t *image, size_t size, uint64_t *entry)
{
    int rc = elf_check(image, size);
    if (rc)
        return rc;
    const elf64_ehdr_t *eh = (const elf64_ehdr_t *)image;
    const elf64_phdr_t *ph = (const elf64_phdr_t *)(image + eh->phoff);
    for (unsigned i = 0; i < eh->phnum; i++)
        if (ph[i].type == ELF_PT_LOAD && (rc = elf_map_segment(s, image, &ph[i])))
            return rc;
    *entry = eh->entry;
    return 0;
}
