/* panic: the kernel cannot go on.  Print why, the registers and a backtrace
 * (frame-pointer chain, named through the ksyms table), then stop.
 * Both arches keep the frame record as {previous fp, return address}. */
#include <kernel.h>
#include <console.h>
#include <ksyms.h>
#include <arch.h>
#include <cpu.h>

int panicking;   /* kernel/smp.c stops a CPU that sees it */

/* pc is where execution is (the first frame) or a return address (the
 * others).  A call that never returns may be the last instruction of its
 * function, so a return address is looked up one byte back, inside the call. */
static void print_frame(uintptr_t pc, bool is_return)
{
	uintptr_t off;
	const char *name = ksym_lookup(is_return ? pc - 1 : pc, &off);
	if (name && is_return)
		off++;
	if (name)
		printk("  [<%016lx>] %s+0x%lx\n", (unsigned long)pc, name, (unsigned long)off);
	else
		printk("  [<%016lx>] ?\n", (unsigned long)pc);
}

static bool plausible_fp(uintptr_t fp)
{
	/* Kernel stacks live in the kernel image (boot stack), the direct map
	 * or the vmalloc area: all in the kernel half, 8-byte aligned. */
	return fp >= KERNEL_HALF_BASE && (fp & 7) == 0 && fp < UINTPTR_MAX - 16;
}

static void backtrace(uintptr_t pc, uintptr_t fp)
{
	printk("Backtrace:\n");
	print_frame(pc, false);
	for (int depth = 0; depth < 32 && plausible_fp(fp); depth++) {
		uintptr_t next = ((uintptr_t *)fp)[0];
		uintptr_t ret = ((uintptr_t *)fp)[1];
		if (ret == 0)
			break;
		print_frame(ret, true);
		if (next <= fp)   /* stacks grow down: the caller's frame is above */
			break;
		fp = next;
	}
}

static noreturn void vpanic(const struct arch_regs *regs, const char *fmt, va_list ap)
{
	arch_irq_disable();
	if (panicking++) {   /* a panic while panicking: just stop */
		arch_halt();
	}
	smp_stop_others();
	printk("\nKERNEL PANIC: ");
	vprintk(fmt, ap);
	printk("\n");
	struct arch_regs here;
	if (!regs) {
		arch_save_regs(&here);
		regs = &here;
	}
	arch_print_regs(regs);
	backtrace(arch_regs_pc(regs), arch_regs_fp(regs));
	printk("System halted.\n");
	console_flush();
	if (cmdline_has("selftest") || cmdline_has("test"))
		arch_test_exit(false);
	arch_halt();
}

noreturn void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vpanic(NULL, fmt, ap);
}

noreturn void panic_regs(const struct arch_regs *regs, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vpanic(regs, fmt, ap);
}

noreturn void boot_fail(const char *fmt, ...)
{
	va_list ap;
	arch_irq_disable();
	printk("ringel: cannot boot: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\nringel: halted.\n");
	console_flush();
	arch_halt();
}
