/* futex: sleeping on a 32-bit word of user memory, the primitive under
 * every libc's mutexes, condition variables, joins and once-calls; and the
 * robust-list walk that releases the mutexes of a thread that dies.
 *
 * A waiter lives on its own kernel stack while it sleeps, linked into one of
 * FUTEX_BUCKETS hash chains by its key: (address space, user address) for a
 * private futex or one in private memory, (no space, physical address) for
 * one in a MAP_SHARED mapping, which other processes may map elsewhere.
 * Waking walks one chain, never the process table.  On SMP each chain gets
 * a spinlock, taken around the value check and the insertion in
 * futex_wait, and around each walk. */
#include <proc.h>
#include <vm.h>
#include <mm.h>
#include <uaccess.h>
#include <uapi/futex.h>
#include <syscalls_gen.h>
#include <kernel.h>
#include <string.h>

#define FUTEX_BUCKETS 64

struct futex_key {
	const void *space;      /* the vmspace, or NULL for a shared page */
	uintptr_t addr;         /* user address, or physical address */
};

struct futex_waiter {
	struct futex_key key;
	uint32_t bitset;
	struct proc *p;
	bool woken;
	struct futex_waiter *next;
};

static struct futex_waiter *buckets[FUTEX_BUCKETS];

static struct futex_waiter **bucket(const struct futex_key *k)
{
	uint64_t h = (uint64_t)k->addr ^ ((uint64_t)(uintptr_t)k->space >> 4);
	h *= 0x9e3779b97f4a7c15ULL;
	return &buckets[h >> 58];
}

static bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->space == b->space && a->addr == b->addr;
}

/* The key of the word at uaddr; private futexes skip the mapping lookup. */
static int futex_key(uintptr_t uaddr, bool private, struct futex_key *k)
{
	struct vmspace *vm = current->vm;
	if ((uaddr & 3) || !vm)
		return -EINVAL;
	k->space = vm;
	k->addr = uaddr;
	if (private)
		return 0;
	struct vm_region *r = vm_find(vm, uaddr);
	if (!r)
		return -EFAULT;
	if (!(r->flags & VMR_SHARED))
		return 0;
	/* A shared page: the key is where it is in RAM, with the page made
	 * present (and its own, not the zero page) first. */
	uint64_t pa;
	unsigned flags = 0;
	if (pt_lookup(vm->root, uaddr, &pa, &flags) < 0 || !(flags & VM_USER) ||
	    ((r->prot & VM_WRITE) && !(flags & VM_WRITE))) {
		if (vm_fault(vm, uaddr, (r->prot & VM_WRITE) ? VM_WRITE : VM_READ) < 0)
			return -EFAULT;
		if (pt_lookup(vm->root, uaddr, &pa, NULL) < 0)
			return -EFAULT;
	}
	k->space = NULL;
	k->addr = (uintptr_t)pa;
	return 0;
}

static void waiter_unlink(struct futex_waiter *w)
{
	for (struct futex_waiter **pp = bucket(&w->key); *pp; pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			return;
		}
	}
}

/* Wake up to n waiters on k whose bitset meets mask; the count woken. */
static int wake_key(const struct futex_key *k, int n, uint32_t mask)
{
	int woken = 0;
	struct futex_waiter **pp = bucket(k);
	while (*pp && woken < n) {
		struct futex_waiter *w = *pp;
		if (!key_eq(&w->key, k) || !(w->bitset & mask)) {
			pp = &w->next;
			continue;
		}
		*pp = w->next;
		w->woken = true;
		wakeup_proc(w->p, w);
		woken++;
	}
	return woken;
}

/* Sleep on the word at uaddr if it still holds val, until woken, the
 * deadline (absolute arch_clock_ns, 0 = none) or a signal. */
static long futex_wait(uintptr_t uaddr, bool private, uint32_t val, uint64_t deadline,
		       uint32_t bitset)
{
	struct futex_waiter w = { .bitset = bitset, .p = current };
	int err = futex_key(uaddr, private, &w.key);
	if (err)
		return err;
	uint32_t cur;
	if (copy_from_user(&cur, uaddr, sizeof cur) < 0)
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	/* nothing can run between the check and the insertion: one CPU,
	 * interrupts off (on SMP: the bucket's lock) */
	struct futex_waiter **b = bucket(&w.key);
	w.next = *b;
	*b = &w;
	long r = 0;
	while (!w.woken) {
		if (deadline && arch_clock_ns() >= deadline) {
			r = -ETIMEDOUT;
			break;
		}
		if ((deadline ? sleep_until(&w, deadline, true) : sleep_on(&w, true)) < 0) {
			r = -EINTR;
			break;
		}
	}
	if (w.woken)
		return 0;
	waiter_unlink(&w);   /* from the bucket of its key now (requeue may have moved it) */
	return r;
}

/* Wake up to nwake waiters on k1, move up to nreq of the rest to k2. */
static long futex_requeue(const struct futex_key *k1, const struct futex_key *k2, int nwake,
			  int nreq)
{
	int woken = wake_key(k1, nwake, FUTEX_BITSET_MATCH_ANY), moved = 0;
	if (key_eq(k1, k2))
		return woken;
	struct futex_waiter **pp = bucket(k1), *take = NULL;
	while (*pp && moved < nreq) {
		struct futex_waiter *w = *pp;
		if (!key_eq(&w->key, k1)) {
			pp = &w->next;
			continue;
		}
		*pp = w->next;
		w->next = take;
		take = w;
		moved++;
	}
	while (take) {
		struct futex_waiter *w = take;
		take = w->next;
		w->key = *k2;
		struct futex_waiter **b = bucket(k2);
		w->next = *b;
		*b = w;
	}
	return woken + moved;
}

static int32_t sign12(uint32_t v)
{
	return (int32_t)(v << 20) >> 20;
}

/* FUTEX_WAKE_OP: change the word at uaddr2, wake on uaddr1, and wake on
 * uaddr2 too if the old value passes the comparison. */
static long futex_wake_op(const struct futex_key *k1, uintptr_t uaddr2, bool private,
			  int nwake1, int nwake2, uint32_t encoded)
{
	unsigned op = (encoded >> 28) & 15, cmp = (encoded >> 24) & 15;
	int32_t oparg = sign12(encoded >> 12), cmparg = sign12(encoded);
	if (op & FUTEX_OP_OPARG_SHIFT) {
		if (oparg < 0 || oparg > 31)
			return -EINVAL;
		oparg = (int32_t)(1u << oparg);
	}
	op &= ~(unsigned)FUTEX_OP_OPARG_SHIFT;
	struct futex_key k2;
	int err = futex_key(uaddr2, private, &k2);
	if (err)
		return err;
	uint32_t old, nv;
	if (copy_from_user(&old, uaddr2, sizeof old) < 0)
		return -EFAULT;
	switch (op) {
	case FUTEX_OP_SET: nv = (uint32_t)oparg; break;
	case FUTEX_OP_ADD: nv = old + (uint32_t)oparg; break;
	case FUTEX_OP_OR: nv = old | (uint32_t)oparg; break;
	case FUTEX_OP_ANDN: nv = old & ~(uint32_t)oparg; break;
	case FUTEX_OP_XOR: nv = old ^ (uint32_t)oparg; break;
	default: return -ENOSYS;
	}
	bool pass;
	int32_t o = (int32_t)old;
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: pass = o == cmparg; break;
	case FUTEX_OP_CMP_NE: pass = o != cmparg; break;
	case FUTEX_OP_CMP_LT: pass = o < cmparg; break;
	case FUTEX_OP_CMP_LE: pass = o <= cmparg; break;
	case FUTEX_OP_CMP_GT: pass = o > cmparg; break;
	case FUTEX_OP_CMP_GE: pass = o >= cmparg; break;
	default: return -ENOSYS;
	}
	/* read-modify-write is atomic here: one CPU, interrupts off */
	if (copy_to_user(uaddr2, &nv, sizeof nv) < 0)
		return -EFAULT;
	long woken = wake_key(k1, nwake1, FUTEX_BITSET_MATCH_ANY);
	if (pass)
		woken += wake_key(&k2, nwake2, FUTEX_BITSET_MATCH_ANY);
	return woken;
}

/* The timeout of a wait as an absolute arch_clock_ns deadline: relative
 * for FUTEX_WAIT, absolute for FUTEX_WAIT_BITSET (on CLOCK_REALTIME with
 * FUTEX_CLOCK_REALTIME, else CLOCK_MONOTONIC). */
static int futex_deadline(uintptr_t uts, bool absolute, bool realtime, uint64_t *deadline)
{
	*deadline = 0;
	if (!uts)
		return 0;
	struct linux_timespec ts;
	if (copy_from_user(&ts, uts, sizeof ts) < 0)
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	uint64_t ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	if (ts.tv_sec > 1000000000000LL)
		ns = UINT64_MAX / 2;            /* far enough: never */
	if (!absolute) {
		*deadline = arch_clock_ns() + ns;
	} else {
		uint64_t off = realtime ? clock_realtime_offset_ns() : 0;
		*deadline = ns > off ? ns - off : 1;
	}
	if (!*deadline)
		*deadline = 1;
	return 0;
}

long sys_futex(uintptr_t uaddr, int op, unsigned val, uintptr_t utimeout, uintptr_t uaddr2,
	       unsigned val3)
{
	bool private = op & FUTEX_PRIVATE_FLAG, realtime = op & FUTEX_CLOCK_REALTIME;
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	struct futex_key k1, k2;
	uint64_t deadline;
	int err;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAIT_BITSET:
		if (!val3)
			return -EINVAL;
		err = futex_deadline(utimeout, cmd == FUTEX_WAIT_BITSET, realtime, &deadline);
		return err ? err : futex_wait(uaddr, private, val, deadline, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		err = futex_key(uaddr, private, &k1);
		return err ? err : wake_key(&k1, (int)MIN(val, (uint32_t)INT32_MAX), val3);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE: {
		/* the timeout argument carries the number to requeue */
		if ((int)val < 0 || (long)utimeout < 0)
			return -EINVAL;
		err = futex_key(uaddr, private, &k1);
		if (!err)
			err = futex_key(uaddr2, private, &k2);
		if (err)
			return err;
		if (cmd == FUTEX_CMP_REQUEUE) {
			uint32_t cur;
			if (copy_from_user(&cur, uaddr, sizeof cur) < 0)
				return -EFAULT;
			if (cur != val3)
				return -EAGAIN;
		}
		return futex_requeue(&k1, &k2, (int)val, (int)MIN(utimeout, (uintptr_t)INT32_MAX));
	}
	case FUTEX_WAKE_OP:
		err = futex_key(uaddr, private, &k1);
		return err ? err : futex_wake_op(&k1, uaddr2, private, (int)MIN(val, (uint32_t)INT32_MAX),
						 (int)MIN(utimeout, (uintptr_t)INT32_MAX), val3);
	default:
		return -ENOSYS;   /* FUTEX_FD (gone from Linux too) and the PI operations */
	}
}

int futex_wake(uintptr_t uaddr, int n)
{
	struct futex_key k;
	if (futex_key(uaddr, false, &k) < 0)
		return 0;
	return wake_key(&k, n, FUTEX_BITSET_MATCH_ANY);
}

/* ---------------------------------------------------------------- robust lists */

/* The list head a libc registers (Linux's <linux/futex.h>): a circular
 * list of the robust mutexes the thread holds, each entry futex_offset
 * bytes before its futex word, and the one being locked or unlocked. */
struct robust_list_head {
	uint64_t next;
	int64_t futex_offset;
	uint64_t list_op_pending;
};

long sys_set_robust_list(uintptr_t head, size_t len)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	current->robust_list = head;
	current->robust_len = len;
	return 0;
}

long sys_get_robust_list(int tid, uintptr_t uhead, uintptr_t ulen)
{
	struct proc *t = tid ? proc_find(tid) : current;
	if (!t || t->state == P_ZOMBIE)
		return -ESRCH;
	uint64_t head = t->robust_list, len = sizeof(struct robust_list_head);
	if (copy_to_user(ulen, &len, sizeof len) < 0 || copy_to_user(uhead, &head, sizeof head) < 0)
		return -EFAULT;
	return 0;
}

/* The owner of the robust futex at uaddr died: mark it so, and wake one
 * waiter, who will find FUTEX_OWNER_DIED and get EOWNERDEAD. */
static void futex_owner_died(uintptr_t uaddr, uint32_t tid)
{
	uint32_t v;
	if ((uaddr & 3) || copy_from_user(&v, uaddr, sizeof v) < 0 || (v & FUTEX_TID_MASK) != tid)
		return;
	uint32_t nv = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	if (copy_to_user(uaddr, &nv, sizeof nv) < 0)
		return;
	if (v & FUTEX_WAITERS)
		futex_wake(uaddr, 1);
}

/* Walk p's robust list (p is current, exiting, its memory still there).
 * Every pointer is the user's: a bad one ends the walk, a loop ends at
 * ROBUST_LIST_LIMIT entries. Bit 0 of an entry marks a PI mutex. */
static void robust_walk(struct proc *p)
{
	struct robust_list_head h;
	uintptr_t head = p->robust_list;
	p->robust_list = 0;
	if (!head || copy_from_user(&h, head, sizeof h) < 0)
		return;
	uintptr_t pending = h.list_op_pending & ~1ULL;
	uintptr_t e = h.next & ~1ULL;
	for (int n = 0; e != head && n < ROBUST_LIST_LIMIT; n++) {
		uint64_t next;
		if (copy_from_user(&next, e, sizeof next) < 0)
			return;
		if (e != pending)
			futex_owner_died(e + (uintptr_t)h.futex_offset, (uint32_t)p->pid);
		e = next & ~1ULL;
	}
	if (pending)
		futex_owner_died(pending + (uintptr_t)h.futex_offset, (uint32_t)p->pid);
}

void futex_exit(struct proc *p)
{
	if (!p->vm)
		return;
	robust_walk(p);
	/* set_tid_address / CLONE_CHILD_CLEARTID: the word becomes 0 and a
	 * joiner waiting on it wakes.  A bad address is ignored: the thread
	 * is leaving anyway. */
	if (p->clear_child_tid) {
		uint32_t zero = 0;
		if (copy_to_user(p->clear_child_tid, &zero, sizeof zero) == 0)
			futex_wake(p->clear_child_tid, 1);
		p->clear_child_tid = 0;
	}
}
