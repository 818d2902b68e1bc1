/* File mappings: the object mm keeps for each mapped file, faults that
 * bring file pages in, writeback of shared pages, and what truncate and
 * fsync ask of mappings (the model is in mm/include/vm.h).
 *
 * One vm_file per mapped vnode (vnode.vmfile), made by the first mapping
 * and freed with the last region that maps any part of it; it holds a
 * reference on the vnode, so a mapping outlives the descriptor it came
 * from.  It lists its regions (fnext) so that truncate can take away the
 * pages past the new end in every address space, and writeback can make a
 * page it wrote read-only again wherever it is mapped.
 *
 * Two kinds of file system:
 *  - direct (vnode_ops.getpage, tmpfs): a fault maps the file's own page,
 *    with a page reference.  Shared mappings write into the file itself;
 *    private ones see it read-only and copy at the first write.  A hole
 *    reads as the zero page until a shared write makes the file page.
 *  - cached (everything else, FAT): a private fault reads the page into a
 *    page of its own.  Shared mappings share the pages cached here, read
 *    at their first fault; a write fault marks a page dirty and writeback
 *    (msync, munmap, fsync, exit) writes the dirty pages with the file
 *    system's write.  So that read() and write() agree with the mappings as
 *    on Linux (one page cache for all), a read of a mapped file writes the
 *    dirty pages back first (vm_file_sync) and a write copies what it
 *    wrote into the pages cached here (vm_file_written).
 *
 * The program files exec maps (VMR_DENYWRITE) cannot be opened for writing
 * or truncated while they run (ETXTBSY, as Linux): their pages are the
 * running program.
 *
 * A page past the end of the file is refused with -ENXIO, which the trap
 * code turns into SIGBUS, as on Linux; the part of the last page past the
 * end reads as zeros. */
#include <vm.h>
#include <vfs.h>
#include <mm.h>
#include <pmm.h>
#include <kernel.h>
#include <uapi.h>
#include <string.h>

#define CACHE_BUCKETS 64

struct cpage {
	struct cpage *next;
	uint64_t idx;               /* page index in the file */
	uint64_t pa;                /* one page reference is the cache's */
	bool dirty;
};

struct vm_file {
	struct vnode *v;            /* referenced while the object lives */
	unsigned refs;              /* regions pointing here */
	unsigned text;              /* of those, VMR_DENYWRITE ones (exec's) */
	struct vm_region *regions;  /* those regions, through fnext */
	struct cpage *cache[CACHE_BUCKETS];   /* cached file systems' shared pages */
};

bool vmf_direct(const struct vm_file *o)
{
	return o->v->ops->getpage != NULL;
}

struct vnode *vmf_vnode(const struct vm_file *o)
{
	return o->v;
}

static uint64_t file_pages(const struct vnode *v)
{
	return (v->size + PAGE_SIZE - 1) / PAGE_SIZE;
}

struct vm_file *vmf_get(struct vnode *v)
{
	if (v->vmfile)
		return v->vmfile;
	struct vm_file *o = kzalloc(sizeof *o);
	if (!o)
		return NULL;
	o->v = vnode_get(v);
	v->vmfile = o;
	return o;
}

/* Give back the cached pages from file page 'from' on (their mappings are
 * gone already). */
static void cache_drop_from(struct vm_file *o, uint64_t from)
{
	for (unsigned b = 0; b < CACHE_BUCKETS; b++) {
		struct cpage **pp = &o->cache[b];
		while (*pp) {   /* preemption point */
			struct cpage *c = *pp;
			if (c->idx < from) {
				pp = &c->next;
				continue;
			}
			*pp = c->next;
			pmm_page_unref(c->pa);
			kfree(c);
		}
	}
}

void vmf_put_unused(struct vm_file *o)
{
	if (o->refs)
		return;
	cache_drop_from(o, 0);
	o->v->vmfile = NULL;
	vnode_put(o->v);
	kfree(o);
}

void vmf_attach(struct vm_file *o, struct vm_region *r)
{
	r->file = o;
	r->fnext = o->regions;
	o->regions = r;
	o->refs++;
	if (r->flags & VMR_DENYWRITE)
		o->text++;
}

void vmf_detach(struct vm_region *r)
{
	struct vm_file *o = r->file;
	struct vm_region **pp = &o->regions;
	while (*pp && *pp != r)
		pp = &(*pp)->fnext;
	if (*pp)
		*pp = r->fnext;
	r->file = NULL;
	r->fnext = NULL;
	o->refs--;
	if (r->flags & VMR_DENYWRITE)
		o->text--;
	vmf_put_unused(o);
}

/* Fill the page at pa with file page idx, zeros past the end.  0 or -EIO. */
static int read_page(struct vnode *v, uint64_t idx, uint64_t pa)
{
	char *dst = phys_to_virt(pa);
	memset(dst, 0, PAGE_SIZE);
	uint64_t off = idx * PAGE_SIZE;
	if (off >= v->size)
		return 0;
	size_t n = (size_t)MIN((uint64_t)PAGE_SIZE, v->size - off);
	struct uio u;
	struct kiov iov;
	uio_kernel(&u, &iov, dst, n);
	long got = v->ops->read ? v->ops->read(v, &u, off) : -EIO;
	return got < 0 ? -EIO : 0;
}

static struct cpage *cache_find(struct vm_file *o, uint64_t idx)
{
	for (struct cpage *c = o->cache[idx % CACHE_BUCKETS]; c; c = c->next)
		if (c->idx == idx)
			return c;
	return NULL;
}

/* The cached page idx, read from the file if it is not there yet.  NULL
 * with *err = -ENOMEM or -ENXIO (the read failed: SIGBUS, as Linux). */
static struct cpage *cache_get(struct vm_file *o, uint64_t idx, int *err)
{
	struct cpage *c = cache_find(o, idx);
	if (c)
		return c;
	c = kzalloc(sizeof *c);
	uint64_t pa = c ? pmm_alloc_page() : 0;
	if (!pa) {
		kfree(c);
		*err = -ENOMEM;
		return NULL;
	}
	if (read_page(o->v, idx, pa) < 0) {
		pmm_free_page(pa);
		kfree(c);
		*err = -ENXIO;
		return NULL;
	}
	c->idx = idx;
	c->pa = pa;
	c->next = o->cache[idx % CACHE_BUCKETS];
	o->cache[idx % CACHE_BUCKETS] = c;
	return c;
}

static void set_pte(struct vmspace *vm, uintptr_t va, pte_t *e, uint64_t pa, unsigned flags)
{
	*e = arch_pte_leaf(pa, flags, 0);
	arch_uspace_flush_page(vm->id, va);
	arch_pt_sync();
}

/* Page idx of a direct file may just have been made for a hole: every
 * mapping that shows that hole as the zero page (a read fault before,
 * in any process) drops it, so its next access finds the file's page.
 * (vm, va) is the caller's own entry, which it sets itself. */
static void hole_filled(struct vm_file *o, uint64_t idx, struct vmspace *vm, uintptr_t va)
{
	uint64_t zero = vm_zero_page();
	for (struct vm_region *r = o->regions; r; r = r->fnext) {   /* preemption point */
		uint64_t n = (r->end - r->start) / PAGE_SIZE;
		if (idx < r->pgoff || idx >= r->pgoff + n)
			continue;
		uintptr_t at = r->start + (idx - r->pgoff) * PAGE_SIZE;
		if (r->vm == vm && at == va)
			continue;
		pte_t *e = pt_leaf(r->vm->root, at, NULL);
		if (e && arch_pte_valid(*e) && arch_pte_pa(*e, 0) == zero) {
			*e = 0;
			arch_uspace_flush_page(r->vm->id, at);
			r->vm->resident--;
		}
	}
	arch_pt_sync();
}

/* A write to a present, read-only page of a shared file mapping. */
static int shared_write(struct vmspace *vm, struct vm_region *r, uintptr_t va, pte_t *e,
			uint64_t idx)
{
	struct vm_file *o = r->file;
	uint64_t old = arch_pte_pa(*e, 0);
	if (vmf_direct(o)) {
		/* the zero page stood for a hole: now the file needs its page */
		uint64_t pa;
		int err = o->v->ops->getpage(o->v, idx, true, &pa);
		if (err)
			return -ENXIO;     /* the file system is full: SIGBUS, as Linux */
		if (pa != old) {
			pmm_page_ref(pa);
			if (old != vm_zero_page())
				pmm_page_unref(old);
		}
		hole_filled(o, idx, vm, va);
		set_pte(vm, va, e, pa, vm_pte_flags(r, pa));
		return 0;
	}
	struct cpage *c = cache_find(o, idx);
	if (!c || c->pa != old)
		return -EFAULT;            /* cannot happen: shared pages are the cache's */
	c->dirty = true;
	set_pte(vm, va, e, old, vm_pte_flags(r, old) | VM_WRITE);
	return 0;
}

int vmf_fault(struct vmspace *vm, struct vm_region *r, uintptr_t va, pte_t *e, unsigned access)
{
	struct vm_file *o = r->file;
	struct vnode *v = o->v;
	uint64_t idx = r->pgoff + (va - r->start) / PAGE_SIZE;
	bool write = access & VM_WRITE, shared = r->flags & VMR_SHARED;
	if (arch_pte_valid(*e)) {
		if (!write || (arch_pte_flags(*e, 0) & VM_WRITE))
			return vm_fault_spurious(vm, va);   /* another CPU was first */
		return shared ? shared_write(vm, r, va, e, idx) : vm_break_cow(vm, r, va, e);
	}
	if (idx >= file_pages(v))
		return -ENXIO;
	uint64_t pa;
	bool ours = false;             /* a page of this mapping alone (no reference to take) */
	bool dirty = false;
	if (vmf_direct(o)) {
		int err = v->ops->getpage(v, idx, shared && write, &pa);
		if (err)
			return -ENXIO;
		if (shared && write)
			hole_filled(o, idx, vm, va);
		if (!pa)
			pa = vm_zero_page();
		if (!pa)
			return -ENOMEM;
	} else if (shared) {
		int err;
		struct cpage *c = cache_get(o, idx, &err);
		if (!c)
			return err;
		pa = c->pa;
		if (write)
			c->dirty = dirty = true;
	} else {
		pa = pmm_alloc_page();
		if (!pa)
			return -ENOMEM;
		if (read_page(v, idx, pa) < 0) {
			pmm_free_page(pa);
			return -ENXIO;
		}
		ours = true;
	}
	/* Reading the page may have slept (a disk): meanwhile another thread
	 * of this space may have mapped it, or unmapped the region.  Then
	 * this page is not needed; the access is retried. */
	if (vm_find(vm, va) != r || !(e = pt_leaf(vm->root, va, NULL)) || arch_pte_valid(*e)) {
		if (ours)
			pmm_free_page(pa);
		return VM_FAULT_RETRY;
	}
	if (!ours && pa != vm_zero_page())
		pmm_page_ref(pa);
	unsigned f = vm_pte_flags(r, pa) | (dirty ? VM_WRITE : 0);
	*e = arch_pte_leaf(pa, f, 0);
	arch_pt_sync();
	vm->resident++;
	if (write && !(f & VM_WRITE))
		return vm_break_cow(vm, r, va, e);   /* private: the copy is the mapping's */
	return 0;
}

/* The cached page c was just written back: make it read-only wherever it
 * is mapped, so the next write marks it dirty again. */
static void clean_mappings(struct vm_file *o, const struct cpage *c)
{
	for (struct vm_region *r = o->regions; r; r = r->fnext) {   /* preemption point */
		uint64_t n = (r->end - r->start) / PAGE_SIZE;
		if (!(r->flags & VMR_SHARED) || c->idx < r->pgoff || c->idx >= r->pgoff + n)
			continue;
		uintptr_t va = r->start + (c->idx - r->pgoff) * PAGE_SIZE;
		pte_t *e = pt_leaf(r->vm->root, va, NULL);
		if (e && arch_pte_valid(*e) && arch_pte_pa(*e, 0) == c->pa) {
			*e = arch_pte_leaf(c->pa, vm_pte_flags(r, c->pa), 0);
			arch_uspace_flush_page(r->vm->id, va);
		}
	}
	arch_pt_sync();
}

int vmf_writeback(struct vm_file *o)
{
	if (vmf_direct(o))
		return 0;                  /* the mappings wrote into the file itself */
	struct vnode *v = o->v;
	int err = 0;
	for (unsigned b = 0; b < CACHE_BUCKETS; b++) {
		for (struct cpage *c = o->cache[b]; c; c = c->next) {   /* preemption point */
			if (!c->dirty)
				continue;
			c->dirty = false;
			clean_mappings(o, c);
			uint64_t off = c->idx * PAGE_SIZE;
			if (off >= v->size)
				continue;
			size_t n = (size_t)MIN((uint64_t)PAGE_SIZE, v->size - off);
			struct uio u;
			struct kiov iov;
			uio_kernel(&u, &iov, phys_to_virt(c->pa), n);
			long w = v->ops->write ? v->ops->write(v, &u, off) : -EIO;
			if (w != (long)n)
				err = -EIO;
		}
	}
	return err;
}

void vm_file_truncate(struct vnode *v, uint64_t size)
{
	struct vm_file *o = v->vmfile;
	if (!o || size >= v->size)
		return;
	uint64_t keep = (size + PAGE_SIZE - 1) / PAGE_SIZE;   /* pages that stay */
	for (struct vm_region *r = o->regions; r; r = r->fnext) {   /* preemption point */
		uint64_t end = r->pgoff + (r->end - r->start) / PAGE_SIZE;
		uint64_t first = MAX(keep, r->pgoff);
		if (first < end)
			vm_release_range(r->vm, r->start + (first - r->pgoff) * PAGE_SIZE, r->end);
	}
	cache_drop_from(o, keep);
	struct cpage *c = size % PAGE_SIZE ? cache_find(o, size / PAGE_SIZE) : NULL;
	if (c)
		memset((char *)phys_to_virt(c->pa) + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
}

bool vm_file_busy(const struct vnode *v)
{
	return v->vmfile && v->vmfile->text;
}

unsigned vm_file_regions(const struct vnode *v)
{
	return v->vmfile ? v->vmfile->refs : 0;
}

struct vnode *vm_region_vnode(const struct vm_region *r)
{
	return r->file ? r->file->v : NULL;
}

bool vm_file_mapped_writable(const struct vnode *v)
{
	if (!v->vmfile)
		return false;
	for (const struct vm_region *r = v->vmfile->regions; r; r = r->fnext)
		if ((r->flags & VMR_SHARED) && (r->flags & VMR_MAYWRITE))
			return true;
	return false;
}

void vm_file_written(struct vnode *v, uint64_t off, size_t n)
{
	struct vm_file *o = v->vmfile;
	if (!o || !n)
		return;
	if (vmf_direct(o)) {
		/* the mappings share the file's pages: only holes written
		 * into are news to them */
		for (uint64_t idx = off / PAGE_SIZE; idx * PAGE_SIZE < off + n; idx++)   /* preemption point */
			hole_filled(o, idx, NULL, 0);
		return;
	}
	for (uint64_t idx = off / PAGE_SIZE; idx * PAGE_SIZE < off + n; idx++) {   /* preemption point */
		struct cpage *c = cache_find(o, idx);
		if (!c)
			continue;
		/* the bytes write() changed, read back from the file into the
		 * page the mappings share; the rest keeps what they wrote */
		uint64_t lo = MAX(off, idx * PAGE_SIZE), hi = MIN(off + n, (idx + 1) * PAGE_SIZE);
		struct uio u;
		struct kiov iov;
		uio_kernel(&u, &iov, (char *)phys_to_virt(c->pa) + (lo - idx * PAGE_SIZE), (size_t)(hi - lo));
		v->ops->read(v, &u, lo);
	}
}

int vm_file_sync(struct vnode *v)
{
	return v->vmfile ? vmf_writeback(v->vmfile) : 0;
}

static int sync_locked(struct vmspace *vm, uintptr_t start, uintptr_t end, bool wait)
{
	int err = 0;
	bool hole = false;
	for (uintptr_t a = start; a < end; ) {   /* by regions */
		struct vm_region *r = vm_find(vm, a);
		if (!r) {
			/* Linux: ENOMEM for a hole, after syncing what is mapped */
			hole = true;
			struct vm_region *n = vm->regions;
			while (n && n->start <= a)
				n = n->next;
			if (!n)
				break;
			a = n->start;
			continue;
		}
		if (r->file && (r->flags & VMR_SHARED)) {
			int e = vmf_writeback(r->file);
			struct vnode *v = r->file->v;
			if (!e && wait && v->ops->fsync)
				e = v->ops->fsync(v, false);
			if (e && !err)
				err = e;
		}
		a = r->end;
	}
	return hole ? -ENOMEM : err;
}

/* Locked: writeback sleeps, and r must still be there when it is done. */
int vm_sync(struct vmspace *vm, uintptr_t start, uintptr_t end, bool wait)
{
	vm_lock(vm);
	int r = sync_locked(vm, start, end, wait);
	vm_unlock(vm);
	return r;
}
