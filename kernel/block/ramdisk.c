/* A RAM disk, /dev/ram0, for tests of the block layer and of file systems
 * without a disk driver: `ramdisk=N` on the command line gives it N MiB
 * (at most 64) of zeroed, physically contiguous pages. */
#include <blkdev.h>
#include <kernel.h>
#include <mm.h>
#include <pmm.h>
#include <string.h>
#include <uapi/errno.h>

#define RAMDISK_MAX_MIB 64

static struct blkdev ram0;

static int ram_read(struct blkdev *d, uint64_t first, void *buf, size_t count)
{
	memcpy(buf, (char *)d->priv + first * BLK_SECTOR, count * BLK_SECTOR);
	return 0;
}

static int ram_write(struct blkdev *d, uint64_t first, const void *buf, size_t count)
{
	memcpy((char *)d->priv + first * BLK_SECTOR, buf, count * BLK_SECTOR);
	return 0;
}

static const struct blkdev_ops ram_ops = { .read = ram_read, .write = ram_write };

void ramdisk_init(void)
{
	char buf[16];
	if (!cmdline_value("ramdisk", buf, sizeof buf))
		return;
	unsigned long mib = 0;
	for (const char *p = buf; *p >= '0' && *p <= '9'; p++)
		mib = mib * 10 + (unsigned long)(*p - '0');
	if (mib == 0 || mib > RAMDISK_MAX_MIB) {
		printk("ramdisk: size %s MiB refused (1 to %u)\n", buf, RAMDISK_MAX_MIB);
		return;
	}
	size_t pages = mib * MiB / PAGE_SIZE;
	uint64_t pa = pmm_alloc_pages(pages);
	if (!pa) {
		printk("ramdisk: no %lu MiB of contiguous memory\n", mib);
		return;
	}
	memset(phys_to_virt(pa), 0, pages * PAGE_SIZE);
	strlcpy(ram0.name, "ram0", sizeof ram0.name);
	ram0.nsectors = mib * MiB / BLK_SECTOR;
	ram0.ops = &ram_ops;
	ram0.priv = phys_to_virt(pa);
	blkdev_register(&ram0);
}
