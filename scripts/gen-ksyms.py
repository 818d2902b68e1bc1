#!/usr/bin/env python3
"""Read `nm -n --defined-only kernel.elf` on stdin; write an assembly file
with the kernel's text symbols (sorted by address) for panic backtraces."""
import sys

syms = []
for line in sys.stdin:
    parts = line.split()
    if len(parts) != 3:
        continue
    addr, kind, name = parts
    if kind not in "tTwW" or name.startswith(("$", ".L")):
        continue
    syms.append((int(addr, 16), name))
syms.sort()
# Keep one name per address (the first, usually the global one).
uniq = []
for a, n in syms:
    if uniq and uniq[-1][0] == a:
        continue
    uniq.append((a, n))

out = ['\t.section .rodata.ksyms, "a"', "\t.balign 8",
       "\t.globl ksyms_count, ksyms_addr, ksyms_name_off, ksyms_names",
       "ksyms_count:", f"\t.quad {len(uniq)}", "ksyms_addr:"]
out += [f"\t.quad 0x{a:x}" for a, _ in uniq]
out.append("ksyms_name_off:")
off = 0
for _, n in uniq:
    out.append(f"\t.long {off}")
    off += len(n) + 1
out.append("ksyms_names:")
out += [f'\t.asciz "{n}"' for _, n in uniq]
out.append("\t.byte 0")
print("\n".join(out))
