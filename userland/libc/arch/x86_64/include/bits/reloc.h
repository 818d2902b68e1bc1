/* Ringel libc, x86-64: the relocation a static-PIE applies to itself. */
#define __R_RELATIVE 8        /* R_X86_64_RELATIVE: *where = base + addend */
