/* Block devices through /dev (run by boot.*.block*, where the host attaches
 * a disk image it made: scripts/blocktest.py).  The image has a partition
 * table (MBR or GPT) with vda1 = sectors 2048 + 20001 filled with pattern 1
 * and vda2 = sectors 24576 + 8192 with pattern 3.  The guest reads them
 * back at odd offsets, rewrites parts (partial sectors: read-modify-write),
 * fsyncs, and the host checks the image after QEMU has ended.  Figures:
 * nanoseconds per byte of a large sequential read and write, the read()
 * and write() calls only (= guest instructions: the tests run under
 * -icount shift=0).  Without a disk the tests skip. */
#include "utests.h"
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/mount.h>

#define P1_START 2048ull
#define P1_SECTORS 20001ull
#define P2_START 24576ull
#define P2_SECTORS 8192ull
#define W_OFF (5ull * 1048576 + 77)      /* the rewritten range in vda1 */
#define W_LEN (1048576u + 333)

/* The byte at off of pattern seed (scripts/blocktest.py has the same). */
static uint8_t pattern(unsigned seed, uint64_t off)
{
	return (uint8_t)(((off * 2654435761ull) >> 16) ^ (seed * 0x9eu) ^ (off >> 9));
}

static void fill(uint8_t *b, size_t n, unsigned seed, uint64_t off)
{
	for (size_t i = 0; i < n; i++)
		b[i] = pattern(seed, off + i);
}

static void expect(const uint8_t *b, size_t n, unsigned seed, uint64_t off, const char *what)
{
	for (size_t i = 0; i < n; i++)
		if (b[i] != pattern(seed, off + i))
			fail("%s: byte %llu is %#x, want %#x", what, (unsigned long long)(off + i), b[i],
			     pattern(seed, off + i));
}

/* Only Ringel with the test's disk: never a Linux host's own /dev/vda. */
static void need_disk(void)
{
	if (on_linux)
		skip("not on Linux: /dev/vda would be the host's own disk");
	if (access("/dev/vda", F_OK) != 0)
		skip("no /dev/vda (the boot.*.block tests attach a disk)");
}

/* Before writing: vda1 starts with pattern 1, so this is the test image. */
static void need_test_image(void)
{
	uint8_t b[512];
	int fd = open("/dev/vda1", O_RDONLY);
	CHECK_OK(fd);
	CHECK(read(fd, b, sizeof b) == (ssize_t)sizeof b, "read vda1");
	close(fd);
	for (size_t i = 0; i < sizeof b; i++)
		if (b[i] != pattern(1, i))
			skip("/dev/vda1 does not hold the test pattern: not writing to it");
}

/* Nanoseconds the kernel has been idle, waiting for interrupts (Ringel's
 * /proc/idletime). */
static uint64_t idle_ns(void)
{
	char buf[32] = "";
	int fd = open("/proc/idletime", O_RDONLY);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	return n > 0 ? strtoull(buf, NULL, 10) : 0;
}

/* Print a figure: elapsed time, the part not idle, per byte. */
static void figure(const char *what, uint64_t bytes, uint64_t ns, uint64_t idle_ns)
{
	uint64_t busy = ns > idle_ns ? ns - idle_ns : 0;
	printf("bench: %s, %llu bytes: %llu ns, %llu ns busy (not waiting for the device): "
	       "%llu.%02llu ns busy per byte (= guest instructions under -icount shift=0)\n", what,
	       (unsigned long long)bytes, (unsigned long long)ns, (unsigned long long)busy,
	       (unsigned long long)(busy / bytes), (unsigned long long)(busy * 100 / bytes % 100));
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

UTEST(block_partitions)
{
	need_disk();
	char buf[2048];
	int fd = open("/proc/partitions", O_RDONLY);
	CHECK_OK(fd);
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	CHECK(n > 0, "empty /proc/partitions");
	buf[n] = '\0';
	CHECK(strncmp(buf, "major minor  #blocks  name\n\n", 28) == 0, "header: %.40s", buf);
	CHECK(strstr(buf, " 254        0      32768 vda\n"), "no vda line in\n%s", buf);
	CHECK(strstr(buf, " 254        1      10000 vda1\n"), "no vda1 line in\n%s", buf);
	CHECK(strstr(buf, " 254        2       4096 vda2\n"), "no vda2 line in\n%s", buf);
	struct stat st;
	CHECK_OK(stat("/dev/vda1", &st));
	CHECK(S_ISBLK(st.st_mode), "/dev/vda1 mode %o", st.st_mode);
	CHECK(st.st_rdev == (254 << 8 | 1), "/dev/vda1 rdev %#lx", (unsigned long)st.st_rdev);
}

UTEST(block_ioctl_seek)
{
	need_disk();
	int fd = open("/dev/vda1", O_RDONLY);
	CHECK_OK(fd);
	uint64_t size = 0;
	int ssz = 0;
	CHECK_OK(ioctl(fd, BLKGETSIZE64, &size));
	CHECK(size == P1_SECTORS * 512, "BLKGETSIZE64 %llu", (unsigned long long)size);
	CHECK_OK(ioctl(fd, BLKSSZGET, &ssz));
	CHECK(ssz == 512, "BLKSSZGET %d", ssz);
	CHECK(lseek(fd, 0, SEEK_END) == (off_t)size, "SEEK_END");
	char c;
	CHECK(read(fd, &c, 1) == 0, "read at the end");
	CHECK_ERR(ioctl(fd, BLKGETSIZE64, (void *)8), EFAULT);
	close(fd);
}

/* Read vda1 whole, in 1 MiB reads: the pattern, and the read figure. */
UTEST_T(block_read_pattern, 120)
{
	need_disk();
	int fd = open("/dev/vda1", O_RDONLY);
	CHECK_OK(fd);
	size_t chunk = 1 << 20;
	uint8_t *b = malloc(chunk);
	CHECK(b, "malloc");
	uint64_t total = P1_SECTORS * 512, off = 0;
	/* the figure: reads only */
	uint64_t i0 = idle_ns(), t0 = now_ns();
	while (read(fd, b, chunk) > 0)
		;
	figure("sequential read through /dev/vda1 (1 MiB reads)", total, now_ns() - t0,
	       idle_ns() - i0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0, "lseek");
	while (off < total) {
		ssize_t n = read(fd, b, chunk);
		CHECK(n > 0, "read at %llu: %zd (%s)", (unsigned long long)off, n, strerror(errno));
		expect(b, (size_t)n, 1, off, "vda1");
		off += (uint64_t)n;
	}
	/* odd offsets, through the partition and through the disk */
	uint64_t odd = 4ull * 1048576 + 123;
	CHECK(pread(fd, b, 4567, (off_t)odd) == 4567, "pread");
	expect(b, 4567, 1, odd, "vda1 at 4 MiB + 123");
	int dfd = open("/dev/vda", O_RDONLY);
	CHECK_OK(dfd);
	CHECK(pread(dfd, b, 3001, (off_t)(P1_START * 512 + odd + 1)) == 3001, "pread vda");
	expect(b, 3001, 1, odd + 1, "vda at vda1 + 4 MiB + 124");
	close(dfd);
	free(b);
	close(fd);
}

/* Rewrite an unaligned range of vda1 and its last 50 bytes with pattern 2,
 * vda2 whole with pattern 4 (the write figure); fsync. */
UTEST_T(block_write_pattern, 120)
{
	need_disk();
	need_test_image();
	int fd = open("/dev/vda1", O_RDWR);
	CHECK_OK(fd);
	uint8_t *b = malloc(W_LEN);
	CHECK(b, "malloc");
	fill(b, W_LEN, 2, W_OFF);
	CHECK(pwrite(fd, b, W_LEN, (off_t)W_OFF) == (ssize_t)W_LEN, "pwrite: %s", strerror(errno));
	uint64_t end = P1_SECTORS * 512;
	fill(b, 100, 2, end - 50);
	CHECK(pwrite(fd, b, 100, (off_t)(end - 50)) == 50, "a write across the end writes up to it");
	CHECK_ERR(pwrite(fd, b, 10, (off_t)end), ENOSPC);
	CHECK_OK(fsync(fd));
	/* read back around the edges of the rewritten range */
	CHECK(pread(fd, b, 1000, (off_t)(W_OFF - 500)) == 1000, "pread");
	expect(b, 500, 1, W_OFF - 500, "before the rewrite");
	expect(b + 500, 500, 2, W_OFF, "the rewrite's start");
	CHECK(pread(fd, b, 1000, (off_t)(W_OFF + W_LEN - 500)) == 1000, "pread");
	expect(b, 500, 2, W_OFF + W_LEN - 500, "the rewrite's end");
	expect(b + 500, 500, 1, W_OFF + W_LEN, "after the rewrite");
	close(fd);
	free(b);

	fd = open("/dev/vda2", O_WRONLY);
	CHECK_OK(fd);
	size_t chunk = 1 << 20;
	b = malloc(chunk);
	uint64_t total = P2_SECTORS * 512, t_fill = 0, i0 = idle_ns(), t0 = now_ns();
	for (uint64_t off = 0; off < total; off += chunk) {
		uint64_t f0 = now_ns();
		fill(b, chunk, 4, off);
		t_fill += now_ns() - f0;
		CHECK(write(fd, b, chunk) == (ssize_t)chunk, "write at %llu", (unsigned long long)off);
	}
	CHECK_OK(fsync(fd));
	figure("sequential write through /dev/vda2 (1 MiB writes, fsync)", total,
	       now_ns() - t0 - t_fill, idle_ns() - i0);
	free(b);
	close(fd);
}

/* boot.*.block-garbled: the disk's table is damaged; the kernel refused it
 * (the boot test checks the message) and the disk alone is there. */
UTEST(garbled_table)
{
	need_disk();
	CHECK(access("/dev/vda1", F_OK) != 0, "/dev/vda1 exists: the garbled table was accepted");
	int fd = open("/dev/vda", O_RDONLY);
	CHECK_OK(fd);
	char b[512];
	CHECK(read(fd, b, 512) == 512, "the disk itself reads");
	close(fd);
}

/* The wall clock was set from the machine's real-time clock at boot (the
 * host compares the date the kernel printed with its own: blocktest.py),
 * and clock_settime moves it. */
UTEST(block_wallclock)
{
	if (on_linux)
		skip("Linux's clock is the host's");
	time_t now = time(NULL);
	/* The machines the block tests boot (q35, virt) have a clock; the
	 * Raspberry Pi has none and starts in 1970. */
	if (access("/dev/vda", F_OK) == 0)
		CHECK(now > 1704067200, "time() is %lld: before 2024, the RTC was not read", (long long)now);
	struct timespec ts = { 2000000000, 0 }, back;   /* 2033-05-18 */
	CHECK_OK(clock_settime(CLOCK_REALTIME, &ts));
	CHECK_OK(clock_gettime(CLOCK_REALTIME, &back));
	CHECK(back.tv_sec >= 2000000000 && back.tv_sec < 2000000010, "after settime: %lld",
	      (long long)back.tv_sec);
	ts.tv_sec = now;
	CHECK_OK(clock_settime(CLOCK_REALTIME, &ts));
	ts.tv_nsec = 1000000000;
	CHECK_ERR(clock_settime(CLOCK_REALTIME, &ts), EINVAL);
	CHECK_ERR(clock_settime(CLOCK_MONOTONIC, &ts), EINVAL);
}

/* boot.raspi3b.sd-card: the SD card (Ringel's own SD image) as mmcblk0,
 * its FAT32 boot partition as mmcblk0p1 (mkimage.sh: at 1 MiB, label
 * RINGEL).  The one write goes to the gap before the partition and is
 * undone. */
UTEST(mmc_card)
{
	if (on_linux)
		skip("not on Linux");
	if (access("/dev/mmcblk0", F_OK) != 0)
		skip("no /dev/mmcblk0 (boot.raspi3b.sd-card has the card)");
	char buf[2048];
	int fd = open("/proc/partitions", O_RDONLY);
	CHECK_OK(fd);
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	CHECK(strstr(buf, " 179        0 ") && strstr(buf, " 179        1 "), "/proc/partitions:\n%s", buf);
	uint8_t bs[512], raw[512];
	fd = open("/dev/mmcblk0p1", O_RDONLY);
	CHECK_OK(fd);
	CHECK(read(fd, bs, 512) == 512, "read mmcblk0p1");
	close(fd);
	CHECK(bs[510] == 0x55 && bs[511] == 0xaa, "no boot-sector signature");
	CHECK(memcmp(bs + 0x52, "FAT32   ", 8) == 0, "not FAT32: %.8s", (char *)bs + 0x52);
	CHECK(memcmp(bs + 0x47, "RINGEL", 6) == 0, "label %.11s", (char *)bs + 0x47);
	fd = open("/dev/mmcblk0", O_RDWR);
	CHECK_OK(fd);
	CHECK(pread(fd, raw, 512, 2048 * 512) == 512 && memcmp(raw, bs, 512) == 0,
	      "mmcblk0 at 1 MiB is not mmcblk0p1");
	uint8_t old[700], pat[700], back[700];
	off_t at = 2047 * 512 - 100;                   /* across a sector boundary, in the gap */
	CHECK(pread(fd, old, sizeof old, at) == (ssize_t)sizeof old, "pread");
	fill(pat, sizeof pat, 5, (uint64_t)at);
	CHECK(pwrite(fd, pat, sizeof pat, at) == (ssize_t)sizeof pat, "pwrite: %s", strerror(errno));
	CHECK(pread(fd, back, sizeof back, at) == (ssize_t)sizeof back, "pread");
	CHECK(memcmp(back, pat, sizeof pat) == 0, "the written bytes do not read back");
	CHECK(pwrite(fd, old, sizeof old, at) == (ssize_t)sizeof old, "restore");
	close(fd);

	/* The card's FAT partition through the file system: the firmware's
	 * files are there, and a file written, synced and unmounted reads
	 * back the same after a fresh mount (init mounts it on /boot in a
	 * normal boot; this test runs as init, so it mounts its own). */
	const char *dir = "/tmp/sdcard";
	mkdir(dir, 0755);
	CHECK(mount("/dev/mmcblk0p1", dir, "vfat", 0, NULL) == 0, "mount: %s", strerror(errno));
	CHECK(access("/tmp/sdcard/config.txt", F_OK) == 0, "no config.txt on the card");
	enum { BIG = 300 * 1024 + 17 };
	uint8_t *big = malloc(BIG), *again = malloc(BIG);
	CHECK(big && again, "malloc");
	fill(big, BIG, 9, 0);
	fd = open("/tmp/sdcard/ringel-test.bin", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	CHECK_OK(fd);
	CHECK(write(fd, big, BIG) == BIG, "write: %s", strerror(errno));
	CHECK(fsync(fd) == 0, "fsync: %s", strerror(errno));
	close(fd);
	CHECK(umount2(dir, 0) == 0, "umount: %s", strerror(errno));
	CHECK(mount("/dev/mmcblk0p1", dir, "vfat", 0, NULL) == 0, "mount again: %s", strerror(errno));
	fd = open("/tmp/sdcard/ringel-test.bin", O_RDONLY);
	CHECK_OK(fd);
	CHECK(read(fd, again, BIG) == BIG && memcmp(big, again, BIG) == 0, "the file did not read back");
	close(fd);
	CHECK(unlink("/tmp/sdcard/ringel-test.bin") == 0, "unlink: %s", strerror(errno));
	CHECK(umount2(dir, 0) == 0, "umount: %s", strerror(errno));
	free(big);
	free(again);
}
