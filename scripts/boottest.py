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
a pattern is seen (for "halted" paths that cannot exit QEMU by themselves);
the run then counts as exiting with status 0.
A timeout is a failure.  On any failure the whole console log is printed, and
the log is always kept in the working directory as NAME.log.
"""
import argparse, os, re, select, signal, subprocess, sys, time


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
    args = ap.parse_args(argv[:split])
    cmd = argv[split + 1:]

    log_path = os.path.abspath(args.name + ".log")
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    out = bytearray()
    def text(t):
        return t.encode().decode("unicode_escape").encode()
    # (pattern, delay, bytes), in command-line order
    sends = [(re.compile(s[0].encode()), float(s[1]) if len(s) == 3 else 0.0, text(s[-1]))
             for s in args.sends]
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
            try:
                proc.stdin.write(sends[sent_upto][2])
                proc.stdin.flush()
            except BrokenPipeError:
                pass
            sent_upto += 1
            send_at = None
        if stop_re and stop_re.search(out):
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
