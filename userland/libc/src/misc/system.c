/* Ringel libc: information about the system, and calls without a better
 * home. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/klog.h>
#include <sys/reboot.h>
#include "../internal.h"

int uname(struct utsname *u) { return sys(SYS_uname, u); }
ssize_t getrandom(void *buf, size_t n, unsigned flags) { return sys(SYS_getrandom, buf, n, flags); }
int sysinfo(struct sysinfo *info) { return sys(SYS_sysinfo, info); }
int getpagesize(void) { return 4096; }
int sethostname(const char *name, size_t n) { return sys(SYS_sethostname, name, n); }
int klogctl(int type, char *buf, int len) { return sys(SYS_syslog, type, buf, len); }

int reboot(int cmd)
{
	return sys(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, (unsigned)cmd, 0);
}

int gethostname(char *name, size_t n)
{
	struct utsname u;
	if (uname(&u) < 0)
		return -1;
	size_t len = strlen(u.nodename);
	if (len >= n) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, u.nodename, len + 1);
	return 0;
}

/* CPUs: those this process may run on (the affinity mask) for ONLN, as
 * musl answers; every CPU online (the cpuN lines of /proc/stat) for CONF. */
static long cpus_allowed(void)
{
	unsigned long mask[16] = { 0 };
	long n = sys(SYS_sched_getaffinity, 0, sizeof mask, mask), count = 0;
	for (long i = 0; i < n / (long)sizeof mask[0]; i++)
		count += __builtin_popcountl(mask[i]);
	return count > 0 ? count : 1;
}

static long cpus_configured(void)
{
	char buf[2048];
	int fd = sys(SYS_openat, AT_FDCWD, "/proc/stat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return cpus_allowed();
	long len = sys(SYS_read, fd, buf, sizeof buf - 1), count = 0;
	sys(SYS_close, fd);
	buf[len > 0 ? len : 0] = 0;
	for (char *p = buf; (p = strstr(p, "\ncpu")); p += 4)
		count += p[4] >= '0' && p[4] <= '9';
	return count > 0 ? count : cpus_allowed();
}

long sysconf(int name)
{
	struct sysinfo si;
	switch (name) {
	case _SC_ARG_MAX: return 131072;
	case _SC_CHILD_MAX: return 1024;
	case _SC_CLK_TCK: return 100;
	case _SC_NGROUPS_MAX: return 65536;
	case _SC_OPEN_MAX: return 256;
	case _SC_PAGESIZE: return 4096;
	case _SC_LINE_MAX: return 2048;
	case _SC_HOST_NAME_MAX: return 64;
	case _SC_NPROCESSORS_CONF: return cpus_configured();
	case _SC_NPROCESSORS_ONLN: return cpus_allowed();
	case _SC_PHYS_PAGES:
	case _SC_AVPHYS_PAGES:
		if (sysinfo(&si) < 0)
			return -1;
		return (long)((name == _SC_PHYS_PAGES ? si.totalram : si.freeram) * si.mem_unit / 4096);
	default:
		errno = EINVAL;
		return -1;
	}
}

int poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
	struct timespec ts, *tp = NULL;
	if (timeout_ms >= 0) {
		ts.tv_sec = timeout_ms / 1000;
		ts.tv_nsec = (long)(timeout_ms % 1000) * 1000000;
		tp = &ts;
	}
	return sys(SYS_ppoll, fds, n, tp, NULL, 8);
}

long syscall(long nr, ...)
{
	va_list ap;
	va_start(ap, nr);
	long a = va_arg(ap, long), b = va_arg(ap, long), c = va_arg(ap, long);
	long d = va_arg(ap, long), e = va_arg(ap, long), f = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall6(nr, a, b, c, d, e, f));
}
