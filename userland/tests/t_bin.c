/* utests: /proc and the everyday commands of /bin, run as a user would:
 * fork + exec with their input and output on pipes. */
#include "utests.h"
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* ---------------------------------------------------------------- helpers */
static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	size_t cap = 8192, n = 0;
	char *buf = malloc(cap);
	ssize_t r;
	while (buf && (r = read(fd, buf + n, cap - n - 1)) > 0) {
		n += (size_t)r;
		if (n + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	close(fd);
	if (buf)
		buf[n] = 0;
	if (len)
		*len = n;
	return buf;
}

/* The value after "key:" on its line, as a number; -1 if absent. */
static long field(const char *text, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, key, n) && p[n] == ':')
			return strtol(p + n + 1, NULL, 10);
	return -1;
}

struct out {
	char out[128 * 1024], err[2048];   /* ps on a busy Linux host lists hundreds of processes */
	int status;
};

/* Run /bin/NAME with the arguments (NULL-terminated), input on its stdin. */
static void run_in(struct out *o, const char *input, const char *name, ...)
{
	char *argv[32];
	int argc = 0;
	argv[argc++] = (char *)name;
	va_list ap;
	va_start(ap, name);
	for (char *a; argc < 31 && (a = va_arg(ap, char *)); )
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	char path[64];
	snprintf(path, sizeof path, "/bin/%s", name);
	int in[2], out[2], err[2];
	CHECK_OK(pipe(in));
	CHECK_OK(pipe(out));
	CHECK_OK(pipe(err));
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		close(in[1]);
		close(out[0]);
		close(err[0]);
		uexec(path_of(path), argv, environ);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	close(err[1]);
	if (input) {
		/* A command may exit without reading its input (grep on a bad
		 * pattern): then the write fails with EPIPE instead of killing
		 * the test.  Only here, after the fork: commands keep SIGPIPE. */
		signal(SIGPIPE, SIG_IGN);
		ssize_t w = write(in[1], input, strlen(input));
		signal(SIGPIPE, SIG_DFL);
		CHECK(w == (ssize_t)strlen(input) || (w == -1 && errno == EPIPE), "writing %s's input", name);
	}
	close(in[1]);
	size_t n = 0;
	ssize_t r;
	while (n < sizeof o->out - 1 && (r = read(out[0], o->out + n, sizeof o->out - 1 - n)) > 0)
		n += (size_t)r;
	o->out[n] = 0;
	n = 0;
	while (n < sizeof o->err - 1 && (r = read(err[0], o->err + n, sizeof o->err - 1 - n)) > 0)
		n += (size_t)r;
	o->err[n] = 0;
	close(out[0]);
	close(err[0]);
	o->status = wait_timeout(pid, 20000);
	CHECK(o->status != -1, "%s did not finish", name);
	CHECK(!WIFEXITED(o->status) || WEXITSTATUS(o->status) != 127, "no %s", path_of(path));
}
#define run(o, ...) run_in(o, NULL, __VA_ARGS__)

static int exit_code(const struct out *o)
{
	return WIFEXITED(o->status) ? WEXITSTATUS(o->status) : 1000 + WTERMSIG(o->status);
}

#define EXPECT(o, want_out, want_status)                                                      \
	CHECK(!strcmp((o)->out, want_out) && exit_code(o) == (want_status),                   \
	      "got \"%s\" (stderr \"%s\", %s), want \"%s\" (exit %d)", (o)->out, (o)->err,    \
	      status_str((o)->status), want_out, want_status)

/* A fresh directory under /tmp for one test. */
static const char *scratch(const char *tag)
{
	static char dir[64];
	snprintf(dir, sizeof dir, "/tmp/utb-%s-%d", tag, getpid());
	struct out o;
	run(&o, "rm", "-rf", dir, NULL);
	CHECK(mkdir(dir, 0755) == 0, "mkdir %s: %s", dir, errname(errno));
	return dir;
}

static void put_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0, "create %s: %s", path, errname(errno));
	CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text), "write %s", path);
	close(fd);
}

/* ---------------------------------------------------------------- /proc */
UTEST(proc_meminfo)
{
	char *m = slurp("/proc/meminfo", NULL);
	CHECK(m, "/proc/meminfo: %s", errname(errno));
	long total = field(m, "MemTotal"), freek = field(m, "MemFree"), avail = field(m, "MemAvailable");
	free(m);
	CHECK(total > 0 && freek > 0 && avail >= 0, "MemTotal %ld MemFree %ld MemAvailable %ld", total, freek, avail);
	CHECK(freek <= total && avail <= total, "free %ld / available %ld above total %ld", freek, avail, total);
	struct sysinfo si;
	CHECK_OK(sysinfo(&si));
	long si_total = (long)(si.totalram * si.mem_unit / 1024);
	CHECK(on_linux || si_total == total, "MemTotal %ld kB, sysinfo %ld kB", total, si_total);
}

static bool in_range(const char *maps, uintptr_t a, const char *want_perm, const char *want_name)
{
	for (const char *p = maps; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		char *end;
		uintptr_t lo = strtoul(p, &end, 16), hi = strtoul(end + 1, &end, 16);
		if (a < lo || a >= hi)
			continue;
		const char *nl = strchr(end, '\n');
		size_t len = nl ? (size_t)(nl - end) : strlen(end);
		bool perm_ok = !want_perm || !strncmp(end + 1, want_perm, strlen(want_perm));
		bool name_ok = !want_name || memmem(end, len, want_name, strlen(want_name));
		return perm_ok && name_ok;
	}
	return false;
}

static int global_data = 42;

UTEST(proc_self_maps)
{
	char *m = slurp("/proc/self/maps", NULL);
	CHECK(m, "/proc/self/maps: %s", errname(errno));
	int local = 0;
	CHECK(in_range(m, (uintptr_t)&local, "rw", "[stack]"), "a local variable is not in [stack]:\n%s", m);
	CHECK(in_range(m, (uintptr_t)&global_data, "rw", NULL), "a global is not in a rw region:\n%s", m);
	/* qemu-user (7.2) builds this file from its own page flags and has been
	 * seen to report the code as r-- merged with the read-only segment
	 * before it, depending on where the segments end */
	CHECK(in_range(m, (uintptr_t)&slurp, "r-x", NULL) ||
	      (exec_wrapper && in_range(m, (uintptr_t)&slurp, "r-", NULL)),
	      "code is not in an r-x region:\n%s", m);
	void *heap = malloc(100);
	free(m);
	m = slurp("/proc/self/maps", NULL);
	CHECK(in_range(m, (uintptr_t)heap, "rw", NULL), "malloc'd memory is not in a rw region:\n%s", m);
	free(heap);
	free(m);
}

UTEST(proc_self_status)
{
	char *s = slurp("/proc/self/status", NULL);
	CHECK(s, "/proc/self/status: %s", errname(errno));
	CHECK(field(s, "Pid") == getpid(), "Pid %ld, getpid %d", field(s, "Pid"), getpid());
	CHECK(field(s, "PPid") == getppid(), "PPid %ld, getppid %d", field(s, "PPid"), getppid());
	CHECK(field(s, "VmRSS") > 0, "VmRSS %ld", field(s, "VmRSS"));
	CHECK(strstr(s, "State:\tR") != NULL, "a process reading its status runs:\n%s", s);
	free(s);
}

UTEST(proc_cmdline_and_self)
{
	char link[32], want[32];
	ssize_t n = readlink("/proc/self", link, sizeof link - 1);
	CHECK(n > 0, "readlink /proc/self: %s", errname(errno));
	link[n] = 0;
	snprintf(want, sizeof want, "%d", getpid());
	CHECK(!strcmp(link, want), "/proc/self -> %s, want %s", link, want);
	size_t len;
	char *c = slurp("/proc/self/cmdline", &len);
	CHECK(c && len > 0 && c[len - 1] == 0, "cmdline: NUL-terminated arguments");
	const char *base = strrchr(c, '/') ? strrchr(c, '/') + 1 : c;
	CHECK(!strcmp(base, "utests") || !strcmp(base, "init"), "argv[0] '%s'", c);
	free(c);
	/* a child's command line, through exec */
	struct out o;
	run(&o, "cat", "/proc/self/cmdline", NULL);
	const char *b = strrchr(o.out, '/') ? strrchr(o.out, '/') + 1 : o.out;
	CHECK(exec_wrapper || !memcmp(b, "cat\0/proc/self/cmdline", 23), "cat's cmdline '%s'", o.out);
	/* our directory is listed */
	DIR *d = opendir("/proc");
	CHECK(d, "opendir /proc");
	bool found = false;
	for (struct dirent *e; (e = readdir(d)); )
		found |= !strcmp(e->d_name, want);
	closedir(d);
	CHECK(found, "/proc does not list %s", want);
}

UTEST(proc_uptime_readonly)
{
	char *u = slurp("/proc/uptime", NULL);
	CHECK(u && strtod(u, NULL) > 0, "uptime '%s'", u ? u : "");
	free(u);
	int fd = open("/proc/meminfo", O_WRONLY);
	CHECK(fd < 0 || write(fd, "x", 1) < 0, "/proc/meminfo took a write");
	if (fd >= 0)
		close(fd);
	CHECK(open("/proc/newfile", O_WRONLY | O_CREAT, 0644) < 0, "made a file in /proc");
	CHECK_ERR(open("/proc/999999/status", O_RDONLY), ENOENT);
}

UTEST(proc_privilege)
{
	if (on_linux)
		skip("Ringel's own /proc/privilege");
	char *s = slurp("/proc/privilege", NULL);
	CHECK(s, "/proc/privilege: %s", errname(errno));
	bool x86 = !strcmp(arch_machine, "x86_64");
	CHECK(strstr(s, x86 ? "kernel: ring 0" : "kernel: EL1"), "kernel level:\n%s", s);
	CHECK(strstr(s, x86 ? "caller: ring 3" : "caller: EL0"), "caller level:\n%s", s);
	free(s);
}

UTEST(proc_kmaps)
{
	if (on_linux)
		skip("Ringel's own /proc/kmaps");
	char *k = slurp("/proc/kmaps", NULL);
	CHECK(k, "/proc/kmaps: %s", errname(errno));
	CHECK(strstr(k, " r-xk text") && strstr(k, " r--k rodata") && strstr(k, " rw-k data"),
	      "image sections with W^X permissions:\n%s", k);
	CHECK(strstr(k, " rw-k directmap"), "no direct map:\n%s", k);
	char me[32];
	snprintf(me, sizeof me, "kstack    pid %d ", getpid());
	CHECK(strstr(k, me), "our own kernel stack is not listed:\n%s", k);
	/* every mapping is in the kernel half, and none is user-accessible */
	const char *half = strstr(k, "kernel_half:");
	CHECK(half, "no kernel_half line");
	uintptr_t base = strtoul(half + 12, NULL, 16);
	for (const char *p = k; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		char *end;
		uintptr_t lo = strtoul(p, &end, 16);
		if (*end != '-')
			continue;
		CHECK(lo >= base, "mapping below the kernel half: %.60s", p);
		CHECK(end[21] == 'k', "a user-accessible kernel mapping: %.60s", p);
	}
	free(k);
}

/* ---------------------------------------------------------------- commands */
UTEST(cmd_echo_true_false)
{
	struct out o;
	run(&o, "echo", "hello", "world", NULL);
	EXPECT(&o, "hello world\n", 0);
	run(&o, "echo", "-n", "a", "b", NULL);
	EXPECT(&o, "a b", 0);
	run(&o, "echo", "-e", "x\\ty\\0101\\x42\\c", "z", NULL);
	EXPECT(&o, "x\tyAB", 0);
	run(&o, "true", NULL);
	EXPECT(&o, "", 0);
	run(&o, "false", NULL);
	EXPECT(&o, "", 1);
}

UTEST(cmd_errors_and_usage)
{
	struct out o;
	run(&o, "cat", "/nope", NULL);
	EXPECT(&o, "", 1);
	CHECK(!strcmp(o.err, "cat: /nope: No such file or directory\n"), "stderr '%s'", o.err);
	static const char *const cmds[] = { "cat", "ls", "mkdir", "rm", "cp", "mv", "touch", "ln", "wc",
		"head", "tail", "grep", "sort", "uniq", "ps", "kill", "sleep", "uname", "env", "clear",
		"free", "date", "hexdump", "seq", "vmmap", "rings", "echo", "rmdir", "yes", NULL };
	for (int i = 0; cmds[i]; i++) {
		run(&o, cmds[i], "-h", NULL);
		char want[32];
		snprintf(want, sizeof want, "usage: %s ", cmds[i]);
		CHECK(!strncmp(o.out, want, strlen(want)) && exit_code(&o) == 0, "%s -h: '%.40s' %s", cmds[i],
		      o.out, status_str(o.status));
	}
	run(&o, "ls", "-Z", NULL);
	CHECK(exit_code(&o) != 0 && strstr(o.err, "usage: ls"), "ls -Z: %s '%s'", status_str(o.status), o.err);
}

UTEST(cmd_text_tools)
{
	struct out o;
	const char *text = "pear\napple\nfig\napple\n10\n9\n";
	run_in(&o, text, "sort", NULL);
	EXPECT(&o, "10\n9\napple\napple\nfig\npear\n", 0);
	run_in(&o, text, "sort", "-n", NULL);
	EXPECT(&o, "apple\napple\nfig\npear\n9\n10\n", 0);
	run_in(&o, text, "sort", "-ru", NULL);
	EXPECT(&o, "pear\nfig\napple\n9\n10\n", 0);
	run_in(&o, "a\na\nb\na\n", "uniq", "-c", NULL);
	EXPECT(&o, "      2 a\n      1 b\n      1 a\n", 0);
	run_in(&o, text, "wc", NULL);
	EXPECT(&o, "      6       6      26\n", 0);
	run_in(&o, text, "wc", "-l", NULL);
	EXPECT(&o, "6\n", 0);
	run_in(&o, "one two  three\nfour", "wc", "-w", NULL);
	EXPECT(&o, "4\n", 0);
	run_in(&o, text, "head", "-n", "2", NULL);
	EXPECT(&o, "pear\napple\n", 0);
	run_in(&o, text, "tail", "-n", "2", NULL);
	EXPECT(&o, "10\n9\n", 0);
	run_in(&o, "x\ny", "tail", "-1", NULL);
	EXPECT(&o, "y", 0);
	run(&o, "seq", "2", "3", "9", NULL);
	EXPECT(&o, "2\n5\n8\n", 0);
	run_in(&o, "hi\n", "hexdump", "-C", NULL);
	EXPECT(&o, "00000000  68 69 0a                                          |hi.|\n00000003\n", 0);
}

/* The text commands of issue 16: sort's keys, uniq's skips, wc -L, head
 * and tail with their other counts, expr, od, strings, diff, tail -f. */
UTEST(cmd_text_tools_more)
{
	struct out o;
	run_in(&o, "b 2\na 10\nc 1\n", "sort", "-k", "2n", NULL);
	EXPECT(&o, "c 1\nb 2\na 10\n", 0);
	run_in(&o, "x:B\ny:a\nz:C\n", "sort", "-t", ":", "-k", "2f", NULL);
	EXPECT(&o, "y:a\nx:B\nz:C\n", 0);
	run_in(&o, "b\na\n", "sort", "-c", NULL);
	EXPECT(&o, "", 1);
	run_in(&o, "1 a\n2 a\n3 b\n", "uniq", "-c", "-f", "1", NULL);
	EXPECT(&o, "      2 1 a\n      1 3 b\n", 0);
	run_in(&o, "xA\nya\n", "uniq", "-i", "-s", "1", NULL);
	EXPECT(&o, "xA\n", 0);
	run_in(&o, "ab\tc\nx\n", "wc", "-L", NULL);
	EXPECT(&o, "9\n", 0);
	run_in(&o, "1\n2\n3\n", "head", "-n", "-1", NULL);
	EXPECT(&o, "1\n2\n", 0);
	run_in(&o, "hello", "tail", "-c", "3", NULL);
	EXPECT(&o, "llo", 0);
	run(&o, "expr", "3", "+", "4", "*", "2", NULL);
	EXPECT(&o, "11\n", 0);
	run(&o, "expr", "abcd", ":", "a\\(b.\\)", NULL);
	EXPECT(&o, "bc\n", 0);
	run(&o, "expr", "0", "|", "", NULL);
	EXPECT(&o, "0\n", 1);
	run(&o, "expr", "1", "/", "0", NULL);
	EXPECT(&o, "", 2);
	run_in(&o, "ab\n", "od", "-c", NULL);
	EXPECT(&o, "0000000   a   b  \\n\n0000003\n", 0);
	run_in(&o, "ABCD", "od", "-A", "x", "-t", "x2", NULL);
	EXPECT(&o, "000000 4241 4443\n000004\n", 0);
	run_in(&o, "\001\002hello\001ab\001world", "strings", NULL);
	EXPECT(&o, "hello\nworld\n", 0);

	const char *dir = scratch("diff");
	char a[96], b[96];
	snprintf(a, sizeof a, "%s/a", dir);
	snprintf(b, sizeof b, "%s/b", dir);
	put_file(a, "a\nb\nc\n");
	put_file(b, "a\nB\nc\n");
	run(&o, "diff", a, b, NULL);
	EXPECT(&o, "2c2\n< b\n---\n> B\n", 1);
	run(&o, "diff", "-u", a, b, NULL);
	CHECK(exit_code(&o) == 1 && strstr(o.out, "\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n") && !strncmp(o.out, "--- ", 4),
	      "diff -u: \"%s\"", o.out);
	run(&o, "diff", "-q", a, a, NULL);
	EXPECT(&o, "", 0);
	run(&o, "diff", a, "/nonexistent", NULL);
	EXPECT(&o, "", 2);

	/* tail -f: what is appended while it runs comes out */
	int p[2];
	CHECK_OK(pipe(p));
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		char *argv[] = { "tail", "-n", "1", "-f", a, NULL };
		uexec(path_of("/bin/tail"), argv, environ);
		_exit(127);
	}
	close(p[1]);
	char got[64];
	size_t n = 0;
	ssize_t r = read(p[0], got, sizeof got - 1);    /* "c\n" first */
	n = r > 0 ? (size_t)r : 0;
	int fd = open(a, O_WRONLY | O_APPEND);
	CHECK(fd >= 0 && write(fd, "grown\n", 6) == 6, "append");
	close(fd);
	while (n < 8 && (r = read(p[0], got + n, sizeof got - 1 - n)) > 0)
		n += (size_t)r;
	got[n] = 0;
	kill(pid, SIGTERM);
	wait_timeout(pid, 5000);
	close(p[0]);
	CHECK(!strcmp(got, "c\ngrown\n"), "tail -f gave \"%s\"", got);
	run(&o, "rm", "-rf", dir, NULL);
}

UTEST(cmd_grep)
{
	struct out o;
	const char *text = "Hello world\nhello\nfoo.bar\nfooXbar\n[x]\n";
	run_in(&o, text, "grep", "hello", NULL);
	EXPECT(&o, "hello\n", 0);
	run_in(&o, text, "grep", "-i", "^hello", NULL);
	EXPECT(&o, "Hello world\nhello\n", 0);
	run_in(&o, text, "grep", "-n", "foo.bar", NULL);
	EXPECT(&o, "3:foo.bar\n4:fooXbar\n", 0);
	run_in(&o, text, "grep", "-F", "foo.bar", NULL);
	EXPECT(&o, "foo.bar\n", 0);
	run_in(&o, text, "grep", "-c", "o", NULL);
	EXPECT(&o, "4\n", 0);
	run_in(&o, text, "grep", "-v", "[a-z]", NULL);
	EXPECT(&o, "", 1);
	run_in(&o, text, "grep", "^\\[.*]$", NULL);
	EXPECT(&o, "[x]\n", 0);
	run_in(&o, text, "grep", "l*o w", NULL);
	EXPECT(&o, "Hello world\n", 0);
	run_in(&o, text, "grep", "a\\(b", NULL);
	CHECK(exit_code(&o) == 2 && strstr(o.err, "Unmatched"), "bad pattern: %s '%s'",
	      status_str(o.status), o.err);
	run_in(&o, text, "grep", "\\(l\\)\\1o", NULL);      /* a back-reference */
	EXPECT(&o, "Hello world\nhello\n", 0);
}

/* awk (userland/bin/awk/): fields, patterns, printf, the math library,
 * regular expressions, arrays, functions, getline from a command, output
 * to a pipe and a file, paragraph mode, and a syntax error. */
UTEST(cmd_awk)
{
	struct out o;
	const char *emp = "Beth 4.00 0\nDan 3.75 0\nKathy 4.00 10\nMark 5.00 20\n";
	run_in(&o, emp, "awk", "$3 > 0 { print $1, $2 * $3 }", NULL);
	EXPECT(&o, "Kathy 40\nMark 100\n", 0);
	run_in(&o, emp, "awk", "{ s += $2 } END { printf \"%d %.3f %5.1e|%-4s|%x\\n\", NR, s / NR, s, $1, 255 }", NULL);
	EXPECT(&o, "4 4.188 1.7e+01|Mark|ff\n", 0);
	run(&o, "awk", "BEGIN { printf \"%.6f %.6f %.6f %.4f %d\\n\", sin(1), exp(1), atan2(1, 1) * 4, log(10), int(-3.7) }", NULL);
	EXPECT(&o, "0.841471 2.718282 3.141593 2.3026 -3\n", 0);
	run(&o, "awk", "BEGIN { print 1/3, 2^53, 2^70, -2^100 > \"/dev/stdout\" }", NULL);
	EXPECT(&o, "0.333333 9007199254740992 1180591620717411303424 -1267650600228229401496703205376\n", 0);
	run_in(&o, "foo boo\n", "awk", "{ n = gsub(/o+/, \"[&]\"); sub(/^/, \">\", $2); print n, $0, NF }", NULL);
	EXPECT(&o, "2 f[oo] >b[oo] 2\n", 0);
	run_in(&o, "root:x:0:0\nbob:x:1000:1000\n", "awk", "-F:", "-v", "min=100", "$3 >= min { print $1 }", NULL);
	EXPECT(&o, "bob\n", 0);
	run(&o, "awk", "function f(a, n,  i, s) { for (i = 1; i <= n; i++) s = s a[i]; return s }\n"
	    "BEGIN { n = split(\"c:b:a\", x, /:/); delete x[2]; x[2] = \"B\"; if ((1, 2) in y) print \"no\";"
	    " print f(x, n), length(x), match(\"xxabc\", /ab+/), RSTART, RLENGTH, toupper(substr(\"hello\", 2, 3)) }", NULL);
	EXPECT(&o, "cBa 3 3 3 2 ELL\n", 0);
	run(&o, "awk", "BEGIN { while ((\"echo one; echo two\" | getline line) > 0) print \"got\", line;"
	    " print \"b\" | \"sort\"; print \"a\" | \"sort\"; close(\"sort\"); print \"done\" }", NULL);
	EXPECT(&o, "got one\ngot two\na\nb\ndone\n", 0);
	const char *dir = scratch("awk");
	char cmd[256];
	snprintf(cmd, sizeof cmd, "BEGIN { f = \"%s/out\"; print \"x\" > f; print \"y\" >> f; close(f);"
		 " while ((getline l < f) > 0) n = n l; print n, system(\"exit 3\") }", dir);
	run(&o, "awk", cmd, NULL);
	EXPECT(&o, "xy 3\n", 0);
	run(&o, "rm", "-rf", dir, NULL);      /* its pages come back before the leak check */
	EXPECT(&o, "", 0);
	run_in(&o, "\n\na b\nc\n\n\nd\n", "awk", "BEGIN { RS = \"\" } { print NR \": \" $1 \"-\" $NF \"/\" NF }", NULL);
	EXPECT(&o, "1: a-c/3\n2: d-d/1\n", 0);
	run_in(&o, "1\n2\n3\n", "awk", "NR == 2, 0 { $0 = $0 * 10; print; exit 5 }", NULL);
	EXPECT(&o, "20\n", 5);
	run(&o, "awk", "BEGIN { print 1 +* 2 }", NULL);
	CHECK(exit_code(&o) == 2 && strstr(o.err, "syntax error") && strstr(o.err, "line 1"),
	      "awk syntax error: %s '%s'", status_str(o.status), o.err);
}

UTEST(cmd_files)
{
	const char *d = scratch("files");
	char a[96], b[96], sub[96], link[96];
	snprintf(a, sizeof a, "%s/a", d);
	snprintf(b, sizeof b, "%s/b", d);
	snprintf(sub, sizeof sub, "%s/x/y/z", d);
	snprintf(link, sizeof link, "%s/l", d);
	put_file(a, "data\n");
	struct out o;
	run(&o, "cp", a, b, NULL);
	EXPECT(&o, "", 0);
	run(&o, "cat", a, b, NULL);
	EXPECT(&o, "data\ndata\n", 0);
	run(&o, "mkdir", "-p", sub, NULL);
	EXPECT(&o, "", 0);
	run(&o, "mkdir", sub, NULL);
	CHECK(exit_code(&o) == 1 && strstr(o.err, "File exists"), "mkdir of an existing dir: '%s'", o.err);
	run(&o, "ln", "-s", "a", link, NULL);
	EXPECT(&o, "", 0);
	run(&o, "ls", d, NULL);
	EXPECT(&o, "a\nb\nl\nx\n", 0);
	run(&o, "ls", "-l", link, NULL);
	CHECK(!strncmp(o.out, "lrwxrwxrwx 1 ", 13) && strstr(o.out, " -> a\n"), "ls -l of a symlink: '%s'", o.out);
	run(&o, "ls", "-ld", d, NULL);
	CHECK(!strncmp(o.out, "drwxr-xr-x ", 11), "ls -ld: '%s'", o.out);
	run(&o, "ln", a, sub, NULL);   /* a hard link into the directory */
	EXPECT(&o, "", 0);
	struct stat st;
	CHECK(stat(a, &st) == 0 && st.st_nlink == 2, "links after ln: %d", (int)st.st_nlink);
	run(&o, "mv", b, sub, NULL);
	EXPECT(&o, "", 0);
	CHECK(access(b, F_OK) < 0, "mv left its source");
	char copy[128];
	snprintf(copy, sizeof copy, "%s/copy", d);
	run(&o, "cp", "-r", sub, copy, NULL);
	EXPECT(&o, "", 0);
	run(&o, "ls", copy, NULL);
	EXPECT(&o, "a\nb\n", 0);
	run(&o, "rmdir", copy, NULL);
	CHECK(exit_code(&o) == 1 && strstr(o.err, "not empty"), "rmdir of a full dir: '%s'", o.err);
	run(&o, "rm", "-r", d, NULL);
	EXPECT(&o, "", 0);
	CHECK(access(d, F_OK) < 0, "rm -r left %s", d);
	run(&o, "rm", d, NULL);
	CHECK(exit_code(&o) == 1, "rm of nothing: %s", status_str(o.status));
	run(&o, "rm", "-f", d, NULL);
	EXPECT(&o, "", 0);
}

UTEST(cmd_touch_chmod_times)
{
	const char *d = scratch("touch");
	char f[96];
	snprintf(f, sizeof f, "%s/t", d);
	struct out o;
	run(&o, "touch", f, NULL);
	EXPECT(&o, "", 0);
	struct stat st;
	CHECK(stat(f, &st) == 0 && st.st_size == 0, "touch made no empty file");
	struct timespec ts[2] = { { 1000, 5 }, { 2000, 7 } };
	CHECK_OK(utimensat(AT_FDCWD, f, ts, 0));
	CHECK(stat(f, &st) == 0 && st.st_atime == 1000 && st.st_mtime == 2000, "times %ld %ld",
	      (long)st.st_atime, (long)st.st_mtime);
	struct timespec omit[2] = { { 0, UTIME_OMIT }, { 3000, 0 } };
	CHECK_OK(utimensat(AT_FDCWD, f, omit, 0));
	CHECK(stat(f, &st) == 0 && st.st_atime == 1000 && st.st_mtime == 3000, "UTIME_OMIT");
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	CHECK_ERR(utimensat(AT_FDCWD, f, bad, 0), EINVAL);
	run(&o, "touch", f, NULL);
	CHECK(stat(f, &st) == 0 && st.st_mtime != 3000, "touch did not update the time");
	CHECK_OK(chmod(f, 0604));
	CHECK(stat(f, &st) == 0 && (st.st_mode & 07777) == 0604 && S_ISREG(st.st_mode), "mode %o", st.st_mode);
	int fd = open(f, O_RDONLY);
	CHECK_OK(fchmod(fd, 0640));
	close(fd);
	CHECK(stat(f, &st) == 0 && (st.st_mode & 07777) == 0640, "fchmod: mode %o", st.st_mode);
	CHECK_ERR(chmod("/nope/x", 0600), ENOENT);
	run(&o, "rm", "-r", d, NULL);
}

UTEST(cmd_system_info)
{
	struct out o;
	run(&o, "uname", "-m", NULL);
	char want[64];
	snprintf(want, sizeof want, "%s\n", arch_machine);
	EXPECT(&o, want, 0);
	run(&o, "free", NULL);
	CHECK(exit_code(&o) == 0 && strstr(o.out, "Mem:"), "free: '%s'", o.out);
	run(&o, "date", "+%Y", NULL);
	CHECK(exit_code(&o) == 0 && atoi(o.out) >= 1970, "date +%%Y: '%s'", o.out);
	run(&o, "kill", "-l", "9", NULL);
	EXPECT(&o, "KILL\n", 0);
	run(&o, "env", "A=1", "env", NULL);
	CHECK(strstr(o.out, "A=1\n") != NULL, "env A=1 env: '%s'", o.out);
	run(&o, "ps", NULL);
	bool listed = false;
	for (const char *l = strchr(o.out, '\n'); l && l[1]; l = strchr(l + 1, '\n'))
		listed |= strtol(l + 1, NULL, 10) == getpid();
	CHECK(exit_code(&o) == 0 && strstr(o.out, "  PID  PPID") && listed, "ps does not list us:\n%s", o.out);
	long t0 = now_ms();
	run(&o, "sleep", "0.2", NULL);
	long ms = now_ms() - t0;
	CHECK(exit_code(&o) == 0 && ms >= 200 && ms < 5000, "sleep 0.2 took %ld ms", ms);
}

/* kill sends a signal; sleep dies by it. */
UTEST(cmd_kill)
{
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		char *argv[] = { "sleep", "100", NULL };
		uexec(path_of("/bin/sleep"), argv, environ);
		_exit(127);
	}
	sleep_ms(100);
	char num[16];
	snprintf(num, sizeof num, "%d", pid);
	struct out o;
	run(&o, "kill", "-s", "USR1", num, NULL);
	EXPECT(&o, "", 0);
	int st = wait_timeout(pid, 5000);
	CHECK(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1, "sleep: %s", status_str(st));
	run(&o, "kill", "-9", "999999", NULL);
	CHECK(exit_code(&o) == 1 && strstr(o.err, "No such process"), "kill of nobody: '%s'", o.err);
}

UTEST(cmd_vmmap_rings)
{
	if (on_linux)
		skip("vmmap and rings read Ringel's /proc/kmaps and /proc/privilege");
	struct out o;
	run(&o, "vmmap", NULL);
	CHECK(exit_code(&o) == 0, "vmmap: %s '%s'", status_str(o.status), o.err);
	CHECK(strstr(o.out, "<- kernel half") && strstr(o.out, "<- end of the user half") &&
	      strstr(o.out, "stack (grows down)") && strstr(o.out, "kernel text"),
	      "vmmap output:\n%s", o.out);
	char pid[16];
	snprintf(pid, sizeof pid, "%d", getpid());
	run(&o, "vmmap", "-v", pid, NULL);
	CHECK(exit_code(&o) == 0 && (strstr(o.out, "(utests)") || strstr(o.out, "(init)")),
	      "vmmap -v %s:\n%s", pid, o.out);
	run(&o, "rings", NULL);
	const char *sum = strstr(o.out, " privileged operations trapped");
	CHECK(sum, "rings:\n%s", o.out);
	const char *line = sum;
	while (line > o.out && line[-1] != '\n')
		line--;
	int n1 = 0, n2 = 0;
	CHECK(sscanf(line, "%d of %d", &n1, &n2) == 2 && n1 == n2 && n1 >= 11, "rings: '%.60s'", line);
	CHECK(exit_code(&o) == 0, "rings: %s", status_str(o.status));
}
