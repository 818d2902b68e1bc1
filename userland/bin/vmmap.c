/* vmmap: draw the address space of a process, user half and kernel half,
 * from /proc/PID/maps (the process's regions) and /proc/kmaps (what the
 * kernel has mapped in the half every process shares). */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-v] [PID]\n"
	"Draw the virtual address space of process PID (by default vmmap itself), from\n"
	"the top: the kernel half (kernel image sections, ioremap, kernel stacks, the\n"
	"direct map of RAM), the hole between the halves, then every user region (stack,\n"
	"its guard page, mmap regions, heap, data/bss, text).  Read from /proc/PID/maps\n"
	"and /proc/kmaps, which the kernel writes from its page tables and region lists.\n"
	"  -v  one box per kernel mapping (each stack, RAM range and device)\n";

struct box {
	uint64_t lo, hi;            /* [lo, hi); hi 0 means the top of the address space */
	uint64_t size;              /* bytes mapped inside (a group can have holes) */
	char label[40];
	char perms[5];
	bool gap, hole;
};

static struct box *boxes;
static size_t nboxes, cap;
static bool verbose;
static uint64_t user_top, kernel_half;
static char arch[32] = "?", kpriv[32] = "?", upriv[32] = "?";
static char heap_line[128], tmpfs_line[128];

static struct box *add(uint64_t lo, uint64_t hi, const char *perms, const char *label)
{
	if (nboxes == cap) {
		cap = cap ? cap * 2 : 64;
		if (!(boxes = realloc(boxes, cap * sizeof *boxes)))
			die("out of memory");
	}
	struct box *b = &boxes[nboxes++];
	memset(b, 0, sizeof *b);
	b->lo = lo;
	b->hi = hi;
	b->size = hi - lo;
	snprintf(b->perms, sizeof b->perms, "%s", perms);
	snprintf(b->label, sizeof b->label, "%s", label);
	return b;
}

static void human(uint64_t n, char *buf, size_t size)
{
	static const char *units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
	int u = 0;
	uint64_t whole = n, rem = 0;
	while (whole >= 1024 && u < 6) {
		rem = whole % 1024;
		whole /= 1024;
		u++;
	}
	unsigned tenth = (unsigned)(rem * 10 / 1024);
	if (whole < 10 && tenth && u > 0)
		snprintf(buf, size, "%u.%u %s", (unsigned)whole, tenth, units[u]);
	else
		snprintf(buf, size, "%llu %s", (unsigned long long)whole, units[u]);
}

/* "lo-hi rest": false if the line does not start with a range. */
static bool parse_range(const char *line, uint64_t *lo, uint64_t *hi, const char **rest)
{
	char *end;
	*lo = strtoull(line, &end, 16);
	if (end == line || *end != '-')
		return false;
	const char *p = end + 1;
	*hi = strtoull(p, &end, 16);
	if (end == p)
		return false;
	*rest = end;
	return true;
}

/* The next blank-separated word of *p into buf. */
static void word(const char **p, char *buf, size_t size)
{
	const char *s = *p;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = 0;
	while (s[n] && s[n] != ' ' && s[n] != '\t' && s[n] != '\n')
		n++;
	snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), s);
	*p = s + n;
}

static const char *user_label(const char *name)
{
	static const struct { const char *name, *label; } names[] = {
		{ "text", "text (program code)" }, { "rodata", "rodata (constants)" },
		{ "data", "data + bss (globals)" }, { "[heap]", "heap (brk, malloc)" },
		{ "mmap", "mmap region" }, { "[stack]", "stack (grows down)" },
		{ "[guard]", "stack guard page" }, { "[sigpage]", "sigpage (signal return)" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(name, names[i].name))
			return names[i].label;
	return name;
}

static const char *file_label(const char *perms)
{
	return perms[2] == 'x' ? user_label("text") : perms[1] == 'w' ? user_label("data") : user_label("rodata");
}

static void read_maps(const char *pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%s/maps", pid);
	char *s = read_file(path, NULL);
	if (!s)
		die_errno(path);
	for (char *line = s; *line; ) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		uint64_t lo, hi;
		const char *rest;
		if (parse_range(line, &lo, &hi, &rest)) {
			char perms[8], skip[32], name[64];
			word(&rest, perms, sizeof perms);
			for (int i = 0; i < 3; i++)
				word(&rest, skip, sizeof skip);   /* offset, device, inode */
			word(&rest, name, sizeof name);
			/* the program's own segments are named by its path */
			add(lo, hi, perms, name[0] == '/' ? file_label(perms) : user_label(name));
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	free(s);
}

static const char *kernel_label(const char *kind)
{
	static const struct { const char *kind, *label; } kinds[] = {
		{ "text", "kernel text (code)" }, { "rodata", "kernel rodata" },
		{ "data", "kernel data" }, { "bss", "kernel bss" },
		{ "directmap", "direct map of RAM" }, { "kstack", "kernel stack" },
		{ "ioremap", "ioremap (device regs)" },
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (!strcmp(kind, kinds[i].kind))
			return kinds[i].label;
	return kind;
}

static void read_kmaps(void)
{
	char *s = read_file("/proc/kmaps", NULL);
	if (!s)
		die_errno("/proc/kmaps");
	char v[64];
	uint64_t lo, hi;
	const char *rest;
	text_value(s, "arch", arch, sizeof arch);
	if (text_value(s, "user", v, sizeof v) && parse_range(v, &lo, &hi, &rest))
		user_top = hi;
	if (text_value(s, "kernel_half", v, sizeof v))
		kernel_half = strtoull(v, NULL, 16);
	text_value(s, "heap", heap_line, sizeof heap_line);
	text_value(s, "tmpfs", tmpfs_line, sizeof tmpfs_line);
	struct box *group = NULL;
	char group_kind[16] = "";
	int group_n = 0;
	for (char *line = s; *line; ) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (parse_range(line, &lo, &hi, &rest)) {
			char perms[8], kind[16], detail[64];
			word(&rest, perms, sizeof perms);
			word(&rest, kind, sizeof kind);
			while (*rest == ' ')
				rest++;
			snprintf(detail, sizeof detail, "%s", rest);
			bool groupable = !strcmp(kind, "kstack") || !strcmp(kind, "ioremap") ||
					 !strcmp(kind, "directmap");
			if (!verbose && groupable && group && !strcmp(group_kind, kind) &&
			    !strcmp(group->perms, perms)) {
				/* one box for all the mappings of a kind */
				if (lo < group->lo)
					group->lo = lo;
				if (hi > group->hi)
					group->hi = hi;
				group->size += hi - lo;
				group_n++;
				snprintf(group->label, sizeof group->label, "%s x%d",
					 !strcmp(kind, "kstack") ? "kernel stacks" : kernel_label(kind), group_n);
			} else {
				char label[40];
				if (verbose && !strcmp(kind, "kstack")) {
					/* "pid 3 sh (guard page below)" -> "kstack pid 3 sh" */
					char pidw[8], num[12], name[20];
					const char *d = detail;
					word(&d, pidw, sizeof pidw);
					word(&d, num, sizeof num);
					word(&d, name, sizeof name);
					snprintf(label, sizeof label, "kernel stack: %.6s %.12s", num, name);
				} else if (!strcmp(perms, "---k")) {
					snprintf(label, sizeof label, "%s: unmapped page", kernel_label(kind));
				} else {
					snprintf(label, sizeof label, "%s", kernel_label(kind));
				}
				group = add(lo, hi, perms, label);
				snprintf(group_kind, sizeof group_kind, "%s", kind);
				group_n = 1;
			}
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	free(s);
}

static void read_privilege(void)
{
	char *s = read_file("/proc/privilege", NULL);
	if (!s)
		return;
	text_value(s, "kernel", kpriv, sizeof kpriv);
	text_value(s, "caller", upriv, sizeof upriv);
	free(s);
}

static int by_address_down(const void *a, const void *b)
{
	const struct box *x = a, *y = b;
	return (x->lo < y->lo) - (x->lo > y->lo);
}

/* ---------------------------------------------------------------- drawing */
#define INNER 40

static void edge(uint64_t addr, bool top, char c, const char *note)
{
	char line[INNER + 1];
	memset(line, c, INNER);
	line[INNER] = 0;
	if (top)
		printf("0xffffffffffffffff +%s+ %s\n", line, note);
	else
		printf("0x%016llx +%s+ %s\n", (unsigned long long)addr, line, note);
}

static void content(const struct box *b)
{
	char side = b->gap || b->hole ? ':' : '|';
	char size[16];
	human(b->size, size, sizeof size);
	printf("%18s %c %-25.25s %-4s %7s %c\n", "", side, b->label, b->perms, size, side);
}

static const char *note_at(uint64_t addr)
{
	static char buf[48];
	if (addr == kernel_half) {
		snprintf(buf, sizeof buf, "<- kernel half (%.16s)", kpriv);
		return buf;
	}
	if (addr == user_top)
		return "<- end of the user half";
	return "";
}

int main(int argc, char **argv)
{
	cmd_init("vmmap", text);
	int c;
	while ((c = getopt(argc, argv, "hv")) != -1) {
		if (c == 'v')
			verbose = true;
		else
			usage(c == 'h' ? 0 : 1);
	}
	if (argc - optind > 1)
		usage(1);
	char pid[16];
	if (optind < argc) {
		long n;
		if (!parse_long(argv[optind], &n) || n <= 0)
			die("'%s' is not a process id", argv[optind]);
		snprintf(pid, sizeof pid, "%ld", n);
	} else {
		snprintf(pid, sizeof pid, "%ld", (long)getpid());
	}
	char path[64], *status;
	snprintf(path, sizeof path, "/proc/%s/status", pid);
	if (!(status = read_file(path, NULL)))
		die("no process %s", pid);
	char name[64] = "?";
	if (!strncmp(status, "Name:", 5)) {
		const char *p = status + 5;
		word(&p, name, sizeof name);
	}
	free(status);

	read_kmaps();
	read_privilege();
	read_maps(pid);
	if (!user_top || !kernel_half)
		die("/proc/kmaps does not say where the halves are");
	/* the hole between the halves, and unmapped gaps: boxes of their own */
	struct box *h = add(user_top, kernel_half, "",
			    !strcmp(arch, "AArch64") ? "the hole (untranslated)" : "the hole (non-canonical)");
	h->hole = true;
	qsort(boxes, nboxes, sizeof *boxes, by_address_down);
	size_t n = nboxes;
	uint64_t cursor = 0;   /* 0 = the top of the address space (2^64) */
	for (size_t i = 0; i < n; i++) {
		uint64_t hi = boxes[i].hi;
		if (cursor != hi && (cursor == 0 || cursor > hi)) {
			struct box *g = add(hi, cursor, "", "(nothing mapped)");
			g->gap = true;
			g->size = cursor - hi;   /* wraps right for the top: 2^64 - hi */
		}
		cursor = boxes[i].lo;
	}
	if (cursor > 0) {
		struct box *g = add(0, cursor, "", cursor <= 0x1000 ? "(page 0: never mapped)" : "(nothing mapped)");
		g->gap = true;
	}
	qsort(boxes, nboxes, sizeof *boxes, by_address_down);

	printf("Address space of pid %s (%s) on %s: the kernel half above, the user half below\n", pid,
	       name, arch);
	bool top = true;
	for (size_t i = 0; i < nboxes; i++) {
		struct box *b = &boxes[i];
		bool half_edge = b->hi == kernel_half || b->hi == user_top || b->lo == kernel_half;
		edge(b->hi, top, half_edge || top ? '=' : '-', top ? "top of the address space" : note_at(b->hi));
		content(b);
		top = false;
	}
	edge(0, false, '=', "bottom");

	printf("\nperms: r read, w write, x execute; user regions p private / s shared;\n"
	       "k: kernel-only pages (%s): user code touching them faults.\n",
	       !strcmp(arch, "AArch64") ? "AP[1] = 0 in the page table" : "no U/S bit in the page table");
	printf("A system call runs at %s (the kernel) for a caller at %s (user mode).\n", kpriv, upriv);
	if (heap_line[0])
		printf("kernel heap: %s\n", heap_line);
	if (tmpfs_line[0])
		printf("tmpfs: %s\n", tmpfs_line);
	return fflush(stdout) ? 1 : 0;
}
