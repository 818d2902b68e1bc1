/* rings: the per-architecture half (userland/bin/arch/<arch>/rings_arch.c). */
#ifndef BIN_RINGS_H
#define BIN_RINGS_H
#include <stdbool.h>

struct priv_op {
	const char *name;       /* the instruction as written in assembly */
	void (*run)(void);      /* executes it once (it should never return) */
};

extern const char rings_user_level[];        /* "ring 3" / "EL0" */
extern const struct priv_op rings_ops[];     /* ends with name == NULL */
/* What the hardware did, from the signal the kernel made of it. */
const char *rings_trap_name(int sig, int code);
/* How user code itself can (or cannot) learn its privilege level: prints a
 * few lines; may use rings_try() for an instruction that traps. */
void rings_user_view(void);

/* Run op in a child; fills *sig and *code (sig 0: no trap).  Returns
 * false if the child could not be run. */
bool rings_try(const struct priv_op *op, int *sig, int *code);
#endif
