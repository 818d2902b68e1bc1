/* The kernel's own function names, for backtraces.  The table is generated
 * at build time from the first link pass (scripts/gen-ksyms.py). */
#ifndef RINGEL_KSYMS_H
#define RINGEL_KSYMS_H
#include <stdint.h>
/* Name of the function containing addr and the offset into it; NULL if
 * addr is outside the kernel text. */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset);
#endif
