/* User address spaces: regions, lazy zero-filled pages, copy-on-write fork,
 * and commit accounting (see mm/include/vm.h for the model). */
#include <vm.h>
#include <mm.h>
#include <pmm.h>
#include <kmem.h>
#include <proc.h>
#include <kernel.h>
#include <uapi.h>
#include <string.h>
#include <proc.h>

static uint32_t next_id = 1;
static size_t committed_total;       /* over all vmspaces */

/* Keep the kernel's reserve (mm/kmem.c: an eighth of RAM, page tables,
 * kernel stacks, the heap) out of what processes may be promised. */
static size_t commit_limit(void)
{
	size_t total = pmm_total_count();
	size_t reserve = kmem_reserve();
	return total > reserve ? total - reserve : 0;
}

size_t vm_commit_available(void)
{
	size_t lim = commit_limit();
	return lim > committed_total ? lim - committed_total : 0;
}

/* Private writable memory is promised when it is mapped; the stack is not
 * (8 MiB for every process would exhaust a small machine long before its
 * process table): a stack that cannot grow gets SIGKILL at the fault. */
static bool commits(const struct vm_region *r)
{
	return (r->prot & VM_WRITE) && !(r->flags & (VMR_SHARED | VMR_STACK));
}

static size_t region_pages(const struct vm_region *r)
{
	return (r->end - r->start) / PAGE_SIZE;
}

static int commit(struct vmspace *vm, size_t pages)
{
	if (pages > vm_commit_available())
		return -ENOMEM;
	committed_total += pages;
	vm->committed += pages;
	return 0;
}

static void uncommit(struct vmspace *vm, size_t pages)
{
	committed_total -= pages;
	vm->committed -= pages;
}

int vm_commit_pages(size_t pages)
{
	if (pages > vm_commit_available())
		return -ENOMEM;
	committed_total += pages;
	return 0;
}

void vm_uncommit_pages(size_t pages)
{
	committed_total -= pages;
}

/* Pages of all regions: what RLIMIT_AS limits (the stack counts at its
 * full size, RLIMIT_STACK from exec, as if grown to its limit). */
static size_t mapped_pages(const struct vmspace *vm)
{
	size_t n = 0;
	for (const struct vm_region *r = vm->regions; r; r = r->next)
		n += region_pages(r);
	return n;
}

/* RLIMIT_AS and RLIMIT_DATA, as Linux's may_expand_vm: may the caller's
 * own space grow by 'pages', 'data' of them private writable (Linux's
 * data: not shared, not stack)?  Spaces built for someone else (fork's
 * copy, exec's new image) hold what was allowed before or the program
 * itself, and are not checked. */
static bool may_expand(const struct vmspace *vm, size_t pages, size_t data)
{
	if (!current || vm != current->vm)
		return true;
	uint64_t as = rlimit_cur(RLIMIT_AS), dl = rlimit_cur(RLIMIT_DATA);
	if (pages && as != RLIM_INFINITY && mapped_pages(vm) + pages > as / PAGE_SIZE)
		return false;
	return !data || dl == RLIM_INFINITY || vm->committed + data <= dl / PAGE_SIZE;
}

/* RLIMIT_STACK, read at each new page of the stack as Linux reads it at
 * each growth: a page further below the top than the limit is a
 * segmentation fault (exec sized the region by the limit it had then). */
static bool stack_allows(const struct vm_region *r, uintptr_t va)
{
	if (!current || r->vm != current->vm)
		return true;
	uint64_t lim = rlimit_cur(RLIMIT_STACK);
	return lim == RLIM_INFINITY || r->end - va <= ALIGN_UP(lim, PAGE_SIZE);
}

/* A new shared anonymous object of 'pages', committed; NULL if either the
 * memory cannot be promised or the object cannot be had. */
static struct vm_shm *shm_new(size_t pages)
{
	if (vm_commit_pages(pages) < 0)
		return NULL;
	struct vm_shm *o = kzalloc(sizeof *o);
	if (!o) {
		vm_uncommit_pages(pages);
		return NULL;
	}
	o->refs = 1;
	o->pages = pages;
	return o;
}

static void shm_get(struct vm_shm *o)
{
	if (o)
		o->refs++;
}

static void shm_put(struct vm_shm *o)
{
	if (o && --o->refs == 0) {
		vm_uncommit_pages(o->pages);
		kfree(o);
	}
}

/* The page every read fault in a region that commits nothing maps.  It is
 * the kernel's for good and its mappings are not counted (a process could
 * map it more often than a page's 16-bit count holds): release and fork
 * leave its count alone, pte_flags never makes it writable, and a write
 * after mprotect copies it. */
static uint64_t zero_page;

static uint64_t get_zero_page(void)
{
	if (!zero_page) {
		uint64_t pa = pmm_alloc_page();
		if (!pa)
			return 0;
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
		zero_page = pa;
	}
	return zero_page;
}

/* Page tables are the kernel's memory spent for a process.  The first
 * PT_BASE tables of a space (a small program's, root included) are paid
 * for by the commit charge every thread makes when it is created
 * (PROC_PAGES, kernel/proc/proc.c), so a thousand small processes need no
 * more; the tables beyond them are counted against the kernel's budget
 * and the ceiling on all page tables (mm/kmem.c), and per address space
 * against kmem_pt_limit(), so one process mapping sparse pages everywhere
 * is refused (ENOMEM: EFAULT from a system call, SIGKILL at a fault)
 * before the others notice.  pt_leaf's callback has no argument: leaf()
 * says whose tables it is making (nothing sleeps in between). */
#define PT_BASE 32

static struct vmspace *pt_owner;

static bool pt_charge(struct vmspace *vm)
{
	if (vm->pt_pages >= kmem_pt_limit())
		return false;
	if (vm->pt_pages >= PT_BASE && !kmem_charge_pt(1))
		return false;
	vm->pt_pages++;
	return true;
}

static void pt_uncharge_all(struct vmspace *vm)
{
	if (vm->pt_pages > PT_BASE)
		kmem_uncharge_pt(vm->pt_pages - PT_BASE);
	vm->pt_pages = 0;
}

static uint64_t user_pt_alloc(void)
{
	struct vmspace *vm = pt_owner;
	if (!pt_charge(vm))
		return 0;
	uint64_t pa = pmm_alloc_page();
	if (!pa && --vm->pt_pages >= PT_BASE)
		kmem_uncharge_pt(1);
	return pa;
}

static pte_t *leaf(struct vmspace *vm, uintptr_t va)
{
	pt_owner = vm;
	pte_t *e = pt_leaf(vm->root, va, user_pt_alloc);
	pt_owner = NULL;
	return e;
}

struct vmspace *vm_create(void)
{
	struct vmspace *vm = kzalloc(sizeof *vm);
	if (!vm)
		return NULL;
	bool charged = pt_charge(vm);   /* the root is a page table too */
	vm->root = charged ? pmm_alloc_page() : 0;
	get_zero_page();   /* at the first process, so it never looks like a leak */
	if (!vm->root) {
		pt_uncharge_all(vm);
		kfree(vm);
		return NULL;
	}
	memset(phys_to_virt(vm->root), 0, PAGE_SIZE);
	arch_pt_user_root_init(vm->root);
	vm->id = next_id++;
	vm->refs = 1;
	return vm;
}

struct vmspace *vm_get(struct vmspace *vm)
{
	vm->refs++;
	return vm;
}

void vm_put(struct vmspace *vm)
{
	if (--vm->refs == 0)
		vm_destroy(vm);
}

void vm_lock(struct vmspace *vm)
{
	const void *me = current;
	if (vm->lock_owner == me) {
		vm->lock_depth++;
		return;
	}
	while (vm->lock_owner) {
		vm->lock_waiters++;
		sleep_on(&vm->lock_owner, false);
		vm->lock_waiters--;
	}
	vm->lock_owner = me;
	vm->lock_depth = 1;
}

void vm_unlock(struct vmspace *vm)
{
	if (vm->lock_owner != current)
		panic("vm lock of space %u released by thread %d, which does not hold it", vm->id,
		      current->pid);
	if (--vm->lock_depth == 0) {
		vm->lock_owner = NULL;
		if (vm->lock_waiters)
			wakeup(&vm->lock_owner);
	}
}

uint64_t vm_zero_page(void)
{
	return get_zero_page();
}

/* The PTE flags a page of region r gets: writable only if the region is and
 * the page is not shared copy-on-write.  The pages a vm_file caches for a
 * shared mapping start read-only too: the first write marks them dirty
 * (mm/vmfile.c), which is how writeback knows what to write. */
static unsigned pte_flags(const struct vm_region *r, uint64_t pa)
{
	if (!(r->prot & (VM_READ | VM_WRITE | VM_EXEC)))
		return VM_READ;   /* PROT_NONE: keep the page, kernel-only */
	unsigned f = r->prot | VM_USER;
	if (!(f & VM_WRITE))
		return f;
	if (pa == zero_page || (!(r->flags & VMR_SHARED) && pmm_page_refs(pa) > 1))
		f &= ~VM_WRITE;
	else if ((r->flags & VMR_SHARED) && r->file && !vmf_direct(r->file))
		f &= ~VM_WRITE;
	return f;
}

unsigned vm_pte_flags(const struct vm_region *r, uint64_t pa)
{
	return pte_flags(r, pa);
}

static int release_page(pte_t *e, uintptr_t va, void *arg)
{
	struct vmspace *vm = arg;
	uint64_t pa = arch_pte_pa(*e, 0);
	*e = 0;
	arch_uspace_flush_page(vm->id, va);
	if (pa != zero_page)
		pmm_page_unref(pa);
	vm->resident--;
	return 0;
}

/* Visits only the page tables that exist: the cost follows what is mapped,
 * not end - start.  A preemption point every few hundred pages: the caller
 * holds the space's lock, or nobody else can reach the space. */
static void release_range(struct vmspace *vm, uintptr_t start, uintptr_t end)
{
	pt_for_each_leaf_preempt(vm->root, start, end, release_page, vm);
}

/* For another space than the caller's (a file truncated under its
 * mappings): no preemption point, the caller walks the file's list of
 * regions, which may change while it is preempted. */
void vm_release_range(struct vmspace *vm, uintptr_t start, uintptr_t end)
{
	pt_for_each_leaf(vm->root, start, end, release_page, vm);
}

/* A shared file mapping about to lose pages: what they changed goes to
 * the file first (munmap and exit write back, as msync would). */
static void writeback_before_unmap(struct vm_region *r)
{
	if (r->file && (r->flags & VMR_SHARED))
		vmf_writeback(r->file);
}

/* Forget region r (its pages already released). */
static void region_free(struct vmspace *vm, struct vm_region *r)
{
	if (commits(r))
		uncommit(vm, region_pages(r));
	shm_put(r->shm);
	if (r->file)
		vmf_detach(r);
	kfree(r);
}

void vm_destroy(struct vmspace *vm)
{
	struct vm_region *r = vm->regions;
	while (r) {
		struct vm_region *next = r->next;
		writeback_before_unmap(r);
		release_range(vm, r->start, r->end);
		region_free(vm, r);
		r = next;
	}
	pt_free_user_tables(vm->root);
	pmm_free_page(vm->root);
	pt_uncharge_all(vm);
	kfree(vm);
}

void vm_activate(struct vmspace *vm)
{
	if (vm)
		arch_uspace_activate(vm->root, vm->id);
	else
		arch_uspace_activate(0, 0);
}

struct vm_region *vm_find(struct vmspace *vm, uintptr_t addr)
{
	for (struct vm_region *r = vm->regions; r && r->start <= addr; r = r->next)
		if (addr < r->end)
			return r;
	return NULL;
}

bool vm_range_free(struct vmspace *vm, uintptr_t start, uintptr_t end)
{
	for (struct vm_region *r = vm->regions; r && r->start < end; r = r->next)
		if (start < r->end)
			return false;
	return true;
}

static bool range_ok(uintptr_t start, size_t len)
{
	return len && IS_ALIGNED(start, PAGE_SIZE) && start >= USER_BASE && start < USER_TOP &&
	       len <= USER_TOP - start;
}

static void insert(struct vmspace *vm, struct vm_region *n)
{
	struct vm_region **pp = &vm->regions;
	while (*pp && (*pp)->start < n->start)
		pp = &(*pp)->next;
	n->next = *pp;
	*pp = n;
}

/* Join neighbours that touch and behave the same (the heap growing by
 * brk, a range mprotected back), so the list stays short. */
static void merge(struct vmspace *vm)
{
	for (struct vm_region *r = vm->regions; r && r->next; ) {
		struct vm_region *n = r->next;
		if (r->end == n->start && r->prot == n->prot && r->flags == n->flags &&
		    r->shm == n->shm && r->file == n->file &&
		    (!r->file || r->pgoff + region_pages(r) == n->pgoff) &&
		    strcmp(r->name, n->name) == 0) {
			r->end = n->end;
			r->next = n->next;
			shm_put(n->shm);   /* one region less; r still holds the object */
			if (n->file)
				vmf_detach(n);
			kfree(n);
		} else {
			r = n;
		}
	}
}

/* A new region, committed, not yet in the list. */
static int region_new(struct vmspace *vm, uintptr_t start, size_t len, unsigned prot, unsigned flags,
		      const char *name, struct vm_region **out)
{
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!range_ok(start, len))
		return -EINVAL;
	if (!vm_range_free(vm, start, start + len))
		return -EEXIST;
	struct vm_region *r = kzalloc(sizeof *r);
	if (!r)
		return -ENOMEM;
	r->start = start;
	r->end = start + len;
	r->prot = prot & (VM_READ | VM_WRITE | VM_EXEC);
	r->flags = flags;
	r->vm = vm;
	strlcpy(r->name, name, sizeof r->name);
	if (!may_expand(vm, region_pages(r), commits(r) ? region_pages(r) : 0)) {
		kfree(r);
		return -ENOMEM;
	}
	if (flags & VMR_SHMEM) {
		r->shm = shm_new(region_pages(r));
		if (!r->shm) {
			kfree(r);
			return -ENOMEM;
		}
	} else if (commits(r) && commit(vm, region_pages(r)) < 0) {
		kfree(r);
		return -ENOMEM;
	}
	*out = r;
	return 0;
}

static int map_locked(struct vmspace *vm, uintptr_t start, size_t len, unsigned prot,
		      unsigned flags, const char *name)
{
	struct vm_region *r;
	int err = region_new(vm, start, len, prot,
			     flags & ~(unsigned)(VMR_FILE | VMR_MAYWRITE | VMR_DENYWRITE), name, &r);
	if (err)
		return err;
	insert(vm, r);
	merge(vm);
	return 0;
}

int vm_map(struct vmspace *vm, uintptr_t start, size_t len, unsigned prot, unsigned flags,
	   const char *name)
{
	vm_lock(vm);
	int r = map_locked(vm, start, len, prot, flags, name);
	vm_unlock(vm);
	return r;
}

static int map_file_locked(struct vmspace *vm, uintptr_t start, size_t len, unsigned prot,
			   unsigned flags, struct vnode *v, uint64_t pgoff, const char *name)
{
	struct vm_file *o = vmf_get(v);
	if (!o)
		return -ENOMEM;
	flags = (flags & (VMR_SHARED | VMR_MAYWRITE | VMR_DENYWRITE)) | VMR_FILE;
	struct vm_region *r;
	int err = region_new(vm, start, len, prot, flags, name, &r);
	if (err) {
		vmf_put_unused(o);
		return err;
	}
	r->pgoff = pgoff;
	vmf_attach(o, r);
	insert(vm, r);
	merge(vm);
	return 0;
}

int vm_map_file(struct vmspace *vm, uintptr_t start, size_t len, unsigned prot, unsigned flags,
		struct vnode *v, uint64_t pgoff, const char *name)
{
	vm_lock(vm);
	int r = map_file_locked(vm, start, len, prot, flags, v, pgoff, name);
	vm_unlock(vm);
	return r;
}

static int map_page_locked(struct vmspace *vm, uintptr_t va, uint64_t pa, unsigned prot,
			   unsigned flags, const char *name)
{
	int err = vm_map(vm, va, PAGE_SIZE, prot, flags | VMR_SHARED, name);
	if (err)
		return err;
	pte_t *e = leaf(vm, va);
	if (!e) {
		vm_unmap(vm, va, PAGE_SIZE);
		return -ENOMEM;
	}
	pmm_page_ref(pa);
	*e = arch_pte_leaf(pa, prot | VM_USER, 0);
	arch_pt_sync();
	vm->resident++;
	return 0;
}

int vm_map_page(struct vmspace *vm, uintptr_t va, uint64_t pa, unsigned prot, unsigned flags,
		const char *name)
{
	vm_lock(vm);
	int r = map_page_locked(vm, va, pa, prot, flags, name);
	vm_unlock(vm);
	return r;
}

/* Split r at addr (inside it): r keeps [start, addr), a new region gets
 * [addr, end).  Returns the new region or NULL if out of memory. */
static struct vm_region *split(struct vm_region *r, uintptr_t addr)
{
	struct vm_region *n = kmalloc(sizeof *n);
	if (!n)
		return NULL;
	*n = *r;
	n->start = addr;
	n->pgoff = r->pgoff + (addr - r->start) / PAGE_SIZE;
	r->end = addr;
	r->next = n;
	shm_get(n->shm);
	if (n->file)
		vmf_attach(n->file, n);
	return n;
}

/* Make region boundaries fall at start and end.  -ENOMEM on failure. */
static int split_at(struct vmspace *vm, uintptr_t start, uintptr_t end)
{
	for (struct vm_region *r = vm->regions; r; r = r->next) {
		if (r->start < start && start < r->end && !split(r, start))
			return -ENOMEM;
		if (r->start < end && end < r->end && !split(r, end))
			return -ENOMEM;
	}
	return 0;
}

static int unmap_locked(struct vmspace *vm, uintptr_t start, size_t len)
{
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!range_ok(start, len))
		return -EINVAL;
	uintptr_t end = start + len;
	struct vm_region **pp = &vm->regions;
	while (*pp && (*pp)->start < end) {
		struct vm_region *r = *pp;
		if (r->end <= start) {
			pp = &r->next;
			continue;
		}
		/* A hole inside one region: the only case that needs a new
		 * region, and it comes first, so -ENOMEM changes nothing. */
		if (r->start < start && end < r->end && !split(r, end))
			return -ENOMEM;
		uintptr_t lo = MAX(r->start, start), hi = MIN(r->end, end);
		writeback_before_unmap(r);
		release_range(vm, lo, hi);
		if (lo == r->start && hi == r->end) {
			*pp = r->next;
			region_free(vm, r);
			continue;
		}
		if (commits(r))
			uncommit(vm, (hi - lo) / PAGE_SIZE);
		if (lo == r->start) {
			r->pgoff += (hi - lo) / PAGE_SIZE;
			r->start = hi;
		} else {
			r->end = lo;
		}
		pp = &r->next;
	}
	return 0;
}

int vm_unmap(struct vmspace *vm, uintptr_t start, size_t len)
{
	vm_lock(vm);
	int r = unmap_locked(vm, start, len);
	vm_unlock(vm);
	return r;
}

struct reprotect {
	struct vmspace *vm;
	struct vm_region *r;
};

static int reprotect_page(pte_t *e, uintptr_t va, void *arg)
{
	struct reprotect *rp = arg;
	uint64_t pa = arch_pte_pa(*e, 0);
	*e = arch_pte_leaf(pa, pte_flags(rp->r, pa), 0);
	arch_uspace_flush_page(rp->vm->id, va);
	return 0;
}

static int protect_locked(struct vmspace *vm, uintptr_t start, size_t len, unsigned prot)
{
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!range_ok(start, len))
		return -EINVAL;
	uintptr_t end = start + len;
	/* Linux: every page of the range must be mapped, and a shared file
	 * mapping may become writable only if its file was opened so */
	for (uintptr_t a = start; a < end; ) {
		struct vm_region *r = vm_find(vm, a);
		if (!r || (r->flags & VMR_GUARD))
			return -ENOMEM;
		if ((prot & VM_WRITE) && (r->flags & VMR_FILE) && (r->flags & VMR_SHARED) &&
		    !(r->flags & VMR_MAYWRITE))
			return -EACCES;
		a = r->end;
	}
	if (split_at(vm, start, end) < 0)
		return -ENOMEM;
	prot &= VM_READ | VM_WRITE | VM_EXEC;
	for (struct vm_region *r = vm->regions; r; r = r->next) {
		if (r->start < start || r->end > end)
			continue;
		struct vm_region after = *r;
		after.prot = prot;
		if (commits(&after) && !commits(r) &&
		    (!may_expand(vm, 0, region_pages(r)) || commit(vm, region_pages(r)) < 0))
			return -ENOMEM;
		if (!commits(&after) && commits(r))
			uncommit(vm, region_pages(r));
		r->prot = prot;
		struct reprotect rp = { vm, r };
		pt_for_each_leaf_preempt(vm->root, r->start, r->end, reprotect_page, &rp);
	}
	arch_pt_sync();
	merge(vm);
	return 0;
}

int vm_protect(struct vmspace *vm, uintptr_t start, size_t len, unsigned prot)
{
	vm_lock(vm);
	int r = protect_locked(vm, start, len, prot);
	vm_unlock(vm);
	return r;
}

/* Put a fresh zeroed page at va.  -ENOMEM if there is none. */
static int fill_page(struct vmspace *vm, struct vm_region *r, uintptr_t va, pte_t *e)
{
	uint64_t pa = pmm_alloc_page();
	if (!pa)
		return -ENOMEM;
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	*e = arch_pte_leaf(pa, pte_flags(r, pa), 0);
	arch_pt_sync();
	vm->resident++;
	return 0;
}

/* A read of a page nobody has written, in a region with no commitment
 * behind it: the zero page, shared and read-only, costs nothing. */
static int map_zero_page(struct vmspace *vm, struct vm_region *r, uintptr_t va, pte_t *e)
{
	uint64_t pa = get_zero_page();
	if (!pa)
		return -ENOMEM;
	*e = arch_pte_leaf(pa, pte_flags(r, pa), 0);
	arch_pt_sync();
	vm->resident++;
	return 0;
}

/* A write to a copy-on-write page: copy it unless we are its only user. */
int vm_break_cow(struct vmspace *vm, struct vm_region *r, uintptr_t va, pte_t *e)
{
	uint64_t old = arch_pte_pa(*e, 0);
	if (old == zero_page || pmm_page_refs(old) > 1) {
		uint64_t pa = pmm_alloc_page();
		if (!pa)
			return -ENOMEM;
		memcpy(phys_to_virt(pa), phys_to_virt(old), PAGE_SIZE);
		*e = arch_pte_leaf(pa, pte_flags(r, pa), 0);
		if (old != zero_page)
			pmm_page_unref(old);
	} else {
		*e = arch_pte_leaf(old, pte_flags(r, old), 0);
	}
	arch_uspace_flush_page(vm->id, va);
	arch_pt_sync();
	return 0;
}

static int fault_locked(struct vmspace *vm, uintptr_t addr, unsigned access)
{
	struct vm_region *r = vm_find(vm, addr);
	if (!r || (r->flags & VMR_GUARD))
		return -EFAULT;
	if ((access & VM_WRITE) && !(r->prot & VM_WRITE))
		return -EFAULT;
	if ((access & VM_EXEC) && !(r->prot & VM_EXEC))
		return -EFAULT;
	if ((access & VM_READ) && !(r->prot & (VM_READ | VM_WRITE | VM_EXEC)))
		return -EFAULT;
	uintptr_t va = ALIGN_DOWN(addr, PAGE_SIZE);
	pte_t *e = leaf(vm, va);
	if (!e)
		return -ENOMEM;
	if (!arch_pte_valid(*e) && (r->flags & VMR_STACK) && !stack_allows(r, va))
		return -EFAULT;
	if (r->file)
		return vmf_fault(vm, r, va, e, access);
	if (!arch_pte_valid(*e) && !(access & VM_WRITE) && !commits(r) && !(r->flags & VMR_SHARED))
		return map_zero_page(vm, r, va, e);
	if (!arch_pte_valid(*e))
		return fill_page(vm, r, va, e);
	if ((access & VM_WRITE) && !(arch_pte_flags(*e, 0) & VM_WRITE))
		return vm_break_cow(vm, r, va, e);
	return vm_fault_spurious(vm, va);
}

int vm_fault(struct vmspace *vm, uintptr_t addr, unsigned access)
{
	vm_lock(vm);
	int r = fault_locked(vm, addr, access);
	vm_unlock(vm);
	return r;
}

/* The page is mapped with the access asked for already: on several CPUs,
 * another thread of the space took the same fault first (or this CPU held
 * an older translation).  Drop the stale entry; the access is retried.
 * The faults that would only repeat (the kernel touching user memory
 * outside the user-copy routines: SMAP, PAN) are caught by the arches
 * before they get here, and trap.c stops a fault that repeats anyway. */
int vm_fault_spurious(struct vmspace *vm, uintptr_t va)
{
	arch_uspace_flush_page(vm->id, va);
	return VM_FAULT_RETRY;
}

static int write_locked(struct vmspace *vm, uintptr_t va, const void *src, size_t len)
{
	const char *s = src;
	unsigned pages = 0;
	while (len) {
		if (++pages % 64 == 0)
			cond_resched();   /* the caller holds the space's lock */
		uintptr_t page = ALIGN_DOWN(va, PAGE_SIZE);
		size_t off = va - page, n = MIN(len, PAGE_SIZE - off);
		struct vm_region *r = vm_find(vm, va);
		if (!r)
			return -EFAULT;
		pte_t *e = leaf(vm, page);
		if (!e)
			return -ENOMEM;
		if (!arch_pte_valid(*e)) {
			int err = r->file ? vmf_fault(vm, r, page, e, VM_READ) : fill_page(vm, r, page, e);
			if (err < 0)
				return err == -ENXIO ? -EFAULT : err;
			if (err == VM_FAULT_RETRY)
				continue;   /* it slept: look again */
		}
		/* never written through the zero page or a page someone else
		 * holds (a file's own page, a COW page): copy it first */
		uint64_t pa = arch_pte_pa(*e, 0);
		bool shared = pa == zero_page ||
			      (!(r->flags & VMR_SHARED) && pmm_page_refs(pa) > 1);
		if (!(arch_pte_flags(*e, 0) & VM_WRITE) && ((r->prot & VM_WRITE) || shared)) {
			int err = (r->flags & VMR_SHARED) && r->file ?
				  vmf_fault(vm, r, page, e, VM_WRITE) : vm_break_cow(vm, r, page, e);
			if (err < 0)
				return err == -ENXIO ? -EFAULT : err;
			if (err == VM_FAULT_RETRY)
				continue;
		}
		char *dst = (char *)phys_to_virt(arch_pte_pa(*e, 0)) + off;
		if (s)
			memcpy(dst, s, n);
		else
			memset(dst, 0, n);
		if (s)
			s += n;
		va += n;
		len -= n;
	}
	return 0;
}

int vm_write(struct vmspace *vm, uintptr_t va, const void *src, size_t len)
{
	vm_lock(vm);
	int r = write_locked(vm, va, src, len);
	vm_unlock(vm);
	return r;
}

struct fork_ctx {
	struct vmspace *child;
	struct vm_region *r;
};

static int fork_page(pte_t *e, uintptr_t va, void *arg)
{
	struct fork_ctx *fc = arg;
	uint64_t pa = arch_pte_pa(*e, 0);
	pte_t *ce = leaf(fc->child, va);
	if (!ce)
		return -ENOMEM;
	if (pa != zero_page)
		pmm_page_ref(pa);
	/* now shared: a private writable page turns read-only on both sides */
	unsigned f = pte_flags(fc->r, pa);
	*e = arch_pte_leaf(pa, f, 0);
	*ce = arch_pte_leaf(pa, f, 0);
	fc->child->resident++;
	return 0;
}

static struct vmspace *fork_locked(struct vmspace *vm)
{
	struct vmspace *c = vm_create();
	if (!c)
		return NULL;
	c->brk_base = vm->brk_base;
	c->brk = vm->brk;
	for (struct vm_region *r = vm->regions; r; r = r->next) {
		struct vm_region *n = kmalloc(sizeof *n);
		if (!n || (commits(r) && commit(c, region_pages(r)) < 0)) {
			kfree(n);
			vm_destroy(c);
			return NULL;
		}
		*n = *r;
		n->next = NULL;
		n->vm = c;
		shm_get(n->shm);
		if (n->file)
			vmf_attach(n->file, n);
		insert(c, n);
		struct fork_ctx fc = { c, r };
		if (pt_for_each_leaf_preempt(vm->root, r->start, r->end, fork_page, &fc) != 0) {
			vm_destroy(c);
			arch_uspace_flush_all(vm->id);
			return NULL;
		}
	}
	arch_pt_sync();
	arch_uspace_flush_all(vm->id);   /* parent's pages just turned read-only */
	return c;
}

/* The parent's space is locked while it is copied: the copy has preemption
 * points, and another thread of the parent must not change it meanwhile
 * (it may still write to its pages: a write that lands before the final
 * flush is one made while fork ran, seen by both sides). */
struct vmspace *vm_fork(struct vmspace *vm)
{
	vm_lock(vm);
	struct vmspace *c = fork_locked(vm);
	vm_unlock(vm);
	return c;
}

uintptr_t vm_find_free(struct vmspace *vm, size_t len)
{
	len = ALIGN_UP(len, PAGE_SIZE);
	if (len > USER_MMAP_TOP - USER_BASE)
		return 0;
	/* One pass up the sorted list; the highest hole that fits wins. */
	uintptr_t found = 0, hole = USER_BASE;
	for (struct vm_region *r = vm->regions; r && hole < USER_MMAP_TOP; r = r->next) {
		uintptr_t top = MIN(r->start, (uintptr_t)USER_MMAP_TOP);
		if (top > hole && top - hole >= len)
			found = top - len;
		hole = MAX(hole, r->end);
	}
	if (hole < USER_MMAP_TOP && USER_MMAP_TOP - hole >= len)
		found = USER_MMAP_TOP - len;
	return found;
}

static uintptr_t set_brk_locked(struct vmspace *vm, uintptr_t new_brk)
{
	if (new_brk < vm->brk_base)
		return vm->brk;
	uintptr_t old_end = ALIGN_UP(vm->brk, PAGE_SIZE);
	uintptr_t new_end = ALIGN_UP(new_brk, PAGE_SIZE);
	if (new_end > old_end) {
		/* grow the heap region (or create it) */
		if (!vm_range_free(vm, old_end, new_end))
			return vm->brk;
		if (vm_map(vm, old_end, new_end - old_end, VM_READ | VM_WRITE, VMR_HEAP, "heap") < 0)
			return vm->brk;
	} else if (new_end < old_end) {
		vm_unmap(vm, new_end, old_end - new_end);
	}
	vm->brk = new_brk;
	return vm->brk;
}

uintptr_t vm_set_brk(struct vmspace *vm, uintptr_t new_brk)
{
	vm_lock(vm);
	uintptr_t r = set_brk_locked(vm, new_brk);
	vm_unlock(vm);
	return r;
}

/* ---------------------------------------------------------------- mremap, madvise, mincore */

struct move_ctx {
	struct vmspace *vm;
	uintptr_t from, to;
};

static int move_page(pte_t *e, uintptr_t va, void *arg)
{
	struct move_ctx *m = arg;
	pte_t *ne = leaf(m->vm, va - m->from + m->to);
	if (!ne)
		return -ENOMEM;
	*ne = *e;
	*e = 0;
	arch_uspace_flush_page(m->vm->id, va);
	return 0;
}

/* Move the pages of [from, from+len) to [to, to+len) (not overlapping):
 * the page-table entries move, the pages and their counts stay.  Out of
 * memory for a table moves everything back. */
static int move_pages(struct vmspace *vm, uintptr_t from, uintptr_t to, size_t len)
{
	struct move_ctx m = { vm, from, to };
	int err = pt_for_each_leaf_preempt(vm->root, from, from + len, move_page, &m);
	if (err) {
		struct move_ctx back = { vm, to, from };   /* the old tables are all there */
		pt_for_each_leaf(vm->root, to, to + len, move_page, &back);
	}
	arch_pt_sync();
	return err;
}

static void unlink_region(struct vmspace *vm, struct vm_region *r)
{
	struct vm_region **pp = &vm->regions;
	while (*pp != r)
		pp = &(*pp)->next;
	*pp = r->next;
	r->next = NULL;
}

/* Commit what growing r by 'extra' pages needs: private writable memory
 * for the region, or a bigger shared anonymous object. */
static int grow_commit(struct vmspace *vm, struct vm_region *r, size_t extra)
{
	if (!extra)
		return 0;
	if (!may_expand(vm, extra, commits(r) ? extra : 0))
		return -ENOMEM;
	if (commits(r))
		return commit(vm, extra);
	if (r->shm) {
		if (vm_commit_pages(extra) < 0)
			return -ENOMEM;
		r->shm->pages += extra;
	}
	return 0;
}

/* The new pages of a grown shared anonymous region exist at once, as
 * mmap makes them (fork shares only pages that are there). */
static int grow_fill(struct vmspace *vm, unsigned flags, uintptr_t start, uintptr_t end)
{
	return (flags & VMR_SHMEM) && end > start ? vm_write(vm, start, NULL, end - start) : 0;
}

/* r is exactly [old, old+old_len): move it to new_addr with new_len. */
static long move_region(struct vmspace *vm, struct vm_region *r, size_t old_len, size_t new_len,
			uintptr_t new_addr)
{
	uintptr_t old = r->start;
	size_t extra = new_len > old_len ? (new_len - old_len) / PAGE_SIZE : 0;
	if (grow_commit(vm, r, extra) < 0)
		return -ENOMEM;
	size_t keep = MIN(old_len, new_len);
	if (move_pages(vm, old, new_addr, keep) < 0) {
		if (extra && commits(r))
			uncommit(vm, extra);
		return -ENOMEM;
	}
	if (new_len < old_len) {
		writeback_before_unmap(r);
		release_range(vm, old + new_len, old + old_len);
		if (commits(r))
			uncommit(vm, (old_len - new_len) / PAGE_SIZE);
	}
	unsigned flags = r->flags;
	unlink_region(vm, r);
	r->start = new_addr;
	r->end = new_addr + new_len;
	insert(vm, r);
	merge(vm);
	int err = grow_fill(vm, flags, new_addr + old_len, new_addr + new_len);
	return err ? err : (long)new_addr;
}

static long remap_locked(struct vmspace *vm, uintptr_t old, size_t old_len, size_t new_len,
			 unsigned flags, uintptr_t new_addr)
{
	if (!IS_ALIGNED(old, PAGE_SIZE) || (flags & ~(unsigned)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (flags & MREMAP_DONTUNMAP)
		return -EINVAL;   /* not kept: the old range would need its own region */
	if (!new_len || new_len > USER_TOP || old_len > USER_TOP)
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!old_len)
		return -EINVAL;   /* Linux duplicates shared mappings so; not here */
	if (flags & MREMAP_FIXED) {
		if (!range_ok(new_addr, new_len) ||
		    (new_addr < old + old_len && old < new_addr + new_len))
			return -EINVAL;
	}
	struct vm_region *r = vm_find(vm, old);
	if (!r || old_len > r->end - old || (r->flags & (VMR_GUARD | VMR_SIGPAGE)))
		return -EFAULT;
	if (flags & MREMAP_FIXED) {
		int err = vm_unmap(vm, new_addr, new_len);
		if (err)
			return err;
	} else if (new_len <= old_len) {
		int err = new_len < old_len ? vm_unmap(vm, old + new_len, old_len - new_len) : 0;
		return err ? err : (long)old;
	} else if (r->end == old + old_len && range_ok(old, new_len) &&
		   vm_range_free(vm, old + old_len, old + new_len)) {
		/* grow in place */
		if (grow_commit(vm, r, (new_len - old_len) / PAGE_SIZE) < 0)
			return -ENOMEM;
		unsigned rflags = r->flags;
		r->end = old + new_len;
		merge(vm);
		int err = grow_fill(vm, rflags, old + old_len, old + new_len);
		return err ? err : (long)old;
	} else if (!(flags & MREMAP_MAYMOVE)) {
		return -ENOMEM;
	} else {
		new_addr = vm_find_free(vm, new_len);
		if (!new_addr)
			return -ENOMEM;
	}
	/* moving: the old range becomes a region of its own */
	if (split_at(vm, old, old + old_len) < 0)
		return -ENOMEM;
	r = vm_find(vm, old);
	return move_region(vm, r, old_len, new_len, new_addr);
}

long vm_remap(struct vmspace *vm, uintptr_t old, size_t old_len, size_t new_len, unsigned flags,
	      uintptr_t new_addr)
{
	vm_lock(vm);
	long r = remap_locked(vm, old, old_len, new_len, flags, new_addr);
	vm_unlock(vm);
	return r;
}

static int dontneed_locked(struct vmspace *vm, uintptr_t start, uintptr_t end)
{
	for (struct vm_region *r = vm->regions; r && r->start < end; r = r->next) {
		if (r->end <= start)
			continue;
		if (r->flags & (VMR_GUARD | VMR_SIGPAGE | VMR_SHMEM))
			continue;   /* shared anonymous pages have no other home */
		/* private pages go (they come back as zeros or from the file);
		 * a shared file's pages stay in the file or its vm_file */
		release_range(vm, MAX(r->start, start), MIN(r->end, end));
	}
	return 0;
}

int vm_dontneed(struct vmspace *vm, uintptr_t start, uintptr_t end)
{
	vm_lock(vm);
	int r = dontneed_locked(vm, start, end);
	vm_unlock(vm);
	return r;
}

bool vm_resident(struct vmspace *vm, uintptr_t va)
{
	uint64_t pa;
	unsigned f;
	return pt_lookup(vm->root, va, &pa, &f) == 0;
}
