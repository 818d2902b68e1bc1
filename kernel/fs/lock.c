/* Advisory file locks: flock(2) and fcntl's record locks.
 *
 * One table for the whole system, a list of held locks, each on a vnode
 * with an owner, a kind and a byte range:
 *  - record locks (F_SETLK...) belong to the process (its group leader)
 *    and go when it closes any descriptor of the file or exits, as POSIX
 *    says; open-file-description locks (F_OFD_SETLK...) belong to the
 *    struct file and go with its last reference.  The two kinds conflict
 *    with each other: they are one range space.
 *  - flock locks cover the whole file, belong to the struct file, and
 *    never conflict with record locks (Linux keeps them apart).
 * Two locks conflict when they are on the same vnode and in the same space,
 * have different owners, overlap, and one of them is a write lock.
 *
 * A waiter (F_SETLKW, flock without LOCK_NB) sleeps on lock_chan and looks
 * again whenever a lock goes.  Record-lock waiters are listed with the
 * owner they wait for, so a wait that would close a cycle of processes
 * answers EDEADLK instead of sleeping (Linux does the same for POSIX
 * locks; OFD and flock waits are not checked, as on Linux).
 * The list is short in practice (a few locks per program), so it is a
 * plain list scanned in full. */
#include "sys_fs.h"

enum lock_space { SP_RECORD, SP_FLOCK };

struct flock_rec {
	struct flock_rec *next;
	struct vnode *v;            /* not referenced: a lock goes before its file does */
	const void *owner;          /* leader proc (POSIX) or struct file (OFD, flock) */
	enum lock_space space;
	bool ofd;                   /* owner is a struct file */
	int type;                   /* F_RDLCK or F_WRLCK */
	uint64_t start, end;        /* inclusive; end UINT64_MAX: to the end of the file */
	int pid;                    /* F_GETLK's l_pid: the process (-1 for OFD locks) */
};

/* A record-lock waiter: which owner waits for which (on its kernel stack). */
struct lock_waiter {
	struct lock_waiter *next;
	const void *owner, *blocker;
};

static struct flock_rec *locks;
static struct lock_waiter *waiters;
static const int lock_chan;

static bool overlaps(const struct flock_rec *a, uint64_t start, uint64_t end)
{
	return a->start <= end && start <= a->end;
}

/* The first lock that keeps (owner, space, type, range) from being taken. */
static struct flock_rec *conflict(struct vnode *v, const void *owner, enum lock_space sp, int type,
				  uint64_t start, uint64_t end)
{
	for (struct flock_rec *l = locks; l; l = l->next)
		if (l->v == v && l->space == sp && l->owner != owner && overlaps(l, start, end) &&
		    (type == F_WRLCK || l->type == F_WRLCK))
			return l;
	return NULL;
}

/* Would owner waiting for blocker close a cycle? */
static bool deadlocks(const void *owner, const void *blocker)
{
	for (int hops = 0; blocker && hops < PID_MAX; hops++) {   /* a chain is shorter than the threads */
		if (blocker == owner)
			return true;
		const void *next = NULL;
		for (struct lock_waiter *w = waiters; w; w = w->next)
			if (w->owner == blocker)
				next = w->blocker;
		blocker = next;
	}
	return false;
}

static struct flock_rec *rec_new(struct vnode *v, const void *owner, enum lock_space sp, bool ofd,
				 int type, uint64_t start, uint64_t end)
{
	struct flock_rec *r = kzalloc(sizeof *r);
	if (!r)
		return NULL;
	*r = (struct flock_rec){ .v = v, .owner = owner, .space = sp, .ofd = ofd, .type = type,
				 .start = start, .end = end, .pid = ofd ? -1 : (current ? current->tgid : 0) };
	return r;
}

/* Take [start, end] out of owner's locks on v (splitting one that spans
 * it); *spare is a record for the split, used and set to NULL if needed. */
static void carve(struct vnode *v, const void *owner, enum lock_space sp, uint64_t start, uint64_t end,
		  struct flock_rec **spare)
{
	for (struct flock_rec **pp = &locks; *pp;) {
		struct flock_rec *l = *pp;
		if (l->v != v || l->owner != owner || l->space != sp || !overlaps(l, start, end)) {
			pp = &l->next;
			continue;
		}
		if (l->start < start && l->end > end) {
			/* the hole is inside: keep both ends */
			struct flock_rec *tail = *spare;
			*spare = NULL;
			*tail = *l;
			tail->start = end + 1;
			l->end = start - 1;
			tail->next = l->next;
			l->next = tail;
			return;
		}
		if (l->start < start) {
			l->end = start - 1;
		} else if (l->end > end) {
			l->start = end + 1;
		} else {
			*pp = l->next;
			kfree(l);
			continue;
		}
		pp = &l->next;
	}
}

/* Set (or with F_UNLCK, clear) a lock, waiting for conflicts if wait. */
static int lock_set(struct vnode *v, const void *owner, enum lock_space sp, bool ofd, int type,
		    uint64_t start, uint64_t end, bool wait)
{
	struct flock_rec *spare = kzalloc(sizeof *spare), *rec = NULL;
	if (!spare)
		return -ENOLCK;
	int err = 0;
	if (type != F_UNLCK) {
		rec = rec_new(v, owner, sp, ofd, type, start, end);
		if (!rec) {
			kfree(spare);
			return -ENOLCK;
		}
		for (;;) {
			struct flock_rec *c = conflict(v, owner, sp, type, start, end);
			if (!c)
				break;
			if (!wait) {
				err = -EAGAIN;
				break;
			}
			if (sp == SP_RECORD && !ofd && !c->ofd && deadlocks(owner, c->owner)) {
				err = -EDEADLK;
				break;
			}
			struct lock_waiter me = { waiters, owner, c->owner };
			waiters = &me;
			err = sleep_on(&lock_chan, true);
			for (struct lock_waiter **pp = &waiters; *pp; pp = &(*pp)->next)
				if (*pp == &me) {
					*pp = me.next;
					break;
				}
			if (err)
				break;
		}
	}
	if (!err) {
		carve(v, owner, sp, start, end, &spare);
		if (rec) {
			rec->next = locks;
			locks = rec;
			rec = NULL;
		}
		wakeup(&lock_chan);     /* a range given up or changed to shared */
	}
	kfree(rec);
	kfree(spare);
	return err;
}

/* Drop every lock of owner on v (v NULL: on any file). */
static void drop_owner(struct vnode *v, const void *owner)
{
	bool dropped = false;
	for (struct flock_rec **pp = &locks; *pp;) {
		struct flock_rec *l = *pp;
		if (l->owner == owner && (!v || l->v == v)) {
			*pp = l->next;
			kfree(l);
			dropped = true;
		} else {
			pp = &l->next;
		}
	}
	if (dropped)
		wakeup(&lock_chan);
}

void lock_owner_moved(const void *from, const void *to)
{
	for (struct flock_rec *l = locks; l; l = l->next)
		if (l->owner == from && !l->ofd)
			l->owner = to;
	for (struct lock_waiter *w = waiters; w; w = w->next) {
		if (w->owner == from)
			w->owner = to;
		if (w->blocker == from)
			w->blocker = to;
	}
}

void lock_close(struct file *f)
{
	if (locks && current)
		drop_owner(f->v, current->leader);
}

void lock_file_release(struct file *f)
{
	if (locks)
		drop_owner(f->v, f);
}

long sys_flock(int fd, int op)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	bool nb = op & LOCK_NB;
	int type, r;
	switch (op & ~LOCK_NB) {
	case LOCK_SH: type = F_RDLCK; break;
	case LOCK_EX: type = F_WRLCK; break;
	case LOCK_UN: type = F_UNLCK; break;
	default: type = -1; break;
	}
	if (type < 0)
		r = -EINVAL;
	else
		r = lock_set(f->v, f, SP_FLOCK, true, type, 0, UINT64_MAX, !nb);
	file_put(f);
	return r;
}

/* struct flock's range in bytes, inclusive; -EINVAL if it starts before 0,
 * -EOVERFLOW past the largest offset. */
static int flock_range(struct file *f, const struct linux_flock *fl, uint64_t *start, uint64_t *end)
{
	int64_t base;
	switch (fl->l_whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)f->pos; break;
	case SEEK_END: base = (int64_t)f->v->size; break;
	default: return -EINVAL;
	}
	int64_t s;
	if (__builtin_add_overflow(base, fl->l_start, &s))
		return -EOVERFLOW;
	if (fl->l_len > 0) {
		int64_t e;
		if (__builtin_add_overflow(s, fl->l_len - 1, &e))
			return -EOVERFLOW;
		if (s < 0)
			return -EINVAL;
		*start = (uint64_t)s;
		*end = (uint64_t)e;
	} else if (fl->l_len < 0) {
		/* [start + len, start): the bytes before start */
		int64_t e = s - 1;
		s += fl->l_len;
		if (s < 0)
			return -EINVAL;
		*start = (uint64_t)s;
		*end = (uint64_t)e;
	} else {
		if (s < 0)
			return -EINVAL;
		*start = (uint64_t)s;
		*end = UINT64_MAX;
	}
	return 0;
}

long lock_fcntl(struct file *f, int cmd, uintptr_t uarg)
{
	struct linux_flock fl;
	if (copy_from_user(&fl, uarg, sizeof fl))
		return -EFAULT;
	bool ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
	if (ofd && fl.l_pid != 0)
		return -EINVAL;
	if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK && fl.l_type != F_UNLCK)
		return -EINVAL;
	uint64_t start, end;
	int err = flock_range(f, &fl, &start, &end);
	if (err)
		return err;
	const void *owner = ofd ? (const void *)f : (const void *)current->leader;
	if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
		if (fl.l_type == F_UNLCK)
			return -EINVAL;
		struct flock_rec *c = conflict(f->v, owner, SP_RECORD, fl.l_type, start, end);
		if (!c) {
			fl.l_type = F_UNLCK;
		} else {
			fl.l_type = (int16_t)c->type;
			fl.l_whence = SEEK_SET;
			fl.l_start = (int64_t)c->start;
			fl.l_len = c->end == UINT64_MAX ? 0 : (int64_t)(c->end - c->start + 1);
			fl.l_pid = c->pid;
		}
		return copy_to_user(uarg, &fl, sizeof fl) ? -EFAULT : 0;
	}
	if ((fl.l_type == F_RDLCK && !file_readable(f)) || (fl.l_type == F_WRLCK && !file_writable(f)))
		return -EBADF;
	return lock_set(f->v, owner, SP_RECORD, ofd, fl.l_type, start, end,
			cmd == F_SETLKW || cmd == F_OFD_SETLKW);
}
