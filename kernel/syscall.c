/* The system-call dispatcher: one table for every architecture, generated
 * from kernel/syscalls.tbl with Linux's numbers for the arch being built.
 * The arch entry code saves the user registers and calls syscall_handle;
 * the arch hooks say where the number, arguments and result live. */
#include <syscall.h>
#include <syscalls_gen.h>
#include <arch.h>
#include <kernel.h>
#include <proc.h>
#include <uapi.h>

static int trace = -1;   /* "strace" on the command line; looked up once */

const char *syscall_name(uint64_t nr)
{
	if (nr >= NR_SYSCALLS || !syscall_table[nr].name)
		return NULL;
	return syscall_table[nr].name;
}

/* "strace" on the command line: print each call.  Looked up at the first
 * call, so that the usual path tests one word.  The arguments are read
 * from the frame after the call: for execve and rt_sigreturn, which
 * replace the registers, they are the new ones. */
static __attribute__((noinline)) void trace_call(uint64_t nr, const uint64_t *args, long ret)
{
	if (trace < 0)
		trace = cmdline_has("strace");
	if (!trace)
		return;
	/* the lock-free calls come here without the lock the console needs */
	bool held = kernel_lock_held();
	if (!held)
		kernel_lock();
	printk("[%d] %s(%#lx, %#lx, %#lx) = %ld\n", current->pid,
	       syscall_name(nr) ? syscall_name(nr) : "?", (unsigned long)args[0],
	       (unsigned long)args[1], (unsigned long)args[2], ret);
	if (!held)
		kernel_unlock();
}

/* Calls that read only the caller's own state or the clock run without
 * the kernel lock (a fault in their user copy takes it in trap_handle). */
static const bool lockless[NR_SYSCALLS] = {
	[NR_getpid] = true, [NR_gettid] = true, [NR_getppid] = true, [NR_getuid] = true,
	[NR_geteuid] = true, [NR_getgid] = true, [NR_getegid] = true,
	[NR_clock_gettime] = true, [NR_gettimeofday] = true, [NR_getcpu] = true,
};

/* The arguments are read in place, from the trap frame (arch_syscall_args:
 * six words in a row there); a number past the table is -ENOSYS without
 * the lock. */
void syscall_handle(struct arch_regs *regs)
{
	uint64_t nr = arch_syscall_nr(regs);
	const uint64_t *args = arch_syscall_args(regs);
	long ret = -ENOSYS;
	current->uregs = regs;
	if (__builtin_expect(nr < NR_SYSCALLS, 1)) {
		if (!lockless[nr])
			kernel_lock();   /* released by return_to_user_work */
		if (syscall_table[nr].fn)
			ret = syscall_table[nr].fn(args);
	}
	if (__builtin_expect(trace != 0, 0))
		trace_call(nr, args, ret);
	/* rt_sigreturn restored every register itself, the result included */
	if (nr != NR_rt_sigreturn)
		arch_syscall_set_return(regs, (uint64_t)ret);
}
