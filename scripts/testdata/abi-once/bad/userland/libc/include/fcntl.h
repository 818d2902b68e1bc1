/* fixture: the libc carries its own copy of a uapi number */
#ifndef _FCNTL_H
#define _FCNTL_H
#define O_SAMPLE 0100
#endif
