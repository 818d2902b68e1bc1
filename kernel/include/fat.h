/* The FAT file system (kernel/fs/fat/): FAT12, FAT16 and FAT32 with VFAT
 * long names, read-write, on a block device through the block cache. */
#ifndef RINGEL_FAT_H
#define RINGEL_FAT_H
#include <stdbool.h>

struct vnode;
struct blkdev;

/* Read d's boot sector and mount it: *root is the root directory
 * (referenced).  readonly forces a read-only mount; damage that makes
 * writing unsafe (a truncated image) makes it read-only too, with a
 * message, and *readonly_out says so.  0, or -EINVAL (not a FAT file
 * system: the reason is printed), -EIO, -ENOMEM. */
int fat_mount(struct blkdev *d, bool readonly, struct vnode **root, bool *readonly_out);
/* Write everything dirty of the file system (FSInfo too) and flush. */
int fat_sync(struct vnode *root);
/* Sync, then free the file system: -EBUSY (nothing done) while a file or
 * directory in it is in use; the caller's reference to root is taken. */
int fat_unmount(struct vnode *root);
/* The block device a FAT vnode lives on. */
struct blkdev *fat_device(struct vnode *v);
#endif
