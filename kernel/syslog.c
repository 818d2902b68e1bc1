/* syslog(2) (glibc's klogctl): the kernel log for dmesg.  The log is
 * printk's ring (kernel/printk.c); this file keeps two positions in its
 * byte stream: where READ_ALL starts (moved by CLEAR) and where the
 * destructive READ has got to.  The text is the console's, without Linux's
 * "<level>" prefixes (Ringel's printk has no levels): busybox dmesg prints
 * it as it is. */
#include <kernel.h>
#include <proc.h>
#include <uaccess.h>
#include <uapi.h>
#include <arch.h>
#include <syscalls_gen.h>

/* Linux's SYSLOG_ACTION_* (include/linux/syslog.h; not in its uapi) */
enum {
	ACTION_CLOSE, ACTION_OPEN, ACTION_READ, ACTION_READ_ALL, ACTION_READ_CLEAR, ACTION_CLEAR,
	ACTION_CONSOLE_OFF, ACTION_CONSOLE_ON, ACTION_CONSOLE_LEVEL, ACTION_SIZE_UNREAD,
	ACTION_SIZE_BUFFER,
};

static uint64_t clear_pos;      /* READ_ALL shows the log from here */
static uint64_t read_pos;       /* READ has consumed the log up to here */

/* Copy log bytes [from, from + n) to the user buffer, a chunk at a time. */
static long copy_out(uintptr_t ubuf, uint64_t from, size_t n)
{
	char chunk[256];
	for (size_t done = 0; done < n;) {
		size_t k = MIN(n - done, sizeof chunk);
		klog_copy(from + done, chunk, k);
		if (copy_to_user(ubuf + done, chunk, k) < 0)
			return -EFAULT;
		done += k;
	}
	return (long)n;
}

long sys_syslog(int type, uintptr_t ubuf, int len)
{
	uint64_t first = klog_first(), end = klog_end();
	if (clear_pos < first)
		clear_pos = first;
	if (read_pos < first)
		read_pos = first;       /* what was not read in time is lost */
	switch (type) {
	case ACTION_CLOSE:
	case ACTION_OPEN:
	case ACTION_CONSOLE_OFF:
	case ACTION_CONSOLE_ON:
		return 0;
	case ACTION_CONSOLE_LEVEL:
		return len >= 1 && len <= 8 ? 0 : -EINVAL;
	case ACTION_SIZE_BUFFER:
		return (long)klog_size();
	case ACTION_SIZE_UNREAD:
		return (long)(end - read_pos);
	case ACTION_CLEAR:
		clear_pos = end;
		return 0;
	case ACTION_READ: {
		if (!ubuf || len < 0)
			return -EINVAL;
		if (len == 0)
			return 0;
		/* Block until there is something new.  printk cannot wake
		 * sleepers (it runs anywhere, even before the scheduler), so
		 * the reader looks again every tenth of a second. */
		while (read_pos >= klog_end()) {
			if (sleep_until(&read_pos, arch_clock_ns() + 100000000ULL, true) < 0)
				return -EINTR;
		}
		end = klog_end();
		if (read_pos < klog_first())
			read_pos = klog_first();
		size_t n = MIN((size_t)len, (size_t)(end - read_pos));
		long r = copy_out(ubuf, read_pos, n);
		if (r > 0)
			read_pos += (uint64_t)r;
		return r;
	}
	case ACTION_READ_ALL:
	case ACTION_READ_CLEAR: {
		if (!ubuf || len < 0)   /* Linux's order: a NULL buffer first */
			return -EINVAL;
		/* the newest len bytes since the clear point */
		size_t n = MIN((size_t)len, (size_t)(end - clear_pos));
		long r = copy_out(ubuf, end - n, n);
		if (r >= 0 && type == ACTION_READ_CLEAR)
			clear_pos = end;
		return r;
	}
	default:
		return -EINVAL;
	}
}
