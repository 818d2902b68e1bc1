#!/usr/bin/env python3
"""The host half of the block-device boot tests (userland/tests/t_block.c).

    blocktest.py run KIND IMAGE -- boottest.py args... -- qemu args...

KIND is mbr, gpt or garbled.  Makes IMAGE (32 MiB) with sfdisk: vda1 =
sectors 2048 + 20001 filled with pattern 1, vda2 = 24576 + 8192 with
pattern 3 (garbled: an MBR whose extended boot records link in a loop).
Runs the boot test (the QEMU command attaches IMAGE).  Then, for mbr and
gpt, checks what the guest wrote: in vda1 the bytes [5 MiB + 77, + 1 MiB +
333) and the last 50 are pattern 2, the rest still pattern 1; vda2 is
pattern 4; sfdisk still reads the same table; and the date the kernel read
from the real-time clock is within a day of the host's.
"""
import datetime, re, subprocess, sys

SECTORS = 65536
P1 = (2048, 20001)
P2 = (24576, 8192)
W_OFF, W_LEN = 5 * 1048576 + 77, 1048576 + 333


def pattern(seed, off, n):
    """The bytes of pattern seed at [off, off + n), as t_block.c makes them."""
    return bytes(((((o * 2654435761) >> 16) ^ (seed * 0x9e) ^ (o >> 9)) & 0xff)
                 for o in range(off, off + n))


def sfdisk(img, script):
    subprocess.run(["sfdisk", "-q", "--no-reread", "--no-tell-kernel", img],
                   input=script.encode(), check=True)


def make(kind, img):
    with open(img, "wb") as f:
        f.truncate(SECTORS * 512)
    if kind == "garbled":
        sfdisk(img, "label: dos\nstart=2048, size=20001, type=83\n"
                    "start=24576, size=30000, type=5\nstart=26624, size=2000\n"
                    "start=30720, size=2000\n")
        with open(img, "r+b") as f:
            # the second EBR (26624 + ... ) links back to the first: a loop
            f.seek(24576 * 512 + 446 + 16)
            link = f.read(16)
            ebr2 = 24576 + int.from_bytes(link[8:12], "little")
            f.seek(ebr2 * 512 + 446 + 16)
            f.write(bytes([0, 0, 0, 0, 5, 0, 0, 0]) + (0).to_bytes(4, "little")
                    + (100).to_bytes(4, "little"))
        return
    label = "dos" if kind == "mbr" else "gpt"
    sfdisk(img, f"label: {label}\nstart={P1[0]}, size={P1[1]}\nstart={P2[0]}, size={P2[1]}\n")
    with open(img, "r+b") as f:
        f.seek(P1[0] * 512)
        f.write(pattern(1, 0, P1[1] * 512))
        f.seek(P2[0] * 512)
        f.write(pattern(3, 0, P2[1] * 512))


def check(img):
    errors = []
    with open(img, "rb") as f:
        f.seek(P1[0] * 512)
        p1 = f.read(P1[1] * 512)
        f.seek(P2[0] * 512)
        p2 = f.read(P2[1] * 512)
    end = len(p1)
    want = bytearray(pattern(1, 0, end))
    want[W_OFF:W_OFF + W_LEN] = pattern(2, W_OFF, W_LEN)
    want[end - 50:] = pattern(2, end - 50, 50)
    if p1 != want:
        first = next(i for i in range(end) if p1[i] != want[i])
        errors.append(f"vda1 differs first at byte {first}: {p1[first]:#x}, want {want[first]:#x}")
    if p2 != pattern(4, 0, len(p2)):
        first = next(i for i in range(len(p2)) if p2[i] != pattern(4, i, 1)[0])
        errors.append(f"vda2 differs first at byte {first}")
    out = subprocess.run(["sfdisk", "--dump", img], capture_output=True, text=True).stdout
    for start, size in (P1, P2):
        if not re.search(rf"start=\s*{start}, size=\s*{size},", out):
            errors.append(f"sfdisk no longer lists the partition {start}+{size}:\n{out}")
    return errors


def check_clock(boottest):
    """The date the kernel read from the RTC is within a day of the host's."""
    name = boottest[boottest.index("--name") + 1]
    log = open(f"{name}.log", errors="replace").read()
    m = re.search(r"clock: (.*) says (\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+) UTC", log)
    if not m:
        return ["the kernel printed no date from a real-time clock"]
    guest = datetime.datetime(*map(int, m.groups()[1:]), tzinfo=datetime.timezone.utc)
    host = datetime.datetime.now(datetime.timezone.utc)
    if abs((host - guest).total_seconds()) > 86400:
        return [f"the {m.group(1)} says {guest}, the host {host}: more than a day apart"]
    print(f"blocktest: the {m.group(1)} said {guest}; the host {host}")
    return []


def main():
    if len(sys.argv) < 5 or sys.argv[1] != "run" or sys.argv[4] != "--":
        sys.exit(__doc__)
    kind, img, rest = sys.argv[2], sys.argv[3], sys.argv[5:]
    make(kind, img)
    r = subprocess.run(rest)
    if r.returncode != 0:
        sys.exit(r.returncode)
    if kind == "garbled":
        return
    errors = check(img) + check_clock(rest)
    for e in errors:
        print("blocktest: " + e)
    if errors:
        sys.exit(1)
    print("blocktest: the image holds what the guest wrote; the table is intact")


if __name__ == "__main__":
    main()
