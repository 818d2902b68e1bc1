#!/usr/bin/env python3
"""Side-by-side table of two /bin/bench logs (scripts/bench).

    bench-table.py ARCH LINUX.log RINGEL.log

Reads the "bench: <operation> <n> x <ticks> ticks" lines (and "failed:"
lines) of each log and prints a Markdown table: operation, Linux, Ringel,
Ringel/Linux, in the order the benchmark ran them."""
import re
import sys

LINE = re.compile(r"bench: (.+?)\s+(\d+) x\s+(\d+) ticks")
FAILED = re.compile(r"bench: (.+?)\s+failed: (.*)")


def parse(path):
    figures, order = {}, []
    with open(path, "rb") as f:
        for raw in f:
            line = raw.decode("utf-8", "replace").strip()
            m = LINE.search(line)
            if m:
                op, value = m.group(1).strip(), int(m.group(3))
            else:
                m = FAILED.search(line)
                if not m:
                    continue
                op, value = m.group(1).strip(), None
            if op not in figures:
                order.append(op)
            figures[op] = value
    return figures, order


def fmt(v):
    if v is None:
        return "failed"
    if v >= 100_000_000:
        return f"{v / 1e9:.3f} G"
    return f"{v:,}"


def main():
    arch, linux_log, ringel_log = sys.argv[1:4]
    linux, order = parse(linux_log)
    ringel, rorder = parse(ringel_log)
    order += [op for op in rorder if op not in linux]
    print(f"\n{arch}: guest instructions per operation (QEMU -icount)\n")
    print("| operation | Linux | Ringel | Ringel/Linux |")
    print("|---|---:|---:|---:|")
    for op in order:
        lv, rv = linux.get(op), ringel.get(op)
        ratio = f"{rv / lv:.2f}" if lv and rv is not None else "-"
        print(f"| {op} | {fmt(lv)} | {fmt(rv)} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
