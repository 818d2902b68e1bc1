/* Checked access to user memory.  The range check keeps every access in
 * the user half; the arch copy routines recover from faults (unmapped or
 * protected pages) through the exception-fixup table.  A page that is
 * merely not present yet (lazily allocated, copy-on-write) is faulted in by
 * trap_handle before the fixup is considered. */
#include <uaccess.h>
#include <arch.h>
#include <kernel.h>
#include <uapi.h>
#include <string.h>

bool user_range_ok(uintptr_t uaddr, size_t n)
{
	if (uaddr < USER_BASE || uaddr >= USER_TOP)
		return false;
	return n <= USER_TOP - uaddr;
}

int copy_from_user(void *dst, uintptr_t usrc, size_t n)
{
	if (n == 0)
		return 0;
	if (!user_range_ok(usrc, n) || arch_copy_from_user(dst, (const void *)usrc, n) != 0)
		return -EFAULT;
	return 0;
}

int copy_to_user(uintptr_t udst, const void *src, size_t n)
{
	if (n == 0)
		return 0;
	if (!user_range_ok(udst, n) || arch_copy_to_user((void *)udst, src, n) != 0)
		return -EFAULT;
	return 0;
}

int clear_user(uintptr_t udst, size_t n)
{
	static const char zeros[256];
	while (n) {
		size_t k = MIN(n, sizeof zeros);
		if (copy_to_user(udst, zeros, k) < 0)
			return -EFAULT;
		udst += k;
		n -= k;
	}
	return 0;
}

long strncpy_from_user(char *dst, uintptr_t usrc, size_t max)
{
	size_t done = 0;
	while (done < max) {
		/* copy up to the end of the page, so a string that ends just
		 * before an unmapped page is still read */
		size_t chunk = PAGE_SIZE - ((usrc + done) & (PAGE_SIZE - 1));
		chunk = MIN(chunk, max - done);
		if (copy_from_user(dst + done, usrc + done, chunk) < 0)
			return -EFAULT;
		for (size_t i = 0; i < chunk; i++)
			if (dst[done + i] == '\0')
				return (long)(done + i);
		done += chunk;
	}
	return -ENAMETOOLONG;
}

int get_user_ptr(uintptr_t uarray, size_t i, uintptr_t *out)
{
	uint64_t v;
	if (i > (USER_TOP / sizeof v) || copy_from_user(&v, uarray + i * sizeof v, sizeof v) < 0)
		return -EFAULT;
	*out = (uintptr_t)v;
	return 0;
}
