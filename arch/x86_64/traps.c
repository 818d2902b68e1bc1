/* The IDT and what happens on an exception: for now every one is fatal and
 * ends in panic_regs() with a message naming it.  Interrupts (vectors 32+)
 * arrive with the local APIC; until then IF stays clear. */
#include <kernel.h>
#include <arch.h>
#include <stddef.h>
#include "x86.h"

_Static_assert(offsetof(struct arch_regs, cr2) == REGS_CR2, "regs layout");
_Static_assert(offsetof(struct arch_regs, cr3) == REGS_CR3, "regs layout");
_Static_assert(offsetof(struct arch_regs, r15) == REGS_R15, "regs layout");
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

static void set_gate(unsigned vec, uint64_t handler, unsigned ist)
{
	idt[vec] = (struct idt_gate){
		.offset_low = handler & 0xffff,
		.selector = SEL_KCODE,
		.ist = ist,
		.type = GATE_INTR_RING0,
		.offset_mid = (handler >> 16) & 0xffff,
		.offset_high = handler >> 32,
	};
}

void idt_init(void)
{
	for (unsigned v = 0; v < 32; v++)
		set_gate(v, x86_exception_stubs[v], 0);
	/* These three may strike when the current stack cannot be trusted. */
	set_gate(2, x86_exception_stubs[2], IST_NMI);
	set_gate(8, x86_exception_stubs[8], IST_DF);
	set_gate(18, x86_exception_stubs[18], IST_MC);
	struct __attribute__((packed)) { uint16_t limit; uint64_t base; } idtr = {
		sizeof idt - 1, (uintptr_t)idt
	};
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

static bool in_stack_guard(uint64_t addr)
{
	uintptr_t g = (uintptr_t)boot_stack_guard;
	return addr >= g && addr < g + PAGE_SIZE;
}

static noreturn void page_fault(struct arch_regs *r)
{
	uint64_t e = r->error;
	const char *hint = "";
	if (in_stack_guard(r->cr2))
		hint = ": kernel stack overflow";
	else if (r->cr2 < PAGE_SIZE)
		hint = ": NULL pointer dereference";
	panic_regs(r, "page fault at %#lx (%s, %s, %s%s%s%s) rip %#lx%s",
		   (unsigned long)r->cr2,
		   (e & (1 << 4)) ? "instruction fetch" : (e & (1 << 1)) ? "write" : "read",
		   (e & (1 << 2)) ? "user" : "kernel",
		   (e & (1 << 0)) ? "protection violation" : "not present",
		   (e & (1 << 3)) ? ", reserved bit set" : "",
		   (e & (1 << 5)) ? ", protection key" : "",
		   (e & (1 << 6)) ? ", shadow stack" : "",
		   (unsigned long)r->rip, hint);
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

void x86_trap(struct arch_regs *r)
{
	unsigned vec = (unsigned)r->vector;
	const char *name = vec < 32 && exception_names[vec] ? exception_names[vec] : "reserved exception";
	switch (vec) {
	case 14:
		page_fault(r);
	case 8:
		/* A fault while delivering a fault.  The usual cause in the
		 * kernel: the stack ran into its guard page, so the #PF frame
		 * could not be pushed (CR2 still names the guard). */
		if (in_stack_guard(r->cr2) || in_stack_guard(r->rsp))
			panic_regs(r, "double fault (#DF): kernel stack overflow (cr2 %#lx, rsp %#lx)",
				   (unsigned long)r->cr2, (unsigned long)r->rsp);
		panic_regs(r, "double fault (#DF), rip %#lx rsp %#lx", (unsigned long)r->rip,
			   (unsigned long)r->rsp);
	case 10: case 11: case 12: case 13:
		selector_fault(r, name);
	default:
		panic_regs(r, "%s (vector %u, error %#lx) at rip %#lx", name, vec,
			   (unsigned long)r->error, (unsigned long)r->rip);
	}
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
