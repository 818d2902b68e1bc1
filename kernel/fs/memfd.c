/* memfd_create: an anonymous tmpfs file, and the seals that freeze it.
 *
 * The file is made in a tmpfs of its own, never mounted, and unlinked at
 * once, so it lives exactly as long as descriptors and mappings refer to
 * it; it reads, writes, truncates and maps (MAP_SHARED included) as any
 * tmpfs file, whose page limit it shares (half of RAM).
 *
 * Seals (MFD_ALLOW_SEALING, then fcntl F_ADD_SEALS) are kept in the vnode
 * and checked where the file would change: write (file_write), truncate
 * (vfs_truncate), shared writable mmap (mm/sys_mem.c).  F_SEAL_WRITE is
 * refused with EBUSY while a writable shared mapping exists, as on Linux. */
#include "sys_fs.h"
#include <vm.h>

#define MFD_NAME_MAX 249        /* Linux: NAME_MAX less the "memfd:" prefix */
#define SEALS_KNOWN (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)

static struct vnode *memfd_root;   /* the hidden tmpfs */
static uint64_t memfd_serial;

long sys_memfd_create(uintptr_t uname, unsigned flags)
{
	if (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING))
		return -EINVAL;         /* MFD_HUGETLB too: no huge pages here */
	char name[MFD_NAME_MAX + 1];
	long n = strncpy_from_user(name, uname, sizeof name);
	if (n == -EFAULT)
		return -EFAULT;
	if (n < 0)
		return -EINVAL;         /* longer than 249 bytes */
	if (!memfd_root && !(memfd_root = tmpfs_new(0700)))
		return -ENOMEM;
	char path[32];
	snprintf(path, sizeof path, "memfd-%llu", (unsigned long long)++memfd_serial);
	struct file *f;
	int err = vfs_openat(memfd_root, path, O_RDWR | O_CREAT | O_EXCL, 0777, &f);
	if (err)
		return err;
	(void)vfs_unlinkat(memfd_root, path, false);
	f->v->sealable = true;
	f->v->seals = (flags & MFD_ALLOW_SEALING) ? 0 : F_SEAL_SEAL;
	int fd = fd_install(fdt(), f, 0, flags & MFD_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

int seal_check_write(struct vnode *v, uint64_t pos, size_t len)
{
	if (v->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	if ((v->seals & F_SEAL_GROW) && pos + len > v->size)
		return -EPERM;
	return 0;
}

int seal_check_resize(struct vnode *v, uint64_t size)
{
	if ((v->seals & F_SEAL_SHRINK) && size < v->size)
		return -EPERM;
	if ((v->seals & F_SEAL_GROW) && size > v->size)
		return -EPERM;
	return 0;
}

long memfd_fcntl(struct file *f, int cmd, unsigned long arg)
{
	struct vnode *v = f->v;
	if (!v->sealable)
		return -EINVAL;         /* not a memfd */
	if (cmd == F_GET_SEALS)
		return v->seals;
	if (arg & ~(unsigned long)SEALS_KNOWN)
		return -EINVAL;
	if (!file_writable(f))
		return -EPERM;
	if (v->seals & F_SEAL_SEAL)
		return -EPERM;
	if ((arg & F_SEAL_WRITE) && !(v->seals & F_SEAL_WRITE) && vm_file_mapped_writable(v))
		return -EBUSY;
	v->seals |= (uint32_t)arg;
	return 0;
}
