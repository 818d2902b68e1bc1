#!/usr/bin/env python3
"""docs/memory-layout.md carries, for each architecture, a table generated
from arch/<arch>/include/arch/layout.h between marker comments.

    layout-doc.py check   # fail if the doc's tables differ from the headers
    layout-doc.py update  # rewrite the tables in place
"""
import re, sys, pathlib

top = pathlib.Path(__file__).resolve().parent.parent
doc = top / "docs" / "memory-layout.md"
ARCHES = ["x86_64", "aarch64"]
ROWS = [  # (start constant, size constant or end constant, description)
    ("USER_BASE", "USER_TOP", "user space (one per process)"),
    ("KERNEL_HALF_BASE", None, "start of the kernel half"),
    ("DIRECT_MAP_BASE", "DIRECT_MAP_SIZE", "direct map of all physical RAM (RW, NX)"),
    ("VMALLOC_BASE", "VMALLOC_SIZE", "vmalloc: kernel stacks, mappings made at run time"),
    ("IOREMAP_BASE", "IOREMAP_SIZE", "ioremap: device registers (uncached)"),
    ("KERNEL_IMAGE_BASE", "KERNEL_IMAGE_SIZE", "kernel image (text R-X, rodata R, data RW NX)"),
]


def constants(arch):
    text = (top / "arch" / arch / "include" / "arch" / "layout.h").read_text()
    return {m[1]: int(m[2], 16) for m in re.finditer(r"#define\s+(\w+)\s+(0x[0-9a-fA-F]+)UL", text)}


UNITS = (("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10))


def human(n):
    for unit, size in UNITS:
        short = -n % size
        if n >= size and short == 0:
            return f"{n // size} {unit}"
        if n >= size and short * 1000 < size:   # user space: "128 TiB less 4 KiB"
            return f"{(n + short) // size} {unit} less {human(short)}"
    return f"{n:#x} bytes"


def table(arch):
    c = constants(arch)
    out = ["| start | end (inclusive) | size | what |", "|---|---|---|---|"]
    for start, second, what in ROWS:
        s = c[start]
        if second is None:
            out.append(f"| `{s:#018x}` | | | {what} (`{start}`) |")
            continue
        if second.endswith("_TOP"):
            end = c[second]
        else:
            end = s + c[second]
        out.append(f"| `{s:#018x}` | `{end - 1:#018x}` | {human(end - s)} | {what} (`{start}`) |")
    return "\n".join(out)


def render(text):
    for arch in ARCHES:
        begin, end = f"<!-- BEGIN layout {arch} -->", f"<!-- END layout {arch} -->"
        pat = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
        if not pat.search(text):
            sys.exit(f"layout-doc: markers for {arch} missing in {doc}")
        text = pat.sub(lambda _: f"{begin}\n{table(arch)}\n{end}", text)
    return text


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "check"
    old = doc.read_text()
    new = render(old)
    if mode == "update":
        doc.write_text(new)
    elif old != new:
        sys.exit("layout-doc: docs/memory-layout.md does not match the layout headers; "
                 "run scripts/layout-doc.py update")
    else:
        print("1 passed, 0 failed")
