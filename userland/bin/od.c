/* od: dump files in octal, hex, decimal, characters or floating point.
 *
 * Each output line shows BLOCK (16) bytes once per type asked for, the
 * first with the offset in front.  When several types are shown, their
 * fields are widened so that each type's line is as wide as the widest and
 * the columns line up, as GNU od does.  A line equal to the one before is
 * shown as one "*" (unless -v). */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"[-bcdosxv] [-A d|o|x|n] [-t TYPE]... [-j SKIP] [-N COUNT] [FILE...]\n"
	"Dump the FILEs (standard input for - or none), 16 bytes a line (default -t o2).\n"
	"  -A RADIX  offsets in d(ecimal), o(ctal, default), x (hex) or n(one)\n"
	"  -t TYPE   a[named character] c[haracter] d/o/u/x[SIZE] f[SIZE]; SIZE is\n"
	"            1, 2, 4, 8 or C S I L (char, short, int, long); f takes 4, 8, F, D\n"
	"  -j SKIP   skip SKIP bytes first   -N COUNT  dump at most COUNT bytes\n"
	"  -v        show every line (no * for repeated ones)\n"
	"  -b -c -d -o -s -x  the same as -t o1, c, u2, o2, d2, x2\n";

#define BLOCK 16
#define MAX_TYPES 16

struct type {
	char kind;              /* a c d o u x f */
	int size;               /* bytes per field */
	int width;              /* characters of the widest field */
	int pad;                /* extra spaces spread over a line's fields */
};

static struct type types[MAX_TYPES];
static int ntypes;
static char radix = 'o';

static int field_width(char kind, int size)
{
	static const int widths[][4] = {
		/* size 1, 2, 4, 8 */
		['d' - 'a'] = { 4, 6, 11, 20 },
		['o' - 'a'] = { 3, 6, 11, 22 },
		['u' - 'a'] = { 3, 5, 10, 20 },
		['x' - 'a'] = { 2, 4, 8, 16 },
	};
	if (kind == 'a' || kind == 'c')
		return 3;
	if (kind == 'f')
		return size == 4 ? 15 : 24;
	int i = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3;
	return widths[kind - 'a'][i];
}

static void add_type(char kind, int size)
{
	if (ntypes == MAX_TYPES)
		die("too many types");
	types[ntypes++] = (struct type){ kind, size, field_width(kind, size), 0 };
}

/* A -t argument: one or more types in a row ("x1", "cx2", "fD"). */
static void parse_types(const char *s)
{
	while (*s) {
		char kind = *s++;
		if (kind == 'a' || kind == 'c') {
			add_type(kind, 1);
			continue;
		}
		if (!strchr("doux f", kind) || kind == ' ')
			die("invalid type string '%s'", s - 1);
		int size = kind == 'f' ? 8 : 4;
		if (*s >= '0' && *s <= '9') {
			size = (int)strtol(s, (char **)&s, 10);
		} else if (*s && strchr(kind == 'f' ? "FDL" : "CSIL", *s)) {
			char c = *s++;
			size = c == 'C' ? 1 : c == 'S' ? 2 : c == 'I' || c == 'F' ? 4 : 8;
		}
		if (kind == 'f' ? size != 4 && size != 8 : size != 1 && size != 2 && size != 4 && size != 8)
			die("invalid type size %d in '%s'", size, s);
		add_type(kind, size);
	}
}

static const char *const names[33] = {
	"nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl", "vt", "ff", "cr",
	"so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub",
	"esc", "fs", "gs", "rs", "us", "sp",
};

/* One field's text. */
static void format_field(const struct type *t, const unsigned char *p, char *out, size_t size)
{
	uint64_t u = 0;
	for (int i = t->size; i-- > 0;)       /* little-endian, as both machines are */
		u = u << 8 | p[i];
	unsigned char c = p[0];
	switch (t->kind) {
	case 'a':
		c &= 0x7f;
		if (c <= ' ')
			snprintf(out, size, "%s", names[c]);
		else if (c == 0x7f)
			snprintf(out, size, "del");
		else
			snprintf(out, size, "%c", c);
		break;
	case 'c': {
		const char *esc = strchr("\a\b\f\n\r\t\v", c);
		if (c == 0)
			snprintf(out, size, "\\0");
		else if (esc && c)
			snprintf(out, size, "\\%c", "abfnrtv"[esc - "\a\b\f\n\r\t\v"]);
		else if (c >= 0x20 && c < 0x7f)
			snprintf(out, size, "%c", c);
		else
			snprintf(out, size, "%03o", c);
		break;
	}
	case 'd': {
		int64_t v = t->size == 1 ? (int8_t)u : t->size == 2 ? (int16_t)u : t->size == 4 ? (int32_t)u : (int64_t)u;
		snprintf(out, size, "%lld", (long long)v);
		break;
	}
	case 'u': snprintf(out, size, "%llu", (unsigned long long)u); break;
	case 'o': snprintf(out, size, "%0*llo", t->width, (unsigned long long)u); break;
	case 'x': snprintf(out, size, "%0*llx", t->width, (unsigned long long)u); break;
	case 'f': {
		/* the fewest digits that read back as the same number */
		if (t->size == 4) {
			float f;
			memcpy(&f, p, 4);
			for (int prec = f != 0 && (f < __FLT_MIN__ && f > -__FLT_MIN__) ? 1 : __FLT_DIG__; prec <= 9; prec++) {
				snprintf(out, size, "%.*g", prec, (double)f);
				if (strtof(out, NULL) == f)
					break;
			}
		} else {
			double d;
			memcpy(&d, p, 8);
			for (int prec = d != 0 && (d < __DBL_MIN__ && d > -__DBL_MIN__) ? 1 : __DBL_DIG__; prec <= 17; prec++) {
				snprintf(out, size, "%.*g", prec, d);
				if (strtod(out, NULL) == d)
					break;
			}
		}
		break;
	}
	}
}

static void print_offset(long long off)
{
	if (radix == 'o')
		printf("%07llo", off);
	else if (radix == 'd')
		printf("%07lld", off);
	else if (radix == 'x')
		printf("%06llx", off);
}

/* One block of n bytes (the rest of buf zeroed), once per type. */
static void print_block(const unsigned char *buf, int n, long long off)
{
	for (int k = 0; k < ntypes; k++) {
		const struct type *t = &types[k];
		if (k == 0)
			print_offset(off);
		else if (radix != 'n')
			printf("%*s", radix == 'x' ? 6 : 7, "");
		int fields = BLOCK / t->size, shown = (n + t->size - 1) / t->size;
		int pad_left = t->pad;
		for (int i = 0; i < shown; i++) {
			/* the line's extra spaces, spread as evenly as they go */
			int next = t->pad * (fields - i - 1) / fields;
			char text[64];
			format_field(t, buf + i * t->size, text, sizeof text);
			printf("%*s", t->width + 1 + pad_left - next, text);
			pad_left = next;
		}
		putchar('\n');
	}
}

static long long parse_count(const char *s, const char *what)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 0);
	if (*end == 'b')
		v *= 512, end++;
	else if (*end == 'k' || *end == 'K')
		v *= 1024, end++;
	else if (*end == 'm' || *end == 'M')
		v *= 1024 * 1024, end++;
	if (errno || end == s || *end || v < 0)
		die("invalid %s argument '%s'", what, s);
	return v;
}

/* The FILEs as one stream of bytes. */
struct input {
	char **names;
	int n, next, fd;
	const char *name;
	int status;
};

static int read_some(struct input *in, unsigned char *buf, int want)
{
	int got = 0;
	while (got < want) {
		if (in->fd < 0) {
			if (in->next >= (in->n ? in->n : 1))
				break;
			in->name = in->n ? in->names[in->next] : "-";
			in->next++;
			in->fd = open_input(in->name);
			if (in->fd < 0) {
				in->status = 1;
				continue;
			}
		}
		ssize_t r = read(in->fd, buf + got, (size_t)(want - got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r < 0) {
				warn_errno(in->name);
				in->status = 1;
			}
			if (in->fd > 0)
				close(in->fd);
			in->fd = -1;
			continue;
		}
		got += (int)r;
	}
	return got;
}

int main(int argc, char **argv)
{
	cmd_init("od", help);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	long long skip = 0, limit = -1;
	bool all = false;
	int c;
	while ((c = getopt(argc, argv, "A:t:j:N:vbcdosxh")) != -1) {
		switch (c) {
		case 'A':
			if (strlen(optarg) != 1 || !strchr("doxn", optarg[0]))
				die("invalid output address radix '%s'", optarg);
			radix = optarg[0];
			break;
		case 't': parse_types(optarg); break;
		case 'j': skip = parse_count(optarg, "skip"); break;
		case 'N': limit = parse_count(optarg, "count"); break;
		case 'v': all = true; break;
		case 'b': add_type('o', 1); break;
		case 'c': add_type('c', 1); break;
		case 'd': add_type('u', 2); break;
		case 'o': add_type('o', 2); break;
		case 's': add_type('d', 2); break;
		case 'x': add_type('x', 2); break;
		default: usage(c == 'h' ? 0 : 1);
		}
	}
	if (!ntypes)
		add_type('o', 2);
	int widest = 0;
	for (int k = 0; k < ntypes; k++) {
		int w = BLOCK / types[k].size * (types[k].width + 1);
		if (w > widest)
			widest = w;
	}
	for (int k = 0; k < ntypes; k++)
		types[k].pad = widest - BLOCK / types[k].size * (types[k].width + 1);

	struct input in = { argv + optind, argc - optind, 0, -1, NULL, 0 };
	unsigned char buf[BLOCK], prev[BLOCK];
	for (long long left = skip; left > 0;) {           /* -j: read and drop */
		int n = read_some(&in, buf, left < BLOCK ? (int)left : BLOCK);
		if (n == 0)
			die("cannot skip past end of combined input");
		left -= n;
	}
	long long off = skip;
	bool have_prev = false, starred = false;
	for (;;) {
		int want = limit >= 0 && limit - (off - skip) < BLOCK ? (int)(limit - (off - skip)) : BLOCK;
		int n = want > 0 ? read_some(&in, buf, want) : 0;
		if (n == 0)
			break;
		memset(buf + n, 0, (size_t)(BLOCK - n));
		if (!all && have_prev && n == BLOCK && !memcmp(buf, prev, BLOCK)) {
			if (!starred)
				puts("*");
			starred = true;
		} else {
			print_block(buf, n, off);
			starred = false;
		}
		memcpy(prev, buf, BLOCK);
		have_prev = n == BLOCK;
		off += n;
	}
	if (radix != 'n') {
		print_offset(off);
		putchar('\n');
	}
	if (fflush(stdout) != 0)
		die_errno("write error");
	return in.status;
}
