/* System V IPC: ids, keys and the object tables the three kinds share
 * (see ipc.h). */
#include "ipc.h"

#define ID_SLOT(id) ((id) & 0x7fff)

int64_t ipc_now(void)
{
	return (int64_t)((arch_clock_ns() + clock_realtime_offset_ns()) / 1000000000ULL);
}

struct ipc_obj *ipc_lookup(struct ipc_table *t, int id)
{
	if (id < 0 || ID_SLOT(id) >= IPC_SLOTS)
		return NULL;
	struct ipc_obj *o = t->slot[ID_SLOT(id)];
	return o && o->id == id ? o : NULL;
}

bool ipc_may(const struct ipc_obj *o, unsigned want)
{
	(void)o;
	(void)want;
	return true;                /* root (see ipc.h) */
}

static struct ipc_obj *by_key(struct ipc_table *t, int32_t key)
{
	for (int i = 0; i < IPC_SLOTS; i++)
		if (t->slot[i] && t->slot[i]->perm.__key == key)
			return t->slot[i];
	return NULL;
}

int ipc_get(struct ipc_table *t, int32_t key, int flags, int (*check)(struct ipc_obj *, long),
	    struct ipc_obj *(*make)(long, int *), long arg)
{
	if (key != IPC_PRIVATE) {
		struct ipc_obj *o = by_key(t, key);
		if (o) {
			if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
				return -EEXIST;
			if (!ipc_may(o, (unsigned)flags & 0777))
				return -EACCES;
			int err = check ? check(o, arg) : 0;
			return err ? err : o->id;
		}
		if (!(flags & IPC_CREAT))
			return -ENOENT;
	}
	int slot = -1;
	for (int i = 0; i < IPC_SLOTS && slot < 0; i++)
		if (!t->slot[i])
			slot = i;
	if (slot < 0)
		return -ENOSPC;
	int err = -ENOMEM;
	struct ipc_obj *o = make(arg, &err);
	if (!o)
		return err;
	o->used = true;
	o->seq = t->seq[slot]++ & 0xffff;
	o->id = (int)(((unsigned)o->seq << 15) | (unsigned)slot) & 0x7fffffff;
	memset(&o->perm, 0, sizeof o->perm);
	o->perm.__key = key;
	o->perm.uid = o->perm.cuid = 0;
	o->perm.gid = o->perm.cgid = 0;
	o->perm.mode = (unsigned)flags & 0777;
	o->perm.__seq = o->seq;
	o->ctime = ipc_now();
	t->slot[slot] = o;
	return o->id;
}

void ipc_remove(struct ipc_table *t, struct ipc_obj *o)
{
	if (ID_SLOT(o->id) < IPC_SLOTS && t->slot[ID_SLOT(o->id)] == o)
		t->slot[ID_SLOT(o->id)] = NULL;
	o->used = false;
}

void ipc_set_perm(struct ipc_obj *o, const struct linux_ipc_perm *perm)
{
	o->perm.uid = perm->uid;
	o->perm.gid = perm->gid;
	o->perm.mode = (o->perm.mode & ~0777u) | (perm->mode & 0777);
	o->ctime = ipc_now();
}
