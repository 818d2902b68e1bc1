/* Ringel libc: from the entry point (arch/<arch>/crt0.S) to main.
 *
 * A static-PIE binary is loaded at an address the kernel chooses and has no
 * dynamic linker, so it relocates itself first: the linker leaves
 * R_*_RELATIVE entries in .rela.dyn, each asking for "load base + addend" at
 * a place in the image.  A fixed-address binary has no _DYNAMIC and skips
 * this.  Nothing before the loop may read a pointer from initialised data. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <bits/reloc.h>
#include "internal.h"

#define DT_NULL 0
#define DT_RELA 7
#define DT_RELASZ 8
#define DT_RELAENT 9

struct dyn {
	long tag;
	unsigned long val;
};
struct rela {
	unsigned long offset, info;
	long addend;
};

extern const char __ehdr_start[] __attribute__((weak, visibility("hidden")));
extern const struct dyn _DYNAMIC[] __attribute__((weak, visibility("hidden")));

char **environ;
unsigned long *__auxv;

int main(int argc, char **argv, char **envp);

static void self_relocate(void)
{
	const struct dyn *d = _DYNAMIC;
	if (!d)
		return;
	/* A PIE is linked at 0, so the ELF header's address is the load base. */
	uintptr_t base = (uintptr_t)__ehdr_start;
	unsigned long rela = 0, size = 0, ent = sizeof(struct rela);
	for (; d->tag != DT_NULL; d++) {
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

_Noreturn void __libc_start(long *sp)
{
	self_relocate();
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;
	while (*p)
		p++;
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
