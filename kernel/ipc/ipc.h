/* System V IPC (kernel/ipc/): what the three kinds share.
 *
 * Each kind (shared memory, semaphores, messages) keeps its objects in a
 * table of IPC_SLOTS slots.  An object's id is its slot and a sequence
 * number that changes each time the slot is reused ((seq << 15) | slot, as
 * Linux numbers them), so an old id never reaches a new object (EINVAL).
 * A key finds an object made with it (IPC_PRIVATE always makes a new one).
 *
 * Every process is root, which may do anything with any object, so the
 * permission bits are kept and reported (IPC_STAT, IPC_SET) but never
 * refuse; ipc_may() is where a check goes when there are other users.
 * Private to kernel/ipc. */
#ifndef RINGEL_IPC_IPC_H
#define RINGEL_IPC_IPC_H
#include <proc.h>
#include <uaccess.h>
#include <kernel.h>
#include <mm.h>
#include <uapi.h>
#include <uapi/ipc.h>
#include <string.h>
#include <syscalls_gen.h>

#define IPC_SLOTS 128           /* objects of each kind at once: then ENOSPC */

struct ipc_obj {
	bool used;
	uint16_t seq;
	int id;
	struct linux_ipc_perm perm;
	int64_t ctime;              /* made or changed (seconds since the epoch) */
};

struct ipc_table {
	struct ipc_obj *slot[IPC_SLOTS];
	uint16_t seq[IPC_SLOTS];    /* the next sequence number of each slot */
};

/* The object with id in t, or NULL (EINVAL). */
struct ipc_obj *ipc_lookup(struct ipc_table *t, int id);
/* shmget/semget/msgget's common part: an existing object for key (after
 * check(obj, arg) agrees: 0 or -errno), or with IPC_CREAT a new one from
 * make(arg) (NULL: -ENOMEM, or *err for a reason of its own).  The id or
 * -errno (EEXIST, ENOENT, ENOSPC...). */
int ipc_get(struct ipc_table *t, int32_t key, int flags, int (*check)(struct ipc_obj *, long),
	    struct ipc_obj *(*make)(long, int *), long arg);
/* Take o out of its table (its memory is the caller's to free). */
void ipc_remove(struct ipc_table *t, struct ipc_obj *o);
/* IPC_SET: uid, gid and the mode's permission bits from perm. */
void ipc_set_perm(struct ipc_obj *o, const struct linux_ipc_perm *perm);
bool ipc_may(const struct ipc_obj *o, unsigned want);
int64_t ipc_now(void);
#endif
