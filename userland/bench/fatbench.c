/* fatbench DIR DEVICE: sequential file throughput on a mounted FAT file
 * system, in CPU counter ticks per byte (guest instructions under QEMU's
 * -icount: scripts/disktest.py's bench mode boots it so).
 *
 *   write     8 MiB in 64 KiB write()s into DIR/bench.dat, then fsync
 *   cached    read it back: every block is in the block cache
 *   uncached  unmount and mount DEVICE on DIR again (the cache forgets the
 *             disk), then read it: every block comes from the disk
 *
 * Each line: "fatbench: <what> <bytes> bytes <ticks/byte>.<hundredths> ticks/byte". */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include "counter.h"

#define TOTAL (8u << 20)
#define CHUNK (64u << 10)

static char buf[CHUNK];

static void report(const char *what, uint64_t ticks)
{
	uint64_t h = ticks * 100 / TOTAL;
	printf("fatbench: %s %u bytes %llu.%02llu ticks/byte\n", what, TOTAL, (unsigned long long)(h / 100),
	       (unsigned long long)(h % 100));
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
	uint64_t t0 = counter();
	for (unsigned done = 0; done < TOTAL; done += CHUNK)
		if (write(fd, buf, CHUNK) != (ssize_t)CHUNK) {
			perror("write");
			return 1;
		}
	uint64_t t1 = counter();
	fsync(fd);
	uint64_t t2 = counter();
	close(fd);
	report("write (into the cache)", t1 - t0);
	report("write + fsync", t2 - t0);
	t0 = counter();
	if (read_all(path) < 0) {
		perror("read");
		return 1;
	}
	report("read cached", counter() - t0);
	if (umount(argv[1]) < 0 || mount(argv[2], argv[1], "vfat", 0, NULL) < 0) {
		perror("remount");
		return 1;
	}
	t0 = counter();
	if (read_all(path) < 0) {
		perror("read");
		return 1;
	}
	report("read uncached", counter() - t0);
	unlink(path);
	printf("fatbench: done\n");
	return 0;
}
