/* awk: the built-in functions.  String positions are 1-based; substr
 * rounds its arguments as POSIX asks; sub and gsub read '&' in the
 * replacement as the matched text and "\\&" as a literal '&'. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "awk.h"

static const struct {
	const char *name;
	int min, max;
} builtins[] = {
	[B_LENGTH] = { "length", 0, 1 }, [B_SUBSTR] = { "substr", 2, 3 },
	[B_INDEX] = { "index", 2, 2 }, [B_SPLIT] = { "split", 2, 3 },
	[B_SUB] = { "sub", 2, 3 }, [B_GSUB] = { "gsub", 2, 3 },
	[B_MATCH] = { "match", 2, 2 }, [B_SPRINTF] = { "sprintf", 1, 1000 },
	[B_SIN] = { "sin", 1, 1 }, [B_COS] = { "cos", 1, 1 }, [B_ATAN2] = { "atan2", 2, 2 },
	[B_EXP] = { "exp", 1, 1 }, [B_LOG] = { "log", 1, 1 }, [B_SQRT] = { "sqrt", 1, 1 },
	[B_INT] = { "int", 1, 1 }, [B_RAND] = { "rand", 0, 0 }, [B_SRAND] = { "srand", 0, 1 },
	[B_TOLOWER] = { "tolower", 1, 1 }, [B_TOUPPER] = { "toupper", 1, 1 },
	[B_SYSTEM] = { "system", 1, 1 }, [B_CLOSE] = { "close", 1, 1 },
	[B_FFLUSH] = { "fflush", 0, 1 },
};

int builtin_lookup(const char *name)
{
	for (int i = 0; i < (int)(sizeof builtins / sizeof builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return i;
	return -1;
}

static char *arg_str(Node *n)
{
	Val v = eval(n);
	char *s = to_str(&v);
	val_free(&v);
	return s;
}

static double arg_num(Node *n)
{
	Val v = eval(n);
	double d = to_num(&v);
	val_free(&v);
	return d;
}

/* substr(s, m, n): as gawk does, m and n are truncated to integers and a
 * start before the string's first character counts from that character
 * (POSIX leaves both open). */
static Val substr(Node *n)
{
	char *s = arg_str(n->kids[0]);
	double len = (double)strlen(s);
	double m = arg_num(n->kids[1]);
	double l = n->nkids > 2 ? arg_num(n->kids[2]) : len + 1;
	m = isnan(m) ? len + 1 : trunc(m);
	l = isnan(l) ? 0 : trunc(l);
	if (m < 1)
		m = 1;
	double end = m + l;
	if (end > len + 1)
		end = len + 1;
	Val r;
	if (end <= m)
		r = val_str("");
	else
		r = val_take(xstrndup(s + (size_t)m - 1, (size_t)(end - m)));
	free(s);
	return r;
}

static Val index_of(Node *n)
{
	char *s = arg_str(n->kids[0]), *t = arg_str(n->kids[1]);
	char *p = strstr(s, t);
	double r = p ? (double)(p - s + 1) : 0;
	free(s);
	free(t);
	return val_num(r);
}


static Val split(Node *n)
{
	char *s = arg_str(n->kids[0]);
	Array *a = local_array(n->kids[1]);
	size_t count;
	if (n->nkids > 2 && n->kids[2]->type == N_ERE) {
		count = split_string(s, a, NULL, 1, n->kids[2]->re);
	} else if (n->nkids > 2) {
		Val sep = eval(n->kids[2]);
		count = split_string(s, a, &sep, 0, NULL);
		val_free(&sep);
	} else {
		count = split_string(s, a, NULL, 0, NULL);
	}
	free(s);
	return val_num((double)count);
}

/* The replacement text for one match. */
static void add_replacement(Buf *b, const char *repl, const char *match, size_t mlen)
{
	for (const char *p = repl; *p; p++) {
		if (*p == '\\' && (p[1] == '&' || p[1] == '\\')) {
			buf_addc(b, p[1]);
			p++;
		} else if (*p == '&') {
			buf_add(b, match, mlen);
		} else {
			buf_addc(b, *p);
		}
	}
}

static Val substitute(Node *n, int global)
{
	char *repl = arg_str(n->kids[1]);
	Node *target = n->nkids > 2 ? n->kids[2] : NULL;
	char *s;
	if (target) {
		Val v = eval(target);
		s = to_str(&v);
		val_free(&v);
	} else {
		s = xstrdup(record_str());
	}
	regex_t *re = re_of(n->kids[0]);
	Buf b = { 0 };
	int count = 0;
	const char *p = s;
	const char *last_end = NULL;    /* end of the last non-empty match */
	regmatch_t m;
	while (re_match(re, p, p != s, &m)) {
		const char *ms = p + m.rm_so, *me = p + m.rm_eo;
		if (ms == me && ms == last_end) {
			/* an empty match right after a match: move on one character */
			if (!*ms)
				break;
			buf_add(&b, p, (size_t)(ms - p) + 1);
			p = ms + 1;
			continue;
		}
		buf_add(&b, p, (size_t)(ms - p));
		add_replacement(&b, repl, ms, (size_t)(me - ms));
		count++;
		if (!global) {
			p = me;
			break;
		}
		if (ms == me) {
			if (!*me) {
				p = me;
				break;
			}
			buf_addc(&b, *me);
			p = me + 1;
		} else {
			p = me;
			last_end = me;
		}
		/* preemption point */
	}
	if (count) {
		buf_adds(&b, p);
		char *r = buf_finish(&b);
		if (target) {
			if (target->type != N_VAR && target->type != N_LOCAL && target->type != N_INDEX &&
			    target->type != N_FIELD)
				fatal("%s: the target must be a variable, element or field",
				      global ? "gsub" : "sub");
			assign_to(target, val_take(r));
		} else {
			field_set(0, val_take(r));
		}
	} else {
		free(b.s);
	}
	free(s);
	free(repl);
	return val_num(count);
}

static Val match(Node *n)
{
	char *s = arg_str(n->kids[0]);
	regex_t *re = re_of(n->kids[1]);
	regmatch_t m;
	double start = 0, len = -1;
	if (re_match(re, s, 0, &m)) {
		start = (double)m.rm_so + 1;
		len = (double)(m.rm_eo - m.rm_so);
	}
	free(s);
	var_set(v_RSTART, val_num(start));
	var_set(v_RLENGTH, val_num(len));
	return val_num(start);
}

static Val case_map(Node *n, int upper)
{
	char *s = arg_str(n->kids[0]);
	for (char *p = s; *p; p++)
		*p = (char)(upper ? toupper((unsigned char)*p) : tolower((unsigned char)*p));
	return val_take(s);
}

static double seed = 1, prev_seed;
static unsigned long long rng_state = 0x853c49e6748fea9bULL;

static void rng_seed(double s)
{
	rng_state = (unsigned long long)(long long)s * 6364136223846793005ULL + 1442695040888963407ULL;
}

static double rng_next(void)
{
	/* xorshift64*: only the value's range is promised, not the other awks' sequence */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	unsigned long long r = rng_state * 2685821657736338717ULL;
	return (double)(r >> 11) / 9007199254740992.0;
}

static Val length(Node *n)
{
	if (n->nkids == 0)
		return val_num((double)strlen(record_str()));
	Node *a = n->kids[0];
	if (a->type == N_VAR || a->type == N_LOCAL) {
		Array *arr = array_if(a);
		if (arr)
			return val_num((double)arr->count);
	}
	char *s = arg_str(a);
	double l = (double)strlen(s);
	free(s);
	return val_num(l);
}

Val call_builtin(Node *n)
{
	int op = n->op;
	if (n->nkids < builtins[op].min || n->nkids > builtins[op].max)
		fatal("%s called with %d arguments", builtins[op].name, n->nkids);
	switch (op) {
	case B_LENGTH: return length(n);
	case B_SUBSTR: return substr(n);
	case B_INDEX: return index_of(n);
	case B_SPLIT: return split(n);
	case B_SUB: return substitute(n, 0);
	case B_GSUB: return substitute(n, 1);
	case B_MATCH: return match(n);
	case B_SPRINTF: {
		Val *args = xmalloc((size_t)n->nkids * sizeof *args);
		for (int i = 0; i < n->nkids; i++)
			args[i] = eval(n->kids[i]);
		char *fmt = to_str(&args[0]);
		size_t len;
		char *s = format_vals(fmt, args + 1, n->nkids - 1, &len);
		free(fmt);
		for (int i = 0; i < n->nkids; i++)
			val_free(&args[i]);
		free(args);
		return val_take(s);
	}
	case B_SIN: return val_num(sin(arg_num(n->kids[0])));
	case B_COS: return val_num(cos(arg_num(n->kids[0])));
	case B_ATAN2: {
		double y = arg_num(n->kids[0]);
		return val_num(atan2(y, arg_num(n->kids[1])));
	}
	case B_EXP: return val_num(exp(arg_num(n->kids[0])));
	case B_LOG: return val_num(log(arg_num(n->kids[0])));
	case B_SQRT: return val_num(sqrt(arg_num(n->kids[0])));
	case B_INT: return val_num(trunc(arg_num(n->kids[0])));
	case B_RAND: return val_num(rng_next());
	case B_SRAND: {
		prev_seed = seed;
		seed = n->nkids ? arg_num(n->kids[0]) : (double)time(NULL);
		rng_seed(seed);
		return val_num(prev_seed);
	}
	case B_TOLOWER: return case_map(n, 0);
	case B_TOUPPER: return case_map(n, 1);
	case B_SYSTEM: {
		char *cmd = arg_str(n->kids[0]);
		streams_flush_all();
		int st = system(cmd);
		free(cmd);
		double r = st < 0 ? -1 : (st & 0x7f) ? 256 + (st & 0x7f) : (st >> 8) & 0xff;
		return val_num(r);
	}
	case B_CLOSE: {
		char *name = arg_str(n->kids[0]);
		int r = stream_close(name);
		free(name);
		return val_num(r);
	}
	case B_FFLUSH: {
		if (!n->nkids) {
			streams_flush_all();
			return val_num(0);
		}
		char *name = arg_str(n->kids[0]);
		int r = stream_flush(name);
		free(name);
		return val_num(r);
	}
	}
	fatal("internal error: builtin %d", op);
}
