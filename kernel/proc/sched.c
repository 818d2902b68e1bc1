/* The scheduler: round robin over runnable threads, one run queue for
 * every CPU, with shares set by the nice value.
 *
 * The kernel runs with interrupts disabled except in the idle loop, and
 * under the kernel lock (cpu.h), so a thread leaves its CPU only when it
 * sleeps, exits or yields; the timer preempts user mode by setting the
 * CPU's need_resched, which return_to_user_work acts on.  Each CPU has an
 * idle thread (pid 0; on the boot CPU the boot thread): it runs when
 * nothing else can, and a CPU that makes a thread runnable wakes an idle
 * one with an IPI.  One queue under the kernel lock is enough while the
 * kernel itself is serialised by that lock.
 *
 * Nice values work as in the O(1) scheduler of Linux 2.6: the queue is
 * two lists, active and expired.  Runnable threads take turns from the
 * active list a tick at a time; each has a share of sched_slice(nice)
 * ticks per round (20 at nice 0, 1 at nice 19, 40 at -20), and a thread
 * that has used its share (or yields) waits on the expired list with a
 * fresh one.  When no active thread is left the lists swap: a round has
 * begun.  So two busy threads at nice 0 and 19 get the CPU 20:1 (CFS's
 * weights make it 68:1), and every choice is O(1) whatever the number of
 * threads. */
#include <proc.h>
#include <vm.h>
#include <kernel.h>
#include <console.h>
#include <string.h>

static struct proc idle_proc;   /* the boot CPU's */
struct runlist {
	struct proc *head, *tail;
};
static struct runlist lists[2];
static struct runlist *active = &lists[0], *expired = &lists[1];
static struct proc *dead_head;   /* exited threads whose slots wait for sched_reap_dead */
static volatile uint64_t tick_count;
static unsigned nr_uninterruptible;   /* threads asleep with interruptible false */

uint64_t ticks(void)
{
	return tick_count;
}

static unsigned runq_count;     /* threads queued: read without the lock by the tick */

int sched_slice(int nice)
{
	return 20 - nice;
}

void sched_set_nice(struct proc *p, int nice)
{
	p->nice = nice;
	if (p->slice_left > sched_slice(nice))
		p->slice_left = sched_slice(nice);
}

static void list_push(struct runlist *l, struct proc *p)
{
	__atomic_store_n(&runq_count, runq_count + 1, __ATOMIC_RELAXED);
	p->run_next = NULL;
	if (l->tail)
		l->tail->run_next = p;
	else
		l->head = p;
	l->tail = p;
}

/* Queue p: on the active list while it has ticks of its share left, else
 * on the expired one with a new share. */
static void runq_push(struct proc *p)
{
	if (p->slice_left > 0) {
		list_push(active, p);
	} else {
		p->slice_left = sched_slice(p->nice);
		list_push(expired, p);
	}
}

static bool may_run_on(const struct proc *p, unsigned cpu)
{
	return !p->affinity || (p->affinity & (1u << cpu));
}

static bool list_has_work(const struct runlist *l, unsigned cpu)
{
	for (struct proc *p = l->head; p; p = p->run_next)
		if (may_run_on(p, cpu))
			return true;
	return false;
}

static bool runq_has_work(unsigned cpu)
{
	return list_has_work(active, cpu) || list_has_work(expired, cpu);
}

/* The first thread of l that may run on this CPU, taken off l. */
static struct proc *list_pop(struct runlist *l, unsigned cpu)
{
	struct proc *prev = NULL;
	for (struct proc *p = l->head; p; prev = p, p = p->run_next) {
		if (!may_run_on(p, cpu))
			continue;
		__atomic_store_n(&runq_count, runq_count - 1, __ATOMIC_RELAXED);
		if (prev)
			prev->run_next = p->run_next;
		else
			l->head = p->run_next;
		if (l->tail == p)
			l->tail = prev;
		return p;
	}
	return NULL;
}

/* The next thread for this CPU: from the active list; when that is empty
 * a new round begins.  Threads of the active list pinned to other CPUs do
 * not keep this one idle: it may take from the expired list. */
static struct proc *runq_pop(unsigned cpu)
{
	if (!active->head) {
		struct runlist *t = active;
		active = expired;
		expired = t;
	}
	struct proc *p = list_pop(active, cpu);
	return p ? p : list_pop(expired, cpu);
}

unsigned sched_nr_running(void)
{
	unsigned n = __atomic_load_n(&runq_count, __ATOMIC_RELAXED);
	for (unsigned i = 0; i < ncpus; i++)
		n += cpus[i].online && cpus[i].curr != cpus[i].idle;
	return n;
}

unsigned sched_nr_active(void)
{
	return sched_nr_running() + nr_uninterruptible;
}

void sched_init(void)
{
	idle_proc.pid = 0;
	idle_proc.leader = &idle_proc;
	idle_proc.nthreads = 1;
	idle_proc.state = P_RUNNING;
	idle_proc.lock_depth = 0;
	rlimit_init(&idle_proc);   /* what the kernel writes at boot is not limited */
	strlcpy(idle_proc.name, "idle", sizeof idle_proc.name);
	struct cpu *c = &cpus[0];
	c->self = c;
	c->index = 0;
	c->online = true;
	c->idle = &idle_proc;
	c->curr = &idle_proc;
	arch_set_this_cpu(c);
}

/* Sleepers by channel: wakeup(chan) looks at one bucket, not at every
 * process (a pipe round trip used to cost ~7,000 instructions of table
 * scan).  A sleeper is in its bucket from sleep until it becomes runnable,
 * whoever wakes it (wakeup, a signal, its deadline). */
#define SLEEP_BUCKETS 256
static struct proc *sleepers[SLEEP_BUCKETS];

static struct proc **bucket(const void *chan)
{
	uintptr_t h = (uintptr_t)chan;
	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15ull;
	return &sleepers[(h >> 32) % SLEEP_BUCKETS];
}

static void sleepers_add(struct proc *p)
{
	struct proc **head = bucket(p->wait_chan);
	p->sleep_next = *head;
	if (*head)
		(*head)->sleep_pprev = &p->sleep_next;
	p->sleep_pprev = head;
	*head = p;
}

static void sleepers_remove(struct proc *p)
{
	if (!p->sleep_pprev)
		return;
	*p->sleep_pprev = p->sleep_next;
	if (p->sleep_next)
		p->sleep_next->sleep_pprev = p->sleep_pprev;
	p->sleep_next = NULL;
	p->sleep_pprev = NULL;
}

/* Another CPU that waits in its idle loop and may run p, told to look at
 * the queue. */
static void kick_idle_cpu(const struct proc *p)
{
	struct cpu *self = this_cpu();
	for (unsigned i = 0; i < ncpus; i++) {
		struct cpu *c = &cpus[i];
		if (c != self && c->online && c->curr == c->idle && may_run_on(p, i)) {
			smp_send(i, IPI_RESCHED);
			return;
		}
	}
}

/* p's affinity changed: queued, an idle CPU it may now use takes it;
 * running on a CPU it may no longer use, that CPU reschedules. */
void sched_affinity_changed(struct proc *p)
{
	if (ncpus < 2)
		return;
	if (p->state == P_RUNNABLE)
		kick_idle_cpu(p);
	else if (p->state == P_RUNNING && p != current && !may_run_on(p, p->cpu))
		smp_send(p->cpu, IPI_RESCHED);
}

void sched_make_runnable(struct proc *p)
{
	sleepers_remove(p);
	timeout_cancel(&p->sleep_timeout);
	if (p->state == P_SLEEPING && !p->interruptible)
		nr_uninterruptible--;
	p->state = P_RUNNABLE;
	p->wait_chan = NULL;
	p->wake_at_ns = 0;
	runq_push(p);
	if (ncpus > 1)
		kick_idle_cpu(p);
}

/* For /proc/stat: ticks the CPUs spent idle, context switches. */
uint64_t sched_idle_ticks(void)
{
	uint64_t n = 0;
	for (unsigned i = 0; i < ncpus; i++)
		n += cpus[i].idle_ticks;
	return n;
}

uint64_t sched_switches(void)
{
	uint64_t n = 0;
	for (unsigned i = 0; i < ncpus; i++)
		n += cpus[i].switches;
	return n;
}

void schedule(void)
{
	struct cpu *c = this_cpu();
	struct proc *prev = c->curr;
	if (prev->state == P_RUNNING && prev != c->idle) {
		prev->state = P_RUNNABLE;
		runq_push(prev);
		/* preempted with another CPU idle (an idle CPU's tick may be
		 * off), or its affinity changed: another CPU takes it */
		if (ncpus > 1)
			kick_idle_cpu(prev);
	}
	struct proc *next = runq_pop(c->index);
	if (!next)
		next = c->idle;
	c->need_resched = false;
	if (next == prev) {
		prev->state = P_RUNNING;
		return;
	}
	next->state = P_RUNNING;
	next->cpu = c->index;
	c->switches++;
	c->curr = next;
	/* With several CPUs an idle one lets go of the address space it ran
	 * last: that space may be freed while it waits. */
	if (next->vm || ncpus > 1)
		vm_activate(next->vm);
	arch_thread_switch(&prev->th, &next->th, next->kstack + KSTACK_SIZE);
	arch_context_switch(&prev->ctx, &next->ctx);
	/* back here when prev is chosen again */
	sched_reap_dead();
}

/* A thread cannot free the kernel stack it runs on: it goes on this list
 * as it exits, and the next thread to run frees it. */
void sched_add_dead(struct proc *p)
{
	p->run_next = dead_head;
	dead_head = p;
}

void sched_reap_dead(void)
{
	struct proc **pp = &dead_head;
	while (*pp) {
		struct proc *p = *pp;
		if (p == current) {
			pp = &p->run_next;
			continue;
		}
		*pp = p->run_next;
		proc_free(p);
	}
}

/* A yield gives up the rest of the thread's share for this round: the
 * others run first (what the old O(1) scheduler did). */
void yield(void)
{
	current->slice_left = 0;
	schedule();
}

/* A pending signal ends an interruptible sleep with -EINTR, except one that
 * only stops the process: it stops here and the sleep ends with 0 (a
 * spurious wakeup: callers re-check their condition) once continued. */
static int sleep_common(const void *chan, uint64_t deadline, bool interruptible)
{
	if (interruptible && signal_pending(current))
		return signal_sleep_interrupted();
	struct proc *me = current;
	me->wait_chan = chan;
	me->wake_at_ns = deadline;
	me->interruptible = interruptible;
	me->state = P_SLEEPING;
	sleepers_add(me);
	if (deadline)
		timeout_arm(&me->sleep_timeout, deadline);
	if (!interruptible)
		nr_uninterruptible++;   /* until sched_make_runnable */
	schedule();
	me->wait_chan = NULL;
	me->wake_at_ns = 0;
	if (interruptible && signal_pending(current))
		return signal_sleep_interrupted();
	return 0;
}

int sleep_on(const void *chan, bool interruptible)
{
	return sleep_common(chan, 0, interruptible);
}

int sleep_until(const void *chan, uint64_t deadline_ns, bool interruptible)
{
	return sleep_common(chan, deadline_ns ? deadline_ns : 1, interruptible);
}

void wakeup(const void *chan)
{
	struct proc *next;
	for (struct proc *p = *bucket(chan); p; p = next) {
		next = p->sleep_next;
		if (p->state == P_SLEEPING && p->wait_chan == chan)
			sched_make_runnable(p);
	}
}

void wakeup_proc(struct proc *p, const void *chan)
{
	if (p->state == P_SLEEPING && p->wait_chan == chan)
		sched_make_runnable(p);
}

/* Every CPU's timer ticks here; the clock-keeping work is CPU 0's. */
void timer_tick(struct arch_regs *regs)
{
	bool user = arch_regs_user_mode(regs);
	struct cpu *c = this_cpu();
	struct proc *cur = c->curr;
	/* This CPU's counters and its own thread's: no lock needed. */
	if (cur != c->idle) {
		cur->slice_left--;   /* its share of the round (only this CPU runs it) */
		if (user) {
			cur->user_ticks++;
			c->user_ticks++;
		} else {
			cur->sys_ticks++;
			c->sys_ticks++;
		}
	} else {
		c->idle_ticks++;
	}
	/* The clock-keeping work, and RLIMIT_CPU's signals, take the lock;
	 * the other CPUs' ticks do not, so that idle CPUs do not fight over
	 * it a hundred times a second each. */
	struct proc *l = cur->leader ? cur->leader : cur;
	bool cpu_limit = cur != c->idle && (l->rlim[RLIMIT_CPU][0] != RLIM_INFINITY ||
					    l->rlim[RLIMIT_CPU][1] != RLIM_INFINITY);
	if (c->index == 0 || cpu_limit) {
		kernel_lock();
		if (cpu_limit)
			rlimit_cpu_tick(cur);
		if (c->index == 0) {
			tick_count++;
			if (tick_count % (LOADAVG_PERIOD_S * HZ) == 0)
				loadavg_sample();
			timeout_run(arch_clock_ns());
			console_poll_input();
			console_flush();
		}
		kernel_unlock();
	}
	/* A hint read without the lock: schedule() looks again under it. */
	if (__atomic_load_n(&runq_count, __ATOMIC_RELAXED) && cur != c->idle)
		c->need_resched = true;
	/* a thread whose affinity no longer includes this CPU moves */
	if (!may_run_on(cur, c->index))
		c->need_resched = true;
}

/* The idle loop: the boot thread ends here once init is started, the
 * other CPUs' idle threads once they are up.  Called holding the kernel
 * lock; waits without it. */
uint64_t sched_idle_ns(void)
{
	uint64_t n = 0;
	for (unsigned i = 0; i < ncpus; i++)
		n += cpus[i].idle_ns;
	return n;
}

noreturn void sched_idle_loop(void)
{
	for (;;) {
		while (runq_has_work(this_cpu()->index))
			schedule();
		kernel_unlock();
		/* Wait without the lock until something is queued or an IPI
		 * asks: an idle CPU's ticks do not take the lock.  Time waiting
		 * for an interrupt is /proc/uptime's second field, and how
		 * benchmarks tell work from waiting. */
		struct cpu *c = this_cpu();
		c->need_resched = false;
		do {
			uint64_t t0 = arch_clock_ns();
			arch_idle();
			c->idle_ns += arch_clock_ns() - t0;
		} while (!__atomic_load_n(&runq_count, __ATOMIC_RELAXED) && !c->need_resched);
		kernel_lock();
	}
}
