#!/usr/bin/env python3
"""Write the ELF files utests gives to execve into OUTDIR.

    mkbadelf.py ARCH OUTDIR

`good` is a minimal well-formed static executable (one PT_LOAD, code that
calls exit(7)): the control.  Every other file is `good` with one thing
broken; the kernel must refuse each with ENOEXEC and leave the caller
running.  Built from scratch with struct, at build time."""
import os
import struct
import sys

ARCH = {
    # e_machine, code for exit(7), first address above the user half
    "x86_64": (62, bytes.fromhex("bf07000000" "b83c000000" "0f05"), 1 << 47),
    "aarch64": (183, struct.pack("<3I", 0xd28000e0, 0xd2800ba8, 0xd4000001), 1 << 48),
}
OTHER = {"x86_64": 183, "aarch64": 62}

BASE = 0x400000
EHDR = struct.Struct("<16sHHIQQQIHHHHHH")
PHDR = struct.Struct("<IIQQQQQQ")
PT_LOAD, PT_INTERP = 1, 3
PF_X, PF_R = 1, 4


def ident(cls=2, data=1):
    return b"\x7fELF" + bytes([cls, data, 1, 0]) + bytes(8)


def build(machine, code, *, etype=2, ident_=None, phentsize=56, phnum=None,
          segs=None, entry=None, extra=b"", interp=None):
    """An ELF image: header, program headers, then the code at CODE_OFF."""
    code_off = 0x1000
    if segs is None:
        segs = [(PT_LOAD, PF_R | PF_X, 0, BASE, code_off + len(code), code_off + len(code))]
    phdrs = list(segs)
    if interp is not None:
        phdrs.insert(0, (PT_INTERP, PF_R, 0x200, BASE + 0x200, len(interp), len(interp)))
    n = len(phdrs) if phnum is None else phnum
    hdr = EHDR.pack(ident_ or ident(), etype, machine, 1,
                    BASE + code_off if entry is None else entry,
                    64, 0, 0, 64, phentsize, n, 64, 0, 0)
    img = bytearray(hdr)
    for t, flags, off, vaddr, filesz, memsz in phdrs:
        img += PHDR.pack(t, flags, off, vaddr, vaddr, filesz, memsz, 0x1000)
    if interp is not None:
        img += bytes(0x200 - len(img)) + interp
    img += bytes(code_off - len(img)) + code + extra
    return bytes(img)


def files(arch):
    machine, code, user_top = ARCH[arch]
    good = build(machine, code)
    end = 0x1000 + len(code)
    load = lambda vaddr, filesz=end, memsz=end, off=0: (PT_LOAD, PF_R | PF_X, off, vaddr, filesz, memsz)
    return {
        "good": good,
        "empty": b"",
        "truncated-ehdr": good[:40],
        "truncated-phdrs": good[:64 + 20],
        "bad-magic": b"\x7fELG" + good[4:],
        "elfclass32": build(machine, code, ident_=ident(cls=1)),
        "big-endian": build(machine, code, ident_=ident(data=2)),
        "wrong-machine": build(OTHER[arch], code),
        "not-executable": build(machine, code, etype=1),                       # ET_REL
        "bad-phentsize": build(machine, code, phentsize=32),
        "huge-phnum": build(machine, code, phnum=0xffff),
        "no-load": build(machine, code, segs=[(6, PF_R, 64, BASE + 64, 56, 56)]),  # PT_PHDR only
        "kernel-segment": build(machine, code, segs=[load(0xffff800000000000)],
                                entry=0xffff800000001000),
        "segment-past-user-top": build(machine, code, segs=[load(user_top - 0x1000, memsz=0x3000)],
                                       entry=user_top - 0x1000 + 0x1000),
        "filesz-over-memsz": build(machine, code, segs=[load(BASE, filesz=end, memsz=0x100)]),
        "segment-past-eof": build(machine, code, segs=[load(BASE, filesz=0x100000, memsz=0x100000)]),
        "huge-memsz": build(machine, code, segs=[load(BASE, memsz=1 << 46)]),
        "interp": build(machine, code, interp=b"/nonexistent/ld.so\0"),
    }


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ARCH:
        sys.exit(__doc__)
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name, data in files(sys.argv[1]).items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        os.chmod(os.path.join(out, name), 0o755)


if __name__ == "__main__":
    main()
