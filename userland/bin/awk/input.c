/* awk: reading records.  RS of one character ends a record at that
 * character; RS="" is paragraph mode (records end at blank lines; leading
 * and trailing newlines are dropped); a longer RS is an ERE (read through
 * the whole stream first, as the match may need to look ahead).  The main
 * input walks ARGV: operands of the form name=value are assignments made
 * when reached, "-" is standard input, and standard input is read when
 * no file operand is given. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "awk.h"

struct Input {
	FILE *f;
	int is_cmd, is_stdin;
	char *buf;              /* read ahead (regex RS) */
	size_t pos, len;
	int eof;
};

static Input *input_new(FILE *f)
{
	Input *in = xmalloc(sizeof *in);
	memset(in, 0, sizeof *in);
	in->f = f;
	return in;
}

Input *input_open_file(const char *name)
{
	if (!strcmp(name, "-") || !strcmp(name, "/dev/stdin")) {
		Input *in = input_new(stdin);
		in->is_stdin = 1;
		return in;
	}
	FILE *f = fopen(name, "r");
	return f ? input_new(f) : NULL;
}

Input *input_open_cmd(const char *cmd)
{
	streams_flush_all();
	FILE *f = popen(cmd, "r");
	if (!f)
		return NULL;
	Input *in = input_new(f);
	in->is_cmd = 1;
	return in;
}

int input_close(Input *in)
{
	int r = 0;
	if (in->is_cmd) {
		int st = pclose(in->f);
		r = st < 0 ? -1 : (st & 0x7f) ? 256 + (st & 0x7f) : (st >> 8) & 0xff;
	} else if (!in->is_stdin) {
		r = fclose(in->f) ? -1 : 0;
	}
	free(in->buf);
	free(in);
	return r;
}

static int in_getc(Input *in)
{
	if (in->pos < in->len)
		return (unsigned char)in->buf[in->pos++];
	if (in->eof)
		return EOF;
	int c = getc(in->f);
	if (c == EOF)
		in->eof = 1;
	return c;
}

static void in_ungetc(Input *in, int c)
{
	if (c == EOF)
		return;
	if (in->pos > 0 && in->pos <= in->len) {
		in->buf[--in->pos] = (char)c;
		return;
	}
	ungetc(c, in->f);
}

static int read_char_sep(Input *in, int sep, char **rec, size_t *len)
{
	Buf b = { 0 };
	int c, any = 0;
	while ((c = in_getc(in)) != EOF) {
		any = 1;
		if (c == sep)
			break;
		buf_addc(&b, (char)c);
	}
	if (!any)
		return 0;
	*rec = buf_finish(&b);
	*len = b.len;
	return 1;
}

static int read_paragraph(Input *in, char **rec, size_t *len)
{
	int c;
	while ((c = in_getc(in)) == '\n')
		;
	if (c == EOF)
		return 0;
	Buf b = { 0 };
	while (c != EOF) {
		if (c == '\n') {
			int d = in_getc(in);
			if (d == '\n' || d == EOF) {
				while ((d = in_getc(in)) == '\n')
					;
				in_ungetc(in, d);
				break;
			}
			buf_addc(&b, '\n');
			c = d;
			continue;
		}
		buf_addc(&b, (char)c);
		c = in_getc(in);
	}
	*rec = buf_finish(&b);
	*len = b.len;
	return 1;
}

static int read_regex_sep(Input *in, const char *rs, char **rec, size_t *len)
{
	if (!in->eof) {         /* take in the rest of the stream */
		Buf b = { 0 };
		if (in->pos < in->len)
			buf_add(&b, in->buf + in->pos, in->len - in->pos);
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof chunk, in->f)) > 0)
			buf_add(&b, chunk, n);
		free(in->buf);
		in->buf = b.s;
		in->len = b.len;
		in->pos = 0;
		in->eof = 1;
	}
	if (in->pos >= in->len)
		return 0;
	const char *s = in->buf + in->pos;
	regex_t *re = re_compile(rs, cur_line);
	regmatch_t m;
	size_t off = 0;
	while (s[off] && re_match(re, s + off, off > 0, &m)) {
		if (m.rm_eo > m.rm_so) {
			*rec = xstrndup(s, off + (size_t)m.rm_so);
			*len = off + (size_t)m.rm_so;
			in->pos += off + (size_t)m.rm_eo;
			return 1;
		}
		off += (size_t)m.rm_so + 1;
	}
	size_t n = in->len - in->pos;
	*rec = xstrndup(s, n);
	*len = n;
	in->pos = in->len;
	return 1;
}

int input_read(Input *in, char **rec, size_t *len)
{
	const char *rs = var_cstr(v_RS);
	if (!rs[0])
		return read_paragraph(in, rec, len);
	if (!rs[1])
		return read_char_sep(in, (unsigned char)rs[0], rec, len);
	return read_regex_sep(in, rs, rec, len);
}

/* ---- the main input */

static Input *main_in;
static long argi = 1;
static int used_operand;

static int is_assignment(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return 0;
	while (isalnum((unsigned char)*s) || *s == '_')
		s++;
	return *s == '=';
}

void command_assignment(const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *name = xstrndup(arg, (size_t)(eq - arg));
	char *value = unescape(eq + 1, strlen(eq + 1));
	Var *v = var_lookup(name);
	if (v->kind == K_ARRAY || func_find(name))
		fatal("can't assign to %s: it is an array or a function", name);
	var_set(v, val_strnum(value));
	free(name);
	free(value);
}

static void count(Var *v)
{
	double d = to_num(var_get(v)) + 1;
	var_set(v, val_num(d));
}

static int open_next(void)
{
	for (;;) {
		long argc = (long)to_num(var_get(v_ARGC));
		if (argi >= argc) {
			if (used_operand)
				return 0;
			used_operand = 1;       /* no file operand: standard input */
			main_in = input_open_file("-");
			var_set(v_FNR, val_num(0));
			return 1;
		}
		char key[32];
		snprintf(key, sizeof key, "%ld", argi++);
		Val *a = array_find(var_array(v_ARGV), key);
		if (!a)
			continue;
		char *arg = to_str(a);
		if (!*arg) {
			free(arg);
			continue;
		}
		if (is_assignment(arg)) {
			command_assignment(arg);
			free(arg);
			continue;
		}
		used_operand = 1;
		main_in = input_open_file(arg);
		if (!main_in)
			fatal("can't open file %s: %s", arg, strerror(errno));
		var_set(v_FILENAME, val_str(arg));
		var_set(v_FNR, val_num(0));
		free(arg);
		return 1;
	}
}

int main_next_record(char **rec, size_t *len)
{
	for (;;) {
		if (!main_in && !open_next())
			return 0;
		if (input_read(main_in, rec, len) > 0) {
			count(v_NR);
			count(v_FNR);
			return 1;
		}
		input_close(main_in);
		main_in = NULL;
	}
}

void main_nextfile(void)
{
	if (main_in) {
		input_close(main_in);
		main_in = NULL;
	}
}

/* getline, getline var, getline < file, cmd | getline: 1, 0 at end, -1 on error. */
int do_getline(Node *n)
{
	char *rec;
	size_t len;
	int r;
	if (n->op == GL_PLAIN) {
		r = main_next_record(&rec, &len);
	} else {
		Val d = eval(n->b);
		char *name = to_str(&d);
		val_free(&d);
		Input *in = input_stream(name, n->op);
		free(name);
		if (!in)
			return -1;
		r = input_read(in, &rec, &len);
	}
	if (r <= 0)
		return r;
	if (n->a)
		assign_to(n->a, val_strnum(rec));
	else
		record_set(rec, len, 1);
	free(rec);
	return 1;
}
