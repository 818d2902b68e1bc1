/* ELF64 executables: validation and the facts exec needs (kernel/proc/elf.c).
 * Pure code with no kernel dependencies, tested on the host against
 * readelf and against malformed files. */
#ifndef RINGEL_ELF_H
#define RINGEL_ELF_H
#include <stdint.h>
#include <stddef.h>

#define ELF_MAX_LOADS 16
#define ELF_MAX_PHNUM 64
#include <uapi/elf.h>          /* EM_, PT_, PF_ */

struct elf_load {
	uint64_t vaddr, memsz;      /* where it goes (before the load bias) */
	uint64_t offset, filesz;    /* what of the file fills it */
	uint32_t flags;             /* PF_R | PF_W | PF_X */
};

struct elf_info {
	int is_pie;                 /* ET_DYN: loaded at a bias of our choosing */
	uint64_t entry;
	uint64_t phdr_vaddr;        /* where the program headers are in memory, 0 if not loaded */
	uint16_t phnum;
	uint64_t lo, hi;            /* lowest and highest (end) address of the loads */
	unsigned nloads;
	struct elf_load loads[ELF_MAX_LOADS];
};

/* Check an ELF64 executable whose first 'len' bytes are at 'buf' (the
 * program headers must lie within them) and whose file is file_size bytes.
 * limit: loads must fit below it (the end of the user half, after biasing a
 * PIE by pie_base).  Returns 0 or a negative errno (-ENOEXEC for anything
 * malformed or unsupported: wrong machine, PT_INTERP, overlapping or
 * out-of-range segments, an entry point outside executable code). */
int elf_parse(const void *buf, size_t len, uint64_t file_size, uint16_t machine,
	      uint64_t pie_base, uint64_t user_base, uint64_t limit, struct elf_info *out);
#endif
