#!/bin/sh
# Capture real Multiboot2 boot records from GRUB under QEMU, BIOS and UEFI
# (OVMF), into kernel/boot/testdata/grub-bios.mb2.txt and grub-efi.mb2.txt:
# capture.S is booted by grub-mkrescue's ISO with a command line and an
# initrd module, prints the record as hex on COM1 and exits QEMU.
# Needs clang, ld.lld, grub-mkrescue (grub-pc-bin, grub-efi-amd64-bin),
# xorriso, mtools, qemu-system-x86 and ovmf (all from scripts/setup).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
# KEEP=1 keeps the work directory (ISO, serial logs) for a closer look.
trap '[ -n "${KEEP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT

clang --target=i386-unknown-none-elf -c "$here/capture.S" -o "$tmp/capture.o"
ld.lld -m elf_i386 -T "$here/capture.ld" "$tmp/capture.o" -o "$tmp/capture.elf"
mkdir -p "$tmp/iso/boot/grub"
cp "$tmp/capture.elf" "$tmp/iso/boot/capture.elf"
head -c 12345 /dev/zero > "$tmp/iso/boot/initrd.img"
cat > "$tmp/iso/boot/grub/grub.cfg" <<'CFG'
set timeout=0
menuentry "capture" {
	multiboot2 /boot/capture.elf console=ttyS0 root=/dev/ram0
	module2 /boot/initrd.img initrd
	boot
}
CFG
grub-mkrescue -o "$tmp/capture.iso" "$tmp/iso" 2>/dev/null

run() {
	name=$1; shift
	# isa-debug-exit makes QEMU exit with status 1 for our write of 0.
	timeout 120 qemu-system-x86_64 -m 512M -display none -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-cdrom "$tmp/capture.iso" -serial file:"$tmp/$name.log" "$@" || true
	# Keep the block between the banner and "end", without CRs or escapes.
	tr -d '\r' < "$tmp/$name.log" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' |
		sed -n '/^ringel-mb2-capture /,/^end$/p' > "$out/$name.mb2.txt"
	grep -q '^end$' "$out/$name.mb2.txt" || { echo "capture.sh: no record from $name" >&2; exit 1; }
	echo "$out/$name.mb2.txt: $(head -1 "$out/$name.mb2.txt")"
}
run grub-bios
run grub-efi -bios /usr/share/ovmf/OVMF.fd
