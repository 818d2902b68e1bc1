/* System calls about processes, identity, sessions and the machine. */
#include <proc.h>
#include <vm.h>
#include <pmm.h>
#include <uaccess.h>
#include <random.h>
#include <syscalls_gen.h>
#include <kernel.h>
#include <string.h>

/* The process's id is its thread group's; each thread has its own too. */
long sys_getpid(void) { return current->tgid; }
long sys_gettid(void) { return current->pid; }
long sys_getppid(void) { return current->parent ? current->parent->pid : 0; }
/* One user for now: root. */
long sys_getuid(void) { return 0; }
long sys_geteuid(void) { return 0; }
long sys_getgid(void) { return 0; }
long sys_getegid(void) { return 0; }

/* The supplementary groups: root belongs to none besides its own gid, so
 * the list is empty (Linux gives what login set; an empty one is valid). */
long sys_getgroups(int size, uintptr_t list)
{
	(void)list;
	return size < 0 ? -EINVAL : 0;
}

/* The C library's start-up names the word where its thread's id lives;
 * when the thread ends, futex_exit writes 0 there and wakes a joiner
 * (kernel/proc/futex.c). */
long sys_set_tid_address(uintptr_t tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

long sys_sched_yield(void)
{
	yield();
	return 0;
}

long sys_umask(int mask)
{
	int old = (int)current->fs->umask;
	current->fs->umask = (unsigned)mask & 0777;   /* CLONE_FS: shared (on SMP: its lock) */
	return old;
}

/* Groups and sessions belong to processes: every thread carries a copy. */
static void set_group_ids(struct proc *l, int pgid, int sid)
{
	l->pgid = pgid;
	l->sid = sid;
	for_each_thread(t, l) {
		t->pgid = pgid;
		t->sid = sid;
	}
}

long sys_setpgid(int pid, int pgid)
{
	struct proc *p = pid ? proc_find(pid) : current;
	if (p)
		p = p->leader;
	if (!p || (p != current->leader && p->parent != current->leader))
		return -ESRCH;
	if (pgid < 0)
		return -EINVAL;
	if (p->sid == p->pid)
		return -EPERM;   /* a session leader keeps its group */
	set_group_ids(p, pgid ? pgid : p->pid, p->sid);
	return 0;
}

long sys_getpgid(int pid)
{
	struct proc *p = pid ? proc_find(pid) : current;
	return p ? p->pgid : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->pgid;
}

long sys_setsid(void)
{
	if (current->pgid == current->tgid)
		return -EPERM;   /* already a group leader */
	set_group_ids(current->leader, current->tgid, current->tgid);
	return current->sid;
}

long sys_getsid(int pid)
{
	struct proc *p = pid ? proc_find(pid) : current;
	return p ? p->sid : -ESRCH;
}

/* ---------------------------------------------------------------- nice */

/* Does thread t match getpriority/setpriority's which and who?  Threads,
 * as on Linux: PRIO_PROCESS names one thread (a process's id is its first
 * thread's), PRIO_PGRP every thread of the group's processes, PRIO_USER
 * every user thread of the user (root, uid 0, is the only one). */
static bool prio_matches(const struct proc *t, int which, int who)
{
	if (t->state == P_DEAD || t->state == P_ZOMBIE || t->state == P_EMBRYO || !t->vm)
		return false;
	if (which == PRIO_PGRP)
		return t->pgid == (who ? who : current->pgid);
	return who == 0;   /* PRIO_USER: the caller's uid, 0 */
}

/* Apply fn to the threads which and who name; -ESRCH if none, -EINVAL for
 * a bad which.  PRIO_PROCESS is a lookup, the others a walk of all
 * threads (a system call, not a path of every tick). */
static long prio_each(int which, int who, void (*fn)(struct proc *t, void *arg), void *arg)
{
	if (which == PRIO_PROCESS) {
		struct proc *t = who ? proc_find(who) : current;
		if (!t || t->state == P_ZOMBIE)
			return -ESRCH;
		fn(t, arg);
		return 0;
	}
	if (which != PRIO_PGRP && which != PRIO_USER)
		return -EINVAL;
	if (who < 0)
		return -ESRCH;
	long found = -ESRCH;
	for_each_proc(t) {
		if (prio_matches(t, which, who)) {
			fn(t, arg);
			found = 0;
		}
	}
	return found;
}

static void prio_lowest(struct proc *t, void *arg)
{
	int *nice = arg;
	*nice = MIN(*nice, t->nice);
}

static void prio_set(struct proc *t, void *arg)
{
	sched_set_nice(t, *(int *)arg);
}

/* The raw call answers 20 - nice (1 to 40), so that it is never negative;
 * the C library turns it back into the nice value. */
long sys_getpriority(int which, int who)
{
	int nice = NICE_MAX + 1;
	long r = prio_each(which, who, prio_lowest, &nice);
	return r < 0 ? r : 20 - nice;
}

/* Every process runs as root, which may also lower a nice value. */
long sys_setpriority(int which, int who, int prio)
{
	int nice = prio < NICE_MIN ? NICE_MIN : prio > NICE_MAX ? NICE_MAX : prio;
	return prio_each(which, who, prio_set, &nice);
}

/* The machine's name (uname's nodename), set by sethostname. */
static char hostname[65] = "ringel";

long sys_sethostname(uintptr_t uname, int len)
{
	char buf[sizeof hostname];
	if (len < 0 || (size_t)len >= sizeof hostname)
		return -EINVAL;
	if (copy_from_user(buf, uname, (size_t)len) < 0)
		return -EFAULT;
	buf[len] = 0;
	memcpy(hostname, buf, sizeof hostname);
	return 0;
}

long sys_uname(uintptr_t ubuf)
{
	struct linux_utsname u;
	memset(&u, 0, sizeof u);
	strlcpy(u.sysname, "Ringel", sizeof u.sysname);
	strlcpy(u.nodename, hostname, sizeof u.nodename);
	strlcpy(u.release, RINGEL_VERSION, sizeof u.release);
	strlcpy(u.version, "#1 " __DATE__, sizeof u.version);
	strlcpy(u.machine, arch_uname_machine(), sizeof u.machine);
	return copy_to_user(ubuf, &u, sizeof u);
}

long sys_sysinfo(uintptr_t uinfo)
{
	struct linux_sysinfo si;
	memset(&si, 0, sizeof si);
	si.uptime = (int64_t)(arch_clock_ns() / 1000000000ULL);
	si.totalram = pmm_total_count();
	si.freeram = pmm_free_count();
	si.mem_unit = PAGE_SIZE;
	unsigned long avg[3];
	loadavg_get(avg);
	for (int k = 0; k < 3; k++)   /* sysinfo's are 16-bit fixed point */
		si.loads[k] = avg[k] << (16 - LOADAVG_FSHIFT);
	int threads;
	proc_count_active(&threads);
	si.procs = (uint16_t)threads;   /* Linux counts threads here too */
	return copy_to_user(uinfo, &si, sizeof si);
}

long sys_getrandom(uintptr_t ubuf, size_t count, unsigned flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM))
		return -EINVAL;
	uint8_t chunk[256];
	size_t done = 0;
	while (done < count) {
		size_t n = MIN(count - done, sizeof chunk);
		random_fill(chunk, n);
		if (copy_to_user(ubuf + done, chunk, n) < 0)
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}

/* ---------------------------------------------------------------- time */

/* CLOCK_REALTIME minus CLOCK_MONOTONIC, for absolute real-time waits
 * (futex's FUTEX_CLOCK_REALTIME). */
uint64_t clock_realtime_offset_ns(void)
{
	return wallclock_ns() - arch_clock_ns();
}

static int clock_now(int clock, struct linux_timespec *ts)
{
	uint64_t ns;
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ns = wallclock_ns();
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		ns = arch_clock_ns();
		break;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		ns = (current->user_ticks + current->sys_ticks) * (1000000000ULL / HZ);
		break;
	default:
		return -EINVAL;
	}
	ts->tv_sec = (int64_t)(ns / 1000000000ULL);
	ts->tv_nsec = (int64_t)(ns % 1000000000ULL);
	return 0;
}

long sys_clock_gettime(int clock, uintptr_t utp)
{
	struct linux_timespec ts;
	int err = clock_now(clock, &ts);
	return err ? err : copy_to_user(utp, &ts, sizeof ts);
}

/* Only the wall clock can be set (every process is root today). */
long sys_clock_settime(int clock, uintptr_t utp)
{
	struct linux_timespec ts;
	if (clock != CLOCK_REALTIME)
		return -EINVAL;
	if (copy_from_user(&ts, utp, sizeof ts) < 0)
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	wallclock_set_ns((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec);
	return 0;
}

long sys_settimeofday(uintptr_t utv, uintptr_t utz)
{
	(void)utz;
	struct linux_timeval tv;
	if (!utv)
		return 0;
	if (copy_from_user(&tv, utv, sizeof tv) < 0)
		return -EFAULT;
	if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EINVAL;
	wallclock_set_ns((uint64_t)tv.tv_sec * 1000000000ULL + (uint64_t)tv.tv_usec * 1000);
	return 0;
}

long sys_clock_getres(int clock, uintptr_t utp)
{
	struct linux_timespec ts = { 0, 1 };
	if (clock_now(clock, &ts) < 0)
		return -EINVAL;
	ts.tv_sec = 0;
	ts.tv_nsec = 1;
	return utp ? copy_to_user(utp, &ts, sizeof ts) : 0;
}

long sys_gettimeofday(uintptr_t utv, uintptr_t utz)
{
	struct linux_timespec ts;
	clock_now(CLOCK_REALTIME, &ts);
	struct linux_timeval tv = { ts.tv_sec, ts.tv_nsec / 1000 };
	if (utv && copy_to_user(utv, &tv, sizeof tv) < 0)
		return -EFAULT;
	if (utz && clear_user(utz, 8) < 0)
		return -EFAULT;
	return 0;
}

/* time(2), x86-64 only (AArch64 has no such call): the wall clock's
 * seconds, also stored at tloc when given. */
long sys_time(uintptr_t tloc)
{
	struct linux_timespec ts;
	clock_now(CLOCK_REALTIME, &ts);
	int64_t t = ts.tv_sec;
	if (tloc && copy_to_user(tloc, &t, sizeof t) < 0)
		return -EFAULT;
	return t;
}

/* CPU affinity: the CPUs a thread may run on (proc->affinity, 0 = all).
 * Linux's rules: the user's buffer must hold the kernel's mask (a long's
 * bytes here), get returns how many bytes it wrote, set needs a mask that
 * includes an online CPU and keeps only the online ones. */
#define AFFINITY_BYTES sizeof(unsigned long)

static struct proc *affinity_target(int pid)
{
	return pid ? proc_find(pid) : current;
}

long sys_sched_getaffinity(int pid, size_t len, uintptr_t umask)
{
	if (!affinity_target(pid))
		return -ESRCH;
	if (len < AFFINITY_BYTES || (len & (AFFINITY_BYTES - 1)))
		return -EINVAL;
	struct proc *t = affinity_target(pid);
	unsigned long online = (1ul << ncpus) - 1;
	unsigned long mask = t->affinity ? t->affinity & online : online;
	if (copy_to_user(umask, &mask, sizeof mask) < 0)
		return -EFAULT;
	return AFFINITY_BYTES;
}

long sys_sched_setaffinity(int pid, size_t len, uintptr_t umask)
{
	struct proc *t = affinity_target(pid);
	if (!t)
		return -ESRCH;
	unsigned long mask = 0;
	if (copy_from_user(&mask, umask, len < sizeof mask ? len : sizeof mask) < 0)
		return -EFAULT;
	unsigned long online = (1ul << ncpus) - 1;
	if (!(mask & online))
		return -EINVAL;
	t->affinity = (mask & online) == online ? 0 : (uint32_t)(mask & online);
	/* running on a CPU it may no longer use: it moves at the next tick,
	 * or now if it is the caller */
	if (t == current && t->affinity && !(t->affinity & (1u << this_cpu()->index)))
		yield();
	else
		sched_affinity_changed(t);
	return 0;
}

/* getcpu: the CPU the caller runs on (it may have moved by the time it
 * looks) and its NUMA node, always 0. */
long sys_getcpu(uintptr_t ucpu, uintptr_t unode, uintptr_t cache)
{
	(void)cache;
	uint32_t cpu = this_cpu()->index, node = 0;
	if (ucpu && copy_to_user(ucpu, &cpu, sizeof cpu) < 0)
		return -EFAULT;
	if (unode && copy_to_user(unode, &node, sizeof node) < 0)
		return -EFAULT;
	return 0;
}

/* Sleep until the absolute monotonic time 'deadline'; on a signal, store
 * the time left in urem (if given) and return -EINTR. */
static long sleep_to(uint64_t deadline, uintptr_t urem)
{
	while (arch_clock_ns() < deadline) {
		if (sleep_until(&current->wake_at_ns, deadline, true) < 0) {
			uint64_t now = arch_clock_ns(), left = deadline > now ? deadline - now : 0;
			struct linux_timespec rem = { (int64_t)(left / 1000000000ULL),
						      (int64_t)(left % 1000000000ULL) };
			if (urem && copy_to_user(urem, &rem, sizeof rem) < 0)
				return -EFAULT;
			return -EINTR;
		}
	}
	return 0;
}

static int read_timespec(uintptr_t u, uint64_t *ns)
{
	struct linux_timespec ts;
	if (copy_from_user(&ts, u, sizeof ts) < 0)
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	*ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	return 0;
}

long sys_nanosleep(uintptr_t ureq, uintptr_t urem)
{
	uint64_t ns;
	int err = read_timespec(ureq, &ns);
	return err ? err : sleep_to(arch_clock_ns() + ns, urem);
}

long sys_clock_nanosleep(int clock, int flags, uintptr_t ureq, uintptr_t urem)
{
	uint64_t ns;
	if (clock != CLOCK_MONOTONIC && clock != CLOCK_REALTIME && clock != CLOCK_BOOTTIME)
		return -EINVAL;
	int err = read_timespec(ureq, &ns);
	if (err)
		return err;
	if (flags & 1) {   /* TIMER_ABSTIME */
		uint64_t offset = clock == CLOCK_REALTIME ? wallclock_ns() - arch_clock_ns() : 0;
		return sleep_to(ns > offset ? ns - offset : 0, 0);
	}
	return sleep_to(arch_clock_ns() + ns, urem);
}

/* ---------------------------------------------------------------- alarms
 * ITIMER_REAL only: the virtual and profiling timers need per-mode CPU
 * accounting that the tick does not keep precisely enough. */

struct linux_itimerval {
	struct linux_timeval interval, value;
};

static uint64_t tv_ns(const struct linux_timeval *tv)
{
	return (uint64_t)tv->tv_sec * 1000000000ULL + (uint64_t)tv->tv_usec * 1000ULL;
}

static struct linux_timeval ns_tv(uint64_t ns)
{
	struct linux_timeval tv = { (int64_t)(ns / 1000000000ULL), (int64_t)(ns % 1000000000ULL / 1000) };
	return tv;
}

/* The alarm is the process's: kept in the group leader. */
static void current_itimer(struct linux_itimerval *it)
{
	struct proc *l = current->leader;
	uint64_t now = arch_clock_ns();
	uint64_t left = l->alarm_ns > now ? l->alarm_ns - now : 0;
	if (l->alarm_ns && !left)
		left = 1000;   /* due but not yet delivered: report a tick, not "off" */
	it->value = ns_tv(left);
	it->interval = ns_tv(l->alarm_interval_ns);
}

long sys_getitimer(int which, uintptr_t uvalue)
{
	if (which != 0)
		return -EINVAL;
	struct linux_itimerval it;
	current_itimer(&it);
	return copy_to_user(uvalue, &it, sizeof it);
}

long sys_setitimer(int which, uintptr_t uvalue, uintptr_t uovalue)
{
	if (which != 0)
		return -EINVAL;   /* ITIMER_VIRTUAL and ITIMER_PROF: not kept */
	struct linux_itimerval it, old;
	if (uvalue && copy_from_user(&it, uvalue, sizeof it) < 0)
		return -EFAULT;
	if (uvalue && (it.value.tv_usec < 0 || it.value.tv_usec >= 1000000 || it.value.tv_sec < 0 ||
		       it.interval.tv_usec < 0 || it.interval.tv_usec >= 1000000 || it.interval.tv_sec < 0))
		return -EINVAL;
	current_itimer(&old);
	if (uovalue && copy_to_user(uovalue, &old, sizeof old) < 0)
		return -EFAULT;
	if (uvalue) {
		uint64_t v = tv_ns(&it.value);
		current->leader->alarm_ns = v ? arch_clock_ns() + v : 0;
		current->leader->alarm_interval_ns = v ? tv_ns(&it.interval) : 0;
		alarm_update(current->leader);
	}
	return 0;
}

long sys_alarm(unsigned seconds)
{
	struct linux_itimerval old;
	current_itimer(&old);
	current->leader->alarm_ns = seconds ? arch_clock_ns() + (uint64_t)seconds * 1000000000ULL : 0;
	current->leader->alarm_interval_ns = 0;
	alarm_update(current->leader);
	/* the seconds left of the previous alarm, rounded up */
	return old.value.tv_sec + (old.value.tv_usec ? 1 : 0);
}
