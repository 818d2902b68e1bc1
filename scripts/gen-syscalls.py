#!/usr/bin/env python3
"""Generate code from kernel/syscalls.tbl, the one system-call table.

    gen-syscalls.py kernel ARCH TABLE OUT.c OUT.h   # dispatch table + prototypes
    gen-syscalls.py user   ARCH TABLE OUT.h         # SYS_* numbers of the implemented calls

Parameter types: int, unsigned, long, unsigned long, size_t, uptr (a user
address, uintptr_t in the kernel).  Each kernel handler is
`long sys_NAME(params)`; a generated wrapper unpacks the six argument
registers into those types, so the compiler checks every handler against the
table, and the linker fails if a handler is missing or misspelled.

A parameter list that starts with the word ENOSYS marks a call this kernel
answers with -ENOSYS on purpose: it gets a kernel table entry (so traces name
it) but no handler, and no SYS_* number for user programs.
"""
import sys

CTYPES = {"int": "int", "unsigned": "unsigned", "long": "long",
          "unsigned long": "unsigned long", "size_t": "size_t", "uptr": "uintptr_t"}
ARCHES = {"x86_64": 1, "aarch64": 2}
NOT_IMPLEMENTED = "ENOSYS"


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
        implemented = params.split(None, 1)[0] != NOT_IMPLEMENTED
        if not implemented:
            params = params[len(NOT_IMPLEMENTED):].strip() or "void"
        plist = [] if params == "void" else [p.strip() for p in params.split(",")]
        args = []
        for p in plist:
            typ, _, pname = p.rpartition(" ")
            if typ not in CTYPES or not pname:
                sys.exit(f"{path}:{lineno}: bad parameter '{p}'")
            args.append((CTYPES[typ], pname))
        if len(args) > 6:
            sys.exit(f"{path}:{lineno}: more than six parameters")
        calls.append((int(nr), name, args, implemented))
    nrs = [c[0] for c in calls]
    if len(set(nrs)) != len(nrs):
        sys.exit(f"{path}: duplicate numbers for {arch}")
    names = [c[1] for c in calls]
    if len(set(names)) != len(names):
        sys.exit(f"{path}: duplicate names")
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
        for nr, name, args, impl in calls:
            h.write(f"#define NR_{name} {nr}\n")
        h.write(f"#define NR_SYSCALLS {calls[-1][0] + 1}\n\n")
        for nr, name, args, impl in calls:
            if impl:
                h.write(proto(name, args) + ";\n")
        h.write("\n#endif\n")
    with open(out_c, "w") as c:
        c.write(f"/* Generated from kernel/syscalls.tbl for {arch}: do not edit. */\n")
        # ENOSYS from the kernel's errno header: no number is copied here.
        c.write("#include <syscall.h>\n#include <syscalls_gen.h>\n#include <uapi.h>\n\n")
        # Every handler is a plain reference: one that is missing or
        # misspelled is an undefined symbol, and the kernel does not link.
        if not all(impl for *_, impl in calls):
            c.write("/* The calls marked ENOSYS in the table. */\n")
            c.write("static long not_implemented(const uint64_t *a)\n{\n")
            c.write("\t(void)a;\n\treturn -ENOSYS;\n}\n\n")
        for nr, name, args, impl in calls:
            if not impl:
                continue
            unpack = ", ".join(f"({t})a[{i}]" for i, (t, _) in enumerate(args))
            c.write(f"static long wrap_{name}(const uint64_t *a)\n{{\n")
            if not args:
                c.write("\t(void)a;\n")
            c.write(f"\treturn sys_{name}({unpack});\n}}\n\n")
        c.write("const struct syscall_entry syscall_table[NR_SYSCALLS] = {\n")
        for nr, name, args, impl in calls:
            fn = f"wrap_{name}" if impl else "not_implemented"
            c.write(f'\t[{nr}] = {{ "{name}", {fn}, {len(args)} }},\n')
        c.write("};\n")


def user(arch, table, out_h):
    calls = parse(table, arch)
    with open(out_h, "w") as h:
        h.write(f"/* Generated from kernel/syscalls.tbl for {arch}: do not edit. */\n")
        h.write("#ifndef _RINGEL_SYSCALL_NUMBERS_H\n#define _RINGEL_SYSCALL_NUMBERS_H\n")
        # Only the calls the kernel implements: the libc's wrappers test
        # #ifdef SYS_name to know whether the kernel has a call.
        for nr, name, args, impl in calls:
            if impl:
                h.write(f"#define SYS_{name} {nr}\n")
        h.write("#endif\n")


if __name__ == "__main__":
    if len(sys.argv) >= 6 and sys.argv[1] == "kernel":
        kernel(*sys.argv[2:6])
    elif len(sys.argv) >= 5 and sys.argv[1] == "user":
        user(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
