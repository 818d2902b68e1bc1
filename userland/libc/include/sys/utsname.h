/* Ringel libc: <sys/utsname.h> */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H
#include <sys/types.h>
#include <uapi/utsname.h>   /* struct utsname */
int uname(struct utsname *u);
#endif
