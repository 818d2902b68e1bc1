/* Ringel libc: <sys/auxv.h> */
#ifndef _SYS_AUXV_H
#define _SYS_AUXV_H
#include <uapi/auxv.h>      /* AT_ entry types */
unsigned long getauxval(unsigned long type);
#endif
