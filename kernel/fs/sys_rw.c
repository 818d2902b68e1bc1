/* read, write, their vector and positioned forms, lseek, fsync. */
#include "sys_fs.h"

static long do_rw(int fd, uintptr_t buf, size_t count, const uint64_t *off, bool write)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r;
	if (write ? !file_writable(f) : !file_readable(f)) {
		r = -EBADF;
	} else {
		count = MIN(count, MAX_RW_COUNT);
		if (count && !user_range_ok(buf, count)) {
			r = -EFAULT;
		} else {
			struct kiov one;
			struct uio u;
			uio_user(&u, &one, buf, count);
			r = write ? file_write(f, &u, off) : file_read(f, &u, off);
		}
	}
	file_put(f);
	return r;
}

long sys_read(int fd, uintptr_t buf, size_t count)
{
	return do_rw(fd, buf, count, NULL, false);
}

long sys_write(int fd, uintptr_t buf, size_t count)
{
	return do_rw(fd, buf, count, NULL, true);
}

long sys_pread64(int fd, uintptr_t buf, size_t count, long off)
{
	if (off < 0)
		return -EINVAL;
	uint64_t o = (uint64_t)off;
	return do_rw(fd, buf, count, &o, false);
}

long sys_pwrite64(int fd, uintptr_t buf, size_t count, long off)
{
	if (off < 0)
		return -EINVAL;
	uint64_t o = (uint64_t)off;
	return do_rw(fd, buf, count, &o, true);
}

static long do_rwv(int fd, uintptr_t uiov, int iovcnt, bool write)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r = 0;
	struct kiov *kv = NULL;
	if (write ? !file_writable(f) : !file_readable(f)) {
		r = -EBADF;
		goto out;
	}
	if (iovcnt < 0 || iovcnt > UIO_MAXIOV) {
		r = -EINVAL;
		goto out;
	}
	if (iovcnt == 0)
		goto out;
	struct linux_iovec *uv = kmalloc(sizeof *uv * (size_t)iovcnt);
	kv = kmalloc(sizeof *kv * (size_t)iovcnt);
	if (!uv || !kv) {
		kfree(uv);
		r = -ENOMEM;
		goto out;
	}
	if (copy_from_user(uv, uiov, sizeof *uv * (size_t)iovcnt)) {
		kfree(uv);
		r = -EFAULT;
		goto out;
	}
	size_t total = 0;
	for (int i = 0; i < iovcnt; i++) {
		if (uv[i].iov_len > (uint64_t)INT64_MAX - total) {
			r = -EINVAL;
			break;
		}
		size_t len = (size_t)uv[i].iov_len;
		if (len > MAX_RW_COUNT - total)
			len = MAX_RW_COUNT - total;
		if (len && !user_range_ok((uintptr_t)uv[i].iov_base, len)) {
			r = -EFAULT;
			break;
		}
		kv[i].base = (uintptr_t)uv[i].iov_base;
		kv[i].len = len;
		total += len;
	}
	kfree(uv);
	if (r)
		goto out;
	struct uio u;
	uio_init(&u, true, kv, iovcnt, total);
	r = write ? file_write(f, &u, NULL) : file_read(f, &u, NULL);
out:
	kfree(kv);
	file_put(f);
	return r;
}

long sys_readv(int fd, uintptr_t iov, int iovcnt)
{
	return do_rwv(fd, iov, iovcnt, false);
}

long sys_writev(int fd, uintptr_t iov, int iovcnt)
{
	return do_rwv(fd, iov, iovcnt, true);
}

long sys_lseek(int fd, long off, int whence)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r;
	int64_t base;
	if (!f->fops->seekable) {
		r = -ESPIPE;
		goto out;
	}
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)f->pos;
		break;
	case SEEK_END:
		if (V_ISDIR(f->v)) {
			r = -EINVAL;
			goto out;
		}
		base = (int64_t)(V_ISBLK(f->v) ? blkdev_file_size(f) : f->v->size);
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (!V_ISREG(f->v)) {
			r = -EINVAL;
			goto out;
		}
		if (off < 0 || (uint64_t)off >= f->v->size) {
			r = -ENXIO;
			goto out;
		}
		r = whence == SEEK_DATA ? off : (long)f->v->size;
		f->pos = (uint64_t)r;
		goto out;
	default:
		r = -EINVAL;
		goto out;
	}
	int64_t n;
	if (__builtin_add_overflow(base, (int64_t)off, &n) || n < 0) {
		r = -EINVAL;
		goto out;
	}
	f->pos = (uint64_t)n;
	r = n;
out:
	file_put(f);
	return r;
}

/* What was written reaches the medium: the file's own fsync (block
 * devices flush the disk's write cache); files only in memory have nothing
 * to do.  fdatasync is the same: metadata is never behind. */
long sys_fsync(int fd)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r = f->fops->fsync ? f->fops->fsync(f) : 0;
	file_put(f);
	return r;
}

long sys_fdatasync(int fd)
{
	return sys_fsync(fd);
}

/* sendfile: copy count bytes from a regular file to any file through a
 * kernel buffer, from *offset (then updated, the file's own offset left
 * alone) or from the file's offset.  Bytes moved; an error only when none
 * moved. */
#define SENDFILE_CHUNK 4096
long sys_sendfile(int out_fd, int in_fd, uintptr_t uoff, size_t count)
{
	int64_t off = 0;
	if (uoff) {
		if (copy_from_user(&off, uoff, sizeof off))
			return -EFAULT;
		if (off < 0)
			return -EINVAL;
	}
	struct file *in = getf(in_fd), *out = getf(out_fd);
	long r = 0;
	char *buf = NULL;
	if (!in || !out) {
		r = -EBADF;
		goto done;
	}
	if (!file_readable(in) || !file_writable(out)) {
		r = -EBADF;
		goto done;
	}
	/* Linux reads only from files it could map, and never appends */
	if (!V_ISREG(in->v) || (out->flags & O_APPEND)) {
		r = -EINVAL;
		goto done;
	}
	buf = kmalloc(SENDFILE_CHUNK);
	if (!buf) {
		r = -ENOMEM;
		goto done;
	}
	uint64_t pos = uoff ? (uint64_t)off : in->pos;
	count = MIN(count, MAX_RW_COUNT);
	size_t moved = 0;
	while (moved < count) {   /* preemption point */
		size_t want = MIN(count - moved, (size_t)SENDFILE_CHUNK);
		long got = file_read_at(in, buf, want, pos);
		if (got <= 0) {
			r = got;
			break;
		}
		struct kiov one;
		struct uio u;
		uio_kernel(&u, &one, buf, (size_t)got);
		long put = file_write(out, &u, NULL);
		if (put <= 0) {
			r = put;
			break;
		}
		pos += (uint64_t)put;
		moved += (size_t)put;
		if (put < got)
			break;
	}
	if (moved)
		r = (long)moved;
	if (uoff) {
		off = (int64_t)pos;
		if (copy_to_user(uoff, &off, sizeof off))
			r = -EFAULT;
	} else {
		in->pos = pos;
	}
done:
	kfree(buf);
	file_put(in);
	file_put(out);
	return r;
}
