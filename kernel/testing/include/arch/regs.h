#ifndef ARCH_REGS_H
#define ARCH_REGS_H
#include <stdint.h>
struct arch_regs { uint64_t pc, sp, fp; };
struct arch_context { uint64_t sp; };
struct arch_thread { uint64_t tls; };
#endif
