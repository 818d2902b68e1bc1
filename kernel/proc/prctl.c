/* prctl: the handful of per-process switches programs actually use.  The
 * name (PR_SET_NAME) is the one ps, top and /proc/PID/comm show; the
 * parent-death signal is sent when the parent process ends
 * (kernel/proc/thread.c); the dumpable flag and no_new_privs are kept and
 * reported (there are no core dumps nor set-id programs yet).  Any other
 * option is EINVAL, as Linux answers for the ones it does not know. */
#include <proc.h>
#include <uaccess.h>
#include <syscalls_gen.h>
#include <kernel.h>
#include <string.h>

static long set_name(uintptr_t uname)
{
	char name[TASK_COMM_LEN];
	/* Linux reads up to 16 bytes and keeps 15: a longer name is cut,
	 * and the bytes past the 16th are never touched */
	long n = strncpy_from_user(name, uname, sizeof name);
	if (n == -EFAULT)
		return -EFAULT;   /* -ENAMETOOLONG: 16 bytes without a NUL, cut below */
	name[sizeof name - 1] = '\0';
	strlcpy(current->name, name, sizeof current->name);
	return 0;
}

static long get_name(uintptr_t ubuf)
{
	char name[TASK_COMM_LEN] = { 0 };
	strlcpy(name, current->name, sizeof name);
	return copy_to_user(ubuf, name, sizeof name) ? -EFAULT : 0;
}

long sys_prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5)
{
	struct proc *l = current->leader;
	switch (option) {
	case PR_SET_NAME:
		return set_name((uintptr_t)a2);
	case PR_GET_NAME:
		return get_name((uintptr_t)a2);
	case PR_SET_PDEATHSIG:
		if (a2 >= NSIG)
			return -EINVAL;
		current->pdeath_signal = (int)a2;
		return 0;
	case PR_GET_PDEATHSIG:
		return copy_to_user((uintptr_t)a2, &current->pdeath_signal, sizeof(int)) ? -EFAULT : 0;
	case PR_GET_DUMPABLE:
		return l->not_dumpable ? 0 : 1;
	case PR_SET_DUMPABLE:
		if (a2 > 1)
			return -EINVAL;   /* 2 (SUID_DUMP_ROOT) is refused too */
		for_each_thread(t, l)
			t->not_dumpable = a2 == 0;
		return 0;
	case PR_SET_NO_NEW_PRIVS:
		if (a2 != 1 || a3 || a4 || a5)
			return -EINVAL;
		current->no_new_privs = true;
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (a2 || a3 || a4 || a5)
			return -EINVAL;
		return current->no_new_privs;
	default:
		return -EINVAL;
	}
}
