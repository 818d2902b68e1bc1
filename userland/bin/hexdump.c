/* hexdump: show the bytes of files in hexadecimal. */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-Cv] [FILE...]\n"
	"Show the bytes of the FILEs (standard input for none) as one stream.\n"
	"  -C  canonical: offset, 16 bytes in hex, the printable characters\n"
	"  -v  show every line (otherwise repeats of the line above become '*')\n"
	"Without -C: offset and 16-bit little-endian words.\n";

static bool canonical, verbose;
static unsigned long offset;
static unsigned char prev[16];
static bool have_prev, starred;

static void line(const unsigned char *b, size_t n)
{
	if (!verbose && n == 16 && have_prev && memcmp(b, prev, 16) == 0) {
		if (!starred)
			puts("*");
		starred = true;
		offset += n;
		return;
	}
	starred = false;
	memcpy(prev, b, n);
	have_prev = n == 16;
	if (canonical) {
		printf("%08lx ", offset);
		for (size_t i = 0; i < 16; i++) {
			if (i == 8)
				putchar(' ');
			if (i < n)
				printf(" %02x", b[i]);
			else
				fputs("   ", stdout);
		}
		fputs("  |", stdout);
		for (size_t i = 0; i < n; i++)
			putchar(b[i] >= 0x20 && b[i] < 0x7f ? b[i] : '.');
		puts("|");
	} else {
		printf("%07lx", offset);
		for (size_t i = 0; i < 16; i += 2) {
			if (i < n)
				printf(" %04x", b[i] | (i + 1 < n ? b[i + 1] << 8 : 0));
			else
				fputs("     ", stdout);   /* a short last line keeps its width */
		}
		putchar('\n');
	}
	offset += n;
}

int main(int argc, char **argv)
{
	cmd_init("hexdump", text);
	int c;
	while ((c = getopt(argc, argv, "hCv")) != -1) {
		if (c == 'C')
			canonical = true;
		else if (c == 'v')
			verbose = true;
		else
			usage(c == 'h' ? 0 : 1);
	}
	unsigned char buf[16];
	size_t have = 0;
	int status = 0;
	for (int i = optind; i < argc || (i == optind && optind == argc); i++) {
		const char *name = optind < argc ? argv[i] : "-";
		int fd = open_input(name);
		if (fd < 0) {
			status = 1;
			continue;
		}
		for (;;) {
			ssize_t r = read(fd, buf + have, sizeof buf - have);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				warn_errno(name);
				status = 1;
				break;
			}
			if (r == 0)
				break;
			have += (size_t)r;
			if (have == sizeof buf) {
				line(buf, have);
				have = 0;
			}
		}
		if (fd > 0)
			close(fd);
	}
	if (have)
		line(buf, have);
	if (offset)
		printf(canonical ? "%08lx\n" : "%07lx\n", offset);
	return fflush(stdout) ? 1 : status;
}
