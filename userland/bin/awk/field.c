/* awk: the record ($0) and its fields.  Fields are split only when one
 * is asked for (or NF), with the FS in force when the record was read;
 * assigning a field or NF rebuilds $0 from the fields joined by OFS.
 * split_pieces() is the one splitter, for records and for split(). */
#include <stdlib.h>
#include <string.h>
#include "awk.h"

static Val record = { V_STR, 0, NULL };
static Val *fields;             /* fields[1..nf] */
static long nf, fcap;
static int split_done;
static char *record_fs;         /* FS when the record was read; NULL: FS now */
static Val uninit = { V_STR, 0, (char *)"" };   /* a field past NF: "" */

const char *record_str(void)
{
	return record.str ? record.str : "";
}

static void clear_fields(void)
{
	for (long i = 1; i <= nf; i++)
		val_free(&fields[i]);
	nf = 0;
}

void record_set(const char *s, size_t len, int from_input)
{
	char *copy = xstrndup(s, len);
	val_free(&record);
	record = val_strnum(copy);
	free(copy);
	clear_fields();
	split_done = 0;
	free(record_fs);
	record_fs = from_input ? xstrdup(var_cstr(v_FS)) : NULL;
}

static void set_nf_var(void)
{
	val_free(&v_NF->val);
	v_NF->val = val_num((double)nf);
}

static void ensure_cap(long n)
{
	if (n + 1 > fcap) {
		long cap = fcap ? fcap : 16;
		while (cap < n + 1)
			cap *= 2;
		fields = xrealloc(fields, (size_t)cap * sizeof *fields);
		fcap = cap;
	}
}

/* ---- splitting */

typedef struct {
	char **s;
	size_t n, cap;
} Pieces;

static void piece(Pieces *p, const char *s, size_t n)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->s = xrealloc(p->s, p->cap * sizeof *p->s);
	}
	p->s[p->n++] = xstrndup(s, n);
}

static int blank(char c, int nl)
{
	return c == ' ' || c == '\t' || c == '\n' || (nl && c == '\n');
}

/* Splits s by fs (" ": runs of blanks, trimmed; one other character:
 * itself; "": every character; longer: an ERE), or by re when given.
 * In paragraph mode (RS="") a newline always separates too. */
static Pieces split_pieces(const char *s, const char *fs, regex_t *re, int paragraph)
{
	Pieces p = { 0 };
	if (!*s)
		return p;
	if (!re && !strcmp(fs, " ")) {
		for (;;) {
			while (*s && blank(*s, paragraph))
				s++;
			if (!*s)
				break;
			const char *e = s;
			while (*e && !blank(*e, paragraph))
				e++;
			piece(&p, s, (size_t)(e - s));
			s = e;
		}
		return p;
	}
	if (!re && !*fs) {
		for (; *s; s++)
			piece(&p, s, 1);
		return p;
	}
	if (!re && strlen(fs) == 1 && fs[0] != '\\') {
		char c = fs[0];
		for (;;) {
			const char *e = s;
			while (*e && *e != c && !(paragraph && *e == '\n'))
				e++;
			piece(&p, s, (size_t)(e - s));
			if (!*e)
				break;
			s = e + 1;
		}
		return p;
	}
	if (!re) {
		if (paragraph) {
			char *alt = xmalloc(strlen(fs) + 8);
			strcpy(alt, "(");
			strcat(alt, fs);
			strcat(alt, ")|\n");
			re = re_compile(alt, cur_line);
			free(alt);
		} else {
			re = re_compile(fs, cur_line);
		}
	}
	const char *start = s, *q = s;
	for (;;) {
		regmatch_t m;
		int found = 0;
		while (*q && re_match(re, q, q != s, &m)) {
			if (m.rm_eo > m.rm_so) {
				found = 1;
				break;
			}
			q += m.rm_so + 1;       /* an empty match separates nothing */
		}
		if (!found) {
			piece(&p, start, strlen(start));
			break;
		}
		piece(&p, start, (size_t)(q + m.rm_so - start));
		start = q = q + m.rm_eo;
		if (!*start) {
			piece(&p, start, 0);
			break;
		}
		/* preemption point */
	}
	return p;
}

static int paragraph_mode(void)
{
	return var_cstr(v_RS)[0] == 0;
}

void fields_split(void)
{
	if (split_done)
		return;
	split_done = 1;
	clear_fields();
	const char *fs = record_fs ? record_fs : var_cstr(v_FS);
	Pieces p = split_pieces(record_str(), fs, NULL, paragraph_mode());
	ensure_cap((long)p.n);
	for (size_t i = 0; i < p.n; i++) {
		fields[i + 1] = val_strnum(p.s[i]);
		free(p.s[i]);
	}
	free(p.s);
	nf = (long)p.n;
	set_nf_var();
}

size_t split_string(const char *s, Array *a, const Val *sep, int sep_is_re, regex_t *re)
{
	char *fs = sep ? to_str(sep) : xstrdup(var_cstr(v_FS));
	Pieces p = split_pieces(s, fs, sep_is_re ? re : NULL, 0);
	free(fs);
	array_clear(a);
	for (size_t i = 0; i < p.n; i++) {
		char key[32];
		snprintf(key, sizeof key, "%zu", i + 1);
		Val *v = array_get(a, key);
		*v = val_strnum(p.s[i]);
		free(p.s[i]);
	}
	free(p.s);
	return p.n;
}

/* ---- fields */

static void rebuild(void)
{
	Buf b = { 0 };
	const char *ofs = var_cstr(v_OFS);
	for (long i = 1; i <= nf; i++) {
		if (i > 1)
			buf_adds(&b, ofs);
		char *s = to_str(&fields[i]);
		buf_adds(&b, s);
		free(s);
	}
	char *s = buf_finish(&b);
	val_free(&record);
	record = val_strnum(s);
	free(s);
}

const Val *field_get(long i)
{
	if (i == 0) {
		if (!record.str)        /* before the first record: "" */
			record = val_str("");
		return &record;
	}
	fields_split();
	return i <= nf ? &fields[i] : (const Val *)&uninit;
}

static void extend(long n)
{
	ensure_cap(n);
	for (long i = nf + 1; i <= n; i++)
		fields[i] = (Val){ V_UNINIT, 0, NULL };
	nf = n;
}

void field_set(long i, Val v)
{
	if (i == 0) {
		char *s = to_str(&v);
		val_free(&v);
		record_set(s, strlen(s), 0);
		free(s);
		return;
	}
	fields_split();
	if (i > nf) {
		extend(i);
		set_nf_var();
	}
	val_free(&fields[i]);
	fields[i] = v;
	rebuild();
}

void nf_set(long n)
{
	if (n < 0)
		fatal("NF set to a negative value");
	if (n > 10000000)
		fatal("NF set too large");
	fields_split();
	if (n > nf) {
		extend(n);
	} else {
		for (long i = n + 1; i <= nf; i++)
			val_free(&fields[i]);
		nf = n;
	}
	set_nf_var();
	rebuild();
}
