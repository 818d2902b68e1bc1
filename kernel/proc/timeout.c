/* Timed events: the deadlines of timed sleeps and ITIMER_REAL alarms, on a
 * hashed timing wheel (Varghese and Lauck's scheme, the shape of Linux's
 * timer wheel).  Bucket k % WHEEL_SIZE holds the events due in tick
 * period k, [k * TICK_NS, (k+1) * TICK_NS).  CPU 0's tick looks only at the
 * buckets of the periods since its last look, the current one included
 * (looked at again next time, since what is due later in it is not due
 * yet); an event more than a turn of the wheel away stays in its bucket
 * until its turn.  So an event fires at the first tick at or after its
 * time, as when every tick looked at every thread, but a tick costs what
 * is due around it, and arming or cancelling is O(1).  Under the kernel
 * lock. */
#include <proc.h>
#include <kernel.h>

#define WHEEL_SIZE 256
#define TICK_NS (1000000000ULL / HZ)

static struct timeout *wheel[WHEEL_SIZE];
static uint64_t done_tick;   /* the buckets of periods up to this one are done */

void timeout_cancel(struct timeout *t)
{
	if (!t->pprev)
		return;
	*t->pprev = t->next;
	if (t->next)
		t->next->pprev = t->pprev;
	t->next = NULL;
	t->pprev = NULL;
}

void timeout_arm(struct timeout *t, uint64_t at_ns)
{
	timeout_cancel(t);
	t->at_ns = at_ns;
	uint64_t k = at_ns / TICK_NS;
	if (k <= done_tick)
		k = done_tick + 1;   /* already due: the next tick fires it */
	struct timeout **head = &wheel[k % WHEEL_SIZE];
	t->next = *head;
	if (*head)
		(*head)->pprev = &t->next;
	t->pprev = head;
	*head = t;
}

/* One due event of bucket b, taken off the wheel; NULL if none.  Events
 * are taken one at a time because firing one may cancel or re-arm others
 * of the same bucket (a signal wakes a sleeper). */
static struct timeout *take_due(struct timeout **b, uint64_t now)
{
	for (struct timeout *t = *b; t; t = t->next) {
		if (t->at_ns <= now) {
			timeout_cancel(t);
			return t;
		}
	}
	return NULL;
}

void timeout_run(uint64_t now)
{
	uint64_t upto = now / TICK_NS, from = done_tick + 1;
	if (upto < from)
		return;
	if (upto - from >= WHEEL_SIZE)
		from = upto - WHEEL_SIZE + 1;   /* a whole turn late: each bucket once */
	done_tick = upto - 1;   /* the current period's bucket: again next time */
	for (uint64_t k = from; k <= upto; k++) {
		struct timeout *t;
		while ((t = take_due(&wheel[k % WHEEL_SIZE], now)))
			t->fire(t);
	}
}

/* A timed sleep's deadline: the sleeper wakes (sleep_until returns 0).
 * Any other wakeup cancels it first (sched_make_runnable). */
static void sleep_timeout_fire(struct timeout *t)
{
	struct proc *p = container_of(t, struct proc, sleep_timeout);
	if (p->state == P_SLEEPING)
		sched_make_runnable(p);
}

/* ITIMER_REAL: SIGALRM to the process, and again after the interval. */
static void alarm_fire(struct timeout *t)
{
	struct proc *l = container_of(t, struct proc, alarm_timeout);
	uint64_t now = arch_clock_ns();
	if (!l->alarm_ns)
		return;
	l->alarm_ns = l->alarm_interval_ns ? now + l->alarm_interval_ns : 0;
	alarm_update(l);
	signal_send_info(l, SIGALRM, SI_KERNEL, 0, 0);
}

void alarm_update(struct proc *l)
{
	if (l->alarm_ns)
		timeout_arm(&l->alarm_timeout, l->alarm_ns);
	else
		timeout_cancel(&l->alarm_timeout);
}

void timeout_init_proc(struct proc *p)
{
	p->sleep_timeout.fire = sleep_timeout_fire;
	p->alarm_timeout.fire = alarm_fire;
}
