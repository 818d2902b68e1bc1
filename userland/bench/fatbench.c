/* fatbench DIR DEVICE: sequential file throughput on a mounted FAT file
 * system, in CPU counter ticks per byte (guest instructions under QEMU's
 * -icount: scripts/disktest.py's bench mode boots it so).
 *
 *   write     8 MiB in 64 KiB write()s into DIR/bench.dat, then fsync
 *   cached    read it back: every block is in the block cache
 *   uncached  unmount and mount DEVICE on DIR again (the cache forgets the
 *             disk), then read it: every block comes from the disk
 *
 * Waiting for the disk is idle time, and under -icount an idle CPU lets
 * the virtual clock jump to the next timer tick, so raw ticks say more
 * about the timer than the code: each figure is also given as busy ticks,
 * the ticks scaled by the share of the time the CPU was not idle
 * (/proc/idletime, Ringel's own), i.e. guest instructions spent.
 *
 * Each line: "fatbench: <what> <bytes> bytes <t>.<hh> ticks/byte, busy <b>.<hh> ticks/byte". */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include "counter.h"

#define TOTAL (8u << 20)
#define CHUNK (64u << 10)

static char buf[CHUNK];

struct mark {
	uint64_t ticks, ns, idle_ns;
};

static uint64_t idle_ns(void)
{
	char text[64] = "";
	int fd = open("/proc/idletime", O_RDONLY);
	if (fd >= 0) {
		ssize_t n = read(fd, text, sizeof text - 1);
		text[n > 0 ? n : 0] = 0;
		close(fd);
	}
	return strtoull(text, NULL, 10);
}

static struct mark mark(void)
{
	struct mark m;
	struct timespec ts;
	m.idle_ns = idle_ns();
	clock_gettime(CLOCK_MONOTONIC, &ts);
	m.ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	m.ticks = counter();
	return m;
}

static void report(const char *what, struct mark a)
{
	struct mark b = mark();
	uint64_t ticks = b.ticks - a.ticks, ns = b.ns - a.ns, idle = b.idle_ns - a.idle_ns;
	uint64_t busy = ns && idle < ns ? (uint64_t)((double)ticks * (double)(ns - idle) / (double)ns) : ticks;
	uint64_t h = ticks * 100 / TOTAL, bh = busy * 100 / TOTAL;
	printf("fatbench: %s %u bytes %llu.%02llu ticks/byte, busy %llu.%02llu ticks/byte\n", what, TOTAL,
	       (unsigned long long)(h / 100), (unsigned long long)(h % 100), (unsigned long long)(bh / 100),
	       (unsigned long long)(bh % 100));
}

static int read_all(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	size_t got = 0;
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		got += (size_t)n;
	close(fd);
	return got == TOTAL ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: fatbench DIR DEVICE\n");
		return 2;
	}
	char path[256];
	snprintf(path, sizeof path, "%s/bench.dat", argv[1]);
	memset(buf, 'b', sizeof buf);
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	struct mark t0 = mark();
	for (unsigned done = 0; done < TOTAL; done += CHUNK)
		if (write(fd, buf, CHUNK) != (ssize_t)CHUNK) {
			perror("write");
			return 1;
		}
	report("write (into the cache)", t0);
	fsync(fd);
	close(fd);
	report("write + fsync", t0);
	t0 = mark();
	if (read_all(path) < 0) {
		perror("read");
		return 1;
	}
	report("read cached", t0);
	if (umount(argv[1]) < 0 || mount(argv[2], argv[1], "vfat", 0, NULL) < 0) {
		perror("remount");
		return 1;
	}
	t0 = mark();
	if (read_all(path) < 0) {
		perror("read");
		return 1;
	}
	report("read uncached", t0);
	unlink(path);
	printf("fatbench: done\n");
	return 0;
}
