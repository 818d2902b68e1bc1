/* trap: commands run when a signal arrives, or when the shell exits.
 *
 * The handler only notes the signal; the command runs between commands
 * (traps_run_pending), where the shell is in a known state.  A child keeps
 * ignored signals ignored and resets the caught ones (XCU 2.11).
 * "trap" alone, and "trap -p", list the traps as commands that set them
 * again, quoted as dash quotes them. */
#include "sh.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define NSIG_TRAP 65

static char *actions[NSIG_TRAP];          /* [0] = EXIT; NULL: default */
static volatile sig_atomic_t pending[NSIG_TRAP];
static volatile sig_atomic_t any_pending;

static void on_signal(int sig)
{
	if (sig > 0 && sig < NSIG_TRAP) {
		pending[sig] = 1;
		any_pending = 1;
	}
}

static void run_action(int sig)
{
	int saved = last_status;
	char *action = xstrdup(actions[sig]);
	eval_string(action);
	free(action);
	if (!exit_requested)
		last_status = saved;
}

void traps_run_pending(void)
{
	if (!any_pending)
		return;
	any_pending = 0;
	for (int sig = 1; sig < NSIG_TRAP; sig++) {
		if (pending[sig]) {
			pending[sig] = 0;
			if (actions[sig] && *actions[sig])
				run_action(sig);
		}
	}
}

void traps_run_exit(void)
{
	if (!actions[0])
		return;
	char *action = actions[0];
	actions[0] = NULL;      /* an exit inside the trap must not run it again */
	int st = exit_requested ? exit_status_requested : last_status;
	exit_requested = false;
	last_status = st;
	eval_string(action);
	free(action);
	if (!exit_requested) {
		exit_requested = true;
		exit_status_requested = st;
	}
}

void traps_reset_in_child(void)
{
	for (int sig = 0; sig < NSIG_TRAP; sig++) {
		if (actions[sig] && *actions[sig]) {
			free(actions[sig]);
			actions[sig] = NULL;
			if (sig)
				signal(sig, SIG_DFL);
		}
	}
}

/* "EXIT", "0", "INT", "SIGINT", "2": the number, -1 if unknown. */
static int trap_signal(const char *s)
{
	if (!strcmp(s, "EXIT") || !strcmp(s, "0"))
		return 0;
	int sig = signal_from_name(s);
	return sig > 0 && sig < NSIG_TRAP ? sig : -1;
}

/* "trap -- 'ACTION' NAME", as dash writes it; a default action (only when
 * asked for by name, with -p) as "trap -- - NAME". */
static void print_trap(int sig, bool defaults)
{
	if (!actions[sig] && !defaults)
		return;
	struct str b = { 0 };
	str_adds(&b, "trap -- ");
	if (actions[sig])
		str_add_quoted(&b, actions[sig]);
	else
		str_addc(&b, '-');
	str_addc(&b, ' ');
	str_adds(&b, sig ? signal_to_name(sig) : "EXIT");
	str_addc(&b, '\n');
	out_str(1, b.s);
	free(b.s);
}

static void print_traps(void)
{
	for (int sig = 0; sig < NSIG_TRAP; sig++)
		print_trap(sig, false);
}

static void set_trap(int sig, const char *action)
{
	free(actions[sig]);
	actions[sig] = action ? xstrdup(action) : NULL;
	if (sig == 0 || sig == SIGKILL || sig == SIGSTOP)
		return;
	if (!action)
		signal(sig, SIG_DFL);
	else if (!*action)
		signal(sig, SIG_IGN);
	else
		signal(sig, on_signal);
}

int builtin_trap(int argc, char **argv)
{
	int i = 1;
	if (i < argc && !strcmp(argv[i], "-p")) {
		/* trap -p [CONDITION...] (POSIX.1-2024): the commands that set
		 * the traps again; with conditions named, defaults too */
		int st = 0;
		if (++i == argc)
			print_traps();
		for (; i < argc; i++) {
			int sig = trap_signal(argv[i]);
			if (sig < 0) {
				sh_error("trap: %s: bad trap", argv[i]);
				st = 1;
			} else {
				print_trap(sig, true);
			}
		}
		return st;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i == argc) {
		print_traps();
		return 0;
	}
	/* trap N...: a first argument that is a number resets to default */
	const char *action = argv[i];
	if (trap_signal(argv[i]) >= 0 && argv[i][0] >= '0' && argv[i][0] <= '9')
		action = "-";
	else
		i++;
	int st = 0;
	for (; i < argc; i++) {
		int sig = trap_signal(argv[i]);
		if (sig < 0) {
			out_fmt(2, "trap: %s: bad trap\n", argv[i]);   /* as dash: no "sh: LINE:" */
			st = 1;
			continue;
		}
		set_trap(sig, strcmp(action, "-") ? action : NULL);
	}
	return st;
}
