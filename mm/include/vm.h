/* User address spaces (mm/vmspace.c).
 *
 * A vmspace is a root page table plus a sorted list of regions.  A region
 * says what a range of the lower half may hold (prot) and how it behaves
 * (private or shared, stack, heap, guard); pages appear in it lazily, on the
 * first fault, zero-filled.  fork shares private pages copy-on-write: both
 * sides map them read-only and the first write copies.  Memory is committed
 * when a writable private region is created, so running out of memory shows
 * up as -ENOMEM from mmap/brk/fork/exec, not as a fault later.
 *
 * Shared anonymous memory (MAP_SHARED|MAP_ANONYMOUS) is one object however
 * many regions, in however many processes, map it: its pages are committed
 * once, when it is made, and the charge goes back when the last region that
 * maps any part of it goes (as with Linux's shmem: a partial munmap keeps
 * the charge).  tmpfs charges its pages one by one through vm_commit_pages
 * (but System V segments are committed whole at shmget: kernel/ipc/shm.c).
 * Read faults in regions that commit nothing (read-only private mappings)
 * map one shared zero page, so reading never takes memory nobody promised.
 *
 * A file mapping (VMR_FILE, mm/vmfile.c) points at the vm_file of its vnode
 * and the file page its first page shows (pgoff).  Pages come from the file
 * at the first fault: a file system that keeps its data in pages (tmpfs:
 * vnode_ops.getpage) lends its own pages, so MAP_SHARED writes are the
 * file's data at once and MAP_PRIVATE reads copy nothing until a write;
 * any other file system is read into pages the vm_file caches for the
 * shared mappings of the file and writes back (msync, munmap, fsync, exit).
 * A private writable file mapping commits like anonymous memory; a shared
 * one commits nothing (its pages are the file's). */
#ifndef RINGEL_VM_H
#define RINGEL_VM_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <arch.h>

#define VMR_SHARED  0x01   /* MAP_SHARED: fork shares the pages, no COW */
#define VMR_STACK   0x02
#define VMR_HEAP    0x04
#define VMR_GUARD   0x08   /* never accessible: the page under the stack */
#define VMR_SIGPAGE 0x10   /* the signal-return trampoline */
#define VMR_SHMEM   0x20   /* shared anonymous memory: vm_map makes its vm_shm */
#define VMR_FILE    0x40   /* a file mapping: file, pgoff */
#define VMR_MAYWRITE 0x80  /* shared file mapping whose file is open for writing */
#define VMR_DENYWRITE 0x100 /* a running program's file: opening it for writing is ETXTBSY */

/* Where things go in every user address space (below USER_TOP). */
#define USER_SIGPAGE     (USER_TOP - 2 * PAGE_SIZE)
#define USER_STACK_TOP   (USER_TOP - 4 * PAGE_SIZE)
/* exec makes the stack region RLIMIT_STACK long (USER_STACK_SIZE by
 * default), within MIN and MAX: the mmap area starts 8 MiB + 1 GiB below
 * the top, so a 1 GiB stack and its guard page still fit above it. */
#define USER_STACK_SIZE  (8UL << 20)
#define USER_STACK_MIN   (128UL << 10)
#define USER_STACK_MAX   (1UL << 30)
#define USER_MMAP_TOP    (USER_STACK_TOP - USER_STACK_SIZE - (1UL << 30))
#define USER_PIE_BASE    0x0000555555554000UL

/* A shared anonymous object (see above). */
struct vm_shm {
	unsigned refs;              /* regions that point here */
	size_t pages;               /* committed for it, until refs is 0 */
};

struct vm_file;
struct vnode;

struct vm_region {
	uintptr_t start, end;       /* page aligned, [start, end) */
	unsigned prot;              /* VM_READ | VM_WRITE | VM_EXEC */
	unsigned flags;             /* VMR_* */
	char name[12];              /* "text", "data", "heap", "stack", "mmap"... */
	struct vm_shm *shm;         /* VMR_SHMEM: the object, else NULL */
	struct vm_file *file;       /* VMR_FILE: the mapped file, else NULL */
	uint64_t pgoff;             /* VMR_FILE: file page shown at start */
	struct vmspace *vm;         /* the address space it is in */
	struct vm_region *fnext;    /* VMR_FILE: next region of the same file */
	struct vm_region *next;
};

struct vmspace {
	int refs;                   /* threads and CLONE_VM children using it (on SMP: under its lock) */
	uint64_t root;              /* physical address of the root table */
	uint32_t id;                /* unique while alive (ASIDs) */
	struct vm_region *regions;  /* sorted by address, not overlapping */
	uintptr_t brk_base, brk;    /* the heap: [brk_base, page_up(brk)) */
	size_t committed;           /* pages promised to private writable regions */
	size_t resident;            /* pages mapped */
	size_t pt_pages;            /* its page tables, root included (mm/kmem.c's charge) */
	/* The space's own lock (vm_lock): a sleeping lock a thread holds
	 * across the preemption points of a long operation on the space. */
	const void *lock_owner;     /* the thread (struct proc) holding it, or NULL */
	unsigned lock_depth;        /* how often the owner took it */
	unsigned lock_waiters;      /* threads asleep waiting for it */
};

/* The lock of one address space.  The kernel lock serialises the kernel
 * between two sleeps; this one keeps the space's regions and page tables
 * to one thread across the preemption points of long operations (an
 * munmap, mprotect, fork or fault of the space), so another thread of the
 * process waits instead of changing the list under it.  Recursive for
 * its owner; waiters sleep (uninterruptibly).  The vm_* calls below that
 * change a space take it themselves; a caller whose operation is several
 * calls (mmap: look for room, then map) takes it around them all. */
void vm_lock(struct vmspace *vm);
void vm_unlock(struct vmspace *vm);

struct vmspace *vm_create(void);            /* NULL if out of memory */
void vm_destroy(struct vmspace *vm);        /* must not be the active one */
struct vmspace *vm_get(struct vmspace *vm);  /* one more user (CLONE_VM) */
void vm_put(struct vmspace *vm);            /* one user fewer: destroyed with the last */
struct vmspace *vm_fork(struct vmspace *vm); /* COW copy, NULL (-ENOMEM) if it can't */
void vm_activate(struct vmspace *vm);       /* NULL: no user space */

/* Add a region; -EEXIST if it overlaps, -ENOMEM if not enough memory to commit.
 * With VMR_SHMEM (and VMR_SHARED) the region is a new shared anonymous
 * object, committed whatever its protection. */
int vm_map(struct vmspace *vm, uintptr_t start, size_t len, unsigned prot, unsigned flags,
	   const char *name);
/* A region showing the file v from page pgoff on (flags: VMR_SHARED,
 * VMR_MAYWRITE, VMR_DENYWRITE); like vm_map otherwise.  The region holds v. */
int vm_map_file(struct vmspace *vm, uintptr_t start, size_t len, unsigned prot, unsigned flags,
		struct vnode *v, uint64_t pgoff, const char *name);
/* A one-page region mapping an existing page (shared with its other users). */
int vm_map_page(struct vmspace *vm, uintptr_t va, uint64_t pa, unsigned prot, unsigned flags,
		const char *name);
/* Remove [start, start+len).  Allocates only to cut a hole in the middle of
 * one region (-ENOMEM then, changing nothing); trimming or removing regions
 * never needs memory.  Work grows with the regions and pages there, not
 * with len. */
int vm_unmap(struct vmspace *vm, uintptr_t start, size_t len);
int vm_protect(struct vmspace *vm, uintptr_t start, size_t len, unsigned prot);
/* Resolve a fault at addr for an access (VM_READ/VM_WRITE/VM_EXEC):
 * 0 if the page is now there, -EFAULT if the access is not allowed (or the
 * page already allows it, so the fault has some other cause),
 * -ENOMEM if no page could be had. */
int vm_fault(struct vmspace *vm, uintptr_t addr, unsigned access);
/* A fault on a page mapped with the access already (another CPU was
 * first): flush the stale entry and answer VM_FAULT_RETRY (the access
 * is made again; vm_fault's callers treat it as success). */
#define VM_FAULT_RETRY 1
int vm_fault_spurious(struct vmspace *vm, uintptr_t va);
/* Copy into / zero a range of a vmspace that need not be the active one
 * (exec builds the new image this way), faulting pages in as needed. */
int vm_write(struct vmspace *vm, uintptr_t va, const void *src, size_t len);
/* Find a free range of len bytes for mmap, top-down below USER_MMAP_TOP. */
uintptr_t vm_find_free(struct vmspace *vm, size_t len);
struct vm_region *vm_find(struct vmspace *vm, uintptr_t addr);
/* true if no region overlaps [start, end): one pass over the regions. */
bool vm_range_free(struct vmspace *vm, uintptr_t start, uintptr_t end);
/* brk: move the end of the heap; returns the new (or unchanged) break. */
uintptr_t vm_set_brk(struct vmspace *vm, uintptr_t new_brk);

/* mremap: move or resize the mapping [old, old+old_len) (inside one
 * region); flags MREMAP_MAYMOVE, MREMAP_FIXED (new_addr).  The new address or
 * -errno. */
long vm_remap(struct vmspace *vm, uintptr_t old, size_t old_len, size_t new_len, unsigned flags,
	      uintptr_t new_addr);
/* madvise(MADV_DONTNEED): drop the private pages of [start, end) (they
 * read back as zeros or from the file); shared ones stay in their object. */
int vm_dontneed(struct vmspace *vm, uintptr_t start, uintptr_t end);
/* msync: write back the shared file mappings in [start, end).  0, -ENOMEM
 * if part of the range is unmapped, -EIO. */
int vm_sync(struct vmspace *vm, uintptr_t start, uintptr_t end, bool wait);
/* mincore: is the page at va present? */
bool vm_resident(struct vmspace *vm, uintptr_t va);

/* The VFS tells mm about files (mm/vmfile.c): v shrinks to size (before the
 * file system frees the pages: mappings past it are dropped, SIGBUS at the
 * next touch); fsync and read write back what shared mappings changed. */
void vm_file_truncate(struct vnode *v, uint64_t size);
int vm_file_sync(struct vnode *v);
/* write() put n bytes at off into v: shared mappings' cached pages take them. */
void vm_file_written(struct vnode *v, uint64_t off, size_t n);
/* Is v a running program (mapped by exec)?  Then writing it is ETXTBSY. */
bool vm_file_busy(const struct vnode *v);
/* How many regions map v (System V shm's attach count), and the file a
 * region maps (NULL for an anonymous one). */
unsigned vm_file_regions(const struct vnode *v);
struct vnode *vm_region_vnode(const struct vm_region *r);
/* Is v mapped shared with write access anywhere (F_SEAL_WRITE is then EBUSY)? */
bool vm_file_mapped_writable(const struct vnode *v);

/* Between mm/vmspace.c and mm/vmfile.c only. */
unsigned vm_pte_flags(const struct vm_region *r, uint64_t pa);
uint64_t vm_zero_page(void);
void vm_release_range(struct vmspace *vm, uintptr_t start, uintptr_t end);
int vm_break_cow(struct vmspace *vm, struct vm_region *r, uintptr_t va, pte_t *e);
struct vm_file *vmf_get(struct vnode *v);
void vmf_put_unused(struct vm_file *o);   /* vmf_get's object, given up before attaching */
void vmf_attach(struct vm_file *o, struct vm_region *r);
void vmf_detach(struct vm_region *r);   /* drops r's hold on the file */
int vmf_fault(struct vmspace *vm, struct vm_region *r, uintptr_t va, pte_t *e, unsigned access);
int vmf_writeback(struct vm_file *o);
bool vmf_direct(const struct vm_file *o);
struct vnode *vmf_vnode(const struct vm_file *o);   /* the mapped file (for /proc/PID/maps) */

/* Pages all processes may still commit (for /proc/meminfo and tests). */
size_t vm_commit_available(void);
/* Commit pages that belong to no process (tmpfs data): 0, or -ENOMEM when
 * the promise cannot be made.  vm_uncommit_pages gives them back. */
int vm_commit_pages(size_t pages);
void vm_uncommit_pages(size_t pages);
#endif
