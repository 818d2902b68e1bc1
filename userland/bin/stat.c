/* stat: everything the inode says about files, in GNU stat's layout, or in
 * a format of %-sequences (-c, --printf). */
#include "common.h"
#include "procs.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char text[] =
	"[-L] [-c FORMAT | --printf=FORMAT] FILE...\n"
	"Show the status of each FILE.\n"
	"  -L  follow symbolic links    -c  FORMAT (a newline after each file)\n"
	"  --printf=FORMAT  FORMAT with backslash escapes, no newline added\n"
	"FORMAT: %n name  %N quoted name (-> target)  %s size  %b blocks  %B block unit\n"
	"  %o I/O block  %f raw mode (hex)  %F type  %a mode (octal)  %A mode (rwx)\n"
	"  %h links  %i inode  %u %U owner ID, name  %g %G group ID, name\n"
	"  %d %D device (decimal, hex)  %t %T device type major, minor (hex)\n"
	"  %x %y %z access, modify, change time  %X %Y %Z as seconds since 1970\n"
	"  %w %W birth time (unknown: - and 0)  %% a %\n";

static unsigned dev_major(unsigned long long d)
{
	return (unsigned)(((d >> 8) & 0xfff) | ((d >> 32) & ~0xfffull));
}

static unsigned dev_minor(unsigned long long d)
{
	return (unsigned)((d & 0xff) | ((d >> 12) & ~0xffull));
}

static const char *type_name(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFREG: return st->st_size ? "regular file" : "regular empty file";
	case S_IFDIR: return "directory";
	case S_IFLNK: return "symbolic link";
	case S_IFCHR: return "character special file";
	case S_IFBLK: return "block special file";
	case S_IFIFO: return "fifo";
	case S_IFSOCK: return "socket";
	}
	return "weird file";
}

static void mode_string(mode_t m, char out[11])
{
	const char *types = "?pc?d?b?-?l?s???";
	out[0] = types[(m & S_IFMT) >> 12];
	static const char rwx[] = "rwxrwxrwx";
	for (int i = 0; i < 9; i++)
		out[1 + i] = m & (0400 >> i) ? rwx[i] : '-';
	if (m & S_ISUID)
		out[3] = m & S_IXUSR ? 's' : 'S';
	if (m & S_ISGID)
		out[6] = m & S_IXGRP ? 's' : 'S';
	if (m & S_ISVTX)
		out[9] = m & S_IXOTH ? 't' : 'T';
	out[10] = 0;
}

static void time_string(const struct timespec *ts, char *buf, size_t size)
{
	struct tm tm;
	time_t t = ts->tv_sec;
	localtime_r(&t, &tm);
	char date[64], zone[16];
	strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
	strftime(zone, sizeof zone, "%z", &tm);
	snprintf(buf, size, "%s.%09ld %s", date, (long)ts->tv_nsec, zone);
}

/* GNU's %N quotes names in formats of -c (shell-escape-always: "it's" in
 * double quotes when that needs no escapes, else 'single' ones with '\''
 * for a quote); its default format shows them as they are. */
static bool quote_always;

static void quoted(const char *s, char *buf, size_t size)
{
	if (!quote_always) {
		snprintf(buf, size, "%s", s);
		return;
	}
	if (strchr(s, '\'') && !strpbrk(s, "$`\\\"!")) {
		snprintf(buf, size, "\"%s\"", s);
		return;
	}
	size_t n = 0;
	buf[n++] = '\'';
	for (const char *p = s; *p && n + 5 < size; p++) {
		if (*p == '\'') {
			memcpy(buf + n, "'\\''", 4);
			n += 4;
		} else {
			buf[n++] = *p;
		}
	}
	buf[n++] = '\'';
	buf[n] = 0;
}

/* One %-sequence's text; the flags and width are applied by the caller. */
static void conversion(char conv, const char *name, const struct stat *st, char *buf, size_t size, bool *numeric)
{
	char tmp[4200];
	*numeric = true;
	switch (conv) {
	case 'n': *numeric = false; snprintf(buf, size, "%s", name); break;
	case 'N':
		*numeric = false;
		quoted(name, buf, size);
		if (S_ISLNK(st->st_mode)) {
			char target[4096];
			ssize_t t = readlink(name, target, sizeof target - 1);
			if (t >= 0) {
				target[t] = 0;
				quoted(target, tmp, sizeof tmp);
				size_t l = strlen(buf);
				snprintf(buf + l, size - l, " -> %s", tmp);
			}
		}
		break;
	case 's': snprintf(buf, size, "%lld", (long long)st->st_size); break;
	case 'b': snprintf(buf, size, "%lld", (long long)st->st_blocks); break;
	case 'B': snprintf(buf, size, "512"); break;
	case 'o': snprintf(buf, size, "%ld", (long)st->st_blksize); break;
	case 'f': snprintf(buf, size, "%x", (unsigned)st->st_mode); break;
	case 'F': *numeric = false; snprintf(buf, size, "%s", type_name(st)); break;
	case 'a': snprintf(buf, size, "%o", (unsigned)st->st_mode & 07777); break;
	case 'A': *numeric = false; mode_string(st->st_mode, buf); break;
	case 'h': snprintf(buf, size, "%lu", (unsigned long)st->st_nlink); break;
	case 'i': snprintf(buf, size, "%llu", (unsigned long long)st->st_ino); break;
	case 'u': snprintf(buf, size, "%u", (unsigned)st->st_uid); break;
	case 'U':
		*numeric = false;
		if (!id_name("/etc/passwd", st->st_uid, buf, size))
			snprintf(buf, size, "UNKNOWN");
		break;
	case 'g': snprintf(buf, size, "%u", (unsigned)st->st_gid); break;
	case 'G':
		*numeric = false;
		if (!id_name("/etc/group", st->st_gid, buf, size))
			snprintf(buf, size, "UNKNOWN");
		break;
	case 'd': snprintf(buf, size, "%llu", (unsigned long long)st->st_dev); break;
	case 'D': snprintf(buf, size, "%llx", (unsigned long long)st->st_dev); break;
	case 't': snprintf(buf, size, "%x", dev_major(st->st_rdev)); break;
	case 'T': snprintf(buf, size, "%x", dev_minor(st->st_rdev)); break;
	case 'x': *numeric = false; time_string(&st->st_atim, buf, size); break;
	case 'y': *numeric = false; time_string(&st->st_mtim, buf, size); break;
	case 'z': *numeric = false; time_string(&st->st_ctim, buf, size); break;
	case 'X': snprintf(buf, size, "%lld", (long long)st->st_atim.tv_sec); break;
	case 'Y': snprintf(buf, size, "%lld", (long long)st->st_mtim.tv_sec); break;
	case 'Z': snprintf(buf, size, "%lld", (long long)st->st_ctim.tv_sec); break;
	case 'w': *numeric = false; snprintf(buf, size, "-"); break;
	case 'W': snprintf(buf, size, "0"); break;
	default: *numeric = false; snprintf(buf, size, "?%c", conv); break;
	}
}

static int escape_char(const char **pp)
{
	const char *p = *pp;
	int c;
	switch (*p) {
	case 'n': c = '\n'; break;
	case 't': c = '\t'; break;
	case 'r': c = '\r'; break;
	case 'a': c = '\a'; break;
	case 'b': c = '\b'; break;
	case 'f': c = '\f'; break;
	case 'v': c = '\v'; break;
	case 'e': c = 27; break;
	case '\\': c = '\\'; break;
	case '"': c = '"'; break;
	case 'x': {
		c = 0;
		int k = 0;
		for (p++; k < 2 && ((*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'f')); k++, p++)
			c = c * 16 + (*p <= '9' ? *p - '0' : (*p | 32) - 'a' + 10);
		*pp = p;
		return k ? c : 'x';
	}
	case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
		c = 0;
		for (int k = 0; k < 3 && *p >= '0' && *p <= '7'; k++)
			c = c * 8 + (*p++ - '0');
		*pp = p;
		return c;
	}
	default: c = (unsigned char)*p; break;   /* GNU warns, and prints it */
	}
	*pp = p + 1;
	return c;
}

static void print_format(const char *fmt, const char *name, const struct stat *st, bool escapes)
{
	for (const char *p = fmt; *p;) {
		if (escapes && *p == '\\' && p[1]) {
			p++;
			putchar(escape_char(&p));
			continue;
		}
		if (*p != '%') {
			putchar(*p++);
			continue;
		}
		p++;
		if (*p == '%') {
			putchar('%');
			p++;
			continue;
		}
		/* flags and width: "%-10s", "%04a", "%10.10A" */
		char spec[32] = "%";
		size_t k = 1;
		while (*p && strchr("-0 +#'", *p) && k < 8)
			spec[k++] = *p++;
		while (*p >= '0' && *p <= '9' && k < 16)
			spec[k++] = *p++;
		if (*p == '.') {
			spec[k++] = *p++;
			while (*p >= '0' && *p <= '9' && k < 24)
				spec[k++] = *p++;
		}
		if (!*p) {
			fputs(spec, stdout);
			break;
		}
		char val[8400];
		bool numeric;
		conversion(*p++, name, st, val, sizeof val, &numeric);
		/* numbers take the 0 flag: print them as strings but pad with 0 */
		bool zero = numeric && strchr(spec, '0') && !strchr(spec, '-') && strchr(spec, '0') < spec + 2;
		if (zero) {
			int w = atoi(spec + 2);
			int len = (int)strlen(val);
			for (int i = len; i < w; i++)
				putchar('0');
			fputs(val, stdout);
		} else {
			spec[k++] = 's';
			spec[k] = 0;
			printf(spec, val);
		}
	}
}

static void print_default(const char *name, const struct stat *st)
{
	char fmt[512];
	/* the device's major and minor numbers, then the rest */
	unsigned long long dev = st->st_dev;
	const char *links = S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode) ? "%-5h Device type: %Hr,%Lr" : "%h";
	snprintf(fmt, sizeof fmt,
		 "  File: %%N\n"
		 "  Size: %%-10s\tBlocks: %%-10b IO Block: %%-6o %%F\n"
		 "Device: %u,%u\tInode: %%-11i Links: %s\n"
		 "Access: (%%04a/%%10.10A)  Uid: (%%5u/%%8U)   Gid: (%%5g/%%8G)\n"
		 "Access: %%x\nModify: %%y\nChange: %%z\n Birth: %%w\n",
		 dev_major(dev), dev_minor(dev), links);
	/* %Hr,%Lr: the device type's major and minor in decimal */
	char *r = strstr(fmt, "%Hr,%Lr");
	if (r) {
		char tail[512];
		snprintf(tail, sizeof tail, "%u,%u%s", dev_major(st->st_rdev), dev_minor(st->st_rdev), r + 7);
		strcpy(r, tail);
	}
	print_format(fmt, name, st, false);
}

int main(int argc, char **argv)
{
	cmd_init("stat", text);
	const char *format = NULL;
	bool follow = false, escapes = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help"))
			usage(0);
		else if (!strcmp(a, "--"))
			{ i++; break; }
		else if (!strcmp(a, "-L") || !strcmp(a, "--dereference"))
			follow = true;
		else if (!strncmp(a, "--printf=", 9))
			{ format = a + 9; escapes = true; }
		else if (!strncmp(a, "--format=", 9))
			format = a + 9;
		else if (!strcmp(a, "-c") && i + 1 < argc)
			format = argv[++i];
		else if (!strncmp(a, "-c", 2) && a[2])
			format = a + 2;
		else
			usage(1);
	}
	if (i >= argc) {
		warn("missing operand");
		usage(1);
	}
	int status = 0;
	for (; i < argc; i++) {
		struct stat st;
		if ((follow ? stat(argv[i], &st) : lstat(argv[i], &st)) < 0) {
			warn("cannot stat '%s': %s", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		quote_always = format != NULL;
		if (format) {
			print_format(format, argv[i], &st, escapes);
			if (!escapes)
				putchar('\n');
		} else {
			print_default(argv[i], &st);
		}
	}
	return fflush(stdout) ? 1 : status;
}
