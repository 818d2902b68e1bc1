/* Reading and writing user memory from the kernel (kernel/uaccess.c).
 * Every function checks that the whole range lies in the user half
 * [USER_BASE, USER_TOP) without wrapping, then copies through the arch's
 * fault-safe routines.  A bad pointer of any kind gives -EFAULT and copies
 * nothing further; the kernel never faults on it. */
#ifndef RINGEL_UACCESS_H
#define RINGEL_UACCESS_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

bool user_range_ok(uintptr_t uaddr, size_t n);
int copy_from_user(void *dst, uintptr_t usrc, size_t n);      /* 0 or -EFAULT */
int copy_to_user(uintptr_t udst, const void *src, size_t n);  /* 0 or -EFAULT */
int clear_user(uintptr_t udst, size_t n);                     /* 0 or -EFAULT */
/* Copy a NUL-terminated string of at most max-1 characters: its length, or
 * -EFAULT, or -ENAMETOOLONG if no NUL within max bytes. */
long strncpy_from_user(char *dst, uintptr_t usrc, size_t max);
/* Fetch the pointer at index i of a user array of pointers (argv/envp). */
int get_user_ptr(uintptr_t uarray, size_t i, uintptr_t *out);
#endif
