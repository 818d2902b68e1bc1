#!/usr/bin/env python3
"""The system commands of userland/bin (du, stat, readlink, realpath, id,
whoami, nproc, hostname, kill -l, ps -o, uptime, mktemp, time), built with
the host's C library, against GNU coreutils and procps on generated file
trees: the same output and exit status for every case, in the C locale and
UTC.  Where the output cannot be the same (random names, the time of day,
file birth times that only statx knows) its form is checked instead.

    compare_sys.py HOSTBIN_DIR [ROUNDS [SEED]]
"""
import os, random, re, shutil, subprocess, sys, tempfile

ours_dir = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 16)
env = dict(os.environ, LC_ALL="C", TZ="UTC", ASAN_OPTIONS="detect_leaks=0")
failures = 0
cases = 0


def run(argv, cwd, data=b""):
    p = subprocess.run(argv, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                       timeout=20, cwd=cwd)
    return p.stdout, p.returncode


def fail(what, mine, ref):
    global failures
    failures += 1
    if failures <= 15:
        print(f"FAIL {what}:\n  ours   {mine!r:.400}\n  theirs {ref!r:.400}")


def check(args, cwd, theirs=None, filt=None):
    global cases
    cases += 1
    mine = run([os.path.join(ours_dir, args[0])] + args[1:], cwd)
    ref = run(theirs or args, cwd)
    if filt:
        mine, ref = (filt(mine[0]), mine[1]), (filt(ref[0]), ref[1])
    if mine != ref:
        fail(" ".join(args) + f" in {cwd}", mine, ref)


def expect(what, ok, detail=""):
    global cases
    cases += 1
    if not ok:
        fail(what, detail, "")


def make_tree(root):
    """A random tree: directories, files of random sizes, hard and symbolic
    links (some dangling, some to directories, one loop)."""
    dirs = [root]
    files = []
    for _ in range(rng.randrange(3, 12)):
        parent = rng.choice(dirs)
        name = os.path.join(parent, "d%d" % len(dirs) + rng.choice(["", " sp", ".x"]))
        os.mkdir(name)
        dirs.append(name)
    for i in range(rng.randrange(2, 25)):
        parent = rng.choice(dirs)
        name = os.path.join(parent, "f%d" % i + rng.choice(["", ".txt", " q", "'"]))
        with open(name, "wb") as f:
            f.write(b"x" * rng.choice([0, 1, 100, 4096, 5000, 70000, 300000]))
        os.chmod(name, rng.choice([0o644, 0o600, 0o755, 0o4755, 0o1777, 0o000]))
        files.append(name)
    for i in range(rng.randrange(0, 4)):
        src = rng.choice(files)
        os.link(src, os.path.join(rng.choice(dirs), "h%d" % i))
    links = []
    for i in range(rng.randrange(1, 8)):
        at = os.path.join(rng.choice(dirs), "l%d" % i)
        target = rng.choice([os.path.relpath(rng.choice(files + dirs), os.path.dirname(at)),
                             rng.choice(files + dirs), "nowhere", "../nowhere/x", "l%d" % i])
        os.symlink(target, at)
        links.append(at)
    # read every link and directory once now: with relatime their access
    # times then stay put, whichever program reads them first below
    for l in links:
        os.readlink(l)
    for d in dirs:
        os.listdir(d)
    return dirs, files, links


def no_birth(out):
    # the birth time only statx knows; a link's access time changes as the
    # other program reads it (%N) on some file systems
    return re.sub(rb"( Birth|Access): [0-9-].*\n", b"", out)


with tempfile.TemporaryDirectory() as tmp:
    for r in range(rounds):
        root = os.path.join(tmp, "t%d" % r)
        os.mkdir(root)
        dirs, files, links = make_tree(root)
        rel = lambda p: os.path.relpath(p, tmp)
        for flags in ([], ["-s"], ["-a"], ["-c"], ["-h"], ["-sh"], ["-ah"], ["-d", "1"], ["-d", "0"],
                      ["-b"], ["-sb"], ["-hc"]):
            check(["du"] + flags + [rel(root)], tmp)
        check(["du", "-s"] + [rel(rng.choice(dirs)) for _ in range(3)], tmp)
        check(["du", "-c", rel(rng.choice(files)), rel(root)], tmp)
        # stat: the default layout, and formats
        some = [rel(x) for x in rng.sample(files + dirs + links, min(4, len(files + dirs + links)))]
        check(["stat"] + some, tmp, filt=no_birth)
        check(["stat", "-L"] + [rel(x) for x in files[:3]], tmp, filt=no_birth)
        for fmt in ["%n %s %b %B %o %f %F %a %A %h %i %u %U %g %G %d %D %t %T %X %Y %Z",
                    "%N|%-12n|%12s|%05a|%10.4A|%%|%y|%z", "[%3h] %.3n %-5i"]:
            check(["stat", "-c", fmt] + some, tmp)
        check(["stat", "--printf=%n\\t%s\\n\\101\\x"] + some, tmp)
        check(["stat", "-c", "%x %X"] + [rel(x) for x in files[:4]], tmp)
        check(["stat", "-c", "%n", "missing"] + some[:1], tmp)
        # links resolved
        for l in links + [rel(files[0]) + "/..", rel(root) + "/./" + "../" + rel(root)]:
            p = rel(l) if os.path.isabs(l) else l
            for flags in ([], ["-f"], ["-e"], ["-m"], ["-n"], ["-fn"]):
                check(["readlink"] + flags + [p], tmp)
            for flags in ([], ["-e"], ["-m"], ["-s"], ["-q"]):
                check(["realpath"] + flags + [p], tmp)
            check(["realpath", p, rel(rng.choice(dirs)) + "/../x/y"], tmp)
        shutil.rmtree(root, ignore_errors=True)

    # the system's identity
    for args in (["nproc"], ["nproc", "--all"], ["nproc", "--ignore=1"], ["nproc", "--ignore=99"],
                 ["hostname"], ["hostname", "-s"], ["id"], ["id", "-u"], ["id", "-un"], ["id", "-g"],
                 ["id", "-gn"], ["id", "-G"], ["id", "-Gn"], ["id", "-ur"], ["whoami"],
                 ["kill", "-l"], ["kill", "-L"], ["kill", "-l", "9"], ["kill", "-l", "TERM"],
                 ["kill", "-l", "SIGHUP"], ["kill", "-l", "15"]):
        check(args, tmp, theirs=["/bin/kill"] + args[1:] if args[0] == "kill" else None)
    # ps: fixed columns of a process that sits still (pid 1 and ourselves)
    for fields in ["pid,ppid,pgid,sid,comm,uid,user,ni", "pid,tty,comm", "user,pid,vsz,comm", "pid,s,comm,args"]:
        check(["ps", "-o", fields, "-p", "1"], tmp)
    # forms that depend on the moment
    out = run([os.path.join(ours_dir, "uptime")], tmp)[0].decode()
    expect("uptime's line", re.fullmatch(r" \d\d:\d\d:\d\d up .*,  0 user,  load average: "
                                         r"\d+\.\d\d, \d+\.\d\d, \d+\.\d\d\n", out), out)
    mine = run([os.path.join(ours_dir, "uptime"), "-p"], tmp)[0]
    ref = run(["uptime", "-p"], tmp)[0]
    expect("uptime -p", mine == ref, f"{mine!r} {ref!r}")
    for args in ([], ["-d"], ["-p", tmp, "abcXXXX"], ["-t", "qXXXXXX"], ["-u"], ["--suffix=.s", "zXXXX"]):
        o = run([os.path.join(ours_dir, "mktemp")] + args, tmp)
        name = o[0].decode().strip()
        path = os.path.join(tmp, name)
        shape = {"-p": r".*/abc[A-Za-z0-9]{4}", "-t": r".*/q[A-Za-z0-9]{6}",
                 "--suffix=.s": r"z[A-Za-z0-9]{4}\.s"}.get(args[0] if args else "", r".*/tmp\.[A-Za-z0-9]{10}")
        made = os.path.lexists(path)
        expect(f"mktemp {args}", o[1] == 0 and re.fullmatch(shape, name) and made == ("-u" not in args) and
               (not made or os.path.isdir(path) == ("-d" in args)), name)
        if made and name.startswith("/tmp/"):
            (os.rmdir if os.path.isdir(path) else os.unlink)(path)
    o = run([os.path.join(ours_dir, "mktemp"), "abXX"], tmp)
    expect("mktemp: too few X's", o[1] == 1 and o[0] == b"", str(o))
    p = subprocess.run([os.path.join(ours_dir, "time"), "-p", "sh", "-c", "exit 3"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env)
    expect("time -p: POSIX lines and the status", p.returncode == 3 and
           re.fullmatch(rb"real \d+\.\d\d\nuser \d+\.\d\d\nsys \d+\.\d\d\n", p.stderr), str(p))
    p = subprocess.run([os.path.join(ours_dir, "time"), "sh", "-c", "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    m = re.fullmatch(rb"real\t0m(\d+\.\d+)s\nuser\t0m(\d+\.\d+)s\nsys\t0m(\d+\.\d+)s\n", p.stderr)
    expect("time: a busy child's user time is counted", m and float(m.group(2)) > 0, str(p.stderr))
    if m:
        print(f"time: a shell loop took real {m.group(1).decode()} s, user {m.group(2).decode()} s")
    o = run([os.path.join(ours_dir, "time"), "/nonexistent"], tmp)
    expect("time: a missing command is 127", o[1] == 127, str(o))

print(f"compare_sys: {cases} cases, {failures} differences")
sys.exit(1 if failures else 0)
