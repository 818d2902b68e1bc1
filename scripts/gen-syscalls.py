#!/usr/bin/env python3
"""Generate code from kernel/syscalls.tbl, the one system-call table.

    gen-syscalls.py kernel ARCH TABLE OUT.c OUT.h   # dispatch table + prototypes
    gen-syscalls.py user   ARCH TABLE OUT.h         # SYS_* numbers for user programs

Parameter types: int, unsigned, long, unsigned long, size_t, uptr (a user
address, uintptr_t in the kernel).  Each kernel handler is
`long sys_NAME(params)`; a generated wrapper unpacks the six argument
registers into those types, so the compiler checks every handler against the
table.
"""
import sys

CTYPES = {"int": "int", "unsigned": "unsigned", "long": "long",
          "unsigned long": "unsigned long", "size_t": "size_t", "uptr": "uintptr_t"}
ARCHES = {"x86_64": 1, "aarch64": 2}


def parse(path, arch):
    col = ARCHES[arch]
    calls = []
    for lineno, line in enumerate(open(path), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split(None, 3)
        if len(fields) != 4:
            sys.exit(f"{path}:{lineno}: expected name, two numbers and parameters")
        name, nums, params = fields[0], fields[1:3], fields[3].strip()
        nr = nums[col - 1]
        if nr == "-":
            continue
        plist = [] if params == "void" else [p.strip() for p in params.split(",")]
        args = []
        for p in plist:
            typ, _, pname = p.rpartition(" ")
            if typ not in CTYPES or not pname:
                sys.exit(f"{path}:{lineno}: bad parameter '{p}'")
            args.append((CTYPES[typ], pname))
        if len(args) > 6:
            sys.exit(f"{path}:{lineno}: more than six parameters")
        calls.append((int(nr), name, args))
    nrs = [c[0] for c in calls]
    if len(set(nrs)) != len(nrs):
        sys.exit(f"{path}: duplicate numbers for {arch}")
    return sorted(calls)


def proto(name, args):
    ps = ", ".join(f"{t} {n}" for t, n in args) or "void"
    return f"long sys_{name}({ps})"


def kernel(arch, table, out_c, out_h):
    calls = parse(table, arch)
    with open(out_h, "w") as h:
        h.write(f"/* Generated from kernel/syscalls.tbl for {arch}: do not edit. */\n")
        h.write("#ifndef RINGEL_SYSCALLS_GEN_H\n#define RINGEL_SYSCALLS_GEN_H\n")
        h.write("#include <stdint.h>\n#include <stddef.h>\n\n")
        for nr, name, args in calls:
            h.write(f"#define NR_{name} {nr}\n")
        h.write(f"#define NR_SYSCALLS {calls[-1][0] + 1}\n\n")
        for nr, name, args in calls:
            h.write(proto(name, args) + ";\n")
        h.write("\n#endif\n")
    with open(out_c, "w") as c:
        c.write(f"/* Generated from kernel/syscalls.tbl for {arch}: do not edit. */\n")
        c.write("#include <syscall.h>\n#include <syscalls_gen.h>\n\n")
        # Handlers are weak references: a call not written yet links as
        # NULL and answers -ENOSYS; syscall_missing() lists them.
        for nr, name, args in calls:
            c.write(f"#pragma weak sys_{name}\n")
        c.write("\n#define ENOSYS_ 38\n\n")
        for nr, name, args in calls:
            unpack = ", ".join(f"({t})a[{i}]" for i, (t, _) in enumerate(args))
            c.write(f"static long wrap_{name}(const uint64_t *a)\n{{\n")
            if not args:
                c.write("\t(void)a;\n")
            c.write(f"\tif (!sys_{name})\n\t\treturn -ENOSYS_;\n")
            c.write(f"\treturn sys_{name}({unpack});\n}}\n\n")
        c.write("const struct syscall_entry syscall_table[NR_SYSCALLS] = {\n")
        for nr, name, args in calls:
            c.write(f'\t[{nr}] = {{ "{name}", wrap_{name}, {len(args)} }},\n')
        c.write("};\n\n")
        c.write("/* Names of the calls in the table that have no handler linked in. */\n")
        c.write("int syscall_missing(const char **names, int max)\n{\n\tint n = 0;\n")
        for nr, name, args in calls:
            c.write(f'\tif (!sys_{name} && n < max)\n\t\tnames[n++] = "{name}";\n')
        c.write("\treturn n;\n}\n")


def user(arch, table, out_h):
    calls = parse(table, arch)
    with open(out_h, "w") as h:
        h.write(f"/* Generated from kernel/syscalls.tbl for {arch}: do not edit. */\n")
        h.write("#ifndef _RINGEL_SYSCALL_NUMBERS_H\n#define _RINGEL_SYSCALL_NUMBERS_H\n")
        for nr, name, args in calls:
            h.write(f"#define SYS_{name} {nr}\n")
        h.write("#endif\n")


if __name__ == "__main__":
    if len(sys.argv) >= 6 and sys.argv[1] == "kernel":
        kernel(*sys.argv[2:6])
    elif len(sys.argv) >= 5 and sys.argv[1] == "user":
        user(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
