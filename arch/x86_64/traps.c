/* The IDT and what happens on a trap:
 *   - interrupts (vectors 32-255): the APIC timer calls timer_tick(), ISA
 *     IRQs go to the handler ioapic_route_isa() registered, the two
 *     inter-processor vectors (VEC_IPI, VEC_TLB) are answered without the
 *     kernel lock, before anything that takes it;
 *   - an exception in user mode is described in arch-neutral terms (struct
 *     trap_info) for the portable trap_handle(), which turns it into a
 *     signal (or resolves a page fault);
 *   - a page fault in the kernel also goes to trap_handle() (a user page
 *     touched by a copy routine may just need faulting in; else the
 *     exception table or a panic); any other kernel exception panics here
 *     with a message naming it;
 *   - every trap that came from user mode ends in return_to_user_work()
 *     (signals, rescheduling) before vectors.S returns to ring 3. */
#include <kernel.h>
#include <arch.h>
#include <uapi.h>
#include <proc.h>
#include <cpu.h>
#include <mm.h>
#include <stddef.h>
#include "x86.h"

_Static_assert(offsetof(struct arch_regs, cr2) == REGS_CR2, "regs layout");
_Static_assert(offsetof(struct arch_regs, cr3) == REGS_CR3, "regs layout");
_Static_assert(offsetof(struct arch_regs, rdi) == REGS_GPRS, "regs layout");
_Static_assert(offsetof(struct arch_regs, r9) == REGS_GPRS + 40, "regs layout: the arguments in a row");
_Static_assert(offsetof(struct arch_regs, rax) == REGS_RAX, "regs layout");
_Static_assert(offsetof(struct arch_regs, vector) == REGS_VECTOR, "regs layout");
_Static_assert(offsetof(struct arch_regs, error) == REGS_ERROR, "regs layout");
_Static_assert(offsetof(struct arch_regs, rip) == REGS_RIP, "regs layout");
_Static_assert(offsetof(struct arch_regs, cs) == REGS_CS, "regs layout");
_Static_assert(offsetof(struct arch_regs, rflags) == REGS_RFLAGS, "regs layout");
_Static_assert(offsetof(struct arch_regs, rsp) == REGS_RSP, "regs layout");
_Static_assert(offsetof(struct arch_regs, ss) == REGS_SS, "regs layout");
_Static_assert(sizeof(struct arch_regs) == REGS_SIZE && REGS_SIZE % 16 == 0, "regs layout");

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;          /* P | DPL | 0 | type (0xe: 64-bit interrupt gate) */
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));
_Static_assert(sizeof(struct idt_gate) == 16, "IDT gate is 16 bytes");

#define GATE_INTR_RING0 0x8e   /* interrupt gate: IF cleared on entry */
#define GATE_INTR_RING3 0xee   /* the same, and int n from ring 3 may use it */

static struct idt_gate idt[256] __attribute__((aligned(16)));

static const char *const exception_names[32] = {
	[0] = "divide error (#DE)",        [1] = "debug exception (#DB)",
	[2] = "non-maskable interrupt",    [3] = "breakpoint (#BP)",
	[4] = "overflow (#OF)",            [5] = "bound range exceeded (#BR)",
	[6] = "invalid opcode (#UD)",      [7] = "device not available (#NM)",
	[8] = "double fault (#DF)",        [9] = "coprocessor segment overrun",
	[10] = "invalid TSS (#TS)",        [11] = "segment not present (#NP)",
	[12] = "stack-segment fault (#SS)", [13] = "general protection fault (#GP)",
	[14] = "page fault (#PF)",         [16] = "x87 floating-point error (#MF)",
	[17] = "alignment check (#AC)",    [18] = "machine check (#MC)",
	[19] = "SIMD floating-point exception (#XM)", [20] = "virtualization exception (#VE)",
	[21] = "control protection exception (#CP)", [28] = "hypervisor injection (#HV)",
	[29] = "VMM communication exception (#VC)", [30] = "security exception (#SX)",
};

static void set_gate(unsigned vec, uint64_t handler, unsigned ist, uint8_t type)
{
	idt[vec] = (struct idt_gate){
		.offset_low = handler & 0xffff,
		.selector = SEL_KCODE,
		.ist = ist,
		.type = type,
		.offset_mid = (handler >> 16) & 0xffff,
		.offset_high = handler >> 32,
	};
}

void idt_init(void)
{
	for (unsigned v = 0; v < 256; v++)
		set_gate(v, x86_exception_stubs[v], 0, GATE_INTR_RING0);
	/* These three may strike when the current stack cannot be trusted. */
	set_gate(2, x86_exception_stubs[2], IST_NMI, GATE_INTR_RING0);
	set_gate(8, x86_exception_stubs[8], IST_DF, GATE_INTR_RING0);
	set_gate(18, x86_exception_stubs[18], IST_MC, GATE_INTR_RING0);
	/* int3 and into are instructions user programs use (debuggers,
	 * abort paths): from ring 3 they raise #BP/#OF rather than #GP.  Every
	 * other vector is out of reach of int n in user mode (#GP, SIGSEGV). */
	set_gate(3, x86_exception_stubs[3], 0, GATE_INTR_RING3);
	set_gate(4, x86_exception_stubs[4], 0, GATE_INTR_RING3);
	idt_load();
}

/* Every CPU uses the one IDT (the gates name IST slots, and each CPU's TSS
 * has its own stacks in them). */
void idt_load(void)
{
	struct __attribute__((packed)) { uint16_t limit; uint64_t base; } idtr = {
		sizeof idt - 1, (uintptr_t)idt
	};
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

/* Did a kernel access at addr with the stack pointer at sp run off the end
 * of a stack: the boot stack's guard page, or the unmapped guard page below
 * a thread's kernel stack in the vmalloc area (mm/kstack.c)? */
static bool stack_overflow(uint64_t addr, uint64_t sp)
{
	uintptr_t g = (uintptr_t)boot_stack_guard;
	if (addr >= g && addr < g + PAGE_SIZE)
		return true;
	return addr >= VMALLOC_BASE && addr - VMALLOC_BASE < VMALLOC_SIZE &&
	       addr + 2 * PAGE_SIZE > sp && addr < sp + PAGE_SIZE &&
	       pt_lookup(kmap_root(), ALIGN_DOWN(addr, PAGE_SIZE), NULL, NULL) != 0;
}

#define PF_PRESENT (1u << 0)
#define PF_WRITE   (1u << 1)
#define PF_USER    (1u << 2)
#define PF_RSVD    (1u << 3)
#define PF_FETCH   (1u << 4)

static unsigned pf_access(uint64_t e)
{
	return (e & PF_FETCH) ? VM_EXEC : (e & PF_WRITE) ? VM_WRITE : VM_READ;
}

/* A kernel page fault: the stack guard is certainly fatal and gets its own
 * message; the rest goes to trap_handle(), which knows user pages and the
 * exception table, and panics with the description below otherwise. */
static void kernel_page_fault(struct arch_regs *r)
{
	uint64_t e = r->error;
	if (stack_overflow(r->cr2, r->rsp))
		panic_regs(r, "page fault at %#lx: kernel stack overflow, rip %#lx",
			   (unsigned long)r->cr2, (unsigned long)r->rip);
	/* The kernel touching a user page outside a copy routine's stac/clac
	 * window (SMAP), or executing one (SMEP): the page is there, so
	 * resolving the fault would only repeat it.  A kernel bug. */
	if ((e & PF_PRESENT) && r->cr2 < USER_TOP) {
		if (e & PF_FETCH)
			panic_regs(r, "kernel tried to execute user memory at %#lx (SMEP)",
				   (unsigned long)r->cr2);
		if (x86_smap_on && !(r->rflags & RFLAGS_AC))
			panic_regs(r, "kernel %s user memory at %#lx outside a user-copy routine (SMAP), rip %#lx",
				   (e & PF_WRITE) ? "wrote" : "read", (unsigned long)r->cr2,
				   (unsigned long)r->rip);
	}
	char what[96];
	snprintf(what, sizeof what, "page fault (%s%s%s%s%s)",
		 (e & PF_PRESENT) ? "protection violation" : "not present",
		 (e & PF_RSVD) ? ", reserved bit set" : "",
		 (e & (1 << 5)) ? ", protection key" : "",
		 (e & (1 << 6)) ? ", shadow stack" : "",
		 r->cr2 < PAGE_SIZE ? ", NULL pointer dereference" : "");
	struct trap_info ti = {
		.kind = TRAP_PAGE_FAULT, .what = what, .addr = r->cr2,
		.access = pf_access(e), .present = e & PF_PRESENT, .sig = SIGSEGV,
	};
	trap_handle(r, &ti);
}

/* #TS, #NP, #SS, #GP: a non-zero error code names a selector or IDT slot
 * (index in bits 3-15; QEMU's TCG reports IDT slots as vector * 2 there in
 * long mode, real CPUs as the vector). */
static noreturn void selector_fault(struct arch_regs *r, const char *name)
{
	uint64_t e = r->error;
	if (e == 0)
		panic_regs(r, "%s at rip %#lx", name, (unsigned long)r->rip);
	const char *table = (e & 2) ? "IDT vector" : (e & 4) ? "LDT selector" : "GDT selector";
	unsigned long index = (e & 2) ? (e >> 3) & 0x1fff : e & 0xfff8;
	panic_regs(r, "%s at rip %#lx (error %#lx: %s %#lx%s)", name, (unsigned long)r->rip,
		   (unsigned long)e, table, index, (e & 1) ? ", external event" : "");
}

static void kernel_exception(struct arch_regs *r, unsigned vec, const char *name)
{
	switch (vec) {
	case 14:
		kernel_page_fault(r);
		return;
	case 8:
		/* A fault while delivering a fault.  The usual cause in the
		 * kernel: the stack ran into its guard page, so the #PF frame
		 * could not be pushed (CR2 still names the guard). */
		if (stack_overflow(r->cr2, r->rsp))
			panic_regs(r, "double fault (#DF): kernel stack overflow (cr2 %#lx, rsp %#lx)",
				   (unsigned long)r->cr2, (unsigned long)r->rsp);
		panic_regs(r, "double fault (#DF), rip %#lx rsp %#lx", (unsigned long)r->rip,
			   (unsigned long)r->rsp);
	case 13:
		/* A user-copy routine given a non-canonical address faults with
		 * #GP, not #PF (kernel/uaccess.c's range check should make that
		 * impossible; the exception table is the safety net). */
		if (arch_fixup_exception(r))
			return;
		/* fall through */
	case 10: case 11: case 12:
		selector_fault(r, name);
	default:
		panic_regs(r, "%s (vector %u, error %#lx) at rip %#lx", name, vec,
			   (unsigned long)r->error, (unsigned long)r->rip);
	}
}

/* An exception in ring 3, in the portable handler's terms.  Linux's
 * choices of signal: privileged instructions (cli, hlt, in/out, wrmsr,
 * mov to cr3, lgdt...) raise #GP and get SIGSEGV like any protection
 * fault. */
static void user_exception(struct arch_regs *r, unsigned vec, const char *name)
{
	struct trap_info ti = { .kind = TRAP_OTHER, .what = name, .sig = SIGSEGV };
	switch (vec) {
	case 0:                         /* #DE */
		ti.kind = TRAP_ARITHMETIC;
		ti.sig = SIGFPE;
		break;
	case 16: case 19:               /* #MF, #XM */
		ti.kind = TRAP_ARITHMETIC;
		ti.sig = SIGFPE;
		break;
	case 1: case 3:                 /* #DB, #BP */
		ti.kind = TRAP_BREAKPOINT;
		ti.sig = SIGTRAP;
		break;
	case 6:                         /* #UD */
		ti.kind = TRAP_ILLEGAL;
		ti.sig = SIGILL;
		break;
	case 17:                        /* #AC */
		ti.kind = TRAP_ALIGNMENT;
		ti.sig = SIGBUS;
		break;
	case 10: case 11: case 12: case 13:   /* #TS, #NP, #SS, #GP */
		ti.kind = TRAP_PROTECTION;
		break;
	case 14:
		if ((r->error & (PF_USER | PF_PRESENT)) == PF_PRESENT) {
			/* A supervisor-mode access on behalf of user code (QEMU's
			 * TCG reads an iretq frame that way, which SMAP refuses)
			 * to a page that is there: faulting it in again would
			 * change nothing, so it would repeat forever. */
			ti.kind = TRAP_PROTECTION;
			ti.what = "implicit supervisor access to a user page";
			ti.addr = r->cr2;
			break;
		}
		ti.kind = TRAP_PAGE_FAULT;
		ti.what = "page fault";
		ti.addr = r->cr2;
		ti.access = pf_access(r->error);
		ti.present = r->error & PF_PRESENT;
		break;
	default:                        /* #OF, #BR, #NM, #VE, #CP...: SIGSEGV */
		break;
	}
	trap_handle(r, &ti);
}

static void interrupt(struct arch_regs *r, unsigned vec)
{
	if (vec == VEC_TLB) {
		x86_tlb_answer();
		lapic_eoi();
	} else if (vec == VEC_IPI) {
		lapic_eoi();     /* first: ipi_handle may stop this CPU for good */
		ipi_handle();
	} else if (vec == VEC_LAPIC_TIMER) {
		lapic_eoi();
		timer_tick(r);
	} else if (vec >= VEC_ISA_BASE && vec < VEC_ISA_BASE + VEC_ISA_COUNT) {
		kernel_lock();
		ioapic_dispatch(vec - VEC_ISA_BASE);
		lapic_eoi();
		kernel_unlock();
	} else if (vec >= VEC_MSI_BASE && vec < VEC_MSI_BASE + VEC_MSI_COUNT) {
		kernel_lock();
		msi_dispatch(vec - VEC_MSI_BASE);
		lapic_eoi();
		kernel_unlock();
	} else if (vec == VEC_SPURIOUS || (vec >= VEC_PIC_BASE && vec < VEC_PIC_BASE + 16)) {
		/* APIC spurious vector, or a masked 8259's spurious IRQ 7/15:
		 * nothing to acknowledge. */
	} else if (vec == VEC_LAPIC_ERROR) {
		lapic_error();
	} else {
		printk("x86-64: unexpected interrupt on vector %#x\n", vec);
		lapic_eoi();
	}
}

/* Another CPU panicked and stops this one with an NMI (smp.c), which
 * arrives even with interrupts off.  An NMI may strike in ring 0 between
 * the syscall entry and its swapgs (or the exit's swapgs and sysret), with
 * the user's GS: so the per-CPU area is found from the MSRs, not trusted
 * from GS. */
static void nmi_stop_check(void)
{
	uintptr_t gs = rdmsr(MSR_GS_BASE), lo = (uintptr_t)x86_percpus;
	uintptr_t hi = (uintptr_t)(x86_percpus + X86_MAX_CPUS);
	bool kernel_gs = gs >= lo && gs < hi;
	struct x86_percpu *p = kernel_gs ? (struct x86_percpu *)gs
					 : (struct x86_percpu *)rdmsr(MSR_KERNEL_GS_BASE);
	if ((uintptr_t)p < lo || (uintptr_t)p >= hi || !p->core)
		return;
	if (!(__atomic_load_n(&p->core->ipi_pending, __ATOMIC_ACQUIRE) & IPI_STOP))
		return;
	if (kernel_gs)
		ipi_handle();   /* stops here */
	arch_halt();
}

void x86_trap(struct arch_regs *r)
{
	unsigned vec = (unsigned)r->vector;
	const char *name = vec < 32 && exception_names[vec] ? exception_names[vec] : "reserved exception";
	bool user = arch_regs_user_mode(r);
	if (vec == 2)
		nmi_stop_check();
	if (vec >= 32) {
		x86_idle_exit();   /* first: a shootdown deferred while halted */
		interrupt(r, vec);
	}
	else if (vec == 2 || vec == 8 || vec == 18 || !user)
		kernel_exception(r, vec, name);   /* NMI, #DF, #MC: always fatal */
	else
		user_exception(r, vec, name);
	if (user) {
		return_to_user_work(r);
		x86_user_return_check(r);
	}
}

/* iretq to a non-canonical rip faults in ring 0, after the point of no
 * return; sysret would be worse.  Such a frame (a corrupt signal frame, a
 * handler address that is not one) becomes the SIGSEGV the program would
 * have had on Linux, before the return path sees it. */
static __attribute__((noinline)) void fix_noncanonical_return(struct arch_regs *r)
{
	for (int tries = 0; !is_user_canonical(r->rip) && r->rip < KERNEL_HALF_BASE; tries++) {
		struct trap_info ti = {
			.kind = TRAP_PROTECTION, .what = "return to a non-canonical address",
			.addr = r->rip, .sig = SIGSEGV,
		};
		r->vector = 13;
		r->error = 0;
		/* The first time a SIGSEGV handler may take it; if its
		 * address is no better, SIGSEGV blocked means: report, die. */
		if (tries > 0)
			current->sig_blocked |= 1ULL << (SIGSEGV - 1);
		trap_handle(r, &ti);
		return_to_user_work(r);
	}
}

/* Every return to user mode passes here: the usual frame costs one compare
 * (no locals, so no stack-protector work either). */
void x86_user_return_check(struct arch_regs *r)
{
	if (!is_user_canonical(r->rip))
		fix_noncanonical_return(r);
}

/* The exception table (uaccess.S) is short: a linear search. */
bool arch_fixup_exception(struct arch_regs *r)
{
	for (const struct extable_entry *e = __extable_start; e < __extable_end; e++) {
		if (e->insn == r->rip) {
			r->rip = e->fixup;
			return true;
		}
	}
	return false;
}

void arch_print_regs(const struct arch_regs *r)
{
	if (r->vector == (uint64_t)-1)
		printk("Registers (at the panic call, %s):\n", arch_privilege_name());
	else
		printk("Registers (trap vector %lu, error %#lx, ring %lu):\n",
		       (unsigned long)r->vector, (unsigned long)r->error, (unsigned long)(r->cs & 3));
	printk(" RIP %04lx:%016lx  RSP %04lx:%016lx  RFLAGS %08lx\n",
	       (unsigned long)r->cs, (unsigned long)r->rip, (unsigned long)r->ss,
	       (unsigned long)r->rsp, (unsigned long)r->rflags);
	printk(" RAX %016lx  RBX %016lx  RCX %016lx\n", (unsigned long)r->rax,
	       (unsigned long)r->rbx, (unsigned long)r->rcx);
	printk(" RDX %016lx  RSI %016lx  RDI %016lx\n", (unsigned long)r->rdx,
	       (unsigned long)r->rsi, (unsigned long)r->rdi);
	printk(" RBP %016lx  R8  %016lx  R9  %016lx\n", (unsigned long)r->rbp,
	       (unsigned long)r->r8, (unsigned long)r->r9);
	printk(" R10 %016lx  R11 %016lx  R12 %016lx\n", (unsigned long)r->r10,
	       (unsigned long)r->r11, (unsigned long)r->r12);
	printk(" R13 %016lx  R14 %016lx  R15 %016lx\n", (unsigned long)r->r13,
	       (unsigned long)r->r14, (unsigned long)r->r15);
	printk(" CR0 %016lx  CR2 %016lx  CR3 %016lx  CR4 %016lx\n",
	       (unsigned long)read_cr0(), (unsigned long)r->cr2, (unsigned long)r->cr3,
	       (unsigned long)read_cr4());
}

uintptr_t arch_regs_pc(const struct arch_regs *r)
{
	return r->rip;
}

uintptr_t arch_regs_fp(const struct arch_regs *r)
{
	return r->rbp;
}
