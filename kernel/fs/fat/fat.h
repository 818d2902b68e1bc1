/* FAT12/16/32 with VFAT long names: the pieces' shared structures.
 *
 *  bpb.c    the boot sector and FSInfo: validation, mount, sync, unmount
 *  table.c  the file allocation table: entries, chains, allocation, free count
 *  name.c   names: long-name checks, 8.3 short names with ~N tails, checksums
 *  dir.c    directory slots: scanning with long names, adding, removing
 *  time.c   FAT dates and times to and from the wall clock
 *  file.c   file contents: cluster mapping, read, write, truncate
 *  vnops.c  the vnode operations and the in-memory nodes
 *
 * Every on-disk byte goes through the block cache (<bcache.h>) by byte
 * offset on the device.  All on-disk numbers are little-endian.
 *
 * In memory, a file or directory is a struct fnode, made on first lookup
 * and kept until unmount (or, once unlinked, until its last user goes), so
 * its inode number stays the same for the whole mount.  A node knows
 * where its short entry is (parent directory, slot index), and holds a
 * reference to that parent, so ".." and rewriting the entry need no disk
 * search. */
#ifndef RINGEL_FAT_INTERNAL_H
#define RINGEL_FAT_INTERNAL_H
#include <vfs.h>
#include <fat.h>
#include <blkdev.h>
#include <stdint.h>
#include <stdbool.h>

#define FAT_DIRENT 32u
#define FAT_ATTR_RO 0x01
#define FAT_ATTR_HIDDEN 0x02
#define FAT_ATTR_SYSTEM 0x04
#define FAT_ATTR_VOLUME 0x08
#define FAT_ATTR_DIR 0x10
#define FAT_ATTR_ARCHIVE 0x20
#define FAT_ATTR_LFN 0x0f
#define FAT_CASE_LOWER_BASE 0x08   /* NT's flags in byte 12: show the 8.3 name in lower case */
#define FAT_CASE_LOWER_EXT 0x10
#define FAT_DELETED 0xe5
#define FAT_LFN_LAST 0x40
#define FAT_LFN_CHARS 13
#define FAT_NAME_MAX 255            /* UCS-2 characters of a long name */
#define FAT_MAX_FILE 0xffffffffull
#define FAT_DIR_MAX_SLOTS 65536u    /* the specification's limit for one directory */

/* A short (8.3) directory entry as on disk. */
struct fat_dirent {
	uint8_t name[11];
	uint8_t attr;
	uint8_t ntres;
	uint8_t ctime_cs;
	uint16_t ctime, cdate, adate, first_hi, mtime, mdate, first_lo;
	uint32_t size;
} __attribute__((packed));
_Static_assert(sizeof(struct fat_dirent) == 32, "a FAT directory entry is 32 bytes");

struct fat_lfn {
	uint8_t ord;
	uint16_t n1[5];
	uint8_t attr, type, csum;
	uint16_t n2[6];
	uint16_t zero;
	uint16_t n3[2];
} __attribute__((packed));
_Static_assert(sizeof(struct fat_lfn) == 32, "a long-name slot is 32 bytes");

struct fnode;

struct fatfs {
	struct blkdev *dev;
	bool ro;
	unsigned bits;              /* 12, 16, 32 */
	uint32_t bps, spc, csize;   /* bytes per sector, sectors and bytes per cluster */
	uint32_t nfats;
	uint64_t fat_off, fat_bytes;        /* the first FAT; one FAT's length */
	uint64_t root_off;                  /* FAT12/16: the fixed root directory */
	uint32_t root_slots;
	uint64_t data_off;                  /* cluster 2 */
	uint32_t nclusters;                 /* data clusters: numbers 2 .. nclusters + 1 */
	uint32_t root_cluster;              /* FAT32 */
	uint64_t fsinfo_off;                /* 0: none */
	uint32_t free_count, next_free;
	uint32_t devno;                     /* st_dev */
	uint64_t next_ino;
	struct fnode *nodes;                /* every node in memory */
	struct fnode *root;
	bool complained;                    /* one message per kind of trouble is enough */
};

struct fnode {
	struct vnode v;
	struct fatfs *fs;
	struct fnode *next;         /* fs->nodes */
	struct fnode *parent;       /* referenced; the root's is itself, unreferenced */
	uint32_t slot;              /* its short entry's slot in parent */
	uint32_t first_slot;        /* the first long-name slot (== slot without one) */
	uint32_t first;             /* first cluster, 0 if none */
	uint8_t attr;
	bool is_root;
	bool bad;                   /* a broken chain was found: -EIO from now on */
	bool checked;               /* the chain was walked once (file.c) */
	uint32_t cur_idx, cur_clu;  /* the last cluster mapped (index in the chain, number) */
};

#define FN(v) ((struct fnode *)(v))

/* bpb.c */
void fat_complain(struct fatfs *fs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int fat_write_fsinfo(struct fatfs *fs);

/* table.c */
#define FAT_EOC 0x0fffffffu
uint32_t fat_max_cluster(const struct fatfs *fs);   /* nclusters + 1 */
int fat_get(struct fatfs *fs, uint32_t clu, uint32_t *next);
int fat_set(struct fatfs *fs, uint32_t clu, uint32_t val);
/* Where a chain goes after clu: 0 with *next = 0 at the end of the chain,
 * or -EIO (message given) if the entry is free, bad or out of range. */
int fat_next(struct fatfs *fs, uint32_t clu, uint32_t *next);
/* A free cluster (zeroed when zero), marked end-of-chain, linked after prev
 * (prev 0: none).  -ENOSPC when the disk is full. */
int fat_alloc(struct fatfs *fs, uint32_t prev, bool zero, uint32_t *out);
/* Free the chain from clu on (loops and bad links stop it with -EIO). */
int fat_free_chain(struct fatfs *fs, uint32_t clu);
int fat_count_free(struct fatfs *fs);
uint64_t fat_cluster_off(const struct fatfs *fs, uint32_t clu);

/* file.c: cluster mapping shared with directories */
/* The cluster holding byte range index idx (in clusters) of n's chain;
 * grow: allocate missing clusters (zeroed when zero).  -ENOENT past the
 * chain's end when not growing, -EIO on a broken chain. */
int fat_bmap(struct fnode *n, uint32_t idx, bool grow, bool zero, uint32_t *clu);
/* Length of n's chain in clusters (-EIO if broken). */
long fat_chain_len(struct fnode *n);
long fat_file_read(struct fnode *n, struct uio *u, uint64_t off);
long fat_file_write(struct fnode *n, struct uio *u, uint64_t off);
int fat_file_truncate(struct fnode *n, uint64_t size);

/* name.c */
/* A long name in UTF-8 to UCS-2 (trailing dots dropped, as Linux's vfat
 * does).  Its length, or -EINVAL (a character FAT cannot hold), -ENAMETOOLONG. */
int fat_name_to_ucs(const char *name, size_t len, uint16_t *ucs);
/* UCS-2 to UTF-8 into out (3 * FAT_NAME_MAX + 1 bytes); the length. */
size_t fat_ucs_to_utf8(const uint16_t *ucs, size_t n, char *out);
bool fat_ucs_eq_nocase(const uint16_t *a, size_t an, const uint16_t *b, size_t bn);
/* The 8.3 form of a long name when it is one exactly (upper case, legal
 * characters, 8 + 3): then no long-name slots are needed. */
bool fat_exact_short(const uint16_t *ucs, size_t n, uint8_t out[11]);
/* The basis of a generated short name (spec's "basis-name"); *lossy when
 * characters were dropped or changed. */
void fat_short_basis(const uint16_t *ucs, size_t n, uint8_t out[11]);
/* Put "~N" into an 8.3 name. */
void fat_short_tail(uint8_t name[11], unsigned n);
uint8_t fat_short_csum(const uint8_t name[11]);
/* The displayed name of a short entry (case flags applied): length. */
size_t fat_short_display(const struct fat_dirent *e, char *out);

/* dir.c */
struct fat_found {
	struct fat_dirent e;
	uint32_t slot, first_slot;
	char name[3 * FAT_NAME_MAX + 1];
	size_t len;
};
/* Call fn for each live entry of d from slot *pos on (volume labels and
 * "."/".." skipped); fn returns nonzero to stop at that entry (then *pos is
 * its first slot).  0, or -EIO. */
int fat_dir_scan(struct fnode *d, uint32_t *pos, int (*fn)(void *ctx, struct fat_found *f), void *ctx);
int fat_dir_find(struct fnode *d, const char *name, size_t len, struct fat_found *out);
/* Add an entry for a long name with e's fields (name filled here). */
int fat_dir_add(struct fnode *d, const char *name, size_t len, struct fat_dirent *e,
		uint32_t *slot, uint32_t *first_slot);
int fat_dir_remove(struct fnode *d, uint32_t first_slot, uint32_t slot);
int fat_dir_read_slot(struct fnode *d, uint32_t slot, struct fat_dirent *e);
int fat_dir_write_slot(struct fnode *d, uint32_t slot, const struct fat_dirent *e);
/* true if d has no entries but "." and ".."; -EIO as error */
int fat_dir_empty(struct fnode *d);
/* Make "." and ".." in a new directory's first cluster. */
int fat_dir_init(struct fatfs *fs, uint32_t clu, uint32_t parent_clu, const struct fat_dirent *tmpl);

/* time.c */
uint64_t fat_now_ns(void);
struct fat_stamp {
	uint16_t date, time;
	uint8_t cs;         /* hundredths over the two-second step */
};
struct fat_stamp fat_time_make(uint64_t ns);
uint64_t fat_time_get(uint16_t date, uint16_t time, uint8_t cs);

/* vnops.c */
extern const struct vnode_ops fat_vnode_ops;
struct fnode *fat_node_new(struct fatfs *fs, struct fnode *parent, const struct fat_found *f);
/* Write n's size, first cluster and times into its entry. */
int fat_node_update(struct fnode *n);
void fat_node_free_all(struct fatfs *fs);

static inline uint32_t fat_dirent_first(const struct fat_dirent *e, const struct fatfs *fs)
{
	uint32_t c = e->first_lo;
	if (fs->bits == 32)
		c |= (uint32_t)e->first_hi << 16;
	return c;
}

static inline void fat_dirent_set_first(struct fat_dirent *e, uint32_t c)
{
	e->first_lo = (uint16_t)c;
	e->first_hi = (uint16_t)(c >> 16);
}
#endif
