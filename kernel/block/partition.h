/* Partition tables, read without trusting them (partition.c): MBR with
 * extended partitions, and GPT with its backup header.  Portable and free
 * of the kernel's other parts, so the host tests and the fuzzer run it. */
#ifndef RINGEL_PARTITION_H
#define RINGEL_PARTITION_H
#include <stdint.h>
#include <stddef.h>

#define PART_MAX 128          /* partitions one table may list */
#define PART_WHY_MAX 160      /* room for the message of a refused table */

/* Read count 512-byte sectors from sector first of the disk: 0, or nonzero
 * on an error. */
typedef int (*part_read_fn)(void *ctx, uint64_t first, void *buf, size_t count);

struct part_entry {
	unsigned number;      /* Linux's: MBR slot 1-4, logical 5..; GPT entry index + 1 */
	uint64_t first;       /* in sectors from the disk's start */
	uint64_t nsectors;
};

struct part_table {
	const char *kind;     /* "none", "mbr", "gpt" */
	unsigned n;
	struct part_entry e[PART_MAX];
	char note[PART_WHY_MAX];   /* something worth telling though accepted ("" if not) */
};

/* Read the table of a disk of nsectors sectors.  0: t filled (kind "none"
 * and n = 0 when the disk has no table).  -1: the table is unreadable or
 * garbled; why says how, and nothing should be registered. */
int partition_parse(part_read_fn read, void *ctx, uint64_t nsectors, struct part_table *t,
		    char *why, size_t whylen);
#endif
