/* awk: global variables (a hash of names), arrays (hashes of string keys
 * whose elements never move, so a pointer to one stays good while the
 * array grows), and the variables awk itself sets: NF, NR, FS, ENVIRON,
 * ARGV and the rest. */
#include <stdlib.h>
#include <string.h>
#include "awk.h"

Var *v_NF, *v_NR, *v_FNR, *v_FS, *v_OFS, *v_ORS, *v_RS, *v_FILENAME, *v_SUBSEP, *v_RSTART,
	*v_RLENGTH, *v_CONVFMT, *v_OFMT, *v_ENVIRON, *v_ARGC, *v_ARGV;

#define NSYM 256
static Var *symtab[NSYM];

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

Var *var_find(const char *name)
{
	for (Var *v = symtab[hash(name) % NSYM]; v; v = v->next)
		if (!strcmp(v->name, name))
			return v;
	return NULL;
}

Var *var_lookup(const char *name)
{
	Var *v = var_find(name);
	if (v)
		return v;
	v = xmalloc(sizeof *v);
	memset(v, 0, sizeof *v);
	v->name = xstrdup(name);
	unsigned h = hash(name) % NSYM;
	v->next = symtab[h];
	symtab[h] = v;
	return v;
}

Var *var_resolve(Var *v)
{
	while (v->ref)
		v = v->ref;
	return v;
}

Array *var_array(Var *v)
{
	v = var_resolve(v);
	if (v->kind == K_SCALAR)
		fatal("can't use scalar %s as array", v->name ? v->name : "");
	if (v->kind == K_NONE) {
		v->kind = K_ARRAY;
		v->arr = array_new();
		v->owned = 1;
	}
	return v->arr;
}

static void check_scalar(Var *v)
{
	if (v->kind == K_ARRAY)
		fatal("can't use array %s in scalar context", v->name ? v->name : "");
}

const Val *var_get(Var *v)
{
	check_scalar(v);
	if (v == v_NF)
		fields_split();
	return &v->val;
}

void var_set(Var *v, Val val)
{
	check_scalar(v);
	v->kind = K_SCALAR;
	if (v == v_NF) {
		long n = (long)to_num(&val);
		val_free(&val);
		nf_set(n);
		return;
	}
	val_free(&v->val);
	v->val = val;
}

/* The string of FS, OFS, CONVFMT...: converted once per assignment. */
const char *var_cstr(Var *v)
{
	Val *val = &v->val;
	if (val->type == V_NUM) {
		char *s = num_to_str(val->num, "%.6g");
		val->type = V_STRNUM;
		val->str = s;
	}
	return val->str ? val->str : "";
}

/* ---- arrays */
Array *array_new(void)
{
	Array *a = xmalloc(sizeof *a);
	a->nbuckets = 16;
	a->count = 0;
	a->buckets = xmalloc(a->nbuckets * sizeof *a->buckets);
	memset(a->buckets, 0, a->nbuckets * sizeof *a->buckets);
	return a;
}

void array_clear(Array *a)
{
	for (size_t i = 0; i < a->nbuckets; i++) {
		Elem *e = a->buckets[i], *next;
		for (; e; e = next) {
			next = e->next;
			free(e->key);
			val_free(&e->val);
			free(e);
		}
		a->buckets[i] = NULL;
	}
	a->count = 0;
}

void array_free(Array *a)
{
	if (!a)
		return;
	array_clear(a);
	free(a->buckets);
	free(a);
}

Val *array_find(Array *a, const char *key)
{
	for (Elem *e = a->buckets[hash(key) % a->nbuckets]; e; e = e->next)
		if (!strcmp(e->key, key))
			return &e->val;
	return NULL;
}

static void grow(Array *a)
{
	size_t n = a->nbuckets * 4;
	Elem **b = xmalloc(n * sizeof *b);
	memset(b, 0, n * sizeof *b);
	for (size_t i = 0; i < a->nbuckets; i++) {
		Elem *e = a->buckets[i], *next;
		for (; e; e = next) {
			next = e->next;
			unsigned h = hash(e->key) % n;
			e->next = b[h];
			b[h] = e;
		}
	}
	free(a->buckets);
	a->buckets = b;
	a->nbuckets = n;
}

Val *array_get(Array *a, const char *key)
{
	Val *v = array_find(a, key);
	if (v)
		return v;
	if (a->count >= a->nbuckets * 2)
		grow(a);
	Elem *e = xmalloc(sizeof *e);
	e->key = xstrdup(key);
	e->val = (Val){ V_UNINIT, 0, NULL };
	unsigned h = hash(key) % a->nbuckets;
	e->next = a->buckets[h];
	a->buckets[h] = e;
	a->count++;
	return &e->val;
}

void array_delete(Array *a, const char *key)
{
	for (Elem **pp = &a->buckets[hash(key) % a->nbuckets]; *pp; pp = &(*pp)->next) {
		Elem *e = *pp;
		if (!strcmp(e->key, key)) {
			*pp = e->next;
			free(e->key);
			val_free(&e->val);
			free(e);
			a->count--;
			return;
		}
	}
}

char **array_keys(Array *a, size_t *n)
{
	char **keys = xmalloc((a->count + 1) * sizeof *keys);
	size_t k = 0;
	for (size_t i = 0; i < a->nbuckets; i++)
		for (Elem *e = a->buckets[i]; e; e = e->next)
			keys[k++] = xstrdup(e->key);
	*n = k;
	return keys;
}

/* ---- the variables awk sets */
static Var *init_var(const char *name, Val v)
{
	Var *var = var_lookup(name);
	var->kind = K_SCALAR;
	var->val = v;
	return var;
}

void vars_init(int argc, char **argv, char **envp)
{
	v_NF = init_var("NF", val_num(0));
	v_NR = init_var("NR", val_num(0));
	v_FNR = init_var("FNR", val_num(0));
	v_FS = init_var("FS", val_str(" "));
	v_OFS = init_var("OFS", val_str(" "));
	v_ORS = init_var("ORS", val_str("\n"));
	v_RS = init_var("RS", val_str("\n"));
	v_FILENAME = init_var("FILENAME", val_str(""));
	v_SUBSEP = init_var("SUBSEP", val_str("\034"));
	v_RSTART = init_var("RSTART", val_num(0));
	v_RLENGTH = init_var("RLENGTH", val_num(0));
	v_CONVFMT = init_var("CONVFMT", val_str("%.6g"));
	v_OFMT = init_var("OFMT", val_str("%.6g"));
	v_ARGC = init_var("ARGC", val_num(argc));
	v_ENVIRON = var_lookup("ENVIRON");
	Array *env = var_array(v_ENVIRON);
	for (char **e = envp; e && *e; e++) {
		char *eq = strchr(*e, '=');
		if (!eq)
			continue;
		char *name = xstrndup(*e, (size_t)(eq - *e));
		Val *slot = array_get(env, name);
		val_free(slot);
		*slot = val_strnum(eq + 1);
		free(name);
	}
	v_ARGV = var_lookup("ARGV");
	Array *av = var_array(v_ARGV);
	for (int i = 0; i < argc; i++) {
		char key[32];
		snprintf(key, sizeof key, "%d", i);
		Val *slot = array_get(av, key);
		*slot = i == 0 ? val_str(argv[i]) : val_strnum(argv[i]);
	}
}
