/* The host harness of the file system tests (kernel/fs/fs_stubs_test.c). */
#ifndef FS_STUBS_TEST_H
#define FS_STUBS_TEST_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <vfs.h>
#include <uapi.h>

/* user memory */
uintptr_t fst_ualloc(size_t n);
uintptr_t fst_ustr(const char *s);
uintptr_t fst_arena_end(void);
extern uintptr_t fst_hole;              /* a page that faults */
extern int fst_copies;

/* allocation accounting and failure injection */
extern long fst_kmalloc_live, fst_pages_live;
extern long fst_fail_countdown;

/* clock and console output (echo) */
extern uint64_t fst_clock;
extern char fst_out[65536];
extern size_t fst_out_len;
void fst_out_reset(void);

/* sleeping: a hook called instead of blocking; returns 0 (woken) or
 * -EINTR.  Without a hook a sleep is interrupted. */
extern int (*fst_sleep_hook)(const void *chan, uint64_t deadline);
extern int fst_sleeps, fst_wakeups;

/* signals sent */
extern int fst_last_sig, fst_last_sig_pgrp, fst_sig_count;
void fst_reset_signals(void);

/* vfs_init, an fd table and cwd for the current process */
void fst_boot(void);
#endif
