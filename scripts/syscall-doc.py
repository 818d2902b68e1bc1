#!/usr/bin/env python3
"""docs/syscalls.md carries the system-call table of both architectures side
by side, generated from kernel/syscalls.tbl between marker comments.  Calls
the table marks ENOSYS (not implemented on purpose) say so in the parameters
column.

    syscall-doc.py check   # fail if the doc's table differs from the table
    syscall-doc.py update  # rewrite it in place
"""
import pathlib, re, sys

top = pathlib.Path(__file__).resolve().parent.parent
doc = top / "docs" / "syscalls.md"
tbl = top / "kernel" / "syscalls.tbl"


def rows():
    out = ["| call | x86-64 | AArch64 | parameters |", "|---|---|---|---|"]
    for line in tbl.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, x86, a64, params = line.split(None, 3)
        params = params.strip()
        if params.split(None, 1)[0] == "ENOSYS":
            params = params[len("ENOSYS"):].strip() or "void"
            params = f"**not implemented** (`-ENOSYS`): {params}"
        show = lambda n: n if n != "-" else "—"
        out.append(f"| `{name}` | {show(x86)} | {show(a64)} | {params} |")
    return "\n".join(out)


def render(text):
    begin, end = "<!-- BEGIN syscalls -->", "<!-- END syscalls -->"
    pat = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    if not pat.search(text):
        sys.exit("syscall-doc: markers missing in docs/syscalls.md")
    return pat.sub(lambda _: f"{begin}\n{rows()}\n{end}", text)


if __name__ == "__main__":
    old = doc.read_text()
    new = render(old)
    if len(sys.argv) > 1 and sys.argv[1] == "update":
        doc.write_text(new)
    elif old != new:
        sys.exit("syscall-doc: docs/syscalls.md does not match kernel/syscalls.tbl; "
                 "run scripts/syscall-doc.py update")
    else:
        print("1 passed, 0 failed")
