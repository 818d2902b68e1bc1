/* Integer constants written once and used from C, assembly and the linker
 * scripts (which are run through the C preprocessor with __ASSEMBLER__
 * defined): UL() adds the unsigned-long suffix only where C needs it. */
#ifndef RINGEL_CONST_H
#define RINGEL_CONST_H

#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##UL
#endif

#endif
