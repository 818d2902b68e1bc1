/* The open flags whose values are particular to x86-64. */
#ifndef UAPI_ARCH_FCNTL_H
#define UAPI_ARCH_FCNTL_H
#define O_DIRECT    040000
#define O_LARGEFILE 0100000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW  0400000
#endif
