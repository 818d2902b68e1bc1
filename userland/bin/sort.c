/* sort: sort, merge or check lines (POSIX, in the C locale).
 *
 * Lines are compared key by key (-k), each key a stretch of the line
 * between two positions, compared with its own options or the global ones;
 * lines equal on every key are then compared byte by byte as a last resort
 * (not with -s or -u).  Without -k the whole line is the one key. */
#include "common.h"
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-bcdfimnrsu] [-k POS1[,POS2]]... [-t C] [-o FILE] [FILE...]\n"
	"Write the lines of all FILEs (standard input for - or none), sorted.\n"
	"  -k POS1[,POS2]  a key from POS1 to POS2 (the end of the line without it);\n"
	"                  POS is F[.C][OPTS]: field F, character C (POS2's .0 or none: the\n"
	"                  field's end), OPTS some of b d f i n r for this key alone\n"
	"  -t C  fields are separated by C (default: each field is its blanks and a word)\n"
	"  -b  ignore leading blanks   -d  only blanks and letters and digits count\n"
	"  -f  fold lower case to upper   -i  only printable characters count\n"
	"  -n  by the number at the key's start   -r  reverse the order\n"
	"  -s  stable: no last-resort comparison   -u  only the first of equal lines\n"
	"  -c  check that the input is sorted (status 1 and a message if not)\n"
	"  -m  merge files that are already sorted   -o FILE  write to FILE\n";

enum { F_B = 1, F_D = 2, F_F = 4, F_I = 8, F_N = 16, F_R = 32, F_EB = 64 };

struct key {
	long sf, sc, ef, ec;    /* start field/char (1-based), end field/char (0: field's end; ef 0: line's end) */
	unsigned flags;         /* F_B: skip blanks at the start, F_EB: at the end position's field */
};

struct line {
	char *s;
	size_t len;
	size_t index;
};

static struct key keys[64];
static int nkeys;
static unsigned global_flags;
static int tab = -1;            /* -t's character, or -1 */
static bool stable, unique;

static bool blank(char c) { return c == ' ' || c == '\t'; }

/* The offset where field f (1-based) starts. */
static size_t field_start(const char *s, size_t len, long f)
{
	size_t i = 0;
	for (long k = 1; k < f && i < len; k++) {
		if (tab >= 0) {
			while (i < len && s[i] != tab)
				i++;
			if (i < len)
				i++;
		} else {
			while (i < len && blank(s[i]))
				i++;
			while (i < len && !blank(s[i]))
				i++;
		}
	}
	return i;
}

/* The offset where the field starting at i ends. */
static size_t field_end(const char *s, size_t len, size_t i)
{
	if (tab >= 0) {
		while (i < len && s[i] != tab)
			i++;
		return i;
	}
	while (i < len && blank(s[i]))
		i++;
	while (i < len && !blank(s[i]))
		i++;
	return i;
}

/* The key's stretch of a line.  As GNU sort counts: a character offset may
 * run on past its field, up to the line's end. */
static void key_range(const struct key *k, const struct line *l, size_t *from, size_t *to)
{
	const char *s = l->s;
	size_t len = l->len;
	size_t a = field_start(s, len, k->sf);
	if (k->flags & F_B)
		while (a < len && blank(s[a]))
			a++;
	a = (size_t)(k->sc - 1) < len - a ? a + (size_t)(k->sc - 1) : len;
	size_t b = len;
	if (k->ef) {
		size_t e = field_start(s, len, k->ef);
		if (k->ec == 0) {
			b = field_end(s, len, e);
		} else {
			if (k->flags & F_EB)
				while (e < len && blank(s[e]))
					e++;
			b = (size_t)k->ec < len - e ? e + (size_t)k->ec : len;
		}
	}
	*from = a;
	*to = b > a ? b : a;
}

/* -n: compare the numbers at the start of two strings as decimal text
 * (blanks, an optional '-', digits, a fraction), exactly; neither is a
 * zero (the caller looked). */
static int num_cmp(const char *a, const char *ae, const char *b, const char *be)
{
	while (a < ae && blank(*a))
		a++;
	while (b < be && blank(*b))
		b++;
	bool na = a < ae && *a == '-', nb = b < be && *b == '-';
	a += na;
	b += nb;
	/* integer digits, without leading zeros */
	while (a < ae && *a == '0')
		a++;
	while (b < be && *b == '0')
		b++;
	const char *ai = a, *bi = b;
	while (a < ae && isdigit((unsigned char)*a))
		a++;
	while (b < be && isdigit((unsigned char)*b))
		b++;
	size_t la = (size_t)(a - ai), lb = (size_t)(b - bi);
	int c = la != lb ? (la < lb ? -1 : 1) : memcmp(ai, bi, la);
	if (!c) {
		/* fractions: digit by digit, a missing digit being 0 */
		const char *af = a < ae && *a == '.' ? a + 1 : a, *bf = b < be && *b == '.' ? b + 1 : b;
		bool ma = af != a, mb = bf != b;
		for (;;) {
			int da = ma && af < ae && isdigit((unsigned char)*af) ? *af++ : '0';
			int db = mb && bf < be && isdigit((unsigned char)*bf) ? *bf++ : '0';
			bool more_a = ma && af < ae && isdigit((unsigned char)*af), more_b = mb && bf < be && isdigit((unsigned char)*bf);
			if (da != db) {
				c = da < db ? -1 : 1;
				break;
			}
			if (!more_a && !more_b)
				break;
		}
	}
	/* (two zeros, -0 among them, were found equal before) */
	if (na != nb)
		return na ? -1 : 1;
	return na ? -c : c;
}

static bool is_zero(const char *a, const char *ae)
{
	while (a < ae && blank(*a))
		a++;
	if (a < ae && *a == '-')
		a++;
	bool point = false;
	for (; a < ae; a++) {
		if (*a == '.' && !point)
			point = true;
		else if (*a != '0')
			return !isdigit((unsigned char)*a);
	}
	return true;
}

static int text_cmp(const char *a, const char *ae, const char *b, const char *be, unsigned flags)
{
	if (!(flags & (F_D | F_F | F_I))) {
		size_t la = (size_t)(ae - a), lb = (size_t)(be - b);
		int c = memcmp(a, b, la < lb ? la : lb);
		return c ? c : (la > lb) - (la < lb);
	}
	for (;;) {
		if (flags & (F_D | F_I)) {
			while (a < ae && ((flags & F_D) ? !(isalnum((unsigned char)*a) || blank(*a))
						     : !isprint((unsigned char)*a)))
				a++;
			while (b < be && ((flags & F_D) ? !(isalnum((unsigned char)*b) || blank(*b))
						     : !isprint((unsigned char)*b)))
				b++;
		}
		if (a == ae || b == be)
			return (a < ae) - (b < be);
		int ca = (unsigned char)*a++, cb = (unsigned char)*b++;
		if (flags & F_F) {
			ca = toupper(ca);
			cb = toupper(cb);
		}
		if (ca != cb)
			return ca - cb;
	}
}

static int key_cmp(const struct key *k, const struct line *x, const struct line *y)
{
	size_t xa, xb, ya, yb;
	key_range(k, x, &xa, &xb);
	key_range(k, y, &ya, &yb);
	int c;
	if (k->flags & F_N) {
		const char *a = x->s + xa, *ae = x->s + xb, *b = y->s + ya, *be = y->s + yb;
		if (is_zero(a, ae) && is_zero(b, be))
			c = 0;
		else
			c = num_cmp(a, ae, b, be);
	} else {
		c = text_cmp(x->s + xa, x->s + xb, y->s + ya, y->s + yb, k->flags);
	}
	return k->flags & F_R ? -c : c;
}

/* Equal on every key: 0. */
static int keys_cmp(const struct line *x, const struct line *y)
{
	for (int i = 0; i < nkeys; i++) {
		int c = key_cmp(&keys[i], x, y);
		if (c)
			return c;
	}
	return 0;
}

static int full_cmp(const struct line *x, const struct line *y)
{
	int c = keys_cmp(x, y);
	if (c || stable || unique)
		return c;
	size_t n = x->len < y->len ? x->len : y->len;
	c = memcmp(x->s, y->s, n);
	if (!c)
		c = (x->len > y->len) - (x->len < y->len);
	return global_flags & F_R ? -c : c;
}

static int qsort_cmp(const void *pa, const void *pb)
{
	const struct line *a = pa, *b = pb;
	int c = full_cmp(a, b);
	return c ? c : (a->index > b->index) - (a->index < b->index);   /* stable */
}

static struct line *lines;
static size_t nlines, cap;

static int slurp(int fd, const char *name, void *ctx)
{
	struct lines in;
	lines_init(&in, fd);
	char *s;
	size_t len;
	while ((s = lines_next(&in, &len, NULL))) {
		if (nlines == cap) {
			cap = cap ? cap * 2 : 1024;
			if (!(lines = realloc(lines, cap * sizeof *lines)))
				die("out of memory");
		}
		char *copy = malloc(len + 1);
		if (!copy)
			die("out of memory");
		memcpy(copy, s, len + 1);
		lines[nlines] = (struct line){ copy, len, nlines };
		nlines++;
	}
	int status = in.err;
	if (in.err)
		warn_errno(name);
	lines_free(&in);
	return status;
}

static unsigned parse_flags(const char **p, bool end)
{
	unsigned f = 0;
	for (; **p; (*p)++) {
		const char *o = strchr("bdfinr", **p);
		if (!o)
			break;
		static const unsigned bits[] = { F_B, F_D, F_F, F_I, F_N, F_R };
		unsigned bit = bits[o - "bdfinr"];
		f |= bit == F_B && end ? F_EB : bit;
	}
	return f;
}

static long parse_num(const char **p, const char *arg)
{
	if (!isdigit((unsigned char)**p))
		die("invalid number at field start: invalid count at start of '%s'", arg);
	long v = 0;
	while (isdigit((unsigned char)**p))
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

static void parse_key(const char *arg)
{
	if (nkeys == 64)
		die("too many keys");
	struct key k = { 0, 1, 0, 0, 0 };
	const char *p = arg;
	k.sf = parse_num(&p, arg);
	if (k.sf == 0)
		die("invalid number at field start: invalid count at start of '%s'", arg);
	if (*p == '.') {
		p++;
		k.sc = parse_num(&p, arg);
		if (k.sc == 0)
			die("character offset is zero: invalid field specification '%s'", arg);
	}
	k.flags = parse_flags(&p, false);
	if (*p == ',') {
		p++;
		k.ef = parse_num(&p, arg);
		if (k.ef == 0)
			die("field number is zero: invalid field specification '%s'", arg);
		if (*p == '.') {
			p++;
			k.ec = parse_num(&p, arg);
		}
		k.flags |= parse_flags(&p, true);
	}
	if (*p)
		die("invalid field specification '%s'", arg);
	keys[nkeys++] = k;
}

int main(int argc, char **argv)
{
	cmd_init("sort", text);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	const char *out_name = NULL;
	bool check = false;
	int c;
	while ((c = getopt(argc, argv, "bcdfimnrsuk:t:o:h")) != -1) {
		switch (c) {
		case 'b': global_flags |= F_B | F_EB; break;
		case 'd': global_flags |= F_D; break;
		case 'f': global_flags |= F_F; break;
		case 'i': global_flags |= F_I; break;
		case 'n': global_flags |= F_N; break;
		case 'r': global_flags |= F_R; break;
		case 's': stable = true; break;
		case 'u': unique = true; break;
		case 'c': check = true; break;
		case 'm': break;        /* the inputs are sorted: sorting them all is their merge */
		case 'k': parse_key(optarg); break;
		case 't':
			if (strlen(optarg) != 1)
				die("multi-character tab '%s'", optarg);
			tab = (unsigned char)optarg[0];
			break;
		case 'o': out_name = optarg; break;
		default: usage(c == 'h' ? 0 : 2);
		}
	}
	/* keys without options of their own take the global ones */
	for (int i = 0; i < nkeys; i++)
		if (!keys[i].flags)
			keys[i].flags = global_flags;
	if (!nkeys)
		keys[nkeys++] = (struct key){ 1, 1, 0, 0, global_flags };
	for (int i = 0; i < nkeys; i++) {
		if ((keys[i].flags & F_N) && (keys[i].flags & (F_D | F_I))) {
			fprintf(stderr, "sort: options '-%sn' are incompatible\n", keys[i].flags & F_D ? "d" : "i");
			return 2;
		}
	}
	int status = 0;
	for (int i = optind; i < argc || (i == optind && optind == argc); i++) {
		const char *name = optind < argc ? argv[i] : "-";
		int fd = open_input(name);
		if (fd < 0)
			return 2;
		status |= slurp(fd, name, NULL);
		if (fd > 0)
			close(fd);
	}
	if (check) {
		for (size_t i = 1; i < nlines; i++) {
			int d = full_cmp(&lines[i - 1], &lines[i]);
			if (d > 0 || (unique && d == 0)) {
				fprintf(stderr, "sort: %s:%zu: disorder: %.*s\n", optind < argc ? argv[optind] : "-",
					i + 1, (int)lines[i].len, lines[i].s);
				return 1;
			}
		}
		return status ? 2 : 0;
	}
	if (nlines)
		qsort(lines, nlines, sizeof *lines, qsort_cmp);
	if (out_name) {         /* only now: the output may be one of the inputs */
		int fd = open(out_name, O_WRONLY | O_CREAT | O_TRUNC, 0666);
		if (fd < 0 || dup2(fd, 1) < 0)
			die_errno(out_name);
		close(fd);
	}
	for (size_t i = 0; i < nlines; i++) {
		if (unique && i > 0 && keys_cmp(&lines[i - 1], &lines[i]) == 0)
			continue;
		fwrite(lines[i].s, 1, lines[i].len, stdout);
		putchar('\n');
	}
	if (fflush(stdout) != 0)
		die_errno("write error");
	return status ? 2 : 0;
}
