/* du: the disk space files and directories use (their allocated blocks,
 * st_blocks; a file with several links counted once). */
#include "common.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char text[] =
	"[-a] [-s] [-c] [-h] [-k] [-b] [-d N] [FILE...]\n"
	"Print the space each FILE (default .) uses, with its directories inside,\n"
	"in 1024-byte blocks.\n"
	"  -a  files too, not only directories    -s  only the total of each FILE\n"
	"  -c  a grand total at the end           -h  sizes like 1.5K 20M\n"
	"  -d  directories at most N levels deep  -b  apparent size in bytes\n";

static bool all, summarize, human, bytes;
static long max_depth = -1;
static int status;

/* The (dev, inode) of files with several links already counted. */
static struct seen {
	dev_t dev;
	ino_t ino;
} *seen;
static size_t nseen, seen_cap;

static bool hash_all;   /* several operands: anything met twice counts once, as GNU du */

static bool first_time(const struct stat *st)
{
	if (!hash_all && (st->st_nlink < 2 || S_ISDIR(st->st_mode)))
		return true;
	for (size_t i = 0; i < nseen; i++)
		if (seen[i].dev == st->st_dev && seen[i].ino == st->st_ino)
			return false;
	if (nseen == seen_cap) {
		seen_cap = seen_cap ? seen_cap * 2 : 64;
		seen = realloc(seen, seen_cap * sizeof *seen);
		if (!seen)
			die("out of memory");
	}
	seen[nseen++] = (struct seen){ st->st_dev, st->st_ino };
	return true;
}

/* GNU's -h: powers of 1024, rounded up, one decimal below 10. */
static void print_size(unsigned long long b, const char *name)
{
	if (!human) {
		if (bytes)
			printf("%llu\t%s\n", b, name);
		else
			printf("%llu\t%s\n", (b + 1023) / 1024, name);
		return;
	}
	static const char units[] = "KMGTPE";
	if (b < 1024) {
		printf("%llu\t%s\n", b, name);
		return;
	}
	unsigned long long div = 1024;
	int u = 0;
	while (b / div >= 1024 && units[u + 1]) {
		div *= 1024;
		u++;
	}
	unsigned long long tenths = (b * 10 + div - 1) / div;      /* ceil(b / div * 10) */
	if (tenths < 100) {
		printf("%llu.%llu%c\t%s\n", tenths / 10, tenths % 10, units[u], name);
		return;
	}
	unsigned long long whole = (b + div - 1) / div;
	if (whole >= 1024 && units[u + 1])
		printf("1.0%c\t%s\n", units[u + 1], name);
	else
		printf("%llu%c\t%s\n", whole, units[u], name);
}

static unsigned long long size_of(const struct stat *st)
{
	return bytes ? (unsigned long long)st->st_size : (unsigned long long)st->st_blocks * 512;
}

/* The space under path (printing what the options ask for on the way). */
static unsigned long long walk(const char *path, int depth, bool top)
{
	struct stat st;
	if (lstat(path, &st) < 0) {
		warn("cannot access '%s': %s", path, strerror(errno));
		status = 1;
		return 0;
	}
	if (!first_time(&st))
		return 0;
	unsigned long long total = size_of(&st);
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (!d) {
			warn("cannot read directory '%s': %s", path, strerror(errno));
			status = 1;
		} else {
			struct dirent *e;
			while ((e = readdir(d))) {
				if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
					continue;
				char *sub = path_join(path, e->d_name);
				total += walk(sub, depth + 1, false);
				free(sub);
			}
			closedir(d);
		}
	}
	bool shown_depth = max_depth < 0 || depth <= max_depth;
	if (top || (!summarize && shown_depth && (S_ISDIR(st.st_mode) || all)))
		print_size(total, path);
	return total;
}

int main(int argc, char **argv)
{
	cmd_init("du", text);
	bool grand = false;
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help"))
			usage(0);
	int c;
	while ((c = getopt(argc, argv, "ascbhkd:")) != -1) {
		switch (c) {
		case 'a': all = true; break;
		case 's': summarize = true; break;
		case 'c': grand = true; break;
		case 'h': human = true; break;
		case 'b': bytes = true; break;
		case 'k': human = false; bytes = false; break;
		case 'd':
			if (!parse_long(optarg, &max_depth) || max_depth < 0)
				die("invalid maximum depth '%s'", optarg);
			break;
		default: usage(1);
		}
	}
	if (summarize && all)
		die("cannot both summarize and show all entries");
	if (summarize && max_depth > 0)
		die("warning: summarizing conflicts with --max-depth=%ld", max_depth);
	unsigned long long sum = 0;
	hash_all = argc - optind > 1;
	if (optind == argc)
		sum += walk(".", 0, true);
	for (int i = optind; i < argc; i++)
		sum += walk(argv[i], 0, true);
	if (grand)
		print_size(sum, "total");
	if (fflush(stdout))
		return 1;
	return status;
}
