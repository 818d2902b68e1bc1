/* rings: try each privileged instruction of this CPU from user mode and
 * show what the hardware did, then the privilege level on each side of a
 * system call. */
#include "common.h"
#include "rings.h"
#include "signames.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char text[] =
	"[-h]\n"
	"Run each privileged instruction of this architecture in a child process at user\n"
	"level and report what the hardware did: the exception it raised and the signal\n"
	"the kernel turned it into.  Then show the privilege level the kernel runs at\n"
	"during a system call and the level saved for its caller (/proc/privilege), and\n"
	"what user code can see of its own level.\n";

static int report_fd = -1;

struct report {
	int sig, code;
};

static void on_trap(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	struct report r = { sig, si->si_code };
	(void)!write(report_fd, &r, sizeof r);
	_exit(0);
}

bool rings_try(const struct priv_op *op, int *sig, int *code)
{
	int p[2];
	if (pipe(p) < 0)
		return false;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return false;
	}
	if (pid == 0) {
		close(p[0]);
		report_fd = p[1];
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_trap;
		sa.sa_flags = SA_SIGINFO;
		static const int sigs[] = { SIGSEGV, SIGILL, SIGBUS, SIGTRAP, SIGFPE };
		for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
			sigaction(sigs[i], &sa, NULL);
		alarm(5);       /* an instruction that stops the child for good */
		op->run();
		_exit(42);      /* it ran at user level: no trap */
	}
	close(p[1]);
	struct report r = { 0, 0 };
	ssize_t n = read(p[0], &r, sizeof r);
	close(p[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	if (n == (ssize_t)sizeof r) {
		*sig = r.sig;
		*code = r.code;
	} else if (WIFSIGNALED(status)) {
		*sig = WTERMSIG(status);   /* died before the handler could speak */
		*code = -1;
	} else {
		*sig = 0;
		*code = 0;
	}
	return true;
}

static void show_privilege(void)
{
	char *s = read_file("/proc/privilege", NULL);
	if (!s) {
		warn_errno("/proc/privilege");
		return;
	}
	char kernel[32] = "?", caller[32] = "?";
	text_value(s, "kernel", kernel, sizeof kernel);
	text_value(s, "caller", caller, sizeof caller);
	free(s);
	printf("\nThe privilege level on each side of a system call, as the kernel sees it\n"
	       "(read(2) of /proc/privilege):\n");
	printf("  the kernel, running the read():        %s\n", kernel);
	printf("  the caller, in its saved trap frame:   %s\n", caller);
}

int main(int argc, char **argv)
{
	cmd_init("rings", text);
	if (argc > 1)
		usage(strcmp(argv[1], "-h") == 0 ? 0 : 1);
	int total = 0, trapped = 0;
	printf("Privileged instructions tried at %s, each in a child process:\n\n", rings_user_level);
	for (const struct priv_op *op = rings_ops; op->name; op++) {
		int sig, code;
		total++;
		if (!rings_try(op, &sig, &code)) {
			printf("  %-20s could not be run: fork failed\n", op->name);
			continue;
		}
		if (!sig) {
			printf("  %-20s \u2192 executed at %s: NOT trapped\n", op->name, rings_user_level);
			continue;
		}
		trapped++;
		const char *abbrev = signal_abbrev(sig);
		printf("  %-20s \u2192 %-34s \u2192 SIG%s\n", op->name,
		       code == -1 ? "(killed before reporting)" : rings_trap_name(sig, code),
		       abbrev ? abbrev : "?");
	}
	printf("\n%d of %d privileged operations trapped.\n", trapped, total);
	show_privilege();
	printf("\nAs user code sees it:\n");
	rings_user_view();
	return fflush(stdout) || trapped != total ? 1 : 0;
}
