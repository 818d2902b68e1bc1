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

#define BUSYBOX "/opt/debian/busybox"

/* The script's stdout (at most outsz - 1 bytes) and its wait status. */
static int busybox_sh(const char *script, char *out, size_t outsz)
{
	int p[2];
	CHECK_OK(pipe(p));
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		/* No PATH to search: busybox runs its own applets. */
		char *argv[] = { "sh", "-c", (char *)script, NULL };
		char *envp[] = { "PATH=/nonexistent", "HOME=/", "LANG=C", NULL };
		uexec(path_of(BUSYBOX), argv, envp);
		_exit(100 + errno);
	}
	close(p[1]);
	size_t n = 0;
	long r;
	while (n + 1 < outsz && (r = read(p[0], out + n, outsz - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = 0;
	close(p[0]);
	int st = wait_timeout(pid, 30000);
	CHECK(st != -1, "busybox sh -c '%s' timed out", script);
	return st;
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
