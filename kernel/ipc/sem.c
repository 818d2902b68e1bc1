/* System V semaphores: semget, semop, semtimedop, semctl, and SEM_UNDO.
 *
 * semop applies all its operations or none: it tries them on a copy of
 * the values and, if one would have to wait (a decrement below zero, or a
 * wait for zero on a non-zero value), either fails (IPC_NOWAIT: EAGAIN)
 * or sleeps on the set and tries again whenever a semop or semctl changes
 * it.  A set removed meanwhile answers EIDRM.
 *
 * SEM_UNDO keeps, per process (in its group leader), the sum of the
 * changes each operation made, and reverses it when the process ends
 * (sem_exit, from kernel/proc/thread.c), as Linux does: the value is kept
 * within 0..SEMVMX.  fork starts the child with no adjustments; SETVAL and
 * SETALL clear everyone's for what they set. */
#include "ipc.h"

struct sem {
	uint16_t val;
	int pid;                    /* the last to change it (GETPID) */
	int ncnt, zcnt;             /* waiting for an increase, for zero */
};

struct sem_set {
	struct ipc_obj o;
	int nsems;
	int64_t otime;
	struct sem sems[];
};

/* One process's adjustments for one set. */
struct sem_undo {
	struct sem_undo *next;
	int semid;
	int nsems;
	int16_t adj[];
};

static struct ipc_table sem_table;

static struct ipc_obj *sem_make(long nsems, int *err)
{
	if (nsems <= 0 || nsems > SEMMSL) {
		*err = -EINVAL;
		return NULL;
	}
	struct sem_set *s = kzalloc(sizeof *s + sizeof(struct sem) * (size_t)nsems);
	if (!s)
		return NULL;
	s->nsems = (int)nsems;
	return &s->o;
}

static int sem_check(struct ipc_obj *o, long nsems)
{
	return nsems > ((struct sem_set *)o)->nsems ? -EINVAL : 0;
}

long sys_semget(int key, int nsems, int flags)
{
	if (nsems < 0 || nsems > SEMMSL)
		return -EINVAL;
	return ipc_get(&sem_table, key, flags, sem_check, sem_make, nsems);
}

static struct sem_set *set_of(int id)
{
	return (struct sem_set *)ipc_lookup(&sem_table, id);
}

/* current's adjustments for set id, made if make (NULL: no memory). */
static struct sem_undo *undo_of(int id, int nsems, bool make)
{
	struct proc *l = current->leader;
	for (struct sem_undo *u = l->sem_undo; u; u = u->next)
		if (u->semid == id)
			return u;
	if (!make)
		return NULL;
	struct sem_undo *u = kzalloc(sizeof *u + sizeof(int16_t) * (size_t)nsems);
	if (!u)
		return NULL;
	u->semid = id;
	u->nsems = nsems;
	u->next = l->sem_undo;
	l->sem_undo = u;
	return u;
}

/* Forget every process's adjustment of semaphore num of set id (-1: all). */
static void undo_clear(int id, int num)
{
	for_each_proc(p) {
		if (p->state == P_FREE || p->leader != p)
			continue;
		for (struct sem_undo *u = p->sem_undo; u; u = u->next)
			if (u->semid == id)
				for (int n = 0; n < u->nsems; n++)
					if (num < 0 || n == num)
						u->adj[n] = 0;
	}
}

/* Try the operations: 0 (done), 1 (must wait: *blocker is the operation),
 * or -errno. */
static int try_ops(struct sem_set *s, const struct linux_sembuf *ops, size_t n, int *blocker)
{
	static int vals[SEMOPM];   /* no sleep in here: one caller at a time */
	for (size_t i = 0; i < n; i++) {
		/* the value as the earlier operations of this call left it */
		int v = s->sems[ops[i].sem_num].val;
		for (size_t j = 0; j < i; j++)
			if (ops[j].sem_num == ops[i].sem_num)
				v = vals[j];
		int op = ops[i].sem_op;
		if (op == 0 ? v != 0 : v + op < 0) {
			*blocker = (int)i;
			return 1;
		}
		if (v + op > SEMVMX)
			return -ERANGE;
		vals[i] = v + op;
	}
	for (size_t i = 0; i < n; i++) {
		struct sem *m = &s->sems[ops[i].sem_num];
		m->val = (uint16_t)vals[i];
		m->pid = current->tgid;
	}
	return 0;
}

static long do_semop(int id, uintptr_t usops, size_t nsops, uintptr_t uts)
{
	if (nsops < 1)
		return -EINVAL;
	if (nsops > SEMOPM)
		return -E2BIG;
	uint64_t deadline = 0;
	if (uts) {
		struct linux_timespec ts;
		if (copy_from_user(&ts, uts, sizeof ts))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = arch_clock_ns() + (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	}
	struct linux_sembuf *ops = kmalloc(sizeof *ops * nsops);
	if (!ops)
		return -ENOMEM;
	long r;
	if (copy_from_user(ops, usops, sizeof *ops * nsops)) {
		r = -EFAULT;
		goto out;
	}
	struct sem_set *s = set_of(id);
	if (!s) {
		r = -EINVAL;
		goto out;
	}
	bool undo = false;
	for (size_t i = 0; i < nsops; i++) {
		if (ops[i].sem_num >= s->nsems) {
			r = -EFBIG;
			goto out;
		}
		undo |= (ops[i].sem_flg & SEM_UNDO) != 0;
	}
	/* the undo record first: after the operations it could be too late */
	if (undo && !undo_of(id, s->nsems, true)) {
		r = -ENOMEM;
		goto out;
	}
	for (;;) {
		int blocker = 0;
		r = try_ops(s, ops, nsops, &blocker);
		if (r <= 0)
			break;
		const struct linux_sembuf *b = &ops[blocker];
		if (b->sem_flg & IPC_NOWAIT) {
			r = -EAGAIN;
			break;
		}
		if (uts && arch_clock_ns() >= deadline) {
			r = -EAGAIN;
			break;
		}
		int *cnt = b->sem_op == 0 ? &s->sems[b->sem_num].zcnt : &s->sems[b->sem_num].ncnt;
		(*cnt)++;
		int err = uts ? sleep_until(s, deadline, true) : sleep_on(s, true);
		if (set_of(id) != s) {
			r = -EIDRM;     /* removed while we slept (s is freed) */
			break;
		}
		(*cnt)--;
		if (err) {
			r = -EINTR;
			break;
		}
	}
	if (r == 0) {
		if (undo) {
			struct sem_undo *u = undo_of(id, s->nsems, false);
			for (size_t i = 0; i < nsops && u; i++)
				if (ops[i].sem_flg & SEM_UNDO)
					u->adj[ops[i].sem_num] = (int16_t)(u->adj[ops[i].sem_num] - ops[i].sem_op);
		}
		s->otime = ipc_now();
		wakeup(s);
	}
out:
	kfree(ops);
	return r;
}

long sys_semop(int id, uintptr_t sops, size_t nsops)
{
	return do_semop(id, sops, nsops, 0);
}

long sys_semtimedop(int id, uintptr_t sops, size_t nsops, uintptr_t timeout)
{
	return do_semop(id, sops, nsops, timeout);
}

static void set_free(struct sem_set *s)
{
	ipc_remove(&sem_table, &s->o);
	wakeup(s);                      /* the waiters find it gone: EIDRM */
	kfree(s);
}

long sys_semctl(int id, int num, int cmd, unsigned long arg)
{
	struct sem_set *s = set_of(id);
	if (!s)
		return -EINVAL;
	uintptr_t uarg = (uintptr_t)arg;
	switch (cmd) {
	case IPC_RMID:
		undo_clear(id, -1);
		set_free(s);
		return 0;
	case IPC_STAT: {
		struct linux_semid_ds ds;
		memset(&ds, 0, sizeof ds);
		ds.sem_perm = s->o.perm;
		ds.sem_otime = s->otime;
		ds.sem_ctime = s->o.ctime;
		ds.sem_nsems = (uint64_t)s->nsems;
		return copy_to_user(uarg, &ds, sizeof ds) ? -EFAULT : 0;
	}
	case IPC_SET: {
		struct linux_semid_ds ds;
		if (copy_from_user(&ds, uarg, sizeof ds))
			return -EFAULT;
		ipc_set_perm(&s->o, &ds.sem_perm);
		return 0;
	}
	case GETALL:
	case SETALL: {
		size_t bytes = sizeof(uint16_t) * (size_t)s->nsems;
		uint16_t *v = kmalloc(bytes);
		if (!v)
			return -ENOMEM;
		long r = 0;
		if (cmd == GETALL) {
			for (int i = 0; i < s->nsems; i++)
				v[i] = s->sems[i].val;
			r = copy_to_user(uarg, v, bytes) ? -EFAULT : 0;
		} else if (copy_from_user(v, uarg, bytes)) {
			r = -EFAULT;
		} else {
			for (int i = 0; i < s->nsems && !r; i++)
				if (v[i] > SEMVMX)
					r = -ERANGE;
			for (int i = 0; i < s->nsems && !r; i++) {
				s->sems[i].val = v[i];
				s->sems[i].pid = current->tgid;
			}
			if (!r) {
				undo_clear(id, -1);
				s->o.ctime = ipc_now();
				wakeup(s);
			}
		}
		kfree(v);
		return r;
	}
	default:
		break;
	}
	/* the commands about one semaphore */
	if (cmd != GETVAL && cmd != SETVAL && cmd != GETPID && cmd != GETNCNT && cmd != GETZCNT)
		return -EINVAL;
	if (num < 0 || num >= s->nsems)
		return -EINVAL;
	struct sem *m = &s->sems[num];
	switch (cmd) {
	case GETVAL: return m->val;
	case GETPID: return m->pid;
	case GETNCNT: return m->ncnt;
	case GETZCNT: return m->zcnt;
	default: {
		int val = (int)(arg & 0xffffffffu);   /* union semun's int, in the low half */
		if (val < 0 || val > SEMVMX)
			return -ERANGE;
		m->val = (uint16_t)val;
		m->pid = current->tgid;
		undo_clear(id, num);
		s->o.ctime = ipc_now();
		wakeup(s);
		return 0;
	}
	}
}

void sem_exit(struct proc *l)
{
	while (l->sem_undo) {
		struct sem_undo *u = l->sem_undo;
		l->sem_undo = u->next;
		struct sem_set *s = set_of(u->semid);
		if (s) {
			for (int n = 0; n < u->nsems && n < s->nsems; n++) {
				if (!u->adj[n])
					continue;
				int v = s->sems[n].val + u->adj[n];
				s->sems[n].val = (uint16_t)(v < 0 ? 0 : v > SEMVMX ? SEMVMX : v);
				s->sems[n].pid = l->tgid;
			}
			wakeup(s);
		}
		kfree(u);
	}
}
