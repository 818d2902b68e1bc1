#!/usr/bin/env python3
"""Host tests of Ringel's shell (userland/sh), built for the host.

    run_tests.py SH [--oracle ORACLE] [-k SUBSTRING] [-v]

Script cases: each runs as `SH -c SCRIPT` (or `SH FILE`) in a scratch
directory; its stdout+stderr and exit status must equal the expected ones
given here.  Cases marked oracle=True are also run with ORACLE (dash, the
/bin/sh of Debian, if installed) and must give the same stdout and status.
Every shell runs with argv[0] = "sh", so messages begin "sh: LINE: ".

The oracle cases (oracle_cases.py) compare stdout, the status and stderr:
its text, except for the cases listed in oracle_cases.STDERR_DIFFERS
(where only its presence must agree).

Interactive cases: the shell runs on a pseudo-terminal (so it is
interactive, with line editing and job control, on Linux's tty and job
control); keystrokes are typed and the screen output is checked.
"""
import argparse, fcntl, os, pty, re, select, shutil, signal, struct, subprocess, sys, tempfile
import termios, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_cases

# (name, script, expected output (stdout+stderr), expected status, oracle)
CASES = [
    ("echo", "echo hello world", "hello world\n", 0, True),
    ("echo-n", "echo -n a; echo b", "ab\n", 0, True),
    ("single-quotes", "echo 'a  $X \\ \"b\"'", 'a  $X \\ "b"\n', 0, True),
    ("double-quotes", 'X=v; echo "a  $X ${X}y \\$X \\\\ \\" \'q\'"', "a  v vy $X \\ \" 'q'\n", 0, True),
    ("backslash", "echo a\\ b \\$X \\\\", "a b $X \\\n", 0, True),
    ("adjacent-quotes", "echo 'a'\"b\"c\\d", "abcd\n", 0, True),
    ("var-expansion", "A=1; B=two; echo $A ${B} ${A}x $Ax end", "1 two 1x end\n", 0, True),
    ("split", 'X="p   q  r"; echo $X; echo "$X"', "p q r\np   q  r\n", 0, True),
    ("empty-var", 'E=; echo a $E b; echo "[$E]"; echo [$UNSET_VAR_XYZ]', "a b\n[]\n[]\n", 0, True),
    ("status", "true; echo $?; false; echo $?", "0\n1\n", 0, True),
    ("pid", 'test "$$" -gt 1 && echo ok', "ok\n", 0, True),
    ("lone-dollar", "echo $ a$ '$'", "$ a$ $\n", 0, True),
    ("tilde", 'HOME=/h; echo ~ ~/x a~ "~"', "/h /h/x a~ ~\n", 0, True),
    ("assignment-prefix", "B=2 sh -c 'echo B=$B'; echo B=$B", "B=2\nB=\n", 0, True),
    ("export", "export C=3; sh -c 'echo C=$C'; unset C; echo C=$C; sh -c 'echo C=$C'", "C=3\nC=\nC=\n", 0, True),
    ("export-later", "D=4; sh -c 'echo D=$D'; export D; sh -c 'echo D=$D'", "D=\nD=4\n", 0, True),
    ("pipeline-3", "echo hello | tr a-z A-Z | rev", "OLLEH\n", 0, True),
    ("pipeline-long", "echo x" + " | cat" * 20, "x\n", 0, True),
    ("pipeline-status", "true | false; echo $?; false | true; echo $?", "1\n0\n", 0, True),
    ("pipeline-newline", "echo a |\n tr a b", "b\n", 0, True),
    ("negate", "! false; echo $?; ! true; echo $?", "0\n1\n", 0, True),
    ("redir-out-in", "echo hi > f; cat < f; echo more >> f; cat f", "hi\nhi\nmore\n", 0, True),
    ("redir-truncate", "echo long-line > f; echo s > f; cat f", "s\n", 0, True),
    ("redir-stderr", "ls /nonexistent-x 2> err; echo $?; test -s err && echo has-error", "2\nhas-error\n", 0, True),
    ("redir-2to1", "ls /nonexistent-x 2>&1 | wc -l", "1\n", 0, True),
    ("redir-n", "echo three 3> f3 >&3; cat f3", "three\n", 0, True),
    ("redir-order", "ls /nonexistent-x > f 2>&1; wc -l < f", "1\n", 0, True),
    ("redir-builtin-restored", "echo to-file > f; echo to-stdout; cat f", "to-stdout\nto-file\n", 0, True),
    ("redir-only", "> empty; test -f empty && echo made", "made\n", 0, True),
    ("and-or", "false && echo no; true && echo yes; false || echo or; true || echo no2",
     "yes\nor\n", 0, True),
    ("and-or-chain", "false && echo a || echo b && echo c", "b\nc\n", 0, True),
    ("and-or-newline", "true &&\n echo cont", "cont\n", 0, True),
    ("semicolons", "echo a; echo b ;echo c", "a\nb\nc\n", 0, True),
    ("comments", "# whole line\necho a # not this\necho b#c", "a\nb#c\n", 0, True),
    ("not-found", "nosuchcmd-xyz; echo $?", "sh: 1: nosuchcmd-xyz: not found\n127\n", 0, False),
    ("not-found-status", "nosuchcmd-xyz", "sh: 1: nosuchcmd-xyz: not found\n", 127, False),
    ("not-found-oracle", "nosuchcmd-xyz 2>/dev/null; echo $?", "127\n", 0, True),
    ("not-executable", "echo x > nx; chmod -x nx; ./nx; echo $?",
     "sh: 1: ./nx: Permission denied\n126\n", 0, False),
    ("no-such-path", "./nope; echo $?", "sh: 1: ./nope: No such file or directory\n127\n", 0, False),
    ("redir-error", "echo x > /nonexistent/x; echo $?",
     "sh: 1: cannot create /nonexistent/x: Directory nonexistent\n2\n", 0, False),
    ("redir-error-external", "cat < /nonexistent/y; echo $?",
     "sh: 1: cannot open /nonexistent/y: No such file\n2\n", 0, False),
    ("syntax-pipe", "echo a | | b", "sh: 1: Syntax error: \"|\" unexpected\n", 2, False),
    ("syntax-semi", "; echo a", "sh: 1: Syntax error: \";\" unexpected\n", 2, False),
    ("syntax-redir", "echo >", "sh: 1: Syntax error: end of file unexpected\n", 2, False),
    ("syntax-paren", "echo (", "sh: 1: Syntax error: end of file unexpected (expecting \")\")\n", 2, False),
    ("syntax-and", "&& echo", "sh: 1: Syntax error: \"&&\" unexpected\n", 2, False),
    ("syntax-stops-script", "echo before\necho a | | b\necho after", "before\nsh: 2: Syntax error: \"|\" unexpected\n", 2, False),
    ("unterminated", "echo 'abc", "sh: 1: Syntax error: Unterminated quoted string\n", 2, False),
    ("quote-newline", "echo 'a\nb'", "a\nb\n", 0, True),
    ("continuation", "echo a \\\nb", "a b\n", 0, True),
    ("background-wait", "sleep 0.2 & echo started; wait; echo waited $?", "started\nwaited 0\n", 0, True),
    ("background-pid", "true & test \"$!\" -gt 1 && echo ok; wait", "ok\n", 0, True),
    ("wait-status", "sh -c 'exit 3' & wait $!; echo $?", "3\n", 0, True),
    ("background-andor", "false && echo no || echo yes &\nwait", "yes\n", 0, True),
    ("exit-code", "exit 7", "", 7, True),
    ("exit-default", "false; exit", "", 1, True),
    ("exit-in-list", "echo a; exit 3; echo b", "a\n", 3, True),
    ("cd-pwd", "mkdir d; cd d; pwd | sed 's|.*/||'; cd ..; cd -  >/dev/null; basename \"$PWD\"",
     "d\nd\n", 0, True),
    ("cd-error", "cd /nonexistent-dir; echo $?", "sh: 1: cd: can't cd to /nonexistent-dir\n2\n", 0, False),
    ("unset", "A=1; unset A; echo [$A]", "[]\n", 0, True),
    ("positional", None, "3 a b c\na\nb c\n", 0, True),
    ("at-quoted", None, "<a> <b c> \n", 0, True),
    ("signal-status", "sh -c 'kill -9 $$'; echo $?", "Killed\n137\n", 0, False),
    ("kill-builtin", "sleep 5 & kill %1; wait %1; echo $?", "143\n", 0, False),
    ("kill-list", "kill -l | tr ' ' '\\n' | grep -c -x -e INT -e TERM -e KILL", "3\n", 0, False),
    ("kill-list-number", "kill -l 15 137; kill -l 99; echo $?", "TERM\nKILL\nsh: 1: kill: 99: invalid signal number\n1\n", 0, False),
    ("history-noninteractive", "history; echo $?", "0\n", 0, False),
    ("help", "help | grep -c '^  cd'", "1\n", 0, False),
    ("script-not-found", None, None, 127, False),
    ("glob-stays", "echo '*' \\?", "* ?\n", 0, True),
    # eval in a long loop: each parse tree goes when it has run (the
    # shell's size grew by 19 MB over 10000 evals when they were kept
    # until the loop ended); ASan's quarantine is made small for this one
    ("eval-memory", None, "bounded\n", 0, True),
    # $LINENO (Debian's dash has none): the command's line in its text; a
    # function's commands keep their lines; eval counts its own string; a
    # $(...) goes on from its command's line
    ("lineno", "echo $LINENO\n\necho $LINENO\nf() {\n  echo f $LINENO\n}\nf\n"
     "eval 'echo e $LINENO'\nx=$(echo $LINENO); echo s $x\necho $((LINENO + 1))",
     "1\n3\nf 5\ne 1\ns 9\n11\n", 0, False),
    ("lineno-script", None, "2\nsh-lineno: 3: nosuch-l: not found\n", 0, False),
    # trap -p (POSIX.1-2024; not in dash): all set traps, or the named
    # conditions, defaults as "trap -- - NAME"
    ("trap-p", "trap 'echo x' INT; trap '' QUIT; trap -p; trap -p INT TERM EXIT",
     "trap -- 'echo x' INT\ntrap -- '' QUIT\ntrap -- 'echo x' INT\ntrap -- - TERM\ntrap -- - EXIT\n", 0, False),
    ("trap-p-reinput", "trap 'echo \"it'\"'\"'s\"' USR1; trap -p USR1 > t; trap - USR1; . ./t; kill -USR1 $$",
     "it's\n", 0, False),
    ("fc-noninteractive", "fc -l; echo $?; history; echo $?", "0\n0\n", 0, False),
]
# Cases run as `SH FILE ARGS...`: the file's text and the arguments.
SCRIPTS = {
    "lineno-script": ("\necho $LINENO\nnosuch-l 2>&1 | sed 's|^.*/||'\n", []),
    "eval-memory": ("""rss() { while read k v u; do [ "$k" = VmRSS: ] && echo $v; done < /proc/$$/status; }
big=$(printf '%01000d' 0)
i=0
while [ $i -lt 1000 ]; do eval ": $big; i=\\$((i + 1))"; done
a=$(rss)
while [ $i -lt 7000 ]; do eval ": $big; i=\\$((i + 1))"; done
b=$(rss)
if [ $((b - a)) -lt 4096 ]; then echo bounded; else echo "grew by $((b - a)) kB"; fi
""", []),
    "positional": ('echo $# "$@"\necho $1\nshift\necho "$@"\n', ["a", "b", "c"]),
    "at-quoted": ('printf "<%s> " "$@"; echo\n', ["a", "b c"]),
}


def run(shell, case, tmp, timeout=20):
    name, script, _, _, _ = case
    env = dict(os.environ, LC_ALL="C", PATH=os.environ.get("PATH", "/usr/bin:/bin"),
               ASAN_OPTIONS="quarantine_size_mb=1")
    env.pop("ENV", None)
    if name == "script-not-found":
        cmd = [shell, os.path.join(tmp, "no-such-script")]
    elif name in SCRIPTS:
        text, args = SCRIPTS[name]
        path = os.path.join(tmp, "sh-lineno" if name == "lineno-script" else name + ".sh")
        with open(path, "w") as f:
            f.write(text)
        cmd = [shell, path] + args
    else:
        cmd = ["sh", "-c", script]
    # the scripts' own "sh" is the shell under test
    bindir = os.path.join(tmp, "bin")
    os.makedirs(bindir, exist_ok=True)
    link = os.path.join(bindir, "sh")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.abspath(shell) if os.path.exists(shell) else shutil.which(shell), link)
    env["PATH"] = bindir + ":" + env["PATH"]
    p = subprocess.run(cmd, executable=shell, cwd=tmp, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
    return p.stdout.decode(errors="replace"), p.returncode


def run_oracle_split(shell, case, tmp):
    """stdout only (stderr dropped), status: for comparing with the oracle."""
    name, script, _, _, _ = case
    env = dict(os.environ, LC_ALL="C", ASAN_OPTIONS="quarantine_size_mb=1")
    bindir = os.path.join(tmp, "bin")
    os.makedirs(bindir, exist_ok=True)
    link = os.path.join(bindir, "sh")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.abspath(shell) if os.path.exists(shell) else shutil.which(shell), link)
    env["PATH"] = bindir + ":" + env.get("PATH", "/usr/bin:/bin")
    if name in SCRIPTS:
        text, args = SCRIPTS[name]
        path = os.path.join(tmp, name + ".sh")
        with open(path, "w") as f:
            f.write(text)
        cmd = [shell, path] + args
    else:
        cmd = ["sh", "-c", script]
    p = subprocess.run(cmd, executable=shell, cwd=tmp, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       timeout=180 if name == "eval-memory" else 20)
    return p.stdout.decode(errors="replace"), p.returncode


# ---------------------------------------------------------------- dash as the oracle

def make_fixtures(tmp):
    """The files the oracle cases see in their working directory."""
    for name, text in (("a", ""), ("b", ""), ("c.txt", "text\n"), (".hidden", ""),
                       ("d/x", ""), ("d/y", "")):
        path = os.path.join(tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def run_oracle_case(shell, script, tmp):
    """(stdout, stderr, status) of `sh -c script` (shell, named sh) in tmp."""
    bindir = os.path.join(tmp, "bin")
    os.makedirs(bindir, exist_ok=True)
    link = os.path.join(bindir, "sh")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(shell, link)
    env = {"PATH": bindir + ":/usr/bin:/bin", "HOME": tmp, "LC_ALL": "C", "TERM": "dumb"}
    try:
        p = subprocess.run(["sh", "-c", script], executable=shell, cwd=tmp, env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=20)
    except subprocess.TimeoutExpired:
        return ("timed out", "", -1)
    err = p.stderr.decode(errors="replace")
    if "Sanitizer" in err or "runtime error" in err:
        return ("sanitizer: " + err, err, -2)
    return (p.stdout.decode(errors="replace"), err.replace(tmp, "TMP"), p.returncode)


def oracle_problems(shell, oracle, script, text_differs=False):
    """What differs between ours and dash's; stderr's text is compared
    unless the case is one whose messages are known to differ."""
    results = []
    for sh in (shell, oracle):
        with tempfile.TemporaryDirectory() as tmp:
            make_fixtures(tmp)
            results.append(run_oracle_case(sh, script, tmp))
    ours, theirs = results
    same = ours[0] == theirs[0] and ours[2] == theirs[2] and bool(ours[1]) == bool(theirs[1])
    if same and (text_differs or ours[1] == theirs[1]):
        return []
    return [f"ours   {ours!r}", f"dash's {theirs!r}", f"script {script!r}"]


def stderr_text_matches(shell, oracle, script):
    """Do the two shells write the same stderr (and all else agrees)?"""
    return not oracle_problems(shell, oracle, script, text_differs=False)


# ---------------------------------------------------------------- interactive

class Term:
    """The shell on a pseudo-terminal: type keys, wait for screen output."""

    def __init__(self, shell, cwd, env=None, args=(), cols=80):
        base = dict(os.environ, PS1="PROMPT$ ", TERM="vt100", LC_ALL="C", HOME=cwd)
        for k in ("ENV", "HISTFILE", "HISTSIZE"):
            base.pop(k, None)
        for k, v in (env or {}).items():
            if v is None:
                base.pop(k, None)
            else:
                base[k] = v
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            os.execve(shell, [shell] + list(args), base)
        # the window's size, for the columns of a Tab listing
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
        self.out = b""
        self.seen = 0
        self.shell, self.cwd = shell, cwd

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        try:
            os.close(self.fd)
        except OSError:
            pass

    def read_until(self, pattern, timeout=10):
        rx = re.compile(pattern.encode() if isinstance(pattern, str) else pattern)
        end = time.monotonic() + timeout
        while True:
            m = rx.search(self.out, self.seen)
            if m:
                self.seen = m.end()
                return m
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {pattern!r}; screen so far:\n"
                                     + self.out.decode(errors="replace"))
            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"shell ended while waiting for {pattern!r}; screen:\n"
                                         + self.out.decode(errors="replace"))
                self.out += chunk

    def type(self, text):
        os.write(self.fd, text.encode() if isinstance(text, str) else text)

    def command(self, line, expect, timeout=10):
        self.type(line + "\r")
        return self.read_until(expect, timeout)

    def finish(self, timeout=10):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return st
            r, _, _ = select.select([self.fd], [], [], 0.1)
            if r:
                try:
                    self.out += os.read(self.fd, 4096)
                except OSError:
                    pass
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError("the shell did not exit")


def interactive_editing(t):
    t.read_until(r"PROMPT\$ ")
    # left twice, insert, end, append: "echo abc" -> "echo aXbcY"
    t.type("echo abc\x1b[D\x1b[DX\x05Y\r")
    t.read_until(r"aXbcY\r?\n")
    t.read_until(r"PROMPT\$ ")
    # home (^A) and delete-under-cursor; backspace
    t.type("xecho hi\x01\x1b[3~\r")
    t.read_until(r"\nhi\r?\n")
    t.type("echo abcd\x7f\x7fz\r")
    t.read_until(r"\nabz\r?\n")


def interactive_history(t):
    t.read_until(r"PROMPT\$ ")
    t.command("echo first-cmd", r"\nfirst-cmd\r?\n")
    t.command("echo second-cmd", r"\nsecond-cmd\r?\n")
    t.type("\x1b[A\x1b[A\r")           # up twice: the first
    t.read_until(r"\nfirst-cmd\r?\n")
    t.command("history", r"(?s)echo first-cmd.*echo second-cmd.*history", timeout=5)


def interactive_ctrl_c_line(t):
    t.read_until(r"PROMPT\$ ")
    t.type("echo never-run\x03")
    t.read_until(r"\^C")
    t.command("echo $?", r"\n130\r?\n")
    assert b"never-run\r\nnever-run" not in t.out


def interactive_ctrl_c_job(t):
    t.read_until(r"PROMPT\$ ")
    t.command("sleep 100", r"sleep 100")
    time.sleep(0.3)
    t.type("\x03")
    t.read_until(r"PROMPT\$ ", timeout=5)
    t.command("echo status=$?", r"status=130")


def interactive_jobs(t):
    t.read_until(r"PROMPT\$ ")
    t.command("sleep 100 &", r"\[1\] [0-9]+")
    t.command("jobs", r"\[1\]\+  Running +sleep 100 &")
    t.command("kill %1", r"PROMPT\$ ")
    t.command("wait", r"PROMPT\$ ")
    t.command("sleep 0.2 & wait; echo waited", r"waited")


def interactive_stop_fg(t):
    t.read_until(r"PROMPT\$ ")
    t.command("sleep 100", r"sleep 100")
    time.sleep(0.3)
    t.type("\x1a")                       # ^Z
    t.read_until(r"\[1\]\+  Stopped +sleep 100")
    t.command("jobs", r"Stopped +sleep 100")
    t.command("bg", r"\[1\] sleep 100 &")
    t.command("fg", r"sleep 100")
    time.sleep(0.3)
    t.type("\x03")
    t.read_until(r"PROMPT\$ ")
    t.command("echo st=$?", r"st=130")


def interactive_eof(t):
    t.read_until(r"PROMPT\$ ")
    t.type("\x04")
    st = t.finish()
    assert os.WIFEXITED(st) and os.WEXITSTATUS(st) == 0, st


def interactive_exit_status(t):
    t.read_until(r"PROMPT\$ ")
    t.type("exit 5\r")
    st = t.finish()
    assert os.WIFEXITED(st) and os.WEXITSTATUS(st) == 5, st


def interactive_continuation(t):
    t.read_until(r"PROMPT\$ ")
    t.type("echo 'a\r")
    t.read_until(r"> ")
    t.type("b' | tr a-z A-Z\r")
    t.read_until(r"A\r?\nB\r?\n")


def interactive_compound(t):
    """A loop over three lines, at the "> " prompt; a function defined on
    one line and called on later ones."""
    t.read_until(r"PROMPT\$ ")
    t.type("for i in 1 2\r")
    t.read_until(r"> ")
    t.type("do echo x$i\r")
    t.read_until(r"> ")
    t.type("done\r")
    t.read_until(r"x1\r?\nx2\r?\n")
    t.read_until(r"PROMPT\$ ")
    t.command("f() { echo fn-$1; }", r"PROMPT\$ ")
    t.command("f a", r"fn-a\r?\n")
    t.command("echo $(f b) $((6*7))", r"fn-b 42\r?\n")
    t.command("f c | tr a-z A-Z", r"FN-C\r?\n")


def interactive_ctrl_c_loop(t):
    """^C ends a loop, not only the job running in it."""
    t.read_until(r"PROMPT\$ ")
    t.command("while true; do sleep 10; done; echo not-here", r"done; echo not-here\r?\n")
    time.sleep(0.5)
    t.type("\x03")
    t.read_until(r"PROMPT\$ ", timeout=5)
    t.command("echo status=$?", r"status=130")
    assert b"not-here\r\nnot-here" not in t.out


def interactive_tab_command(t):
    """Tab completes a command name: a builtin, a function, a program."""
    t.read_until(r"PROMPT\$ ")
    t.type("ech\t")
    t.read_until(r"echo ")
    t.command("tab-done", r"tab-done\r?\n")
    t.read_until(r"PROMPT\$ ")
    t.command("myfunc_xyz() { echo ran-myfunc; }", r"PROMPT\$ ")
    t.type("myfunc_x\t\r")
    t.read_until(r"ran-myfunc\r?\n")
    t.read_until(r"PROMPT\$ ")
    t.type("printen\t")          # /usr/bin/printenv, from $PATH
    t.read_until(r"printenv ")
    t.command("HOME", r"\n/[^\r\n]*\r?\n")


def interactive_tab_file(t):
    """Tab completes file names: one match, a directory ('/'), then the
    common part of several, and a second Tab lists them."""
    t.read_until(r"PROMPT\$ ")
    t.command("echo text > alpha.txt; mkdir dir1; touch dir1/inner beta1 beta2", r"PROMPT\$ ")
    t.type("cat alp\t")
    t.read_until(r"cat alpha\.txt ")
    t.type("\r")
    t.read_until(r"\ntext\r?\n")
    t.read_until(r"PROMPT\$ ")
    t.type("ls di\t")
    t.read_until(r"dir1/")
    t.type("inn\t\r")
    t.read_until(r"dir1/inner\r?\n")
    t.read_until(r"PROMPT\$ ")
    t.type("echo be\t")
    t.read_until(r"echo beta")
    t.type("\t\t")
    t.read_until(r"\r\nbeta1  beta2\r\n\r?PROMPT\$ echo beta")
    t.type("1\r")
    t.read_until(r"\nbeta1\r?\n")


def interactive_tab_columns(t):
    """Many candidates: columns, down then across, fitted to a 40-column
    terminal (TIOCGWINSZ)."""
    t.read_until(r"PROMPT\$ ")
    t.command("touch " + " ".join("f%02d" % i for i in range(1, 13)), r"PROMPT\$ ")
    t.type("ls f\t\t")
    t.read_until(r"f01  f03  f05  f07  f09  f11\r\nf02  f04  f06  f08  f10  f12\r\n")
    t.type("\x03")
    t.read_until(r"PROMPT\$ ")


def interactive_fc(t):
    """fc -l with a range, fc -s with OLD=NEW, history N."""
    t.read_until(r"PROMPT\$ ")
    t.command("echo one-a", r"PROMPT\$ ")
    t.command("echo two-b", r"PROMPT\$ ")
    t.command("fc -l -2", r"fc -l -2\r?\n1\techo one-a\r?\n2\techo two-b\r?\n")
    t.command("fc -ln 1 1", r"\n\techo one-a\r?\n")
    t.command("fc -s two=three echo", r"echo three-b\r?\nthree-b\r?\n")
    t.command("history 2", r"history 2\r?\n +\d+  echo three-b\r?\n +\d+  history 2\r?\n")


def interactive_ctrl_r(t):
    """^R: incremental search backwards; ^R again: an older match; Enter
    runs it; ^G gives the line back."""
    t.read_until(r"PROMPT\$ ")
    for c in ("echo apple-one", "echo banana-two", "echo apple-three"):
        t.command(c, r"PROMPT\$ ")
    t.type("\x12app")
    t.read_until(r"\(reverse-i-search\)`app': echo apple-three")
    t.type("\x12")
    t.read_until(r"`app': echo apple-one")
    t.type("\r")
    t.read_until(r"\napple-one\r?\n")
    t.read_until(r"PROMPT\$ ")
    t.type("echo kept\x12ban")
    t.read_until(r"`ban': echo banana-two")
    t.type("\x07\r")                  # ^G: back to "echo kept"
    t.read_until(r"\nkept\r?\n")
    t.read_until(r"PROMPT\$ ")
    t.type("\x12three\x05 again\r")   # ^E: edit the match
    t.read_until(r"apple-three again\r?\n")


def interactive_word_keys(t):
    """Alt-b/Alt-f, Ctrl-left/right, ^W, ^K, ^U."""
    t.read_until(r"PROMPT\$ ")
    t.type("echo aa bb cc\x1bb\x1bb\x1bbX\r")
    t.read_until(r"\nXaa bb cc\r?\n")
    t.type("echo aa bb cc\x1b[1;5D\x1b[1;5DY\r")
    t.read_until(r"\naa Ybb cc\r?\n")
    t.type("echo aa bb cc\x01\x1bf\x1b[1;5C Z\r")
    t.read_until(r"\naa Z bb cc\r?\n")
    t.type("echo aa bb cc\x17\x17dd\r")
    t.read_until(r"\naa dd\r?\n")
    t.type("echo aa bb\x1bb\x0bee\r")
    t.read_until(r"\naa ee\r?\n")
    t.type("junk junk\x15echo uu\r")
    t.read_until(r"\nuu\r?\n")


def interactive_ps1(t):
    """PS1 is expanded before each prompt: $PWD follows cd; PS2 too."""
    t.read_until(r"PROMPT\$ ")
    t.command("mkdir sub; PS1='[$PWD]\\$ '; PS2='more> '", r"\[/[^\]]*\]\$ ")
    t.command("cd sub", r"\[/[^\]]*/sub\]\$ ")
    t.type("echo 'a\r")
    t.read_until(r"more> ")
    t.type("b'\r")
    t.read_until(r"a\r?\nb\r?\n")


def interactive_default_prompt(t):
    """Without PS1 the prompt is NODE:$PWD followed by # (root) or $."""
    t.read_until(r":/[^\s]*[#$] ")
    t.command("mkdir dd; cd dd", r":/[^\s]*/dd[#$] ")
    t.command("echo \"$PS1\"", r":\$PWD[#$] \r?\n")


def interactive_env_file(t):
    """$ENV is read by an interactive shell when it starts."""
    t.read_until(r"ENVPROMPT> ")
    t.command("greet", r"hello-from-env\r?\n")


def interactive_history_file(t):
    """The history outlives the session: $HISTFILE is written as commands
    are typed and read by the next shell; HISTSIZE bounds it."""
    hist = os.path.join(t.cwd, "hist")
    t.read_until(r"PROMPT\$ ")
    t.command("echo first-session", r"PROMPT\$ ")
    t.command("for i in 1 2; do\r echo loop$i; done", r"loop2\r?\n")
    t.type("exit\r")
    t.finish()
    with open(hist) as f:
        text = f.read()
    assert "echo first-session\n" in text and "for i in 1 2; do\n echo loop$i; done\n" in text, text
    t2 = Term(t.shell, t.cwd, env={"HISTFILE": hist})
    try:
        t2.read_until(r"PROMPT\$ ")
        t2.type("\x1b[A\x1b[A\x1b[A\r")    # three back: echo first-session
        t2.read_until(r"\nfirst-session\r?\n")
        t2.command("fc -l", r"(?s)\d+\techo first-session\r?\n\d+\tfor i in 1 2; do\r?\n\t echo loop\$i; done"
                   r"\r?\n\d+\texit\r?\n\d+\techo first-session\r?\n")
        t2.type("exit\r")
        t2.finish()
    finally:
        t2.close()
    # HISTSIZE=3: three commands are kept, and the file is cut to them
    with open(hist, "w") as f:
        f.write("".join("echo old%d\n" % i for i in range(20)))
    t3 = Term(t.shell, t.cwd, env={"HISTFILE": hist, "HISTSIZE": "3"})
    try:
        t3.read_until(r"PROMPT\$ ")
        t3.command("history", r"history\r?\n +\d+  echo old18\r?\n +\d+  echo old19\r?\n +\d+  history\r?\n")
        t3.type("exit\r")
        t3.finish()
    finally:
        t3.close()
    with open(hist) as f:
        lines = f.read().splitlines()
    assert lines[:2] == ["echo old17", "echo old18"] and len(lines) <= 6, lines


INTERACTIVE = [interactive_compound, interactive_ctrl_c_loop, interactive_editing, interactive_history, interactive_ctrl_c_line,
               interactive_ctrl_c_job, interactive_jobs, interactive_stop_fg,
               interactive_continuation, interactive_eof, interactive_exit_status,
               interactive_tab_command, interactive_tab_file, interactive_tab_columns,
               interactive_ctrl_r, interactive_word_keys, interactive_ps1,
               interactive_default_prompt, interactive_env_file, interactive_history_file,
               interactive_fc]

# Interactive cases that need their own environment or window: (env, cols).
TERM_SETUP = {
    "interactive_tab_columns": ({}, 40),
    "interactive_default_prompt": ({"PS1": None}, 80),
    "interactive_env_file": ({"ENV": "$HOME/envfile", "PS1": None}, 80),
    "interactive_history_file": ({"HISTFILE": "HIST"}, 80),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("shell")
    ap.add_argument("--oracle", default=shutil.which("dash"))
    ap.add_argument("-k", default="")
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--list-stderr-differs", action="store_true",
                    help="print the oracle cases whose only difference is stderr's text")
    args = ap.parse_args()
    shell = os.path.abspath(args.shell)
    if args.list_stderr_differs:
        for sec, name, script in oracle_cases.all_cases():
            if (not oracle_problems(shell, args.oracle, script, text_differs=True)
                    and not stderr_text_matches(shell, args.oracle, script)):
                print("    " + repr(f"{sec}: {name}") + ",")
        return 0
    passed = failed = 0

    def report(name, problems):
        nonlocal passed, failed
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print("    " + p.replace("\n", "\n    "))
        else:
            passed += 1
            if args.v:
                print(f"ok   {name}")

    for case in CASES:
        name, script, want, want_st, oracle = case
        if args.k not in name:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            problems = []
            try:
                got, st = run(shell, case, tmp, timeout=180 if name == "eval-memory" else 20)
            except subprocess.TimeoutExpired:
                report(name, ["timed out"])
                continue
            if want is not None and got != want:
                problems.append(f"output {got!r}, expected {want!r}")
            if want_st is not None and st != want_st:
                problems.append(f"status {st}, expected {want_st}")
            if oracle and args.oracle:
                o_out, o_st = run_oracle_split(args.oracle, case, tmp)
                m_out, m_st = run_oracle_split(shell, case, tmp)
                if (o_out, o_st) != (m_out, m_st):
                    problems.append(f"differs from {args.oracle}: ours {m_out!r} status {m_st}, "
                                    f"oracle {o_out!r} status {o_st}")
            report(name, problems)

    o_passed = o_failed = o_text = 0
    if args.oracle:
        for sec, name, script in oracle_cases.all_cases():
            full = f"{sec}: {name}"
            if args.k not in full:
                continue
            differs = full in oracle_cases.STDERR_DIFFERS
            problems = oracle_problems(shell, args.oracle, script, differs)
            if differs and not problems and args.v and stderr_text_matches(shell, args.oracle, script):
                print(f"note {full}: stderr now matches dash's; drop it from STDERR_DIFFERS")
            report(full, problems)
            if problems:
                o_failed += 1
            else:
                o_passed += 1
                o_text += not differs
        print(f"dash oracle: {o_passed} of {o_passed + o_failed} cases match "
              f"({o_text} with stderr's text compared too, "
              f"{len(oracle_cases.STDERR_DIFFERS)} only its presence)")
    else:
        print("dash not found: the oracle cases were not run")

    for fn in INTERACTIVE:
        name = fn.__name__
        if args.k not in name:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            env, cols = TERM_SETUP.get(name, ({}, 80))
            env = {k: (v.replace("HIST", os.path.join(tmp, "hist")) if v else v) for k, v in env.items()}
            if name == "interactive_env_file":
                with open(os.path.join(tmp, "envfile"), "w") as f:
                    f.write("greet() { echo hello-from-env; }\nPS1='ENVPROMPT> '\n")
            t = Term(shell, tmp, env=env, cols=cols)
            try:
                fn(t)
                report(name, [])
            except AssertionError as e:
                report(name, [str(e)])
            finally:
                t.close()

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
