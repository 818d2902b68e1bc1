/* Signal frames in the Linux arm64 layout, so the handlers of real Linux
 * static binaries (glibc, musl) find what they expect:
 *
 *   frame record {x29, x30}          <- x29 in the handler (16-aligned, top)
 *   struct rt_sigframe {             <- sp in the handler (16-aligned)
 *       siginfo_t info;              <- x1
 *       struct ucontext uc;          <- x2: flags, link, stack, sigmask,
 *   }                                   then mcontext = struct sigcontext:
 *                                       fault_address, x0-x30, sp, pc, pstate,
 *                                       __reserved[4096] holding records:
 *                                       fpsimd_context, then a null record
 *
 * rt_sigreturn finds the frame at the user's sp (the handler returned to
 * the restorer with sp where it was). */
#include <kernel.h>
#include <arch.h>
#include <uapi.h>
#include <proc.h>
#include <uaccess.h>
#include <string.h>
#include "aarch64.h"
#include "sysreg.h"

#define FPSIMD_MAGIC 0x46508001u

struct ctx_head {
	uint32_t magic, size;
};

struct fpsimd_record {
	struct ctx_head head;
	uint32_t fpsr, fpcr;
	uint64_t vregs[64];
};

struct sigcontext64 {
	uint64_t fault_address;
	uint64_t regs[31];
	uint64_t sp, pc, pstate;
	uint64_t pad;                    /* __reserved is 16-aligned */
	/* uint8_t reserved[4096] follows */
};

struct ucontext64 {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct linux_stack_t uc_stack;
	uint64_t uc_sigmask;
	uint8_t sigset_rest[120];        /* glibc's sigset_t is 1024 bits */
	uint64_t pad;                    /* uc_mcontext is 16-aligned */
	struct sigcontext64 mc;
};

/* Everything up to __reserved, written in one piece. */
struct frame_head {
	struct linux_siginfo info;
	struct ucontext64 uc;
};

#define RESERVED_SIZE 4096
#define FRAME_SIZE (sizeof(struct frame_head) + RESERVED_SIZE)

_Static_assert(__builtin_offsetof(struct frame_head, uc) == 128, "rt_sigframe.uc");
_Static_assert(__builtin_offsetof(struct ucontext64, uc_sigmask) == 40, "uc_sigmask");
_Static_assert(__builtin_offsetof(struct ucontext64, mc) == 176, "uc_mcontext");
_Static_assert(sizeof(struct sigcontext64) == 288, "sigcontext.__reserved");
_Static_assert(sizeof(struct fpsimd_record) == 528, "fpsimd_context");
_Static_assert(FRAME_SIZE == 4688 && FRAME_SIZE % 16 == 0, "rt_sigframe");

static bool on_altstack(const struct linux_stack_t *ss, uint64_t sp)
{
	return ss->ss_size && sp - ss->ss_sp < ss->ss_size;
}

static bool fault_signal(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

int arch_signal_push_frame(struct arch_regs *r, int sig, const struct k_sigaction *ka,
			   const struct linux_siginfo *info, uint64_t blocked_mask,
			   uintptr_t restorer)
{
	const struct linux_stack_t *ss = &current->altstack;
	bool alt_usable = ss->ss_size && !(ss->ss_flags & SS_DISABLE);
	uint64_t sp = r->sp;

	if ((ka->flags & SA_ONSTACK) && alt_usable && !on_altstack(ss, sp))
		sp = ss->ss_sp + ss->ss_size;
	uint64_t record = (sp - 16) & ~15ull;
	uint64_t frame = record - FRAME_SIZE;
	if (frame > record)
		return -1;

	struct frame_head h;
	memset(&h, 0, sizeof h);
	h.info = *info;
	h.uc.uc_stack.ss_sp = ss->ss_sp;
	h.uc.uc_stack.ss_size = ss->ss_size;
	h.uc.uc_stack.ss_flags = !alt_usable ? SS_DISABLE : on_altstack(ss, r->sp) ? SS_ONSTACK : 0;
	h.uc.uc_sigmask = blocked_mask;
	h.uc.mc.fault_address = fault_signal(sig) ? info->u.fault.addr : 0;
	memcpy(h.uc.mc.regs, r->x, sizeof h.uc.mc.regs);
	h.uc.mc.sp = r->sp;
	h.uc.mc.pc = r->pc;
	h.uc.mc.pstate = r->pstate;

	struct arch_thread *t = aarch64_live_thread();
	struct fpsimd_record fp;
	aarch64_fpsimd_save(t);
	fp.head.magic = FPSIMD_MAGIC;
	fp.head.size = sizeof fp;
	fp.fpsr = t->fpsr;
	fp.fpcr = t->fpcr;
	memcpy(fp.vregs, t->vregs, sizeof fp.vregs);
	static const struct ctx_head end[2];     /* null record, padded to 16 */

	uint64_t rec[2] = { r->x[29], r->x[30] };
	uint64_t reserved = frame + sizeof h;
	if (copy_to_user(record, rec, sizeof rec) < 0 ||
	    copy_to_user(frame, &h, sizeof h) < 0 ||
	    copy_to_user(reserved, &fp, sizeof fp) < 0 ||
	    copy_to_user(reserved + sizeof fp, end, sizeof end) < 0)
		return -1;

	r->x[0] = (uint64_t)sig;
	r->x[1] = frame + __builtin_offsetof(struct frame_head, info);
	r->x[2] = frame + __builtin_offsetof(struct frame_head, uc);
	r->x[29] = record;
	r->x[30] = restorer;
	r->sp = frame;
	r->pc = ka->handler;
	return 0;
}

/* The fpsimd record among those in __reserved (other kinds are skipped). */
static int find_fpsimd(uint64_t reserved, struct fpsimd_record *fp)
{
	uint64_t off = 0;
	while (off + sizeof(struct ctx_head) <= RESERVED_SIZE) {
		struct ctx_head h;
		if (copy_from_user(&h, reserved + off, sizeof h) < 0 || h.magic == 0)
			return -1;
		if (h.size < sizeof h || h.size % 16 || h.size > RESERVED_SIZE - off)
			return -1;
		if (h.magic == FPSIMD_MAGIC)
			return h.size == sizeof *fp &&
			       copy_from_user(fp, reserved + off, sizeof *fp) == 0 ? 0 : -1;
		off += h.size;
	}
	return -1;
}

int arch_signal_pop_frame(struct arch_regs *r, uint64_t *blocked_mask)
{
	uint64_t frame = r->sp;
	struct frame_head h;
	struct fpsimd_record fp;

	if (frame & 15 || copy_from_user(&h, frame, sizeof h) < 0 ||
	    find_fpsimd(frame + sizeof h, &fp) < 0)
		return -1;
	/* Back to EL0 in AArch64 only; interrupts unmasked; only the flags and
	 * the user-controlled bits survive. */
	uint64_t pstate = h.uc.mc.pstate;
	if ((pstate & PSR_MODE_MASK) != PSR_MODE_EL0T)
		return -1;
	pstate &= PSR_NZCV_MASK | PSR_SSBS | PSR_DIT;

	memcpy(r->x, h.uc.mc.regs, sizeof r->x);
	r->sp = h.uc.mc.sp;
	r->pc = h.uc.mc.pc;
	r->pstate = pstate;
	*blocked_mask = h.uc.uc_sigmask;

	struct arch_thread *t = aarch64_live_thread();
	t->fpsr = fp.fpsr;
	t->fpcr = fp.fpcr;
	memcpy(t->vregs, fp.vregs, sizeof t->vregs);
	aarch64_fpsimd_load(t);
	return 0;
}

/* mov x8, #139 (rt_sigreturn); svc #0 */
static const uint32_t sigreturn_code[] = { 0xd2801168, 0xd4000001 };

const void *arch_sigreturn_code(size_t *len)
{
	*len = sizeof sigreturn_code;
	return sigreturn_code;
}
