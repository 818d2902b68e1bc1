#!/usr/bin/env python3
"""The commands of userland/bin, built with the host's C library, against
the host's own (GNU coreutils and grep, util-linux hexdump) on generated
input: the same output and exit status for every case, in the C locale.

    compare.py HOSTBIN_DIR [ROUNDS [SEED]]

COMPARE_ONLY=sed,find in the environment runs only those commands' cases.
"""
import os, random, subprocess, sys, tempfile

ours_dir = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 150
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 4)
env = dict(os.environ, LC_ALL="C", ASAN_OPTIONS="detect_leaks=0")
failures = 0
cases = 0


def run(argv, data):
    p = subprocess.run(argv, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=20)
    return p.stdout, p.returncode


only = set(filter(None, os.environ.get("COMPARE_ONLY", "").split(",")))


def check(args, data=b"", theirs=None):
    global failures, cases
    if only and args[0] not in only:
        return
    cases += 1
    mine = run([os.path.join(ours_dir, args[0])] + args[1:], data)
    ref = run(theirs or args, data)
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


with tempfile.TemporaryDirectory() as tmp:
    for _ in range(rounds):
        t = text()
        for flags in ([], ["-r"], ["-n"], ["-u"], ["-rn"], ["-nu"], ["-ru"]):
            check(["sort"] + flags, t)
        dup = b"".join(rng.choice([b"a\n", b"b\n", b"a b\n", b"\n"]) for _ in range(rng.randrange(0, 10)))
        for flags in ([], ["-c"], ["-d"], ["-u"]):
            check(["uniq"] + flags, dup)
        for flags in ([], ["-l"], ["-w"], ["-c"], ["-lw"]):
            check(["wc"] + flags, t)
        n = str(rng.randrange(0, 14))
        check(["head", "-n", n], t)
        check(["head", "-c", n], t)
        check(["tail", "-n", n], t)
        check(["tail", "-n", "+" + n], t)
        pat = pattern()
        for flags in ([], ["-i"], ["-v"], ["-n"], ["-c"], ["-in"], ["-F"], ["-E"], ["-o"], ["-x"], ["-w"], ["-Fi"]):
            # GNU grep -w on a pattern that matches the empty string
            # answers differently for the same line in different inputs
            if flags != ["-w"] or "*" not in pat:
                check(["grep"] + flags + ["-e", pat], t)
        script = sed_script()
        for flags in ([], ["-n"], ["-E"] if "\\" not in script else ["-s"]):
            check(["sed"] + flags + ["-e", script], t)
        a, b, c = rng.randrange(-5, 20), rng.randrange(1, 5) * rng.choice([1, -1]), rng.randrange(-5, 30)
        check(["seq", str(c)])
        check(["seq", str(a), str(c)])
        check(["seq", str(a), str(b), str(c)])
        blob = bytes(rng.choice([0, 0, 0x41, rng.randrange(256)]) for _ in range(rng.randrange(0, 80)))
        check(["hexdump", "-C"], blob)
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
    for s in ["a\\tb", "x\\0101y", "\\x41\\x4", "stop\\cnot", "back\\\\slash", "\\e[0m"]:
        check(["echo", "-e", s], theirs=["/bin/echo", "-e", s])
        check(["echo", "-n", s], theirs=["/bin/echo", "-n", s])

print(f"compare: {cases} cases, {failures} differences")
sys.exit(1 if failures else 0)
