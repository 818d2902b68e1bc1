#!/usr/bin/env python3
"""Bad device trees for the boot tests, made from a real QEMU virt DTB.

    make-blobs.py GOOD.dtb OUTDIR

garbled.dtb   a structure block whose FDT_END token is replaced by garbage
truncated.dtb the header claims more bytes than the blob has (the rest zeros)
nomemory.dtb  a well-formed tree with its /memory node's device_type renamed
"""
import os, struct, sys

good, out = sys.argv[1], sys.argv[2]
b = bytes(open(good, "rb").read())
off_struct, = struct.unpack(">I", b[8:12])
size_struct, = struct.unpack(">I", b[36:40])
os.makedirs(out, exist_ok=True)

end = off_struct + size_struct - 4
assert b[end:end + 4] == b"\0\0\0\x09", "FDT_END expected at the end of the structure block"
garbled = bytearray(b)
garbled[end:end + 4] = b"\0\0\0\x0f"
open(os.path.join(out, "garbled.dtb"), "wb").write(garbled)

# totalsize says 64 KiB past the blob, offsets point beyond what was copied
trunc = bytearray(b[:off_struct + 64])
trunc[4:8] = struct.pack(">I", len(b) + 65536)
open(os.path.join(out, "truncated.dtb"), "wb").write(trunc)

# "memory" -> "memorx" in the strings block and node names: no RAM found
nomem = bytearray(b.replace(b"memory", b"memorx"))
open(os.path.join(out, "nomemory.dtb"), "wb").write(nomem)
