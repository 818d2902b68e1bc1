#!/usr/bin/env python3
"""The full-screen commands (more/less, vi, top), built for the host, driven
on a pseudo-terminal with scripted keys.  What they draw is fed to a small
VT100 model (the sequences term.c sends: cursor position, erase line and
screen, reverse video, CR and LF), and the checks read its screen and the
files the programs write.

    tui_test.py HOSTBIN_DIR
"""
import os, pty, re, select, signal, struct, subprocess, sys, tempfile, termios, fcntl, time

bindir = sys.argv[1]
ROWS, COLS = 24, 80
failures = 0
checks = 0


class Screen:
    """Enough of a VT100 for what term.c sends."""

    def __init__(self, rows=ROWS, cols=COLS):
        self.rows, self.cols = rows, cols
        self.cells = [[" "] * cols for _ in range(rows)]
        self.r = self.c = 0
        self.pending = ""

    def feed(self, data):
        s = self.pending + data.decode("latin-1")
        self.pending = ""
        i = 0
        while i < len(s):
            ch = s[i]
            if ch == "\033":
                m = re.match(r"\033\[([0-9;?]*)([A-Za-z])", s[i:])
                if not m:
                    if len(s) - i < 16:
                        self.pending = s[i:]
                        return
                    i += 1
                    continue
                self.csi(m.group(1), m.group(2))
                i += m.end()
                continue
            if ch == "\r":
                self.c = 0
            elif ch == "\n":
                self.r = min(self.r + 1, self.rows - 1)
            elif ch == "\b":
                self.c = max(self.c - 1, 0)
            elif ch >= " ":
                if self.c >= self.cols:
                    self.c = 0
                    self.r = min(self.r + 1, self.rows - 1)
                self.cells[self.r][self.c] = ch
                self.c += 1
            i += 1

    def csi(self, args, op):
        nums = [int(x) if x.isdigit() else 0 for x in args.split(";")] if args else []
        if op == "H":
            r = nums[0] if nums else 1
            c = nums[1] if len(nums) > 1 else 1
            self.r, self.c = max(r, 1) - 1, max(c, 1) - 1
        elif op == "K":
            for c in range(self.c, self.cols):
                self.cells[self.r][c] = " "
        elif op == "J" and nums and nums[0] == 2:
            self.cells = [[" "] * self.cols for _ in range(self.rows)]

    def line(self, r):
        return "".join(self.cells[r]).rstrip()

    def text(self):
        return "\n".join(self.line(r) for r in range(self.rows))


class Term:
    def __init__(self, argv, stdin=None, cwd=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            if cwd:
                os.chdir(cwd)
            if stdin is not None:
                # input piped in: the program must take its keys from /dev/tty
                r, w = os.pipe()
                if os.fork() == 0:
                    os.close(r)
                    os.write(w, stdin)
                    os._exit(0)
                os.close(w)
                os.dup2(r, 0)
                os.close(r)
            os.environ.update(LC_ALL="C", ASAN_OPTIONS="detect_leaks=0", TERM="vt100")
            os.execv(argv[0], argv)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.screen = Screen()
        self.status = None

    def pump(self, wait=0.3, limit=5):
        """Read what the program drew until it has been quiet for wait
        seconds (or limit seconds have passed: top never stops drawing)."""
        end = time.time() + limit
        while time.time() < end:
            r, _, _ = select.select([self.fd], [], [], wait)
            if not r:
                return
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.screen.feed(data)

    def keys(self, s, wait=0.3):
        for ch in s if isinstance(s, list) else [s]:
            os.write(self.fd, ch.encode("latin-1"))
            self.pump(wait)

    def wait(self, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            self.pump(0.1)
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(st)
                return self.status
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self.status = "hung"
        return self.status

    def resize(self, rows, cols, wait=0.4):
        """A new window size: the kernel sends SIGWINCH to the program,
        which must redraw for it (the screen model starts blank)."""
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.screen = Screen(rows, cols)
        self.pump(wait)

    def termios_after(self):
        return termios.tcgetattr(self.fd)


def check(name, ok, detail=""):
    global failures, checks
    checks += 1
    if not ok:
        failures += 1
        print(f"FAIL {name}\n{detail}")


def prog(name):
    return os.path.join(bindir, name)


def test_pager(tmp):
    path = os.path.join(tmp, "lines.txt")
    with open(path, "w") as f:
        for i in range(1, 201):
            f.write(f"line {i}" + ("\tTAB" if i == 7 else "") + ("\n"))
        f.write("x" * 100 + " long\n")
    t = Term([prog("less"), path])
    t.pump(0.5)
    sc = t.screen
    check("less first screen", sc.line(0) == "line 1" and sc.line(22) == "line 23", sc.text())
    check("less shows the file name", sc.line(23) == path, sc.line(23))
    check("less expands a tab", sc.line(6) == "line 7  TAB", repr(sc.line(6)))
    t.keys(" ")
    check("less space pages", sc.line(0) == "line 24", sc.text())
    t.keys("b")
    check("less b pages back", sc.line(0) == "line 1", sc.text())
    t.keys(["j", "j", "5", "j"])
    check("less j and 5j", sc.line(0) == "line 8", sc.text())
    t.keys("k")
    check("less k", sc.line(0) == "line 7  TAB", sc.text())
    t.keys("G")
    check("less G: last line at the bottom, wrapped", sc.line(22) == "x" * 20 + " long" and
          sc.line(21) == "x" * 80 and sc.line(20) == "line 200" and sc.line(23) == "(END)", sc.text())
    t.keys("g")
    check("less g", sc.line(0) == "line 1", sc.text())
    t.keys(["/", "1", "5", "0", "\r"])
    check("less /150", sc.line(0) == "line 150", sc.text())
    t.keys("n")
    check("less n: no further match", sc.line(0) == "line 150" and "not found" in sc.line(23), sc.text())
    t.keys(["?", "e 3", "\r"])
    check("less ?e 3", sc.line(0) == "line 39", sc.text())
    t.keys("n")
    check("less n backward", sc.line(0) == "line 38", sc.text())
    t.keys("50g")
    check("less 50g", sc.line(0) == "line 50", sc.text())
    t.keys(["/", "e (17|18)0$", "\r"])
    check("less /RE (extended)", sc.line(0) == "line 170", sc.text())
    t.keys(["?", "^line [0-9]$", "\r"])
    check("less ?^line [0-9]$", sc.line(0) == "line 9", sc.text())
    t.keys(["/", "a[", "\r"])
    check("less: a bad pattern is said", "nvalid" in sc.line(23) and sc.line(0) == "line 9", sc.text())
    t.resize(30, 60)
    sc = t.screen
    check("less redraws on SIGWINCH", sc.line(0) == "line 9" and sc.line(28) == "line 37" and sc.line(29) != "",
          sc.text())
    t.resize(ROWS, COLS)
    sc = t.screen
    t.keys("q")
    check("less q exits 0", t.wait() == 0, str(t.status))
    tc = t.termios_after()
    check("less restores the terminal", tc[3] & termios.ICANON and tc[3] & termios.ECHO, str(tc))

    # a pipe: the keys come from /dev/tty
    data = "".join(f"piped {i}\n" for i in range(1, 1001)).encode()
    t = Term([prog("more")], stdin=data)
    t.pump(0.5)
    sc = t.screen
    check("more on a pipe", sc.line(0) == "piped 1" and sc.line(23).startswith("--More--"), sc.text())
    t.keys(["\r", "d"])
    check("more Enter, d (half a screen: 12)", sc.line(0) == "piped 14", sc.text())
    t.keys("G")
    check("more G on a pipe", sc.line(22) == "piped 1000" and "END" in sc.line(23), sc.text())
    t.keys(" ")
    check("more: space at the end quits", t.wait() == 0, str(t.status))

    # SIGINT from outside restores the terminal too
    t = Term([prog("less"), path])
    t.pump(0.5)
    os.kill(t.pid, signal.SIGINT)
    st = t.wait()
    tc = t.termios_after()
    check("less killed by SIGINT", st == -signal.SIGINT, str(st))
    check("less restores the terminal on SIGINT", tc[3] & termios.ICANON and tc[3] & termios.ECHO, str(tc))

    # not a terminal: a copy
    out = subprocess.run([prog("more"), path], stdout=subprocess.PIPE).stdout
    check("more copies when not on a terminal", out == open(path, "rb").read())


def vi_session(tmp, name, content, keys, want, screen_check=None):
    path = os.path.join(tmp, name)
    if content is not None:
        with open(path, "w") as f:
            f.write(content)
    elif os.path.exists(path):
        os.unlink(path)
    t = Term([prog("vi"), path])
    t.pump(0.4)
    for k in keys:
        t.keys(k, 0.15)
    if screen_check:
        screen_check(t.screen)
        t.keys([":", "q", "!", "\r"], 0.15)
    st = t.wait()
    got = open(path).read() if os.path.exists(path) else None
    check(f"vi {name}: {keys!r}", st == 0 and got == want,
          f"status {st}\n got {got!r}\nwant {want!r}\n" + t.screen.text())
    return t


ESC = "\033"


def test_vi(tmp):
    text = "one two three\nfour five six\nseven eight nine\n"
    cases = [
        ("ins", None, ["ihello vi", ESC, ":wq\r"], "hello vi\n"),
        ("append", "abc\n", ["A", "def", ESC, "0", "i", ">", ESC, "ZZ"], ">abcdef\n"),
        ("open", text, ["o", "new", ESC, "gg", "O", "first", ESC, ":x\r"],
         "first\none two three\nnew\nfour five six\nseven eight nine\n"),
        ("x", text, ["3x", "j", "X", ":wq\r"], " two three\nfour five six\nseven eight nine\n"),
        ("dd", text, ["j", "dd", ":wq\r"], "one two three\nseven eight nine\n"),
        ("2dd p", text, ["2dd", "p", ":wq\r"], "seven eight nine\none two three\nfour five six\n"),
        ("dw", text, ["w", "dw", ":wq\r"], "one three\nfour five six\nseven eight nine\n"),
        ("d2w", text, ["d2w", ":wq\r"], "three\nfour five six\nseven eight nine\n"),
        ("dw last", text, ["$", "b", "dw", ":wq\r"], "one two \nfour five six\nseven eight nine\n"),
        ("d$ D", text, ["w", "d$", "j", "D", ":wq\r"], "one \nfou\nseven eight nine\n"),
        ("cw", text, ["w", "cw", "TWO", ESC, ":wq\r"], "one TWO three\nfour five six\nseven eight nine\n"),
        ("cc", text, ["j", "cc", "middle", ESC, ":wq\r"], "one two three\nmiddle\nseven eight nine\n"),
        ("C", text, ["e", "C", "!", ESC, ":wq\r"], "on!\nfour five six\nseven eight nine\n"),
        ("yy P", text, ["G", "yy", "gg", "P", ":wq\r"],
         "seven eight nine\none two three\nfour five six\nseven eight nine\n"),
        ("yw p", text, ["yw", "$", "p", ":wq\r"], "one two threeone \nfour five six\nseven eight nine\n"),
        ("r", text, ["3rx", ":wq\r"], "xxx two three\nfour five six\nseven eight nine\n"),
        ("J", text, ["J", ":wq\r"], "one two three four five six\nseven eight nine\n"),
        ("~", text, ["4~", ":wq\r"], "ONE two three\nfour five six\nseven eight nine\n"),
        ("dot", text, ["dw", ".", "j0", ".", ":wq\r"], "three\nfive six\nseven eight nine\n"),
        ("dot insert", text, ["A", "!", ESC, "j", ".", ":wq\r"],
         "one two three!\nfour five six!\nseven eight nine\n"),
        ("undo", text, ["dd", "dd", "x", "u", "u", ":wq\r"], "four five six\nseven eight nine\n"),
        ("undo all redo", text, ["dd", "dd", "u", "u", "u", "\x12", ":wq\r"],
         "four five six\nseven eight nine\n"),
        ("search", text, ["/eig\r", "x", "gg", "?f\r", "x", "n", "x", ":wq\r"],
         "one two three\nour ive six\nseven ight nine\n"),
        ("search n", text, ["/e\r", "n", "n", "x", "/e\r", "x", ":wq\r"], "one two thre\nfour fiv six\nseven eight nine\n"),
        ("f t ;", text, ["fe", "x", "j0", "ti", "x", "0", ";", "x", ":wq\r"],
         "on two three\nfourive six\nseven eight nine\n"),
        ("goto", text, [":3\r", "dd", "1G", "x", "2G", "x", ":wq\r"], "ne two three\nour five six\n"),
        ("s", text, [":s/o/0/\r", ":wq\r"], "0ne two three\nfour five six\nseven eight nine\n"),
        ("s g", text, [":%s/e/E/g\r", ":wq\r"], "onE two thrEE\nfour fivE six\nsEvEn Eight ninE\n"),
        ("s range &", text, [":2,3s/i/[&]/\r", ":wq\r"], "one two three\nfour f[i]ve six\nseven e[i]ght nine\n"),
        ("motions", text, ["w", "e", "x", "$", "x", "0", "x", "j", "^", "l", "x", ":wq\r"],
         "ne tw thre\nfur five six\nseven eight nine\n"),
        ("counts", "a\nb\nc\nd\ne\n", ["3j", "x", "gg", "2yy", "G", "p", ":wq\r"], "a\nb\nc\n\ne\na\nb\n"),
        ("w to file", text, [":w " + os.path.join(tmp, "other") + "\r", ":q\r"], text),
        ("q refuses", text, ["x", ":q\r", ":wq\r"], "ne two three\nfour five six\nseven eight nine\n"),
        ("q!", text, ["dd", ":q!\r"], text),
        ("backspace", None, ["iabd", "\x7f", "c\rxy", ESC, ":wq\r"], "abc\nxy\n"),
        ("tab", None, ["i\tx", ESC, ":wq\r"], "\tx\n"),
        ("insert count", "ab\n", ["3i-", ESC, "A", "x", ESC, "2o", "l", ESC, ":wq\r"], "---abx\nl\nl\n"),
        ("append count dot", "ab\n", ["2a12", ESC, "j", ".", ":wq\r"], "a12121212b\n"),
        ("e", text, [":e " + os.path.join(tmp, "other") + "\r", "dd", ":w\r", ":e #\r", ":q!\r"], text),
        ("search RE", text, ["/f.ve\r", "x", "/^s\r", "x", "?t[wh]\r", "x", ":wq\r"],
         "one two hree\nfour ive six\neven eight nine\n"),
        ("s RE", text, [":%s/[aeiou][a-z]/<&>/g\r", ":wq\r"],
         "<on>e two thr<ee>\nf<ou>r f<iv>e s<ix>\ns<ev><en> <ei>ght n<in>e\n"),
        ("s empty match", "abc\n", [":s/x*/-/g\r", ":wq\r"], "-a-b-c-\n"),
    ]
    for name, content, keys, want in cases:
        vi_session(tmp, "vi-" + name.replace(" ", "_"), content, keys, want)
    check("vi :w FILE wrote it", open(os.path.join(tmp, "other")).read() == "four five six\nseven eight nine\n")

    # the screen: tabs, wrapping, the status row, ~ past the end
    long = "x" * 100
    def screen(sc):
        check("vi screen: tab expands", sc.line(0) == "a       b", repr(sc.line(0)))
        check("vi screen: long line wraps", sc.line(1) == "x" * 80 and sc.line(2) == "x" * 20, sc.text())
        check("vi screen: ~ after the end", sc.line(3) == "~" and sc.line(22) == "~", sc.text())
        check("vi screen: ruler", sc.line(23).rstrip().endswith("2,100"), repr(sc.line(23)))
    vi_session(tmp, "vi-screen", "a\tb\n" + long + "\n", ["j$"], "a\tb\n" + long + "\n", screen)
    # a long file scrolls
    many = "".join(f"l{i}\n" for i in range(1, 101))
    def scrolled(sc):
        check("vi screen: G scrolls", sc.line(22) == "l100" and sc.line(0) == "l78", sc.text())
    vi_session(tmp, "vi-scroll", many, ["G"], many, scrolled)
    def paged(sc):
        check("vi screen: ^F pages", sc.line(0) == "l22", sc.text())
    vi_session(tmp, "vi-page", many, ["\x06"], many, paged)
    # SIGWINCH: vi redraws at the new size
    path = os.path.join(tmp, "vi-resize")
    with open(path, "w") as f:
        f.write(many)
    t = Term([prog("vi"), path])
    t.pump(0.4)
    t.resize(40, 50)
    sc = t.screen
    check("vi redraws on SIGWINCH", sc.line(0) == "l1" and sc.line(38) == "l39" and "l1" not in sc.line(39)
          and sc.line(39).rstrip().endswith("1,1"), sc.text())
    t.keys([":q\r"])
    check("vi after a resize quits", t.wait() == 0, str(t.status))


def test_top(tmp):
    t = Term([prog("top"), "-d", "1"])
    t.pump(0.5, limit=1.5)
    sc = t.screen
    check("top: summary lines", sc.line(0).startswith("top - ") and sc.line(1).startswith("Tasks:") and
          sc.line(2).startswith("%Cpu(s):"), sc.text())
    check("top: the process header", sc.line(6).split()[:3] == ["PID", "USER", "PR"], sc.text())
    check("top: one line per process at most the screen", all(len(sc.line(r)) <= COLS for r in range(ROWS)))
    t.keys("M", 0.5)
    t.keys("q")
    check("top q exits 0", t.wait() == 0, str(t.status))
    tc = t.termios_after()
    check("top restores the terminal", tc[3] & termios.ICANON and tc[3] & termios.ECHO, str(tc))


def test_watch(tmp):
    t = Term([prog("watch"), "-n", "0.2", "-c", "3", "echo", "hi;", "echo", "there"])
    st = t.wait()
    sc = t.screen
    check("watch -c 3 ends by itself", st == 0, str(st))
    check("watch: the title", sc.line(0).startswith("Every 0.2s: echo hi; echo there") and
          re.search(r"\d\d:\d\d:\d\d$", sc.line(0)), sc.text())
    check("watch: the output under it", sc.line(2) == "hi" and sc.line(3) == "there", sc.text())


with tempfile.TemporaryDirectory() as tmp:
    tests = sys.argv[2:] or ["pager", "vi", "top", "watch"]
    for name in tests:
        fn = globals().get("test_" + name)
        if fn and os.path.exists(prog({"pager": "less"}.get(name, name))):
            fn(tmp)

print(f"tui: {checks} checks, {failures} failed")
sys.exit(1 if failures else 0)
