/* Socket arguments between user memory and the kernel: addresses in and
 * out (Linux's move_addr_to_kernel/move_addr_to_user rules) and the data
 * vector of a struct msghdr. */
#include "net.h"

int sockaddr_in(uintptr_t uaddr, int ulen, struct linux_sockaddr_storage *a, size_t *len)
{
	if (ulen < 0 || (size_t)ulen > sizeof *a)
		return -EINVAL;
	memset(a, 0, sizeof *a);
	*len = (size_t)ulen;
	if (ulen == 0)
		return 0;
	return copy_from_user(a, uaddr, (size_t)ulen) ? -EFAULT : 0;
}

int sockaddr_out(uintptr_t uaddr, uintptr_t ulenp, const void *a, size_t len)
{
	int ulen;
	if (copy_from_user(&ulen, ulenp, sizeof ulen))
		return -EFAULT;
	if (ulen < 0)
		return -EINVAL;
	size_t n = MIN(len, (size_t)ulen);
	if (n && copy_to_user(uaddr, a, n))
		return -EFAULT;
	int full = (int)len;
	return copy_to_user(ulenp, &full, sizeof full) ? -EFAULT : 0;
}

int msg_iov_in(uint64_t uiov, uint64_t iovlen, struct kiov **kvp, struct uio *u)
{
	*kvp = NULL;
	if (iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	size_t n = (size_t)iovlen;
	struct linux_iovec *uv = kmalloc(sizeof *uv * (n ? n : 1));
	struct kiov *kv = kmalloc(sizeof *kv * (n ? n : 1));
	if (!uv || !kv) {
		kfree(uv);
		kfree(kv);
		return -ENOMEM;
	}
	if (n && copy_from_user(uv, (uintptr_t)uiov, sizeof *uv * n)) {
		kfree(uv);
		kfree(kv);
		return -EFAULT;
	}
	size_t total = 0;
	int err = 0;
	for (size_t i = 0; i < n; i++) {
		if (uv[i].iov_len > (uint64_t)INT64_MAX - total) {
			err = -EINVAL;
			break;
		}
		size_t len = (size_t)MIN((uint64_t)uv[i].iov_len, (uint64_t)(SOCK_MAX_RW - total));
		if (len && !user_range_ok((uintptr_t)uv[i].iov_base, len)) {
			err = -EFAULT;
			break;
		}
		kv[i].base = (uintptr_t)uv[i].iov_base;
		kv[i].len = len;
		total += len;
	}
	kfree(uv);
	if (err) {
		kfree(kv);
		return err;
	}
	uio_init(u, true, kv, (int)n, total);
	*kvp = kv;
	return 0;
}
