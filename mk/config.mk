# config.mk - compilers and flags, in one place.
# The kernel is built with Debian's gcc in freestanding mode (no SIMD: user threads own
# the SIMD state, see the scheduler); the UEFI loader with clang + lld-link, which emit
# PE32+ directly; host tests with the host's gcc and Criterion.

CC := gcc
LD := ld
CLANG := clang
LLD_LINK := lld-link
PYTHON := /usr/bin/python3
OVMF := /usr/share/ovmf/OVMF.fd
FONT_SRC := /usr/share/consolefonts/Lat15-Terminus16.psf.gz

WARN := -Wall -Wextra -Werror
DEPFLAGS = -MMD -MP

KERNEL_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -fno-stack-protector -fno-pic -fno-pie \
	-mno-red-zone -mno-mmx -mno-sse -mno-sse2 -mno-avx -mcmodel=kernel \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-asynchronous-unwind-tables \
	-Ikernel -Iinclude
KERNEL_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments

BOOT_CFLAGS := -target x86_64-unknown-windows -std=gnu11 -O2 $(WARN) -ffreestanding -fshort-wchar \
	-mno-red-zone -mno-stack-arg-probe -fno-stack-protector -Iinclude
BOOT_LDFLAGS := -subsystem:efi_application -entry:efi_main -nodefaultlib

HOST_CFLAGS := -std=gnu11 -O1 -g $(WARN) -DHOST_TEST -fno-builtin -Ikernel -Iinclude
