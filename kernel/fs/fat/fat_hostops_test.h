/* fat_test's oracle and outside tools: operations on the host
 * (kernel/fs/fat/fat_hostops_test.c), kept apart from the kernel's headers. */
#ifndef FAT_HOSTOPS_TEST_H
#define FAT_HOSTOPS_TEST_H
#include <stddef.h>
#include <stdbool.h>

struct listing {
	char *names[512];       /* sorted; directories end in '/' */
	int n;
};
void listing_sort(struct listing *l);
void listing_free(struct listing *l);

/* Results are 0 / bytes, or -errno (Linux's numbers, as the kernel's). */
long hs_write_at(const char *p, const void *data, size_t n, long off, bool append, bool creat);
long hs_trunc(const char *p, long size);
long hs_readfile(const char *p, char *buf, size_t max);
long hs_list(const char *p, struct listing *l);
long hs_mkdir(const char *p);
long hs_unlink(const char *p);
long hs_rmdir(const char *p);
long hs_rename(const char *a, const char *b);
/* system(3): the exit status; run_out also catches the output. */
int hs_run(const char *cmd);
int hs_run_out(const char *cmd, char *buf, size_t max);
bool hs_mkdtemp(char *tmpl);
void hs_remove(const char *path);
#endif
