/* Host tests of the ELF checker: real executables built for both arches
 * (fixed-address and static-PIE), compared with llvm-readelf's reading, and
 * every kind of malformed file exec must refuse with -ENOEXEC. */
#include <elf.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USER_BASE 0x1000ULL
#define USER_TOP  0x0000800000000000ULL
#define PIE_BASE  0x0000555555554000ULL

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	unsigned char *b = malloc(*len);
	if (fread(b, 1, *len, f) != *len)
		exit(2);
	fclose(f);
	return b;
}

/* The oracle: entry point and LOAD lines from llvm-readelf -hlW output. */
struct oracle {
	unsigned long long entry;
	int nloads;
	unsigned long long off[16], vaddr[16], filesz[16], memsz[16];
};

static void read_oracle(const char *path, struct oracle *o)
{
	FILE *f = fopen(path, "r");
	char line[512];
	memset(o, 0, sizeof *o);
	if (!f) {
		perror(path);
		exit(2);
	}
	while (fgets(line, sizeof line, f)) {
		char *p;
		if ((p = strstr(line, "Entry point address:")))
			o->entry = strtoull(p + 20, NULL, 16);
		unsigned long long off, va, pa, fs, ms;
		if (sscanf(line, " LOAD 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx", &off, &va, &pa, &fs, &ms) == 5) {
			o->off[o->nloads] = off;
			o->vaddr[o->nloads] = va;
			o->filesz[o->nloads] = fs;
			o->memsz[o->nloads] = ms;
			o->nloads++;
		}
	}
	fclose(f);
}

static int parse(const unsigned char *b, size_t len, uint16_t machine, struct elf_info *ei)
{
	return elf_parse(b, len, len, machine, PIE_BASE, USER_BASE, USER_TOP, ei);
}

static void check_real(const char *elf, const char *readelf_out, uint16_t machine, uint16_t other)
{
	size_t len;
	unsigned char *b = slurp(elf, &len);
	struct oracle o;
	read_oracle(readelf_out, &o);
	struct elf_info ei;
	int r = parse(b, len, machine, &ei);
	CHECK(r == 0, "%s: parse failed %d", elf, r);
	if (r == 0) {
		uint64_t bias = ei.is_pie ? PIE_BASE : 0;
		CHECK(ei.entry == o.entry + bias, "%s entry %llx vs %llx", elf,
		      (unsigned long long)ei.entry, o.entry + bias);
		CHECK((int)ei.nloads == o.nloads, "%s loads %u vs %d", elf, ei.nloads, o.nloads);
		for (int i = 0; i < o.nloads && i < (int)ei.nloads; i++) {
			CHECK(ei.loads[i].vaddr == o.vaddr[i] + bias, "%s load %d vaddr", elf, i);
			CHECK(ei.loads[i].offset == o.off[i], "%s load %d offset", elf, i);
			CHECK(ei.loads[i].filesz == o.filesz[i], "%s load %d filesz", elf, i);
			CHECK(ei.loads[i].memsz == o.memsz[i], "%s load %d memsz", elf, i);
		}
		CHECK(ei.phdr_vaddr != 0, "%s: program headers visible", elf);
	}
	CHECK(parse(b, len, other, &ei) == -8, "%s: wrong machine refused", elf);

	/* every truncation that cuts into headers or segment data is refused */
	for (size_t cut = 0; cut < len; cut += (cut < 512 ? 1 : 97)) {
		int rr = elf_parse(b, cut < 4096 ? cut : 4096, cut, machine, PIE_BASE, USER_BASE,
				   USER_TOP, &ei);
		uint64_t need = 0;
		for (int i = 0; i < o.nloads; i++)
			if (o.off[i] + o.filesz[i] > need)
				need = o.off[i] + o.filesz[i];
		if (cut < need)
			CHECK(rr == -8, "%s truncated to %zu accepted", elf, cut);
	}

	/* targeted corruptions of the header and program headers */
	unsigned char *m = malloc(len);
	struct { size_t off; unsigned size; uint64_t val; const char *what; } bad[] = {
		{ 0, 1, 0x7e, "bad magic" }, { 4, 1, 1, "32-bit class" }, { 5, 1, 2, "big-endian" },
		{ 16, 2, 1, "ET_REL" }, { 16, 2, 4, "ET_CORE" }, { 20, 4, 2, "bad version" },
		{ 54, 2, 32, "phentsize 32" }, { 56, 2, 0, "no program headers" },
		{ 56, 2, 65, "too many program headers" }, { 56, 2, 0xffff, "phnum 65535" },
		{ 32, 8, 0xfffffffffffffff0ULL, "phoff wraps" }, { 32, 8, 1 << 30, "phoff past the end" },
		{ 24, 8, 0x10, "entry outside the segments" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memcpy(m, b, len);
		memcpy(m + bad[i].off, &bad[i].val, bad[i].size);
		CHECK(parse(m, len, machine, &ei) == -8, "%s: %s accepted", elf, bad[i].what);
	}
	/* program header fields: the first PT_LOAD */
	uint64_t phoff;
	memcpy(&phoff, b + 32, 8);
	size_t ph = 0;
	for (size_t i = 0;; i++) {
		uint32_t type;
		memcpy(&type, b + phoff + i * 56, 4);
		if (type == 1) {
			ph = phoff + i * 56;
			break;
		}
	}
	struct { size_t off; uint64_t val; const char *what; } badph[] = {
		{ 0, 3, "PT_INTERP" },
		{ 32, 0x7fffffffffffULL, "filesz larger than memsz" },
		{ 16, 0xffff800000000000ULL, "segment in the kernel half" },
		{ 16, 0x00007ffffffff000ULL, "segment running past the user half" },
		{ 8, 0x123, "offset and address disagree within a page" },
		{ 40, 0, "empty segment" },
		{ 8, 0xfffffffffffff000ULL, "offset wraps" },
	};
	for (size_t i = 0; i < sizeof badph / sizeof badph[0]; i++) {
		memcpy(m, b, len);
		if (badph[i].off == 0) {
			uint32_t t = (uint32_t)badph[i].val;
			memcpy(m + ph, &t, 4);
		} else {
			memcpy(m + ph + badph[i].off, &badph[i].val, 8);
		}
		CHECK(parse(m, len, machine, &ei) == -8, "%s: %s accepted", elf, badph[i].what);
	}
	/* random mutations of the first 512 bytes: no crash, no sanitizer report */
	srand(1234);
	for (int round = 0; round < 20000; round++) {
		memcpy(m, b, len);
		for (int k = 0; k < 1 + rand() % 8; k++)
			m[rand() % (len < 512 ? len : 512)] = (unsigned char)rand();
		int rr = parse(m, len, machine, &ei);
		CHECK(rr == 0 || rr == -8, "%s: mutation gave %d", elf, rr);
		if (rr == 0)   /* accepted ones must be self-consistent */
			CHECK(ei.nloads > 0 && ei.lo < ei.hi && ei.hi <= USER_TOP, "%s: bad accept", elf);
	}
	free(m);
	free(b);
}

int main(int argc, char **argv)
{
	/* argv: pairs of (elf, readelf output, machine) */
	for (int i = 1; i + 2 < argc; i += 3) {
		uint16_t machine = (uint16_t)atoi(argv[i + 2]);
		check_real(argv[i], argv[i + 1], machine, machine == 62 ? 183 : 62);
		printf("ok   %s\n", argv[i]);
	}
	CHECK(argc >= 4, "fixtures given");
	return check_finish();
}
