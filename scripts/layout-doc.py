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
    return {m[1]: int(m[2], 16) for m in re.finditer(r"#define\s+(\w+)\s+UL\((0x[0-9a-fA-F]+)\)", text)}


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


def user_constants(arch):
    """The user-space layout of mm/include/vm.h, evaluated for an arch:
    its #defines are expressions of USER_TOP and PAGE_SIZE."""
    c = constants(arch)
    env = {"USER_TOP": c["USER_TOP"], "PAGE_SIZE": 0x1000}
    text = (top / "mm" / "include" / "vm.h").read_text()
    for m in re.finditer(r"#define\s+(USER_\w+)\s+(.+?)\s*$", text, re.M):
        expr = re.sub(r"(0x[0-9a-fA-F]+|\d+)UL", r"\1", m[2])
        env[m[1]] = eval(expr, {}, env)
    return env


def user_table(arch):
    u = user_constants(arch)
    rows = [
        (u["USER_SIGPAGE"], u["USER_SIGPAGE"] + 0x1000, "signal-return trampoline page (R-X)", "USER_SIGPAGE"),
        (u["USER_STACK_TOP"] - u["USER_STACK_SIZE"], u["USER_STACK_TOP"], "stack (RW-), grows down, pages on demand; as long as RLIMIT_STACK at exec (8 MiB by default, 128 KiB to 1 GiB)", "USER_STACK_TOP"),
        (u["USER_STACK_TOP"] - u["USER_STACK_SIZE"] - 0x1000, u["USER_STACK_TOP"] - u["USER_STACK_SIZE"], "guard page (no access)", "USER_STACK_SIZE"),
        (None, u["USER_MMAP_TOP"], "mmap area, allocated top-down from here", "USER_MMAP_TOP"),
        (u["USER_PIE_BASE"], None, "static-PIE programs are loaded here", "USER_PIE_BASE"),
        (0x400000, None, "fixed-address programs (the usual link address): text, rodata, data/bss, then the heap (brk)", "ld --image-base"),
    ]
    out = ["| start | end (exclusive) | what |", "|---|---|---|"]
    for start, end, what, name in rows:
        s = f"`{start:#018x}`" if start is not None else ""
        e = f"`{end:#018x}`" if end is not None else ""
        out.append(f"| {s} | {e} | {what} (`{name}`) |")
    return "\n".join(out)


def render(text):
    for arch in ARCHES:
        begin, end = f"<!-- BEGIN user {arch} -->", f"<!-- END user {arch} -->"
        pat = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
        if not pat.search(text):
            sys.exit(f"layout-doc: user markers for {arch} missing in {doc}")
        text = pat.sub(lambda _: f"{begin}\n{user_table(arch)}\n{end}", text)
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
