/* wc: count lines, words and bytes. */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char text[] =
	"[-lwcmL] [FILE...]\n"
	"Count newlines, words and bytes of each FILE (standard input for - or none),\n"
	"with a total line for several files.\n"
	"  -l  lines   -w  words   -c  bytes   (these three when none is given)\n"
	"  -m  characters (bytes: the C locale)   -L  the widest line's display width\n";

struct counts {
	long lines, words, chars, bytes, longest;
};

static bool show_l, show_w, show_m, show_c, show_L;

static int count(int fd, const char *name, struct counts *c)
{
	static char buf[16384];
	bool in_word = false;
	long col = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			warn_errno(name);
			return 1;
		}
		if (n == 0) {
			if (col > c->longest)
				c->longest = col;
			return 0;
		}
		c->bytes += n;
		c->chars += n;
		for (ssize_t i = 0; i < n; i++) {
			char ch = buf[i];
			if (ch == '\n' || ch == '\r' || ch == '\f') {
				if (col > c->longest)
					c->longest = col;
				col = 0;
			} else if (ch == '\t') {
				col += 8 - col % 8;
			} else if (ch >= 0x20 && ch < 0x7f) {
				col++;
			}
			bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
			if (ch == '\n')
				c->lines++;
			if (!space && !in_word)
				c->words++;
			in_word = !space;
		}
	}
}

static void print(const struct counts *c, const char *name, int width)
{
	const char *sep = "";
	if (show_l) {
		printf("%*ld", width, c->lines);
		sep = " ";
	}
	if (show_w) {
		printf("%s%*ld", sep, width, c->words);
		sep = " ";
	}
	if (show_m) {
		printf("%s%*ld", sep, width, c->chars);
		sep = " ";
	}
	if (show_c) {
		printf("%s%*ld", sep, width, c->bytes);
		sep = " ";
	}
	if (show_L)
		printf("%s%*ld", sep, width, c->longest);
	if (name)
		printf(" %s", name);
	putchar('\n');
}

/* As wide as the total size of the files when they are all regular files,
 * 7 when one is not (a pipe: its size is unknown), and no padding for one
 * number of one input. */
static int column_width(int nfiles, char **names)
{
	if (show_l + show_w + show_m + show_c + show_L == 1 && nfiles <= 1)
		return 1;
	long long total = 0;
	for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
		struct stat st;
		const char *name = nfiles ? names[i] : "-";
		int r = strcmp(name, "-") == 0 ? fstat(0, &st) : stat(name, &st);
		if (r == 0 && !S_ISREG(st.st_mode))
			return 7;
		if (r == 0)
			total += st.st_size;
	}
	int w = 1;
	for (; total >= 10; total /= 10)
		w++;
	return w;
}

int main(int argc, char **argv)
{
	cmd_init("wc", text);
	int c;
	while ((c = getopt(argc, argv, "hlwcmL")) != -1) {
		if (c == 'm')
			show_m = true;
		else if (c == 'L')
			show_L = true;
		else if (c == 'l')
			show_l = true;
		else if (c == 'w')
			show_w = true;
		else if (c == 'c')
			show_c = true;
		else
			usage(c == 'h' ? 0 : 1);
	}
	if (!show_l && !show_w && !show_m && !show_c && !show_L)
		show_l = show_w = show_c = true;
	int nfiles = argc - optind;
	int width = column_width(argc - optind, argv + optind);
	if (nfiles == 0) {
		struct counts k = { 0 };
		int status = count(0, "stdin", &k);
		print(&k, NULL, width);
		return status;
	}
	struct counts total = { 0 };
	int status = 0;
	for (int i = optind; i < argc; i++) {
		struct counts k = { 0 };
		int fd = open_input(argv[i]);
		if (fd < 0) {
			status = 1;
			continue;
		}
		status |= count(fd, argv[i], &k);
		if (fd > 0)
			close(fd);
		print(&k, argv[i], width);
		total.lines += k.lines;
		total.words += k.words;
		total.bytes += k.bytes;
		total.chars += k.chars;
		if (k.longest > total.longest)
			total.longest = k.longest;
	}
	if (nfiles > 1)
		print(&total, "total", width);
	return status;
}
