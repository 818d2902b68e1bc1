/* Ringel libc, AArch64: the relocation a static-PIE applies to itself. */
#define __R_RELATIVE 1027     /* R_AARCH64_RELATIVE: *where = base + addend */
