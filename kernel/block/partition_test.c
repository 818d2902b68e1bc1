/* Host test of the partition parser and the block registry.  Oracle:
 * util-linux sfdisk makes each image from a script and its --json dump says
 * where every partition is; our parse must list the same numbers, starts and
 * sizes.  Then the images are damaged on purpose (overlaps, entries past the
 * end, a loop of extended boot records, GPT CRCs) and every damaged table
 * must be refused with a message, or for a bad primary GPT header, read
 * from the backup.  Last, a disk with its partitions through the registry:
 * offsets added, ranges checked, read-only refused.
 *
 *   partition_test SFDISK */
#define _GNU_SOURCE
#include "partition.h"
#include "block.h"
#include <check.h>
#include <crc32.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
/* Linux's dev_t encoding, as <vfs.h> has it (that header clashes with the host's). */
#define MKDEV(ma, mi) ((uint32_t)(((ma) << 8) | ((mi) & 0xff) | (((mi) & ~0xffu) << 12)))

/* The kernel's heap, on the host. */
void *kmalloc(size_t n) { return malloc(n); }
void *kzalloc(size_t n) { return calloc(1, n); }
void kfree(void *p) { free(p); }

static const char *sfdisk;
static char img[64];

/* ---------------------------------------------------------------- images */
static uint8_t *disk;        /* the image in memory */
static uint64_t disk_sectors;

static int mem_read(void *ctx, uint64_t first, void *buf, size_t count)
{
	(void)ctx;
	if (first + count > disk_sectors)
		return -1;
	memcpy(buf, disk + first * 512, count * 512);
	return 0;
}

/* Make img of the size with sfdisk from script; load it into disk. */
static bool make_image(uint64_t sectors, const char *script)
{
	int fd = open(img, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, (off_t)(sectors * 512)) < 0)
		return false;
	close(fd);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "%s --quiet --no-reread --no-tell-kernel %s >/dev/null 2>&1", sfdisk, img);
	FILE *p = popen(cmd, "w");
	if (!p)
		return false;
	fputs(script, p);
	if (pclose(p) != 0)
		return false;
	free(disk);
	disk = malloc(sectors * 512);
	disk_sectors = sectors;
	fd = open(img, O_RDONLY);
	bool ok = fd >= 0 && read(fd, disk, sectors * 512) == (ssize_t)(sectors * 512);
	close(fd);
	return ok;
}

/* The partitions sfdisk --json lists for img (number, start, size). */
static unsigned sfdisk_list(struct part_entry *out, unsigned max)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "%s --json %s 2>/dev/null", sfdisk, img);
	FILE *p = popen(cmd, "r");
	if (!p)
		return 0;
	static char json[65536];
	size_t len = fread(json, 1, sizeof json - 1, p);
	json[len] = '\0';
	pclose(p);
	unsigned n = 0;
	for (char *at = json; (at = strstr(at, "\"node\":")) && n < max; at++) {
		char *num = strstr(at, ".img");
		char *start = strstr(at, "\"start\":"), *size = strstr(at, "\"size\":");
		if (!num || !start || !size)
			break;
		/* the extended container is not registered (Linux shows it as a
		 * 1 KiB device; nothing can use that) */
		char *type = strstr(at, "\"type\": \"");
		if (type && (!strncmp(type + 9, "5\"", 2) || !strncmp(type + 9, "f\"", 2) ||
			     !strncmp(type + 9, "85\"", 3)))
			continue;
		out[n].number = (unsigned)strtoul(num + 4, NULL, 10);
		out[n].first = strtoull(start + 8, NULL, 10);
		out[n].nsectors = strtoull(size + 7, NULL, 10);
		n++;
	}
	return n;
}

static int by_number(const void *a, const void *b)
{
	const struct part_entry *x = a, *y = b;
	return (int)x->number - (int)y->number;
}

/* Our parse of disk equals sfdisk's of img. */
static void compare_with_sfdisk(const char *what, const char *kind)
{
	static struct part_table t;
	char why[PART_WHY_MAX];
	int r = partition_parse(mem_read, NULL, disk_sectors, &t, why, sizeof why);
	if (!CHECK(r == 0, "%s: refused: %s", what, why))
		return;
	CHECK(strcmp(t.kind, kind) == 0, "%s: kind %s, want %s", what, t.kind, kind);
	struct part_entry want[PART_MAX];
	unsigned n = sfdisk_list(want, PART_MAX);
	CHECK(n > 0, "%s: sfdisk lists nothing", what);
	if (!CHECK(t.n == n, "%s: %u partitions, sfdisk %u", what, t.n, n))
		return;
	qsort(t.e, t.n, sizeof t.e[0], by_number);
	for (unsigned i = 0; i < n; i++)
		CHECK(t.e[i].number == want[i].number && t.e[i].first == want[i].first &&
		      t.e[i].nsectors == want[i].nsectors,
		      "%s: partition %u at %lu+%lu, sfdisk: %u at %lu+%lu", what, t.e[i].number,
		      (unsigned long)t.e[i].first, (unsigned long)t.e[i].nsectors, want[i].number,
		      (unsigned long)want[i].first, (unsigned long)want[i].nsectors);
}

/* The parse of disk is refused with a message containing text. */
static void expect_refused(const char *what, const char *text)
{
	static struct part_table t;
	char why[PART_WHY_MAX];
	int r = partition_parse(mem_read, NULL, disk_sectors, &t, why, sizeof why);
	CHECK(r == -1 && t.n == 0, "%s: accepted (%u partitions)", what, t.n);
	CHECK(strstr(why, text) != NULL, "%s: message \"%s\" lacks \"%s\"", what, why, text);
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* MBR slot i's start/size fields. */
static uint8_t *slot(uint64_t sector, int i)
{
	return disk + sector * 512 + 446 + 16 * i;
}

/* Recompute a GPT header's CRC after editing it. */
static void gpt_fix_header(uint64_t lba)
{
	uint8_t *h = disk + lba * 512;
	uint32_t size = get32(h + 12);
	put32(h + 16, 0);
	put32(h + 16, crc32_update(0, h, size));
}

/* ---------------------------------------------------------------- cases */
static const char mbr_script[] =
	"label: dos\n"
	"start=2048, size=8191, type=c\n"
	"start=10240, size=4097, type=83\n"
	"start=16384, size=30000, type=5\n"
	"start=18432, size=2047, type=83\n"
	"start=22528, size=1001, type=82\n"
	"start=26624, type=83\n";

static const char gpt_script[] =
	"label: gpt\n"
	"start=2048, size=8191, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B\n"
	"start=12288, size=777, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n"
	"start=14336, size=20000\n"
	"start=40000\n";

static void test_mbr(void)
{
	check_group("mbr against sfdisk");
	if (CHECK(make_image(65536, mbr_script), "sfdisk made no image")) {
		compare_with_sfdisk("primaries and logicals", "mbr");
	}
	/* an empty slot leaves a gap in the numbers, as in sfdisk's list */
	if (CHECK(make_image(65536, "label: dos\nstart=2048, size=2048\nstart=8192, size=100\n"),
		  "sfdisk made no image")) {
		memcpy(slot(0, 2), slot(0, 1), 16);
		memset(slot(0, 1), 0, 16);
		int fd = open(img, O_WRONLY);
		CHECK(fd >= 0 && pwrite(fd, disk, 512, 0) == 512, "write back");
		close(fd);
		compare_with_sfdisk("slot 2 empty", "mbr");
	}
	check_group_end(NULL);

	check_group("mbr damaged");
	make_image(65536, mbr_script);
	put32(slot(0, 1) + 8, 9000);               /* 2 starts inside 1 */
	expect_refused("overlap", "overlap");
	make_image(65536, mbr_script);
	put32(slot(0, 1) + 12, 70000);             /* 2 runs past the end */
	expect_refused("past the end", "does not fit");
	make_image(65536, mbr_script);
	/* the last EBR links back to the first: a loop */
	uint64_t ebr = 16384;
	while (get32(slot(ebr, 1) + 8))
		ebr = 16384 + get32(slot(ebr, 1) + 8);
	memcpy(slot(ebr, 1), slot(16384 + get32(slot(16384, 1) + 8), 1), 16);
	slot(ebr, 1)[4] = 5;
	put32(slot(ebr, 1) + 8, 0);
	put32(slot(ebr, 1) + 12, 100);
	expect_refused("ebr loop", "loop");
	make_image(65536, mbr_script);
	put32(slot(16384, 0) + 12, 40000);         /* a logical partition leaves its container */
	expect_refused("logical outside", "outside");
	make_image(65536, mbr_script);
	memcpy(slot(0, 3), slot(0, 2), 16);        /* two extended partitions */
	expect_refused("two extended", "two extended");
	check_group_end(NULL);

	check_group("no table");
	make_image(4096, "label: dos\n");
	static struct part_table t;
	char why[PART_WHY_MAX];
	CHECK(partition_parse(mem_read, NULL, disk_sectors, &t, why, sizeof why) == 0 && t.n == 0,
	      "an empty dos label");
	memset(disk, 0, 512);
	CHECK(partition_parse(mem_read, NULL, disk_sectors, &t, why, sizeof why) == 0 &&
	      strcmp(t.kind, "none") == 0, "zeros: kind %s", t.kind);
	/* a FAT boot sector: boot code where the entries would be */
	for (int i = 0; i < 510; i++)
		disk[i] = (uint8_t)(i * 7 + 3);
	disk[510] = 0x55, disk[511] = 0xaa;
	CHECK(partition_parse(mem_read, NULL, disk_sectors, &t, why, sizeof why) == 0 && t.n == 0,
	      "a boot sector without a table: %s", why);
	check_group_end(NULL);
}

static void test_gpt(void)
{
	check_group("gpt against sfdisk");
	if (CHECK(make_image(65536, gpt_script), "sfdisk made no image"))
		compare_with_sfdisk("four partitions", "gpt");
	check_group_end(NULL);

	check_group("gpt damaged");
	static struct part_table t;
	char why[PART_WHY_MAX];
	make_image(65536, gpt_script);
	disk[512 + 24] ^= 1;                        /* MyLBA: the CRC no longer matches */
	int r = partition_parse(mem_read, NULL, disk_sectors, &t, why, sizeof why);
	CHECK(r == 0 && t.n == 4, "bad primary header: backup not used (%s)", why);
	CHECK(strstr(t.note, "backup") != NULL, "no note of the backup: \"%s\"", t.note);
	/* both headers bad */
	disk[(disk_sectors - 1) * 512 + 24] ^= 1;
	expect_refused("both headers", "bad CRC");
	/* entries edited without fixing the array CRC, in both copies */
	make_image(65536, gpt_script);
	disk[2 * 512 + 32] ^= 0x10;
	uint64_t backup_array = get32(disk + (disk_sectors - 1) * 512 + 72);
	disk[backup_array * 512 + 32] ^= 0x10;
	expect_refused("array crc", "entry array has a bad CRC");
	/* an entry past the usable range, CRCs made right: the array's, then the header's */
	make_image(65536, gpt_script);
	uint8_t *e = disk + 2 * 512 + 128;          /* entry 2 */
	put32(e + 40, 70000);
	uint32_t n = get32(disk + 512 + 80), size = get32(disk + 512 + 84);
	put32(disk + 512 + 88, crc32_update(0, disk + 2 * 512, (size_t)n * size));
	gpt_fix_header(1);
	disk[(disk_sectors - 1) * 512 + 24] ^= 1;   /* and no backup to fall back on */
	expect_refused("entry past the end", "outside the usable");
	/* overlapping entries, CRCs right */
	make_image(65536, gpt_script);
	e = disk + 2 * 512 + 128;
	put32(e + 32, 9000);                        /* 2 starts inside 1 */
	put32(disk + 512 + 88, crc32_update(0, disk + 2 * 512, (size_t)n * size));
	gpt_fix_header(1);
	disk[(disk_sectors - 1) * 512 + 24] ^= 1;
	expect_refused("gpt overlap", "overlap");
	/* an entry count that would need gigabytes */
	make_image(65536, gpt_script);
	put32(disk + 512 + 80, 0x7fffffff);
	gpt_fix_header(1);
	disk[(disk_sectors - 1) * 512 + 24] ^= 1;
	expect_refused("huge array", "entries");
	check_group_end(NULL);
}

/* ---------------------------------------------------------------- the registry */
static int dev_read(struct blkdev *d, uint64_t first, void *buf, size_t count)
{
	(void)d;
	return mem_read(NULL, first, buf, count) ? -EIO : 0;
}

static int dev_write(struct blkdev *d, uint64_t first, const void *buf, size_t count)
{
	(void)d;
	if (first + count > disk_sectors)
		return -EIO;
	memcpy(disk + first * 512, buf, count * 512);
	return 0;
}

static const struct blkdev_ops mem_ops = { .read = dev_read, .write = dev_write };

int blkdev_node_create(struct blkdev *d)
{
	(void)d;
	return 0;
}

static void test_registry(void)
{
	check_group("registry");
	make_image(65536, mbr_script);
	static struct blkdev vda = { .name = "vda", .ops = &mem_ops };
	vda.nsectors = disk_sectors;
	CHECK(blkdev_register(&vda) == 0, "register");
	CHECK(vda.rdev == MKDEV(254, 0), "vda is %#x", vda.rdev);
	struct blkdev *p1 = blkdev_by_name("vda1"), *p5 = blkdev_by_name("vda5");
	struct blkdev *p6 = blkdev_by_name("vda6");
	if (CHECK(p1 && p5 && p6 && !blkdev_by_name("vda3") && !blkdev_by_name("vda8"),
		  "partitions vda1, vda5, vda6, no vda3")) {
		CHECK(p5->rdev == MKDEV(254, 5) && blkdev_by_rdev(MKDEV(254, 5)) == p5, "vda5's number");
		CHECK(p5->first_sector == 18432 && p5->nsectors == 2047, "vda5 at %lu+%lu",
		      (unsigned long)p5->first_sector, (unsigned long)p5->nsectors);
		uint8_t buf[1024];
		memset(disk + 18432 * 512, 0xab, 512);
		CHECK(blkdev_read(p5, 0, buf, 1) == 0 && buf[0] == 0xab && buf[511] == 0xab,
		      "vda5 sector 0 is disk sector 18432");
		CHECK(blkdev_read(p5, 2046, buf, 1) == 0, "last sector");
		CHECK(blkdev_read(p5, 2046, buf, 2) == -EINVAL, "past the end");
		CHECK(blkdev_read(p5, UINT64_MAX, buf, 2) == -EINVAL, "wrapping");
		memset(buf, 0x5a, 512);
		CHECK(blkdev_write(p1, 1, buf, 1) == 0 && disk[2049 * 512] == 0x5a, "write lands at 2049");
		vda.readonly = true;
		CHECK(blkdev_write(p1, 1, buf, 1) == -EROFS, "read-only disk");
		vda.readonly = false;
		char text[512];
		blkdev_partitions_text(text, sizeof text);
		CHECK(strstr(text, " 254        5       1023 vda5\n") != NULL, "/proc/partitions:\n%s", text);
	}
	static struct blkdev mmc = { .name = "mmcblk0", .ops = &mem_ops };
	mmc.nsectors = disk_sectors;
	CHECK(blkdev_register(&mmc) == 0 && blkdev_by_name("mmcblk0p7") &&
	      blkdev_by_name("mmcblk0p7")->rdev == MKDEV(179, 7), "mmcblk0p7 is 179:7");
	/* a disk whose minors are used up: partition 17 on the extended major */
	CHECK(blkdev_add_partition(&vda, 17, 60000, 10) == 0 && blkdev_by_name("vda17") &&
	      blkdev_by_name("vda17")->rdev == MKDEV(259, 0), "vda17 on 259");
	check_group_end(NULL);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: partition_test SFDISK\n");
		return 2;
	}
	sfdisk = argv[1];
	snprintf(img, sizeof img, "/tmp/partition_test.%d.img", (int)getpid());
	test_mbr();
	test_gpt();
	test_registry();
	unlink(img);
	free(disk);
	return check_finish();
}
