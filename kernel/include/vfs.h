/* The virtual file system: vnodes, open files, descriptor tables, paths
 * (kernel/fs/{uio,vnode,path,name,file}.c, kernel/fs/tmpfs.c, kernel/fs/devfs.c, kernel/fs/pipe.c,
 * kernel/fs/fdtable.c, kernel/fs/initramfs.c, kernel/fs/sys_*.c).
 *
 * The root is a tmpfs into which the initramfs is unpacked; /dev holds the
 * character-device nodes of devfs.c's builtin[] table (console, tty, null,
 * zero, full, random, urandom), nodes in that tmpfs; /tmp is a sticky
 * directory.  Another file system plugs in with its own vnode_ops and
 * vfs_mount(), as procfs.c does at /proc.
 *
 * Objects and lifetimes:
 *  - struct vnode: one file of any type.  refs counts in-memory users (open
 *    files, cwds, lookups in progress, a directory's children); nlink counts
 *    names.  A vnode is released when both reach zero, so an unlinked file
 *    that is still open keeps its data until the last close.
 *  - struct file: an open file description (offset, status flags), shared by
 *    dup and fork.
 *  - struct fdtable: a process's 256 descriptors with FD_CLOEXEC.
 *
 * One CPU, kernel code runs with interrupts off (see proc.h): no locks.
 * Anything that sleeps re-checks its condition afterwards. */
#ifndef RINGEL_VFS_H
#define RINGEL_VFS_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

struct boot_info;
struct vnode;
struct vm_file;
struct pipe;
struct file;
struct fdtable;
struct linux_stat;

#include <uapi/limits.h>     /* PATH_MAX, NAME_MAX, SYMLOOP_MAX, OPEN_MAX */
#include <uapi/stat.h>       /* S_IFMT... */
#define MAXSYMLINKS SYMLOOP_MAX /* symlinks followed in one lookup */
#define FDTABLE_SIZE OPEN_MAX   /* descriptors per process */
#define TMPFS_MAX_FILE (1ULL << 40)

/* ---------------------------------------------------------------- I/O buffers
 * A read or write moves bytes between a file and a buffer that is either in
 * user memory (through uaccess.h) or in the kernel; readv/writev make it a
 * list of segments.  File code copies with uio_copyout/uio_copyin only, so
 * a bad user pointer stops the transfer with -EFAULT where it happened. */
struct kiov {
	uintptr_t base;
	size_t len;
};
struct uio {
	bool user;              /* base addresses are user addresses */
	const struct kiov *iov;
	int iovcnt;
	int idx;                /* current segment */
	size_t off;             /* offset inside it */
	size_t resid;           /* bytes still to move */
};
void uio_init(struct uio *u, bool user, const struct kiov *iov, int iovcnt, size_t total);
/* One kernel buffer (one_iov is storage the uio points to). */
void uio_kernel(struct uio *u, struct kiov *one_iov, void *buf, size_t n);
void uio_user(struct uio *u, struct kiov *one_iov, uintptr_t ubuf, size_t n);
/* Move n <= resid bytes into the buffer (a read) / out of it (a write).
 * 0, or -EFAULT: then only the segments before the bad one moved (resid
 * tells how far). */
int uio_copyout(struct uio *u, const void *src, size_t n);
int uio_copyin(struct uio *u, void *dst, size_t n);
int uio_zero(struct uio *u, size_t n);

/* ---------------------------------------------------------------- vnodes */
/* readdir calls fill for each entry from *pos on; fill returns nonzero to
 * stop (buffer full) and that entry is not consumed.  next_pos is the
 * position just after the entry (getdents64's d_off). */
typedef int (*filldir_fn)(void *ctx, const char *name, size_t len, uint64_t ino,
			  unsigned dtype, uint64_t next_pos);

struct uio;
struct linux_statfs;
struct vnode_ops {
	/* Directories.  Names are (pointer, length), never "." or "..":
	 * except lookup, which answers both. */
	int (*lookup)(struct vnode *dir, const char *name, size_t len, struct vnode **out);
	/* Make a new entry of type mode & S_IFMT (regular, directory, symlink
	 * with target, character device with rdev).  *out referenced. */
	int (*create)(struct vnode *dir, const char *name, size_t len, unsigned mode,
		      uint32_t rdev, const char *target, struct vnode **out);
	int (*link)(struct vnode *dir, const char *name, size_t len, struct vnode *v);
	/* Remove a name; a directory must be empty (-ENOTEMPTY). */
	int (*unlink)(struct vnode *dir, const char *name, size_t len);
	/* Move a name, replacing an existing target (already checked for
	 * type compatibility by the VFS; a directory target must be empty). */
	int (*rename)(struct vnode *odir, const char *oname, size_t olen,
		      struct vnode *ndir, const char *nname, size_t nlen);
	int (*readdir)(struct vnode *dir, uint64_t *pos, filldir_fn fill, void *ctx);
	/* Regular files. */
	long (*read)(struct vnode *v, struct uio *u, uint64_t off);
	long (*write)(struct vnode *v, struct uio *u, uint64_t off);
	int (*truncate)(struct vnode *v, uint64_t size);
	/* Symlinks: the target, valid while v is referenced. */
	const char *(*get_link)(struct vnode *v);
	/* "Magic" links (procfs's /proc/PID/fd/N): optional; path lookup
	 * goes straight to this vnode (referenced) instead of reading the
	 * target's text, so an unlinked file or a pipe opens again. */
	int (*follow_link)(struct vnode *v, struct vnode **out);
	/* No references and no names left: free everything. */
	void (*release)(struct vnode *v);
	/* statfs: what the file system holding v has and has left (the
	 * caller zeroes *st first).  Optional: without it, -ENOSYS. */
	int (*statfs)(struct vnode *v, struct linux_statfs *st);
	/* fsync/fdatasync: make v's data (and, unless datasync, the metadata
	 * that finds it) durable.  Optional: without it there is nothing to
	 * write (memory file systems). */
	int (*fsync)(struct vnode *v, bool datasync);
	/* File systems that keep regular files in whole pages (tmpfs): the
	 * physical page holding page idx of v's data, made (zeroed) if alloc
	 * and absent; *pa = 0 for a hole when !alloc.  mmap maps these pages
	 * themselves (taking page references).  Optional: without it mmap
	 * reads the file with read and writes shared pages back with write.
	 * 0 or -errno (-ENOSPC). */
	int (*getpage)(struct vnode *v, uint64_t idx, bool alloc, uint64_t *pa);
	/* The file system keeps each file's uid and gid (chown changes them);
	 * without, files have one fixed owner (kernel/fs/sys_owner.c). */
	bool owners;
};

struct vnode {
	unsigned mode;          /* S_IF* type and permission bits */
	uint32_t nlink;
	uint64_t ino;
	uint32_t dev;           /* st_dev of the file system */
	uint32_t rdev;          /* device nodes: Linux dev_t (major << 8 | minor) */
	uint64_t size;
	uint64_t atime_ns, mtime_ns, ctime_ns;
	int refs;
	const struct vnode_ops *ops;
	struct vnode *mounted;  /* a mount point: the root mounted on it */
	struct vnode *covered;  /* a mounted root: the vnode it hides */
	struct vm_file *vmfile; /* mm/vmfile.c's object while the file is mapped */
	struct pipe *fifo;      /* a named pipe's buffer while it is open (kernel/fs/pipe.c) */
	uint32_t uid, gid;      /* owner (file systems that keep one; 0 = root) */
	/* memfd_create's files (kernel/fs/memfd.c): F_SEAL_* in force, and
	 * whether F_ADD_SEALS may add more (only memfds take seals) */
	uint32_t seals;
	bool sealable;
	void *fsdata;
};

#define VTYPE(v) ((v)->mode & S_IFMT)
#define V_ISDIR(v) (VTYPE(v) == S_IFDIR)
#define V_ISREG(v) (VTYPE(v) == S_IFREG)
#define V_ISLNK(v) (VTYPE(v) == S_IFLNK)
#define V_ISCHR(v) (VTYPE(v) == S_IFCHR)
#define V_ISBLK(v) (VTYPE(v) == S_IFBLK)
#define V_ISFIFO(v) (VTYPE(v) == S_IFIFO)
#define V_ISSOCK(v) (VTYPE(v) == S_IFSOCK)
#define MODE_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)

struct vnode *vfs_root(void);
struct vnode *vnode_get(struct vnode *v);   /* take a reference */
void vnode_put(struct vnode *v);
/* Free v now if nothing refers to it and it has no names (file systems call
 * this after dropping nlink). */
void vnode_check_free(struct vnode *v);
uint64_t vfs_now_ns(void);
/* Fill a Linux struct stat from v. */
void vnode_stat(struct vnode *v, struct linux_stat *st);
unsigned vnode_dtype(struct vnode *v);

/* ---------------------------------------------------------------- paths
 * Every path function takes the directory relative paths start from: NULL
 * means the current process's cwd (the root when there is no process yet).
 * Paths are kernel strings here; the system calls copy them in. */
#define LOOKUP_FOLLOW    1u    /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 2u    /* the result must be a directory */
int vfs_lookup(struct vnode *base, const char *path, unsigned flags, struct vnode **out);
/* flags: O_* (O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW, access
 * mode, O_APPEND, O_NONBLOCK); mode: permission bits already masked by the
 * umask. */
int vfs_openat(struct vnode *base, const char *path, int flags, unsigned mode,
	       struct file **out);
int vfs_mkdirat(struct vnode *base, const char *path, unsigned mode);
int vfs_mknodat(struct vnode *base, const char *path, unsigned mode, uint32_t rdev);
int vfs_symlinkat(const char *target, struct vnode *base, const char *path);
/* follow: AT_SYMLINK_FOLLOW semantics for the old path. */
int vfs_linkat(struct vnode *obase, const char *opath, struct vnode *nbase,
	       const char *npath, bool follow);
int vfs_unlinkat(struct vnode *base, const char *path, bool rmdir);
int vfs_renameat(struct vnode *obase, const char *opath, struct vnode *nbase,
		 const char *npath);
/* Bytes placed in buf (no NUL), or -errno. */
long vfs_readlinkat(struct vnode *base, const char *path, char *buf, size_t n);
int vfs_truncate(struct vnode *v, uint64_t size);
/* Absolute path of directory dir into buf (NUL-terminated): length
 * including the NUL, -ENOENT if dir was removed, -ERANGE if too small. */
long vfs_getcwd(struct vnode *dir, char *buf, size_t size);
/* path's absolute name, its last component's symlinks followed (length with the NUL) */
long vfs_realpath(struct vnode *base, const char *path, char *buf, size_t size);
/* Hide the directory at path behind root (another file system's root). */
int vfs_mount(const char *path, struct vnode *root);

/* ---------------------------------------------------------------- mounts (kernel/fs/mount.c) */
/* Enter a file system mounted at boot (the root tmpfs, /proc) in the table. */
void mount_boot_record(const char *type, const char *path, struct vnode *root);
/* Is v on a file system mounted read-only?  (Changes then get EROFS.) */
bool vfs_readonly(struct vnode *v);
/* /proc/mounts into buf (snprintf's contract: the length it needs). */
size_t mounts_text(char *buf, size_t cap);
/* Write back every mounted file system and the block cache (sync(2),
 * power-off).  0 or the first error. */
int vfs_sync_all(void);

/* ---------------------------------------------------------------- open files */
#include <uapi/poll.h>      /* POLLIN... */

struct file_ops {
	/* *pos is the file offset to use and advance (seekable files). */
	long (*read)(struct file *f, struct uio *u, uint64_t *pos);
	long (*write)(struct file *f, struct uio *u, uint64_t *pos);
	long (*ioctl)(struct file *f, unsigned long cmd, uintptr_t arg);
	/* POLLIN | POLLOUT | POLLHUP ... now.  A file with readiness of its
	 * own (pipes, ttys, sockets) has it and calls vfs_poll_wakeup()
	 * whenever the answer may have changed: that is all poll, select and
	 * epoll (kernel/fs/epoll.c) need.  Without it a file is always ready
	 * and epoll refuses it (EPERM). */
	unsigned (*poll)(struct file *f);
	void (*release)(struct file *f);           /* the last reference went */
	/* fsync/fdatasync: make what was written durable; optional (without
	 * it they succeed: the data is in memory only anyway). */
	int (*fsync)(struct file *f);
	bool seekable;
	bool is_tty;
};

struct file {
	int refs;
	unsigned flags;         /* O_ACCMODE and the status flags (O_APPEND, O_NONBLOCK) */
	uint64_t pos;
	struct vnode *v;        /* always set (pipes have an anonymous vnode) */
	const struct file_ops *fops;
	void *priv;
	char *path;             /* the absolute path it was opened by, or NULL: path_buf
				 * when it fits (no allocation on open), else kmalloc'd */
	char path_buf[64];
};

/* A new open file holding a reference to v (taken here). */
struct file *file_alloc(struct vnode *v, unsigned flags, const struct file_ops *fops, void *priv);
struct file *file_get(struct file *f);
void file_put(struct file *f);
bool file_readable(const struct file *f);
bool file_writable(const struct file *f);
/* Read/write at f->pos (advancing it), or at *off when off != NULL
 * (pread/pwrite: f->pos untouched).  Bytes or -errno. */
long file_read(struct file *f, struct uio *u, const uint64_t *off);
long file_write(struct file *f, struct uio *u, const uint64_t *off);
unsigned file_poll(struct file *f);
/* What /proc/PID/fd/N shows for f, as Linux: the path it was opened by
 * (" (deleted)" after an unlink), "pipe:[ino]", "socket:[ino]".  buf
 * holds PATH_MAX + 16 bytes. */
void file_describe(struct file *f, char *buf, size_t n);
/* Something a poller may wait for changed (pipes, ttys call it): every
 * poll, select and epoll_wait sleeping on vfs_poll_chan looks again, and
 * EPOLLET items count it as a new edge (kernel/fs/epoll.c). */
void vfs_poll_wakeup(void);
extern const int vfs_poll_chan;

/* For exec: open a regular file by a kernel-space path relative to the
 * current process's cwd, read from it, close it. */
int vfs_open_kernel(const char *path, int flags, struct file **out);  /* 0 or -errno */
long file_read_at(struct file *f, void *kbuf, size_t n, uint64_t off); /* bytes or -errno */
uint64_t file_size(struct file *f);
bool file_is_executable(struct file *f);

/* ---------------------------------------------------------------- descriptor tables
 * One per process; fork copies (the open files are shared), exec closes
 * the FD_CLOEXEC ones, exit puts it.  CLONE_FILES would share one (refs). */
struct fdtable {
	int refs;
	struct file *fd[FDTABLE_SIZE];
	uint8_t cloexec[FDTABLE_SIZE / 8];
};
struct fdtable *fdtable_new(void);
struct fdtable *fdtable_copy(struct fdtable *t);
void fdtable_put(struct fdtable *t);        /* close everything when the last user goes */
void fdtable_close_on_exec(struct fdtable *t);
/* Install /dev/console as fds 0, 1, 2 of t (for init). */
int fdtable_open_console(struct fdtable *t);
/* Put f at the lowest free descriptor >= minfd.  Takes over the caller's
 * reference on success.  The fd, or -EMFILE. */
int fd_install(struct fdtable *t, struct file *f, int minfd, bool cloexec);
/* The file at fd with a new reference, or NULL (EBADF). */
struct file *fd_get(struct fdtable *t, int fd);
int fd_close(struct fdtable *t, int fd);    /* 0 or -EBADF */
/* Make newfd refer to oldfd's file (closing what newfd held). */
int fd_dup2(struct fdtable *t, int oldfd, int newfd, bool cloexec);
int fd_get_cloexec(struct fdtable *t, int fd);   /* 0/1 or -EBADF */
int fd_set_cloexec(struct fdtable *t, int fd, bool on);

/* ---------------------------------------------------------------- tmpfs, devices, pipes */
/* A new, empty tmpfs; its root directory (referenced). */
struct vnode *tmpfs_new(unsigned root_mode);
/* Bytes of file data and metadata tmpfs holds (for meminfo). */
size_t tmpfs_pages_in_use(void);
/* The size limit of the tmpfs v is in, in pages (half of RAM unless set);
 * *used gets the pages it holds. */
size_t tmpfs_limit(struct vnode *v, size_t *used);
void tmpfs_set_limit(struct vnode *root, size_t pages);
/* A tmpfs whose files are committed whole when made, by their maker, and
 * uncommitted (their size in pages) when they go: System V shm segments
 * (kernel/ipc/shm.c), charged once at shmget like MAP_SHARED anonymous
 * memory.  Its pages are then not charged one by one.  release_hook is
 * told when one of its regular files goes (its last reference). */
void tmpfs_set_precommitted(struct vnode *root, void (*release_hook)(struct vnode *v));

/* memfd seals (kernel/fs/memfd.c): may [pos, pos + len) of v be written
 * (F_SEAL_WRITE, F_SEAL_GROW), may v's size become size (F_SEAL_SHRINK,
 * F_SEAL_GROW)?  0 or -EPERM; always 0 for files without seals. */
int seal_check_write(struct vnode *v, uint64_t pos, size_t len);
int seal_check_resize(struct vnode *v, uint64_t size);
/* fcntl's F_ADD_SEALS and F_GET_SEALS. */
long memfd_fcntl(struct file *f, int cmd, unsigned long arg);

/* Advisory locks (kernel/fs/lock.c): fcntl's record-lock commands on f
 * with the user's struct flock; a descriptor of f closed (the process's
 * record locks on the file go); f's last reference gone (its OFD and
 * flock locks go). */
long lock_fcntl(struct file *f, int cmd, uintptr_t uarg);
void lock_close(struct file *f);
/* The process's leader changed (execve from another thread): its record
 * locks follow. */
void lock_owner_moved(const void *from, const void *to);
void lock_file_release(struct file *f);

/* epoll (kernel/fs/epoll.c): f's last reference is gone, so it leaves
 * every interest list it is on. */
void epoll_file_gone(struct file *f);

/* /proc (kernel/fs/procfs.c): make the directory and mount it.  0 or -errno. */
int procfs_mount(void);

/* Character devices, found by rdev when a VCHR vnode is opened. */
#define MKDEV(ma, mi) ((uint32_t)(((ma) << 8) | ((mi) & 0xff) | (((mi) & ~0xffu) << 12)))
struct chrdev {
	uint32_t rdev;
	const char *name;
	const struct file_ops *fops;
	/* Called when opened (may set f->priv); 0 or -errno. */
	int (*open)(struct file *f, int flags);
};
void devfs_register(const struct chrdev *d);
/* Create /dev and its nodes under root. */
int devfs_populate(struct vnode *root);
int devfs_open(struct vnode *v, int flags, struct file **out);
/* Block devices (kernel/block/blkdev_dev.c): S_IFBLK nodes, found by rdev
 * among the registered struct blkdev when opened. */
int blkdev_open(struct vnode *v, int flags, struct file **out);
/* The size in bytes of the device an open block node refers to (lseek's
 * SEEK_END). */
uint64_t blkdev_file_size(struct file *f);

/* Both ends of a new pipe (O_NONBLOCK may be in flags). */
int pipe_create(unsigned flags, struct file **rd, struct file **wr);
/* Open the named pipe v (mknod S_IFIFO) with open's flags: a reader waits
 * for a writer and a writer for a reader unless O_NONBLOCK (then a writer
 * with no reader gets ENXIO), as on Linux. */
int fifo_open(struct vnode *v, unsigned flags, struct file **out);
#define PIPE_SIZE 4096

/* ---------------------------------------------------------------- boot */
/* Mount the root tmpfs, unpack the initramfs (bi->initrd_*) into it, make
 * /dev, /tmp.  Prints what it unpacked.  Call after kheap_init. */
void vfs_init(const struct boot_info *bi);
/* Unpack a cpio newc archive into the tree under root (kernel/fs/initramfs.c).
 * Returns the number of entries made, or -1 if the archive was malformed
 * (what was unpacked before the problem stays; the reason is printed). */
long initramfs_unpack(struct vnode *root, const void *data, size_t size);

/* The console terminal (kernel/fs/tty.c, <tty.h>): input arrives here. */
void tty_input_char(char c);
#endif
