/* PLACEHOLDER: the arch backend defines the real trap frame here. */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H
#include <stdint.h>
struct arch_regs { uint64_t gpr[31]; uint64_t pc, sp, fp; };
#endif
