/* The virtual file system: vnodes, open files, descriptor tables, paths
 * (kernel/vfs.c, kernel/tmpfs.c, kernel/devfs.c, kernel/pipe.c,
 * kernel/initramfs.c).  The root is a tmpfs into which the initramfs is
 * unpacked; /dev holds console, null and zero. */
#ifndef RINGEL_VFS_H
#define RINGEL_VFS_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

struct boot_info;
struct vnode;
struct file;
struct fdtable;

/* Mount the root tmpfs, unpack the initramfs (bi->initrd_*) into it, make
 * /dev, /tmp.  Prints what it unpacked. */
void vfs_init(const struct boot_info *bi);
struct vnode *vfs_root(void);
struct vnode *vnode_get(struct vnode *v);   /* take a reference */
void vnode_put(struct vnode *v);

/* Descriptor tables (one per process; fork copies, exec closes CLOEXEC). */
struct fdtable *fdtable_new(void);
struct fdtable *fdtable_copy(struct fdtable *t);
void fdtable_put(struct fdtable *t);        /* close everything when the last user goes */
void fdtable_close_on_exec(struct fdtable *t);
/* Install /dev/console as fds 0, 1, 2 of t (for init). */
int fdtable_open_console(struct fdtable *t);

/* For exec: open a regular file by a kernel-space path relative to the
 * current process's cwd, read from it, close it. */
int vfs_open_kernel(const char *path, int flags, struct file **out);  /* 0 or -errno */
long file_read_at(struct file *f, void *kbuf, size_t n, uint64_t off); /* bytes or -errno */
uint64_t file_size(struct file *f);
bool file_is_executable(struct file *f);
void file_put(struct file *f);

/* The console terminal (kernel/tty.c): input arrives here from the UART. */
void tty_input_char(char c);
#endif
