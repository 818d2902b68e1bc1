/* Vnodes: references, the root, stat, and the VFS at boot (the root
 * tmpfs, the initramfs unpacked into it, /tmp, /dev, the tty). */
#include <vfs.h>
#include <tty.h>
#include <proc.h>
#include <uaccess.h>
#include <mm.h>
#include <kernel.h>
#include <uapi.h>
#include <arch.h>
#include <bootinfo.h>
#include <string.h>

static struct vnode *root;

struct vnode *vfs_root(void)
{
	return root;
}

struct vnode *vnode_get(struct vnode *v)
{
	if (v)
		v->refs++;
	return v;
}

void vnode_check_free(struct vnode *v)
{
	if (v->refs == 0 && v->nlink == 0 && v->ops && v->ops->release)
		v->ops->release(v);
}

void vnode_put(struct vnode *v)
{
	if (!v)
		return;
	if (v->refs <= 0)
		panic("vnode_put: vnode %lu has no references", (unsigned long)v->ino);
	if (--v->refs == 0)
		vnode_check_free(v);
}

uint64_t vfs_now_ns(void)
{
	return arch_clock_ns();
}

unsigned vnode_dtype(struct vnode *v)
{
	switch (VTYPE(v)) {
	case S_IFDIR: return DT_DIR;
	case S_IFREG: return DT_REG;
	case S_IFLNK: return DT_LNK;
	case S_IFCHR: return DT_CHR;
	case S_IFBLK: return DT_BLK;
	case S_IFIFO: return DT_FIFO;
	default: return DT_UNKNOWN;
	}
}

void vnode_stat(struct vnode *v, struct linux_stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_dev = v->dev;
	st->st_ino = v->ino;
	st->st_mode = v->mode;
	st->st_nlink = v->nlink;
	st->st_uid = v->uid;
	st->st_gid = v->gid;
	st->st_rdev = v->rdev;
	st->st_size = (int64_t)v->size;
	st->st_blksize = 4096;
	st->st_blocks = V_ISREG(v) ? (int64_t)(ALIGN_UP(v->size, 4096) / 512) : 0;
	st->st_atim.tv_sec = (int64_t)(v->atime_ns / 1000000000u);
	st->st_atim.tv_nsec = (int64_t)(v->atime_ns % 1000000000u);
	st->st_mtim.tv_sec = (int64_t)(v->mtime_ns / 1000000000u);
	st->st_mtim.tv_nsec = (int64_t)(v->mtime_ns % 1000000000u);
	st->st_ctim.tv_sec = (int64_t)(v->ctime_ns / 1000000000u);
	st->st_ctim.tv_nsec = (int64_t)(v->ctime_ns % 1000000000u);
}

static void mkdir_quiet(const char *path, unsigned mode)
{
	int err = vfs_mkdirat(root, path, mode);
	if (err && err != -EEXIST)
		printk("vfs: cannot make %s (error %d)\n", path, -err);
}

/* /dev/shm: a tmpfs of its own, sticky and writable by all, where the
 * libc's shm_open keeps POSIX shared memory objects (as on Linux). */
static void shm_mount(void)
{
	mkdir_quiet("/dev/shm", 01777);
	struct vnode *shm = tmpfs_new(01777);
	if (!shm || vfs_mount("/dev/shm", shm)) {
		printk("vfs: cannot mount /dev/shm\n");
		vnode_put(shm);
		return;
	}
	mount_boot_record("tmpfs", "/dev/shm", shm);
}

void vfs_init(const struct boot_info *bi)
{
	root = tmpfs_new(0755);
	if (!root)
		panic("vfs: no memory for the root file system");
	if (bi && bi->initrd_size) {
		long n = initramfs_unpack(root, phys_to_virt(bi->initrd_base), bi->initrd_size);
		if (n >= 0)
			printk("initramfs: %ld entries unpacked (%lu bytes)\n", n, (unsigned long)bi->initrd_size);
		else
			printk("initramfs: malformed archive: unpacking stopped (see above)\n");
	} else {
		printk("initramfs: none given: / is empty\n");
	}
	mount_boot_record("tmpfs", "/", root);
	mkdir_quiet("/tmp", 01777);
	int err = devfs_populate(root);
	if (err)
		printk("vfs: cannot make /dev (error %d)\n", -err);
	shm_mount();
	tty_init();
}
