#!/usr/bin/env python3
"""The commands of userland/bin, built with the host's C library, against
the host's own (GNU coreutils and grep, util-linux hexdump) on generated
input: the same output and exit status for every case, in the C locale.

    compare.py HOSTBIN_DIR [ROUNDS [SEED]]

COMPARE_ONLY=sed,find in the environment runs only those commands' cases.
"""
import os, random, subprocess, sys, tempfile

ours_dir = os.path.abspath(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 40
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 4)
env = dict(os.environ, LC_ALL="C", ASAN_OPTIONS="detect_leaks=0")
failures = 0
cases = 0


def run(argv, data, cwd=None):
    p = subprocess.run(argv, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=20,
                       cwd=cwd)
    return p.stdout, p.returncode


only = set(filter(None, os.environ.get("COMPARE_ONLY", "").split(",")))


def check(args, data=b"", theirs=None, sort_lines=False, cwd=None):
    global failures, cases
    if only and args[0] not in only:
        return
    cases += 1
    mine = run([os.path.join(ours_dir, args[0])] + args[1:], data, cwd)
    ref = run(theirs or args, data, cwd)
    if sort_lines:      # find: the order of a directory's entries is the file system's
        mine = (b"\n".join(sorted(mine[0].split(b"\n"))), mine[1])
        ref = (b"\n".join(sorted(ref[0].split(b"\n"))), ref[1])
    if mine != ref:
        failures += 1
        if failures <= 15:
            print(f"FAIL {' '.join(args)} on {data[:80]!r}:\n  ours   {mine!r:.200}\n  theirs {ref!r:.200}")


def word():
    kind = rng.randrange(6)
    if kind == 0:
        return str(rng.randrange(-50, 200))
    if kind == 1:
        return f"{rng.randrange(0, 99)}.{rng.randrange(0, 99)}"
    return "".join(rng.choice("abcABC.-_ ") for _ in range(rng.randrange(0, 6)))


def text(lines=None):
    n = rng.randrange(0, 12) if lines is None else lines
    out = "\n".join((" " * rng.randrange(0, 2)) + word() for _ in range(n))
    if n and rng.randrange(4):
        out += "\n"          # sometimes the last line has no newline
    return out.encode()


def pattern():
    p = "^" if rng.randrange(3) == 0 else ""
    for _ in range(rng.randrange(1, 5)):
        k = rng.randrange(6)
        if k == 0:
            p += "."
        elif k == 1:
            neg = "^" if rng.randrange(3) == 0 else ""
            p += "[" + neg + rng.choice(["a-c", "[:digit:]", "A.", "-_", "[:upper:]b"]) + "]"
        elif k == 2:
            p += "\\" + rng.choice(".*[")
        else:
            p += rng.choice("abcAB0123-_ ")
        if rng.randrange(4) == 0:
            p += "*"
    if rng.randrange(3) == 0:
        p += "$"
    return p


def sed_script():
    """One to three random sed commands, each maybe with an address."""
    def addr():
        k = rng.randrange(7)
        if k == 0:
            return str(rng.randrange(1, 6))
        if k == 1:
            return "$"
        if k == 2:
            return "/" + rng.choice(["a", "^b", "c$", "[0-9]", "A*B", "\\.", "[[:upper:]]"]) + "/"
        if k == 3:
            return f"{rng.randrange(1, 4)},{rng.choice(['$', str(rng.randrange(1, 6)), '/b/'])}"
        if k == 4:
            return f"/a/,/{rng.choice(['b', 'c', '1'])}/"
        if k == 5:
            return f"{rng.randrange(0, 3)}~{rng.randrange(0, 3)}"
        return ""
    def command():
        k = rng.randrange(16)
        pat = rng.choice(["a", "b*", "[ab]", "\\(a\\)\\(.\\)", "^", "$", ".", "c\\+", "[[:digit:]][[:digit:]]*", "A\\|b"])
        rep = rng.choice(["X", "&&", "[\\1]", "", "\\n", "<&>"])
        if "\\1" in rep and "\\(" not in pat:
            rep = "Y"
        if k < 5:
            return f"s/{pat}/{rep}/{rng.choice(['', 'g', '2', 'p', 'gp', '2g', 'I'])}"
        return rng.choice(["p", "d", "n", "N", "=", "l", "y/abc/xyz/", "a\\\nadded", "i\\\ninserted",
                           "c\\\nchanged", "q", "x;G", "h;g", "H;$!d;x", "$!N;P;D", "P", "{p;p}", "!p"])
    cmds = []
    for _ in range(rng.randrange(1, 4)):
        a = addr()
        c = command()
        if c == "!p":
            c = "!p" if a else "p"
        if c in ("q",) and a.count(",") or (c.startswith(("a", "i", "c")) and "," in a):
            a = a.split(",")[0]
        cmds.append(a + c)
    # text commands end the line they are on
    return "\n".join(cmds)


def make_tree(root):
    """A small tree for find: files of several sizes, dot files, empty
    ones, nested directories, a symbolic link."""
    for d in ["a", "a/b", "a/b/c", "d", ".hid", "e mpty"]:
        os.makedirs(os.path.join(root, d), exist_ok=True)
    sizes = {"a/x.txt": 3, "a/Y.TXT": 0, "a/b/big": 3000, "a/b/c/deep.c": 700, "d/one": 1,
             "d/.dot": 5, "top.txt": 513, "e mpty/../z": 1024}
    for f, n in sizes.items():
        with open(os.path.join(root, f), "wb") as fh:
            fh.write(b"x" * n)
    os.symlink("x.txt", os.path.join(root, "a/link"))
    old = os.path.join(root, "d/one")
    os.utime(old, (1e9, 1e9))


def find_expr():
    prim = ["-name '*.txt'", "-name '[a-c]*'", "-iname '*.TXT'", "-name '.*'", "-type d", "-type f",
            "-type l", "-size +1", "-size -2", "-size 1", "-size +600c", "-size -1k", "-empty",
            "-path './a/*'", "-path '*b*'", "-mtime +100", "-mtime -1", "-mmin -30", "-newer d/one",
            "-true", "-false", "-name c -prune"]
    def expr(depth):
        k = rng.randrange(6)
        if depth < 2 and k == 0:
            return f"( {expr(depth + 1)} -o {expr(depth + 1)} )"
        if depth < 2 and k == 1:
            return f"! {expr(depth + 1)}"
        if depth < 2 and k == 2:
            return f"{expr(depth + 1)} -a {expr(depth + 1)}"
        return rng.choice(prim)
    e = expr(0)
    pre = rng.choice(["", "-maxdepth 1 ", "-mindepth 2 ", "-maxdepth 2 -mindepth 1 "])
    post = rng.choice(["", " -print", " -print0", " -exec echo {} ;", " -exec echo {} +"])
    return (pre + e + post).split(" ")


with tempfile.TemporaryDirectory() as tmp:
    tree = os.path.join(tmp, "tree")
    make_tree(tree)
    for _ in range(rounds):
        t = text()
        for flags in ([], ["-r"], ["-n"], ["-u"], ["-rn"], ["-nu"], ["-ru"]):
            check(["sort"] + flags, t)
        # sort with keys: lines of fields separated by blanks or ':'
        def field():
            return rng.choice(["", "a", "B", "ab", "Ab", "b a", "10", "9", "-2", "-0", "0.5", "007", "x\x01y",
                               "  c", " 3", "1e3", "-", ".", "Z", "\t", "é"])
        sep = rng.choice([" ", ":", "\t", "  "])
        rows = "".join(sep.join(field() for _ in range(rng.randrange(1, 5))) + "\n"
                       for _ in range(rng.randrange(0, 14))).encode("latin-1")
        def pos(end):
            p = str(rng.randrange(1, 4))
            if rng.randrange(3) == 0:
                p += "." + str(rng.randrange(0 if end else 1, 4))
            if rng.randrange(3) == 0:
                p += "".join(rng.sample("bdfinr", rng.randrange(1, 3)))
            return p
        for _ in range(4):
            args = []
            for _ in range(rng.randrange(0, 3)):
                k = pos(False)
                if rng.randrange(2):
                    k += "," + pos(True)
                args += ["-k", k]
            if rng.randrange(2):
                args += ["-t", rng.choice([":", " "])]
            args += rng.sample(["-b", "-d", "-f", "-i", "-n", "-r", "-s", "-u"], rng.randrange(0, 3))
            check(["sort"] + args, rows)
            check(["sort", "-c"] + args, rows)
        srt = b"".join(l + b"\n" for l in sorted(rows.splitlines()))
        f3 = os.path.join(tmp, "s3")
        open(f3, "wb").write(srt)
        check(["sort", "-m", f3, "-"], srt)
        check(["sort", "-cu"], srt)
        o1, o2 = os.path.join(tmp, "so1"), os.path.join(tmp, "so2")
        open(o1, "wb").write(rows)
        open(o2, "wb").write(rows)
        cases_o = cases
        check(["sort", "-r", "-o", o1, o1])
        if only and "sort" not in only:
            pass
        elif subprocess.run(["sort", "-r", "-o", o2, o2], env=env).returncode == 0 and open(o1, "rb").read() != open(o2, "rb").read():
            failures += 1
            print("FAIL sort -o: the files differ")
        dup = b"".join(rng.choice([b"a\n", b"b\n", b"a b\n", b"\n"]) for _ in range(rng.randrange(0, 10)))
        for flags in ([], ["-c"], ["-d"], ["-u"]):
            check(["uniq"] + flags, dup)
        dup2 = b"".join(rng.choice([b"a\n", b"A\n", b"x a\n", b"y  a\n", b"\tb a\n", b"ab\n", b"b\n", b"\n"])
                        for _ in range(rng.randrange(0, 12)))
        for flags in (["-i"], ["-f", "1"], ["-s", "1"], ["-ci"], ["-d", "-f", "1", "-s", "1"], ["-u", "-s", "2"],
                      ["-c", "-f", "2"], ["-di"]):
            check(["uniq"] + flags, dup2)
        for flags in ([], ["-l"], ["-w"], ["-c"], ["-lw"], ["-m"], ["-L"], ["-lL"], ["-mc"], ["-lwmcL"]):
            check(["wc"] + flags, t.replace(b"_", b"\t").replace(b"-", b"\r"))
        n = str(rng.randrange(0, 14))
        check(["head", "-n", n], t)
        check(["head", "-c", n], t)
        check(["tail", "-n", n], t)
        check(["tail", "-n", "+" + n], t)
        check(["head", "-n", "-" + n], t)
        check(["head", "-c", "-" + n], t)
        check(["head", "-v", "-n", n], t)
        check(["tail", "-c", n], t)
        check(["tail", "-c", "+" + n], t)
        check(["tail", "-v", "-" + n], t)
        pat = pattern()
        for flags in ([], ["-i"], ["-v"], ["-n"], ["-c"], ["-in"], ["-F"], ["-E"], ["-o"], ["-x"], ["-w"], ["-Fi"]):
            # GNU grep -w on a pattern that matches the empty string
            # answers differently for the same line in different inputs
            if flags != ["-w"] or "*" not in pat:
                check(["grep"] + flags + ["-e", pat], t)
        # the small text filters
        sets = ["a-c", "abc", "[:upper:]", "[:digit:]", "\\n", " .", "[:alpha:][:space:]", "a-z"]
        s1 = rng.choice(sets)
        s2 = rng.choice(["x", "XYZ", "[:lower:]" if s1 == "[:upper:]" else "_-", "A-Z"])
        if s2 == "A-Z" and "[:" in s1:
            s2 = "x"
        for flags in ([], ["-d"], ["-s"], ["-ds"], ["-c"], ["-cd"]):
            if flags in (["-d"], ["-cd"]):
                check(["tr"] + flags + [s1], t)
            elif flags == ["-ds"]:
                check(["tr"] + flags + [s1, s2], t)
            else:
                check(["tr"] + flags + [s1, s2], t)
        lst = rng.choice(["1", "2-", "-2", "1,3", "2-3", "1-2,4-", "3"])
        for flags in (["-b", lst], ["-c", lst], ["-f", lst, "-d", " "], ["-f", lst, "-d", ".", "-s"],
                      ["-f", lst, "-d", "-"]):
            check(["cut"] + flags, t)
        f1, f2 = os.path.join(tmp, "p1"), os.path.join(tmp, "p2")
        open(f1, "wb").write(t)
        open(f2, "wb").write(text())
        for flags in ([], ["-s"], ["-d", ",:"], ["-s", "-d", "\\n"], ["-d", "\\0"]):
            check(["paste"] + flags + [f1, f2])
        check(["tee", os.path.join(tmp, "teeout")], t)
        g1 = os.path.join(tmp, "g1")
        mutated = bytearray(t)
        if mutated and rng.randrange(2):
            mutated[rng.randrange(len(mutated))] ^= 1 << rng.randrange(7)
        open(g1, "wb").write(bytes(mutated[:len(mutated) - rng.randrange(2)]))
        for flags in ([], ["-l"], ["-s"]):
            check(["cmp"] + flags + [f1, g1])
        check(["rev"], t)
        xin = rng.choice([t, t.replace(b"\n", b"\0"), b"'q w' \"e r\" t\\ y\n", b""])
        for flags in ([], ["-n", "2"], ["-n", "1", "echo", "hi"], ["-I", "X", "echo", "[X]"], ["-r"],
                      ["-0"], ["-n", "3", "sh", "-c", "exit 3"], ["-r", "-n", "2", "printf", "<%s>"]):
            if flags[:1] == ["-0"] or b"\0" not in xin:
                check(["xargs"] + flags, xin)
        check(["tac"], t)
        for flags in ([], ["-b", "a"], ["-n", "ln", "-w", "3"], ["-n", "rz", "-s", ": "], ["-v", "5", "-i", "2"]):
            check(["nl"] + flags, t)
        w = str(rng.randrange(1, 12))
        for flags in (["-w", w], ["-s", "-w", w], ["-b", "-w", w]):
            check(["fold"] + flags, t.replace(b"_", b"\t"))
        for name in ["/a/b/c", "a/b/", "/", "//", "abc", "a.txt", "dir/a.txt", "", "a//b//", "///x///"]:
            check(["basename", name])
            check(["dirname", name])
            check(["basename", name, ".txt"])
        fe = [w.strip("'") for w in find_expr()]
        start = rng.choice([".", "a", "d/", "nosuch"])
        check(["find", start] + fe, sort_lines=True, cwd=tree)
        script = sed_script()
        for flags in ([], ["-n"], ["-E"] if "\\" not in script else ["-s"]):
            check(["sed"] + flags + ["-e", script], t)
        a, b, c = rng.randrange(-5, 20), rng.randrange(1, 5) * rng.choice([1, -1]), rng.randrange(-5, 30)
        check(["seq", str(c)])
        check(["seq", str(a), str(c)])
        check(["seq", str(a), str(b), str(c)])
        blob = bytes(rng.choice([0, 0, 0x41, rng.randrange(256)]) for _ in range(rng.randrange(0, 80)))
        check(["hexdump", "-C"], blob)
        # od: one to three types, an offset radix, -j/-N, repeated lines
        odblob = blob * rng.choice([1, 1, 3]) + (b"\0" * rng.choice([0, 16, 48]))
        ts = []
        for _ in range(rng.randrange(0, 4)):
            ts += ["-t", rng.choice(["x1", "x2", "x4", "x8", "o1", "o2", "o4", "d1", "d2", "d4", "d8", "u1",
                                     "u2", "u4", "u8", "c", "a", "f4", "f8", "x", "dS", "uC", "xI", "oL", "fF",
                                     "cx1", "d"])]
        if rng.randrange(4) == 0:
            ts += [rng.choice(["-b", "-c", "-d", "-o", "-s", "-x"])]
        extra = rng.choice([[], ["-A", "x"], ["-A", "d"], ["-A", "n"], ["-v"], ["-j", "5"], ["-N", "21"],
                            ["-j", "3", "-N", "40", "-A", "x"], ["-j", "0x10"]])
        check(["od"] + extra + ts, odblob)
        check(["od"] + ts, blob)
        # strings
        sblob = bytes(rng.choice([0, 9, 10, 0x41, 0x7a, 0x20, 0x7f, 0x80, 0xe9, rng.randrange(0x20, 0x7f)])
                      for _ in range(rng.randrange(0, 300)))
        for flags in ([], ["-n", "1"], ["-n", "2", "-t", "x"], ["-t", "d"], ["-a", "-t", "o", "-n", "6"]):
            check(["strings"] + flags, sblob)
        # expr: random expressions of small integers and words
        def operand():
            return rng.choice(["0", "1", "-3", "12", "007", "", "a", "abc", "b2", "10"])
        def ex(depth):
            k = rng.randrange(7)
            if depth < 2 and k == 0:
                return ["("] + ex(depth + 1) + [")"]
            if depth < 3 and k <= 3:
                op = rng.choice(["|", "&", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", ":"])
                if op == ":":
                    return ex(depth + 1) + [":", rng.choice(["a*", "\\(.\\)", ".*", "[0-9]*", "ab\\(c*\\)",
                                                             "b", "\\(x\\)*", "-*[0-9]"])]
                return ex(depth + 1) + [op] + ex(depth + 1)
            return [operand()]
        for _ in range(5):
            e = ex(0)
            if rng.randrange(20) == 0:
                e = e[:-1]          # sometimes a syntax error
            check(["expr"] + e)
        check(["hexdump"], blob)
        check(["cat"], blob)
        # files on the command line: wc's column width follows their size
        f1, f2 = os.path.join(tmp, "f1"), os.path.join(tmp, "f2")
        open(f1, "wb").write(t)
        open(f2, "wb").write(text())
        check(["wc", f1, f2])
        check(["wc", "-c", f1])
        check(["grep", "-c", "a", f1, f2])
        check(["head", "-n", "2", f1, f2])
        check(["head", "-q", "-c", "5", f1, f2])
        check(["head", "-n", "-2", f1, f2])
        check(["tail", "-n", "2", f1, f2])
        check(["tail", "-c", "+3", f1, f2])
        check(["tail", "-q", "-n", "1", f1, f2])
        check(["wc", "-L", f1, f2])
        check(["wc", "-lm", f1, f2])
    # test / [ and printf (the shell's builtins as programs)
    operands = ["", "a", "b", "0", "12", "-3", "007", tree, os.path.join(tree, "a/x.txt"),
                os.path.join(tree, "a/link"), os.path.join(tree, "nosuch"), os.path.join(tree, "a/Y.TXT")]
    for _ in range(rounds * 4):
        k = rng.randrange(5)
        a, b = rng.choice(operands), rng.choice(operands)
        if k == 0:
            e = [rng.choice(["-n", "-z", "-e", "-f", "-d", "-s", "-h", "-L", "-r"]), a]
        elif k == 1:
            e = [a, rng.choice(["=", "!="]), b]        # coreutils' [ has no < >
        elif k == 2:
            x, y = str(rng.randrange(-3, 4)), str(rng.randrange(-3, 4))
            e = [x, rng.choice(["-eq", "-ne", "-lt", "-le", "-gt", "-ge"]), y]
        elif k == 3:
            e = ["!", rng.choice(["-n", "-z"]), a]
        else:
            e = ["-n", a, rng.choice(["-a", "-o"]), "-z", b]
        check(["["] + e + ["]"], theirs=["/usr/bin/["] + e + ["]"])
    for fmt, args in [("%s-%d\\n", ["a", "1", "b", "2"]), ("%5.2s|%-4d|%x|%o|%c\\n", ["hello", "42", "255", "8", "xyz"]),
                      ("%b|\\n", ["a\\tb\\n"]), ("%%|%s\\n", []), ("%d %i\\n", ["0x1f", "-017"]),
                      ("%03d|%+d|% d\\n", ["5", "5", "5"]), ("%u %X\\n", ["3000000000", "48879"]),
                      ("\\101\\n", []), ("%s\\n", ["one", "two", "three"])]:
        check(["printf", fmt] + args, theirs=["/usr/bin/printf", fmt] + args)
    for s in ["a\\tb", "x\\0101y", "\\x41\\x4", "stop\\cnot", "back\\\\slash", "\\e[0m"]:
        check(["echo", "-e", s], theirs=["/bin/echo", "-e", s])
        check(["echo", "-n", s], theirs=["/bin/echo", "-n", s])



def diff_pairs(tmp):
    """diff on generated file pairs: the status and -q's line must be GNU's;
    the hunks may differ where several shortest scripts exist, so an output
    unlike GNU's must make patch turn the first file into the second."""
    global failures, cases
    import re
    same = {"normal": 0, "unified": 0}
    patched = {"normal": 0, "unified": 0}
    a, b, pf, out = (os.path.join(tmp, n) for n in ("da", "db", "dpatch", "dout"))
    denv = dict(env, TZ="UTC")
    hdr = re.compile(rb"^(---|\+\+\+) \S+\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000$")
    for n in range(rounds * 10):
        alpha = rng.choice([["a", "b", "c"], ["x", "y", "{", "}", "", "z z"], [str(i) for i in range(40)]])
        size = rng.choice([0, 1, 3, 10, 30, 100]) if n % 50 else 3000
        la = [rng.choice(alpha) for _ in range(size)]
        lb = list(la)
        for _ in range(rng.randrange(0, 12) if size < 3000 else 200):
            k = rng.randrange(3)
            p = rng.randrange(len(lb) + 1)
            if k == 0 and lb:
                del lb[min(p, len(lb) - 1):min(p, len(lb) - 1) + rng.randrange(1, 4)]
            elif k == 1:
                lb[p:p] = [rng.choice(alpha) for _ in range(rng.randrange(1, 4))]
            elif lb:
                lb[min(p, len(lb) - 1)] = rng.choice(alpha) + "!"
        ta = "".join(x + "\n" for x in la).encode()
        tb = "".join(x + "\n" for x in lb).encode()
        if rng.randrange(6) == 0 and ta:
            ta = ta[:-1]
        if rng.randrange(6) == 0 and tb:
            tb = tb[:-1]
        open(a, "wb").write(ta)
        open(b, "wb").write(tb)
        os.utime(a, (1.5e9, 1.5e9))
        for flags in ([], ["-u"], ["-U", "1"], ["-q"]):
            cases += 1
            mine = subprocess.run([os.path.join(ours_dir, "diff")] + flags + [a, b], stdout=subprocess.PIPE,
                                  env=denv, timeout=60)
            ref = subprocess.run(["diff"] + flags + [a, b], stdout=subprocess.PIPE, env=denv)
            kind = "normal" if not flags else "unified" if flags[0] != "-q" else "q"
            if mine.returncode != ref.returncode:
                failures += 1
                print(f"FAIL diff {flags}: status {mine.returncode}, GNU's {ref.returncode}")
                continue
            if mine.stdout == ref.stdout:
                if kind in same:
                    same[kind] += 1
                continue
            if kind == "q":
                failures += 1
                print(f"FAIL diff -q: {mine.stdout!r} vs {ref.stdout!r}")
                continue
            body = mine.stdout
            if kind == "unified":
                lines = body.split(b"\n")
                if not (hdr.match(lines[0]) and hdr.match(lines[1])) or lines[:2] != ref.stdout.split(b"\n")[:2]:
                    failures += 1
                    print(f"FAIL diff -u headers: {lines[:2]!r} vs {ref.stdout[:200]!r}")
                    continue
            open(pf, "wb").write(body)
            p = subprocess.run(["patch", "-s", "-o", out, a, pf], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if p.returncode != 0 or open(out, "rb").read() != tb:
                failures += 1
                if failures < 15:
                    print(f"FAIL diff {flags}: patch did not make the second file ({p.stdout!r} {p.stderr!r})\n{body[:300]!r}")
            else:
                patched[kind] += 1
    print(f"diff: {rounds * 10} pairs; the same as GNU's: normal {same['normal']}, unified (-u, -U 1) {same['unified']}; "
          f"other hunks that patch applies exactly: normal {patched['normal']}, unified {patched['unified']}")


if not only or "diff" in only:
    with tempfile.TemporaryDirectory() as tmp:
        diff_pairs(tmp)


def follow_case(tail, path):
    """tail -f on a file that grows twice while it runs: what it printed."""
    import time
    open(path, "wb").write(b"1\n2\n3\n")
    p = subprocess.Popen([tail, "-n", "2", "-f", path], stdout=subprocess.PIPE, env=env)
    time.sleep(0.7)
    with open(path, "ab") as fh:
        fh.write(b"four\n")
    time.sleep(0.7)
    with open(path, "ab") as fh:
        fh.write(b"five, no newline")
    time.sleep(0.7)
    p.terminate()
    return p.communicate()[0]


if not only or "tail" in only:
    with tempfile.TemporaryDirectory() as tmp:
        cases += 1
        mine = follow_case(os.path.join(ours_dir, "tail"), os.path.join(tmp, "grow"))
        ref = follow_case("tail", os.path.join(tmp, "grow"))
        if mine != ref:
            failures += 1
            print(f"FAIL tail -f: ours {mine!r}, theirs {ref!r}")

print(f"compare: {cases} cases, {failures} differences")
sys.exit(1 if failures else 0)
