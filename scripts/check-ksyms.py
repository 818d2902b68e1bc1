#!/usr/bin/env python3
"""The two link passes must agree on every function address, or the symbol
table baked into the kernel would name the wrong functions."""
import subprocess, sys

nm, pass1, pass2 = sys.argv[1:4]

def text_syms(path):
    out = subprocess.run([nm, "-n", "--defined-only", path], check=True,
                         capture_output=True, text=True).stdout
    return {p[2]: p[0] for p in (l.split() for l in out.splitlines())
            if len(p) == 3 and p[1] in "tT"}

a, b = text_syms(pass1), text_syms(pass2)
bad = [n for n in a if b.get(n) != a[n]]
if bad:
    sys.exit(f"check-ksyms: function addresses moved between link passes: {bad[:5]}")
