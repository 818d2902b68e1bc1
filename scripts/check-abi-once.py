#!/usr/bin/env python3
"""Every Linux ABI constant is written once.

The numbers the kernel and the C library exchange (errno values, signal
numbers, open flags, ioctl requests, struct layouts...) live in the uapi
headers (kernel/include/uapi/, arch/<arch>/include/uapi/), which both worlds
include.  This check collects every object-like `#define NAME VALUE` whose
value looks like an ABI number (a numeric constant expression, or an alias to
another upper-case name) in the kernel and the libc, and fails when a name is
defined in more than one place.

Files that differ only by architecture (arch/x86_64/... and arch/aarch64/...)
count as one place: each arch defines its own value once.  Names that are
legitimately defined in several places, with a reason for each, are in
ALLOWED below.

    check-abi-once.py [--root DIR]   check the tree (default: this checkout)
    check-abi-once.py --self-test    prove the check fails on a duplicate
"""
import os
import re
import sys

# Where constants are defined: the portable core and the arch backends
# (headers and code), the drivers' headers, the libc's public headers and
# sources.  Not scanned: host-test scaffolding, and the drivers' .c files,
# whose register offsets are the devices', not the user ABI.
TREES = ["kernel", "mm", "drivers/include", "arch", "userland/libc/include",
         "userland/libc/arch", "userland/libc/src"]
SKIP_DIRS = {"kernel/testing", "userland/libc/tests"}
ARCHES = ["x86_64", "aarch64"]

# name -> why it may be defined in more than one place.
ALLOWED = {
    "PAGE_SIZE": "the kernel's is the arch's MMU granule (arch/<arch>/include/arch/layout.h); "
                 "the libc's <limits.h> promises programs the 4 KiB both arches' Linux ABI "
                 "uses (the kernel reports its own in AT_PAGESZ)",
}

DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)(\(?)(.*)$")
NUMERIC = re.compile(r"^[\s()~+\-*/<>|&^0-9a-fA-FxXuUlL]*[0-9][\s()~+\-*/<>|&^0-9a-fA-FxXuUlL]*$")
ALIAS = re.compile(r"^[A-Z][A-Z0-9_]*$")


def abi_value(value):
    """True if a macro body looks like an ABI number or an alias of one."""
    v = re.sub(r"/\*.*?\*/", "", value).split("//")[0].strip()
    if not v:
        return False            # include guards, feature flags
    return bool(NUMERIC.match(v) or ALIAS.match(v))


def place(rel):
    """Per-arch copies of a file are one place."""
    for a in ARCHES:
        rel = re.sub(r"(^|/)%s(/|$)" % a, r"\1<arch>\2", rel)
    return rel


def collect(root):
    defs = {}       # name -> {place: [(file, line, value)]}
    for tree in TREES:
        top = os.path.join(root, tree)
        for dirpath, dirnames, files in os.walk(top):
            rel_dir = os.path.relpath(dirpath, root)
            dirnames[:] = sorted(d for d in dirnames
                                 if os.path.join(rel_dir, d) not in SKIP_DIRS)
            for f in sorted(files):
                if not f.endswith((".h", ".c")) or f.endswith("_test.c") or f.endswith("_test.h"):
                    continue
                path = os.path.join(dirpath, f)
                if os.path.islink(path):
                    continue
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8", errors="replace") as fh:
                    for n, line in enumerate(fh, 1):
                        m = DEFINE.match(line)
                        if not m or m.group(2):      # function-like macros are code
                            continue
                        name, value = m.group(1), m.group(3)
                        if not abi_value(value):
                            continue
                        defs.setdefault(name, {}).setdefault(place(rel), []).append(
                            (rel, n, value.strip()))
    return defs


def check(root, out=sys.stdout, allowed=None):
    allowed = ALLOWED if allowed is None else allowed
    defs = collect(root)
    dups = {name: places for name, places in defs.items()
            if len(places) > 1 and name not in allowed}
    for name in sorted(dups):
        out.write("%s is defined in %d places:\n" % (name, len(dups[name])))
        for p in sorted(dups[name]):
            rel, n, value = dups[name][p][0]
            out.write("  %s:%d: %s\n" % (rel, n, value))
    stale = sorted(n for n in allowed if len(defs.get(n, {})) < 2)
    for name in stale:
        out.write("%s is allowed twice but is defined once or not at all: "
                  "drop it from ALLOWED\n" % name)
    ok = not dups and not stale
    out.write("%d ABI names, %d defined more than once\n" % (len(defs), len(dups)))
    return ok


def self_test(here):
    """The fixtures: 'good' defines each name once (per arch), 'bad' defines
    one name in the kernel and again in the libc.  The check must pass the
    first and fail the second, naming the duplicate."""
    import io
    fixtures = os.path.join(here, "testdata", "abi-once")
    results = []
    for name, want in (("good", True), ("bad", False)):
        buf = io.StringIO()
        got = check(os.path.join(fixtures, name), buf, allowed={})
        text = buf.getvalue()
        ok = got == want and (want or "O_SAMPLE is defined in 2 places" in text)
        results.append(ok)
        print("%s %s: check %s (expected %s)" % ("ok  " if ok else "FAIL", name,
              "passed" if got else "failed", "pass" if want else "failure"))
        if not ok:
            sys.stdout.write(text)
    print("%d passed, %d failed" % (results.count(True), results.count(False)))
    return all(results)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    args = sys.argv[1:]
    if args == ["--self-test"]:
        return 0 if self_test(here) else 1
    root = os.path.dirname(here)
    if len(args) == 2 and args[0] == "--root":
        root = args[1]
    elif args:
        sys.stderr.write(__doc__)
        return 2
    ok = check(root)
    print("1 passed, 0 failed" if ok else "0 passed, 1 failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
