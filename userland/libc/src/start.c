/* Ringel libc: from the entry point (arch/<arch>/crt0.S) to main.
 *
 * A static-PIE binary is loaded at an address the kernel chooses and has no
 * dynamic linker, so it relocates itself first: the linker leaves
 * R_*_RELATIVE entries in .rela.dyn, each asking for "load base + addend" at
 * a place in the image.  Until that is done no pointer in initialised data
 * or in the GOT is right -- including the address of _DYNAMIC itself, which
 * the compiler may fetch from the GOT -- so the relocation code finds
 * everything from the auxiliary vector instead: AT_PHDR is where the program
 * headers are in memory, PT_PHDR (or the first PT_LOAD) where the linker
 * put them, the difference is the load base, and PT_DYNAMIC gives the
 * dynamic section.  A fixed-address binary has no PT_DYNAMIC and skips it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <bits/reloc.h>
#include "internal.h"

#include <uapi/elf.h>         /* PT_, DT_ */

struct dyn {
	long tag;
	unsigned long val;
};
struct rela {
	unsigned long offset, info;
	long addend;
};
struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

char **environ;
unsigned long *__auxv;

/* The stack protector's canary (every function with a local array keeps a
 * copy below its return address and compares on the way out): 0 until
 * start-up sets it from the kernel's AT_RANDOM bytes, with the low byte 0
 * so that a string overflow cannot reproduce it. */
uintptr_t __stack_chk_guard;

_Noreturn void __stack_chk_fail(void);
_Noreturn void __stack_chk_fail(void)
{
	static const char msg[] = "*** stack smashing detected ***: terminated\n";
	write(2, msg, sizeof msg - 1);
	abort();
}

int main(int argc, char **argv, char **envp);

/* No canary in here: until it has run, a PIE reads __stack_chk_guard
 * through an unrelocated GOT. */
__attribute__((no_stack_protector))
static void self_relocate(const unsigned long *auxv)
{
	const struct phdr *ph = NULL;
	unsigned long phnum = 0;
	for (const unsigned long *a = auxv; a[0] != AT_NULL; a += 2) {
		if (a[0] == AT_PHDR)
			ph = (const struct phdr *)a[1];
		else if (a[0] == AT_PHNUM)
			phnum = a[1];
	}
	if (!ph)
		return;
	/* The load base: where the headers are minus where the linker put
	 * them (PT_PHDR, else the first PT_LOAD, which maps the ELF header
	 * and the program headers right after its 64 bytes). */
	uintptr_t base = 0, dyn_vaddr = 0;
	int have_base = 0;
	for (unsigned long i = 0; i < phnum; i++) {
		if (ph[i].type == PT_PHDR) {
			base = (uintptr_t)ph - ph[i].vaddr;
			have_base = 1;
		}
	}
	for (unsigned long i = 0; i < phnum; i++) {
		if (ph[i].type == PT_LOAD && !have_base && ph[i].offset == 0) {
			base = (uintptr_t)ph - 64 - ph[i].vaddr;
			have_base = 1;
		}
		if (ph[i].type == PT_DYNAMIC)
			dyn_vaddr = ph[i].vaddr;
	}
	if (!dyn_vaddr || !have_base)
		return;       /* not position independent: nothing to do */
	unsigned long rela = 0, size = 0, ent = sizeof(struct rela);
	for (const struct dyn *d = (const struct dyn *)(base + dyn_vaddr); d->tag != DT_NULL; d++) {
		if (d->tag == DT_RELA)
			rela = d->val;
		else if (d->tag == DT_RELASZ)
			size = d->val;
		else if (d->tag == DT_RELAENT)
			ent = d->val;
	}
	for (unsigned long off = 0; rela && off + ent <= size; off += ent) {
		const struct rela *r = (const struct rela *)(base + rela + off);
		if ((r->info & 0xffffffff) == __R_RELATIVE)
			*(uintptr_t *)(base + r->offset) = base + r->addend;
	}
}

__attribute__((no_stack_protector))
static void stack_guard_init(const unsigned long *auxv)
{
	for (const unsigned long *a = auxv; a[0] != AT_NULL; a += 2) {
		if (a[0] == AT_RANDOM && a[1]) {
			uintptr_t g;
			__builtin_memcpy(&g, (const void *)a[1], sizeof g);
			__stack_chk_guard = g & ~(uintptr_t)0xff;
		}
	}
}

/* No canary: the guard changes in here (and this never returns). */
__attribute__((no_stack_protector))
_Noreturn void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;
	while (*p)
		p++;
	self_relocate((const unsigned long *)(p + 1));
	stack_guard_init((const unsigned long *)(p + 1));
	environ = envp;
	__auxv = (unsigned long *)(p + 1);
	exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = __auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}
