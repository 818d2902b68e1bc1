/* ELF64 validation: everything exec must know before it commits, checked
 * against the file's real size.  Values are read with memcpy so a header at
 * any alignment works. */
#include <elf.h>
#include <string.h>
#include <uapi/errno.h>
#include <uapi/elf.h>

#define PAGE 4096ULL

struct ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

static int check_header(const struct ehdr *h, size_t len, uint64_t file_size, uint16_t machine)
{
	static const unsigned char magic[4] = { 0x7f, 'E', 'L', 'F' };
	if (memcmp(h->ident, magic, 4) != 0)
		return -ENOEXEC;
	if (h->ident[4] != 2 || h->ident[5] != 1 || h->ident[6] != 1)   /* 64-bit, LE, v1 */
		return -ENOEXEC;
	if (h->type != ET_EXEC && h->type != ET_DYN)
		return -ENOEXEC;
	if (h->machine != machine || h->version != 1)
		return -ENOEXEC;
	if (h->phentsize != sizeof(struct phdr) || h->phnum == 0 || h->phnum > ELF_MAX_PHNUM)
		return -ENOEXEC;
	uint64_t ph_end = h->phoff + (uint64_t)h->phnum * sizeof(struct phdr);
	if (h->phoff < sizeof(struct ehdr) || ph_end < h->phoff || ph_end > len || ph_end > file_size)
		return -ENOEXEC;
	return 0;
}

static int check_load(const struct phdr *p, uint64_t file_size, uint64_t bias,
		      uint64_t user_base, uint64_t limit)
{
	if (p->filesz > p->memsz || p->memsz == 0)
		return -ENOEXEC;
	if (p->offset + p->filesz < p->offset || p->offset + p->filesz > file_size)
		return -ENOEXEC;
	if ((p->vaddr - p->offset) % PAGE != 0)
		return -ENOEXEC;   /* file and memory must agree within a page */
	uint64_t start = p->vaddr + bias, end = start + p->memsz;
	if (start < p->vaddr || end < start || start < user_base || end > limit)
		return -ENOEXEC;
	return 0;
}

int elf_parse(const void *buf, size_t len, uint64_t file_size, uint16_t machine,
	      uint64_t pie_base, uint64_t user_base, uint64_t limit, struct elf_info *out)
{
	struct ehdr h;
	if (len < sizeof h || file_size < sizeof h)
		return -ENOEXEC;
	memcpy(&h, buf, sizeof h);
	int err = check_header(&h, len, file_size, machine);
	if (err)
		return err;
	memset(out, 0, sizeof *out);
	out->is_pie = h.type == ET_DYN;
	out->phnum = h.phnum;
	uint64_t bias = out->is_pie ? pie_base : 0;
	uint64_t phdr_va = 0;
	out->lo = UINT64_MAX;
	for (unsigned i = 0; i < h.phnum; i++) {
		struct phdr p;
		memcpy(&p, (const char *)buf + h.phoff + i * sizeof p, sizeof p);
		if (p.type == PT_INTERP)
			return -ENOEXEC;   /* no dynamic linker here */
		if (p.type == PT_PHDR)
			phdr_va = p.vaddr + bias;
		if (p.type != PT_LOAD)
			continue;
		if (out->nloads == ELF_MAX_LOADS)
			return -ENOEXEC;
		err = check_load(&p, file_size, bias, user_base, limit);
		if (err)
			return err;
		uint64_t start = p.vaddr + bias;
		/* loads must come in address order and not overlap (a shared
		 * boundary page is allowed: exec merges its permissions) */
		if (out->nloads && start < out->loads[out->nloads - 1].vaddr +
					      out->loads[out->nloads - 1].memsz)
			return -ENOEXEC;
		struct elf_load *l = &out->loads[out->nloads++];
		l->vaddr = start;
		l->memsz = p.memsz;
		l->offset = p.offset;
		l->filesz = p.filesz;
		l->flags = p.flags & (PF_R | PF_W | PF_X);
		if (start < out->lo)
			out->lo = start;
		if (start + p.memsz > out->hi)
			out->hi = start + p.memsz;
		/* the headers are visible if a load maps the file bytes holding them */
		if (!phdr_va && h.phoff >= p.offset && h.phoff + h.phnum * sizeof p <= p.offset + p.filesz)
			phdr_va = start + (h.phoff - p.offset);
	}
	if (out->nloads == 0)
		return -ENOEXEC;
	out->entry = h.entry + bias;
	out->phdr_vaddr = phdr_va;
	for (unsigned i = 0; i < out->nloads; i++) {
		const struct elf_load *l = &out->loads[i];
		if (out->entry >= l->vaddr && out->entry < l->vaddr + l->memsz)
			return (l->flags & PF_X) ? 0 : -ENOEXEC;
	}
	return -ENOEXEC;   /* entry point outside every segment */
}
