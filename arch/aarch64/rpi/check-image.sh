#!/usr/bin/env bash
# Check ringel-rpi.img (the test rpi.image-check, scripts/rpi-tests.cmake):
# the MBR, the FAT32 filesystem (fsck.fat on the partition), and every file
# the Pi 3 and Pi 4 firmware, U-Boot and boot.scr need.
#   check-image.sh ringel-rpi.img Image
set -uo pipefail
img=${1:?usage: check-image.sh ringel-rpi.img Image}
kimage=${2:?usage: check-image.sh ringel-rpi.img Image}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MTOOLS_SKIP_CHECK=1
pass=0 fail=0
ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

[ -f "$img" ] || { echo "FAIL no image $img"; echo "0 passed, 1 failed"; exit 1; }

# The image: a power of two (QEMU refuses other SD-card sizes).
size=$(stat -c %s "$img")
if [ "$size" -gt 0 ] && [ $(( size & (size - 1) )) -eq 0 ]; then
  ok "size $((size / 1048576)) MiB is a power of two"
else
  bad "size $size is not a power of two"
fi

# The MBR: one bootable FAT32 (LBA) partition, 1 MiB in, to the end.
dump=$(sfdisk -d "$img" 2>&1)
parts=$(echo "$dump" | grep -c '^[^ ]*[0-9] : start=')
line=$(echo "$dump" | grep '^[^ ]*1 : start=')
start=$(echo "$line" | sed -n 's/.*start= *\([0-9]*\).*/\1/p')
psize=$(echo "$line" | sed -n 's/.*size= *\([0-9]*\).*/\1/p')
if echo "$dump" | grep -q '^label: dos' && [ "$parts" = 1 ] &&
   echo "$line" | grep -q 'type=c' && echo "$line" | grep -q 'bootable'; then
  ok "MBR: one bootable partition of type 0x0c (FAT32 LBA) at sector $start"
else
  bad "MBR is not one bootable FAT32 partition:"; echo "$dump"
fi
if [ -n "$start" ] && [ $(( (start + psize) * 512 )) -eq "$size" ]; then
  ok "the partition ends at the end of the image"
else
  bad "partition start=$start size=$psize does not end at $size bytes"
fi

# The filesystem, checked on its own (fsck.fat has no offset option).
dd if="$img" of="$work/part.img" bs=512 skip="${start:-0}" count="${psize:-0}" status=none
fsck_out=$(fsck.fat -n -v "$work/part.img" 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$fsck_out" | grep -q '32 bit entries'; then
  ok "fsck.fat -n: a clean FAT32 filesystem ($(echo "$fsck_out" | tail -n 1 | sed 's/^[^:]*: //'))"
else
  bad "fsck.fat -n (status $rc):"; echo "$fsck_out"
fi
if echo "$fsck_out" | grep -q "^ *$start hidden sectors"; then
  ok "the boot sector's hidden sectors ($start) match the partition start"
else
  bad "the boot sector's hidden sectors do not match the partition start $start"
fi

# The files: Pi 3 firmware, Pi 4 firmware, configuration, device trees,
# U-Boot and its script, Ringel.
files=$(mdir -b -i "$work/part.img" ::/ 2>&1 | sed 's#^::/##')
need=(bootcode.bin start.elf fixup.dat       # Pi 3 (and earlier): the GPU's loader and firmware
      start4.elf fixup4.dat                  # Pi 4 (its first stage is in EEPROM)
      config.txt
      bcm2837-rpi-3-b.dtb bcm2837-rpi-3-b-plus.dtb bcm2711-rpi-4-b.dtb
      u-boot.bin boot.scr
      Image kernel8.img initramfs.cpio initramfs-test.cpio)
missing=()
for f in "${need[@]}"; do
  echo "$files" | grep -qx "$f" || missing+=("$f")
done
if [ ${#missing[@]} -eq 0 ]; then
  ok "all ${#need[@]} files the firmware, U-Boot and Ringel need are present"
else
  bad "missing: ${missing[*]}"; echo "$files"
fi
# Empty files would boot nowhere.
empty=()
for f in "${need[@]}"; do
  mcopy -n -i "$work/part.img" "::/$f" "$work/$f" 2>/dev/null && [ -s "$work/$f" ] || empty+=("$f")
done
[ ${#empty[@]} -eq 0 ] && ok "none of them is empty" || bad "empty or unreadable: ${empty[*]}"

# config.txt: 64-bit, the mini UART, upstream DTB names, U-Boot as the kernel.
cfg=$work/config.txt
want=(arm_64bit=1 enable_uart=1 upstream_kernel=1 kernel=u-boot.bin)
nocfg=()
for w in "${want[@]}"; do grep -qx "$w" "$cfg" 2>/dev/null || nocfg+=("$w"); done
[ ${#nocfg[@]} -eq 0 ] && ok "config.txt: ${want[*]}" || bad "config.txt lacks: ${nocfg[*]}"

# boot.scr: a U-Boot script image for arm64 that boots Image with booti.
info=$(dumpimage -l "$work/boot.scr" 2>&1)
if echo "$info" | grep -q 'Script' && echo "$info" | grep -q 'AArch64' &&
   grep -aq 'booti' "$work/boot.scr"; then
  ok "boot.scr: an AArch64 U-Boot script that calls booti"
else
  bad "boot.scr is not an AArch64 script image:"; echo "$info"
fi

# U-Boot: the rpi_arm64 build (for the Pi 3 and 4) is AArch64 code.
if [ -s "$work/u-boot.bin" ] && [ "$(stat -c %s "$work/u-boot.bin")" -gt 100000 ]; then
  ok "u-boot.bin ($(stat -c %s "$work/u-boot.bin") bytes)"
else
  bad "u-boot.bin is not a U-Boot binary"
fi

# Ringel: Image and kernel8.img are this build's Image (the arm64 header's
# magic "ARM\x64" at 0x38).
if cmp -s "$work/Image" "$kimage" && cmp -s "$work/kernel8.img" "$kimage" &&
   [ "$(od -An -tx1 -j 56 -N 4 "$work/Image" | tr -d ' ')" = 41524d64 ]; then
  ok "Image and kernel8.img are this build's arm64 Image"
else
  bad "Image/kernel8.img differ from $kimage or lack the arm64 header"
fi
# The device trees are flattened trees (magic d00dfeed).
baddtb=()
for f in bcm2837-rpi-3-b.dtb bcm2837-rpi-3-b-plus.dtb bcm2711-rpi-4-b.dtb; do
  [ "$(od -An -tx1 -N 4 "$work/$f" 2>/dev/null | tr -d ' ')" = d00dfeed ] || baddtb+=("$f")
done
[ ${#baddtb[@]} -eq 0 ] && ok "the three device trees are DTBs" || bad "not DTBs: ${baddtb[*]}"
# Both initramfs archives are cpio "newc" archives.
badcpio=()
for f in initramfs.cpio initramfs-test.cpio; do
  [ "$(head -c 6 "$work/$f" 2>/dev/null)" = 070701 ] || badcpio+=("$f")
done
[ ${#badcpio[@]} -eq 0 ] && ok "both initramfs archives are newc cpio" || bad "not newc cpio: ${badcpio[*]}"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
