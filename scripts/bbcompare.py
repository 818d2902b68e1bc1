#!/usr/bin/env python3
"""Run a script with one of Debian's static programs on Ringel and on Linux,
and compare the outputs.

    bbcompare.py --name NAME --arch x86_64|aarch64 --program PATH --script PATH
                 [--shell-argv WORD...] -- boottest.py arguments...

The boot (scripts/boottest.py with the arguments after --, run in the working
directory, where it leaves NAME.log) runs the script on Ringel as the first
process: the kernel command line names the program as init=, the script as
its argument.  The oracle is the same program running the same script on
this machine's Linux: natively for x86-64, through qemu-aarch64 for AArch64.
It runs as the first process of a private user, mount, pid and UTS namespace
(unshare(1): no privilege needed, nothing on the machine changed), chrooted
into a directory holding the program and the script at the paths they have in
Ringel's initramfs, with a fresh /proc and the machine's /dev.  For AArch64 a
binfmt_misc instance private to that namespace (Linux 6.7 and later) runs
aarch64 ELF files with qemu-aarch64, so that the program's fork+exec of
itself (/proc/self/exe) works as it does on an arm64 machine.

Each output is the text between the script's "=== ... begin" and "=== ...
end" lines.  Both are cut into sections at "## NAME" lines and normalised:
NORMALISE below lists every rewrite, the section it applies to and why the
figure is the machine's, not the kernel's; nothing else is rewritten.  The
test fails on any other difference (a unified diff is printed) and on a
failed boot.  NAME.linux.txt and NAME.ringel.txt (normalised) stay beside the
log.
"""
import argparse, difflib, os, re, shutil, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))

# (section regex, line regex, replacement, why).  The section regex must match
# the whole section name; the rewrite applies to every line of those sections.
NUM = r"[0-9]+(\.[0-9]+)?"
NORMALISE = [
    # The kernel's name and release are what distinguish the two systems.
    ("uname", r"^Ringel$|^Linux$", "KERNEL", "uname -s names the kernel"),
    ("uname", r"^[0-9][^ ]*$", "RELEASE", "uname -r is the kernel's version"),
    # The number of CPUs: the host's cores against QEMU's -smp.
    ("nproc", r"^[0-9]+$", "N", "CPUs of the machine"),
    # Memory figures: RAM of the host against the guest's.
    ("free", r"[0-9]+", "N", "memory sizes of the machine"),
    ("free", r"  +", " ", "column widths follow the figures"),
    # uptime: time since boot, load and users are the machine's.
    ("uptime", r"^.*load average.*$", "UPTIME LINE", "time since boot and load of the machine"),
    # top's header: memory, CPU shares and load of the machine; the process
    # lines: sizes and CPU use.  The header layout is checked by its first words.
    ("top", r"[0-9]+(\.[0-9]+)?[kmgKMG%]?", "N", "memory, CPU and load figures of the machine"),
    ("top", r"  +", " ", "column widths follow the figures"),
    # df of a fresh 1 MiB tmpfs: Linux counts its metadata in Used (0 for an
    # empty file's inode), Ringel a page per file; sizes are the mount's.
    ("mount-df", r"^(tmpfs +)[0-9]+( +)[0-9]+( +)[0-9]+( +)[0-9]+%", r"\1SIZE USED AVAIL USE%",
     "block accounting of tmpfs differs per kernel version"),
    # mount options: Linux lists relatime and the uid/gid of the mounting
    # namespace; the option set of a tmpfs is the kernel's own choice.
    ("mount-df", r"\((rw|ro)[^)]*\)", r"(\1,...)", "default mount options of the kernel"),
    ("mount-df", r" (rw|ro),[^ ]* 0 0$", r" \1,... 0 0", "default mount options of the kernel"),
    # time -p: seconds measured.
    ("misc", r"^(real|user|sys) .*$", r"\1", "measured times"),
    # jobs -l: the process id of a job (and its column width).
    ("job-control", r"^(\[[0-9]+\][-+]?) +[0-9]+ ", r"\1 PID ", "process ids"),
    # /proc/self/maps: the addresses are where the loader chose.
    ("proc", r"^[0-9a-f]{8,}-[0-9a-f]{8,}", "ADDR", "load addresses"),
]


def sections(text):
    """[(section, [lines])] in order; lines before the first '## ' go to ''."""
    out = [("", [])]
    for line in text.splitlines():
        if line.startswith("## "):
            out.append((line[3:].strip(), [line]))
        else:
            out[-1][1].append(line)
    return out


def normalise(text):
    lines = []
    for name, body in sections(text):
        rules = [(re.compile(l), r) for s, l, r, _ in NORMALISE if re.fullmatch(s, name)]
        for line in body:
            if not line.startswith("## "):
                for rx, rep in rules:
                    line = rx.sub(rep, line)
            lines.append(line)
    return "\n".join(lines) + "\n"


def between(text, begin, end):
    """The lines after the begin marker and before the end marker."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    b = text.find(begin)
    if b < 0:
        return None
    b = text.index("\n", b) + 1
    e = text.find(end, b)
    body = text[b:e] if e >= 0 else text[b:]
    return body


# binfmt_misc registration of aarch64 ELF executables (e_machine 0xb7), the
# pattern qemu-user-static's own registration uses, with flags F (the
# interpreter is opened now, so it need not exist inside the chroot) and P
# (argv[0] is passed on: busybox picks its applet by it).
A64_MAGIC = r"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00"
A64_MASK = r"\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff"


def find_qemu_aarch64():
    """qemu-aarch64-static from the cache (scripts/setup), else the installed qemu-aarch64."""
    cached = os.path.join(HERE, "..", ".cache", "qemu-user-static", "usr", "bin", "qemu-aarch64-static")
    if os.path.exists(cached):
        return os.path.abspath(cached)
    return shutil.which("qemu-aarch64-static") or shutil.which("qemu-aarch64")


def run_linux(args, root, guest_prog, guest_script):
    """Run the script on this machine's Linux (see the top comment); its stdout and stderr."""
    if os.path.exists(root):
        subprocess.run(["rm", "-rf", root], check=True)
    for d in ("proc", "dev", "tmp", "opt/debian"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    shutil.copy2(args.program, root + guest_prog)
    shutil.copy2(args.script, root + guest_script)
    for extra in args.extra:
        host, guest = extra.split(":", 1)
        os.makedirs(os.path.dirname(root + guest), exist_ok=True)
        shutil.copy2(host, root + guest)
    setup = ["set -e",
             'mount --rbind /dev "$R/dev"',
             'mount -t proc proc "$R/proc"',
             # the guest's / is a tmpfs; so is the oracle's /tmp (not the host's disk)
             'mount -t tmpfs tmpfs "$R/tmp"']
    if args.arch == "aarch64":
        qemu = find_qemu_aarch64()
        if not qemu:
            sys.exit("bbcompare: no qemu-aarch64 (scripts/setup installs qemu-user)")
        setup += ["mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc",
                  'printf "%s\\n" "$REG" > /proc/sys/fs/binfmt_misc/register']
    setup.append('exec chroot "$R" "$@"')
    cmd = ["unshare", "--user", "--map-root-user", "--mount", "--pid", "--fork", "--uts",
           "--kill-child", "sh", "-c", "\n".join(setup), "sh"] + [guest_prog] + args.shell_argv + [guest_script]
    env = {"R": root, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/", "TERM": "vt100"}
    if args.arch == "aarch64":
        env["REG"] = ":ringel-aarch64:M::%s:%s:%s:PF" % (A64_MAGIC, A64_MASK, qemu)
    try:
        r = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=args.host_timeout)
    except subprocess.TimeoutExpired as e:
        # (unshare was killed; --kill-child took the namespace's processes with it)
        return -1, (e.stdout or b"").decode("utf-8", "replace") + "\nbbcompare: timed out on Linux\n"
    return r.returncode, r.stdout.decode("utf-8", "replace")


def ringel_try(args, linux, begin, end):
    """Boot Ringel once and compare: None, or what went wrong (a diff)."""
    r = subprocess.run([sys.executable, os.path.join(HERE, "boottest.py"), "--name", args.name,
                        "--expect", re.escape(end)] + args.boottest)
    with open(args.name + ".log", errors="replace") as f:
        log = f.read()
    ringel = between(log, begin, end)
    if ringel is None:
        return "bbcompare: no '%s' line in %s.log" % (begin, args.name)
    ringel = normalise(ringel)
    with open(args.name + ".ringel.txt", "w") as f:
        f.write(ringel)
    diff = list(difflib.unified_diff(linux.splitlines(), ringel.splitlines(), "linux", "ringel",
                                     lineterm="", n=2))
    if diff:
        bad = sorted({s for s, b in sections(ringel)} ^ {s for s, b in sections(linux)} |
                     {s for (s, b), (t, c) in zip(sections(ringel), sections(linux)) if b != c})
        return "\n".join(diff) + "\nbbcompare: %s differs from Linux in sections: %s" % (
            args.name, " ".join(bad))
    if r.returncode != 0:
        return "bbcompare: the outputs agree, but the boot test failed"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--arch", required=True, choices=["x86_64", "aarch64"])
    ap.add_argument("--program", required=True, help="the static program (busybox, bash)")
    ap.add_argument("--guest-program", default="/opt/debian/busybox", help="its path in the initramfs")
    ap.add_argument("--script", required=True)
    ap.add_argument("--guest-script", required=True, help="the script's path in the initramfs")
    ap.add_argument("--shell-argv", nargs="*", default=["sh"],
                    help="words between the program and the script (busybox: sh)")
    ap.add_argument("--extra", action="append", default=[], metavar="HOST:GUEST",
                    help="another file the script uses, and its path in the initramfs")
    ap.add_argument("--marker", required=True, help="the text of the script's begin/end lines")
    ap.add_argument("--host-timeout", type=float, default=120)
    ap.add_argument("--linux-only", action="store_true", help="run the oracle only and print its output")
    ap.add_argument("--native-program", help="the same release of the program for this machine")
    ap.add_argument("--native-sections", default="",
                    help="sections whose oracle is --native-program run natively (comma separated)")
    ap.add_argument("boottest", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    if args.boottest and args.boottest[0] == "--":
        args.boottest = args.boottest[1:]
    begin, end = "=== %s begin" % args.marker, "=== %s end" % args.marker

    root = os.path.abspath(args.name + ".root")
    status, out = run_linux(args, root, args.guest_program, args.guest_script)
    subprocess.run(["rm", "-rf", root])
    linux = between(out, begin, end)
    if linux is None or end not in out:
        print(out)
        hint = ""
        if begin not in out:
            hint = (" (the namespace could not be set up: unshare needs user namespaces"
                    + (", and the aarch64 binfmt_misc registration Linux 6.7 or later" if args.arch == "aarch64"
                       else "") + ")")
        sys.exit("bbcompare: the script did not run to its end on Linux (status %d)%s" % (status, hint))
    if args.native_sections:
        # qemu-user cannot stand in for Linux where a program looks at other
        # processes through /proc (it shows the host's view: qemu's own
        # command line, no comm of the guest program) or at its own
        # /proc/self/stat: those sections come from the same release of the
        # program built for this machine, run natively.
        nat = argparse.Namespace(**vars(args))
        nat.program, nat.arch = args.native_program, "x86_64"
        status, nout = run_linux(nat, root, args.guest_program, args.guest_script)
        subprocess.run(["rm", "-rf", root])
        native = between(nout, begin, end)
        if native is None or end not in nout:
            print(nout)
            sys.exit("bbcompare: the script did not run to its end natively (status %d)" % status)
        want = set(args.native_sections.split(","))
        nsecs = dict(sections(native))
        linux = "\n".join("\n".join(nsecs.get(n, []) if n in want else body)
                          for n, body in sections(linux) if n or body) + "\n"
    linux = normalise(linux)
    with open(args.name + ".linux.txt", "w") as f:
        f.write(linux)
    if args.linux_only:
        sys.stdout.write(linux)
        return 0

    # A second try when the first differs or fails: one run in eleven of the
    # AArch64 busybox test differed once, cause unknown.  The first try's
    # log and difference are kept (NAME.try1.log, NAME.try1.diff) and the
    # pass says so, so that a flaky difference stays visible.
    nsec = sum(1 for l in linux.splitlines() if l.startswith("## "))
    for attempt in (1, 2):
        failure = ringel_try(args, linux, begin, end)
        if not failure:
            break
        print(failure)
        if attempt == 1:
            os.replace(args.name + ".log", args.name + ".try1.log")
            with open(args.name + ".try1.diff", "w") as f:
                f.write(failure + "\n")
            print("bbcompare: %s: trying once more (the first try is in %s.try1.log)" %
                  (args.name, args.name))
    if failure:
        return 1
    if attempt == 2:
        print("bbcompare: %s passed on the second try; the first try's difference is in %s.try1.diff"
              % (args.name, args.name))
    print("bbcompare: %s: %d sections, the same output as Linux (%s)" % (args.name, nsec, args.arch))
    return 0


if __name__ == "__main__":
    sys.exit(main())
