/* brk, mmap, munmap, mprotect: the memory system calls, over mm/vmspace.c. */
#include <proc.h>
#include <vm.h>
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

long sys_mmap(uintptr_t addr, size_t len, int prot, int flags, int fd, long off)
{
	(void)fd;
	if (!len || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if ((off & (PAGE_SIZE - 1)) || !IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	int kind = flags & (MAP_SHARED | MAP_PRIVATE);
	if (kind != MAP_SHARED && kind != MAP_PRIVATE)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV;   /* file mappings: not yet */
	if (len > USER_TOP)
		return -ENOMEM;
	len = ALIGN_UP(len, PAGE_SIZE);
	struct vmspace *vm = current->vm;
	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	if (fixed) {
		if (addr < USER_BASE || addr >= USER_TOP || len > USER_TOP - addr)
			return -EINVAL;   /* the hint must be a user range */
		if (flags & MAP_FIXED_NOREPLACE) {
			/* by regions, never page by page: len may be 64 TiB */
			if (!vm_range_free(vm, addr, addr + len))
				return -EEXIST;
		} else {
			vm_unmap(vm, addr, len);
		}
	} else {
		addr = vm_find_free(vm, len);
		if (!addr)
			return -ENOMEM;
	}
	int err = vm_map(vm, addr, len, prot_to_vm(prot), kind == MAP_SHARED ? VMR_SHARED | VMR_SHMEM : 0, "mmap");
	if (err)
		return err == -EEXIST ? -ENOMEM : err;
	if (kind == MAP_SHARED) {
		/* shared pages must exist before a fork can share them (they
		 * were committed, once for the object, by vm_map) */
		err = vm_write(vm, addr, NULL, len);
		if (err) {
			vm_unmap(vm, addr, len);
			return err;
		}
	}
	return (long)addr;
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
