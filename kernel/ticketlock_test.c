/* Host test of the ticket lock (ticketlock.h) on real threads: the count
 * kept under it by several threads is exact, the lock is taken in ticket
 * order (a waiter is never overtaken), and contention is seen while others
 * wait. */
#include <ticketlock.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#define THREADS 4
#define ROUNDS 20000

static struct ticketlock lock;
static unsigned long counter;        /* only touched under the lock */
static uint32_t last_ticket_seen;    /* under the lock: owner must grow by one */
static int failures;

static void spin(void)
{
	sched_yield();
}

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		ticket_acquire(&lock, spin);
		uint32_t owner = __atomic_load_n(&lock.owner, __ATOMIC_RELAXED);
		if (owner != last_ticket_seen + 1 && !(counter == 0 && owner == 0))
			failures++;
		last_ticket_seen = owner;
		unsigned long c = counter;   /* a lost update would show */
		counter = c + 1;
		ticket_release(&lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, worker, NULL)) {
			perror("pthread_create");
			return 2;
		}
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	int bad = 0;
	if (counter != (unsigned long)THREADS * ROUNDS) {
		printf("FAIL: counter %lu, want %lu\n", counter, (unsigned long)THREADS * ROUNDS);
		bad = 1;
	}
	if (failures) {
		printf("FAIL: %d acquisitions out of ticket order\n", failures);
		bad = 1;
	}
	/* contention: held, then a second ticket taken */
	struct ticketlock l = { 0, 0 };
	ticket_acquire(&l, spin);
	if (ticket_contended(&l)) {
		printf("FAIL: contended with no waiter\n");
		bad = 1;
	}
	__atomic_fetch_add(&l.next, 1, __ATOMIC_RELAXED);   /* a waiter's ticket */
	if (!ticket_contended(&l)) {
		printf("FAIL: a waiter not seen\n");
		bad = 1;
	}
	if (!bad)
		printf("ok: %d threads x %d rounds, in ticket order\n", THREADS, ROUNDS);
	return bad;
}
