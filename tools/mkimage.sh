#!/bin/sh
# mkimage.sh - builds a bootable GPT disk image without root or loop devices:
# one EFI System Partition (FAT32) from 1 MiB to the end, holding
#   EFI/BOOT/BOOTX64.EFI, patchwork/kernel.elf, patchwork/ramdisk.tar, patchwork/boot.cfg
# usage: mkimage.sh OUT.img BOOTX64.EFI kernel.elf ramdisk.tar boot.cfg
set -eu
[ $# -eq 5 ] || { echo "usage: $0 OUT.img BOOTX64.EFI kernel.elf ramdisk.tar boot.cfg" >&2; exit 2; }
out=$1 efi=$2 kernel=$3 ramdisk=$4 cfg=$5

# FAT32 needs at least 65525 clusters; 64 MiB with 512-byte clusters leaves room to grow.
payload_kib=$(du -k -c "$efi" "$kernel" "$ramdisk" "$cfg" | tail -n 1 | cut -f 1)
size_mib=$(( (payload_kib / 1024) * 2 + 64 ))
tmp="$out.tmp"
rm -f "$tmp"
truncate -s "${size_mib}M" "$tmp"
sgdisk --clear --new=1:2048:0 --typecode=1:ef00 --change-name=1:"EFI System" "$tmp" >/dev/null
sectors=$(( size_mib * 2048 - 2048 - 34 ))
mformat -i "$tmp@@1M" -F -T "$sectors" -h 64 -s 32 -c 1 -v PATCHWORK ::
mmd -i "$tmp@@1M" ::/EFI ::/EFI/BOOT ::/patchwork
mcopy -i "$tmp@@1M" "$efi" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$tmp@@1M" "$kernel" ::/patchwork/kernel.elf
mcopy -i "$tmp@@1M" "$ramdisk" ::/patchwork/ramdisk.tar
mcopy -i "$tmp@@1M" "$cfg" ::/patchwork/boot.cfg
mv "$tmp" "$out"
