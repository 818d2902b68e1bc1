/* System V shared memory: shmget, shmat, shmdt, shmctl.
 *
 * A segment is an unlinked file in a tmpfs of its own (as Linux backs
 * segments with shmem files), and shmat maps it MAP_SHARED like any tmpfs
 * file, so every process that attaches it sees the same pages.  Like
 * MAP_SHARED anonymous memory, a segment is committed (mm's accounting)
 * once and whole, at shmget (ENOMEM when it cannot be), and given back
 * when its file goes (the segments' tmpfs is precommitted: its pages are
 * not charged again as they are touched).  The attach count is the number of
 * regions mapping the file (fork and partial munmap make more, as Linux
 * counts them).
 *
 * IPC_RMID of a segment nobody maps frees it at once.  One still attached
 * is only marked (SHM_DEST, its key becomes IPC_PRIVATE) and drops its
 * reference to the file: shmat and shmctl still reach it by id, as on
 * Linux, and when the last mapping goes the file goes, and with it
 * (shm_file_gone, told by tmpfs) the segment. */
#include "ipc.h"
#include <vfs.h>
#include <vm.h>
#include <mm.h>

#define SHMMAX_BYTES (1ULL << 40)   /* the largest tmpfs file */

struct shm_seg {
	struct ipc_obj o;           /* first: the table holds &seg->o */
	struct file *f;             /* the segment's file (unlinked); NULL once SHM_DEST */
	struct vnode *v;            /* its vnode: alive while f is or a mapping is */
	uint64_t size;
	int64_t atime, dtime;
	int cpid, lpid;
};

static struct ipc_table shm_table;
static struct vnode *shm_root;
static uint64_t shm_serial;

static void seg_free(struct shm_seg *s)
{
	ipc_remove(&shm_table, &s->o);
	if (s->f)
		file_put(s->f);
	kfree(s);
}

/* tmpfs: a segment's file went (its last mapping after IPC_RMID). */
static void shm_file_gone(struct vnode *v)
{
	for (int i = 0; i < IPC_SLOTS; i++) {
		struct shm_seg *s = (struct shm_seg *)shm_table.slot[i];
		if (s && !s->f && s->v == v) {
			seg_free(s);
			return;
		}
	}
}

static struct ipc_obj *shm_make(long size, int *err)
{
	uint64_t pages = ALIGN_UP((uint64_t)size, PAGE_SIZE) / PAGE_SIZE;
	if (size < SHMMIN) {
		*err = -EINVAL;         /* size 0 only finds an existing segment */
		return NULL;
	}
	if (!shm_root) {
		if (!(shm_root = tmpfs_new(0700)))
			return NULL;
		tmpfs_set_precommitted(shm_root, shm_file_gone);
	}
	struct shm_seg *s = kzalloc(sizeof *s);
	if (!s)
		return NULL;
	char name[32];
	snprintf(name, sizeof name, "SYSV%llu", (unsigned long long)++shm_serial);
	int e = vfs_openat(shm_root, name, O_RDWR | O_CREAT | O_EXCL, 0600, &s->f);
	if (!e) {
		(void)vfs_unlinkat(shm_root, name, false);
		/* committed whole now; the file gives it back when it goes */
		e = vm_commit_pages(pages) < 0 ? -ENOMEM : 0;
		if (!e && (e = vfs_truncate(s->f->v, (uint64_t)size)))
			vm_uncommit_pages(pages);   /* the file is still empty */
		if (e)
			file_put(s->f);
	}
	if (e) {
		kfree(s);
		*err = e == -ENOSPC ? -ENOMEM : e;
		return NULL;
	}
	s->v = s->f->v;
	s->size = (uint64_t)size;
	s->cpid = current->tgid;
	return &s->o;
}

static int shm_check(struct ipc_obj *o, long size)
{
	return (uint64_t)size > ((struct shm_seg *)o)->size ? -EINVAL : 0;
}

long sys_shmget(int key, size_t size, int flags)
{
	if (size > SHMMAX_BYTES)
		return -EINVAL;
	return ipc_get(&shm_table, key, flags, shm_check, shm_make, (long)size);
}

static struct shm_seg *seg_of(int id)
{
	return (struct shm_seg *)ipc_lookup(&shm_table, id);
}

static long attach_locked(struct vmspace *vm, struct vnode *v, size_t len, uintptr_t addr, int flags)
{
	if (addr & (PAGE_SIZE - 1)) {
		if (!(flags & SHM_RND))
			return -EINVAL;
		addr &= ~(uintptr_t)(PAGE_SIZE - 1);
	}
	if (addr) {
		if (addr < USER_BASE || addr >= USER_TOP || len > USER_TOP - addr)
			return -EINVAL;
		if (!vm_range_free(vm, addr, addr + len)) {
			if (!(flags & SHM_REMAP))
				return -EINVAL;
			vm_unmap(vm, addr, len);
		}
	} else {
		if (flags & SHM_REMAP)
			return -EINVAL;
		addr = vm_find_free(vm, len);
		if (!addr)
			return -ENOMEM;
	}
	bool ro = flags & SHM_RDONLY;
	unsigned prot = VM_READ | (ro ? 0 : VM_WRITE) | ((flags & SHM_EXEC) ? VM_EXEC : 0);
	int err = vm_map_file(vm, addr, len, prot, VMR_SHARED | (ro ? 0 : VMR_MAYWRITE), v, 0, "SYSV");
	if (err)
		return err == -EEXIST ? -EINVAL : err;
	return (long)addr;
}

/* The space is locked from the search for room to the mapping: another
 * thread's mmap must not take the room meanwhile.  The unmap of SHM_REMAP
 * has preemption points, where IPC_RMID may free the segment: the vnode is
 * held across them and the segment looked up again after. */
long sys_shmat(int id, uintptr_t addr, int flags)
{
	struct shm_seg *s = seg_of(id);
	if (!s)
		return -EINVAL;
	struct vnode *v = vnode_get(s->v);
	struct vmspace *vm = current->vm;
	vm_lock(vm);
	long r = attach_locked(vm, v, ALIGN_UP(s->size, PAGE_SIZE), addr, flags);
	vm_unlock(vm);
	s = seg_of(id);
	if (r >= 0 && s && s->v == v) {
		s->atime = ipc_now();
		s->lpid = current->tgid;
	}
	vnode_put(v);
	return r;
}

static long detach_locked(struct vmspace *vm, uintptr_t addr)
{
	struct vm_region *r = vm_find(vm, addr);
	struct vnode *v = r && r->start == addr ? vm_region_vnode(r) : NULL;
	if (!v || !shm_root || v->dev != shm_root->dev)
		return -EINVAL;         /* not the start of an attached segment */
	uint64_t len = ALIGN_UP(v->size, PAGE_SIZE);
	for (int i = 0; i < IPC_SLOTS; i++) {
		struct shm_seg *s = (struct shm_seg *)shm_table.slot[i];
		if (s && s->v == v) {
			s->dtime = ipc_now();
			s->lpid = current->tgid;
		}
	}
	return vm_unmap(vm, addr, len);
}

long sys_shmdt(uintptr_t addr)
{
	struct vmspace *vm = current->vm;
	vm_lock(vm);
	long r = detach_locked(vm, addr);
	vm_unlock(vm);
	return r;
}

static void shm_stat(struct shm_seg *s, struct linux_shmid_ds *ds)
{
	memset(ds, 0, sizeof *ds);
	ds->shm_perm = s->o.perm;
	ds->shm_segsz = s->size;
	ds->shm_atime = s->atime;
	ds->shm_dtime = s->dtime;
	ds->shm_ctime = s->o.ctime;
	ds->shm_cpid = s->cpid;
	ds->shm_lpid = s->lpid;
	ds->shm_nattch = vm_file_regions(s->v);
}

long sys_shmctl(int id, int cmd, uintptr_t ubuf)
{
	if (cmd != IPC_STAT && cmd != IPC_SET && cmd != IPC_RMID)
		return -EINVAL;
	struct shm_seg *s = seg_of(id);
	if (!s)
		return -EINVAL;
	struct linux_shmid_ds ds;
	switch (cmd) {
	case IPC_STAT:
		shm_stat(s, &ds);
		return copy_to_user(ubuf, &ds, sizeof ds) ? -EFAULT : 0;
	case IPC_SET:
		if (copy_from_user(&ds, ubuf, sizeof ds))
			return -EFAULT;
		ipc_set_perm(&s->o, &ds.shm_perm);
		return 0;
	default:
		if (!s->f)
			return 0;               /* already marked */
		if (!vm_file_regions(s->v)) {
			seg_free(s);
			return 0;
		}
		s->o.perm.__key = IPC_PRIVATE;
		s->o.perm.mode |= SHM_DEST;
		file_put(s->f);         /* the mappings hold the file now */
		s->f = NULL;
		return 0;
	}
}
