/* brk, mmap, munmap, mprotect, mremap, madvise, msync, mincore: the memory
 * system calls, over mm/vmspace.c and mm/vmfile.c. */
#include <proc.h>
#include <vm.h>
#include <vfs.h>
#include <uaccess.h>
#include <syscalls_gen.h>
#include <kernel.h>

static unsigned prot_to_vm(int prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

long sys_brk(uintptr_t addr)
{
	return (long)vm_set_brk(current->vm, addr);
}

/* /dev/zero maps as anonymous memory (Linux's oldest way to get some). */
static bool is_dev_zero(const struct vnode *v)
{
	return V_ISCHR(v) && v->rdev == MKDEV(1, 5);
}

/* What a file mapping of f may be, as Linux checks it: a regular file open
 * for reading; shared and writable only if open for writing (O_APPEND does
 * not matter).  The VMR_ flags for vm_map_file, or -errno. */
static int file_map_flags(struct file *f, int prot, bool shared)
{
	if (!V_ISREG(f->v))
		return -ENODEV;
	if (!file_readable(f))
		return -EACCES;
	bool may_write = file_writable(f);
	if (shared && (prot & PROT_WRITE) && !may_write)
		return -EACCES;
	if (shared && (f->v->seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))) {
		if (prot & PROT_WRITE)
			return -EPERM;      /* a sealed memfd */
		may_write = false;      /* and mprotect may not add it later */
	}
	return shared ? VMR_SHARED | (may_write ? VMR_MAYWRITE : 0) : 0;
}

/* The part of mmap that changes the space, under its lock. */
static long map_locked(struct vmspace *vm, uintptr_t addr, size_t len, int prot, int flags,
		       struct file *f, int fflags, long off)
{
	int kind = flags & (MAP_SHARED | MAP_PRIVATE);
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	long err = 0;
	if (fixed) {
		if (addr < USER_BASE || addr >= USER_TOP || len > USER_TOP - addr)
			err = -EINVAL;   /* the hint must be a user range */
		else if (flags & MAP_FIXED_NOREPLACE) {
			/* by regions, never page by page: len may be 64 TiB */
			if (!vm_range_free(vm, addr, addr + len))
				err = -EEXIST;
		} else {
			vm_unmap(vm, addr, len);
		}
	} else {
		addr = vm_find_free(vm, len);
		if (!addr)
			err = -ENOMEM;
	}
	if (!err && f)
		err = vm_map_file(vm, addr, len, prot_to_vm(prot), (unsigned)fflags, f->v,
				  (uint64_t)off / PAGE_SIZE, "file");
	else if (!err)
		err = vm_map(vm, addr, len, prot_to_vm(prot),
			     kind == MAP_SHARED ? VMR_SHARED | VMR_SHMEM : 0, "mmap");
	if (err)
		return err == -EEXIST && !(flags & MAP_FIXED_NOREPLACE) ? -ENOMEM : err;
	if (kind == MAP_SHARED && !f) {
		/* shared anonymous pages must exist before a fork can share
		 * them (they were committed, once for the object, by vm_map) */
		err = vm_write(vm, addr, NULL, len);
		if (err) {
			vm_unmap(vm, addr, len);
			return err;
		}
	}
	return (long)addr;
}

long sys_mmap(uintptr_t addr, size_t len, int prot, int flags, int fd, long off)
{
	if (!len || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if ((off & (PAGE_SIZE - 1)) || !IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	int kind = flags & (MAP_SHARED | MAP_PRIVATE);
	if (kind != MAP_SHARED && kind != MAP_PRIVATE)
		return -EINVAL;
	if (len > USER_TOP)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	struct file *f = NULL;
	int fflags = 0;
	if (!(flags & MAP_ANONYMOUS)) {
		f = fd_get(current->files, fd);
		if (!f)
			return -EBADF;
		if (is_dev_zero(f->v)) {
			file_put(f);
			f = NULL;
		} else {
			fflags = file_map_flags(f, prot, kind == MAP_SHARED);
			/* the last byte's offset must fit (Linux: EOVERFLOW) */
			if (fflags >= 0 && (off < 0 || (uint64_t)off + len < (uint64_t)off))
				fflags = -EOVERFLOW;
			if (fflags < 0) {
				file_put(f);
				return fflags;
			}
		}
	}
	struct vmspace *vm = current->vm;
	vm_lock(vm);   /* finding room and filling it are one step for other threads */
	long r = map_locked(vm, addr, len, prot, flags, f, fflags, off);
	vm_unlock(vm);
	if (f)
		file_put(f);   /* the region holds the vnode itself */
	return r;
}

long sys_munmap(uintptr_t addr, size_t len)
{
	if (!IS_ALIGNED(addr, PAGE_SIZE) || !len)
		return -EINVAL;
	return vm_unmap(current->vm, addr, len);
}

long sys_mprotect(uintptr_t addr, size_t len, int prot)
{
	if (!IS_ALIGNED(addr, PAGE_SIZE) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (!len)
		return 0;
	return vm_protect(current->vm, addr, len, prot_to_vm(prot));
}

long sys_mremap(uintptr_t old, size_t old_len, size_t new_len, int flags, uintptr_t new_addr)
{
	return vm_remap(current->vm, old, old_len, new_len, (unsigned)flags, new_addr);
}

/* The range [addr, addr+len) of madvise/msync/mincore: aligned start,
 * length rounded up, inside the user half.  -EINVAL or -ENOMEM. */
static int user_range(uintptr_t addr, size_t len, uintptr_t *end)
{
	if (!IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	if (len > USER_TOP || addr < USER_BASE || addr >= USER_TOP ||
	    ALIGN_UP(len, PAGE_SIZE) > USER_TOP - addr)
		return -ENOMEM;
	*end = addr + ALIGN_UP(len, PAGE_SIZE);
	return 0;
}

/* Every page of [start, end) in some region (Linux answers ENOMEM for a
 * hole). */
static bool all_mapped(struct vmspace *vm, uintptr_t start, uintptr_t end)
{
	for (uintptr_t a = start; a < end; ) {   /* by regions, not pages */
		struct vm_region *r = vm_find(vm, a);
		if (!r)
			return false;
		a = r->end;
	}
	return true;
}

long sys_madvise(uintptr_t addr, size_t len, int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_DONTFORK: case MADV_DOFORK:
	case MADV_DONTDUMP: case MADV_DODUMP:
		break;
	default:
		return -EINVAL;
	}
	if (!IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	if (!len)
		return 0;
	uintptr_t end;
	int err = user_range(addr, len, &end);
	if (err)
		return err;
	if (!all_mapped(current->vm, addr, end))
		return -ENOMEM;
	/* MADV_FREE lets the kernel drop the pages when it likes: now */
	if (advice == MADV_DONTNEED || advice == MADV_FREE)
		return vm_dontneed(current->vm, addr, end);
	return 0;   /* hints: the pages come when touched whatever is said */
}

long sys_msync(uintptr_t addr, size_t len, int flags)
{
	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	if (!IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	uintptr_t end;
	int err = user_range(addr, len, &end);
	if (err)
		return err;
	return vm_sync(current->vm, addr, end, flags & MS_SYNC);
}

long sys_mincore(uintptr_t addr, size_t len, uintptr_t vec)
{
	if (!IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	uintptr_t end;
	int err = user_range(addr, len, &end);
	if (err)
		return err;
	struct vmspace *vm = current->vm;
	if (!all_mapped(vm, addr, end))
		return -ENOMEM;
	unsigned char buf[256];
	size_t n = 0;
	for (uintptr_t a = addr; a < end; a += PAGE_SIZE) {
		buf[n++] = vm_resident(vm, a) ? 1 : 0;
		if (n == sizeof buf || a + PAGE_SIZE == end) {
			if (copy_to_user(vec, buf, n))
				return -EFAULT;
			vec += n;
			n = 0;
			/* the page tables stay while the space lives: another
			 * thread's munmap meanwhile only changes the answer */
			cond_resched();
		}
	}
	return 0;
}
