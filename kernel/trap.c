/* The portable trap handler.  Every exception the arch does not handle
 * itself arrives here described in arch-neutral terms (struct trap_info):
 *   - a page fault on a user address is first offered to the process's
 *     address space (lazy pages, copy-on-write);
 *   - a fault in the kernel inside a user-access routine is redirected to
 *     that routine's error exit (the bad user pointer becomes -EFAULT);
 *   - any other fault in the kernel is a kernel bug: panic;
 *   - any other fault in user mode becomes a signal for the process. */
#include <proc.h>
#include <vm.h>
#include <kernel.h>

static int fault_code(const struct trap_info *ti)
{
	switch (ti->kind) {
	case TRAP_PAGE_FAULT: return ti->present ? SEGV_ACCERR : SEGV_MAPERR;
	case TRAP_ILLEGAL: return ILL_ILLOPC;
	case TRAP_PRIVILEGED: return ti->sig == SIGILL ? ILL_PRVOPC : SI_KERNEL;
	case TRAP_ALIGNMENT: return BUS_ADRALN;
	case TRAP_ARITHMETIC: return FPE_INTDIV;
	case TRAP_BREAKPOINT: return TRAP_BRKPT;
	default: return SI_KERNEL;
	}
}

static const char *access_name(unsigned access)
{
	return access & VM_EXEC ? "exec" : access & VM_WRITE ? "write" : "read";
}

static void handle(struct arch_regs *regs, const struct trap_info *ti)
{
	bool user = arch_regs_user_mode(regs);
	if (ti->kind == TRAP_PAGE_FAULT && current->vm && ti->addr >= USER_BASE &&
	    ti->addr < USER_TOP) {
		int r = vm_fault(current->vm, ti->addr, ti->access);
		if (r == 0) {
			current->fault_repeats = 0;
			return;
		}
		/* found mapped already (another CPU was first): retried, unless
		 * the same page keeps coming back that way */
		uintptr_t page = ti->addr & ~(uintptr_t)(PAGE_SIZE - 1);
		current->fault_repeats = page == current->fault_page ? current->fault_repeats + 1 : 1;
		current->fault_page = page;
		if (r == VM_FAULT_RETRY && current->fault_repeats < 64)
			return;
		if (r == VM_FAULT_RETRY)
			r = -EFAULT;
		if (r == -ENOMEM && user) {
			printk("pid %d (%s): out of memory at %#lx, ip %#lx: SIGKILL\n", current->pid,
			       current->name, (unsigned long)ti->addr, (unsigned long)arch_regs_pc(regs));
			proc_exit(SIGKILL);
		}
		if (r == -ENXIO && user) {
			/* a file mapping's page past the end of its file (or one
			 * the file system could not read): SIGBUS, as on Linux */
			signal_fault(regs, SIGBUS, BUS_ADRERR, ti->addr, "bus error (no file page there)");
			return;
		}
	}
	if (!user) {
		if (arch_fixup_exception(regs))
			return;
		if (ti->kind == TRAP_PAGE_FAULT)
			panic_regs(regs, "%s at %#lx (%s) in the kernel", ti->what,
				   (unsigned long)ti->addr, access_name(ti->access));
		panic_regs(regs, "%s in the kernel", ti->what);
	}
	char what[96];
	if (ti->kind == TRAP_PAGE_FAULT)
		snprintf(what, sizeof what, "%s (%s, %s)", ti->what, access_name(ti->access),
			 ti->addr >= USER_TOP ? "kernel address" : ti->present ? "not allowed" : "unmapped");
	else
		snprintf(what, sizeof what, "%s", ti->what);
	signal_fault(regs, ti->sig ? ti->sig : SIGSEGV, fault_code(ti), ti->addr, what);
}

/* Under the kernel lock; a trap from user mode keeps it until
 * return_to_user_work, one in the kernel gives it back here. */
void trap_handle(struct arch_regs *regs, const struct trap_info *ti)
{
	kernel_lock();
	handle(regs, ti);
	if (!arch_regs_user_mode(regs))
		kernel_unlock();
}
