/* Character devices and /dev (see <vfs.h>).  Device nodes are ordinary
 * tmpfs nodes of type S_IFCHR whose rdev picks a driver from the table
 * here when they are opened: /dev/null, zero, full, urandom, random, and
 * the console terminal as /dev/console and /dev/tty. */
#include <vfs.h>
#include <tty.h>
#include <proc.h>
#include <random.h>
#include <kernel.h>
#include <uapi.h>

#define MAX_CHRDEVS 16
static const struct chrdev *devs[MAX_CHRDEVS];

void devfs_register(const struct chrdev *d)
{
	for (int i = 0; i < MAX_CHRDEVS; i++) {
		if (!devs[i] || devs[i]->rdev == d->rdev) {
			devs[i] = d;
			return;
		}
	}
	printk("devfs: no room for device %s\n", d->name);
}

static const struct chrdev *find(uint32_t rdev)
{
	for (int i = 0; i < MAX_CHRDEVS && devs[i]; i++)
		if (devs[i]->rdev == rdev)
			return devs[i];
	return NULL;
}

int devfs_open(struct vnode *v, int flags, struct file **out)
{
	const struct chrdev *d = find(v->rdev);
	if (!d)
		return -ENXIO;
	struct file *f = file_alloc(v, (unsigned)flags, d->fops, NULL);
	if (!f)
		return -ENOMEM;
	if (d->open) {
		int err = d->open(f, flags);
		if (err) {
			file_put(f);
			return err;
		}
	}
	*out = f;
	return 0;
}

/* ---------------------------------------------------------------- memory devices */
static long null_read(struct file *f, struct uio *u, uint64_t *pos)
{
	(void)f;
	(void)u;
	(void)pos;
	return 0;
}

static long sink_write(struct file *f, struct uio *u, uint64_t *pos)
{
	(void)f;
	(void)pos;
	size_t n = u->resid;
	u->resid = 0;
	return (long)n;
}

static long zero_read(struct file *f, struct uio *u, uint64_t *pos)
{
	(void)f;
	(void)pos;
	size_t n = u->resid;
	int err = uio_zero(u, n);
	size_t done = n - u->resid;
	return done ? (long)done : err;
}

static long full_write(struct file *f, struct uio *u, uint64_t *pos)
{
	(void)f;
	(void)u;
	(void)pos;
	return -ENOSPC;
}

static long random_read(struct file *f, struct uio *u, uint64_t *pos)
{
	(void)f;
	(void)pos;
	size_t n = u->resid;
	char chunk[256];
	while (u->resid > 0) {
		size_t k = MIN(u->resid, sizeof chunk);
		random_fill(chunk, k);
		if (uio_copyout(u, chunk, k))
			break;
	}
	size_t done = n - u->resid;
	return done || n == 0 ? (long)done : -EFAULT;
}

/* Memory devices are seekable (lseek succeeds and does nothing useful). */
static const struct file_ops null_fops = { .read = null_read, .write = sink_write, .seekable = true };
static const struct file_ops zero_fops = { .read = zero_read, .write = sink_write, .seekable = true };
static const struct file_ops full_fops = { .read = zero_read, .write = full_write, .seekable = true };
static const struct file_ops random_fops = { .read = random_read, .write = sink_write, .seekable = true };

/* ---------------------------------------------------------------- the console */
static int console_open(struct file *f, int flags)
{
	struct tty *t = &console_tty;
	f->priv = t;
	/* A session leader without a terminal that opens it gets it as its
	 * controlling terminal, as on Linux. */
	if (!(flags & O_NOCTTY) && current && current->tgid == current->sid && t->sid == 0) {
		t->sid = current->sid;
		t->pgrp = current->pgid;
	}
	return 0;
}

static const struct chrdev builtin[] = {
	{ MKDEV(1, 3), "null", &null_fops, NULL },
	{ MKDEV(1, 5), "zero", &zero_fops, NULL },
	{ MKDEV(1, 7), "full", &full_fops, NULL },
	{ MKDEV(1, 8), "random", &random_fops, NULL },
	{ MKDEV(1, 9), "urandom", &random_fops, NULL },
	{ MKDEV(5, 0), "tty", &tty_fops, console_open },
	{ MKDEV(5, 1), "console", &tty_fops, console_open },
};

static const unsigned builtin_mode[] = { 0666, 0666, 0666, 0666, 0666, 0666, 0600 };

int devfs_populate(struct vnode *root)
{
	int err = vfs_mkdirat(root, "/dev", 0755);
	if (err && err != -EEXIST)
		return err;
	for (size_t i = 0; i < ARRAY_SIZE(builtin); i++) {
		devfs_register(&builtin[i]);
		char path[32];
		snprintf(path, sizeof path, "/dev/%s", builtin[i].name);
		err = vfs_mknodat(root, path, S_IFCHR | builtin_mode[i], builtin[i].rdev);
		if (err && err != -EEXIST)
			return err;
	}
	/* The descriptors by name, as on Linux: /proc/self/fd's magic links
	 * (bash's process substitution opens /dev/fd/N). */
	static const char *const links[][2] = {
		{ "/proc/self/fd", "/dev/fd" }, { "/proc/self/fd/0", "/dev/stdin" },
		{ "/proc/self/fd/1", "/dev/stdout" }, { "/proc/self/fd/2", "/dev/stderr" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(links); i++) {
		err = vfs_symlinkat(links[i][0], root, links[i][1]);
		if (err && err != -EEXIST)
			return err;
	}
	return 0;
}
