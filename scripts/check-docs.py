#!/usr/bin/env python3
"""Docs that cannot drift: every file path, function and command that the
documentation names must exist in the tree.

What is read:
  - docs/*.md and every README.md;
  - the top comment block of every source file (.c .h .S .py .sh .cmake,
    CMakeLists.txt, and the extensionless scripts with a #! line).

What is checked:
  - paths: a word with a '/' whose first part is a folder of the repository
    (kernel/boot/dt.c, kernel/include/, arch/layout.h), or a file name with a
    source extension (dt.c, random.h).  A path with a '/' must exist
    relative to the repository root, to the naming file's folder or a folder
    above it, or to one of the header folders (for #include names); one that
    does not start at a top-level folder may also be the tail of a path of
    the tree (include/arch/layout.h, under each arch/ folder).  A bare file
    name must be some file of the tree.  Every path into the build tree
    (build/...), and the few generated files named without it, must be in
    GENERATED below: the check reads the sources only, nothing is built.
    Absolute paths (/dev/tty, /bin/sh: the guest's or the host's), URLs and
    placeholders (<arch>, ${VAR}) are not paths.  A pattern into the tree
    (kernel/fs/sys_*.c, kernel/fs/{tmpfs,devfs}.c) must match a file for
    each of its {,} alternatives.
  - functions: a name followed by empty parentheses, with or without
    backquotes, must be defined somewhere in the tree: a C function or
    #define macro, an assembly label, a Python def, a shell or CMake
    function; or be one of EXTERNAL, the few functions of other projects
    the docs talk about.
  - commands: a word starting with ./ into a folder of the tree (the
    scripts' commands) must exist.

Usage: check-docs.py [ROOT]      check the tree (default: this repository)
       check-docs.py --self-test build a small tree with known drift in a
                                 temporary folder and prove each kind is
                                 found and nothing else is.
Prints every problem as FILE:LINE: what is missing, then "N passed, N failed".
"""
import glob
import os
import re
import sys
import tempfile

# Files the build makes: a doc may name these although they are not in the
# tree.  Keep this list short, and only for files the doc says are generated.
# In build/ paths, an architecture's name stands for <arch>.
GENERATED = {
    "build/", "build/<arch>/",          # the build folders: ./scripts/test, docs/testing.md
    "build/<arch>/ringel.iso",          # the x86-64 GRUB ISO (arch/x86_64/mkiso.cmake)
    "build/<arch>/Image",               # the AArch64 flat Image
    "build/<arch>/ringel-rpi.img",      # the SD-card image (arch/aarch64/rpi/mkimage.sh)
    "build/<arch>/rpi/boot/",           # ... and its FAT partition's staging folder
    "build/boot-logs/NAME.log",         # every boot test's console log (scripts/boottest.py)
    "build/boot-logs/",                 # ... where the screen tests keep their screenshots too
    "console_font.c",                   # scripts/psf2c.py: the console font as C (drivers/video/)
    "build/home.img",                   # ./scripts/run's persistent FAT32 disk, made on first use
    "build/fuzz/NAME/corpus",           # ringel_fuzz_test(): a parser fuzzer's growing corpus
    "build/fuzz/NAME/crash-*",          # ... and the input that made it crash
    "build/bench/",                     # scripts/bench: Linux's initramfs and both logs
    "build/smpbench/",                  # scripts/smpbench: logs at each CPU count
    "build/profile/<arch>.out",         # scripts/profile: instructions per block
    "build/<arch>/gen/syscalls_gen.c",  # scripts/gen-syscalls.py: the dispatch table
    "syscalls_gen.h",                   # ... and the handlers' prototypes beside it
    "syscalls_gen.c",
    "sys/syscall.h",                    # scripts/gen-syscalls.py user: SYS_* for the libc
    "ksyms.S",                          # scripts/gen-ksyms.py: the panic backtrace's symbols
    "kernel.ld",                        # the arch's linker script, preprocessed into the build tree
    "grub.cfg",                         # configured from arch/x86_64/grub.cfg.in ...
    "boot/grub/grub.cfg",               # ... and staged there in the ISO
}

# Files of other systems that documents name on purpose.
FOREIGN_FILES = {
    "cmdline.txt",      # the Raspberry Pi firmware's optional command line, on the SD card
    "c.txt",            # a file the shell tests make in their scratch directory (run_tests.py)
    "qemu-plugin.h",    # QEMU's plugin API header, which Debian does not ship (scripts/qemu-profile.c)
    "docs/specs/fw_cfg.rst",  # QEMU's fw_cfg specification (drivers/video/ramfb.c)
}

# Functions the build writes (scripts/gen-syscalls.py into gen/syscalls_gen.c).
GENERATED_FUNCTIONS = {"syscall_missing"}

# Names that stand for any file in a how-to ("write thing_test.c beside
# thing.c"); an all-capitals name (OUT.c, NAME.h) is a placeholder too.
EXAMPLES = {"thing.c", "thing_test.c"}

# ctest names look like file names (host.sh): a word that starts with a
# test-name prefix is a test, not a path.
TEST_NAME_RE = re.compile(r"(host|boot|rpi|docs|style|userland)\.[\w.*-]+")

# Functions of other projects (libfdt, the host's C library, GRUB, Linux)
# that documents and comments name on purpose.
EXTERNAL = {
    "fdt_check_full",   # libfdt: the dt_test oracle
    "regcomp", "regexec",  # the host's POSIX regex: the rx_test oracle
    "AT",               # the linker-script keyword for load addresses
}

SOURCE_EXTS = (".c", ".h", ".S", ".py", ".sh", ".cmake")
FILE_EXTS = ("c", "h", "S", "py", "sh", "md", "cmake", "ld", "dts", "tbl", "cfg", "in", "txt")
SKIP_DIRS = {".git", ".cache", "build", "__pycache__"}

# A word that may be a path: letters, digits and _.+- with '/' between parts.
PATH_RE = re.compile(r"(?<![\w/.$<>*{}-])((?:\.\.?/)?[A-Za-z0-9_.+-]+(?:/[A-Za-z0-9_.+-]+)*/?)(?![\w/<>*{}$-])")
FUNC_RE = re.compile(r"(?<![\w.>$-])([A-Za-z_]\w*)\(\)")
PATTERN_PART = r"(?:[A-Za-z0-9_.+-]|\{[A-Za-z0-9_.+,/-]*\}|\*)+"
PATTERN_RE = re.compile(r"(?<![\w/.$<>-])(" + PATTERN_PART + r"(?:/" + PATTERN_PART + r")+/?)(?![\w/<>{}*$-])")
BUILD_RE = re.compile(r"(?<![\w/.$-])build/[^\s`)\"'\],;]*")


def walk(root):
    """Every file of the tree, as a path relative to root."""
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS and not x.startswith("build")
                         and not os.path.islink(os.path.join(d, x)))
        for f in sorted(files):
            p = os.path.join(d, f)
            if not os.path.islink(p):
                yield os.path.relpath(p, root)


def read(root, rel):
    try:
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            return f.read()
    except (UnicodeDecodeError, OSError):
        return None


def is_script(text):
    return text.startswith("#!") and re.match(r"#!.*\b(sh|bash|python3?)\b", text)


def top_comment(rel, text):
    """The top comment block and the line it starts on, or (None, 0)."""
    lines = text.split("\n")
    i = 0
    base = os.path.basename(rel)
    hash_style = rel.endswith((".py", ".sh", ".cmake")) or base == "CMakeLists.txt" or is_script(text)
    if hash_style:
        if lines and lines[0].startswith("#!"):
            i = 1
        while i < len(lines) and not lines[i].strip():
            i += 1
        start = i
        block = []
        while i < len(lines) and lines[i].lstrip().startswith("#"):
            block.append(lines[i])
            i += 1
        if not block and rel.endswith(".py"):
            m = re.match(r'\s*("""|\'\'\')(.*?)\1', "\n".join(lines[i:]), re.S)
            if m:
                return m.group(2), start + 1
        return ("\n".join(block), start + 1) if block else (None, 0)
    while i < len(lines) and not lines[i].strip():
        i += 1
    start = i
    if i < len(lines) and lines[i].lstrip().startswith("/*"):
        block = []
        while i < len(lines):
            block.append(lines[i])
            if "*/" in lines[i]:
                break
            i += 1
        return "\n".join(block), start + 1
    block = []
    while i < len(lines) and lines[i].lstrip().startswith("//"):
        block.append(lines[i])
        i += 1
    return ("\n".join(block), start + 1) if block else (None, 0)


def documents(root, files):
    """(file, first line, text) for every text the check reads."""
    for rel in files:
        base = os.path.basename(rel)
        if base == "README.md" or (rel.startswith("docs" + os.sep) and rel.endswith(".md")):
            text = read(root, rel)
            if text is not None:
                yield rel, 1, text
            continue
        if not (rel.endswith(SOURCE_EXTS) or base == "CMakeLists.txt" or "." not in base):
            continue
        text = read(root, rel)
        if text is None or ("." not in base and not is_script(text)):
            continue
        block, line = top_comment(rel, text)
        if block:
            yield rel, line, block


C_DEF = re.compile(r"^(?![#\s/*])[^;=(]*?\b(\w+)\s*\((?![^\n]*;\s*$)", re.M)
C_MACRO = re.compile(r"^\s*#\s*define\s+(\w+)\(", re.M)
ASM_LABEL = re.compile(r"^\s*(\w+):|^\s*\.globl\s+(\w+)|^\s*ENTRY\((\w+)\)", re.M)
PY_DEF = re.compile(r"^\s*def\s+(\w+)\s*\(", re.M)
SH_DEF = re.compile(r"^\s*([\w-]+)\s*\(\)\s*\{", re.M)
CMAKE_DEF = re.compile(r"^\s*(?:function|macro)\s*\(\s*(\w+)", re.M | re.I)


def definitions(root, files):
    """Every function name the tree defines."""
    names = set()
    for rel in files:
        base = os.path.basename(rel)
        kind = os.path.splitext(rel)[1]
        text = None
        if kind in (".c", ".h", ".S", ".py", ".sh", ".cmake") or base == "CMakeLists.txt" or "." not in base:
            text = read(root, rel)
        if text is None:
            continue
        if kind in (".c", ".h"):
            names.update(C_DEF.findall(text))
            names.update(C_MACRO.findall(text))
        elif kind == ".S":
            names.update(C_MACRO.findall(text))
            for m in ASM_LABEL.findall(text):
                names.update(x for x in m if x)
        elif kind == ".py" or (kind == "" and text.startswith("#!") and "python" in text.split("\n")[0]):
            names.update(PY_DEF.findall(text))
        elif kind == ".sh" or (kind == "" and is_script(text)):
            names.update(SH_DEF.findall(text))
        else:
            names.update(CMAKE_DEF.findall(text))
    return names


def include_dirs(root):
    """The header folders #include names are relative to."""
    dirs = []
    for d, subdirs, _ in os.walk(root):
        subdirs[:] = [x for x in subdirs if x not in SKIP_DIRS and not x.startswith("build")]
        if os.path.basename(d) == "include":
            dirs.append(os.path.relpath(d, root))
    return dirs


class Checker:
    def __init__(self, root):
        self.root = root
        self.files = list(walk(root))
        self.basenames = {os.path.basename(f) for f in self.files}
        self.top = {e for e in os.listdir(root) if e not in SKIP_DIRS and not e.startswith("build")}
        self.incs = include_dirs(root)
        self.defined = definitions(root, self.files)
        self.problems = []
        self.checked = 0

    def exists(self, rel):
        return os.path.exists(os.path.join(self.root, rel))

    def path_ok(self, doc, word):
        w = word[2:] if word.startswith("./") else word
        if w in GENERATED or w in EXAMPLES or w in FOREIGN_FILES:
            return True
        if "/" not in w:
            return w in self.basenames
        w = w.rstrip("/")
        # relative to the root, the naming file's folder or any folder above
        # it (userland/libc/include/errno.h names src/string/strerror.c), or
        # a header folder (arch/layout.h)
        for base in self.bases(doc):
            p = os.path.normpath(os.path.join(base, w))
            if not p.startswith("..") and self.exists(p):   # never outside the tree
                return True
        # A path that does not start at a top-level folder may be the tail of
        # one in the tree: include/arch/layout.h under arch/<arch>/.
        if w.split("/")[0] not in self.top and not w.startswith("."):
            return any(f.endswith("/" + w) or f.startswith(w + "/") or ("/" + w + "/") in f
                       for f in self.files)
        return False

    def bases(self, doc):
        """Where a relative name may start: the root, the header folders, the
        naming file's folder and every folder above it."""
        out = [""] + self.incs
        d = os.path.dirname(doc)
        while d:
            out.append(d)
            d = os.path.dirname(d)
        return out

    def pattern_ok(self, doc, word):
        """Every {,} alternative of a glob pattern matches a file."""
        alts = [word.rstrip("/")]
        while any("{" in a for a in alts):
            a = next(a for a in alts if "{" in a)
            m = re.search(r"\{([^{}]*)\}", a)
            alts.remove(a)
            alts += [a[:m.start()] + x + a[m.end():] for x in m.group(1).split(",")]
        for a in alts:
            if not any(glob.glob(os.path.join(glob.escape(self.root), b, a)) for b in self.bases(doc)
                       if not os.path.normpath(os.path.join(b, a)).startswith("..")):
                return False
        return True

    def looks_like_path(self, doc, word):
        w = word[2:] if word.startswith("./") else word
        if TEST_NAME_RE.fullmatch(w) or re.fullmatch(r"[A-Z][A-Z0-9_]*(\.\w+)+", w):
            return False
        if w.startswith("../"):
            return True
        if "/" in w.rstrip("/"):
            first = w.split("/")[0]
            here = os.path.dirname(doc)
            return first in self.top or self.exists(os.path.join(here, first)) or w.endswith(
                tuple("." + e for e in FILE_EXTS))
        if w.endswith("/"):
            return w.rstrip("/") in self.top
        return bool(re.fullmatch(r"[A-Za-z0-9_+-]+(\.[A-Za-z0-9_+-]+)*\.(" + "|".join(FILE_EXTS) + ")", w))

    def check_text(self, doc, first_line, text):
        for n, line in enumerate(text.split("\n"), first_line):
            line = re.sub(r"\w+://\S+", " ", line)           # URLs
            for m in BUILD_RE.finditer(line):
                word = m.group(0).rstrip(".:")
                self.checked += 1
                if re.sub(r"^build/(x86_64|aarch64)/", "build/<arch>/", word + "/").rstrip("/") not in \
                        {g.rstrip("/") for g in GENERATED}:
                    self.problems.append(f"{doc}:{n}: {word} is not a file the build makes (GENERATED)")
            line = BUILD_RE.sub(" ", line)
            for m in PATTERN_RE.finditer(line):
                word = m.group(1)
                if ("{" in word or "*" in word) and self.looks_like_path(doc, word.replace("*", "x")):
                    self.checked += 1
                    if not self.pattern_ok(doc, word):
                        self.problems.append(f"{doc}:{n}: pattern {word} matches no file")
            for m in PATH_RE.finditer(line):
                word = m.group(1).rstrip(".")
                if not word or not self.looks_like_path(doc, word):
                    continue
                self.checked += 1
                if not self.path_ok(doc, word):
                    what = "command" if word.startswith("./") else "path"
                    self.problems.append(f"{doc}:{n}: {what} {word} does not exist")
            for m in FUNC_RE.finditer(line):
                name = m.group(1)
                self.checked += 1
                if name not in self.defined and name not in EXTERNAL | GENERATED_FUNCTIONS:
                    self.problems.append(f"{doc}:{n}: function {name}() is defined nowhere")

    def run(self):
        for doc, line, text in documents(self.root, self.files):
            self.check_text(doc, line, text)
        return self.problems


def report(problems, checked):
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} names in the documentation do not exist (fix the doc, or the code)")
    print(f"{checked - len(problems)} passed, {len(problems)} failed")
    return 1 if problems else 0


def self_test():
    """A tiny tree with one drift of each kind, and good names beside them."""
    files = {
        "README.md": "Run `./scripts/go` then `./scripts/gone`.\n"
                     "Code: `kernel/a.c`, `kernel/wait.c`, [b](docs/b.md), kernel/, "
                     "`helper()`, `vanished()`, `build/<arch>/gen/syscalls_gen.c`, /dev/tty, "
                     "build/x86_64/ringel.iso, `build/aarch64/gen/old.c`, "
                     "kernel/{a.c,b/c.h} kernel/*.c kernel/{a,gone}.c scripts/*.py, "
                     "read/write, <arch/layout.h>, https://example.org/x/y.c\n",
        "docs/b.md": "See `a.c`, `missing.h` and ../kernel/a.c.\n",
        "kernel/a.c": "/* a.c: calls helper() from b/c.h and\n * nothing() from nowhere. */\n"
                      "int helper(void)\n{\n\treturn 0;\n}\n",
        "kernel/b/c.h": "/* c.h: see ../a.c and gone/x.c */\n",
        "kernel/include/arch/layout.h": "/* layout */\n",
        "scripts/go": "#!/bin/sh\n# go: runs scripts/go.sh and kernel/nope.c\n",
        "scripts/go.sh": "#!/bin/sh\n# go.sh\nf() { :; }\n",
    }
    want = [
        "README.md:1: command ./scripts/gone does not exist",
        "README.md:2: path kernel/wait.c does not exist",
        "README.md:2: function vanished() is defined nowhere",
        "README.md:2: build/aarch64/gen/old.c is not a file the build makes (GENERATED)",
        "README.md:2: pattern kernel/{a,gone}.c matches no file",
        "README.md:2: pattern scripts/*.py matches no file",
        "docs/b.md:1: path missing.h does not exist",
        "kernel/a.c:2: function nothing() is defined nowhere",
        "kernel/b/c.h:1: path gone/x.c does not exist",
        "scripts/go:2: path kernel/nope.c does not exist",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for rel, text in files.items():
            os.makedirs(os.path.join(tmp, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(tmp, rel), "w") as f:
                f.write(text)
        c = Checker(tmp)
        got = c.run()
        rc = report(got, c.checked)
    ok = sorted(got) == sorted(want) and rc == 1
    missed = [w for w in want if w not in got]
    extra = [g for g in got if g not in want]
    print("self-test:", "the drift was found, and nothing else" if ok else "WRONG")
    for w in missed:
        print("  not found:", w)
    for g in extra:
        print("  false positive:", g)
    print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
    return 0 if ok else 1


def main(argv):
    if argv[1:2] == ["--self-test"]:
        return self_test()
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    c = Checker(os.path.abspath(root))
    problems = c.run()
    return report(problems, c.checked)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
