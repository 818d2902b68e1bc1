/* Ancillary data ("socket control messages") of sendmsg/recvmsg:
 * SCM_RIGHTS carries open files from one process to another, SCM_CREDENTIALS
 * the sender's pid, uid and gid.  A message in flight holds a reference to
 * each file it carries; the receiver gets new descriptors for them, and a
 * message nobody receives closes them when it is dropped (scm_free).
 *
 * What is not here: Linux's garbage collector for sockets that travel
 * through themselves (a socket sent into its own receive queue and then
 * closed keeps itself alive until the system ends). */
#include "net.h"

#define CMSG_ALIGN(n) (((n) + 7) & ~(size_t)7)
#define CMSG_HDR sizeof(struct linux_cmsghdr)
#define CONTROL_MAX 65536          /* Linux refuses more (optmem_max) with ENOBUFS */

struct linux_ucred scm_my_cred(void)
{
	struct linux_ucred c = { current ? current->tgid : 0, 0, 0 };
	return c;
}

void scm_free(struct scm *scm)
{
	if (!scm)
		return;
	for (int i = 0; i < scm->nfiles; i++)
		file_put(scm->files[i]);
	kfree(scm);
}

/* SCM_RIGHTS: the descriptors of data[0..n) as file references. */
static int take_rights(struct scm *scm, const int32_t *fds, size_t n)
{
	if (n == 0)
		return 0;
	if (n > SCM_MAX_FD - (size_t)scm->nfiles)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		struct file *f = fd_get(current ? current->files : NULL, fds[i]);
		if (!f)
			return -EBADF;
		scm->files[scm->nfiles++] = f;
	}
	return 0;
}

/* SCM_CREDENTIALS: the sender may name itself only (everyone is root
 * here, and root may claim any uid and gid, as on Linux). */
static int take_cred(struct scm *scm, const void *data, size_t n)
{
	struct linux_ucred c;
	if (n != sizeof c)
		return -EINVAL;
	memcpy(&c, data, sizeof c);
	if (c.pid != scm_my_cred().pid)
		return -EPERM;
	scm->cred = c;
	scm->explicit_cred = true;
	return 0;
}

int scm_from_user(uintptr_t ucontrol, size_t len, struct scm **out)
{
	*out = NULL;
	if (len > CONTROL_MAX)
		return -ENOBUFS;
	if (len < CMSG_HDR)
		return 0;               /* no header fits: nothing to parse, as on Linux */
	char *buf = kmalloc(len);
	struct scm *scm = kzalloc(sizeof *scm + SCM_MAX_FD * sizeof(struct file *));
	if (!buf || !scm) {
		kfree(buf);
		kfree(scm);
		return -ENOBUFS;
	}
	int err = copy_from_user(buf, ucontrol, len) ? -EFAULT : 0;
	scm->cred = scm_my_cred();
	for (size_t off = 0; !err && off + CMSG_HDR <= len; ) {
		struct linux_cmsghdr h;
		memcpy(&h, buf + off, sizeof h);
		if (h.cmsg_len < CMSG_HDR || h.cmsg_len > len - off) {
			err = -EINVAL;
			break;
		}
		const char *data = buf + off + CMSG_HDR;
		size_t n = (size_t)h.cmsg_len - CMSG_HDR;
		if (h.cmsg_level != SOL_SOCKET)
			err = -EINVAL;
		else if (h.cmsg_type == SCM_RIGHTS)
			err = take_rights(scm, (const int32_t *)(const void *)data, n / sizeof(int32_t));
		else if (h.cmsg_type == SCM_CREDENTIALS)
			err = take_cred(scm, data, n);
		else
			err = -EINVAL;
		off += CMSG_ALIGN((size_t)h.cmsg_len);
	}
	kfree(buf);
	if (err || (!scm->nfiles && !scm->explicit_cred)) {
		scm_free(scm);
		return err;
	}
	*out = scm;
	return 0;
}

/* One message into the control buffer at *used: whole, or not at all
 * (MSG_CTRUNC).  0 or -EFAULT. */
static int put_cmsg(struct sockmsg *m, size_t *used, int type, const void *data, size_t n)
{
	size_t room = m->controllen - *used;
	if (CMSG_HDR + n > room) {
		m->flags_out |= MSG_CTRUNC;
		return 0;
	}
	struct linux_cmsghdr h = { CMSG_HDR + n, SOL_SOCKET, type };
	if (copy_to_user(m->ucontrol + *used, &h, sizeof h) ||
	    copy_to_user(m->ucontrol + *used + CMSG_HDR, data, n))
		return -EFAULT;
	*used += MIN(CMSG_ALIGN(CMSG_HDR + n), room);
	return 0;
}

/* SCM_RIGHTS out: as many descriptors as fit, the rest closed. */
static int put_rights(struct sockmsg *m, size_t *used, struct scm *scm, bool peek, bool cloexec)
{
	size_t room = m->controllen - *used;
	size_t fit = room > CMSG_HDR ? (room - CMSG_HDR) / sizeof(int32_t) : 0;
	int n = (int)MIN(fit, (size_t)scm->nfiles);
	int32_t fds[SCM_MAX_FD];
	int got = 0, err = 0;
	for (; got < n; got++) {
		struct file *f = scm->files[got];
		int fd = fd_install(current->files, peek ? file_get(f) : f, 0, cloexec);
		if (fd < 0) {
			if (peek)
				file_put(f);
			err = fd;
			break;
		}
		if (!peek)
			scm->files[got] = NULL;     /* the descriptor has the reference now */
		fds[got] = fd;
	}
	if (got < scm->nfiles)
		m->flags_out |= MSG_CTRUNC;
	if (got) {
		int e = put_cmsg(m, used, SCM_RIGHTS, fds, (size_t)got * sizeof(int32_t));
		if (e) {
			for (int i = 0; i < got; i++)
				fd_close(current->files, fds[i]);
			err = e;
		}
	}
	if (!peek) {
		/* what did not fit (or was not installed) is closed now */
		for (int i = 0; i < scm->nfiles; i++)
			if (scm->files[i])
				file_put(scm->files[i]);
		scm->nfiles = 0;
	}
	return err == -EMFILE ? 0 : err;
}

int scm_to_user(struct sockmsg *m, struct scm *scm, const struct linux_ucred *cred, bool peek,
		bool cloexec)
{
	size_t used = 0;
	int err = 0;
	if (!m->ucontrol)
		m->controllen = 0;
	if (cred)
		err = put_cmsg(m, &used, SCM_CREDENTIALS, cred, sizeof *cred);
	if (!err && scm && scm->nfiles)
		err = put_rights(m, &used, scm, peek, cloexec);
	m->controllen = used;
	return err;
}
