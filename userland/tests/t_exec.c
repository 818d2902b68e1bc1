/* utests: execve with arguments and environment, static-PIE, the seed
 * programs, and malformed ELF files (made at build time by mkbadelf.py). */
#include "utests.h"
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

UTEST(exec_args)
{
	char pidarg[32];
	int p[2];
	CHECK_OK(pipe(p));
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		snprintf(pidarg, sizeof(pidarg), "pid=%d", getpid());
		char fdarg[16];
		snprintf(fdarg, sizeof(fdarg), "%d", p[1]);
		char *argv[] = { "exec_helper", "one", "two words", "", pidarg, fdarg, NULL };
		char *envp[] = { "RINGEL_A=1", "EMPTY=", "LAST=the end", NULL };
		close(p[0]);
		uexec(path_of("/bin/exec_helper"), argv, envp);
		_exit(100 + errno);
	}
	close(p[1]);
	char buf[64];
	long n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	int st = wait_timeout(pid, 10000);
	CHECK(st != -1, "timed out");
	CHECK(WIFEXITED(st), "helper %s", status_str(st));
	CHECK(WEXITSTATUS(st) != 100 + ENOENT, "no %s", path_of("/bin/exec_helper"));
	if (exec_wrapper && WEXITSTATUS(st) == 26)
		note("qemu-user reorders the environment");
	else
		CHECK(WEXITSTATUS(st) == 42, "helper exit %d (see exec_helper.c for the meaning)",
		      WEXITSTATUS(st));
	buf[n > 0 ? n : 0] = 0;
	CHECK(n > 0 && !strcmp(buf, "helper ok\n"), "helper wrote '%s' on the inherited fd", buf);
}

UTEST(exec_bigargs)
{
	enum { N = 200 };
	static char strs[N][100];
	static char *argv[N + 2];
	argv[0] = "exec_helper";
	for (int i = 0; i < N; i++) {
		memset(strs[i], 'a' + i % 26, 99);
		argv[i + 1] = strs[i];
	}
	argv[N + 1] = NULL;
	char *envp[] = { "BIG=1", NULL };
	char out[16];
	int st = run_capture(path_of("/bin/exec_helper"), argv, envp, out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 43, "helper with %d args: %s", N, status_str(st));
}

UTEST(exec_errors)
{
	char *argv[] = { "x", NULL };
	char *envp[] = { NULL };
	CHECK_ERR(execve("/no/such/program", argv, envp), ENOENT);
	CHECK_ERR(execve("/", argv, envp), EACCES);
	CHECK_ERR(execve("", argv, envp), ENOENT);
	CHECK(getpid() > 0, "the caller keeps running");
}

/* Write an executable file at path with the given text. */
static void write_script(const char *path, const char *text)
{
	unlink(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	CHECK(fd >= 0, "create %s: %s", path, errname(errno));
	CHECK(write(fd, text, strlen(text)) == (long)strlen(text), "write %s", path);
	close(fd);
}

/* "#!" scripts: the interpreter gets its one optional argument (trimmed,
 * inner blanks kept), the script's path, then the script's argv[1..]; an
 * interpreter may be a script itself; loops, empty and missing
 * interpreters fail.  /bin/echo prints what it got. */
UTEST(exec_shebang)
{
	if (exec_wrapper) {
		note("qemu-user: the host would run its own /bin/echo, skipped");
		return;
	}
	char *envp[] = { NULL };
	char out[256];
	write_script("/tmp/sb1", "#!  /bin/echo \t one  two \t \nnot read\n");
	char *argv1[] = { "sb1", "x", "y z", NULL };
	int st = run_capture("/tmp/sb1", argv1, envp, out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "sb1: %s", status_str(st));
	CHECK(!strcmp(out, "one  two /tmp/sb1 x y z\n"), "sb1 printed '%s'", out);

	write_script("/tmp/sb2", "#!/tmp/sb1\n");
	char *argv2[] = { "sb2", "w", NULL };
	st = run_capture("/tmp/sb2", argv2, envp, out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "sb2: %s", status_str(st));
	CHECK(!strcmp(out, "one  two /tmp/sb1 /tmp/sb2 w\n"), "sb2 printed '%s'", out);

	char *argv[] = { "x", NULL };
	write_script("/tmp/sb3", "#!/tmp/sb3\n");
	CHECK_ERR(execve("/tmp/sb3", argv, envp), ELOOP);
	write_script("/tmp/sb4", "#!   \n");
	CHECK_ERR(execve("/tmp/sb4", argv, envp), ENOEXEC);
	write_script("/tmp/sb5", "#!/no/such/interpreter\n");
	CHECK_ERR(execve("/tmp/sb5", argv, envp), ENOENT);
	for (int i = 1; i <= 5; i++) {
		char path[16];
		snprintf(path, sizeof(path), "/tmp/sb%d", i);
		unlink(path);
	}
	CHECK(getpid() > 0, "the caller keeps running");
}

UTEST(exec_pie)
{
	char *argv[] = { "pie_hello", NULL };
	char *envp[] = { NULL };
	char out[128];
	int st = run_capture(path_of("/bin/pie_hello"), argv, envp, out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "pie_hello: %s, output '%s'", status_str(st), out);
	CHECK(!strncmp(out, "static-pie ok", 13), "pie_hello printed '%s'", out);
}

UTEST(seed_hello)
{
	char *argv[] = { "hello", NULL };
	char *envp[] = { NULL };
	char out[128];
	int st = run_capture(path_of("/bin/hello"), argv, envp, out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "hello: %s", status_str(st));
	CHECK(!strcmp(out, arch_hello_text), "hello printed '%s', want '%s'", out, arch_hello_text);
}

/* The malformed ELF files.  On Ringel each must fail with ENOEXEC (PT_INTERP:
 * ENOEXEC or ENOENT) and leave the caller running.  Linux decides some of
 * these only after the point of no return and kills the caller instead:
 * those are marked linux_kills. */
static const struct {
	const char *name;
	int alt_errno;          /* also acceptable, besides ENOEXEC */
	bool linux_kills;
	bool linux_runs;        /* Linux runs it: x32 (ELFCLASS32 x86-64), EI_DATA unchecked, lazy EOF */
} bad[] = {
	{ "empty", 0, false },
	{ "truncated-ehdr", 0, false },
	{ "truncated-phdrs", 0, false },
	{ "bad-magic", 0, false },
	{ "elfclass32", 0, false, true },
	{ "big-endian", 0, false, true },
	{ "wrong-machine", 0, false },
	{ "not-executable", 0, false },
	{ "bad-phentsize", 0, false },
	{ "huge-phnum", 0, false },
	{ "no-load", 0, true },
	{ "kernel-segment", EINVAL, true },
	{ "segment-past-user-top", EINVAL, true },
	{ "filesz-over-memsz", EINVAL, true },
	{ "segment-past-eof", EINVAL, true, true },
	{ "huge-memsz", ENOMEM, true },
	{ "interp", ENOENT, false },
};

UTEST(exec_badelf)
{
	/* The control: the generator's well-formed program exits with 7. */
	char *argv[] = { "good", NULL };
	char *envp[] = { NULL };
	char out[16];
	int st = run_capture(path_of("/testdata/elf/good"), argv, envp, out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7, "the well-formed control: %s", status_str(st));
	if (exec_wrapper)
		note("qemu-user: the host kernel refuses every foreign ELF, a weak check");
	int linux_killed = 0;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char path[128];
		snprintf(path, sizeof(path), "/testdata/elf/%s", bad[i].name);
		char *av[] = { (char *)bad[i].name, NULL };
		int pid = fork();
		CHECK(pid >= 0, "fork");
		if (pid == 0) {
			execve(path_of(path), av, envp);   /* never through the wrapper */
			_exit(errno < 100 ? 100 + errno : 99);
		}
		st = wait_timeout(pid, 10000);
		CHECK(st != -1, "%s: timed out", bad[i].name);
		if (on_linux && bad[i].linux_runs)
			continue;
		if (exec_wrapper && !strcmp(bad[i].name, "wrong-machine"))
			continue;   /* qemu-user: that is the host's own machine */
		if (on_linux && bad[i].linux_kills && WIFSIGNALED(st)) {
			linux_killed++;
			continue;
		}
		CHECK(!(WIFEXITED(st) && WEXITSTATUS(st) == 100 + ENOENT) || !strcmp(bad[i].name, "interp"),
		      "%s: file missing", bad[i].name);
		int want = 100 + ENOEXEC, alt = bad[i].alt_errno ? 100 + bad[i].alt_errno : -1;
		CHECK(WIFEXITED(st) && (WEXITSTATUS(st) == want ||
					(WEXITSTATUS(st) == alt && (on_linux || alt == 100 + ENOENT))),
		      "%s: %s%s, want ENOEXEC", bad[i].name, status_str(st),
		      WIFEXITED(st) && WEXITSTATUS(st) > 100 ? errname(WEXITSTATUS(st) - 100) : "");
	}
	if (linux_killed)
		note("Linux killed the caller for %d of them (past its point of no return)", linux_killed);
}
