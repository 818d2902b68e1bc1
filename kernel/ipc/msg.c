/* System V message queues: msgget, msgsnd, msgrcv, msgctl.
 *
 * A queue is a list of messages in the order sent, each a type (a
 * positive long) and up to MSGMAX bytes, holding at most msg_qbytes bytes
 * (MSGMNB unless IPC_SET changed it) and as many messages.  A sender
 * waits for room and a receiver for a message it wants (IPC_NOWAIT:
 * EAGAIN, ENOMSG); both sleep on the queue and answer EIDRM when it is
 * removed meanwhile.  msgrcv's type: 0 the first message, > 0 the first of
 * that type (or, with MSG_EXCEPT, of another), < 0 the first of the lowest
 * type not above its absolute value. */
#include "ipc.h"

struct msg {
	struct msg *next;
	int64_t type;
	size_t len;
	char text[];
};

struct msq {
	struct ipc_obj o;
	struct msg *head;
	uint64_t cbytes, qnum, qbytes;
	int64_t stime, rtime;
	int lspid, lrpid;
};

static struct ipc_table msg_table;

static struct ipc_obj *msq_make(long unused, int *err)
{
	(void)unused;
	(void)err;
	struct msq *q = kzalloc(sizeof *q);
	if (!q)
		return NULL;
	q->qbytes = MSGMNB;
	return &q->o;
}

long sys_msgget(int key, int flags)
{
	return ipc_get(&msg_table, key, flags, NULL, msq_make, 0);
}

static struct msq *queue_of(int id)
{
	return (struct msq *)ipc_lookup(&msg_table, id);
}

long sys_msgsnd(int id, uintptr_t umsg, size_t size, int flags)
{
	if (size > MSGMAX)
		return -EINVAL;
	int64_t type;
	if (copy_from_user(&type, umsg, sizeof type))
		return -EFAULT;
	if (type < 1)
		return -EINVAL;
	struct msg *m = kmalloc(sizeof *m + (size ? size : 1));
	if (!m)
		return -ENOMEM;
	if (copy_from_user(m->text, umsg + sizeof type, size)) {
		kfree(m);
		return -EFAULT;
	}
	m->type = type;
	m->len = size;
	m->next = NULL;
	struct msq *q = queue_of(id);
	if (!q) {
		kfree(m);
		return -EINVAL;
	}
	while (q->cbytes + size > q->qbytes || q->qnum + 1 > q->qbytes) {
		int err = (flags & IPC_NOWAIT) ? -EAGAIN : sleep_on(q, true);
		if (queue_of(id) != q)
			err = -EIDRM;
		if (err) {
			kfree(m);
			return err;
		}
	}
	struct msg **pp = &q->head;
	while (*pp)
		pp = &(*pp)->next;
	*pp = m;
	q->cbytes += size;
	q->qnum++;
	q->stime = ipc_now();
	q->lspid = current->tgid;
	wakeup(q);
	return 0;
}

/* The link to the message msgrcv's type and flags choose, or NULL. */
static struct msg **pick(struct msq *q, long type, int flags)
{
	struct msg **best = NULL;
	for (struct msg **pp = &q->head; *pp; pp = &(*pp)->next) {
		int64_t t = (*pp)->type;
		if (type == 0)
			return pp;
		if (type > 0 && ((flags & MSG_EXCEPT) ? t != type : t == type))
			return pp;
		if (type < 0 && t <= -type && (!best || t < (*best)->type))
			best = pp;
	}
	return best;
}

long sys_msgrcv(int id, uintptr_t umsg, size_t size, long type, int flags)
{
	if ((long)size < 0)
		return -EINVAL;
	if (flags & MSG_COPY)
		return -EINVAL;             /* checkpoint/restore's peek: not kept */
	struct msq *q = queue_of(id);
	if (!q)
		return -EINVAL;
	struct msg **pp;
	while (!(pp = pick(q, type, flags))) {
		int err = (flags & IPC_NOWAIT) ? -ENOMSG : sleep_on(q, true);
		if (queue_of(id) != q)
			err = -EIDRM;
		if (err)
			return err;
	}
	struct msg *m = *pp;
	if (m->len > size && !(flags & MSG_NOERROR))
		return -E2BIG;              /* the message stays */
	/* taken off the queue first: a bad buffer loses it, as on Linux */
	*pp = m->next;
	q->cbytes -= m->len;
	q->qnum--;
	q->rtime = ipc_now();
	q->lrpid = current->tgid;
	wakeup(q);
	size_t n = MIN(m->len, size);
	long r = (long)n;
	if (copy_to_user(umsg, &m->type, sizeof m->type) || copy_to_user(umsg + sizeof m->type, m->text, n))
		r = -EFAULT;
	kfree(m);
	return r;
}

long sys_msgctl(int id, int cmd, uintptr_t ubuf)
{
	if (cmd != IPC_STAT && cmd != IPC_SET && cmd != IPC_RMID)
		return -EINVAL;
	struct msq *q = queue_of(id);
	if (!q)
		return -EINVAL;
	struct linux_msqid_ds ds;
	switch (cmd) {
	case IPC_STAT:
		memset(&ds, 0, sizeof ds);
		ds.msg_perm = q->o.perm;
		ds.msg_stime = q->stime;
		ds.msg_rtime = q->rtime;
		ds.msg_ctime = q->o.ctime;
		ds.__msg_cbytes = q->cbytes;
		ds.msg_qnum = q->qnum;
		ds.msg_qbytes = q->qbytes;
		ds.msg_lspid = q->lspid;
		ds.msg_lrpid = q->lrpid;
		return copy_to_user(ubuf, &ds, sizeof ds) ? -EFAULT : 0;
	case IPC_SET:
		if (copy_from_user(&ds, ubuf, sizeof ds))
			return -EFAULT;
		ipc_set_perm(&q->o, &ds.msg_perm);
		q->qbytes = ds.msg_qbytes;  /* root may raise it past MSGMNB */
		wakeup(q);
		return 0;
	default:
		ipc_remove(&msg_table, &q->o);
		while (q->head) {
			struct msg *m = q->head;
			q->head = m->next;
			kfree(m);
		}
		wakeup(q);                  /* waiters find it gone: EIDRM */
		kfree(q);
		return 0;
	}
}
