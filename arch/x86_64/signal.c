/* Signal frames, laid out as Linux lays out x86-64's rt_sigframe, so
 * handlers in real Linux static binaries (glibc, musl) find their siginfo
 * and ucontext where they expect them and return through their own
 * restorer (SA_RESTORER) or ours.
 *
 * On the user stack, from the handler's rsp upwards:
 *     pretcode                  the restorer: the handler's return address
 *     struct ucontext           flags, link, sigaltstack, sigcontext, mask
 *     siginfo                   128 bytes
 *     ... padding ...
 *     FXSAVE image              512 bytes, 64-byte aligned (sigcontext.fpstate)
 *     (128-byte red zone of the interrupted code, unless on the alt stack)
 * rsp is 16-byte aligned minus 8, as right after a call.  rt_sigreturn
 * (arch_sigreturn_code: mov $15, %eax; syscall) runs with rsp just above
 * pretcode, and arch_signal_pop_frame takes everything back from there,
 * trusting none of it. */
#include <kernel.h>
#include <arch.h>
#include <proc.h>
#include <uaccess.h>
#include <string.h>
#include "x86.h"

struct sigcontext64 {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;               /* user address of the FXSAVE image, 0 = none */
	uint64_t reserved1[8];
};

struct ucontext64 {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct linux_stack_t uc_stack;
	struct sigcontext64 uc_mcontext;
	uint64_t uc_sigmask;
};

struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext64 uc;
	struct linux_siginfo info;
};

_Static_assert(sizeof(struct sigcontext64) == 256, "Linux x86-64 sigcontext is 256 bytes");
_Static_assert(offsetof(struct sigcontext64, cs) == 144 && offsetof(struct sigcontext64, err) == 152 &&
	       offsetof(struct sigcontext64, fpstate) == 184, "sigcontext layout");
_Static_assert(offsetof(struct ucontext64, uc_mcontext) == 40 &&
	       offsetof(struct ucontext64, uc_sigmask) == 296, "ucontext layout");
_Static_assert(offsetof(struct rt_sigframe, uc) == 8 && offsetof(struct rt_sigframe, info) == 312,
	       "rt_sigframe layout");

#define UC_SIGCONTEXT_SS     0x2   /* sigcontext.ss is meaningful */
#define UC_STRICT_RESTORE_SS 0x4   /* ...and is restored as saved */
#define RED_ZONE 128
#define FX_SIZE 512

static bool on_altstack(const struct linux_stack_t *as, uint64_t sp)
{
	return as->ss_size && sp > as->ss_sp && sp - as->ss_sp <= as->ss_size;
}

static void save_regs(struct sigcontext64 *sc, const struct arch_regs *r)
{
	sc->r8 = r->r8;   sc->r9 = r->r9;   sc->r10 = r->r10; sc->r11 = r->r11;
	sc->r12 = r->r12; sc->r13 = r->r13; sc->r14 = r->r14; sc->r15 = r->r15;
	sc->rdi = r->rdi; sc->rsi = r->rsi; sc->rbp = r->rbp; sc->rbx = r->rbx;
	sc->rdx = r->rdx; sc->rax = r->rax; sc->rcx = r->rcx; sc->rsp = r->rsp;
	sc->rip = r->rip;
	sc->eflags = r->rflags;
	sc->cs = USER_CS;
	sc->ss = USER_SS;
	if (r->vector < 32) {           /* a fault: what and where */
		sc->trapno = r->vector;
		sc->err = r->error;
		if (r->vector == 14)
			sc->cr2 = r->cr2;
	}
}

int arch_signal_push_frame(struct arch_regs *r, int sig, const struct k_sigaction *ka,
			   const struct linux_siginfo *info, uint64_t blocked_mask,
			   uintptr_t restorer)
{
	const struct linux_stack_t *as = &current->altstack;
	bool was_on_alt = on_altstack(as, r->rsp);
	uint64_t sp = r->rsp;
	if ((ka->flags & SA_ONSTACK) && !was_on_alt && as->ss_size && !(as->ss_flags & SS_DISABLE))
		sp = as->ss_sp + as->ss_size;
	else
		sp -= RED_ZONE;
	uint64_t fx_user = ALIGN_DOWN(sp - FX_SIZE, 64);
	uint64_t frame = ALIGN_DOWN(fx_user - sizeof(struct rt_sigframe), 16) - 8;
	if (frame > sp)
		return -1;                  /* wrapped below address 0 */

	struct rt_sigframe f;
	memset(&f, 0, sizeof f);
	f.pretcode = restorer;
	f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	f.uc.uc_stack.ss_sp = as->ss_sp;
	f.uc.uc_stack.ss_size = as->ss_size;
	f.uc.uc_stack.ss_flags = !as->ss_size ? SS_DISABLE : was_on_alt ? SS_ONSTACK : 0;
	save_regs(&f.uc.uc_mcontext, r);
	f.uc.uc_mcontext.oldmask = blocked_mask;
	f.uc.uc_mcontext.fpstate = fx_user;
	f.uc.uc_sigmask = blocked_mask;
	f.info = *info;

	/* The FP registers are still the interrupted code's (the kernel does
	 * not touch them).  FXSAVE leaves bytes 464-511 alone: zero first. */
	uint8_t fx[FX_SIZE] __attribute__((aligned(16)));
	memset(fx, 0, sizeof fx);
	x86_fpu_save_current(fx);
	if (copy_to_user(fx_user, fx, sizeof fx) < 0 || copy_to_user(frame, &f, sizeof f) < 0)
		return -1;

	/* handler(sig, &info, &uc), returning to pretcode */
	r->rdi = (uint64_t)sig;
	r->rsi = frame + offsetof(struct rt_sigframe, info);
	r->rdx = frame + offsetof(struct rt_sigframe, uc);
	r->rax = 0;
	r->rsp = frame;
	r->rip = ka->handler;
	r->cs = USER_CS;
	r->ss = USER_SS;
	r->rflags &= ~(uint64_t)(RFLAGS_TF | RFLAGS_DF | RFLAGS_RF);
	/* The handler starts with a clean FP state (Linux does the same). */
	x86_fpu_load_current(NULL);
	return 0;
}

int arch_signal_pop_frame(struct arch_regs *r, uint64_t *blocked_mask)
{
	/* The handler's ret popped pretcode: the frame starts 8 below rsp. */
	uint64_t frame = r->rsp - 8;
	struct rt_sigframe f;
	if (copy_from_user(&f, frame, sizeof f) < 0)
		return -1;
	const struct sigcontext64 *sc = &f.uc.uc_mcontext;
	if (!is_user_canonical(sc->rip))
		return -1;

	uint8_t fx[FX_SIZE] __attribute__((aligned(16)));
	if (sc->fpstate) {
		if (copy_from_user(fx, sc->fpstate, sizeof fx) < 0)
			return -1;
		x86_fpu_sanitize(fx);
	}

	r->r8 = sc->r8;   r->r9 = sc->r9;   r->r10 = sc->r10; r->r11 = sc->r11;
	r->r12 = sc->r12; r->r13 = sc->r13; r->r14 = sc->r14; r->r15 = sc->r15;
	r->rdi = sc->rdi; r->rsi = sc->rsi; r->rbp = sc->rbp; r->rbx = sc->rbx;
	r->rdx = sc->rdx; r->rax = sc->rax; r->rcx = sc->rcx; r->rsp = sc->rsp;
	r->rip = sc->rip;
	/* Only what user mode could set itself: never IOPL, never IF off. */
	r->rflags = (sc->eflags & RFLAGS_USER) | RFLAGS_IF | RFLAGS_FIXED;
	r->cs = USER_CS;
	r->ss = USER_SS;
	x86_fpu_load_current(sc->fpstate ? fx : NULL);
	*blocked_mask = f.uc.uc_sigmask;
	return 0;
}

/* mov $15, %eax (rt_sigreturn); syscall */
static const uint8_t sigreturn_code[] = { 0xb8, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05 };

const void *arch_sigreturn_code(size_t *len)
{
	*len = sizeof sigreturn_code;
	return sigreturn_code;
}
