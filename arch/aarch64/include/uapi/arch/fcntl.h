/* The open flags whose values are particular to AArch64 (asm-generic's). */
#ifndef UAPI_ARCH_FCNTL_H
#define UAPI_ARCH_FCNTL_H
#define O_DIRECTORY 040000
#define O_NOFOLLOW  0100000
#define O_DIRECT    0200000
#define O_LARGEFILE 0400000
#endif
