#!/usr/bin/env python3
"""Run QEMU for one boot test and judge it.

    boottest.py --name NAME [--timeout S] [--expect REGEX]... [--contains REGEX]...
                [--reject REGEX]...
                [--status N] [--send REGEX TEXT]... [--send-after REGEX SECONDS TEXT]...
                [--stop-on REGEX] -- qemu args...

The guest's serial console is QEMU's stdio.  The test passes when QEMU exits
with --status (default 0) and every --expect pattern appeared in the output,
in order, every --contains pattern appeared anywhere, and no --reject pattern did.  --send answers a pattern with text
typed on the console (for U-Boot prompts); --send-after does the same
SECONDS after the pattern appeared (e.g. ^C once a command has started).
Sends of both kinds are answered in the order given, each pattern searched
after the previous one's match.  --stop-on ends QEMU as soon as
a pattern is seen and every send was served (for "halted" paths that cannot
exit QEMU by themselves); the run then counts as exiting with status 0.
A timeout is a failure.  On any failure the whole console log is printed, and
the log is always kept in the working directory as NAME.log.

The screen (QEMU's display, through a monitor socket NAME.mon that is
added to the command when one of these is given):
    --keys REGEX TEXT        type TEXT on the machine's keyboard (monitor
                             sendkey, one key at a time) once REGEX appeared;
                             {name} in TEXT is QEMU's key name ({up}, {left})
    --keys-after REGEX SECONDS TEXT   the same, SECONDS later
    --shot REGEX SECONDS FILE  SECONDS after REGEX appeared, save the screen
                             (monitor screendump) as FILE.png and FILE.ppm
    --screen FILE REGEX      the text on screenshot FILE (its glyphs decoded
                             with --font, scripts/screentext.py) must match
    --colour FILE TEXT FG BG TEXT's first character on screenshot FILE is drawn
                             in colour FG on BG (0xRRGGBB)
    --font PSF               the console font the kernel was built with
--keys, --keys-after and --shot are served in the same order as --send.  Every decoded
screen is kept as FILE.txt beside the PNG.
"""
import argparse, os, re, select, signal, socket, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


# QEMU's names for the keys that type a character (monitor sendkey).
KEYNAMES = {" ": "spc", "\n": "ret", "-": "minus", "=": "equal", "/": "slash", ".": "dot",
            ",": "comma", ";": "semicolon", "'": "apostrophe", "`": "grave_accent",
            "[": "bracket_left", "]": "bracket_right", "\\": "backslash", "\t": "tab"}
SHIFTED = {"!": "1", "@": "2", "#": "3", "$": "4", "%": "5", "^": "6", "&": "7", "*": "8",
           "(": "9", ")": "0", "_": "minus", "+": "equal", "?": "slash", ">": "dot",
           "<": "comma", ":": "semicolon", '"': "apostrophe", "~": "grave_accent",
           "{": "bracket_left", "}": "bracket_right", "|": "backslash"}


def sendkey_names(text):
    """QEMU key names typing text; {name} is the key called name ({up}, {left})."""
    parts = re.split(r"(\{[a-z_0-9-]+\})", text)
    for part in parts:
        if part.startswith("{") and part.endswith("}") and len(part) > 2:
            yield part[1:-1]
        else:
            yield from char_keys(part)


def char_keys(text):
    for ch in text:
        if ch.isascii() and (ch.isdigit() or ch.islower()):
            yield ch
        elif ch.isascii() and ch.isupper():
            yield "shift-" + ch.lower()
        elif ch in KEYNAMES:
            yield KEYNAMES[ch]
        elif ch in SHIFTED:
            yield "shift-" + SHIFTED[ch]
        elif ord(ch) < 32:
            yield "ctrl-" + chr(ord(ch) + 96)
        else:
            raise ValueError(f"no key types {ch!r}")


class Monitor:
    """QEMU's human monitor on a unix socket: one command at a time."""
    def __init__(self, path):
        self.path, self.sock = path, None

    def connect(self):
        for _ in range(100):
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(self.path)
                self.read_prompt()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("cannot reach the QEMU monitor at " + self.path)

    def read_prompt(self):
        buf = b""
        self.sock.settimeout(30)
        while not buf.endswith(b"(qemu) "):
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError("the QEMU monitor closed")
            buf += chunk
        return buf

    def command(self, line):
        if not self.sock:
            self.connect()
        self.sock.sendall(line.encode() + b"\n")
        return self.read_prompt()


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        sys.exit("boottest: missing -- before the QEMU command")
    split = argv.index("--")
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--expect", action="append", default=[])
    ap.add_argument("--contains", action="append", default=[])
    ap.add_argument("--reject", action="append", default=[])
    ap.add_argument("--status", type=int, default=0)
    ap.add_argument("--send", nargs=2, action="append", default=[], metavar=("REGEX", "TEXT"),
                    dest="sends")
    ap.add_argument("--send-after", nargs=3, action="append", metavar=("REGEX", "SECONDS", "TEXT"),
                    dest="sends")
    ap.add_argument("--stop-on")
    ap.add_argument("--keys", nargs=2, action="append", metavar=("REGEX", "TEXT"), dest="sends")
    ap.add_argument("--keys-after", nargs=3, action="append", metavar=("REGEX", "SECONDS", "TEXT"),
                    dest="sends")
    ap.add_argument("--shot", nargs=3, action="append", metavar=("REGEX", "SECONDS", "FILE"),
                    dest="sends")
    ap.add_argument("--screen", nargs=2, action="append", default=[], metavar=("FILE", "REGEX"))
    ap.add_argument("--colour", nargs=4, action="append", default=[],
                    metavar=("FILE", "TEXT", "FG", "BG"))
    ap.add_argument("--font")
    # which option each sends entry came from, in command-line order
    kinds = [a for a in argv[:split]
             if a in ("--send", "--send-after", "--keys", "--keys-after", "--shot")]
    args = ap.parse_args(argv[:split])
    cmd = argv[split + 1:]
    monitor = None
    if {"--keys", "--keys-after", "--shot"} & set(kinds):
        mon_path = os.path.abspath(args.name + ".mon")
        if os.path.exists(mon_path):
            os.unlink(mon_path)
        cmd = cmd + ["-monitor", f"unix:{mon_path},server=on,wait=off"]
        monitor = Monitor(mon_path)
    shots = {}

    log_path = os.path.abspath(args.name + ".log")
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    out = bytearray()
    def text(t):
        return t.encode().decode("unicode_escape").encode()
    # (pattern, delay, bytes), in command-line order
    sends = []
    for kind, sd in zip(kinds, args.sends or []):
        if kind == "--keys-after":
            kind = "--keys"
        delay = float(sd[1]) if len(sd) == 3 else 0.0
        payload = sd[-1] if kind in ("--keys", "--shot") else text(sd[-1])
        sends.append((re.compile(sd[0].encode()), delay, payload, kind))
    sent_upto = 0          # sends are answered in order
    send_at = None         # when the matched send is due
    search_from = 0
    stop_re = re.compile(args.stop_on.encode()) if args.stop_on else None
    deadline = time.monotonic() + args.timeout
    timed_out = stopped = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        r, _, _ = select.select([proc.stdout], [], [], min(left, 0.1))
        if r:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
        if sent_upto < len(sends) and send_at is None:
            m = sends[sent_upto][0].search(out, search_from)
            if m:
                search_from = m.end()
                send_at = time.monotonic() + sends[sent_upto][1]
        if send_at is not None and time.monotonic() >= send_at:
            kind, payload = sends[sent_upto][3], sends[sent_upto][2]
            try:
                if kind == "--keys":
                    for key in sendkey_names(payload.encode().decode("unicode_escape")):
                        monitor.command("sendkey " + key)
                        time.sleep(0.05)
                elif kind == "--shot":
                    ppm = os.path.abspath(payload + ".ppm")
                    monitor.command("screendump " + ppm)
                    shots[payload] = ppm
                else:
                    proc.stdin.write(payload)
                    proc.stdin.flush()
            except (BrokenPipeError, OSError, RuntimeError) as e:
                out += f"\nboottest: {kind} failed: {e}\n".encode()
            sent_upto += 1
            send_at = None
        if stop_re and sent_upto >= len(sends) and stop_re.search(out):
            stopped = True
            break
        if proc.poll() is not None and not r:
            break
    if timed_out or stopped:
        os.killpg(proc.pid, signal.SIGKILL)
    try:
        rest = proc.communicate(timeout=10)[0]
        if rest:
            out += rest
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    status = 0 if stopped else proc.returncode
    text = out.decode("utf-8", "replace").replace("\r", "")
    with open(log_path, "w") as f:
        f.write(text)

    problems = []
    if timed_out:
        problems.append(f"timed out after {args.timeout:.0f} s (a hang counts as a failure)")
    elif status != args.status:
        problems.append(f"QEMU exited with status {status}, expected {args.status}")
    pos = 0
    for pat in args.expect:
        m = re.compile(pat, re.M).search(text, pos)
        if not m:
            problems.append(f"expected output not seen (in order): {pat!r}")
        else:
            pos = m.end()
    for pat in args.contains:
        if not re.search(pat, text, re.M):
            problems.append(f"expected output not seen (anywhere): {pat!r}")
    for pat in args.reject:
        m = re.search(pat, text, re.M)
        if m:
            problems.append(f"forbidden output seen: {m.group(0)!r}")
    screens, images = {}, {}
    if shots:
        import screentext
        for name, ppm in shots.items():
            try:
                img = screentext.read_ppm(ppm)
                images[name] = img
                screentext.write_png(img, os.path.abspath(name + ".png"))
                screens[name] = screentext.decode(img, screentext.read_psf(args.font)) if args.font else ""
                with open(os.path.abspath(name + ".txt"), "w") as f:
                    f.write(screens[name])
            except (OSError, ValueError) as e:
                problems.append(f"screenshot {name}: {e}")
    for name, want, fg, bg in args.colour:
        if name not in images or not args.font:
            problems.append(f"no screenshot {name} to check colours on")
            continue
        got = screentext.find_colours(images[name], screentext.read_psf(args.font), want)
        if got != (int(fg, 16), int(bg, 16)):
            shown = "not found" if got is None else f"{got[0]:#08x} on {got[1]:#08x}"
            problems.append(f"screenshot {name}: {want!r} should be {fg} on {bg}: {shown}")
    for name, pat in args.screen:
        if name not in screens:
            problems.append(f"no screenshot {name} was taken")
        elif not re.search(pat, screens[name], re.M):
            problems.append(f"screenshot {name} does not show {pat!r}; it shows:\n" + screens[name])
    if problems:
        print(f"FAIL {args.name}")
        for p in problems:
            print("  - " + p)
        print(f"---- console log ({log_path}) ----")
        print(text)
        print("---- end of console log ----")
        print("command: " + " ".join(cmd))
        return 1
    print(f"PASS {args.name} (log: {log_path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
