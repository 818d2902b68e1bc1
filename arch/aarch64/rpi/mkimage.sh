#!/usr/bin/env bash
# Build ringel-rpi.img, the Raspberry Pi 3/4 SD-card image, without root:
# an MBR with one bootable FAT32 partition holding the Pi firmware, U-Boot,
# the device trees (all from Debian's packages, unpacked by scripts/setup),
# config.txt, boot.scr, and Ringel's Image (also as kernel8.img) and
# initramfs.  See docs/raspberry-pi.md.
#
#   mkimage.sh --debs DIR --image Image --initrd initramfs.cpio
#              --test-initrd initramfs-test.cpio --src DIR --work DIR --out ringel-rpi.img
#   --debs  the unpacked Debian packages (.cache/debs/root)
#   --src   this directory (config.txt, boot.cmd)
#   --work  scratch directory (the staged partition contents, boot.scr)
set -euo pipefail

debs="" image="" initrd="" test_initrd="" src="" work="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --debs) debs=$2 ;;
    --image) image=$2 ;;
    --initrd) initrd=$2 ;;
    --test-initrd) test_initrd=$2 ;;
    --src) src=$2 ;;
    --work) work=$2 ;;
    --out) out=$2 ;;
    *) echo "mkimage.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift 2
done
for v in debs image initrd test_initrd src work out; do
  [ -n "${!v}" ] || { echo "mkimage.sh: --${v/_/-} is required" >&2; exit 2; }
done

die() { echo "rpi-image: $*" >&2; exit 1; }
for tool in mkimage sfdisk mkfs.vfat mcopy; do
  command -v "$tool" >/dev/null 2>&1 ||
    die "$tool is missing (packages u-boot-tools, fdisk, dosfstools, mtools: run ./scripts/setup)"
done

# ---- the inputs
fw=$debs/usr/lib/raspi-firmware
uboot=$debs/usr/lib/u-boot/rpi_arm64/u-boot.bin
# The newest unpacked kernel package's Broadcom device trees.
dtbdir=$(ls -d "$debs"/usr/lib/linux-image-*/broadcom 2>/dev/null | sort -V | tail -n 1 || true)
dtbs=(bcm2837-rpi-3-b.dtb bcm2837-rpi-3-b-plus.dtb bcm2711-rpi-4-b.dtb)
firmware=(bootcode.bin start.elf fixup.dat start4.elf fixup4.dat)

[ -d "$fw" ] || die "no Pi firmware in $fw (raspi-firmware): run ./scripts/setup"
[ -f "$uboot" ] || die "no U-Boot in $uboot (u-boot-rpi): run ./scripts/setup"
[ -n "$dtbdir" ] || die "no device trees in $debs/usr/lib/linux-image-*/broadcom (linux-image-arm64): run ./scripts/setup"
for f in "$image" "$initrd" "$test_initrd" "$src/config.txt" "$src/boot.cmd"; do
  [ -f "$f" ] || die "missing $f"
done

# ---- the partition's contents
stage=$work/boot
rm -rf "$stage"
mkdir -p "$stage"
for f in "${firmware[@]}"; do
  [ -f "$fw/$f" ] || die "missing firmware file $fw/$f"
  cp -p "$fw/$f" "$stage/"
done
for f in "${dtbs[@]}"; do
  [ -f "$dtbdir/$f" ] || die "missing device tree $dtbdir/$f"
  cp -p "$dtbdir/$f" "$stage/"
done
cp -p "$uboot" "$stage/u-boot.bin"
cp "$src/config.txt" "$stage/config.txt"
cp "$image" "$stage/Image"
cp "$image" "$stage/kernel8.img"
cp "$initrd" "$stage/initramfs.cpio"
# The in-guest test suite as /init, for running it on the board (boot.cmd).
cp "$test_initrd" "$stage/initramfs-test.cpio"
# The licences of what we redistribute (Debian's copyright files).
doc=$debs/usr/share/doc
[ -f "$doc/raspi-firmware/copyright" ] && cp "$doc/raspi-firmware/copyright" "$stage/LICENCE.broadcom"
[ -f "$doc/u-boot-rpi/copyright" ] && cp "$doc/u-boot-rpi/copyright" "$stage/COPYING.u-boot"
# A fixed timestamp in boot.scr's header, so it does not change from build to build.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-0} mkimage -A arm64 -O linux -T script -C none \
  -n "Ringel boot script" -d "$src/boot.cmd" "$stage/boot.scr" >/dev/null

# ---- the image: a power of two (QEMU insists), at least 64 MiB (FAT32 needs
# 65525 clusters: with 512-byte clusters that is 32 MiB), with room to spare.
part_start=2048                                     # sectors: the partition at 1 MiB
need=$(du -s --block-size=1K "$stage" | cut -f1)    # KiB
size_mib=64
while [ $(( size_mib * 1024 - 1024 )) -lt $(( need * 2 )) ]; do
  size_mib=$(( size_mib * 2 ))
done
tmp=$out.tmp
rm -f "$tmp"
truncate -s "${size_mib}M" "$tmp"
printf 'label: dos\nlabel-id: 0x52494e47\nstart=%d, type=c, bootable\n' "$part_start" |
  sfdisk --quiet "$tmp"
part_kib=$(( size_mib * 1024 - part_start / 2 ))
mkfs.vfat -F 32 -s 1 -h "$part_start" -n RINGEL -i 52494e47 --offset="$part_start" "$tmp" "$part_kib" >/dev/null
# mtools refuses images whose geometry it dislikes unless told not to mind.
export MTOOLS_SKIP_CHECK=1
img="$tmp@@$(( part_start * 512 ))"
(cd "$stage" && mcopy -i "$img" -m -p -Q ./* ::/)
mv "$tmp" "$out"
echo "rpi-image: $out (${size_mib} MiB; $(ls "$stage" | wc -l) files, ${need} KiB)"
