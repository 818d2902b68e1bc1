#!/usr/bin/env python3
"""hex2bin.py IN OUT: the bytes of a captured Multiboot2 record.

IN is a capture as kernel/boot/testdata holds them (a first line
"ringel-mb2-capture magic=M addr=A", the record in hex, a last line "end");
OUT gets the record's raw bytes, the seed the Multiboot2 fuzzer starts from."""
import sys

def main():
    src, dst = sys.argv[1], sys.argv[2]
    lines = open(src).read().split("\n")
    out = bytearray()
    for line in lines[1:]:
        line = line.strip()
        if line == "end":
            break
        out += bytes.fromhex(line)
    with open(dst, "wb") as f:
        f.write(out)

if __name__ == "__main__":
    main()
