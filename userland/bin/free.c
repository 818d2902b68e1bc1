/* free: how much memory is used and free, from /proc/meminfo. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-k|-m|-H]\n"
	"Show the machine's memory in KiB (-k, the default), MiB (-m) or readable units (-H),\n"
	"as the kernel's page allocator counts it (/proc/meminfo).\n";

static char *info;

/* The number after "Key:" in /proc/meminfo, in KiB; -1 if absent. */
static long field(const char *key)
{
	char v[32];
	return text_value(info, key, v, sizeof v) ? strtol(v, NULL, 10) : -1;
}

static char unit = 'k';

static void put(long kib)
{
	if (kib < 0)
		kib = 0;
	if (unit == 'm') {
		printf(" %11ld", kib / 1024);
	} else if (unit == 'h') {
		char buf[16];
		if (kib >= 10 * 1024 * 1024)
			snprintf(buf, sizeof buf, "%ldGi", kib / (1024 * 1024));
		else if (kib >= 10 * 1024)
			snprintf(buf, sizeof buf, "%ldMi", kib / 1024);
		else
			snprintf(buf, sizeof buf, "%ldKi", kib);
		printf(" %11s", buf);
	} else {
		printf(" %11ld", kib);
	}
}

int main(int argc, char **argv)
{
	cmd_init("free", text);
	int c;
	while ((c = getopt(argc, argv, "hkmH")) != -1) {
		if (c == 'k' || c == 'm')
			unit = (char)c;
		else if (c == 'H')
			unit = 'h';
		else
			usage(c == 'h' ? 0 : 1);
	}
	if (optind != argc)
		usage(1);
	if (!(info = read_file("/proc/meminfo", NULL)))
		die_errno("/proc/meminfo");
	long total = field("MemTotal"), freek = field("MemFree"), avail = field("MemAvailable");
	long shmem = field("Shmem"), heap = field("KHeap");
	printf("%-6s %11s %11s %11s %11s %11s %11s\n", "", "total", "used", "free", "shared", "kheap",
	       "available");
	printf("%-6s", "Mem:");
	put(total);
	put(total - freek);
	put(freek);
	put(shmem);
	put(heap);
	put(avail);
	putchar('\n');
	printf("%-6s", "Swap:");
	put(field("SwapTotal"));
	put(0);
	put(field("SwapFree"));
	putchar('\n');
	return fflush(stdout) ? 1 : 0;
}
