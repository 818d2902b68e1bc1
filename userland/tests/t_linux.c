/* utests: unmodified Linux programs.  Debian's busybox-static (a glibc
 * static binary, put into the test initramfs as /opt/debian/busybox when
 * scripts/setup has fetched it) runs shell scripts with its own applets:
 * each script's output must be what Linux gives.  Run on Linux too (the
 * suite's oracle run), where the same binary must agree. */
#include "utests.h"
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <poll.h>

#define BUSYBOX "/opt/debian/busybox"

/* The script's stdout (at most outsz - 1 bytes) and its wait status.  No
 * PATH to search: busybox runs its own applets. */
static int busybox_sh(const char *script, char *out, size_t outsz)
{
	char *argv[] = { "sh", "-c", (char *)script, NULL };
	char *envp[] = { "PATH=/nonexistent", "HOME=/", "LANG=C", NULL };
	return run_capture(path_of(BUSYBOX), argv, envp, out, outsz);
}

static const struct {
	const char *script, *want;
} bb_cases[] = {
	{ "echo hello", "hello\n" },
	{ "for i in 1 2 3; do printf '%s,' $i; done; echo", "1,2,3,\n" },
	{ "echo $((6 * 7)) $(echo sub) `echo back`", "42 sub back\n" },
	{ "(exit 3); echo $?", "3\n" },
	{ "sh -c 'kill -TERM $$'; echo $?", "143\n" },
	{ "trap 'echo bye' EXIT; echo hi", "hi\nbye\n" },
	{ "echo abc | sed s/b/X/", "aXc\n" },
	{ "printf 'b 2\\na 1\\n' | sort | awk '{ s += $2; l = l $1 } END { print NR, s, l }'", "2 3 ab\n" },
	{ "seq 10 | tail -n 3 | head -n 1", "8\n" },
	{ "echo a:b:c | cut -d: -f2 | tr b B", "B\n" },
	{ "echo hello | md5sum", "b1946ac92492d2347c6235b4d2611184  -\n" },
	{ "echo hello | sha256sum",
	  "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  -\n" },
	{ "expr 3 + 4; test 2 -lt 3 && echo yes", "7\nyes\n" },
	{ "basename /a/b/c.txt .txt; dirname /a/b/c", "c\n/a/b\n" },
	{ "printf '%05.1f|%-3s|%x\\n' 3.14159 ab 255", "003.1|ab |ff\n" },
	{ "echo 1 2 | xargs -n1 echo", "1\n2\n" },
	{ "printf 'x=1\\ny\\nx=2\\n' | grep -c x=", "2\n" },
	{ "d=$(mktemp -d) && cd $d && mkdir -p a/b && echo x > a/b/f && cp a/b/f g && mv g h &&"
	  " ln -s h l && cat l && find . -type f | sort && rm -r a h l && cd / && rmdir $d && echo done",
	  "x\n./a/b/f\n./h\ndone\n" },
	{ "sleep 0.1 && echo slept", "slept\n" },
	{ "id >/dev/null && echo id", "id\n" },
	{ "ps >/dev/null && echo ps", "ps\n" },
	{ "df / >/dev/null && echo df", "df\n" },
	{ "stat -f -c %T /proc", "proc\n" },
};

UTEST(debian_busybox)
{
	if (access(path_of(BUSYBOX), X_OK) != 0) {
		note("no %s (scripts/setup fetches Debian's busybox-static)", BUSYBOX);
		return;
	}
	static char out[512], first[1024];
	size_t n = sizeof bb_cases / sizeof bb_cases[0];
	int bad = 0, skipped = 0;
	for (size_t i = 0; i < n; i++) {
		int st = busybox_sh(bb_cases[i].script, out, sizeof out);
		if (WIFEXITED(st) && WEXITSTATUS(st) < 100 && !strcmp(out, bb_cases[i].want))
			continue;
		if (exec_wrapper && (strchr(bb_cases[i].script, '|') || strstr(bb_cases[i].script, "sh -c") ||
				     strstr(bb_cases[i].script, "sleep") || strstr(bb_cases[i].script, "&&"))) {
			/* busybox runs a forked applet as /proc/self/exe, which
			 * qemu-user turns into the host's qemu binary */
			skipped++;
			continue;
		}
		snprintf(first, sizeof first, "'%s': %s, printed '%s', want '%s'",
			 bb_cases[i].script, status_str(st), out, bb_cases[i].want);
		note("%s", first);
		bad++;
	}
	CHECK(!bad, "%d of %zu busybox scripts differ from Linux (see the notes above)", bad, n);
	if (skipped)
		note("%zu busybox scripts, %d skipped under qemu-user", n, skipped);
	else
		note("%zu busybox scripts", n);
}

/* Debian's bash-static (glibc static, /opt/debian/bash when scripts/setup
 * has it): arrays, [[ ]], functions, arithmetic, expansions, a pipeline into
 * a loop and a brace group, command substitution of a subshell, a subshell
 * that changes directory.  The output is bash's on Linux (checked by the
 * suite's run on Linux with the same binary). */
UTEST(debian_bash)
{
	static const char script[] =
		"a=(one two three); a+=(four); echo \"${#a[@]} ${a[1]} ${a[@]: -1}\"\n"
		"declare -A m=([x]=1 [y]=2); echo \"${m[y]}\"\n"
		"[[ abc == a* && 3 -lt 10 ]] && echo match\n"
		"f() { local v=$1; echo \"f:${v^^}\"; }; f word\n"
		"printf '%s\\n' 3 1 2 | while read -r n; do echo $((n * 2)); done\n"
		"echo hello | { read -r v; echo \"got $v\"; }\n"
		"x=$( (echo inner; exit 3) ); echo \"$x $?\"\n"
		"(cd / && echo \"sub $PWD\"); echo \"after ${PWD:+same}\"\n"
		"s=\"a-b-c\"; echo \"${s//-/+} ${s%%-*} ${#s}\"\n"
		"for ((i = 0; i < 3; i++)); do printf '%d,' $i; done; echo\n"
		"case $BASH_VERSION in 5.*) echo bash5 ;; *) echo other ;; esac\n"
		"echo $(( 2 ** 10 )) $((16#ff))\n";
	static const char want[] = "4 two four\n2\nmatch\nf:WORD\n6\n2\n4\ngot hello\ninner 3\n"
				   "sub /\nafter same\na+b+c a 5\n0,1,2,\nbash5\n1024 255\n";
	if (access(path_of("/opt/debian/bash"), X_OK) != 0) {
		note("no /opt/debian/bash (scripts/setup fetches Debian's bash-static)");
		return;
	}
	static char out[512];
	char *argv[] = { "bash", "-c", (char *)script, NULL };
	char *envp[] = { "PATH=/nonexistent", "HOME=/", "LANG=C", NULL };
	int st = run_capture(path_of("/opt/debian/bash"), argv, envp, out, sizeof out);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0 && !strcmp(out, want),
	      "bash: %s, printed\n%s\nwant\n%s", status_str(st), out, want);
}

/* select and pselect6 (and poll where the arch has it), as raw calls: the
 * fd sets are bit arrays of 64-bit words; a pipe is not readable until a
 * byte is in it, its write end is writable; a set bit for a closed
 * descriptor is EBADF; the sets come back holding only what is ready. */
UTEST(select_poll)
{
	int p[2];
	CHECK_OK(pipe(p));
	int n = (p[0] > p[1] ? p[0] : p[1]) + 1;
	uint64_t rd[16], wr[16];
	struct { long sec, nsec; } zero = { 0, 0 };
	memset(rd, 0, sizeof rd);
	memset(wr, 0, sizeof wr);
	rd[p[0] / 64] |= 1ULL << (p[0] % 64);
	wr[p[1] / 64] |= 1ULL << (p[1] % 64);
	long r = syscall(SYS_pselect6, n, rd, wr, NULL, &zero, NULL);
	CHECK(r == 1, "pselect6 on an empty pipe: %ld (%s), want 1 (the write end)", r, errname(errno));
	CHECK(!(rd[p[0] / 64] & (1ULL << (p[0] % 64))), "the empty read end is reported ready");
	CHECK(wr[p[1] / 64] & (1ULL << (p[1] % 64)), "the write end is not reported ready");
	CHECK(write(p[1], "x", 1) == 1, "write");
	memset(rd, 0, sizeof rd);
	rd[p[0] / 64] |= 1ULL << (p[0] % 64);
	struct { long sec, nsec; } tmo = { 1, 0 };
	r = syscall(SYS_pselect6, n, rd, NULL, NULL, &tmo, NULL);
	CHECK(r == 1 && (rd[p[0] / 64] & (1ULL << (p[0] % 64))), "pselect6 with a byte in: %ld", r);
	int closed = n + 5;
	memset(rd, 0, sizeof rd);
	rd[closed / 64] |= 1ULL << (closed % 64);
	CHECK_ERR(syscall(SYS_pselect6, closed + 1, rd, NULL, NULL, &zero, NULL), EBADF);
	/* ppoll through the libc's poll(): readable now, with a timeout */
	struct pollfd pf = { p[0], POLLIN, 0 };
	CHECK(poll(&pf, 1, 1000) == 1 && (pf.revents & POLLIN), "poll: %d", pf.revents);
#ifdef SYS_select
	struct { long sec, usec; } tv = { 0, 1000 };
	memset(rd, 0, sizeof rd);
	rd[p[0] / 64] |= 1ULL << (p[0] % 64);
	char c;
	CHECK(read(p[0], &c, 1) == 1, "read");
	r = syscall(SYS_select, n, rd, NULL, NULL, &tv);
	CHECK(r == 0 && !rd[p[0] / 64], "select on an empty pipe, 1 ms: %ld", r);
#endif
#ifdef SYS_poll
	pf.revents = 0;
	r = syscall(SYS_poll, &pf, 1L, 5);
	CHECK(r == 0 && pf.revents == 0, "poll with 5 ms on an empty pipe: %ld", r);
#endif
	close(p[0]);
	close(p[1]);
}

/* ---------------------------------------------------------------- threads */

/* The whole of file path (at most sz - 1 bytes), or "" if there is none. */
static void read_whole(const char *path, char *buf, size_t sz)
{
	int fd = open(path, O_RDONLY);
	long n = fd < 0 ? 0 : read(fd, buf, sz - 1);
	buf[n > 0 ? n : 0] = 0;
	if (fd >= 0)
		close(fd);
}

/* tests/linux/threads.c built static with glibc and with musl (when the
 * build found their compilers): pthreads, robust mutexes, cancellation,
 * exit from a thread; then execve from a thread, posix_spawn (clone3 or
 * clone with CLONE_VM | CLONE_VFORK) and system().  Each must print what
 * the host's glibc build printed on Linux. */
UTEST_T(linux_threads, 60)
{
	static const char *const libcs[] = { "glibc", "musl" };
	static char want[2048], want_exec[1024], out[2048], path[64];
	read_whole(path_of("/opt/threads/expected"), want, sizeof want);
	read_whole(path_of("/opt/threads/expected-exec"), want_exec, sizeof want_exec);
	if (!want[0]) {
		note("no /opt/threads (scripts/setup installs the compilers)");
		return;
	}
	if (exec_wrapper)
		skip("qemu-user has no robust lists and cannot execve a foreign program");
	int ran = 0;
	for (size_t i = 0; i < sizeof libcs / sizeof libcs[0]; i++) {
		snprintf(path, sizeof path, "/opt/threads/%s", libcs[i]);
		if (access(path_of(path), X_OK) != 0)
			continue;
		ran++;
		char *argv[] = { "threads", NULL };
		char *envp[] = { "PATH=/bin", NULL };
		int st = run_capture(path_of(path), argv, envp, out, sizeof out);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0 && !strcmp(out, want),
		      "%s: %s, printed\n%s\nwant\n%s", path, status_str(st), out, want);
		char *argv2[] = { "threads", "exec", (char *)path_of(path), NULL };
		st = run_capture(path_of(path), argv2, envp, out, sizeof out);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0 && !strcmp(out, want_exec),
		      "%s exec: %s, printed\n%s\nwant\n%s", path, status_str(st), out, want_exec);
	}
	note("%d threaded programs (of glibc, musl) agree with Linux", ran);
}
