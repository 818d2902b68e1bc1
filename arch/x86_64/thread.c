/* Threads and system calls on x86-64: the FP/SIMD state and TLS bases each
 * thread owns, starting kernel threads, user register frames, the
 * syscall/sysret MSRs and the per-CPU areas the syscall entry needs, and the
 * x86-only arch_prctl system call.
 *
 * FP/SIMD state is switched eagerly: the kernel is built without SSE/x87,
 * so between two thread switches a CPU's FP registers belong to the thread
 * running there alone (its fpu_owner), and arch_thread_switch saves them
 * for prev and loads next's.  A thread that moves to another CPU was saved
 * when it left the first (under the kernel lock, before any other CPU can
 * pick it), so the second loads exactly what it left. */
#include <kernel.h>
#include <arch.h>
#include <proc.h>
#include <uaccess.h>
#include <string.h>
#include "x86.h"

#if __has_include(<syscalls_gen.h>)
#include <syscalls_gen.h>
#else
long sys_arch_prctl(int code, unsigned long addr);
#endif

_Static_assert(offsetof(struct arch_context, rbx) == CTX_RBX, "context layout");
_Static_assert(offsetof(struct arch_context, rbp) == CTX_RBP, "context layout");
_Static_assert(offsetof(struct arch_context, r12) == CTX_R12, "context layout");
_Static_assert(offsetof(struct arch_context, r13) == CTX_R13, "context layout");
_Static_assert(offsetof(struct arch_context, r14) == CTX_R14, "context layout");
_Static_assert(offsetof(struct arch_context, r15) == CTX_R15, "context layout");
_Static_assert(offsetof(struct arch_context, rsp) == CTX_RSP, "context layout");
_Static_assert(offsetof(struct arch_context, rip) == CTX_RIP, "context layout");
_Static_assert(offsetof(struct x86_percpu, kstack_top) == PERCPU_KSTACK, "per-CPU layout");
_Static_assert(offsetof(struct x86_percpu, user_rsp) == PERCPU_USER_RSP, "per-CPU layout");
_Static_assert(offsetof(struct x86_percpu, core) == PERCPU_CORE, "per-CPU layout");
_Static_assert(offsetof(struct x86_percpu, self) == PERCPU_SELF, "per-CPU layout");

/* ---------------------------------------------------------------- FP/SIMD */

/* The FXSAVE image (Intel SDM vol. 1, 10.5.1): the fields we touch. */
#define FX_FCW       0     /* u16 x87 control word */
#define FX_MXCSR     24    /* u32 */
#define FX_MXCSR_MASK 28   /* u32: the MXCSR bits this CPU implements */
#define FCW_DEFAULT   0x037f   /* all x87 exceptions masked, 64-bit precision */
#define MXCSR_DEFAULT 0x1f80   /* all SIMD exceptions masked, round to nearest */

/* What a new program starts with: every register zero, the defaults above. */
static uint8_t fx_clean[512] __attribute__((aligned(16)));
static uint32_t mxcsr_mask = 0xffbf;   /* the architectural default when FXSAVE says 0 */

static void fxsave(void *area)
{
	__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
}

static void fxrstor(const void *area)
{
	__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}

void fpu_init(void)
{
	write_cr0((read_cr0() & ~(uint64_t)(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	__asm__ volatile("fninit");
	static uint8_t probe[512] __attribute__((aligned(16)));
	fxsave(probe);
	uint32_t m;
	memcpy(&m, probe + FX_MXCSR_MASK, 4);
	if (m)
		mxcsr_mask = m;

	memset(fx_clean, 0, sizeof fx_clean);
	uint16_t fcw = FCW_DEFAULT;
	uint32_t mxcsr = MXCSR_DEFAULT;
	memcpy(fx_clean + FX_FCW, &fcw, 2);
	memcpy(fx_clean + FX_MXCSR, &mxcsr, 4);
	fxrstor(fx_clean);
}

/* Another CPU: CR0/CR4 were copied from the boot CPU's (smp.c); start its
 * registers clean, as the boot CPU's. */
void fpu_cpu_init(void)
{
	__asm__ volatile("fninit");
	fxrstor(fx_clean);
}

/* An FXSAVE image from user space (sigreturn): MXCSR bits the CPU does not
 * implement would make fxrstor fault. */
void x86_fpu_sanitize(uint8_t *fx)
{
	uint32_t mxcsr;
	memcpy(&mxcsr, fx + FX_MXCSR, 4);
	mxcsr &= mxcsr_mask;
	memcpy(fx + FX_MXCSR, &mxcsr, 4);
}

/* The running thread's FP state, into / out of a 16-byte aligned image. */
void x86_fpu_save_current(void *fx)
{
	fxsave(fx);
}

void x86_fpu_load_current(const void *fx)
{
	fxrstor(fx ? fx : fx_clean);
}

void arch_thread_init(struct arch_thread *t)
{
	memcpy(t->fxsave, fx_clean, sizeof t->fxsave);
	t->fs_base = 0;
	t->gs_base = 0;
	if (t == this_x86()->fpu_owner) {   /* exec: the running thread's live state too */
		fxrstor(fx_clean);
		wrmsr(MSR_FS_BASE, 0);
		wrmsr(MSR_KERNEL_GS_BASE, 0);
	}
}

void arch_thread_copy(struct arch_thread *dst, const struct arch_thread *src)
{
	if (src == this_x86()->fpu_owner) {
		fxsave(dst->fxsave);
		dst->fs_base = rdmsr(MSR_FS_BASE);
		dst->gs_base = rdmsr(MSR_KERNEL_GS_BASE);
	} else {
		*dst = *src;
	}
}

void arch_clone_args(uintptr_t a3, uintptr_t a4, uintptr_t *ctid, uintptr_t *tls)
{
	*ctid = a3;     /* clone(flags, stack, ptid, ctid, tls) */
	*tls = a4;
}

/* Linux's TASK_SIZE_MAX: the last user page is never handed out. */
#define BASE_LIMIT (USER_TOP - PAGE_SIZE)

int arch_thread_set_tls(struct arch_thread *t, uintptr_t tls)
{
	if (tls >= BASE_LIMIT)
		return -EPERM;   /* a non-canonical base would make wrmsr fault */
	t->fs_base = tls;
	return 0;
}

void arch_thread_switch(struct arch_thread *prev, struct arch_thread *next,
			uintptr_t next_kstack_top)
{
	if (prev && prev != next) {
		fxsave(prev->fxsave);
		prev->fs_base = rdmsr(MSR_FS_BASE);
		prev->gs_base = rdmsr(MSR_KERNEL_GS_BASE);   /* the user's, while in the kernel */
	}
	fxrstor(next->fxsave);
	wrmsr(MSR_FS_BASE, next->fs_base);
	wrmsr(MSR_KERNEL_GS_BASE, next->gs_base);
	struct x86_percpu *cpu = this_x86();
	cpu->fpu_owner = next;
	/* Traps (this CPU's TSS) and system calls (its per-CPU area) from
	 * next's user mode build their frame at the top of next's kernel
	 * stack. */
	tss_set_rsp0(next_kstack_top);
	cpu->kstack_top = next_kstack_top;
}

/* ---------------------------------------------------------------- kernel threads */

void x86_thread_start(void);   /* switch.S */

void arch_context_init(struct arch_context *c, uintptr_t stack_top,
		       void (*fn)(void *), void *arg)
{
	memset(c, 0, sizeof *c);
	c->rsp = ALIGN_DOWN(stack_top, 16);
	c->rip = (uintptr_t)x86_thread_start;
	c->r12 = (uintptr_t)fn;
	c->r13 = (uintptr_t)arg;
}

/* ---------------------------------------------------------------- user registers */

void arch_regs_init_user(struct arch_regs *r, uintptr_t entry, uintptr_t sp)
{
	memset(r, 0, sizeof *r);
	r->rip = entry;
	r->rsp = sp;
	r->cs = USER_CS;
	r->ss = USER_SS;
	r->rflags = RFLAGS_IF | RFLAGS_FIXED;
}

void arch_regs_set_sp(struct arch_regs *r, uintptr_t sp)
{
	r->rsp = sp;
}

bool arch_regs_user_mode(const struct arch_regs *r)
{
	return (r->cs & 3) == 3;
}

/* The CPL is the low two bits of the saved CS selector. */
const char *arch_regs_privilege_name(const struct arch_regs *r)
{
	static const char *const rings[] = { "ring 0", "ring 1", "ring 2", "ring 3" };
	return rings[r->cs & 3];
}

/* ---------------------------------------------------------------- syscall entry */

struct x86_percpu x86_percpus[X86_MAX_CPUS];

/* Flags syscall clears on entry: interrupts stay off in the kernel, string
 * instructions go up, no single-stepping, no SMAP window, IOPL/NT cleared. */
#define SYSCALL_FMASK (RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | RFLAGS_IOPL | RFLAGS_NT | RFLAGS_AC)

void syscall_init(unsigned cpu)
{
	/* GS: this CPU's per-CPU area now, the user's base (0) swapped in
	 * on every entry to user mode. */
	struct x86_percpu *p = &x86_percpus[cpu];
	p->self = p;
	p->index = cpu;
	wrmsr(MSR_GS_BASE, (uintptr_t)p);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	/* syscall loads CS = STAR[47:32], SS = that + 8 (kernel code, kernel
	 * data); sysretq loads CS = STAR[63:48] + 16, SS = STAR[63:48] + 8,
	 * both with RPL 3: user code at 0x28, user data at 0x20 (gdt.c). */
	wrmsr(MSR_STAR, ((uint64_t)(SEL_UCODE32 | 3) << 48) | ((uint64_t)SEL_KCODE << 32));
	wrmsr(MSR_LSTAR, (uintptr_t)x86_syscall_entry);
	wrmsr(MSR_FMASK, SYSCALL_FMASK);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

_Static_assert(SEL_UCODE32 + 8 == SEL_UDATA && SEL_UCODE32 + 16 == SEL_UCODE,
	       "sysret needs user data at STAR[63:48] + 8 and 64-bit user code at + 16");
_Static_assert(SEL_KCODE + 8 == SEL_KDATA, "syscall needs kernel data right after kernel code");

/* ---------------------------------------------------------------- arch_prctl */

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

long sys_arch_prctl(int code, unsigned long addr)
{
	struct arch_thread *t = &current->th;
	uint64_t v;
	switch (code) {
	case ARCH_SET_FS:
		if (addr >= BASE_LIMIT)
			return -EPERM;
		t->fs_base = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_SET_GS:
		if (addr >= BASE_LIMIT)
			return -EPERM;
		t->gs_base = addr;
		wrmsr(MSR_KERNEL_GS_BASE, addr);   /* swapgs makes it GS on the way out */
		return 0;
	case ARCH_GET_FS:
		v = rdmsr(MSR_FS_BASE);
		return copy_to_user(addr, &v, sizeof v);
	case ARCH_GET_GS:
		v = rdmsr(MSR_KERNEL_GS_BASE);
		return copy_to_user(addr, &v, sizeof v);
	default:
		return -EINVAL;
	}
}
