/* The timing wheel (timeout.c) against a model: events at random times,
 * some cancelled, some re-armed, ticks at random phases and sometimes more
 * than a turn of the wheel apart.  Each event must fire exactly once, at
 * the first tick at or after its time (what a scan of every thread at
 * every tick did), a cancelled one never; an event that re-arms itself
 * while firing (an interval alarm) and one that cancels a neighbour of
 * its bucket while firing must leave the wheel sound. */
#include <proc.h>
#include <check.h>
#include <stdlib.h>

#define N 400
#define TICK (1000000000ULL / HZ)

static uint64_t now;
struct ev {
	struct timeout t;
	uint64_t want;          /* its time; 0 if not armed (or cancelled) */
	int fired;
	uint64_t fired_at;
	uint64_t interval;      /* re-arm itself this much later when it fires */
	struct ev *cancels;     /* cancel this one when it fires */
};
static struct ev evs[N];
static int late, early, twice;

/* What the wheel's users call, for the test's own events. */
uint64_t arch_clock_ns(void) { return now; }
void sched_make_runnable(struct proc *p) { (void)p; }
void signal_send_info(struct proc *p, int sig, int code, int pid, int status)
{
	(void)p, (void)sig, (void)code, (void)pid, (void)status;
}

static void fire(struct timeout *t)
{
	struct ev *e = (struct ev *)t;
	if (!e->want || e->want > now)
		early++;
	if (e->fired && !e->interval)
		twice++;
	e->fired++;
	e->fired_at = now;
	if (e->cancels && e->cancels->want) {
		timeout_cancel(&e->cancels->t);
		e->cancels->want = 0;
	}
	if (e->interval) {
		e->want = now + e->interval;
		timeout_arm(&e->t, e->want);
	} else {
		e->want = 0;
	}
}

static void arm(struct ev *e, uint64_t at)
{
	e->want = at;
	e->fired = 0;
	e->t.fire = fire;
	timeout_arm(&e->t, at);
}

int main(void)
{
	srand(13);
	check_group("random events, cancels and tick phases");
	now = 5 * TICK + 1234;
	timeout_run(now);
	for (int round = 0; round < 3000; round++) {
		/* arm or cancel a few */
		for (int k = 0; k < 3; k++) {
			struct ev *e = &evs[rand() % N];
			int what = rand() % 10;
			if (what == 0 && e->want) {
				timeout_cancel(&e->t);
				e->want = 0;
				e->interval = 0;
			} else if (!e->want) {
				uint64_t span = what < 6 ? 3 * TICK : what < 9 ? 300 * TICK : 2000 * TICK;
				uint64_t at = now + (uint64_t)rand() % span;
				if (what == 1)
					at = now > TICK ? now - TICK : 0;   /* already due */
				e->interval = what == 2 ? TICK / 3 + (uint64_t)rand() % (5 * TICK) : 0;
				e->cancels = what == 3 ? &evs[rand() % N] : NULL;
				if (e->cancels == e)
					e->cancels = NULL;
				arm(e, at ? at : 1);
			}
		}
		/* the next tick: about one period on, at a random phase, now
		 * and then a long gap (more than the wheel's 256 periods) */
		uint64_t step = rand() % 50 == 0 ? 600 * TICK : TICK / 2 + (uint64_t)rand() % TICK;
		now += step;
		timeout_run(now);
		for (int i = 0; i < N; i++) {
			struct ev *e = &evs[i];
			/* due by now and not fired: late (an interval event's
			 * next time is always after now) */
			if (e->want && e->want <= now)
				late++;
		}
	}
	CHECK(late == 0, "%d events past their time not fired", late);
	CHECK(early == 0, "%d events fired before their time or after a cancel", early);
	CHECK(twice == 0, "%d one-shot events fired twice", twice);
	check_group_end(NULL);

	check_group("an event due exactly at a tick, and one in the same period after it");
	now = 100000 * TICK;
	timeout_run(now);
	struct ev a = { 0 }, b = { 0 };
	arm(&a, now + TICK);
	arm(&b, now + TICK + TICK / 2);
	now += TICK;
	timeout_run(now);
	CHECK(a.fired == 1 && a.fired_at == now, "at the tick: fired %d", a.fired);
	CHECK(b.fired == 0, "half a period later: not yet");
	now += TICK / 2 - 1;
	timeout_run(now);
	CHECK(b.fired == 0, "one ns before: not yet");
	now += 1;
	timeout_run(now);
	CHECK(b.fired == 1, "at its time, in the period after the one it was in: fired");
	check_group_end(NULL);
	return check_finish();
}
