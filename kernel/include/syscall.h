/* System-call dispatch (kernel/syscall.c).  The table itself is generated
 * from kernel/syscalls.tbl for the architecture being built; handlers are
 * declared in the generated <syscalls_gen.h>.  Every entry has a name and
 * a function (calls marked ENOSYS in the table share one that answers
 * -ENOSYS); the numbers in between have neither. */
#ifndef RINGEL_SYSCALL_H
#define RINGEL_SYSCALL_H
#include <stdint.h>

struct syscall_entry {
	const char *name;
	long (*fn)(const uint64_t *args);
	int nargs;
};
extern const struct syscall_entry syscall_table[];

/* Name of syscall nr on this architecture, or NULL. */
const char *syscall_name(uint64_t nr);
#endif
