#!/usr/bin/env python3
"""Host tests of Ringel's shell (userland/sh), built for the host.

    run_tests.py SH [--oracle ORACLE] [-k SUBSTRING] [-v]

Script cases: each runs as `SH -c SCRIPT` (or `SH FILE`) in a scratch
directory; its stdout+stderr and exit status must equal the expected ones
given here.  Cases marked oracle=True are also run with ORACLE (dash, the
/bin/sh of Debian, if installed) and must give the same stdout and status:
the shells' error messages differ, their results must not.

Interactive cases: the shell runs on a pseudo-terminal (so it is
interactive, with line editing and job control, on Linux's tty and job
control); keystrokes are typed and the screen output is checked.
"""
import argparse, os, pty, re, select, shutil, signal, subprocess, sys, tempfile, time

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
    ("not-found", "nosuchcmd-xyz; echo $?", "sh: nosuchcmd-xyz: not found\n127\n", 0, False),
    ("not-found-status", "nosuchcmd-xyz", "sh: nosuchcmd-xyz: not found\n", 127, False),
    ("not-found-oracle", "nosuchcmd-xyz 2>/dev/null; echo $?", "127\n", 0, True),
    ("not-executable", "echo x > nx; chmod -x nx; ./nx; echo $?",
     "sh: ./nx: Permission denied\n126\n", 0, False),
    ("no-such-path", "./nope; echo $?", "sh: ./nope: No such file or directory\n127\n", 0, False),
    ("redir-error", "echo x > /nonexistent/x; echo $?",
     "sh: /nonexistent/x: No such file or directory\n2\n", 0, False),
    ("redir-error-external", "cat < /nonexistent/y; echo $?",
     "sh: /nonexistent/y: No such file or directory\n2\n", 0, False),
    ("syntax-pipe", "echo a | | b", "sh: 1: syntax error near '|'\n", 2, False),
    ("syntax-semi", "; echo a", "sh: 1: syntax error near ';'\n", 2, False),
    ("syntax-redir", "echo >", "sh: 1: syntax error: unexpected end of file\n", 2, False),
    ("syntax-paren", "echo (", "sh: 1: syntax error: unexpected end of file\n", 2, False),
    ("syntax-and", "&& echo", "sh: 1: syntax error near '&&'\n", 2, False),
    ("syntax-stops-script", "echo before\necho a | | b\necho after", "before\nsh: 2: syntax error near '|'\n", 2, False),
    ("unterminated", "echo 'abc", "sh: 1: syntax error: unexpected end of file\n", 2, False),
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
    ("cd-error", "cd /nonexistent-dir; echo $?", "sh: cd: /nonexistent-dir: No such file or directory\n2\n", 0, False),
    ("unset", "A=1; unset A; echo [$A]", "[]\n", 0, True),
    ("positional", None, "3 a b c\na\nb c\n", 0, True),
    ("at-quoted", None, "<a> <b c> \n", 0, True),
    ("signal-status", "sh -c 'kill -9 $$'; echo $?", "Killed\n137\n", 0, False),
    ("kill-builtin", "sleep 5 & kill %1; wait %1; echo $?", "143\n", 0, False),
    ("kill-list", "kill -l | tr ' ' '\\n' | grep -c -x -e INT -e TERM -e KILL", "3\n", 0, False),
    ("kill-list-number", "kill -l 15 137; kill -l 99; echo $?", "TERM\nKILL\nsh: kill: 99: invalid signal number\n1\n", 0, False),
    ("history-noninteractive", "history; echo $?", "0\n", 0, False),
    ("help", "help | grep -c '^  cd'", "1\n", 0, False),
    ("script-not-found", None, None, 127, False),
    ("glob-stays", "echo '*' \\?", "* ?\n", 0, True),
]
# Cases run as `SH FILE ARGS...`: the file's text and the arguments.
SCRIPTS = {
    "positional": ('echo $# "$@"\necho $1\nshift\necho "$@"\n', ["a", "b", "c"]),
    "at-quoted": ('printf "<%s> " "$@"; echo\n', ["a", "b c"]),
}


def run(shell, case, tmp, timeout=20):
    name, script, _, _, _ = case
    env = dict(os.environ, LC_ALL="C", PATH=os.environ.get("PATH", "/usr/bin:/bin"))
    env.pop("ENV", None)
    if name == "script-not-found":
        cmd = [shell, os.path.join(tmp, "no-such-script")]
    elif name in SCRIPTS:
        text, args = SCRIPTS[name]
        path = os.path.join(tmp, name + ".sh")
        with open(path, "w") as f:
            f.write(text)
        cmd = [shell, path] + args
    else:
        cmd = [shell, "-c", script]
    # the scripts' own "sh" is the shell under test
    bindir = os.path.join(tmp, "bin")
    os.makedirs(bindir, exist_ok=True)
    link = os.path.join(bindir, "sh")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.abspath(shell) if os.path.exists(shell) else shutil.which(shell), link)
    env["PATH"] = bindir + ":" + env["PATH"]
    p = subprocess.run(cmd, cwd=tmp, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=timeout)
    return p.stdout.decode(errors="replace"), p.returncode


def run_oracle_split(shell, case, tmp):
    """stdout only (stderr dropped), status: for comparing with the oracle."""
    name, script, _, _, _ = case
    env = dict(os.environ, LC_ALL="C")
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
        cmd = [shell, "-c", script]
    p = subprocess.run(cmd, cwd=tmp, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, timeout=20)
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
    """(stdout, stderr non-empty, status) of `shell -c script` in tmp."""
    bindir = os.path.join(tmp, "bin")
    os.makedirs(bindir, exist_ok=True)
    link = os.path.join(bindir, "sh")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(shell, link)
    env = {"PATH": bindir + ":/usr/bin:/bin", "HOME": tmp, "LC_ALL": "C", "TERM": "dumb"}
    try:
        p = subprocess.run([shell, "-c", script], cwd=tmp, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=20)
    except subprocess.TimeoutExpired:
        return ("timed out", True, -1)
    err = p.stderr.decode(errors="replace")
    if "Sanitizer" in err or "runtime error" in err:
        return ("sanitizer: " + err, True, -2)
    return (p.stdout.decode(errors="replace"), bool(err), p.returncode)


def oracle_problems(shell, oracle, script):
    results = []
    for sh in (shell, oracle):
        with tempfile.TemporaryDirectory() as tmp:
            make_fixtures(tmp)
            results.append(run_oracle_case(sh, script, tmp))
    ours, theirs = results
    if ours == theirs:
        return []
    return [f"ours   {ours!r}", f"dash's {theirs!r}", f"script {script!r}"]


# ---------------------------------------------------------------- interactive

class Term:
    """The shell on a pseudo-terminal: type keys, wait for screen output."""

    def __init__(self, shell, cwd):
        env = dict(os.environ, PS1="PROMPT$ ", TERM="vt100", LC_ALL="C", HOME=cwd)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            os.execve(shell, [shell], env)
        self.out = b""
        self.seen = 0

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


INTERACTIVE = [interactive_compound, interactive_ctrl_c_loop, interactive_editing, interactive_history, interactive_ctrl_c_line,
               interactive_ctrl_c_job, interactive_jobs, interactive_stop_fg,
               interactive_continuation, interactive_eof, interactive_exit_status]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("shell")
    ap.add_argument("--oracle", default=shutil.which("dash"))
    ap.add_argument("-k", default="")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    shell = os.path.abspath(args.shell)
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
                got, st = run(shell, case, tmp)
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

    o_passed = o_failed = 0
    if args.oracle:
        for sec, name, script in oracle_cases.all_cases():
            full = f"{sec}: {name}"
            if args.k not in full:
                continue
            problems = oracle_problems(shell, args.oracle, script)
            report(full, problems)
            if problems:
                o_failed += 1
            else:
                o_passed += 1
        print(f"dash oracle: {o_passed} of {o_passed + o_failed} cases match")
    else:
        print("dash not found: the oracle cases were not run")

    for fn in INTERACTIVE:
        name = fn.__name__
        if args.k not in name:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            t = Term(shell, tmp)
            try:
                fn(t)
                report(name, [])
            except AssertionError as e:
                report(name, [str(e)])
            finally:
                try:
                    os.kill(t.pid, signal.SIGKILL)
                    os.waitpid(t.pid, 0)
                except (ProcessLookupError, ChildProcessError):
                    pass
                os.close(t.fd)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
