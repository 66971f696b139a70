/*
 * elf.h - the ELF64 structures shared by the loader (kernel image), the kernel (its
 * symbol table, and user executables in spawn) and host tools. Only x86_64 little-endian.
 */
#ifndef ABI_ELF_H
#define ABI_ELF_H

#include <stdint.h>

#define ELF_MAGIC 0x464c457fu /**< "\x7fELF" read as a little-endian word */
#define ELF_CLASS64 2
#define ELF_DATA_LSB 1
#define ELF_TYPE_EXEC 2
#define ELF_MACHINE_X86_64 62

#define ELF_PT_LOAD 1
#define ELF_PF_X 1
#define ELF_PF_W 2
#define ELF_PF_R 4

#define ELF_SHT_SYMTAB 2
#define ELF_STT_FUNC 2
#define ELF_ST_TYPE(info) ((info) & 0xf)

/** File header. */
typedef struct elf64_ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
} elf64_ehdr_t;

/** Program (segment) header. */
typedef struct elf64_phdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
} elf64_phdr_t;

/** Section header. */
typedef struct elf64_shdr {
    uint32_t name, type;
    uint64_t flags, addr, offset, size;
    uint32_t link, info;
    uint64_t addralign, entsize;
} elf64_shdr_t;

/** Symbol table entry. */
typedef struct elf64_sym {
    uint32_t name;
    uint8_t info, other;
    uint16_t shndx;
    uint64_t value, size;
} elf64_sym_t;

#endif
