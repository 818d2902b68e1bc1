/* awk: the streams redirections open, by name: files written (> >>),
 * commands written to (|), files and commands read by getline.  A name
 * stays open until close(name) or the end; "/dev/stdout", "/dev/stderr"
 * and "-" are awk's own.  Output is flushed before a command starts, so
 * what awk printed comes first. */
#include <stdlib.h>
#include <string.h>
#include "awk.h"

typedef struct Stream {
	char *name;
	int kind;               /* R_FILE/R_APPEND/R_PIPE for output; GL_FILE/GL_CMD + 16 for input */
	FILE *f;
	Input *in;
	struct Stream *next;
} Stream;

#define INPUT(kind) ((kind) + 16)

static Stream *streams;

static int is_output(int kind)
{
	return kind < 16;
}

static Stream *find(const char *name, int output)
{
	for (Stream *s = streams; s; s = s->next)
		if (is_output(s->kind) == output && !strcmp(s->name, name))
			return s;
	return NULL;
}

static Stream *add(const char *name, int kind)
{
	Stream *s = xmalloc(sizeof *s);
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	s->kind = kind;
	s->next = streams;
	streams = s;
	return s;
}

FILE *output_stream(const char *name, int kind)
{
	if (!strcmp(name, "/dev/stdout") || (!strcmp(name, "-") && kind != R_PIPE))
		return stdout;
	if (!strcmp(name, "/dev/stderr"))
		return stderr;
	Stream *s = find(name, 1);
	if (s)
		return s->f;
	FILE *f;
	if (kind == R_PIPE) {
		streams_flush_all();
		f = popen(name, "w");
	} else {
		f = fopen(name, kind == R_APPEND ? "a" : "w");
	}
	if (!f)
		fatal("can't redirect to %s", name);
	s = add(name, kind);
	s->f = f;
	return f;
}

Input *input_stream(const char *name, int kind)
{
	Stream *s = find(name, 0);
	if (s)
		return s->in;
	Input *in = kind == GL_CMD ? input_open_cmd(name) : input_open_file(name);
	if (!in)
		return NULL;
	s = add(name, INPUT(kind));
	s->in = in;
	return in;
}

static int close_stream(Stream *s)
{
	int r = 0;
	if (s->in) {
		r = input_close(s->in);
	} else if (s->kind == R_PIPE) {
		int st = pclose(s->f);
		r = st < 0 ? -1 : (st & 0x7f) ? 256 + (st & 0x7f) : (st >> 8) & 0xff;
	} else {
		r = fclose(s->f) ? -1 : 0;
	}
	free(s->name);
	free(s);
	return r;
}

int stream_close(const char *name)
{
	int r = -1;
	fflush(stdout);
	for (Stream **pp = &streams; *pp;) {
		Stream *s = *pp;
		if (!strcmp(s->name, name)) {
			*pp = s->next;
			r = close_stream(s);
		} else {
			pp = &s->next;
		}
	}
	return r;
}

int stream_flush(const char *name)
{
	if (!strcmp(name, "/dev/stdout"))
		return fflush(stdout) ? -1 : 0;
	if (!strcmp(name, "/dev/stderr"))
		return fflush(stderr) ? -1 : 0;
	Stream *s = find(name, 1);
	if (!s)
		return -1;
	return fflush(s->f) ? -1 : 0;
}

void streams_flush_all(void)
{
	fflush(stdout);
	fflush(stderr);
	for (Stream *s = streams; s; s = s->next)
		if (is_output(s->kind))
			fflush(s->f);
}

void streams_close_all(void)
{
	fflush(stdout);
	while (streams) {
		Stream *s = streams;
		streams = s->next;
		close_stream(s);
	}
	fflush(stdout);
}

void out_write(FILE *f, const char *s, size_t n)
{
	if (fwrite(s, 1, n, f) != n)
		fatal("write error: output closed or full");
	if (f == stderr)
		fflush(f);
}
