/* The scheduler: round robin over runnable processes, one CPU.
 *
 * The kernel runs with interrupts disabled except in the idle loop, so a
 * process leaves the CPU only when it sleeps, exits or yields; the timer
 * preempts user mode by setting need_resched, which return_to_user_work
 * acts on.  The boot thread becomes the idle process (pid 0): it runs when
 * nothing else can. */
#include <proc.h>
#include <vm.h>
#include <kernel.h>
#include <console.h>
#include <string.h>

struct proc *current;
bool need_resched;
static struct proc idle_proc;
static struct proc *runq_head, *runq_tail;
static volatile uint64_t tick_count;

uint64_t ticks(void)
{
	return tick_count;
}

static void runq_push(struct proc *p)
{
	p->run_next = NULL;
	if (runq_tail)
		runq_tail->run_next = p;
	else
		runq_head = p;
	runq_tail = p;
}

static struct proc *runq_pop(void)
{
	struct proc *p = runq_head;
	if (p) {
		runq_head = p->run_next;
		if (!runq_head)
			runq_tail = NULL;
	}
	return p;
}

void sched_init(void)
{
	idle_proc.pid = 0;
	idle_proc.state = P_RUNNING;
	strlcpy(idle_proc.name, "idle", sizeof idle_proc.name);
	current = &idle_proc;
}

void sched_make_runnable(struct proc *p)
{
	p->state = P_RUNNABLE;
	p->wait_chan = NULL;
	p->wake_at_ns = 0;
	runq_push(p);
}

void schedule(void)
{
	struct proc *prev = current;
	if (prev->state == P_RUNNING && prev != &idle_proc) {
		prev->state = P_RUNNABLE;
		runq_push(prev);
	}
	struct proc *next = runq_pop();
	if (!next)
		next = &idle_proc;
	need_resched = false;
	if (next == prev) {
		prev->state = P_RUNNING;
		return;
	}
	next->state = P_RUNNING;
	current = next;
	if (next->vm)
		vm_activate(next->vm);
	arch_thread_switch(&prev->th, &next->th, next->kstack + KSTACK_SIZE);
	arch_context_switch(&prev->ctx, &next->ctx);
	/* back here when prev is chosen again */
}

void yield(void)
{
	schedule();
}

/* A pending signal ends an interruptible sleep with -EINTR, except one that
 * only stops the process: it stops here and the sleep ends with 0 (a
 * spurious wakeup: callers re-check their condition) once continued. */
static int sleep_common(const void *chan, uint64_t deadline, bool interruptible)
{
	if (interruptible && signal_pending(current))
		return signal_sleep_interrupted();
	current->wait_chan = chan;
	current->wake_at_ns = deadline;
	current->interruptible = interruptible;
	current->state = P_SLEEPING;
	schedule();
	current->wait_chan = NULL;
	current->wake_at_ns = 0;
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
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = proc_table(i);
		if (p->state == P_SLEEPING && p->wait_chan == chan)
			sched_make_runnable(p);
	}
}

/* Wake sleepers whose deadline has passed; fire expired alarms. */
static void wake_timed(void)
{
	uint64_t now = arch_clock_ns();
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = proc_table(i);
		if (p->state == P_FREE || p->state == P_ZOMBIE)
			continue;
		if (p->alarm_ns && p->alarm_ns <= now) {
			p->alarm_ns = p->alarm_interval_ns ? now + p->alarm_interval_ns : 0;
			signal_send_info(p, SIGALRM, SI_KERNEL, 0, 0);
		}
		if (p->state == P_SLEEPING && p->wake_at_ns && p->wake_at_ns <= now)
			sched_make_runnable(p);
	}
}

void timer_tick(struct arch_regs *regs)
{
	tick_count++;
	if (current != &idle_proc) {
		if (arch_regs_user_mode(regs))
			current->user_ticks++;
		else
			current->sys_ticks++;
	}
	wake_timed();
	console_poll_input();
	if (runq_head)
		need_resched = true;
}

/* The idle loop: the boot thread ends here once init is started. */
static uint64_t idle_ns;

uint64_t sched_idle_ns(void)
{
	return idle_ns;
}

noreturn void sched_idle_loop(void)
{
	for (;;) {
		while (runq_head)
			schedule();
		/* Time waiting for an interrupt: /proc/uptime's second field,
		 * and how benchmarks tell work from waiting. */
		uint64_t t0 = arch_clock_ns();
		arch_idle();
		idle_ns += arch_clock_ns() - t0;
	}
}
