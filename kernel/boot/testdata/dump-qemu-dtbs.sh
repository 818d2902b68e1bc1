#!/bin/sh
# Regenerate the QEMU device tree fixtures used by dt_test.
#
# QEMU's "virt" machine builds its DTB at start-up; -machine dumpdtb= writes
# it out.  QEMU makes the blob 1 MiB (totalsize = 0x100000) with ~8 KiB
# used, the rest free space at the end.  We keep the blob byte for byte but
# cut the zero-filled free tail and set totalsize to match, so the fixtures
# stay a few KiB (the script checks the cut part is all zero).  dt_test
# re-creates the 1 MiB form in memory to cover that too.
#
# The dumps carry random rng-seed/kaslr-seed values, so each run differs in
# those bytes only.  Usage: kernel/boot/testdata/dump-qemu-dtbs.sh [qemu-binary]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
qemu=${1:-qemu-system-aarch64}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A dummy kernel and initrd so QEMU fills /chosen as it would for a boot.
head -c 65536 /dev/zero > "$tmp/kernel.bin"
head -c 12345 /dev/zero > "$tmp/initrd.bin"

dump() {
	out=$1; shift
	"$qemu" -nographic -machine dumpdtb="$tmp/raw.dtb" "$@" 2>/dev/null
	python3 - "$tmp/raw.dtb" "$here/$out" <<'PY'
import struct, sys
raw = open(sys.argv[1], 'rb').read()
magic, total, off_struct, off_strings, off_rsv, version = struct.unpack('>6I', raw[:24])
size_strings, size_struct = struct.unpack('>2I', raw[32:40])
assert magic == 0xd00dfeed and version == 17 and total == len(raw)
end = max(off_struct + size_struct, off_strings + size_strings)
end = (end + 7) & ~7
assert raw[end:] == bytes(len(raw) - end), 'free space is not empty'
packed = bytearray(raw[:end])
packed[4:8] = struct.pack('>I', end)
open(sys.argv[2], 'wb').write(packed)
print('%s: %d bytes (QEMU totalsize %d)' % (sys.argv[2], end, total))
PY
}

dump qemu-virt-a53-128m.dtb -M virt -cpu cortex-a53 -m 128M
dump qemu-virt-el2-2g-smp2.dtb -M virt,virtualization=on -cpu cortex-a53 -m 2G -smp 2
dump qemu-virt-4g-initrd.dtb -M virt -cpu cortex-a53 -m 4G \
	-kernel "$tmp/kernel.bin" -initrd "$tmp/initrd.bin" -append "console=ttyAMA0 earlycon"
