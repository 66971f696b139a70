/*
 * symbols.c - lookups in the kernel ELF's .symtab. Every offset read from the file is
 * checked against its size first: a damaged file means no names, not a second fault
 * inside a panic.
 */
#include "symbols.h"
#include <abi/elf.h>
#include "lib/string.h"
#include "mm/layout.h"

static const elf64_sym_t *syms; /* written once by symbols_init */
static uint64_t sym_count;
static const char *strtab;
static uint64_t strtab_size;

static int in_file(uint64_t off, uint64_t len, uint64_t size)
{
    return off <= size && len <= size - off;
}

void symbols_init(const boot_blob_t *file)
{
    const uint8_t *base = PHYS_TO_VIRT(file->base);
    const elf64_ehdr_t *eh = (const elf64_ehdr_t *)base;
    if (file->size < sizeof(*eh) || eh->shentsize != sizeof(elf64_shdr_t) ||
        !in_file(eh->shoff, (uint64_t)eh->shnum * sizeof(elf64_shdr_t), file->size))
        return;
    const elf64_shdr_t *sh = (const elf64_shdr_t *)(base + eh->shoff);
    for (unsigned i = 0; i < eh->shnum; i++) {
        if (sh[i].type != ELF_SHT_SYMTAB || sh[i].link >= eh->shnum)
            continue;
        const elf64_shdr_t *st = &sh[sh[i].link];
        if (!in_file(sh[i].offset, sh[i].size, file->size) || !in_file(st->offset, st->size, file->size))
            return;
        syms = (const elf64_sym_t *)(base + sh[i].offset);
        sym_count = sh[i].size / sizeof(elf64_sym_t);
        strtab = (const char *)(base + st->offset);
        strtab_size = st->size;
        return;
    }
}

static const char *sym_name(const elf64_sym_t *s)
{
    if (s->name >= strtab_size || strnlen(strtab + s->name, strtab_size - s->name) == strtab_size - s->name)
        return 0;
    return strtab + s->name;
}

const char *symbols_lookup(uint64_t addr, uint64_t *offset)
{
    const elf64_sym_t *best = 0;
    for (uint64_t i = 0; i < sym_count; i++) {
        const elf64_sym_t *s = &syms[i];
        if (ELF_ST_TYPE(s->info) != ELF_STT_FUNC || s->value > addr)
            continue;
        if (addr < s->value + (s->size ? s->size : 1) && (!best || s->value > best->value))
            best = s;
    }
    if (!best)
        return 0;
    *offset = addr - best->value;
    return sym_name(best);
}

uint64_t symbols_find(const char *name)
{
    for (uint64_t i = 0; i < sym_count; i++) {
        const char *n = sym_name(&syms[i]);
        if (n && strcmp(n, name) == 0)
            return syms[i].value;
    }
    return 0;
}
