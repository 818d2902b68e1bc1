#!/usr/bin/env python3
"""FAT32 on a virtio disk, judged from outside: the boot tests boot.ARCH.fat-disk
and boot.ARCH.fat-powercut (registered in scripts/CMakeLists.txt).

    disktest.py --name NAME --mode persist|powercut|bench --virtio DEVICE [--icount SHIFT] -- qemu args...

persist:  mkfs.vfat makes a 64 MiB FAT32 image; boot 1 mounts it on /mnt,
          writes files of several sizes (4.7 MB, odd sizes, empty), long and
          short names and nested directories, runs sync and powers off.  On
          the host `fsck.fat -n` must find nothing and mcopy (mtools) must
          read back exactly the bytes the host computes the same way (seq).
          Boot 2 mounts it again, copies the big file within the disk and
          lists it; the host checks the copy byte for byte (so the guest
          read it back right) and runs fsck again.
powercut: boot 1 writes files and syncs, then starts writing more and QEMU is
          killed in the middle.  What was synced must be intact (mcopy), and
          fsck.fat may report nothing worse than lost clusters or a file size
          that its chain does not match (the unsynced file).
sdcard:   the Raspberry Pi's own SD-card image (a copy, --image): the Pi
          boots from it, init mounts its FAT boot partition on /boot; files
          are written there and synced.  On the host fsck.fat -n must find
          nothing on the partition and mcopy must read back the bytes.
bench:    fatbench (userland/bench/fatbench.c) under -icount: sequential write
          and read in guest instructions per byte, cached and uncached.
shell-home: the disk is /home, as ./scripts/run attaches it ("-- home=/dev/vda"
          on the kernel command line: init mounts it and sets HOME=/home).
          Boot 1 types commands and writes /home/rc.local; the host finds
          them in the shell's history file (mcopy ::/.sh_history).  Boot 2:
          /etc/rc ran rc.local before the shell started; fc -l lists boot 1's
          commands; ^R finds one of them and Enter runs it again.
Each boot runs through scripts/boottest.py (serial console, typed commands).
"""
import argparse, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROMPT = "ringel:/[^ ]*# "
ENV = dict(os.environ, MTOOLS_SKIP_CHECK="1", PATH="/usr/sbin:/sbin:" + os.environ.get("PATH", ""))


def boot(name, qemu, disk, virtio, commands, expects, extra=()):
    """One boot: type each command at the prompt, then power off."""
    args = [sys.executable, os.path.join(HERE, "boottest.py"), "--name", name, "--timeout", "300"]
    for c in commands:
        args += ["--send", PROMPT, c + "\\n"]
    for e in expects:
        args += ["--expect", e]
    args += list(extra)
    args += ["--"] + qemu + ["-drive", "file=%s,if=none,id=d0,format=raw" % disk,
                             "-device", "%s,drive=d0" % virtio]
    return subprocess.run(args).returncode == 0


def seq(a, b):
    return "".join("%d\n" % i for i in range(a, b + 1)).encode()


def mcopy(disk, path):
    r = subprocess.run(["mcopy", "-n", "-i", disk, "::" + path, "-"], env=ENV, capture_output=True)
    return r.stdout if r.returncode == 0 else None


def fsck(disk):
    r = subprocess.run(["fsck.fat", "-n", disk], env=ENV, capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)
    return ok


BIG = seq(1, 700000)                 # 4.7 MB: beyond 4 MiB, an odd length
FILES = {
    "/big.txt": BIG,
    "/odd size.bin": BIG[:12345],
    "/dir/sub/A Long File Name With Mixed Case.text": seq(1, 50),
    "/dir/SHORT.TXT": b"hello\n",
    "/dir/empty": b"",
    "/dir/sub/one-cluster-plus-one.dat": BIG[:513],
}


def persist(a):
    disk = a.name + ".img"
    subprocess.run(["rm", "-f", disk])
    subprocess.run(["mkfs.vfat", "-F", "32", "-C", disk, "65536"], env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    cmds = ["mkdir /mnt", "mount -t vfat /dev/vda /mnt", "mount",
            "seq 1 700000 > /mnt/big.txt",
            "head -c 12345 /mnt/big.txt > '/mnt/odd size.bin'",
            "mkdir -p /mnt/dir/sub",
            "seq 1 50 > '/mnt/dir/sub/A Long File Name With Mixed Case.text'",
            "echo hello > /mnt/dir/SHORT.TXT",
            "touch /mnt/dir/empty",
            "head -c 513 /mnt/big.txt > /mnt/dir/sub/one-cluster-plus-one.dat",
            "df /mnt", "grep -e Buffers -e Dirty /proc/meminfo", "sync", "kill -USR2 1"]
    ok = boot(a.name + "-1", a.qemu, disk, a.virtio, cmds,
              ["/dev/vda on /mnt type vfat", r"/dev/vda +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+% /mnt"],
              ["--status", a.status])
    if not check(ok, "boot 1: writes and powers off"):
        return
    code, out = fsck(disk)
    check(code == 0, "fsck.fat -n after boot 1" + ("" if code == 0 else ":\n" + out))
    for path, want in FILES.items():
        got = mcopy(disk, path)
        check(got == want, "mcopy %s: %s bytes, %d expected" % (path, None if got is None else len(got), len(want)))
    cmds = ["mkdir /mnt", "mount /dev/vda /mnt", "ls -l /mnt /mnt/dir /mnt/dir/sub",
            "cat /mnt/big.txt > /mnt/big2.txt", "wc -c /mnt/big.txt '/mnt/odd size.bin'",
            "umount /mnt", "mount", "kill -USR2 1"]
    ok = boot(a.name + "-2", a.qemu, disk, a.virtio, cmds,
              [r"A Long File Name With Mixed Case\.text", r"4788895 /mnt/big\.txt", r"12345 /mnt/odd size\.bin"],
              ["--status", a.status, "--reject", "/dev/vda on /mnt"])
    check(ok, "boot 2: reads back, unmounts")
    check(mcopy(disk, "/big2.txt") == BIG, "the copy boot 2 made is the same bytes")
    code, out = fsck(disk)
    check(code == 0, "fsck.fat -n after boot 2" + ("" if code == 0 else ":\n" + out))
    if not failures:
        os.remove(disk)


def powercut(a):
    disk = a.name + ".img"
    subprocess.run(["rm", "-f", disk])
    subprocess.run(["mkfs.vfat", "-F", "32", "-C", disk, "65536"], env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    cmds = ["mkdir /mnt", "mount -t vfat /dev/vda /mnt",
            "seq 1 700000 > /mnt/big.txt", "mkdir /mnt/dir",
            "echo hello > /mnt/dir/SHORT.TXT", "sync",
            # unsynced writes in flight when QEMU is killed: the flusher
            # writes blocks older than 5 s while seq goes on
            "seq 1 3000000 > /mnt/unsynced.txt & sleep 8 ; echo cut''now"]
    ok = boot(a.name, a.qemu, disk, a.virtio, cmds, [], ["--stop-on", "cutnow"])
    if not check(ok, "boot: writes, syncs, killed while writing"):
        return
    check(mcopy(disk, "/big.txt") == BIG, "the synced big file is intact")
    check(mcopy(disk, "/dir/SHORT.TXT") == b"hello\n", "the synced small file is intact")
    code, out = fsck(disk)
    # Acceptable damage, all from the unsynced file: clusters no entry
    # names (lost), its size behind its chain, the two FATs caught half way
    # through a write-back, FSInfo's free count behind.  Not acceptable:
    # an entry naming free clusters, or anything about the synced files.
    allowed = (r"fsck\.fat \d", r"clusters", r"Reclaim", r"lost", r"unused", r"^/unsynced\.txt$",
               r"File size is", r"Truncating", r"FATs differ but appear to be intact", r"Using first FAT",
               r"Free cluster summary wrong", r"Auto-correcting", r"Leaving filesystem", r"Dirty bit")
    bad = [l for l in out.splitlines() if l.strip() and not any(re.search(p, l.strip()) for p in allowed)]
    print(out)
    check(not bad, "fsck.fat finds at most lost clusters and the unsynced file's size" +
          ("" if not bad else ":\n" + "\n".join(bad)))
    if not failures:
        os.remove(disk)


def partition_offset(img):
    """The byte offset of the first MBR partition."""
    with open(img, "rb") as f:
        mbr = f.read(512)
    if mbr[510:512] != b"\x55\xaa":
        return None
    return int.from_bytes(mbr[446 + 8:446 + 12], "little") * 512


def sdcard(a):
    disk = a.name + ".img"
    subprocess.run(["cp", a.image, disk], check=True)
    cmds = ["mount",
            "seq 1 200000 > /boot/big.txt",
            "mkdir -p '/boot/A Long Directory/sub'",
            "seq 1 50 > '/boot/A Long Directory/sub/Mixed Case Name.text'",
            "head -c 513 /boot/big.txt > /boot/ODD.DAT",
            "rm /boot/big.txt; seq 1 200000 > /boot/big.txt",
            "ls -l /boot", "sync", "echo sy''nced"]
    args = [sys.executable, os.path.join(HERE, "boottest.py"), "--name", a.name, "--timeout", "400"]
    for c in cmds:
        args += ["--send", PROMPT, c + "\\n"]
    args += ["--expect", "/dev/mmcblk0p1 on /boot type vfat", "--expect", "synced",
             "--stop-on", "synced", "--reject", "PANIC"]
    args += ["--"] + a.qemu + ["-drive", "if=sd,format=raw,file=%s" % disk]
    ok = subprocess.run(args).returncode == 0
    if not check(ok, "the Pi writes to its boot partition and syncs"):
        return
    off = partition_offset(disk)
    if not check(off is not None, "the card has an MBR"):
        return
    part = disk + ".part"
    size = os.path.getsize(disk) - off
    with open(disk, "rb") as src, open(part, "wb") as dst:
        src.seek(off)
        dst.write(src.read(size))
    code, out = fsck(part)
    check(code == 0, "fsck.fat -n on the boot partition" + ("" if code == 0 else ":\n" + out))
    want = {"/big.txt": seq(1, 200000), "/A Long Directory/sub/Mixed Case Name.text": seq(1, 50),
            "/ODD.DAT": seq(1, 200000)[:513]}
    for path, data in want.items():
        got = mcopy(part, path)
        check(got == data, "mcopy %s: %s bytes, %d expected" % (path, None if got is None else len(got), len(data)))
    # what the firmware boots from is still there
    check(mcopy(part, "/config.txt") is not None, "the firmware's config.txt is still readable")
    os.remove(part)
    if not failures:
        os.remove(disk)


def bench(a):
    """Figures, not a test: fatbench under -icount (guest instructions)."""
    disk = a.name + ".img"
    subprocess.run(["rm", "-f", disk])
    subprocess.run(["mkfs.vfat", "-F", "32", "-C", disk, "65536"], env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    cmds = ["mkdir /mnt", "mount /dev/vda /mnt", "fatbench /mnt /dev/vda", "kill -USR2 1"]
    ok = boot(a.name, a.qemu + ["-icount", "shift=%s,sleep=off" % a.icount], disk, a.virtio, cmds,
              ["fatbench: done"], ["--status", a.status])
    check(ok, "fatbench ran")
    log = open(a.name + ".log", errors="replace").read()
    for line in re.findall(r"fatbench: .*ticks/byte", log):
        print(line)
    if not failures:
        os.remove(disk)


def with_home(qemu):
    """The QEMU arguments with "-- home=/dev/vda" added to the kernel's
    command line (an SMBIOS string on x86-64, -append on AArch64)."""
    out = []
    for i, arg in enumerate(qemu):
        if arg.startswith("type=11,value=ringel.cmdline="):
            arg += " -- home=/dev/vda"
        elif i > 0 and qemu[i - 1] == "-append":
            arg += " -- home=/dev/vda"
        out.append(arg)
    return out


def shell_home(a):
    disk = a.name + ".img"
    subprocess.run(["rm", "-f", disk])
    subprocess.run(["mkfs.vfat", "-F", "32", "-C", disk, "65536"], env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    qemu = with_home(a.qemu)
    cmds = ["echo $HOME $HISTSIZE", "echo persisted-$((6 * 7))",
            "echo 'echo rc.local says hello' > /home/rc.local", "sync", "kill -USR2 1"]
    ok = boot(a.name + "-1", qemu, disk, a.virtio, cmds,
              [r"/dev/vda mounted on /home", r"\n/home 1000\n", r"\npersisted-42\n"],
              ["--status", a.status])
    if not check(ok, "boot 1: commands typed with /home on the disk"):
        return
    hist = mcopy(disk, "/.sh_history") or b""
    check(b"echo persisted-$((6 * 7))\n" in hist, "the history file on the disk has boot 1's commands: %r" % hist)
    args = [sys.executable, os.path.join(HERE, "boottest.py"), "--name", a.name + "-2", "--timeout", "300",
            "--expect", r"rc\.local says hello\n(.*\n)*init: starting /bin/sh",
            "--send", PROMPT, "fc -l\\n",
            "--expect", r"\n[0-9]+\techo persisted-\$\(\(6 \* 7\)\)\n",
            "--send", PROMPT, "\\x12persisted",
            "--send", r"\(reverse-i-search\)`persisted': echo persisted", "\\r",
            "--expect", r"\npersisted-42\n",
            "--send", PROMPT, "kill -USR2 1\\n", "--status", a.status,
            "--"] + qemu + ["-drive", "file=%s,if=none,id=d0,format=raw" % disk,
                            "-device", "%s,drive=d0" % a.virtio]
    check(subprocess.run(args).returncode == 0, "boot 2: rc.local ran, fc -l and ^R find boot 1's commands")
    hist = mcopy(disk, "/.sh_history") or b""
    check(hist.count(b"echo persisted-$((6 * 7))\n") == 2, "boot 2's rerun is in the history: %r" % hist)
    if not failures:
        os.remove(disk)


def main():
    argv = sys.argv[1:]
    split = argv.index("--")
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--mode", choices=["persist", "powercut", "bench", "sdcard", "shell-home"], required=True)
    ap.add_argument("--image", help="sdcard: the card image to copy")
    ap.add_argument("--icount", default="0")
    ap.add_argument("--virtio", default="")
    ap.add_argument("--status", default="0")
    a = ap.parse_args(argv[:split])
    a.qemu = argv[split + 1:]
    {"persist": persist, "powercut": powercut, "bench": bench, "sdcard": sdcard,
     "shell-home": shell_home}[a.mode](a)
    print("%s: %d failed" % (a.name, len(failures)))
    sys.exit(1 if failures else 0)


main()
