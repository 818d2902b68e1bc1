/* diff: the lines that differ between two files, in the normal or the
 * unified form (what patch reads).
 *
 * The edit script is Myers' O(ND) shortest edit script with his
 * linear-space refinement: find the middle snake of the best path by
 * searching from both ends at once, then solve the two halves the same
 * way.  Memory: the two files' lines and two vectors of N + M + 2 numbers,
 * whatever the number of differences.  Lines are numbered by their text
 * first (a hash table), so comparing two lines is comparing two numbers.
 * A last line without a newline is a different line from the same text
 * with one, as in GNU diff. */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"[-q] [-u | -U N] FILE1 FILE2\n"
	"Show how FILE2 differs from FILE1 (- is standard input), line by line.\n"
	"  -u    unified output with 3 lines of context   -U N  with N lines\n"
	"  -q    only say whether they differ\n"
	"Exit status: 0 the same, 1 different, 2 trouble.\n";

struct file {
	const char *name;
	char *text;
	size_t size;
	char **line;            /* each line's start */
	size_t *len;            /* with its '\n' if it has one */
	int *id;                /* equal lines, equal ids */
	bool *changed;          /* not in the common subsequence */
	int n;
	struct stat st;
};

static struct file f[2];
static int *vf, *vb;            /* Myers' V vectors, indexed by diagonal + offset */
static int voff;

static bool load(struct file *fl)
{
	int fd = open_input(fl->name);
	if (fd < 0)
		return false;
	if (fstat(fd, &fl->st) < 0)
		memset(&fl->st, 0, sizeof fl->st);
	if (S_ISDIR(fl->st.st_mode)) {
		warn("%s: Is a directory", fl->name);
		return false;
	}
	size_t cap = 65536;
	fl->text = malloc(cap);
	for (;;) {
		if (!fl->text)
			die("out of memory");
		if (fl->size == cap && !(fl->text = realloc(fl->text, cap *= 2)))
			die("out of memory");
		ssize_t r = read(fd, fl->text + fl->size, cap - fl->size);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			warn_errno(fl->name);
			return false;
		}
		if (r == 0)
			break;
		fl->size += (size_t)r;
	}
	if (fd > 0)
		close(fd);
	int lines = 0;
	for (size_t i = 0; i < fl->size; i++)
		lines += fl->text[i] == '\n';
	lines += fl->size && fl->text[fl->size - 1] != '\n';
	fl->line = malloc(((size_t)lines + 1) * sizeof *fl->line);
	fl->len = malloc(((size_t)lines + 1) * sizeof *fl->len);
	fl->id = malloc(((size_t)lines + 1) * sizeof *fl->id);
	fl->changed = calloc((size_t)lines + 1, 1);
	if (!fl->line || !fl->len || !fl->id || !fl->changed)
		die("out of memory");
	size_t start = 0;
	for (int k = 0; k < lines; k++) {
		const char *nl = memchr(fl->text + start, '\n', fl->size - start);
		size_t end = nl ? (size_t)(nl - fl->text) + 1 : fl->size;
		fl->line[k] = fl->text + start;
		fl->len[k] = end - start;
		start = end;
	}
	fl->n = lines;
	return true;
}

/* Number the lines of both files: the same text, the same id. */
static void number_lines(void)
{
	size_t total = (size_t)f[0].n + (size_t)f[1].n, size = 16;
	while (size < total * 2)
		size *= 2;
	struct slot {
		const char *s;
		size_t len;
		int id;
	} *table = calloc(size, sizeof *table);
	if (!table)
		die("out of memory");
	int next = 1;
	for (int w = 0; w < 2; w++) {
		for (int k = 0; k < f[w].n; k++) {
			const char *s = f[w].line[k];
			size_t len = f[w].len[k];
			uint64_t h = 14695981039346656037ull;        /* FNV-1a */
			for (size_t i = 0; i < len; i++)
				h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
			size_t i = (size_t)h & (size - 1);
			while (table[i].s && !(table[i].len == len && !memcmp(table[i].s, s, len)))
				i = (i + 1) & (size - 1);
			if (!table[i].s)
				table[i] = (struct slot){ s, len, next++ };
			f[w].id[k] = table[i].id;
		}
	}
	free(table);
}

/* The middle snake of A[a0..a1) against B[b0..b1) (both non-empty, their
 * first and last lines different): a point (*mx, *my) on a shortest edit
 * path, strictly inside it, so both halves are smaller problems. */
static void middle(int a0, int a1, int b0, int b1, int *mx, int *my)
{
	const int *A = f[0].id + a0, *B = f[1].id + b0;
	int n = a1 - a0, m = b1 - b0, delta = n - m;
	bool odd = delta & 1;
	int *F = vf + voff, *R = vb + voff;
	F[1] = 0;
	R[1] = 0;
	for (int d = 0; d <= (n + m + 1) / 2; d++) {
		/* preemption point: d grows with the differences */
		for (int k = -d; k <= d; k += 2) {
			int x = k == -d || (k != d && F[k - 1] < F[k + 1]) ? F[k + 1] : F[k - 1] + 1;
			int y = x - k;
			while (x < n && y < m && A[x] == B[y])
				x++, y++;
			F[k] = x;
			int rk = delta - k;                 /* the same diagonal, seen from the end */
			if (odd && rk >= -(d - 1) && rk <= d - 1 && F[k] + R[rk] >= n) {
				*mx = a0 + x;
				*my = b0 + y;
				return;
			}
		}
		for (int k = -d; k <= d; k += 2) {
			int x = k == -d || (k != d && R[k - 1] < R[k + 1]) ? R[k + 1] : R[k - 1] + 1;
			int y = x - k;
			while (x < n && y < m && A[n - 1 - x] == B[m - 1 - y])
				x++, y++;
			R[k] = x;
			int fk = delta - k;
			if (!odd && fk >= -d && fk <= d && R[k] + F[fk] >= n) {
				*mx = a0 + n - x;
				*my = b0 + m - y;
				return;
			}
		}
	}
	*mx = a0 + n / 2;       /* not reached: the searches always meet */
	*my = b0 + m / 2;
}

static void compare(int a0, int a1, int b0, int b1)
{
	const int *A = f[0].id, *B = f[1].id;
	while (a0 < a1 && b0 < b1 && A[a0] == B[b0])
		a0++, b0++;
	while (a0 < a1 && b0 < b1 && A[a1 - 1] == B[b1 - 1])
		a1--, b1--;
	if (a0 == a1 || b0 == b1) {
		for (int i = a0; i < a1; i++)
			f[0].changed[i] = true;
		for (int j = b0; j < b1; j++)
			f[1].changed[j] = true;
		return;
	}
	int x, y;
	middle(a0, a1, b0, b1, &x, &y);
	compare(a0, x, b0, y);
	compare(x, a1, y, b1);
}

/* A change: A's lines [a0, a1) become B's [b0, b1). */
struct change {
	int a0, a1, b0, b1;
};

static struct change *changes;
static int nchanges;

static void collect(void)
{
	changes = malloc(((size_t)f[0].n + (size_t)f[1].n + 1) * sizeof *changes);
	if (!changes)
		die("out of memory");
	int i = 0, j = 0;
	while (i < f[0].n || j < f[1].n) {
		if (i < f[0].n && j < f[1].n && !f[0].changed[i] && !f[1].changed[j]) {
			i++, j++;
			continue;
		}
		struct change c = { i, i, j, j };
		while (i < f[0].n && f[0].changed[i])
			i++;
		while (j < f[1].n && f[1].changed[j])
			j++;
		c.a1 = i;
		c.b1 = j;
		changes[nchanges++] = c;
	}
}

static void put_line(char mark, const struct file *fl, int k, const char *space)
{
	printf("%c%s", mark, space);
	const char *s = fl->line[k];
	size_t len = fl->len[k];
	fwrite(s, 1, len, stdout);
	if (!len || s[len - 1] != '\n')
		printf("\n\\ No newline at end of file\n");
}

static void normal_range(int from, int to)        /* lines from..to, 1-based */
{
	if (from == to)
		printf("%d", from);
	else
		printf("%d,%d", from, to);
}

static void print_normal(void)
{
	for (int c = 0; c < nchanges; c++) {
		const struct change *ch = &changes[c];
		if (ch->a0 == ch->a1) {
			printf("%da", ch->a0);
			normal_range(ch->b0 + 1, ch->b1);
		} else if (ch->b0 == ch->b1) {
			normal_range(ch->a0 + 1, ch->a1);
			printf("d%d", ch->b0);
		} else {
			normal_range(ch->a0 + 1, ch->a1);
			putchar('c');
			normal_range(ch->b0 + 1, ch->b1);
		}
		putchar('\n');
		for (int i = ch->a0; i < ch->a1; i++)
			put_line('<', &f[0], i, " ");
		if (ch->a0 != ch->a1 && ch->b0 != ch->b1)
			puts("---");
		for (int j = ch->b0; j < ch->b1; j++)
			put_line('>', &f[1], j, " ");
	}
}

static void header(const char *mark, const struct file *fl)
{
	time_t t = fl->st.st_mtime;
	struct tm tm;
	gmtime_r(&t, &tm);
	printf("%s %s\t%04d-%02d-%02d %02d:%02d:%02d.%09ld +0000\n", mark, fl->name, tm.tm_year + 1900,
	       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (long)fl->st.st_mtim.tv_nsec);
}

static void unified_range(int start, int count)  /* start: 0-based first line */
{
	if (count == 1)
		printf("%d", start + 1);
	else if (count == 0)
		printf("%d,0", start);
	else
		printf("%d,%d", start + 1, count);
}

static void print_unified(int context)
{
	header("---", &f[0]);
	header("+++", &f[1]);
	for (int c = 0; c < nchanges;) {
		/* the changes whose contexts touch make one hunk */
		int last = c;
		while (last + 1 < nchanges && changes[last + 1].a0 - changes[last].a1 <= 2 * context)
			last++;
		int a0 = changes[c].a0 - context < 0 ? 0 : changes[c].a0 - context;
		int lead = changes[c].a0 - a0;
		int a1 = changes[last].a1 + context > f[0].n ? f[0].n : changes[last].a1 + context;
		int trail = a1 - changes[last].a1;
		int b0 = changes[c].b0 - lead, b1 = changes[last].b1 + trail;
		printf("@@ -");
		unified_range(a0, a1 - a0);
		printf(" +");
		unified_range(b0, b1 - b0);
		printf(" @@\n");
		int i = a0;
		for (int k = c; k <= last; k++) {
			const struct change *ch = &changes[k];
			for (; i < ch->a0; i++)
				put_line(' ', &f[0], i, "");
			for (; i < ch->a1; i++)
				put_line('-', &f[0], i, "");
			for (int j = ch->b0; j < ch->b1; j++)
				put_line('+', &f[1], j, "");
		}
		for (; i < a1; i++)
			put_line(' ', &f[0], i, "");
		c = last + 1;
	}
}

static bool binary(const struct file *fl)
{
	size_t n = fl->size < 32768 ? fl->size : 32768;
	return memchr(fl->text, 0, n) != NULL;
}

int main(int argc, char **argv)
{
	cmd_init("diff", help);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	bool quiet = false;
	int context = -1, c;
	while ((c = getopt(argc, argv, "quU:h")) != -1) {
		switch (c) {
		case 'q': quiet = true; break;
		case 'u': context = 3; break;
		case 'U': {
			long v;
			if (!parse_long(optarg, &v) || v < 0 || v > 1000000)
				die("invalid context length '%s'", optarg);
			context = (int)v;
			break;
		}
		default:
			if (c == 'h')
				usage(0);
			fprintf(stderr, "usage: diff %s", help);
			return 2;
		}
	}
	if (argc - optind != 2) {
		warn(argc - optind < 2 ? "missing operand" : "extra operand '%s'", argv[argc - 1]);
		return 2;
	}
	f[0].name = argv[optind];
	f[1].name = argv[optind + 1];
	if (!load(&f[0]) || !load(&f[1]))
		return 2;
	bool same = f[0].size == f[1].size && !memcmp(f[0].text, f[1].text, f[0].size);
	if (same)
		return 0;
	if (quiet || binary(&f[0]) || binary(&f[1])) {
		printf("%s %s and %s differ\n", quiet ? "Files" : "Binary files", f[0].name, f[1].name);
		fflush(stdout);
		return 1;
	}
	number_lines();
	int diagonals = f[0].n + f[1].n + 3;
	vf = malloc(2 * (size_t)diagonals * sizeof *vf);
	vb = malloc(2 * (size_t)diagonals * sizeof *vb);
	if (!vf || !vb)
		die("out of memory");
	voff = diagonals;
	compare(0, f[0].n, 0, f[1].n);
	collect();
	if (context >= 0)
		print_unified(context);
	else
		print_normal();
	if (fflush(stdout) != 0)
		die_errno("write error");
	return 1;
}
