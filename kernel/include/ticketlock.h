/* A ticket lock: CPUs get it in the order they asked for it.  The kernel
 * lock (kernel/smp.c) is one; the host test (kernel/ticketlock_test.c)
 * runs this same code on threads.  'poll' runs at every turn of the wait
 * (the kernel answers TLB shootdowns and panics there). */
#ifndef RINGEL_TICKETLOCK_H
#define RINGEL_TICKETLOCK_H
#include <stdint.h>
#include <stdbool.h>

struct ticketlock {
	uint32_t next;          /* the next ticket to hand out */
	uint32_t owner;         /* the ticket being served */
};

static inline void ticket_acquire(struct ticketlock *l, void (*poll)(void))
{
	uint32_t t = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != t)
		poll();
}

static inline void ticket_release(struct ticketlock *l)
{
	/* only the holder writes owner: a plain read of it is exact */
	__atomic_store_n(&l->owner, __atomic_load_n(&l->owner, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELEASE);
}

/* Someone besides the holder waits (asked while it is held). */
static inline bool ticket_contended(struct ticketlock *l)
{
	return __atomic_load_n(&l->next, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&l->owner, __ATOMIC_RELAXED) + 1;
}
#endif
