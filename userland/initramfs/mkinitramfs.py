#!/usr/bin/env python3
"""Build a cpio (newc) initramfs from a list of files, reproducibly.

    mkinitramfs.py OUT.cpio STAGEDIR [--manifest FILE]... [--file DEST=SRC]...
                   [--dir DEST=SRCDIR]... [--init SRC-or-/PATH] [--write-manifest FILE]

Each entry puts host file SRC at DEST inside the archive (parent directories
are made).  A manifest holds one "DEST<TAB>SRC" line per entry, so a later
run (scripts/run --add) can rebuild the same tree with more files.  --init
makes the first program: a host file (also placed in /bin under its own
name) or a path already in the tree, copied to /init.  The tree is staged in
STAGEDIR (kept: tests on the host use it as their root), every timestamp is
set to 0, owners to root, names sorted, and `cpio -o -H newc --reproducible`
writes the archive: the same inputs give the same bytes."""
import os
import shutil
import subprocess
import sys


def parse(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    out, stage, rest = argv[0], argv[1], argv[2:]
    entries, init, manifest_out = {}, None, None
    i = 0
    while i < len(rest):
        opt = rest[i]
        if i + 1 >= len(rest):
            sys.exit(f"mkinitramfs: {opt} needs a value")
        val = rest[i + 1]
        i += 2
        if opt == "--manifest":
            for line in open(val):
                line = line.rstrip("\n")
                if line:
                    dest, src = line.split("\t", 1)
                    entries[dest.strip("/")] = src
        elif opt in ("--file", "--dir"):
            dest, sep, src = val.partition("=")
            if not sep or not dest or not src:
                sys.exit(f"mkinitramfs: {opt} wants DEST=SRC, got '{val}'")
            if opt == "--dir":
                for name in sorted(os.listdir(src)):
                    entries[f"{dest.strip('/')}/{name}"] = os.path.join(src, name)
            else:
                entries[dest.strip("/")] = src
        elif opt == "--init":
            init = val
        elif opt == "--write-manifest":
            manifest_out = val
        else:
            sys.exit(f"mkinitramfs: unknown option {opt}\n{__doc__}")
    if init is not None:
        if os.path.isfile(init):
            init = os.path.abspath(init)
            entries[f"bin/{os.path.basename(init)}"] = init
            entries["init"] = init
        elif init.strip("/") in entries:
            entries["init"] = entries[init.strip("/")]
        else:
            sys.exit(f"mkinitramfs: --init {init}: neither a file here nor in the initramfs")
    return out, stage, entries, manifest_out


def main():
    out, stage, entries, manifest_out = parse(sys.argv[1:])
    for dest, src in entries.items():
        if not os.path.isfile(src):
            sys.exit(f"mkinitramfs: {src} (for /{dest}): no such file")
    if os.path.isdir(stage):
        shutil.rmtree(stage)
    os.makedirs(stage)
    names = set()
    for dest, src in entries.items():
        path = os.path.join(stage, dest)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        shutil.copyfile(src, path)
        os.chmod(path, 0o755 if os.access(src, os.X_OK) else 0o644)
        parts = dest.split("/")
        for k in range(1, len(parts) + 1):
            names.add("/".join(parts[:k]))
    for name in names:
        path = os.path.join(stage, name)
        if os.path.isdir(path):
            os.chmod(path, 0o755)
        os.utime(path, (0, 0), follow_symlinks=False)
    listing = "".join(n + "\n" for n in sorted(names))
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        subprocess.run(["cpio", "-o", "-H", "newc", "--reproducible", "-R", "0:0", "--quiet"],
                       input=listing.encode(), stdout=f, cwd=stage, check=True)
    os.replace(tmp, out)
    if manifest_out:
        with open(manifest_out, "w") as m:
            for dest in sorted(entries):
                m.write(f"{dest}\t{os.path.abspath(entries[dest])}\n")


if __name__ == "__main__":
    main()
